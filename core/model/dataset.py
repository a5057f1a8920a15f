"""Indicator data: units x periods x indicators, as float arrays with labels.

Follows COINr's ``iData`` layout: ``uCode``, ``uName``, ``Time``, group
columns, denominator columns, one column per indicator.  Missing values are
NaN in the arrays and ``null`` in files.  Without a ``Time`` column there is a
single period whose label is ``None``.  The text of an iData cell is read by
:mod:`core.model.celltext`, as an import or a paste reads it.
"""
from __future__ import annotations

import math

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

from core.errors import InputError
from core.model.celltext import BAD, PERCENT, is_missing, parse_number, parse_values
from core.text import tr
from core.model.framework import Framework

# the key columns of an iData table, before the indicator columns
DATA_COLUMNS = ["uCode", "uName", "Time"]


class Dataset:
    """Raw indicator values with their labels.

    ``values[u, t, i]`` is the value of indicator ``codes[i]`` for unit
    ``unit_codes[u]`` in period ``periods[t]``.
    """

    def __init__(self, unit_codes, unit_names, periods, codes, values,
                 groups=None, denominators=None):
        self.unit_codes = [str(u) for u in unit_codes]
        self.unit_names = [str(n) for n in unit_names]
        self.periods = list(periods)
        self.codes = list(codes)
        self.values = np.asarray(values, dtype=float)
        if self.values.shape != (len(self.unit_codes), len(self.periods), len(self.codes)):
            raise ValueError("values shape does not match labels")
        self.groups = dict(groups or {})
        self.denominators = dict(denominators or {})
        self.unit_index = {u: i for i, u in enumerate(self.unit_codes)}
        self.period_index = {p: i for i, p in enumerate(self.periods)}
        self.code_index = {c: i for i, c in enumerate(self.codes)}

    @property
    def has_time(self) -> bool:
        return not (len(self.periods) == 1 and self.periods[0] is None)

    def copy(self) -> "Dataset":
        return Dataset(self.unit_codes, self.unit_names, self.periods, self.codes, self.values.copy(),
                       {k: np.array(v, dtype=object) for k, v in self.groups.items()},
                       {k: np.array(v, dtype=float) for k, v in self.denominators.items()})

    def value(self, unit, period, code) -> float:
        return float(self.values[self.unit_index[unit], self.period_index[period], self.code_index[code]])

    # ---- iData conversion ------------------------------------------------
    def to_frame(self) -> "pd.DataFrame":
        """Long-by-unit iData frame: one row per unit and period."""
        import pandas as pd  # imported on use: opening a project needs no pandas
        rows = []
        for t, p in enumerate(self.periods):
            for u, code in enumerate(self.unit_codes):
                row = {"uCode": code, "uName": self.unit_names[u]}
                if self.has_time:
                    row["Time"] = p
                for g, arr in self.groups.items():
                    row[g] = arr[u, t]
                for d, arr in self.denominators.items():
                    row[d] = arr[u, t]
                rows.append(row)
        df = pd.DataFrame(rows)
        block = self.values.transpose(1, 0, 2).reshape(-1, len(self.codes))
        ind = pd.DataFrame(block, columns=self.codes)
        return pd.concat([df, ind], axis=1)

    @classmethod
    def from_frame(cls, df: "pd.DataFrame", framework: Framework, where: str = "Data",
                   first_row: int = 2, warnings: list | None = None) -> "Dataset":
        """Read an iData frame.  ``first_row`` is the file row of the first
        record (header on row 1), used in messages."""
        df, rownos = _without_blank_rows(df, first_row)
        if not len(df):
            raise InputError(tr("{where}: no data rows (only the header); an iData table needs a row per unit "
                                "and period", where=where))
        cols = list(df.columns)
        _check_columns(cols, framework, where)
        ucodes = _unit_codes_of(df, where, rownos)
        names = df["uName"] if "uName" in cols else ucodes
        has_time = "Time" in cols
        times = _times_of(df, where, rownos) if has_time else [None] * len(df)
        _check_duplicates(ucodes, times, has_time, where, rownos)
        unit_codes = list(dict.fromkeys(ucodes))
        unit_names = {}
        for u, n in zip(ucodes, names):
            unit_names.setdefault(u, _label(n) if not is_missing(n) else u)
        periods = sorted(set(times), key=_sort_key) if has_time else [None]
        ui = {u: k for k, u in enumerate(unit_codes)}
        ti = {p: k for k, p in enumerate(periods)}
        rix = np.array([ui[u] for u in ucodes], dtype=int)
        tix = np.array([ti[t] for t in times], dtype=int)
        codes = framework.indicator_codes
        values = np.full((len(unit_codes), len(periods), len(codes)), np.nan)
        for j, code in enumerate(codes):
            values[rix, tix, j] = numeric_column(df[code], where, code, rownos)
        shape = (len(unit_codes), len(periods))
        groups, denoms = _other_columns(df, framework, (rix, tix), shape, where, rownos, warnings)
        return cls(unit_codes, [unit_names[u] for u in unit_codes], periods, codes, values, groups, denoms)


def _without_blank_rows(df, first_row):
    """A copy of ``df`` with text column names and without blank rows, and
    the file row number of each row kept (messages keep the file's rows)."""
    cols = [str(c) for c in df.columns]
    df = df.copy()
    df.columns = cols
    rownos = first_row + np.arange(len(df))
    keep = ~df.isna().all(axis=1).to_numpy()
    df = df[keep].reset_index(drop=True)
    rownos = rownos[keep]
    return df, rownos


def _check_columns(cols, framework, where) -> None:
    """InputError without a uCode column or a column for every indicator."""
    if "uCode" not in cols:
        raise InputError(tr("{where}: there is no uCode column (columns found: {found})", where=where,
                            found=", ".join(cols[:12])))
    missing = [c for c in framework.indicator_codes if c not in cols]
    if missing:
        raise InputError(tr("{where}: no column for indicator(s) {codes} of the framework", where=where,
                            codes=", ".join(missing)), code=missing[0])


def _unit_codes_of(df, where, rownos) -> list:
    """Each row's unit code as text (InputError on an empty one)."""
    ucodes = df["uCode"]
    for i, v in enumerate(ucodes):
        if v is None or (isinstance(v, float) and math.isnan(v)) or str(v).strip() == "":
            raise InputError(tr("{where}, row {row}, column uCode: the unit code is empty", where=where,
                                row=rownos[i]))
    return [_label(v) for v in ucodes]


def _times_of(df, where, rownos) -> list:
    """Each row's period from the Time column (InputError on one that is not)."""
    times = []
    for i, v in enumerate(df["Time"]):
        t = _period(v)
        if t is None:
            raise InputError(tr("{where}, row {row}, column Time: '{value}' is not a period", where=where,
                                row=rownos[i], value=v))
        times.append(t)
    return times


def _check_duplicates(ucodes, times, has_time, where, rownos) -> None:
    """InputError naming both rows when a unit appears twice in a period."""
    seen = {}
    for i, key in enumerate(zip(ucodes, times)):
        if key in seen:
            rows = dict(where=where, first=rownos[seen[key]], second=rownos[i], unit=key[0])
            raise InputError(tr("{where}, rows {first} and {second}: unit '{unit}' appears twice in period "
                                "{period}", period=key[1], **rows) if has_time else
                             tr("{where}, rows {first} and {second}: unit '{unit}' appears twice", **rows),
                             unit=key[0])
        seen[key] = i


def _other_columns(df, framework, at, shape, where, rownos, warnings):
    """The (groups, denominators) arrays of ``shape`` from the columns that
    are not uCode, uName, Time or an indicator, placed ``at`` (unit, period)
    indices; other numeric columns are ignored with a warning."""
    rix, tix = at
    codes = framework.indicator_codes
    aux_types = {a.code: a.type for a in framework.aux}
    groups, denoms = {}, {}
    for c in df.columns:
        if c in ("uCode", "uName", "Time") or c in codes:
            continue
        kind = aux_types.get(c)
        if kind == "Denominator":
            arr = np.full(shape, np.nan)
            arr[rix, tix] = numeric_column(df[c], where, c, rownos)
            denoms[c] = arr
        elif kind == "Group" or df[c].dtype == object:
            arr = np.full(shape, None, dtype=object)
            arr[rix, tix] = [None if is_missing(v) else _label(v) for v in df[c]]
            groups[c] = arr
        elif warnings is not None:
            warnings.append({"kind": "ignored", "code": c,
                             "message": tr("{where}: column '{column}' is not in the framework and was ignored",
                                           where=where, column=c)})
    return groups, denoms


def _label(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _period(v):
    """Periods are integers (years) where possible, otherwise text labels."""
    if is_missing(v):
        return None
    if isinstance(v, (int, np.integer)):
        return int(v)
    try:
        f = float(v)
    except (TypeError, ValueError):
        return str(v).strip()
    if math.isfinite(f) and f.is_integer():
        return int(f)
    return str(v).strip()


def _sort_key(p):
    return (0, p, "") if isinstance(p, int) else (1, 0, str(p))


def numeric_column(series: "pd.Series", where: str, column: str, rows=2) -> np.ndarray:
    """Convert a column to floats; text that is not a number is an error
    naming the row and column.  Blank cells become NaN (missing).  ``rows``
    is the file row of the first value, or the file row of every value."""
    import pandas as pd
    rownos = np.asarray(rows) if np.ndim(rows) else rows + np.arange(len(series))
    if pd.api.types.is_numeric_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        out = series.to_numpy(dtype=float, na_value=np.nan, copy=True)
    else:
        cells = series.tolist()
        out, kind = parse_values(cells)         # missing words are NaN, as on import and paste
        refused = np.flatnonzero((kind == BAD) | (kind == PERCENT))
        if refused.size:
            i = int(refused[0])
            v = cells[i]
            where_ = tr("{where}, row {row}, column {column}", where=where, row=rownos[i], column=column)
            if kind[i] == PERCENT:
                raise InputError(tr("{where}: '{value}' is not a number (a percentage: write the value in the "
                                    "indicator's unit, without %)", where=where_, value=v), code=column)
            if parse_number(v)[2] == "not a finite number":
                raise InputError(tr("{where}: {value} is not a finite number", where=where_, value=v), code=column)
            raise InputError(tr("{where}: '{value}' is not a number", where=where_, value=v), code=column)
    bad = ~np.isfinite(out) & ~np.isnan(out)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InputError(tr("{where}, row {row}, column {column}: {value} is not a finite number", where=where,
                            row=rownos[i], column=column, value=series.iloc[i]), code=column)
    return out
