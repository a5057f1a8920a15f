"""The role of each column of a table found in a sheet (unit code or name,
year, indicator code or name, value, unit of measure, note), from its
header (:func:`core.importing.table.header_role`) and a sample of its cells,
with the columns a user named in place of detection."""
from __future__ import annotations

import re

from core.errors import InputError
from core.importing.table import Table, header_role, is_label, is_missing_text
from core.model.celltext import CellIssue, column_index, column_letter, looks_like_unit, parse_year, text_of
from core.text import tr

# headers that say "unit" without saying which kind: a column of units of measure or of regions
_AMBIGUOUS_UNIT_HEADERS = frozenset({"unit", "units", "单位"})


def _ambiguous_unit_header(v) -> bool:
    """A header such as "单位" or "Unit" that may head regions or units of
    measure (not "uName", "region", "country": those name the units)."""
    return re.sub(r"[\s_:：]+", "", text_of(v).lower()) in _AMBIGUOUS_UNIT_HEADERS


def column_roles(table: Table) -> dict:
    """Column -> role from the header, with "单位" / "unit" columns that
    hold units of measure read as 'measure' (a column headed "uName",
    "region" or "country" names the units whatever its cells say, so
    regions called "Unit 1", "Unit 2" stay regions)."""
    if table.roles is None:
        roles = {}
        for c in table.cols:
            role = header_role(table.head(c))
            if role in ("unit_name", "unit_code") and _ambiguous_unit_header(table.head(c)) \
                    and _mostly_units(table, c):
                role = "measure"
            roles[c] = role
        table.roles = _with_chosen(roles, table.chosen)
    return table.roles


# the roles a user's column replaces: naming one unit column drops the units detection found elsewhere
_ROLE_GROUPS = {"unit_code": ("unit_code", "unit_name"), "unit_name": ("unit_code", "unit_name"),
                "ind_code": ("ind_code", "ind_name"), "ind_name": ("ind_code", "ind_name"),
                "year": ("year",), "value": ("value",), "measure": ("measure",)}


def _with_chosen(roles: dict, chosen: dict) -> dict:
    """The detected ``roles`` with the user's columns (``chosen``: column
    -> role) in place; a detected column of a role the user placed
    elsewhere (or of the other role of its group) loses its role."""
    if not chosen:
        return roles
    dropped = {r for role in chosen.values() for r in _ROLE_GROUPS.get(role, (role,))} - set(chosen.values())
    given = set(chosen.values())
    out = {c: (None if (role in given or role in dropped) else role) for c, role in roles.items()}
    out.update(chosen)
    return out


def column_named(table: Table, spec, where: str = "", role: str = "") -> int:
    """The 0-based column ``spec`` names: a header's text (case-insensitive)
    or a column letter ("C"); ``role`` is the role or the option it was given
    for.  InputError naming it and listing the
    headers found when it names no column of the table."""
    want = re.sub(r"\s+", " ", str(spec)).strip().casefold()
    heads = [(c, text_of(table.head(c))) for c in table.cols]
    for c, h in heads:
        if h and re.sub(r"\s+", " ", h).strip().casefold() == want:
            return c
    if re.fullmatch(r"[a-z]{1,3}", want) and column_index(want) in table.cols:
        return column_index(want)
    found = ", ".join(f"{column_letter(c)} '{h}'" for c, h in heads if h) or tr("none")
    given = "" if not role else (tr(" (given to {option})", option=role) if role.startswith("--")
                                 else tr(" (given as the {role} column)", role=role_word(role)))
    raise InputError(tr("{where}: column '{spec}'{given} names no column of the table (header row {row}: "
                        "{found})", where=where, spec=spec, given=given, row=table.header + 1, found=found))


def role_word(role: str) -> str:
    """A column's role (``unit_code`` ...) in words, in the current language."""
    words = {"unit_code": tr("unit code"), "unit_name": tr("unit name"), "ind_code": tr("indicator code"),
             "ind_name": tr("indicator name"), "year": tr("year"), "value": tr("value"),
             "measure": tr("measure")}
    return words.get(role, role.replace("_", " "))


def choose_columns(table: Table, columns: dict, where: str = "") -> None:
    """Give the columns the user named (``columns``: role -> header text
    or letter) their role, over detection (InputError for a column that
    names none, or one column named for two roles)."""
    chosen = {}
    for role, spec in (columns or {}).items():
        if spec is None or str(spec).strip() == "":
            continue
        c = column_named(table, spec, where, role)
        if c in chosen and chosen[c] != role:
            raise InputError(tr("{where}: column {column} is named for both {first} and {second}", where=where,
                                column=column_letter(c), first=chosen[c], second=role))
        chosen[c] = role
    table.chosen = chosen
    table.roles = None


SAMPLE_ROWS = 400


def sample_positions(data_rows) -> list:
    """The data rows column sniffing looks at: all of them, or SAMPLE_ROWS spread over the table."""
    if len(data_rows) <= SAMPLE_ROWS:
        return list(data_rows)
    step = len(data_rows) / SAMPLE_ROWS
    return [data_rows[int(k * step)] for k in range(SAMPLE_ROWS)]


def _sample(table, c) -> list:
    """Non-blank values of column c in up to SAMPLE_ROWS data rows spread over the table."""
    rows = table.sample_rows
    if rows is None:
        rows = table.sample_rows = [table.sheet.rows[r] for r in sample_positions(table.data_rows)]
    vals = [row[c] if c < len(row) else "" for row in rows]
    return [v for v in vals if v != "" and v is not None and not (type(v) is float and v != v)]


def _mostly_units(table, c) -> bool:
    """Most (60%) of the sampled cells of column c that say something are
    units of measure: blanks and "—", "-", "－", ".." (a ratio or an index
    has no unit) are not counted, and at least one cell is a unit."""
    vals = [v for v in _sample(table, c) if not is_missing_text(v)]
    return bool(vals) and sum(looks_like_unit(v) for v in vals if isinstance(v, str)) >= 0.6 * len(vals)


def mostly_text(table, c) -> bool:
    """Most sampled values of column c are labels (text that is neither a
    number nor a year).  An Excel error value is no label: a column of them
    is a number column whose cells could not be read."""
    vals = _sample(table, c)
    # (only text can be a label that is not a year)
    texts = [v for v in vals if isinstance(v, str) and not isinstance(v, CellIssue)]
    if not vals or len(texts) < 0.6 * len(vals):
        return False
    return sum(1 for v in texts if not _plain_float(v) and is_label(v) and parse_year(v) is None) >= 0.6 * len(vals)


def _plain_float(s: str) -> bool:
    """Text Python reads as a number as it is (a CSV's numbers): not a label."""
    try:
        float(s)
        return True
    except ValueError:
        return False


def first_column(table: Table, role: str):
    """The first column of ``table`` with this role, or None."""
    roles = column_roles(table)
    return next((c for c in table.cols if roles.get(c) == role), None)
