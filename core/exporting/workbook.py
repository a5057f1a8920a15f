"""The results workbook with live formulas, for reviewers who audit in Excel.

Sheets (the same row layout on every sheet of unit-period rows, so row 7 of
Data, Normalised, Aggregates, Ranks and Changes is the same unit and period):

* ``README``: the method in words and where each formula lives.
* ``Charts``: native line chart of the index over the periods (first units)
  and bars of the index's children in the last period, over small tables of
  formulas that point at the score cells.
* ``Framework``: codes, names, parent, level, the weights the formulas use
  (each cell also has a workbook name ``w_<code>``), effective weights.
* ``Data``: the raw values, one row per (unit, period) sorted by period, so
  each period is a contiguous block; an iData layout (uCode, uName, Time,
  indicators, then group and denominator columns).
* ``Normalised``: a formula per cell referring to Data (fixed-base, min-max,
  z-score, goalposts, distance to target); rank and percentile rank as values.
* ``Aggregates``: weighted means of the children's cells, missing children
  skipped with the weights renormalised over those present.
* ``Ranks``, ``Changes`` (vs base, year-on-year), ``Growth`` (change and
  compound annual growth since the base period), ``Contributions`` (formulas
  for the arithmetic mean), ``Warnings``.

Every formula cell carries its value computed by the engine as the cached
result, so viewers that do not recalculate show the numbers.  Blank results
stay blank (never ``#DIV/0!``).  Text is always written as text.
"""
from __future__ import annotations

import math
import re
import warnings

import numpy as np

from core.atomic import atomic_output, scratch_folder
from core.errors import InputError
from core.text import tr, unit_name
from core.exporting.sheets import ResultSheets
from core.exporting.texts import LABELS
from core.exporting.formulas import cached_value, cell_ref, range_ref
from core.methods.excel import FormulaContext
from core.methods.registry import AGGREGATIONS, NORMALISATIONS
from core.pipeline.meaning import score_decimals
from core.pipeline.weights import effective

STATS = ("count", "min", "max", "mean", "sd")
MAX_FORMULA = 8000            # Excel's limit is 8192 characters
RISKY_START = ("=", "+", "-", "@")


def write_results_workbook(engine, path, language: str = "en", info: dict | None = None) -> None:
    """Write the results of ``engine`` to the .xlsx ``path`` (atomically:
    a temporary file in the same folder, then renamed).  ``language`` ('en'
    or 'zh') chooses the names and headings; ``info`` may hold the project's
    title / title_zh / note / note_zh, shown in the README."""
    if language not in LABELS:
        raise InputError(tr("results workbook: language '{language}' is not available; valid: {valid}",
                            language=language, valid=", ".join(LABELS)))
    ds = engine.dataset
    if len(ds.unit_codes) * len(ds.periods) + 1 > 1_048_576:
        raise InputError(tr("{path}: {units} units x {periods} periods do not fit in one worksheet (at most "
                            "1,048,575 rows)", path=path, units=len(ds.unit_codes), periods=len(ds.periods)))
    from xlsxwriter.exceptions import FileCreateError
    try:
        with atomic_output(path) as tmp, scratch_folder() as scratch:
            _Writer(engine, language, info or {}).write(tmp, scratch)
    except FileCreateError as e:             # XlsxWriter's, not an OSError: the cause is its argument
        cause = e.args[0] if e.args else e
        reason = getattr(cause, "strerror", None) or str(cause)
        raise InputError(tr("{path}: cannot write the workbook ({reason})", path=path, reason=reason)) from None


def _fast_sheet_class():
    """xlsxwriter's Worksheet without its formula rewriting: it runs some
    seventy regular expressions over every formula to add prefixes for
    functions this workbook never uses, which is most of the writing time
    of long aggregate formulas."""
    from xlsxwriter.worksheet import Worksheet

    class FastSheet(Worksheet):
        def _prepare_formula(self, formula, expand_future_functions=False):
            return formula[1:] if formula.startswith("=") else formula
    return FastSheet


class _Writer(ResultSheets):
    """Builds one workbook; one method per sheet."""

    def __init__(self, engine, language, info):
        self.e, self.lang, self.info = engine, language, info
        self.L = LABELS[language]
        self.fw, self.ds, self.st = engine.framework, engine.dataset, engine.settings
        ds = self.ds
        self.U, self.T = len(ds.unit_codes), len(ds.periods)
        self.has_time = ds.has_time
        self.nlab = 3 if self.has_time else 2
        self.aggs = sorted(self.fw.aggregate_codes, key=lambda c: -self.fw.level[c])
        self.agg_col = {c: self.nlab + k for k, c in enumerate(self.aggs)}
        self.ind_col = {c: self.nlab + k for k, c in enumerate(self.fw.indicator_codes)}
        self.value_cells: list[str] = []      # what was written as a value instead of a formula
        self.root = self.aggs[0] if self.aggs else None

    # ---- layout ------------------------------------------------------------------
    def row(self, u, t) -> int:
        """1-based sheet row of unit u, period t (period blocks, header on 1)."""
        return 2 + t * self.U + u

    def block(self, t, pooled=False):
        if pooled:
            return 2, 1 + self.U * self.T
        return self.row(0, t), self.row(self.U - 1, t)

    def score_ref(self, code, u, t, here=None) -> str:
        if code in self.agg_col:
            return cell_ref(None if here == "Aggregates" else "Aggregates", self.agg_col[code], self.row(u, t))
        return cell_ref("Normalised", self.ind_col[code], self.row(u, t))

    def name(self, code) -> str:
        n = self.fw[code]
        return (n.name_zh or n.name) if self.lang == "zh" else n.name

    # ---- cells ---------------------------------------------------------------------
    def text(self, ws, r, c, s, fmt=None):
        if s is None or s == "":
            return
        s = str(s)
        ws.write_string(r, c, s, self.f_quote if s.startswith(RISKY_START) else fmt)

    def label(self, ws, r, c, v, fmt=None):
        """A period or other label: numbers as numbers, the rest as text."""
        if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
            if math.isfinite(float(v)):
                ws.write_number(r, c, float(v), fmt)
        else:
            self.text(ws, r, c, v, fmt)

    def number(self, ws, r, c, x, fmt=None):
        x = float(x)
        if math.isfinite(x):
            ws.write_number(r, c, x, fmt)

    def formula(self, ws, r, c, f, value, fmt=None, note=None) -> bool:
        """A formula with its cached value; a value alone (marked) when the
        formula would be longer than Excel allows."""
        if len(f) > MAX_FORMULA:
            self.number(ws, r, c, value if value != "" else math.nan, self.f_value)
            if note:
                self.value_cells.append(note)
            return False
        ws.write_formula(r, c, f, fmt, value)
        return True

    def header(self, ws, names, widths=None, freeze_cols=0):
        for k, h in enumerate(names):
            self.text(ws, 0, k, h, self.f_head)
            w = (widths or {}).get(k, max(10, min(36, len(str(h)) + 3)))
            ws.set_column(k, k, w)
        ws.freeze_panes(1, freeze_cols)

    def labels(self, ws):
        """uCode, uName (and Time) on every unit-period row."""
        ds = self.ds
        for t, p in enumerate(ds.periods):
            for u, code in enumerate(ds.unit_codes):
                r = self.row(u, t) - 1
                self.text(ws, r, 0, code)
                self.text(ws, r, 1, ds.unit_names[u])
                if self.has_time:
                    self.label(ws, r, 2, p)

    def label_header(self):
        return ["uCode", "uName"] + (["Time"] if self.has_time else [])

    def label_widths(self):
        longest = max([len(n) for n in self.ds.unit_names] + [8])
        return {0: 10, 1: min(40, longest + 2), 2: 8}

    # ---- workbook ------------------------------------------------------------------
    def write(self, path, scratch=None):
        """Write the workbook to ``path``; XlsxWriter's own temporary files
        go to ``scratch`` (core.atomic.scratch_folder: removed after a kill)."""
        import xlsxwriter
        options = {"strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False}
        if scratch:
            options["tmpdir"] = scratch
        wb = xlsxwriter.Workbook(path, options)
        self.wb = wb
        self.f_head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "bottom": 1, "text_wrap": True,
                                     "valign": "top"})
        self.f_quote = wb.add_format({"quote_prefix": True})
        d = score_decimals(self.e.scores, self.st.score_decimals)      # as the app shows them: 0.962, 202.29
        self.f_score = wb.add_format({"num_format": "0." + "0" * d if d else "0"})
        self.f_pct = wb.add_format({"num_format": "0.00"})
        self.f_w = wb.add_format({"num_format": "0.0000"})
        self.f_rank = wb.add_format({"num_format": "0"})
        self.f_value = wb.add_format({"num_format": "0.00", "italic": True, "bg_color": "#EDEDED"})
        self.f_title = wb.add_format({"bold": True, "font_size": 14})
        self.f_bold = wb.add_format({"bold": True})
        self.f_wrap = wb.add_format({"text_wrap": True, "valign": "top"})
        cls = _fast_sheet_class()

        def sheet(name):
            return wb.add_worksheet(name, worksheet_class=cls)
        readme = sheet("README")
        charts = sheet("Charts")
        self.framework_sheet(sheet("Framework"))
        self.data_sheet(sheet("Data"))
        self.stats_sheet(sheet("Stats"))
        self.normalised_sheet(sheet("Normalised"))
        self.aggregates_sheet(sheet("Aggregates"))
        self.ranks_sheet(sheet("Ranks"))
        if self.T > 1:
            self.changes_sheet(sheet("Changes"))
            self.growth_sheet(sheet("Growth"))
            self.contributions_sheet(sheet("Contributions"))
        self.warnings_sheet(sheet("Warnings"))
        self.charts_sheet(charts)
        self.readme_sheet(readme)
        readme.activate()
        wb.close()

    # ---- Framework (and the weights every aggregate formula uses) -----------------------
    def framework_sheet(self, ws):
        L, fw, e = self.L, self.fw, self.e
        cols = [L["code"], L["name_en"], L["name_zh"], L["parent"], L["level"], L["type"], L["weight"],
                L["eff_weight"], L["direction"], L["unit"], L["normalisation"], L["base_year"], L["fw_weight"]]
        self.header(ws, cols, {1: 48, 2: 30, 9: 18, 10: 14}, freeze_cols=1)
        rows = {n.code: k + 2 for k, n in enumerate(fw.nodes)}
        equal = self.st.weighting == "equal"
        used = e.node_weights()      # after the weighting method (shares of the siblings' weights)
        raw = {k: float(w) for code in fw.aggregate_codes for k, w in zip(fw.children(code), e.weights[code])}
        eff = effective(fw, used)
        self.weight_ref = {}
        taken = set()
        for n in fw.nodes:
            r = rows[n.code] - 1
            self.text(ws, r, 0, n.code)
            self.text(ws, r, 1, n.name)
            self.text(ws, r, 2, n.name_zh)
            self.text(ws, r, 3, n.parent)
            ws.write_number(r, 4, fw.level[n.code])
            self.text(ws, r, 5, n.type)
            ws.write_number(r, 6, raw.get(n.code, 1.0 if equal else n.weight), self.f_w)
            ws.write_number(r, 8, n.direction)
            self.text(ws, r, 9, unit_name(n.unit, self.lang))
            if n.is_indicator:
                i = fw.indicator_codes.index(n.code)
                self.text(ws, r, 10, e.method[i])
                if NORMALISATIONS[e.method[i]].needs_base_year:
                    self.label(ws, r, 11, self.ds.periods[int(e.base_index[i])])
            ws.write_number(r, 12, n.weight, self.f_w)
            # effective weight: own share of the siblings' weights times the parent's
            if n.parent is None:
                ws.write_formula(r, 7, "=1", self.f_w, 1.0)
            else:
                sib = ",".join(cell_ref(None, 6, rows[s]) for s in fw.children(n.parent))
                own = cell_ref(None, 6, rows[n.code])
                par = cell_ref(None, 7, rows[n.parent])
                ws.write_formula(r, 7, f"=IF(SUM({sib})>0,{own}/SUM({sib})*{par},0)", self.f_w,
                                 eff.get(n.code, 0.0))
            # a workbook name makes the aggregate formulas readable; a direct reference where none can be made
            name = _weight_name(n.code, taken)
            ref = cell_ref("Framework", 6, rows[n.code], True, True)
            ok = name is not None and self.wb.define_name(name, "=" + ref) != -1
            self.weight_ref[n.code] = name if ok else ref

    # ---- Data ----------------------------------------------------------------------------
    def data_sheet(self, ws):
        ds = self.ds
        extra = list(ds.groups) + list(ds.denominators)
        self.header(ws, self.label_header() + list(ds.codes) + extra, self.label_widths(), self.nlab)
        self.labels(ws)
        vals = ds.values
        for t in range(self.T):
            for u in range(self.U):
                r = self.row(u, t) - 1
                for i in range(len(ds.codes)):
                    x = vals[u, t, i]
                    if x == x:
                        ws.write_number(r, self.nlab + i, float(x))
                for k, g in enumerate(ds.groups):
                    self.label(ws, r, self.nlab + len(ds.codes) + k, ds.groups[g][u, t])
                for k, d in enumerate(ds.denominators):
                    self.number(ws, r, self.nlab + len(ds.codes) + len(ds.groups) + k, ds.denominators[d][u, t])

    # ---- Stats: the statistics min-max, z-score and distance to target use ---------------------
    def stat_blocks(self):
        """(label, period index) of each statistics block: one per period, or
        one over all periods when pooled."""
        if self.st.pooled:
            return [("all" if self.has_time else "", None)]
        return [(p, t) for t, p in enumerate(self.ds.periods)]

    def stat_ref(self, name, col, t) -> str:
        b = 0 if self.st.pooled else t
        return cell_ref("Stats", col, 2 + b * len(STATS) + STATS.index(name), abs_row=True)

    def stats_sheet(self, ws):
        ds = self.ds
        head = (["Time", "statistic"] + [""] * (self.nlab - 2)) if self.has_time else ["", "statistic"]
        self.header(ws, head + list(ds.codes), {0: 8, 1: 10}, self.nlab)
        for b, (label, t) in enumerate(self.stat_blocks()):
            r0, r1 = self.block(t or 0, self.st.pooled)
            X = (ds.values if t is None else ds.values[:, t:t + 1, :]).reshape(-1, len(ds.codes))
            vals = _column_stats(X)
            for k, name in enumerate(STATS):
                r = 1 + b * len(STATS) + k
                self.label(ws, r, 0, label)
                self.text(ws, r, 1, name)
                for i in range(len(ds.codes)):
                    c = self.nlab + i
                    blk = range_ref("Data", c, r0, r1)
                    n = cell_ref(None, c, 2 + b * len(STATS), abs_row=True)
                    f = {"count": f"=COUNT({blk})", "min": f'=IF({n}=0,"",MIN({blk}))',
                         "max": f'=IF({n}=0,"",MAX({blk}))', "mean": f'=IF({n}=0,"",AVERAGE({blk}))',
                         "sd": f'=IF({n}<2,"",STDEV({blk}))'}[name]
                    ws.write_formula(r, c, f, None, cached_value(vals[name][i]))

    # ---- Normalised ----------------------------------------------------------------------
    def normalised_sheet(self, ws):
        fw, e = self.fw, self.e
        self.header(ws, self.label_header() + list(fw.indicator_codes), self.label_widths(), self.nlab)
        self.labels(ws)
        for i, code in enumerate(fw.indicator_codes):
            make = self._norm_formula(i, code)
            c = self.nlab + i
            S = e.score(code)
            for t in range(self.T):
                for u in range(self.U):
                    r = self.row(u, t)
                    if make is None:
                        self.number(ws, r - 1, c, S[u, t], self.f_value)
                    else:
                        self.formula(ws, r - 1, c, make(r, t), cached_value(S[u, t]), self.f_score)
            if make is None:
                self.value_cells.append(f"Normalised {code} ({e.method[i]})")

    def _norm_formula(self, i, code):
        """A function (row, period index) -> formula for one indicator, or
        None when its method is written as values: the method's own formula
        writer, told where the indicator's cells are."""
        e = self.e
        writer = NORMALISATIONS[e.method[i]].formula
        if writer is None or e.prepared is not None:
            # treated data (imputed, winsorised, transformed ...) are not the Data sheet's: values
            return None
        c = self.nlab + i
        tb = int(e.base_index[i])
        return writer(FormulaContext(
            direction=float(e.direction[i]), params=self.fw[code].params, settings=self.st,
            x=lambda r: cell_ref("Data", c, r),
            stat=lambda name, t: self.stat_ref(name, c, t),
            base=lambda r, t: cell_ref("Data", c, r - (t - tb) * self.U)))

    # ---- Aggregates ----------------------------------------------------------------------
    def aggregates_sheet(self, ws):
        e, fw = self.e, self.fw
        self.header(ws, self.label_header() + self.aggs, self.label_widths(), self.nlab)
        self.labels(ws)
        for code in self.aggs:
            mean = AGGREGATIONS[e.aggregation[code]].formula       # per node (aggregation.CODE / .level.N)
            kids = fw.children(code)
            w = [self.weight_ref[k] for k in kids]
            c = self.agg_col[code]
            S = e.score(code)
            for t in range(self.T):
                for u in range(self.U):
                    r = self.row(u, t)
                    refs = [self.score_ref(k, u, t, here="Aggregates") for k in kids]
                    if mean is None:                # an aggregation that compares units: values
                        self.number(ws, r - 1, c, S[u, t], self.f_score)
                        continue
                    self.formula(ws, r - 1, c, mean(refs, w, e.p_by[code]), cached_value(S[u, t]),
                                 self.f_score, note=f"Aggregates {code} (formula too long)")
            if mean is None:
                self.value_cells.append(f"Aggregates {code} ({self.st.aggregation}: values)")


def _column_stats(X) -> dict:
    """count, min, max, mean and sample sd of each column, NaN where undefined."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return {"count": np.sum(~np.isnan(X), axis=0).astype(float), "min": np.nanmin(X, axis=0),
                "max": np.nanmax(X, axis=0), "mean": np.nanmean(X, axis=0), "sd": np.nanstd(X, axis=0, ddof=1)}


_NAME_OK = re.compile(r"[^A-Za-z0-9_.]")


def _weight_name(code, taken) -> str | None:
    """A workbook name ``w_<code>`` for a weight cell (letters, digits, '_'
    and '.' only; unique ignoring case), or None if none can be made."""
    base = "w_" + _NAME_OK.sub("_", code)
    name, k = base, 2
    while name.lower() in taken:
        name, k = f"{base}_{k}", k + 1
    if len(name) > 255:
        return None
    taken.add(name.lower())
    return name


__all__ = ["write_results_workbook"]
