"""How sure an import's reading is: what the detection had to guess.

A reading is a guess when the file leaves a choice open: two columns could
each name the units, a column names each row's year while header cells are
years too, or many of the value cells cannot be read, or several values
fall on the same unit, period and indicator (a key column read as none).
:func:`table_doubts` lists a table's (the importer stores them in
``ImportResult.doubts``), :func:`doubts` all of a result's, each a
:class:`Doubt` naming what was found and the option that settles it;
:func:`check` refuses a reading with doubts unless the user accepts the
guess.  The wizard shows the same doubts.

Thresholds: the cells that cannot be read, or the cells given twice with
different values, make a doubt when there are at least
:data:`MIN_CELLS` of them and they are more than :data:`SHARE` of the value
cells (one or two typos are listed in the summary, not a doubt).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from core.errors import InputError
from core.importing.table import Table
from core.importing.roles import column_roles, role_word
from core.model.celltext import column_letter, text_of
from core.text import tr

SHARE = 0.01        # more than 1 % of the value cells ...
MIN_CELLS = 3       # ... and at least this many

# role -> the command line's option that names its column
OPTION = {"unit_code": "--unit-column", "unit_name": "--unit-name-column", "ind_code": "--indicator-column",
          "ind_name": "--indicator-name-column", "year": "--period-column", "value": "--value-column"}
_GROUPS = (("unit_code", "unit_name"), ("ind_code", "ind_name"), ("year",), ("value",))


@dataclass(frozen=True)
class Doubt:
    """What the detection guessed (``what``), how to settle it (``settle``,
    in the command line's options); ``role`` and ``columns`` (0-based) name
    the role and the candidate columns when it is a choice of columns;
    ``kind`` says which doubt it is ("columns", "years", "unreadable" or
    "twice", whatever the language of the texts)."""
    what: str
    settle: str
    role: str = ""
    columns: tuple = field(default_factory=tuple)
    kind: str = ""

    def __str__(self) -> str:
        return tr("{what}; {settle}", what=self.what, settle=self.settle)


def _named(table: Table, c) -> str:
    head = text_of(table.head(c))
    return f"{column_letter(c)} '{head}'" if head else column_letter(c)


def table_doubts(table: Table, layout: str, layout_given: bool = False, where: str = "",
                 roles: dict | None = None) -> list:
    """The doubts of reading ``table`` in ``layout``: a role the user did
    not place (``table.chosen``) that several columns could have, and
    years both in a column and in the header.  ``roles``: column -> role as
    the layout reads the table (default: the header's roles)."""
    roles = column_roles(table) if roles is None else roles
    chosen = set(table.chosen.values())
    out = []
    groups = _GROUPS if layout == "long" else _GROUPS[:1] + _GROUPS[2:3]
    for group in groups:
        if chosen & set(group):
            continue
        for role in group:
            cols = [c for c in table.cols if roles.get(c) == role]
            if len(cols) > 1:
                names = ", ".join(_named(table, c) for c in cols)
                out.append(Doubt(tr("{where}: columns {names} could each be the {role} column ({read} was read)",
                                    where=where, names=names, role=role_word(role), read=column_letter(cols[0])),
                                 tr("say which with {option} (e.g. {option} {column})", option=OPTION[role],
                                    column=column_letter(cols[1])),
                                 role, tuple(cols), "columns"))
    if "year" not in chosen:
        years = [c for c in table.cols if roles.get(c) == "year"]
        heads = [c for c in table.cols if roles.get(c) == "period"]
        if years and heads:
            span = _named(table, heads[0]) + (f" ... {_named(table, heads[-1])}" if len(heads) > 1 else "")
            out.append(Doubt(tr("{where}: periods in two places: column {column} names each row's year and the "
                                "header cells {span} are years (read in the {layout} layout)", where=where,
                                column=_named(table, years[0]), span=span, layout=layout),
                             tr("use {option} {column} to take each row's year from that column",
                                option=OPTION["year"], column=column_letter(years[0])),
                             "year", tuple(years + heads), "years"))
    return out


def result_doubts(result) -> list:
    """The doubts of what was read: many value cells unreadable, or given
    twice with different values."""
    n = int(result.present.sum())
    bad = [c for c in result.unreadable if not getattr(c, "second", False)]
    twice = [c for c in result.unreadable if getattr(c, "second", False)]
    out = []
    if len(bad) >= MIN_CELLS and len(bad) > SHARE * max(n, 1):
        first = ", ".join(f"{c.sheet}!{c.address}" for c in bad[:5])
        out.append(Doubt(tr("{file}: {bad} of {n} value cells ({share:.0%}) could not be read (first: {first})",
                            file=result.file, bad=len(bad), n=n, share=len(bad) / max(n, 1), first=first),
                         tr("check the header row (--header-row, --skip-rows) and the columns (--value-column "
                            "...); --accept-guess imports them as missing"), kind="unreadable"))
    if len(twice) >= MIN_CELLS and len(twice) > SHARE * max(n, 1):
        first = ", ".join(f"{c.sheet}!{c.address}" for c in twice[:5])
        out.append(Doubt(tr("{file}: {n} value(s) fall on a unit, period and indicator already given another "
                            "value (first: {first}); a column that tells them apart may not be read",
                            file=result.file, n=len(twice), first=first),
                         tr("name the columns (--unit-column, --indicator-column, --period-column); "
                            "--accept-guess keeps the first value of each"), kind="twice"))
    return out


def doubts(result) -> list:
    """Every doubt of ``result``: its tables' and its values'."""
    return list(getattr(result, "doubts", None) or []) + result_doubts(result)


def check(result, accept_guess: bool = False) -> list:
    """The doubts of ``result`` when ``accept_guess`` (to be reported);
    otherwise InputError listing them when there are any."""
    found = doubts(result)
    if found and not accept_guess:
        lines = "\n".join(f"  - {d}" for d in found)
        raise InputError(tr("{file}: the reading is a guess, nothing written:\n{doubts}\nsettle each with the "
                            "option named, or give --accept-guess to import it as read", file=result.file,
                            doubts=lines))
    return found
