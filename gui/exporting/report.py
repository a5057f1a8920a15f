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

Charts are drawn off screen by :mod:`gui.exporting.offscreen`, on white
and at the width they are printed at (so that their legends and axes
print at the size they have on screen).  The document is laid out and
paged by :func:`gui.exporting.paging.print_document`: a heading that would end a page moves
to the next with what follows it, tables repeat their header row on every
page and their columns are at least as wide as their longest word.
"""
from __future__ import annotations

import datetime as _dt
import html
import logging
import math
import re

import numpy as np
from PySide6.QtCore import QMarginsF, QUrl
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from core.pipeline.weights import effective
from core.atomic import atomic_output
from core.exporting.texts import readme_lines
from core.text import unit_name

from gui.base import i18n
from gui.base.formatting import node_score_decimals
# (CHART_SIZE, chart_panel_of, chart_slug, offscreen_charts: imported from here by the window and tests)
from gui.exporting.offscreen import (CHART_SIZE, chart_images, chart_panel_of, chart_slug,  # noqa: F401
                                     offscreen_charts, print_palette)
from gui.exporting.paging import print_document

log = logging.getLogger(__name__)

LATIN_FONT, CJK_FONT = "DejaVu Sans", "WenQuanYi Micro Hei"
MAX_PERIOD_UNITS = 50           # units in the table of the index by period
IMAGE_WIDTH = 620               # document pixels (1/96 inch) of a chart in the report (text width ~ 640)
REPORT_CHART_SIZE = (IMAGE_WIDTH, 400)   # charts drawn at the size they are printed at: text keeps its size
REPORT_CHART_SCALE = 3          # and three times as many pixels, for print (about 290 dpi)
TEXT_WIDTH = 643                # document pixels between the margins of an A4 page (17 cm)

WORDS = {
    "report": ("CoIndex report", "CoIndex 报告"),
    "written": ("Written by CoIndex on {0}.", "由 CoIndex 于 {0} 生成。"),
    "size": ("{0}, {1}, {2} in {3}.", "{0}，{1}，{2}，{3}。"),
    "n_units": (("{0} unit", "{0} units"), "{0} 个单元"), "n_periods": (("{0} period", "{0} periods"), "{0} 个时期"),
    "n_indicators": (("{0} indicator", "{0} indicators"), "{0} 个指标"),
    "n_aggregates": (("{0} aggregate", "{0} aggregates"), "{0} 个汇总项"),
    "page": ("Page {0} of {1}", "第 {0} 页，共 {1} 页"),
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
# the workbook's line of the data's size: the report says it (in good English) under its title
_SIZE_LINE = re.compile(r"^[\d,]+ (?:units?, |个单元)")


def report_language(language: str | None = None) -> str:
    """'en' or 'zh_CN': the given language, else the interface's."""
    return i18n.normalise(language or i18n.current_language())


class _Words:
    def __init__(self, language):
        self.zh = report_language(language) == i18n.CHINESE
        self.font = report_font(language)

    def count(self, key, n: int) -> str:
        """'1 unit', '2 units' (Chinese has one form)."""
        text = WORDS[key][1 if self.zh else 0]
        if isinstance(text, tuple):
            text = text[0 if n == 1 else 1]
        return text.format(f"{n:,}")

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


_WORD = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+")
CELL_PAD = 10                   # document pixels of a cell's padding (3 a side) and a little room


def _longest_word(text, metrics: QFontMetricsF) -> float:
    """Width of the widest piece a line may not break inside (a word; a
    single Chinese character)."""
    return max((metrics.horizontalAdvance(word) for word in _WORD.findall(str(text))), default=0.0)


def fit_widths(heads, rows, wanted=None, font: QFont | None = None, indent=None) -> list[int]:
    """Column widths in % of the text width: as ``wanted`` (default: equal)
    but each at least as wide as its longest word (headers in bold), so
    that no word is split; the room comes from the columns wider than
    they need."""
    n = len(heads)
    font = QFont(font or report_font())
    font.setPointSizeF(8.0)
    bold = QFont(font)
    bold.setBold(True)
    plain = strong = QFontMetricsF(bold)           # aggregates' rows are bold: measure bold
    need = [_longest_word(h, strong) for h in heads]
    for k, row in enumerate(rows):
        for c, cell in enumerate(row[:n]):
            extra = 10 * indent[k] if indent is not None and c == 1 else 0
            need[c] = max(need[c], _longest_word(cell, plain) + extra)
    mins = [100.0 * (x + CELL_PAD) / TEXT_WIDTH for x in need]
    want = [float(x) for x in (wanted or [100.0 / n] * n)]
    widths = [max(a, b) for a, b in zip(want, mins)]
    excess = sum(widths) - 100.0
    spare = sum(w - m for w, m in zip(widths, mins))
    if excess > 0 and spare > 0:
        take = min(1.0, excess / spare)
        widths = [w - (w - m) * take for w, m in zip(widths, mins)]
    return [max(1, int(round(w))) for w in widths]


def _table(heads, rows, align=None, indent=None, widths=None, bold=None, font=None) -> str:
    """An HTML table whose header row repeats on every page; ``align``
    per column ('l' / 'r'); ``indent`` per row (levels, applied to the
    second column); ``widths`` wanted in % per column (see
    :func:`fit_widths`); ``bold`` per row."""
    align = align or ["l"] * len(heads)
    widths = fit_widths(heads, rows, widths, font, indent)
    out = ['<table class="grid" cellspacing="0" cellpadding="3" width="100%"><thead><tr>']
    out += [f'<th align="{"right" if a == "r" else "left"}" width={wd}%>{_e(h)}</th>'
            for h, a, wd in zip(heads, align, widths)]
    out.append("</tr></thead>")
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
                 f"{_e(w('size', w.count('n_units', len(ds.unit_codes)), w.count('n_periods', len(ds.periods)), w.count('n_indicators', len(fw.indicator_codes)), w.count('n_aggregates', len(fw.aggregate_codes))))}"
                 "</p>")
    return parts


def _framework_html(project, w, tree) -> list:
    """The framework table: codes, names, units, weights, shares and
    directions (a column no node fills, such as Chinese names, is left out)."""
    fw, st = project.framework, project.settings
    code_width = tree.code_width
    equal = st.weighting == "equal"
    used = project.engine.node_weights()         # after the weighting method (entropy, AHP ...)
    shares = effective(fw, used)
    raw = {k: float(x) for c in fw.aggregate_codes for k, x in zip(fw.children(c), project.engine.weights[c])}
    rows = []
    for code, _depth in tree.order:
        node = fw[code]
        weight = raw.get(code, 1.0 if equal else node.weight)
        rows.append([code, node.name, node.name_zh, unit_name(node.unit), _num(weight, 3), _num(100 * shares.get(code, math.nan), 1),
                     w("up") if node.direction >= 0 else w("down")])
    heads = [w("code"), w("name_en"), w("name_zh"), w("unit"), w("weight"), w("share"), w("direction")]
    align = ["l", "l", "l", "l", "r", "r", "l"]
    widths = [code_width, 37 - code_width, 22, 15, 8, 10, 8]
    keep = [c for c in range(len(heads)) if c < 2 or c > 3 or any(str(row[c] or "").strip() for row in rows)]
    parts = [f"<h2>{_e(w('framework'))}</h2>"]
    parts.append(_table([heads[c] for c in keep], [[row[c] for c in keep] for row in rows], [align[c] for c in keep],
                        tree.depths, [widths[c] for c in keep], tree.aggregate, w.font))
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
            if text and not _WORKBOOK_LINE.search(text) and not _SIZE_LINE.search(text):
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
    d = node_score_decimals(project, root)
    return [f"<h3>{_e(w('ranking', w.name(fw[root]), periods[last]))}</h3>",
            _table(heads, [[_num(ranks[u], 0), units[u], _num(scores[u], d)]
                           + ([_num(change[u])] if panel else []) for u in order_u],
                   ["r", "l", "r", "r"], None, [8, 52, 20, 20] if panel else [8, 62, 30], font=w.font)]


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
    decimals = {code: node_score_decimals(project, code) for code, _ in tree.order}
    for u, unit in enumerate(units):
        values = node_results(engine, rows_idx, u, last)
        rows = [[code, w.name(fw[code])] + [_num(v[k], (decimals[code], 2, 2, 0)[k]) for k in keep]
                for (code, _d), v in zip(tree.order, values)]
        parts.append(f"<h3>{_e(w('results_of', unit, periods[last]))}</h3>")
        parts.append(_table(heads, rows, ["l", "l"] + ["r"] * len(keep), tree.depths, widths, tree.aggregate, w.font))
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
            d = node_score_decimals(project, code)
            rows.append(label + [f"{code} {w.name(fw[code])}"] + [_num(x, d) for x in engine.score(code)[u]])
    heads = ([w("unit_col")] if several else []) + [w("name")] + periods
    number = min(10.0, 60.0 / max(T, 1))                 # each period's column, in %
    labels = [22.0, 78.0 - number * T] if several else [100.0 - number * T]
    return [f"<h3>{_e(w('by_period', w.name(fw[root])))}</h3>",
            _table(heads, rows, ["l"] * (len(heads) - T) + ["r"] * T, widths=labels + [number] * T, font=w.font)]


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
    """Write the report of ``project`` to ``path`` (atomically): A4, 2 cm
    margins, page numbers."""
    w = _Words(language)
    doc = build_report(project, language, images, chart_error)
    with atomic_output(path) as tmp:
        writer = QPdfWriter(tmp)
        writer.setTitle(w.info(project.info, "title") or w("report"))
        writer.setCreator("CoIndex")
        writer.setPageSize(QPageSize(QPageSize.A4))
        writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Millimeter)     # the document keeps its own
        print_document(doc, writer, lambda page, pages: w("page", page, pages))
        del writer                      # the file is complete once the writer is gone


def safe_chart_images(document, source=None):
    """``(images, error)``: the charts (the league table with several
    units), drawn on white at the size they are printed at, or none and
    why (the report is still written without them)."""
    try:
        return chart_images(document, source, REPORT_CHART_SCALE, REPORT_CHART_SIZE, print_palette()), ""
    except Exception as e:          # a chart that cannot be drawn must not lose the report
        log.exception("drawing the charts for the report failed")
        return [], f"{type(e).__name__}: {e}"
