"""File > Export > PDF Report, and the chart images it shares with
File > Export > Chart Images.

The report is HTML laid out by a :class:`QTextDocument` and printed by
:class:`QPdfWriter` (no browser engine): the title, the sample's note when
the project has one, the framework (codes, English and Chinese names,
weights, directions), the method in words with its formulas, the results
of every node in the last period (score, change since the base period,
average annual growth, rank), the composite index by period, and the
charts as images.  Fonts: DejaVu Sans for Latin text with WenQuanYi Micro
Hei for Chinese (Qt embeds the subsets it uses in the PDF).

The report's language is a parameter ('en' or 'zh_CN', by default the
interface's): its wording is kept here in both languages, like the
results workbook's README (core/exporting/texts.py), so that a Chinese report
does not wait for the interface's translations.

Charts are drawn by a :class:`~gui.charts.panel.ChartPanel` built for the
export, off screen and at a fixed size (:func:`offscreen_charts`), so
that images do not depend on how the window happens to be laid out; it
shows the unit, period and compared units chosen in the window's panel.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import html
import logging
import math
import re

import numpy as np
import shiboken6
from PySide6.QtCore import QMarginsF, Qt, QUrl
from PySide6.QtGui import QFont, QFontDatabase, QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from core.atomic import atomic_output
from core.exporting.texts import readme_lines

from gui.base import i18n
from gui.charts.export import render_image

log = logging.getLogger(__name__)

CHART_SIZE = (760, 470)         # logical pixels of an exported chart (scale 1)
REPORT_CHART_SCALE = 2          # charts in the PDF at twice that, for print
LATIN_FONT, CJK_FONT = "DejaVu Sans", "WenQuanYi Micro Hei"
MAX_PERIOD_UNITS = 50           # units in the table of the index by period
IMAGE_WIDTH = 620               # document pixels of a chart in the report (page text width ~ 640)

WORDS = {
    "report": ("CoIndex report", "CoIndex 报告"),
    "written": ("Written by CoIndex on {0}.", "由 CoIndex 于 {0} 生成。"),
    "size": ("{0} unit(s), {1} period(s), {2} indicators in {3} aggregates.",
             "{0} 个单元，{1} 个时期，{2} 个指标，{3} 个汇总项。"),
    "framework": ("Framework", "指标体系"),
    "code": ("Code", "代码"), "name": ("Name", "名称"), "name_zh": ("Chinese name", "中文名称"),
    "name_en": ("English name", "英文名称"), "unit": ("Unit of measure", "计量单位"),
    "weight": ("Weight", "权重"), "share": ("Share of the index (%)", "占总指数比重（%）"),
    "direction": ("Direction", "方向"), "up": ("+", "正向"), "down": ("−", "逆向"),
    "directions": ("Direction: + more is better, − less is better. Weights are relative to their siblings.",
                   "方向：正向指标越大越好，逆向指标越小越好。权重为同级之间的相对权重。"),
    "method": ("Method", "方法"),
    "results": ("Results", "结果"),
    "results_of": ("{0}: results in {1}", "{0}：{1} 年结果"),
    "score": ("Score", "得分"), "change": ("Change since {0} (%)", "较 {0} 年变化（%）"),
    "growth": ("Average annual growth {0}–{1} (%)", "{0}–{1} 年均增长（%）"),
    "rank": ("Rank", "排名"), "of_units": ("of {0}", "/ {0}"),
    "ranking": ("Units ranked by {0} in {1}", "{1} 年各单元{0}排名"),
    "by_period": ("{0} by period", "{0}各时期得分"),
    "unit_col": ("Unit", "单元"),
    "charts": ("Charts", "图表"),
    "warnings": ("Notes from the computation", "计算提示"),
    "no_charts": ("(The charts could not be drawn: {0})", "（无法绘制图表：{0}）"),
}


# the results workbook's method text refers to its sheets: not in a report
_WORKBOOK_ASIDE = re.compile(r"\s*[(（][^()（）]*(?:sheet|表)[^()（）]*[)）]")
_WORKBOOK_LINE = re.compile(r"\b(?:Stats|Framework|Data) (?:sheet|表)|(?:Stats|Framework|Data) 表")


def report_language(language: str | None = None) -> str:
    """'en' or 'zh_CN': the given language, else the interface's."""
    return i18n.normalise(language or i18n.current_language())


class _Words:
    def __init__(self, language):
        self.zh = report_language(language) == i18n.CHINESE

    def __call__(self, key, *args):
        text = WORDS[key][1 if self.zh else 0]
        return text.format(*args) if args else text

    def name(self, node) -> str:
        if self.zh and (node.name_zh or "").strip():
            return node.name_zh
        return node.name or node.code

    def unit(self, project, u) -> str:
        ds = project.dataset
        code, name = ds.unit_codes[u], ds.unit_names[u]
        if self.zh:
            name = ((project.app_state or {}).get("unit_name_zh") or {}).get(code) or name
        return str(name or code)

    def info(self, info, key) -> str:
        info = info or {}
        return str((info.get(key + "_zh") if self.zh else None) or info.get(key) or "")


def _e(text) -> str:
    return html.escape(str(text), quote=False)


def _num(x, decimals=2) -> str:
    return "—" if x is None or not math.isfinite(x) else f"{x:,.{decimals}f}"


def _table(heads, rows, align=None, indent=None, widths=None, bold=None) -> str:
    """An HTML table; ``align`` per column ('l' / 'r'); ``indent`` per row
    (levels, applied to the second column); ``widths`` in % per column;
    ``bold`` per row."""
    align = align or ["l"] * len(heads)
    widths = widths or [None] * len(heads)
    out = ['<table class="grid" cellspacing="0" cellpadding="3" width="100%"><tr>']
    out += [f'<th align="{"right" if a == "r" else "left"}"{f" width={wd}%" if wd else ""}>{_e(h)}</th>'
            for h, a, wd in zip(heads, align, widths)]
    out.append("</tr>")
    for k, row in enumerate(rows):
        out.append('<tr bgcolor="#f0f3f7">' if k % 2 else "<tr>")
        for c, (cell, a) in enumerate(zip(row, align)):
            pad = f' style="padding-left: {3 + 10 * indent[k]}px"' if indent is not None and c == 1 else ""
            text = f"<b>{_e(cell)}</b>" if bold is not None and bold[k] else _e(cell)
            out.append(f'<td align="{"right" if a == "r" else "left"}"{pad}>{text}</td>')
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


# ---- the report's HTML --------------------------------------------------------------------------------
# banded rows, no cell borders: Qt lays out collapsed cell borders about
# 2.5 times slower (a 50-unit report: 12 s instead of 5 s)
_STYLE = ("<style>h1 { font-size: 16pt; } h2 { font-size: 13pt; margin-top: 14px; } h3 { font-size: 10.5pt; } "
          "table.grid { margin-bottom: 8px; } "
          "table.grid th { background-color: #d5e2f0; font-size: 8pt; } "
          "table.grid td { font-size: 8pt; } "
          "table.note { background-color: #fff4d6; border: 1px solid #e0c060; }</style>")


class _Tree:
    """The framework's rows in tree order: ``order`` (code, depth),
    ``aggregate`` per row and the code column's width in %."""

    def __init__(self, fw):
        from gui.sheets.results_rows import tree_order
        self.order = tree_order(fw)
        self.aggregate = [not fw[c].is_indicator for c, _ in self.order]
        self.code_width = int(min(16, max(6, 1.3 * max((len(c) for c, _ in self.order), default=4) + 2)))

    @property
    def depths(self) -> list:
        return [d for _, d in self.order]


def report_html(project, language: str | None = None, charts=(), chart_error: str = "") -> str:
    """The report as HTML; ``charts`` are (resource name, title) of images
    added to the document as resources."""
    w = _Words(language)
    tree = _Tree(project.framework)
    parts = _heading_html(project, w)
    parts += _framework_html(project, w, tree)
    parts += _method_html(project, w)
    parts += _results_html(project, w, tree)
    parts += _charts_html(w, charts, chart_error)
    parts += _warnings_html(project, w)
    return f"<html><head>{_STYLE}</head><body>{''.join(parts)}</body></html>"


def _heading_html(project, w) -> list:
    """The title, the project's note and the data's size."""
    fw, ds = project.framework, project.dataset
    title = w.info(project.info, "title") or w("report")
    note = w.info(project.info, "note")
    parts = [f"<h1>{_e(title)}</h1>"]
    if note:
        parts.append(f'<table class="note" cellpadding="6" width="100%"><tr><td>{_e(note)}</td></tr></table>')
    parts.append(f"<p>{_e(w('written', _dt.date.today().isoformat()))} "
                 f"{_e(w('size', len(ds.unit_codes), len(ds.periods), len(fw.indicator_codes), len(fw.aggregate_codes)))}"
                 "</p>")
    return parts


def _framework_html(project, w, tree) -> list:
    """The framework table: codes, names, units, weights, shares and directions."""
    fw, st = project.framework, project.settings
    code_width = tree.code_width
    equal = st.weighting == "equal"
    shares = fw.effective_weights(equal=equal)
    rows = []
    for code, _depth in tree.order:
        node = fw[code]
        weight = 1.0 if equal and node.parent is not None else node.weight
        rows.append([code, node.name, node.name_zh, node.unit, _num(weight, 3), _num(100 * shares.get(code, math.nan), 1),
                     w("up") if node.direction >= 0 else w("down")])
    parts = [f"<h2>{_e(w('framework'))}</h2>"]
    parts.append(_table([w("code"), w("name_en"), w("name_zh"), w("unit"), w("weight"), w("share"), w("direction")],
                        rows, ["l", "l", "l", "l", "r", "r", "l"], tree.depths, [code_width, 37 - code_width, 22, 15, 8, 10, 8],
                        tree.aggregate))
    parts.append(f"<p>{_e(w('directions'))}</p>")
    return parts


def _method_html(project, w) -> list:
    """The method: the results workbook's own words, without its sheet-specific parts."""
    ds = project.dataset
    parts = [f"<h2>{_e(w('method'))}</h2>"]
    lines = readme_lines(project.engine, "zh" if w.zh else "en", project.info or {}, [], ds.has_time,
                         len(ds.periods) > 1)
    start = next((k for k, (kind, _t) in enumerate(lines) if kind == "head"), None)
    if start is not None:
        for kind, text in lines[start + 1:]:
            if kind == "head":
                break
            text = _WORKBOOK_ASIDE.sub("", text)
            if text and not _WORKBOOK_LINE.search(text):
                parts.append(f"<p>{_e(text)}</p>")
    return parts


def _results_html(project, w, tree) -> list:
    """The results in the last period: the ranking, each unit's table and
    the index by period (when there are units and periods)."""
    ds, fw = project.dataset, project.framework
    T = len(ds.periods)
    if not (T and ds.unit_codes):
        return []
    periods = ["" if p is None else str(p) for p in ds.periods]
    parts = [f"<h2>{_e(w('results'))}</h2>"]
    root = fw.root
    units = [w.unit(project, u) for u in range(len(ds.unit_codes))]
    if root is not None and len(units) > 1:
        parts += _ranking_html(project, w, units, periods)
    parts += _unit_results_html(project, w, tree, units, periods)
    if root is not None and T > 1:
        parts += _by_period_html(project, w, units, periods)
    return parts


def _ranking_html(project, w, units, periods) -> list:
    """The units ranked by the index in the last period."""
    engine, fw = project.engine, project.framework
    last, root = len(periods) - 1, fw.root
    panel = len(periods) > 1
    base = periods[engine.growth_base]
    scores = engine.score(root)[:, last]
    ranks = engine.rank(root)[:, last]
    change = engine.change_since_base(root)[:, last]
    order_u = sorted(range(len(units)), key=lambda u: (not math.isfinite(ranks[u]), ranks[u]))
    heads = [w("rank"), w("unit_col"), w("score")] + ([w("change", base)] if panel else [])
    return [f"<h3>{_e(w('ranking', w.name(fw[root]), periods[last]))}</h3>",
            _table(heads, [[_num(ranks[u], 0), units[u], _num(scores[u])]
                           + ([_num(change[u])] if panel else []) for u in order_u],
                   ["r", "l", "r", "r"], None, [8, 52, 20, 20] if panel else [8, 62, 30])]


def _unit_results_html(project, w, tree, units, periods) -> list:
    """One table per unit: every node's score, change and growth (several
    periods) and rank (several units) in the last period."""
    from gui.sheets.results_rows import node_results
    engine, fw = project.engine, project.framework
    last = len(periods) - 1
    panel = len(periods) > 1
    base = periods[engine.growth_base]
    rows_idx = np.array([engine.index[c] for c, _ in tree.order], dtype=int)
    keep = [0] + ([1, 2] if panel else []) + ([3] if len(units) > 1 else [])
    heads = [w("code"), w("name")] + [[w("score"), w("change", base), w("growth", periods[0], periods[last]),
                                       w("rank")][k] for k in keep]
    widths = [tree.code_width, 45] + [[10, 14, 16, 8][k] for k in keep]
    widths[1] += 100 - sum(widths)
    parts = []
    for u, unit in enumerate(units):
        values = node_results(engine, rows_idx, u, last)
        rows = [[code, w.name(fw[code])] + [_num(v[k], 0 if k == 3 else 2) for k in keep]
                for (code, _d), v in zip(tree.order, values)]
        parts.append(f"<h3>{_e(w('results_of', unit, periods[last]))}</h3>")
        parts.append(_table(heads, rows, ["l", "l"] + ["r"] * len(keep), tree.depths, widths, tree.aggregate))
    return parts


def _by_period_html(project, w, units, periods) -> list:
    """The index and its children by period, for the first units."""
    engine, fw = project.engine, project.framework
    T, root = len(periods), fw.root
    top = [root] + fw.children(root)
    rows = []
    several = len(units) > 1
    for u, unit in enumerate(units[:MAX_PERIOD_UNITS]):
        for k, code in enumerate(top):
            label = [unit if k == 0 else ""] if several else []
            rows.append(label + [f"{code} {w.name(fw[code])}"] + [_num(x) for x in engine.score(code)[u]])
    heads = ([w("unit_col")] if several else []) + [w("name")] + periods
    return [f"<h3>{_e(w('by_period', w.name(fw[root])))}</h3>",
            _table(heads, rows, ["l"] * (len(heads) - T) + ["r"] * T)]


def _charts_html(w, charts, chart_error) -> list:
    """The charts' images, or why they could not be drawn."""
    parts = []
    if charts or chart_error:
        parts.append(f"<h2>{_e(w('charts'))}</h2>")
        for name, chart_title in charts:
            parts.append(f'<p align="center"><img src="{_e(name)}" width="{IMAGE_WIDTH}" '
                         f'alt="{html.escape(chart_title)}"></p>')
        if chart_error:
            parts.append(f"<p><i>{_e(w('no_charts', chart_error))}</i></p>")
    return parts


def _warnings_html(project, w) -> list:
    """The computation's first 20 warnings."""
    warnings = [str(x.get("message", "")) for x in project.engine.warnings][:20]
    if warnings:
        return [f"<h2>{_e(w('warnings'))}</h2><ul>" + "".join(f"<li>{_e(m)}</li>" for m in warnings) + "</ul>"]
    return []


def report_font(language: str | None = None) -> QFont:
    """Latin text in DejaVu Sans, Chinese in WenQuanYi Micro Hei (the
    first family of each present on the system)."""
    have = set(QFontDatabase.families())
    cjk_first = report_language(language) == i18n.CHINESE
    families = [CJK_FONT, LATIN_FONT] if cjk_first else [LATIN_FONT, CJK_FONT]
    font = QFont()
    font.setFamilies([f for f in families if f in have] or [font.family()])
    font.setPointSizeF(9.0)
    return font


def build_report(project, language: str | None = None, images=(), chart_error: str = "") -> QTextDocument:
    """The report as a QTextDocument; ``images`` are (title, QImage)."""
    doc = QTextDocument()
    doc.setDefaultFont(report_font(language))
    charts = []
    for k, (chart_title, image) in enumerate(images):
        name = f"chart{k + 1}.png"
        doc.addResource(QTextDocument.ImageResource, QUrl(name), image)
        charts.append((name, chart_title))
    doc.setHtml(report_html(project, language, charts, chart_error))
    return doc


def write_pdf_report(project, path, language: str | None = None, images=(), chart_error: str = "") -> None:
    """Write the report of ``project`` to ``path`` (atomically)."""
    w = _Words(language)
    doc = build_report(project, language, images, chart_error)
    with atomic_output(path) as tmp:
        writer = QPdfWriter(tmp)
        writer.setTitle(w.info(project.info, "title") or w("report"))
        writer.setCreator("CoIndex")
        writer.setPageSize(QPageSize(QPageSize.A4))
        # QTextDocument.print_ adds its own 2 cm margin and the page numbers
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter)
        doc.print_(writer)
        del writer                      # the file is complete once the writer is gone


# ---- charts drawn for export ---------------------------------------------------------------------------
def chart_slug(chart) -> str:
    """'index', 'dimensions', ... from the chart's class (file names that
    do not change with the language)."""
    name = type(chart).__name__.removesuffix("Chart") or "chart"
    name = {"Composite": "index", "Index": "index", "Dimension": "dimensions", "Contribution": "contributions"}.get(
        name, name)
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def chart_title(chart) -> str:
    """The chart's full title, or its slug when it has none."""
    return chart.title() or chart_slug(chart)


@contextlib.contextmanager
def offscreen_charts(document, source=None, size=CHART_SIZE):
    """Yield the charts of a ChartPanel built for ``document`` off screen,
    each ``size`` logical pixels, showing what ``source`` (the window's
    ChartPanel, if any) shows; the ranking only with several units."""
    from PySide6.QtWidgets import QApplication

    from gui.charts.panel import ChartPanel
    panel = ChartPanel(document)
    charts = []
    try:
        if source is not None:
            for getter, setter in (("unit", "set_unit"), ("period", "set_period")):
                value = getattr(source, getter, lambda: -1)()
                if value is not None and value >= 0:
                    getattr(panel, setter)(value)
            compared = getattr(getattr(source, "compare_box", None), "checked_units", None)
            if callable(compared):
                panel.set_compared_units(compared())
        several = panel.several_units()
        charts = [c for c in panel.charts() if several or c is not getattr(panel, "ranking_chart", None)]
        for chart in charts:
            chart.setParent(None)
            chart.setAttribute(Qt.WA_DontShowOnScreen, True)
            chart.resize(*size)
            chart.show()
        QApplication.processEvents()
        yield charts
    finally:
        # deleted now, not later: an event before a deferred delete (a
        # language change) would reach charts whose items are gone
        for chart in charts:
            chart.hide()
            chart.close()
            shiboken6.delete(chart)
        shiboken6.delete(panel)


def chart_images(document, source=None, scale: float = REPORT_CHART_SCALE) -> list[tuple[str, QImage]]:
    """(title, image) of every chart, drawn off screen."""
    with offscreen_charts(document, source) as charts:
        return [(chart_title(chart), render_image(chart, scale)) for chart in charts]


def chart_panel_of(window):
    """The window's ChartPanel when it is built (a pane may be pending)."""
    pane = getattr(window, "pane", None)
    widget = pane("chartsPane") if callable(pane) else None
    return widget if widget is not None and hasattr(widget, "charts") else None


def safe_chart_images(document, source=None):
    """``(images, error)``: the charts, or none and why (the report is
    still written without them)."""
    try:
        return chart_images(document, source), ""
    except Exception as e:          # a chart that cannot be drawn must not lose the report
        log.exception("drawing the charts for the report failed")
        return [], f"{type(e).__name__}: {e}"

