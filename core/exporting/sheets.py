"""The result sheets of the results workbook (core/exporting/workbook.py):
ranks, changes, growth, contributions, warnings, charts and the README;
a mixin of the workbook writer (``self`` is core.exporting.workbook._Writer)."""
from __future__ import annotations

import numpy as np

from core.exporting.texts import readme_lines
from core.exporting.formulas import cached_value, cell_ref, copy_formula, if_number, range_ref

CHART_UNITS = 10              # units drawn in the charts


class ResultSheets:
    """Ranks, Changes, Growth, Contributions, Warnings, Charts and README."""

    # ---- Ranks ----------------------------------------------------------------------------
    def ranks_sheet(self, ws):
        self.header(ws, self.label_header() + self.aggs, self.label_widths(), self.nlab)
        self.labels(ws)
        for code in self.aggs:
            c = self.agg_col[code]
            R = self.e.rank(code)
            for t in range(self.T):
                rng = range_ref("Aggregates", c, *self.block(t))
                for u in range(self.U):
                    ref = self.score_ref(code, u, t)
                    ws.write_formula(self.row(u, t) - 1, c, "=" + if_number(ref, f"RANK({ref},{rng},0)"),
                                     self.f_rank, cached_value(R[u, t]))

    # ---- Changes: vs base period and year-on-year -------------------------------------------
    def changes_sheet(self, ws):
        L, e = self.L, self.e
        tb = e.growth_base
        heads = []
        for code in self.aggs:
            heads += [f"{code}: {L['vs_base']}", f"{code}: {L['yoy']}"]
        self.header(ws, self.label_header() + heads, self.label_widths(), self.nlab)
        self.labels(ws)
        for k, code in enumerate(self.aggs):
            vb, vy = e.change_since_base(code), e.yoy(code)
            c = self.nlab + 2 * k
            for t in range(self.T):
                for u in range(self.U):
                    r = self.row(u, t) - 1
                    x = self.score_ref(code, u, t)
                    ws.write_formula(r, c, "=" + _pct(x, self.score_ref(code, u, tb)), self.f_pct,
                                     cached_value(vb[u, t]))
                    if t > 0:
                        ws.write_formula(r, c + 1, "=" + _pct(x, self.score_ref(code, u, t - 1)), self.f_pct,
                                         cached_value(vy[u, t]))

    # ---- Growth since the base period -------------------------------------------------------------
    def growth_sheet(self, ws):
        L, e, ds = self.L, self.e, self.ds
        t0, t1 = e.growth_base, self.T - 1
        years = e.years_between(t0, t1)
        cols = [L["code"], L["name"], "uCode", "uName", L["from"], L["to"], L["years"], L["start"], L["end"],
                L["change"], L["cagr"]]
        self.header(ws, cols, {1: 30, 3: self.label_widths()[1]}, freeze_cols=4)
        r = 1
        for code in self.aggs:
            ch, cg = e.growth(code, t0, t1)
            S = e.score(code)
            for u in range(self.U):
                self.text(ws, r, 0, code)
                self.text(ws, r, 1, self.name(code))
                self.text(ws, r, 2, ds.unit_codes[u])
                self.text(ws, r, 3, ds.unit_names[u])
                self.label(ws, r, 4, ds.periods[t0])
                self.label(ws, r, 5, ds.periods[t1])
                ws.write_number(r, 6, years)
                ws.write_formula(r, 7, copy_formula(self.score_ref(code, u, t0)), self.f_score, cached_value(S[u, t0]))
                ws.write_formula(r, 8, copy_formula(self.score_ref(code, u, t1)), self.f_score, cached_value(S[u, t1]))
                s, en, y = cell_ref(None, 7, r + 1), cell_ref(None, 8, r + 1), cell_ref(None, 6, r + 1)
                ws.write_formula(r, 9, "=" + _pct(en, s), self.f_pct, cached_value(ch[u]))
                cagr = f'IF(AND({s}>0,{en}>=0,{y}>0),(POWER({en}/{s},1/{y})-1)*100,"")'
                ws.write_formula(r, 10, f"=IF(AND(ISNUMBER({s}),ISNUMBER({en})),{cagr},\"\")", self.f_pct,
                                 cached_value(cg[u]))
                r += 1

    # ---- Contributions to the change since the base period -----------------------------------------
    def contributions_sheet(self, ws):
        L, e, ds = self.L, self.e, self.ds
        t0, t1 = e.growth_base, self.T - 1
        cols = [L["parent"], L["child"], L["child_name"], "uCode", "uName", L["from"], L["to"], L["p_start"],
                L["p_end"], L["c_start"], L["c_end"], L["weight"], L["w_start"], L["w_end"], L["points"],
                L["share"]]
        self.header(ws, cols, {2: 30, 4: self.label_widths()[1]}, freeze_cols=5)
        arithmetic = e.p == 1
        r = 1
        for code in self.aggs:
            kids, pts, share = e.contributions(code, t0, t1)
            P = e.score(code)
            w = [self.weight_ref[k] for k in kids]
            for u in range(self.U):
                first = r + 1                       # sheet row of this parent-unit's first child
                for j, kid in enumerate(kids):
                    C = e.score(kid)
                    R = r + 1
                    self.text(ws, r, 0, code)
                    self.text(ws, r, 1, kid)
                    self.text(ws, r, 2, self.name(kid))
                    self.text(ws, r, 3, ds.unit_codes[u])
                    self.text(ws, r, 4, ds.unit_names[u])
                    self.label(ws, r, 5, ds.periods[t0])
                    self.label(ws, r, 6, ds.periods[t1])
                    for col, ref, v in ((7, self.score_ref(code, u, t0), P[u, t0]),
                                        (8, self.score_ref(code, u, t1), P[u, t1]),
                                        (9, self.score_ref(kid, u, t0), C[u, t0]),
                                        (10, self.score_ref(kid, u, t1), C[u, t1])):
                        ws.write_formula(r, col, copy_formula(ref), self.f_score, cached_value(v))
                    ws.write_formula(r, 11, "=" + w[j], self.f_w, float(e.weights[code][j]))
                    # weight of the children present, over this parent-unit's rows
                    last = first + len(kids) - 1
                    wr = f"{cell_ref(None, 11, first, abs_row=True)}:{cell_ref(None, 11, last, abs_row=True)}"
                    for col, src in ((12, 9), (13, 10)):
                        xr = f"{cell_ref(None, src, first, abs_row=True)}:{cell_ref(None, src, last, abs_row=True)}"
                        present = _present_weight(e, code, u, t0 if col == 12 else t1)
                        ws.write_formula(r, col, f"=SUMPRODUCT(ISNUMBER({xr})*{wr})", self.f_w, present)
                    ps, pe, cs, ce = (cell_ref(None, k, R) for k in (7, 8, 9, 10))
                    wj, ws0, ws1 = (cell_ref(None, k, R) for k in (11, 12, 13))
                    if arithmetic:
                        f = (f"=IF(AND(ISNUMBER({ps}),ISNUMBER({pe})),"
                             f"{if_number(ce, f'{wj}/{ws1}*{ce}', '0')}-{if_number(cs, f'{wj}/{ws0}*{cs}', '0')},\"\")")
                        ws.write_formula(r, 14, f, self.f_score, cached_value(pts[j, u]))
                    else:
                        self.number(ws, r, 14, pts[j, u], self.f_value)
                    pt = cell_ref(None, 14, R)
                    ws.write_formula(r, 15, f'=IF(ISNUMBER({pt}),IF({pe}-{ps}<>0,{pt}/({pe}-{ps})*100,""),"")',
                                     self.f_pct, cached_value(share[j, u]))
                    r += 1
        if not arithmetic:
            how = "logarithmic" if e.p == 0 else "power-mean"
            self.value_cells.append(f"Contributions points ({self.st.aggregation} mean: {how} decomposition, "
                                    "see docs/methods.md)")

    # ---- Warnings ------------------------------------------------------------------------------------
    def warnings_sheet(self, ws):
        L = self.L
        self.header(ws, [L["kind"], L["code"], "uCode", L["period"], L["message"]], {4: 110})
        for r, w in enumerate(self.e.warnings, start=1):
            self.text(ws, r, 0, w.get("kind"))
            self.text(ws, r, 1, w.get("code"))
            self.text(ws, r, 2, w.get("unit"))
            self.label(ws, r, 3, w.get("period"))
            self.text(ws, r, 4, w.get("message"))

    # ---- Charts ------------------------------------------------------------------------------------
    def charts_sheet(self, ws):
        """Two captioned tables of formulas pointing at score cells, each with
        a native chart.  Chart titles and series names refer to cells, so no
        name is ever read as a formula."""
        if self.root is None:
            return
        n = min(self.U, CHART_UNITS)
        ws.set_column(0, 0, 10)
        ws.set_column(1, 1, 28)
        ws.set_column(2, n + 1, 12)
        r = 0
        if self.T > 1:
            r = self.index_line_chart(ws, r, n)
        self.children_bar_chart(ws, r, n)

    def chart_series(self, chart, r0, r1, cat_col, u, **extra):
        """Add unit ``u``'s series (Charts rows ``r0``..``r1``) to ``chart``, named by its Data cell."""
        chart.add_series({"name": ["Data", self.row(u, 0) - 1, 1],
                          "categories": ["Charts", r0, cat_col, r1, cat_col],
                          "values": ["Charts", r0, 2 + u, r1, 2 + u], **extra})

    def index_line_chart(self, ws, r, n) -> int:
        """From row ``r``: the index by period for the first ``n`` units
        (caption; header; periods down, units across) and its line chart;
        the row after it."""
        L, ds, e, root = self.L, self.ds, self.e, self.root
        self.text(ws, r, 0, L["line_title"].format(name=self.name(root)), self.f_bold)
        self.text(ws, r + 1, 0, L["period"], self.f_head)
        self.text(ws, r + 1, 1, L["code"], self.f_head)
        for u in range(n):
            self.text(ws, r + 1, 2 + u, ds.unit_codes[u], self.f_head)
        S = e.score(root)
        for t, p in enumerate(ds.periods):
            self.label(ws, r + 2 + t, 0, p)
            self.text(ws, r + 2 + t, 1, root)
            for u in range(n):
                ws.write_formula(r + 2 + t, 2 + u, copy_formula(self.score_ref(root, u, t)), self.f_score,
                                 cached_value(S[u, t]))
        line = self.wb.add_chart({"type": "line"})
        for u in range(n):
            self.chart_series(line, r + 2, r + 1 + self.T, 0, u, marker={"type": "circle"})
        line.set_title({"name": ["Charts", r, 0]})
        line.set_y_axis({"major_gridlines": {"visible": True}})
        ws.insert_chart(r, n + 3, line, {"x_scale": 1.5, "y_scale": 1.2})
        return r + max(self.T + 3, 20)

    def children_bar_chart(self, ws, r, n) -> None:
        """From row ``r``: the index's children in the last period for the
        first ``n`` units, and their column chart."""
        L, ds, e, root = self.L, self.ds, self.e, self.root
        kids = self.fw.children(root)
        t = self.T - 1
        if self.has_time:
            title = L["bar_title"].format(name=self.name(root), children=L["children"], period=ds.periods[t])
        else:
            title = f"{self.name(root)}: {L['children']}"
        self.text(ws, r, 0, title, self.f_bold)
        self.text(ws, r + 1, 0, L["code"], self.f_head)
        self.text(ws, r + 1, 1, L["name"], self.f_head)
        for u in range(n):
            self.text(ws, r + 1, 2 + u, ds.unit_codes[u], self.f_head)
        for j, k in enumerate(kids):
            self.text(ws, r + 2 + j, 0, k)
            self.text(ws, r + 2 + j, 1, self.name(k))
            S = e.score(k)
            for u in range(n):
                ws.write_formula(r + 2 + j, 2 + u, copy_formula(self.score_ref(k, u, t)), self.f_score,
                                 cached_value(S[u, t]))
        bar = self.wb.add_chart({"type": "column"})
        for u in range(n):
            self.chart_series(bar, r + 2, r + 1 + len(kids), 1, u)
        bar.set_title({"name": ["Charts", r, 0]})
        ws.insert_chart(r, n + 3, bar, {"x_scale": 1.5, "y_scale": 1.2})

    # ---- README --------------------------------------------------------------------------------------
    def readme_sheet(self, ws):
        ws.set_column(0, 0, 130)
        lines = readme_lines(self.e, self.lang, self.info, self.value_cells, self.has_time, self.T > 1)
        for r, (kind, s) in enumerate(lines):
            fmt = {"title": self.f_title, "head": self.f_bold}.get(kind, self.f_wrap)
            self.text(ws, r, 0, s, fmt)


def _pct(x, base) -> str:
    """Percentage change from ``base`` to ``x``; blank where either is
    missing or the base is zero."""
    return f'IF(AND(ISNUMBER({x}),ISNUMBER({base})),IF({base}<>0,({x}/{base}-1)*100,""),"")'


def _present_weight(e, code, u, t) -> float:
    kids = e.framework.children(code)
    w = e.weights[code]
    return float(sum(w[j] for j, k in enumerate(kids) if np.isfinite(e.score(k)[u, t])))
