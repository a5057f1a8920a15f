"""``python main.py import``: read a workbook, print what was read and
every cell that could not be read, and write a project (a new one with a
flat framework, or ``--into`` an existing one, matched by code, English or
Chinese name).  Nothing is written when the workbook cannot be imported.
The import runs the plan the wizard runs (core/importing/plan.py), with
the options the command line gives."""
from __future__ import annotations

import os

from core.errors import InputError
from core.importing.plan import ImportOptions, import_file, new_project, plan_merge
from core.importing.result import ImportResult


def report_lines(result: ImportResult) -> list:
    """What an import read, as lines of text for the command line."""
    sheets = ", ".join(f"'{s}' (header row {result.header_rows.get(s)})" for s in result.sheets)
    out = [f"read {result.file} ({result.format}): layout {result.layout}, sheet(s) {sheets}"]
    out.append(f"indicators ({len(result.indicators)}):")
    for ind in result.indicators:
        unit = f" [{ind.unit}]" if ind.unit else ""
        out.append(f"  {ind.code}: {ind.name}{unit}")
    names = [c if c == n else f"{c} ({n})" for c, n in result.units]
    out.append(f"units ({len(names)}): {', '.join(names[:50])}{' ...' if len(names) > 50 else ''}")
    per = ["(no period)" if p is None else str(p) for p in result.periods]
    out.append(f"periods ({len(per)}): {', '.join(per[:60])}{' ...' if len(per) > 60 else ''}")
    total = int(result.present.sum())
    out.append(f"values: {result.n_values} read, {total - result.n_values} missing")
    if result.unreadable:
        out.append(f"cells that could not be read ({len(result.unreadable)}), imported as missing:")
        out.extend(f"  {c}" for c in result.unreadable)
    else:
        out.append("cells that could not be read: none")
    out.extend(f"warning: {w}" for w in result.warnings)
    return out


def cli_import(args) -> int:
    """``python main.py import WORKBOOK [--sheet NAME] [--layout ...] [--unit CODE]
    [--into PROJECT.coindex] -o OUT.coindex``: exit 0 when written, 1 (nothing
    written) when the workbook cannot be imported."""
    from core.project import projectfile
    out = args.output
    if not out.lower().endswith(".coindex"):
        raise InputError(f"-o {out}: the output must be a .coindex project file")
    options = options_of(args)
    result = import_file(options)
    for line in report_lines(result):
        print(line)
    if args.strict and result.unreadable:
        raise InputError(f"{result.file}: {len(result.unreadable)} cell(s) could not be read (--strict); "
                         f"nothing written")
    if args.into:
        project = projectfile.load(args.into)
        command, summary = plan_merge(project, result, options, stamp=False)
        project.execute(command)
        print(f"into {os.path.basename(args.into)}:")
        for line in summary.lines():
            print("  " + line)
    else:
        project = new_project(result, options, stamp=False)
    projectfile.save(project, out)
    print(f"wrote {out}")
    return 0


def options_of(args) -> ImportOptions:
    """The import options the command line's arguments give (the wizard's
    defaults otherwise: every indicator matched automatically, new ones
    left out, new units and periods added, unreadable cells missing)."""
    options = ImportOptions(path=args.workbook, sheets=[args.sheet] if args.sheet else None, layout=args.layout,
                            unit=args.unit, include_hidden=args.include_hidden)
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
            raise InputError(f"--filter '{item}': expected COLUMN=VALUE (COLUMN: header text or letter)")
        out[col.strip()] = value.strip()
    return out
