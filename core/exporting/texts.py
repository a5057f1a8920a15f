"""The words of the results workbook in two languages (English, Chinese):
column labels (:data:`LABELS`) and the README sheet (:func:`readme_lines`),
whose method lines are the registry's (:mod:`core.methods.registry`).
"""
from __future__ import annotations

import datetime as _dt

from core.methods.registry import AGGREGATIONS, NORMALISATIONS, WEIGHTINGS


# ---- labels in two languages ----------------------------------------------------------
LABELS = {
    "en": {
        "code": "code", "name": "name", "name_en": "name (English)", "name_zh": "name (Chinese)",
        "parent": "parent", "level": "level", "type": "type", "weight": "weight",
        "eff_weight": "effective weight", "direction": "direction", "unit": "unit",
        "normalisation": "normalisation", "base_year": "base year", "fw_weight": "framework weight",
        "from": "from", "to": "to", "years": "years", "start": "start value", "end": "end value",
        "change": "change %", "cagr": "CAGR %", "child": "child", "child_name": "child name",
        "p_start": "parent start", "p_end": "parent end", "c_start": "child start", "c_end": "child end",
        "w_start": "present weight start", "w_end": "present weight end", "points": "points",
        "share": "share %", "kind": "kind", "period": "period", "message": "message",
        "vs_base": "vs base %", "yoy": "YoY %", "line_title": "{name} by period",
        "bar_title": "{name}: {children} in {period}", "children": "components",
    },
    "zh": {
        "code": "代码", "name": "名称", "name_en": "英文名称", "name_zh": "中文名称",
        "parent": "上级", "level": "层级", "type": "类型", "weight": "权重",
        "eff_weight": "有效权重", "direction": "方向", "unit": "单位",
        "normalisation": "标准化方法", "base_year": "基期", "fw_weight": "框架权重",
        "from": "起", "to": "止", "years": "年数", "start": "起始值", "end": "终止值",
        "change": "变化 %", "cagr": "年均增长 %", "child": "下级", "child_name": "下级名称",
        "p_start": "上级起始值", "p_end": "上级终止值", "c_start": "下级起始值", "c_end": "下级终止值",
        "w_start": "起始有效权重和", "w_end": "终止有效权重和", "points": "贡献点数",
        "share": "贡献率 %", "kind": "类别", "period": "时期", "message": "说明",
        "vs_base": "较基期 %", "yoy": "同比 %", "line_title": "{name}（各时期）",
        "bar_title": "{name}：{period}年{children}", "children": "各分项",
    },
}


# ---- README text ------------------------------------------------------------------------------------
class _Say:
    """The README's words in one language: ``say(en, cn)`` picks the text,
    ``words`` is the method registry's language key, ``colon`` / ``stop`` /
    ``comma`` the punctuation."""

    def __init__(self, lang):
        self.zh = lang == "zh"
        self.words = "zh" if self.zh else "en"
        self.colon, self.stop, self.comma = self(": ", "："), self(".", "。"), self(", ", "、")

    def __call__(self, en, cn):
        return cn if self.zh else en


def readme_lines(engine, lang, info, value_cells, has_time, panel) -> list[tuple[str, str]]:
    """(kind, text) lines of the README sheet; kind is title, head or text."""
    say = _Say(lang)
    out = _title_lines(engine, info, say)
    out += _normalisation_lines(engine, say)
    out += _aggregation_lines(engine, panel, say)
    out += _audit_lines(value_cells, say)
    out += _sheet_lines(panel, say)
    return out


def _title_lines(engine, info, say) -> list:
    """The title, the project's note, when it was written and the data's size."""
    ds, fw, zh = engine.dataset, engine.framework, say.zh
    title = (info.get("title_zh") if zh else None) or info.get("title") or say("CoIndex results", "CoIndex 结果")
    note = (info.get("note_zh") if zh else None) or info.get("note")
    out = [("title", title)] + ([("text", note)] if note else [])
    stamp = _dt.date.today().isoformat()
    out += [("text", say(f"Written by CoIndex on {stamp}.", f"由 CoIndex 于 {stamp} 生成。")), ("text", ""),
            ("head", say("Method", "方法"))]
    n_ind, n_agg = len(fw.indicator_codes), len(fw.aggregate_codes)
    def count(n, one, many):
        return f"{n} {one if n == 1 else many}"
    english = ", ".join([count(len(ds.unit_codes), "unit", "units"), count(len(ds.periods), "period", "periods"),
                         count(n_ind, "indicator", "indicators"), count(n_agg, "aggregate", "aggregates")]) + "."
    out.append(("text", say(english,
                            f"{len(ds.unit_codes)} 个单元，{len(ds.periods)} 个时期，{n_ind} 个指标，{n_agg} 个汇总项。")))
    return out


def _normalisation_lines(engine, say) -> list:
    """Each normalisation used and its indicators, the methods' notes and the base periods."""
    st, ds, fw = engine.settings, engine.dataset, engine.framework
    colon, stop, comma, words = say.colon, say.stop, say.comma, say.words
    out = []
    methods = list(dict.fromkeys(engine.method))
    for m in methods:
        used = [c for c, mm in zip(fw.indicator_codes, engine.method) if mm == m]
        others = [c for c in fw.indicator_codes if c not in used]
        if not others:
            who = say("all indicators", "全部指标")
        elif len(used) > len(others):
            who = say("all indicators except ", "除以下指标外的全部指标：") + comma.join(others)
        else:
            who = comma.join(used)
        out.append(("text", f"{say('Normalisation', '标准化')}{colon}{NORMALISATIONS[m].text[words]} — {who}{stop}"))
    for m in methods:
        note = NORMALISATIONS[m].note
        if note is not None:
            out.append(("text", note(st, words)))
    if any(NORMALISATIONS[m].uses_stats for m in methods):
        out.append(("text", say("These statistics are formulas in the Stats sheet.",
                                "这些统计量是 Stats 表中的公式。")))
    based = [NORMALISATIONS[m].needs_base_year for m in engine.method]
    if any(based):
        bases = dict.fromkeys(ds.periods[int(b)] for b, yes in zip(engine.base_index, based) if yes)
        out.append(("text", f"{say('Base period', '基期')}{colon}{comma.join(str(b) for b in bases)}{stop}"))
    return out


def _aggregation_lines(engine, panel, say) -> list:
    """The mean, missing children, the weighting and (a panel) growth."""
    st, ds = engine.settings, engine.dataset
    colon, stop, words = say.colon, say.stop, say.words
    out = []
    mean = AGGREGATIONS[st.aggregation]
    power = f", p = {mean.power_for(st):g}" if mean.power is None else ""
    out.append(("text", f"{say('Aggregation', '汇总')}{colon}{mean.text[words]}{power}{stop}"))
    out.append(("text", say("Missing children are skipped and the weights renormalised over the children present; "
                            "a result is blank only where every child is missing.",
                            "缺失的下级被跳过，权重在现有下级之间重新归一；全部下级缺失时结果为空。")))
    if st.weighting == "equal":
        out.append(("text", say("Weighting: equal (every weight is 1; the framework's own weights are in the last "
                                "column of the Framework sheet).",
                                "权重：等权（每个权重为 1；框架自身的权重在 Framework 表最后一列）。")))
    elif st.weighting == "manual":
        out.append(("text", say("Weighting: the framework's weights, relative to their siblings.",
                                "权重：框架中给定的权重，在同级之间按比例计算。")))
    else:
        where = say(" (the weights in use are column G of the Framework sheet; docs/methods.md)",
                    "（实际使用的权重见 Framework 表 G 列；docs/methods.md）")
        out.append(("text", f"{say('Weighting', '权重')}{colon}{WEIGHTINGS[st.weighting].text[words]}{where}{stop}"))
    if panel:
        base, last = ds.periods[engine.growth_base], ds.periods[-1]
        out.append(("text", say(f"Growth and contributions: from the base period {base} to the last period {last}; "
                                "CAGR = (end / start)^(1 / years) - 1.",
                                f"增长与贡献：从基期 {base} 到最后时期 {last}；年均增长 = (终值 / 起值)^(1 / 年数) − 1。")))
    return out


def _audit_lines(value_cells, say) -> list:
    """How to audit the workbook, and what was written as values."""
    stop = say.stop
    out = []
    out += [("text", ""), ("head", say("How to audit", "如何审核")),
            ("text", say("The numbers in Stats, Normalised, Aggregates, Ranks, Changes, Growth, Contributions and "
                         "Charts are Excel formulas that go back to the Data sheet.",
                         "Stats、Normalised、Aggregates、Ranks、Changes、Growth、Contributions 和 Charts 中的数字"
                         "都是追溯到 Data 表的 Excel 公式。")),
            ("text", say("Change a raw value in Data, or a weight in column G of Framework (each weight cell has "
                         "the workbook name w_<code>), and the index recomputes in Excel.",
                         "修改 Data 表中的原始值，或 Framework 表 G 列中的权重（每个权重单元格的名称为 w_代码），"
                         "指数会在 Excel 中重新计算。")),
            ("text", say("Every formula cell also stores the value CoIndex computed, so viewers that do not "
                         "recalculate show the numbers.",
                         "每个公式单元格都保存了 CoIndex 计算的结果，不重新计算的查看器也能显示数字。")),
            ("text", say("Grey italic cells hold values, not formulas.", "灰色斜体单元格是数值而不是公式。"))]
    if value_cells:
        out.append(("text", say("Written as values, not formulas: ", "以下内容写入数值而不是公式：")
                    + "; ".join(dict.fromkeys(value_cells)) + stop))
    return out


def _sheet_lines(panel, say) -> list:
    """One line per sheet (growth sheets only for a panel)."""
    colon = say.colon
    out = []
    out += [("text", ""), ("head", say("Sheets", "工作表"))]
    for sheet, en, cn in _SHEET_WORDS:
        if panel or sheet not in ("Changes", "Growth", "Contributions"):
            out.append(("text", f"{sheet}{colon}{say(en, cn)}"))
    return out


_SHEET_WORDS = [
    ("Charts", "the index by period and its components in the last period (first units)",
     "指数各时期走势与最后时期的分项（前几个单元）"),
    ("Framework", "codes, names, parent, level, the weights the formulas use, effective weights, direction, unit",
     "代码、名称、上级、层级、公式使用的权重、有效权重、方向、单位"),
    ("Data", "raw values, one row per unit and period, the periods in blocks", "原始数据，每个单元每个时期一行，按时期分块"),
    ("Stats", "count, min, max, mean and standard deviation of each indicator per period",
     "各指标每个时期的个数、最小值、最大值、均值和标准差"),
    ("Normalised", "normalised indicators", "标准化后的指标"),
    ("Aggregates", "every aggregate, from the index down", "从总指数往下的各层汇总结果"),
    ("Ranks", "rank among the units of each period (1 = best, ties share the better rank)",
     "每个时期各单元的排名（1 为最好，并列取较好名次）"),
    ("Changes", "change vs the base period and year on year, %", "较基期与同比变化（%）"),
    ("Growth", "change and CAGR since the base period", "基期以来的变化与年均增长"),
    ("Contributions", "each child's contribution to its parent's change, points and %",
     "各下级对上级变化的贡献（点数与百分比）"),
    ("Warnings", "what the computation flagged", "计算中的提示"),
]
