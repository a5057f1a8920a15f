"""``python main.py import``: read a workbook, print a summary of what was
read (the cells that could not be read by reason, all of them with
``--verbose`` or ``--report FILE.csv``), and write a project (a new one with a
flat framework, or ``--into`` an existing one, matched by code, English or
Chinese name).  Nothing is written when the workbook cannot be imported.
The import runs the plan the wizard runs (core/importing/plan.py), with
the options the command line gives."""
from __future__ import annotations

import csv
import os
import sys

from core.errors import InputError
from core.importing.plan import ImportOptions, confident, import_file, new_project, plan_merge
from core.importing.result import ImportResult
from core.text import tr, unit_name


SHOWN = 5        # addresses shown per reason in the summary


def _reason_key(cell) -> str:
    """A cell's reason as the summary groups it (a second value names its first cell: one group)."""
    return tr("a second value for a cell already given (the first is used)") if getattr(cell, "second", False) \
        else cell.reason


def _more(items: list, limit: int) -> str:
    """The first ``limit`` items joined, with ' ...' when there are more."""
    return ", ".join(items[:limit]) + (" ..." if len(items) > limit else "")


def not_read_lines(result: ImportResult) -> list:
    """The values not read, by reason, with the first addresses of each."""
    if not result.unreadable:
        return [tr("values not read: none")]
    groups = {}
    for c in result.unreadable:
        groups.setdefault(_reason_key(c), []).append(c)
    out = [tr("values not read ({n}), imported as missing:", n=len(result.unreadable))]
    for reason, cells in groups.items():
        shown = _more([f"{c.sheet}!{c.address}" + (f" '{c.text}'" if c.text else "") for c in cells], SHOWN)
        out.append(tr("  {reason} ({n}): {cells}", reason=reason, n=len(cells), cells=shown))
    return out


def report_lines(result: ImportResult, verbose: bool = False) -> list:
    """What an import read, as lines of text for the command line: a short
    summary (and every cell that could not be read when ``verbose``).
    Units of measure are named in the current language (core.text.unit_name)."""
    sheets = ", ".join(tr("'{sheet}' (header row {row})", sheet=s, row=result.header_rows.get(s))
                       for s in result.sheets)
    out = [tr("read {file} ({format}): layout {layout}, sheet(s) {sheets}", file=result.file,
              format=result.format, layout=result.layout, sheets=sheets)]
    names = [c if c == n else f"{c} ({n})" for c, n in result.units]
    out.append(tr("units ({n}): {units}", n=len(names), units=_more(names, 20)))
    per = [tr("(no period)") if p is None else str(p) for p in result.periods]
    out.append(tr("periods ({n}): {periods}", n=len(per), periods=_more(per, 30)))
    out.append(tr("indicators ({n}):", n=len(result.indicators)))
    for ind in result.indicators[:20]:
        unit = f" [{unit_name(ind.unit)}]" if ind.unit else ""
        out.append(f"  {ind.code}: {ind.name}{unit}")
    if len(result.indicators) > 20:
        out.append(tr("  ... {n} more", n=len(result.indicators) - 20))
    total = int(result.present.sum())
    out.append(tr("values: {read} read, {missing} missing", read=result.n_values, missing=total - result.n_values))
    out.extend(not_read_lines(result))
    if verbose and result.unreadable:
        out.append(tr("every cell that could not be read:"))
        out.extend(f"  {c}" for c in result.unreadable)
    return out


def write_report(result: ImportResult, path) -> None:
    """Every cell that could not be read, as CSV: sheet, cell, text, reason."""
    if not str(path).lower().endswith(".csv"):
        raise InputError(tr("--report {path}: the report must be a .csv file", path=path))
    with open(path, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow([tr("sheet"), tr("cell"), tr("text"), tr("reason")])
        for c in result.unreadable:
            w.writerow([c.sheet, c.address, c.text, c.reason])


def _warn(text: str) -> None:
    print(tr("warning: {text}", text=text), file=sys.stderr)


def cli_import(args) -> int:
    """``python main.py import WORKBOOK [--sheet NAME] [--layout ...] [--unit CODE]
    [--into PROJECT.coindex [--add-units] [--clear-missing]] [the user's reading: --header-row, --skip-rows, --*-column]
    [--accept-guess] [--verbose] [--report FILE.csv] -o OUT.coindex``: a
    summary on standard output, warnings and errors on standard error; exit
    0 when written, 1 (nothing written) when the workbook cannot be
    imported or its reading is a guess (core/importing/confidence.py)."""
    from core.project import projectfile
    out = args.output
    if not out.lower().endswith(".coindex"):
        raise InputError(tr("-o {path}: the output must be a .coindex project file", path=out))
    options = options_of(args)
    result = import_file(options)
    for line in report_lines(result, getattr(args, "verbose", False)):
        print(line)
    for w in result.warnings:
        _warn(w)
    if getattr(args, "report", None):
        write_report(result, args.report)
        print(tr("wrote {path} ({n} cell(s) not read)", path=args.report, n=len(result.unreadable)))
    for doubt in confident(result, options):        # InputError unless --accept-guess
        _warn(tr("guessed (--accept-guess): {doubt}", doubt=doubt))
    if args.strict and result.unreadable:
        raise InputError(tr("{file}: {n} cell(s) could not be read (--strict); nothing written",
                            file=result.file, n=len(result.unreadable)))
    if args.into:
        project = projectfile.load(args.into)
        command, summary = plan_merge(project, result, options, stamp=False)
        project.execute(command)
        print(tr("into {file}:", file=os.path.basename(args.into)))
        for line in summary.lines():
            print("  " + line)
    else:
        project = new_project(result, options, stamp=False)
    projectfile.save(project, out)
    print(tr("wrote {path}", path=out))
    return 0


# the command line's column options -> the roles of ImportOptions.columns
COLUMN_OPTIONS = {"unit_column": "unit_code", "unit_name_column": "unit_name", "indicator_column": "ind_code",
                  "indicator_name_column": "ind_name", "period_column": "year", "value_column": "value"}


def options_of(args) -> ImportOptions:
    """The import options the command line's arguments give (the wizard's
    defaults otherwise: every indicator matched automatically, new ones
    left out, new units left out unless ``--add-units`` (a file's one unit
    updates a one-unit project's unit), new periods added, unreadable
    cells missing, cells marked missing keeping the project's values
    unless ``--clear-missing``)."""
    columns = {role: getattr(args, name) for name, role in COLUMN_OPTIONS.items() if getattr(args, name, None)}
    options = ImportOptions(path=args.workbook, sheets=[args.sheet] if args.sheet else None, layout=args.layout,
                            unit=args.unit, include_hidden=args.include_hidden,
                            header_row=getattr(args, "header_row", None), skip_rows=getattr(args, "skip_rows", 0) or 0,
                            columns=columns, accept_guess=getattr(args, "accept_guess", False),
                            add_units=getattr(args, "add_units", False),
                            clear_missing=getattr(args, "clear_missing", False))
    options.filters.update(_filters_of(getattr(args, "filter", None) or []))
    options.split = list(getattr(args, "split", None) or [])
    if getattr(args, "measure_column", None):
        options.columns["measure"] = args.measure_column
    return options


def _filters_of(items) -> dict:
    """``--filter COL=VALUE`` items as {column: value}."""
    out = {}
    for item in items:
        col, eq, value = item.partition("=")
        if not eq or not col.strip():
            raise InputError(tr("--filter '{item}': expected COLUMN=VALUE (COLUMN: header text or letter)",
                                item=item))
        out[col.strip()] = value.strip()
    return out
