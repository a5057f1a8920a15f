"""Plain tables written with openpyxl: the empty template workbook (sheets
``Data``, ``Meta``, ``Settings``), the values-only results workbook, and the
``--json`` results document of the command line.
"""
from __future__ import annotations

import numpy as np

from core.atomic import atomic_output
from core.model.celltext import column_letter
from core.model.dataset import DATA_COLUMNS
from core.model.framework import META_COLUMNS
from core.methods.registry import AGGREGATIONS, IMPUTATIONS, NORMALISATIONS, TREATMENTS, WEIGHTINGS
from core.model.settings import Settings
from core.treatment import prepare as treatment


def atomic_workbook_save(wb, path) -> None:
    with atomic_output(path) as tmp:
        wb.save(tmp)


def _sheet(wb, title, header, rows, widths=None):
    from openpyxl.styles import Font
    ws = wb.create_sheet(title)
    ws.append(header)
    for c in ws[1]:
        c.font = Font(bold=True)
    for r in rows:
        ws.append([None if (isinstance(v, float) and not np.isfinite(v)) else v for v in r])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@"):
                cell.data_type = "s"
    ws.freeze_panes = "A2"
    for k, h in enumerate(header):
        ws.column_dimensions[column_letter(k)].width = (widths or {}).get(h, max(10, min(40, len(str(h)) + 4)))
    return ws


def settings_help_rows() -> list:
    """The template's Settings rows (key, default, note): the general
    settings, each method kind followed by its methods' parameters, all
    read from the registry."""
    st = Settings()
    rows = [["normalisation", st.normalisation, ", ".join(NORMALISATIONS)]]
    rows += [[p.key, p.show(getattr(st, p.key)), p.help] for p in NORMALISATIONS.parameters()]
    rows += [["pooled", "false", "true: statistics (min, max, mean, sd, ranks) over all periods at once"],
             ["base_year", "", "empty: the first period with data for every indicator"],
             ["aggregation", st.aggregation, ", ".join(AGGREGATIONS)]]
    rows += [[p.key, p.show(getattr(st, p.key)), p.help] for p in AGGREGATIONS.parameters()]
    rows += [["weighting", st.weighting, ", ".join(WEIGHTINGS)]]
    rows += [["denominate", "false", "true: divide indicators by their Meta Denominator column"],
             ["imputation", st.imputation, ", ".join(IMPUTATIONS)]]
    rows += [[p.key, p.show(getattr(st, p.key)), p.help] for p in IMPUTATIONS.parameters()]
    rows += [["screen_threshold", "", "empty: no screening; 0.9: leave out unit-periods with under 90% of "
                                      "their indicators"],
             ["treatment", st.treatment, ", ".join(TREATMENTS)]]
    rows += [[p.key, p.show(getattr(st, p.key)), p.help] for p in TREATMENTS.parameters()]
    rows += [["score_decimals", "", "empty or auto: decimals of the scores shown from their scale (0.962, "
                                    "202.29); 0-6: that many"]]
    return rows


def write_template(path) -> None:
    """An empty template workbook: Data and Meta headers, Settings with the
    defaults, and a sheet explaining the layout."""
    from openpyxl import Workbook
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "Data", DATA_COLUMNS, [], {"uName": 30})
    _sheet(wb, "Meta", META_COLUMNS, [], {"iName": 36, "iName_zh": 24, "Description": 40})
    _sheet(wb, "Settings", ["Key", "Value", "Note"], settings_help_rows(), {"Key": 16, "Value": 14, "Note": 70})
    help_rows = [[t] for t in (
        "Data: one row per unit and period: uCode, uName, Time, then one column per indicator code (iCode).",
        "Optional group columns (Type Group in Meta) and denominator columns (Type Denominator).",
        "Meta: one row per indicator and aggregate: Level, iCode, iName, iName_zh, Direction (1 or -1),",
        "Weight, Parent (code of the aggregate above), Type (Indicator, Aggregate, Group, Denominator), Unit, ...",
        "Settings: key / value rows; remove a row to use the default.",
        "Missing values: leave the cell empty.")]
    _sheet(wb, "README", ["CoIndex template"], help_rows, {"CoIndex template": 110})
    atomic_workbook_save(wb, path)


def write_results(engine, path, progress=None) -> None:
    """Values-only results workbook: framework, raw data, scores, ranks,
    growth, contributions and warnings, written row by row
    (:func:`core.exporting.values.write_values_workbook`)."""
    from core.exporting.values import write_values_workbook
    write_values_workbook(engine, path, progress)


def _num(x):
    x = float(x)
    return x if np.isfinite(x) else None


def results_document(engine) -> dict:
    """The ``--json`` document of the command line."""
    fw, ds = engine.framework, engine.dataset
    periods = ds.periods if ds.has_time else [None]
    U, T = len(ds.unit_codes), len(periods)
    out = {"framework": [{"code": n.code, "name": n.name, "name_zh": n.name_zh, "parent": n.parent,
                          "level": fw.level[n.code], "weight": n.weight, "direction": n.direction}
                         for n in fw.nodes],
           "units": list(ds.unit_codes), "periods": list(periods) if ds.has_time else [None]}

    def cells(arr, key, codes, cast=_num):
        rows = []
        for j, code in enumerate(codes):
            a = arr[j]
            for u in range(U):
                for t in range(T):
                    rows.append({"unit": ds.unit_codes[u], "period": periods[t], "code": code,
                                 key: cast(a[u, t])})
        return rows

    out["data"] = cells(np.moveaxis(ds.values, 2, 0), "value", ds.codes)
    out["scores"] = cells(engine.scores, "value", engine.codes)
    out["ranks"] = cells(engine.all_ranks(), "rank",
                         engine.codes, lambda r: None if np.isnan(r) else int(r))
    growth, contrib = [], []
    if T > 1:
        p0, p1 = periods[0], periods[-1]
        for code in engine.codes:
            ch, cg = engine.growth(code, 0, -1)
            for u in range(U):
                growth.append({"unit": ds.unit_codes[u], "code": code, "from": p0, "to": p1,
                               "change_pct": _num(ch[u]), "cagr_pct": _num(cg[u])})
        for parent in fw.aggregate_codes:
            kids, pts, share = engine.contributions(parent, 0, -1)
            for u in range(U):
                for j, child in enumerate(kids):
                    contrib.append({"unit": ds.unit_codes[u], "code": parent, "child": child, "from": p0, "to": p1,
                                    "points": _num(pts[j, u]), "share_pct": _num(share[j, u])})
    out.update(weights_document(engine))
    out["growth"] = growth
    out["contributions"] = contrib
    out["warnings"] = engine.warnings
    out["treatment"] = treatment.document(engine.prepared, ds, list(ds.codes))
    # the share of the indicators under each aggregate that have a value
    aggs = list(fw.aggregate_codes)
    out["coverage"] = cells(np.array([engine.coverage(c) for c in aggs]).reshape(len(aggs), U, T), "coverage", aggs)
    return out


def weights_document(engine) -> dict:
    """The ``weights`` (each node's weight in its parent after the weighting
    method, as a share of its siblings') and ``weighting`` (the method and
    what it reports) entries of the ``--json`` document."""
    used = engine.node_weights()
    # a parent whose children all weigh 0 gives them no share (null; its zero_weights warning says why)
    return {"weights": [{"code": n.code, "parent": n.parent, "weight": _num(used[n.code])}
                        for n in engine.framework.nodes if n.code in used],
            "weighting": {"method": engine.settings.weighting,
                          "details": {k: _finite(v) for k, v in engine.weight_details.items() if v}}}


def _finite(value):
    """``value`` (numbers in dicts and lists) with every non-finite number as None, for JSON."""
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    if isinstance(value, (float, np.floating)):
        return _num(value)
    return value
