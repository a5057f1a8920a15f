"""The long layout: one value per row, with unit, year, indicator (name or
code) and value columns; the unit or year column may be missing when the
sheet is about one unit (its name, or ``--unit``) or one period (its name).

Statistical offices' exports are long tables too: OECD.Stat's CSV
(LOCATION, Country, INDICATOR, Indicator, ..., Unit Code, Unit, ...,
Value, Flag Codes, Flags) and the OECD Data Explorer's SDMX-CSV
(STRUCTURE, ..., REF_AREA, Reference area, ..., TIME_PERIOD, OBS_VALUE,
OBS_STATUS, ...).  Their columns come in code / label pairs (an upper-case
code column followed by its label, or "X Code" followed by "X"): the code
is read, the label names it.  A table's *extra key columns* are the other
columns that tell rows with the same unit, period and indicator apart
(INEQUALITY, SEX, AGE, MEASURE...): :func:`_extra_keys` finds them, and
the user keeps one value of each (``filters``) or makes its values
separate indicators (``split``); without a choice a value that reads as a
total (:data:`TOTAL_WORDS`) is kept, with a warning, and otherwise the
import stops, naming the columns, their values and the options.
"""
from __future__ import annotations

import re

from core.errors import InputError
from core.importing.block import (Block, Columns, Labels, cached, each, fixed_unit_and_period, indicator,
                                  make_block, period_of, rows_at_least)
from core.importing.layouts.base import CellMap, Fit, Layout, ReadOptions, ValueCells
from core.importing.table import Table
from core.importing.roles import column_named, column_roles
from core.model.celltext import column_letter, is_blank, parse_number, text_of
from core.text import tr

ROLES = ("ind_name", "ind_code", "value", "unit_code", "unit_name", "year", "measure")


def _norm(text) -> str:
    return re.sub(r"[\s_:：]+", "", text_of(text).lower())


# values of an extra key column that stand for the whole (compared without case)
TOTAL_WORDS = frozenset(["tot", "total", "t", "_t", "all", "合计", "总计", "全部", "总体", "全体"])
# columns about a value, never a key: flags, power / multiplier, decimals, reference period
ATTRIBUTE_WORDS = frozenset(_norm(w) for w in (
    "flag codes", "flag code", "flags", "flag", "obs_status", "observation status", "conf_status",
    "confidentiality status", "obs_flag", "powercode code", "powercode", "unit_mult", "unit multiplier",
    "decimals", "reference period code", "reference period", "base_per", "base period", "comment_obs",
    "observation comment", "note", "notes", "footnote", "footnotes"))
# headers of a unit-of-measure column that a table with another unit column (LOCATION, Country) has
_MEASURE_UNIT_WORDS = frozenset(_norm(w) for w in ("unit", "unit code", "unit name", "units"))
_CODE_HEADER = re.compile(r"[A-Z][A-Z0-9_]*\Z")


class Long(Layout):
    name = "long"
    description = "unit, year, indicator and value columns"

    def fit(self, table: Table) -> Fit:
        col = _resolve(table, ReadOptions()).col
        if col["ind_name"] is None and col["ind_code"] is None:
            return Fit(0, tr("no column names the indicator"))
        if col["value"] is None:
            return Fit(0, tr("no column of values"))
        return Fit(3, tr("an indicator column and a value column"))

    def read(self, table: Table, options: ReadOptions) -> Block:
        sh = table.sheet
        spec = _resolve(table, options)
        col = spec.col
        if col["value"] is None or (col["ind_name"] is None and col["ind_code"] is None):
            raise InputError(tr("sheet '{sheet}': the long layout needs an indicator column and a value column "
                                "(header row {row})", sheet=sh.name, row=table.header + 1))
        U, T, I = Labels(), Labels(), Labels()
        fixed, fixed_t = fixed_unit_and_period(U, T, sh, options.unit, options.many_sheets, col["unit_code"],
                                               col["unit_name"], col["year"])
        rows_in = list(table.data_rows)
        drows = rows_at_least(sh, rows_in, max(table.cols + [c for c in col.values() if c is not None]) + 1)
        cols, n = Columns(drows), len(drows)
        keys = _Keys(table, spec, cols, rows_in)
        keep = keys.chosen(options)
        if keep is not None:
            rows_in = [r for r, k in zip(rows_in, keep) if k]
            drows = [row for row, k in zip(drows, keep) if k]
            cols, n = Columns(drows), len(drows)
        row_u = _units_of_rows(cols, col, U, n) if fixed is None else [fixed] * n
        pers = each(cols[col["year"]], cached(period_of)) if fixed_t is None else None
        ind_c = col["ind_name"] if col["ind_name"] is not None else col["ind_code"]
        labs, vals = cols[ind_c], cols[col["value"]]
        lab_blank = each(labs, is_blank)
        code_cells = cols[col["ind_code"]] if (col["ind_code"] is not None and col["ind_name"] is not None) \
            else [None] * n
        meas_cells = cols[col["measure"]] if col["measure"] is not None else [None] * n
        txt = cached(text_of)
        splits = [each(cols[c], txt) for c in keys.split]
        ind_memo, unreadable = {}, []
        uu, tt, ii, rr, cc, raw = [], [], [], [], [], []
        for j, r in enumerate(rows_in):
            u = row_u[j]
            if u is None or lab_blank[j]:
                if not is_blank(vals[j]):
                    unreadable.append((r, col["value"], text_of(vals[j]),
                                       tr("no unit named") if u is None else tr("no indicator named"), "row"))
                continue
            if pers is not None:
                if pers[j] is None:
                    unreadable.append((r, col["year"], "", tr("no year"), "row"))
                    continue
                t = T.add(pers[j])
            else:
                t = fixed_t
            parts = tuple(s[j] for s in splits)
            cells3 = (type(labs[j]), labs[j], type(code_cells[j]), code_cells[j], type(meas_cells[j]), meas_cells[j],
                      parts)
            i = ind_memo.get(cells3)
            if i is None:
                key, info = indicator(labs[j], code_cells[j], meas_cells[j], "", table.sheet_unit)
                if parts:
                    key, info = _split_indicator(info, parts)
                i = ind_memo[cells3] = I.add(key, info)
            uu.append(u), tt.append(t), ii.append(i), rr.append(r), cc.append(col["value"])
            raw.append(vals[j])
        return make_block(sh.name, U, T, I, uu, tt, ii, rr, cc, raw, unreadable, keys.warnings)

    def roles(self, table: Table, options: ReadOptions) -> dict:
        return _resolve(table, options).roles

    def cell_map(self, cells: ValueCells, units: list, periods: list, codes: list) -> CellMap:
        """One row per value, keyed "unit|period|code"; the one "value" column."""
        rows = {f"{units[a]}|{periods[b]}|{codes[d]}": int(r) + 1
                for a, b, d, r in zip(cells.units, cells.periods, cells.indicators, cells.rows)}
        return CellMap("unit|period|code", "value", rows,
                       {"value": column_letter(int(cells.columns[0]))} if len(cells.columns) else {})


def _split_indicator(info, parts):
    """An indicator record made separate by the values ``parts`` of the split columns."""
    tail = ".".join(p or "-" for p in parts)
    shown = ", ".join(p or "-" for p in parts)
    code = f"{info['code']}.{tail}" if info["code"] else ""
    name, label = f"{info['name']} ({shown})", f"{info['label']} ({shown})"
    key = code or name
    return key, dict(info, key=key, code=code, name=name, label=label)


def _units_of_rows(cols, col, U, n) -> list:
    """The unit index of each row (by code, else name; None where a row
    names none), units added in order of appearance; each distinct cell
    is read once."""
    txt = cached(text_of)
    codes = each(cols[col["unit_code"]], txt) if col["unit_code"] is not None else [""] * n
    labels = each(cols[col["unit_name"]], txt) if col["unit_name"] is not None else [""] * n
    keys = [a or b for a, b in zip(codes, labels)]
    first_label = dict(zip(reversed(keys), reversed(labels)))
    for key in dict.fromkeys(keys):
        if key:
            U.add(key, (key, first_label[key] or key))
    return [U.index.get(k) if k else None for k in keys]


# ---- the columns of a long table ---------------------------------------------------------------------
class _Spec:
    """A long table's columns: ``col`` role -> column (None: none);
    ``twin`` code column -> its label column; ``others`` the columns that
    may be extra keys (code columns of pairs); ``attributes`` the columns
    about a value (flags, multipliers...), never keys."""

    def __init__(self, col, twin, others, attributes, roles):
        self.col, self.twin, self.others, self.attributes = col, twin, others, attributes
        self.roles = roles              # column -> role, code / label pairs and units of measure settled


def _twins(table) -> dict:
    """Code column -> the label column right after it: an upper-case code
    header (LOCATION, REF_AREA) followed by one that is not, or "X Code"
    followed by "X"."""
    out, cs = {}, table.cols
    for a, b in zip(cs, cs[1:]):
        ha, hb = text_of(table.head(a)).strip(), text_of(table.head(b)).strip()
        if not ha or not hb or b != a + 1:
            continue
        if (_CODE_HEADER.match(ha) and not _CODE_HEADER.match(hb)) or _norm(ha) == _norm(hb) + "code":
            out[a] = b
    return out


def _resolve(table: Table, options: ReadOptions) -> _Spec:
    """The role of each column of a long table (see the module's docstring)."""
    roles = dict(column_roles(table))
    twin = _twins(table)
    label_of = {b: a for a, b in twin.items()}
    # a code / label pair named alike (INDICATOR / Indicator, LOCATION / Country): code and name
    for a, b in twin.items():
        ra, rb = roles.get(a), roles.get(b)
        if {ra, rb} <= {"ind_name", "ind_code"} and ra and rb:
            roles[a], roles[b] = "ind_code", "ind_name"
        elif {ra, rb} <= {"unit_name", "unit_code"} and ra and rb:
            roles[a], roles[b] = "unit_code", "unit_name"
        elif ra and ra == rb:               # TIME_PERIOD / Time period, OBS_VALUE / Observation value
            roles[b] = None                 # the label of the code column, read from the code
    # "Unit" / "Unit Code" beside another column of units (LOCATION, Country): units of measure
    heads = {c: _norm(table.head(c)) for c in table.cols}
    unitish = [c for c in table.cols if roles.get(c) in ("unit_code", "unit_name")]
    if any(heads[c] not in _MEASURE_UNIT_WORDS for c in unitish):
        for c in unitish:
            if heads[c] in _MEASURE_UNIT_WORDS:
                roles[c] = "measure"
    # "MEASURE": the units of measure, unless another column gives those or no column names the
    # indicator (OECD: a dimension; the indicator itself in the Data Explorer's files)
    dims = [c for c in table.cols if heads[c] == "measure" and roles.get(c) == "measure"]
    if dims:
        other_measure = [c for c in table.cols if roles.get(c) == "measure" and c not in dims
                         and label_of.get(c) not in dims]
        no_indicator = not any(roles.get(c) in ("ind_name", "ind_code") for c in table.cols)
        if other_measure or no_indicator:
            first = dims[0]
            pair = [first] + ([twin[first]] if first in twin else [])
            for c in dims:
                roles[c] = None
            if no_indicator:
                if len(pair) == 2:
                    roles[pair[0]], roles[pair[1]] = "ind_code", "ind_name"
                else:
                    roles[first] = "ind_name"
    if options.measure_column:
        c = column_named(table, options.measure_column, tr("sheet '{sheet}'", sheet=table.sheet.name),
                         "--measure-column")
        for k, r in list(roles.items()):
            if r == "measure":
                roles[k] = None
        roles[c] = "measure"
    col = {role: next((c for c in table.cols if roles.get(c) == role), None) for role in ROLES}
    if col["measure"] is not None and col["measure"] in twin:
        col["measure"] = twin[col["measure"]]          # the label of a unit-of-measure code
    used = {c for c in col.values() if c is not None}
    used |= {twin[c] for c in used if c in twin} | {label_of[c] for c in used if c in label_of}
    sdmx = any(heads[c] in ("obsvalue", "structure") for c in table.cols)
    attributes = set()
    for c in table.cols:
        if heads[c] in ATTRIBUTE_WORDS or roles.get(c) == "note" or (sdmx and col["value"] is not None
                                                                      and c > col["value"]):
            attributes.add(c)
    others = [c for c in table.cols if c not in used and c not in attributes and c not in label_of
              and roles.get(c) is None]
    return _Spec(col, twin, others, attributes, roles)


# ---- extra key columns ---------------------------------------------------------------------------------
class _Keys:
    """The rows a long table's filters, its total values and its split
    columns keep, and what was decided, in words (``warnings``)."""

    def __init__(self, table, spec, cols, rows):
        self.table, self.spec, self.cols, self.rows = table, spec, cols, rows
        self.sheet = table.sheet.name
        self.split, self.warnings, self._text = [], [], {}

    def text(self, c) -> list:
        got = self._text.get(c)
        if got is None:
            got = self._text[c] = each(self.cols[c], cached(text_of))
        return got

    def name(self, c) -> str:
        return f"{column_letter(c)} '{text_of(self.table.head(c)).strip()}'"

    def values(self, c, keep) -> list:
        """'CODE (label)' of the values of column c in the kept rows, in order of appearance."""
        codes = self.text(c)
        labels = self.text(self.spec.twin[c]) if c in self.spec.twin else codes
        seen = {}
        for k, a, b in zip(keep, codes, labels):
            if k and a not in seen:
                seen[a] = b
        return [a if not b or a == b else f"{a} ({b})" for a, b in seen.items()]

    def chosen(self, options) -> list | None:
        """Which rows are read (None: all of them)."""
        n = len(self.rows)
        keep = [True] * n
        decided = set()
        for name, value in (options.filters or {}).items():
            c = column_named(self.table, name, tr("sheet '{sheet}'", sheet=self.table.sheet.name), "--filter")
            keep = self._filtered(c, str(value), keep)
            decided.add({b: a for a, b in self.spec.twin.items()}.get(c, c))
        for name in options.split or ():
            c = column_named(self.table, name, tr("sheet '{sheet}'", sheet=self.table.sheet.name), "--split")
            c = {b: a for a, b in self.spec.twin.items()}.get(c, c)
            self.split.append(c)
            decided.add(c)
            self.warnings.append(tr("sheet '{sheet}': column {column} splits the indicators (--split): values "
                                    "{values}", sheet=self.sheet, column=self.name(c),
                                    values=", ".join(self.values(c, keep)[:12])))
        base = self._base_keys()
        extra = [c for c in self._varying(base, keep, decided)]
        open_ = []
        for c in extra:
            codes = self.text(c)
            labels = self.text(self.spec.twin[c]) if c in self.spec.twin else codes
            kept_codes = {a for a, k in zip(codes, keep) if k}
            totals = sorted({a for a, b, k in zip(codes, labels, keep)
                             if k and (a.casefold() in TOTAL_WORDS or b.casefold() in TOTAL_WORDS)})
            shown = ", ".join(self.values(c, keep)[:20])
            if len(totals) == 1 and len(kept_codes) > 1:
                keep = [k and a == totals[0] for k, a in zip(keep, codes)]
                head = text_of(self.table.head(c)).strip()
                self.warnings.append(tr(
                    "sheet '{sheet}': column {column} is an extra key (values {values}): rows with {total} (the "
                    "total) read; --filter \"{head}=VALUE\" keeps another value, --split \"{head}\" makes each "
                    "value a separate indicator", sheet=self.sheet, column=self.name(c), values=shown,
                    total=totals[0], head=head))
            else:
                open_.append((c, shown))
        if open_:
            lines = "; ".join(tr("column {column} (values {values})", column=self.name(c), values=shown)
                              for c, shown in open_)
            first = text_of(self.table.head(open_[0][0])).strip()
            raise InputError(tr(
                "sheet '{sheet}': rows with the same unit, period and indicator differ in extra key column(s): "
                "{columns}; choose one value of each with --filter COLUMN=VALUE (e.g. --filter \"{example}\") or "
                "make each value a separate indicator with --split COLUMN", sheet=self.sheet, columns=lines,
                example=first + "=" + self.values(open_[0][0], keep)[0].split(" (")[0]))
        self._left_duplicates(base, keep)
        return None if all(keep) else keep

    def _filtered(self, c, value, keep) -> list:
        cands = [c] + ([self.spec.twin[c]] if c in self.spec.twin else []) + \
            [a for a, b in self.spec.twin.items() if b == c]
        for same in (lambda a: a == value, lambda a: a.casefold() == value.casefold()):
            for k in cands:
                hit = [same(a) for a in self.text(k)]
                if any(hit):
                    out = [x and h for x, h in zip(keep, hit)]
                    head = text_of(self.table.head(c)).strip()
                    self.warnings.append(tr("sheet '{sheet}': rows with {head}={value} read (--filter); {n} other "
                                            "row(s) left out", sheet=self.sheet, head=head, value=value,
                                            n=sum(keep) - sum(out)))
                    return out
        code = next((a for a, b in self.spec.twin.items() if b == c), c)
        raise InputError(tr("sheet '{sheet}': --filter {head}={value}: no row holds '{value}' in column {column} "
                            "(values: {values})", sheet=self.sheet, head=text_of(self.table.head(c)).strip(),
                            value=value, column=self.name(c), values=", ".join(self.values(code, keep)[:30])))

    def _base_keys(self) -> list:
        """Each row's (unit, period, indicator, split values) as texts."""
        col, n = self.spec.col, len(self.rows)
        parts = [self.text(col[r]) for r in ("unit_code", "unit_name", "year", "ind_code", "ind_name")
                 if col[r] is not None] + [self.text(c) for c in self.split]
        return list(zip(*parts)) if parts else [()] * n

    def _varying(self, base, keep, decided) -> list:
        """The columns that tell kept rows with the same base key apart."""
        first, dups = {}, []
        for j, (k, key) in enumerate(zip(keep, base)):
            if k:
                f = first.setdefault(key, j)
                if f != j:
                    dups.append((f, j))
        if not dups:
            return []
        out = []
        for c in self.spec.others:
            if c in decided:
                continue
            t = self.text(c)
            if any(t[f] != t[j] for f, j in dups):
                out.append(c)
        return out

    def _left_duplicates(self, base, keep) -> None:
        """InputError for rows that still give the same cell different
        values when some column tells them apart (rows no column tells
        apart are left to the import's list of second values)."""
        first, clash = {}, []
        vals = self.text(self.spec.col["value"])
        for j, (k, key) in enumerate(zip(keep, base)):
            if not k:
                continue
            f = first.setdefault(key, j)
            if f != j and _number(vals[f]) != _number(vals[j]):
                clash.append((f, j))
        if not clash:
            return
        col = self.spec.col
        skip = {c for c in col.values() if c is not None}
        told = []
        for f, j in clash:
            apart = [c for c in self.table.cols if c not in skip and self.text(c)[f] != self.text(c)[j]]
            if apart:
                told.append((f, j, apart))
        if not told:
            return
        shown = "; ".join(tr("rows {first} and {second} (column(s) {columns} differ)", first=self.rows[f] + 1,
                             second=self.rows[j] + 1, columns=", ".join(self.name(c) for c in apart[:4]))
                          for f, j, apart in told[:5])
        raise InputError(tr("sheet '{sheet}': {n} row(s) give a second, different value for the same unit, period "
                            "and indicator: {rows}; keep one value of such a column with --filter COLUMN=VALUE or "
                            "make its values separate indicators with --split COLUMN", sheet=self.sheet,
                            n=len(told), rows=shown))


def _number(text):
    x, kind, _ = parse_number(text)
    return (kind, x) if x == x else (kind, text)


LAYOUT = Long()


def extra_keys(table: Table, options: ReadOptions | None = None) -> list:
    """The extra key columns of a long ``table`` as :class:`_Keys` finds
    them before any choice (``options``: only its measure column is used):
    ``(column, header, values, total)`` each, ``values`` the (code, label)
    pairs in order of appearance and ``total`` the code read as the total
    when exactly one value reads as one ('' otherwise).  Reads nothing and
    decides nothing: the wizard offers a choice per column from this."""
    spec = _resolve(table, ReadOptions(measure_column=(options or ReadOptions()).measure_column))
    col = spec.col
    if col["value"] is None or (col["ind_name"] is None and col["ind_code"] is None):
        return []
    rows = list(table.data_rows)
    drows = rows_at_least(table.sheet, rows, max(table.cols + [c for c in col.values() if c is not None]) + 1)
    keys = _Keys(table, spec, Columns(drows), rows)
    keep = [True] * len(rows)
    out = []
    for c in keys._varying(keys._base_keys(), keep, set()):
        codes = keys.text(c)
        labels = keys.text(spec.twin[c]) if c in spec.twin else codes
        seen = dict(zip(reversed(codes), reversed(labels)))
        values = [(a, seen[a]) for a in dict.fromkeys(codes)]
        totals = sorted({a for a, b in values if a.casefold() in TOTAL_WORDS or b.casefold() in TOTAL_WORDS})
        out.append((c, text_of(table.head(c)).strip(), values, totals[0] if len(totals) == 1 and len(values) > 1
                    else ""))
    return out
