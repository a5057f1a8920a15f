"""The command line: ``compute``, ``template``, ``import`` and ``analyse`` (no Qt is imported here).

    python main.py compute INPUT [--meta META.csv] [--set KEY=VALUE ...] [--json] [--out results.xlsx] [--force]
                          [--format json|csv|parquet -o FILE|DIR]
    python main.py template OUT.xlsx [--force]
    python main.py import WORKBOOK [--language en|zh] [--sheet NAME] [--layout auto|template|yearbook|...]
                          [--unit CODE] [--into PROJECT.coindex [--add-units] [--clear-missing]]
                          [--header-row N] [--skip-rows N]
                          [--unit-column COL] [--unit-name-column COL] [--indicator-column COL]
                          [--indicator-name-column COL] [--period-column COL] [--value-column COL]
                          [--accept-guess] [--verbose] [--report FILE.csv] -o OUT.coindex [--force]
    python main.py analyse INPUT --uncertainty N ...  (core/cli_analyse.py)
    python main.py coupling INPUT --nodes A,B | --units U1,U2 [--node CODE] [--weights ...] [--json]
                                                     (core/cli_coupling.py)

Exit codes: 0 success, 1 a user error (message names the place), 2 bad
usage, an unknown setting or value (message lists the valid ones), or an
output that would replace a file: an input of the command (never), or any
existing file (only with ``--force``).

Messages, reports and warnings are in English unless ``--language zh``
(core.text); for ``compute --out`` the same option names the workbook's
language.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys

from core import text
from core.errors import CoIndexError, SettingsError
from core.text import tr


class OutputRefused(CoIndexError):
    """An output that would replace an input, or an existing file without
    ``--force`` (exit 2: the command line was wrong, nothing was read)."""


FORCE_HELP = "replace the output file if it exists (never an input file)"


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(tr("{prog}: error: {message}", prog=self.prog, message=message), file=sys.stderr)
        raise SystemExit(2)


def _set_help() -> str:
    """The --set help: the settings keys and the methods, from the registry."""
    from core.methods.registry import AGGREGATIONS, IMPUTATIONS, NORMALISATIONS, TREATMENTS, WEIGHTINGS
    from core.model.settings import keys
    return (f"override a setting; keys: {', '.join(keys())}; normalisation: {', '.join(NORMALISATIONS)}; "
            f"aggregation: {', '.join(AGGREGATIONS)}; weighting: {', '.join(WEIGHTINGS)}; "
            f"imputation: {', '.join(IMPUTATIONS)}; treatment: {', '.join(TREATMENTS)}").replace("%", "%%")


def build_parser() -> argparse.ArgumentParser:
    from core.importing.layouts.registry import names as layout_names
    p = _Parser(prog="python main.py", description="CoIndex: compute and analyse composite indices.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    c = _add_compute_parser(sub)
    t = sub.add_parser("template", help="write an empty template workbook")
    t.add_argument("out", help="path of the .xlsx to write")
    i = sub.add_parser("import", help="import an indicator workbook (.xlsx, .xlsm, .xls, .xlsb, .ods, .csv)")
    i.add_argument("workbook", help="the workbook or CSV file to import")
    i.add_argument("--language", choices=("en", "zh"), default="en",
                   help="the report, warnings and errors in English or Chinese")
    i.add_argument("--sheet", help="read only this sheet")
    i.add_argument("--layout", default="auto", choices=("auto",) + layout_names(),
                   help="the layout (default: detected)")
    i.add_argument("--unit", help="unit code of a yearbook sheet that names no unit; with a unit column, "
                                  "import only this unit")
    i.add_argument("--into", metavar="PROJECT.coindex", help="match to this project's indicators and replace "
                                                             "their values (the project file is not changed)")
    i.add_argument("--add-units", action="store_true",
                   help="with --into: add the workbook's units that match none of the project's (default: left "
                        "out; a file's one unit updates a one-unit project's unit)")
    i.add_argument("--clear-missing", action="store_true",
                   help="with --into: cells the workbook marks missing (blank, '—', '..') clear the project's "
                        "values (default: the project's values are kept)")
    i.add_argument("-o", "--output", required=True, metavar="OUT.coindex",
                   help="the project to write (an existing file, the --into project too, only with --force)")
    for command in (c, t, i):
        command.add_argument("--force", action="store_true", help=FORCE_HELP)
    i.add_argument("--include-hidden", action="store_true", help="read hidden rows and columns too")
    i.add_argument("--strict", action="store_true", help="exit 1 (write nothing) if any cell cannot be read")
    i.add_argument("--filter", action="append", default=[], metavar="COL=VALUE",
                   help="long table: read only the rows whose extra key column COL (header text or letter) "
                        "holds VALUE (repeatable)")
    i.add_argument("--split", action="append", default=[], metavar="COL",
                   help="long table: make each value of the extra key column COL a separate indicator "
                        "(CODE.VALUE, 'name (VALUE)'; repeatable)")
    i.add_argument("--measure-column", metavar="COL", help="long table: the column of the units of measure "
                                                          "(header text or letter)")
    i.add_argument("--header-row", type=_positive, metavar="N", help="the header is row N (1-based; default: detected)")
    i.add_argument("--skip-rows", type=_count, default=0, metavar="N", help="ignore the first N rows of every sheet")
    for flag, what in (("unit", "unit codes (or the units' only column)"), ("unit-name", "unit names"),
                       ("indicator", "indicator codes (or the indicators' only column)"),
                       ("indicator-name", "indicator names"), ("period", "year or period of each row"),
                       ("value", "values (long tables)")):
        i.add_argument(f"--{flag}-column", metavar="COL", help=f"the column of the {what}: its header text "
                                                                f"(any case) or its letter, e.g. C")
    i.add_argument("--accept-guess", action="store_true", help="import even when the reading is a guess (several "
                   "columns could name the units, years in two places, many cells unreadable, values given twice)")
    i.add_argument("--verbose", action="store_true", help="list every cell that could not be read")
    i.add_argument("--report", metavar="FILE.csv", help="write every cell that could not be read to this CSV "
                                                        "(sheet, cell, text, reason)")
    from core.cli_analyse import add_parser as add_analyse_parser
    add_analyse_parser(sub, _set_help())
    from core.cli_coupling import add_parser as add_coupling_parser
    add_coupling_parser(sub, _set_help())
    return p


def _add_compute_parser(sub) -> argparse.ArgumentParser:
    c = sub.add_parser("compute", help="compute an index from a project, template workbook or iData CSV")
    c.add_argument("input", help=".coindex project, .xlsx template workbook, or iData .csv")
    c.add_argument("--meta", help="iMeta .csv (with a .csv input)")
    c.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help=_set_help())
    c.add_argument("--json", action="store_true", help="print the results as one JSON document")
    c.add_argument("--format", choices=("json", "csv", "parquet"),
                   help="write the results as JSON (to -o FILE or the standard output), or as one CSV or "
                        "Parquet (needs pyarrow) long table per kind into the folder -o DIR")
    c.add_argument("-o", "--output", metavar="PATH", help="with --format: the JSON file, or the folder of the "
                                                          "CSV / Parquet tables")
    c.add_argument("--out", help="write the results to this .xlsx workbook, with live Excel formulas for the "
                                 "normalised values and aggregates (and their cached values)")
    c.add_argument("--values-only", action="store_true",
                   help="with --out: write values only, no formulas (always so for very large projects)")
    c.add_argument("--language", choices=("en", "zh"), default="en",
                   help="messages, and with --out the names and headings, in English or Chinese")
    return c


def _positive(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(tr("'{text}' is not a row number (1, 2, ...)", text=text))
    return int(text)


def _count(text: str) -> int:
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(tr("'{text}' is not a number of rows (0, 1, ...)", text=text))
    return int(text)


def _outputs_and_inputs(args) -> tuple[list, list]:
    """The files the command would write and the files it reads."""
    if args.command == "compute":
        # --format json -o FILE is guarded like --out; csv/parquet -o names a folder, whose writer
        # replaces only its own tables and refuses a file
        single = args.output if getattr(args, "format", None) == "json" else None
        return [args.out, single], [args.input, args.meta]
    if args.command == "template":
        return [args.out], []
    if args.command == "import":
        return [args.output, args.report], [args.workbook]      # (--into may be replaced, with --force)
    return [], []                                   # analyse and coupling print, write nothing


def _same_file(a, b) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def check_outputs(args) -> None:
    """OutputRefused for an output that is one of the command's inputs
    (whatever its spelling: a link, ``./``, ``..``), or that exists while
    ``--force`` is not given."""
    outputs, inputs = _outputs_and_inputs(args)
    for out in filter(None, outputs):
        for source in filter(None, inputs):
            if _same_file(out, source):
                raise OutputRefused(tr("{out}: this is the input file {source}; write to another file",
                                       out=out, source=source))
        if os.path.lexists(out) and not os.path.isdir(out) and not args.force:
            raise OutputRefused(tr("{out} exists; use --force to replace it", out=out))


def _compute(args) -> int:
    from core.importing.inputs import load_input
    from core.exporting.tables import write_results
    from core.exporting.values import FORMULA_LIMIT     # above it, --out writes values only
    load_warnings: list = []
    project = load_input(args.input, args.meta, load_warnings)
    for w in load_warnings:
        if w.get("kind") == "no_meta" and not args.json:
            print(tr("warning: {text}", text=w["message"]), file=sys.stderr)
    settings = project.settings.copy()
    for item in args.set:
        if "=" not in item:
            raise SettingsError(tr("--set '{item}': expected KEY=VALUE", item=item), valid=["KEY=VALUE"])
        key, value = item.split("=", 1)
        settings.apply(key, value, where=f"--set {key}")
    project.settings = settings
    engine = project.recompute()
    if args.out:
        if not args.out.lower().endswith(".xlsx"):
            raise CoIndexError(tr("--out {path}: the results workbook must be an .xlsx file", path=args.out))
        ds = engine.dataset
        cells = len(ds.unit_codes) * len(ds.periods) * len(engine.codes)
        if args.values_only or cells > FORMULA_LIMIT:
            if not args.values_only:
                print(tr("note: {cells:,} result cells: writing values only (formulas are written up to "
                         "{limit:,})", cells=cells, limit=FORMULA_LIMIT), file=sys.stderr)
            from core.exporting.wide import DATA_SHEET_LIMIT, data_left_out_note
            if ds.values.size > DATA_SHEET_LIMIT:
                print(tr("note: {message}", message=data_left_out_note(ds.values.size)["message"]), file=sys.stderr)
            write_results(engine, args.out)
        else:
            from core.exporting.workbook import write_results_workbook
            write_results_workbook(engine, args.out, language=args.language, info=project.info)
    if args.json or args.format or args.output:
        from core.exporting.outputs import write_output
        try:
            write_output(engine, args.format or "json", args.output, load_warnings + engine.warnings)
        except MemoryError:
            ds = engine.dataset
            raise CoIndexError(tr("not enough memory to print the results of {units} units x {periods} periods x "
                                  "{nodes} nodes as JSON; write them to a workbook with --out instead",
                                  units=len(ds.unit_codes), periods=len(ds.periods),
                                  nodes=len(engine.codes))) from None
    elif not args.out:
        _print_summary(engine)
    return 0


def _print_summary(engine) -> None:
    fw, ds = engine.framework, engine.dataset
    periods = ds.periods
    head = _pad(tr("code"), 12) + "".join(_pad(str(p if p is not None else tr("score")), 10, right=True)
                                          for p in periods)
    for u, unit in enumerate(ds.unit_codes[:20]):
        print(f"{unit}  {ds.unit_names[u]}")
        print(head)
        for code in fw.aggregate_codes[::-1]:
            row = engine.score(code)[u]
            print(code.ljust(12) + "".join(("" if v != v else f"{v:.2f}").rjust(10) for v in row))
    if len(ds.unit_codes) > 20:
        print(tr("... {n} more units (use --json or --out for all)", n=len(ds.unit_codes) - 20))
    for w in engine.warnings:
        print(tr("warning: {text}", text=w["message"]), file=sys.stderr)


_pad = text.pad


def main(argv=None) -> int:
    was = text.language()
    text.set_language(_language_of(argv))           # before parsing: usage errors in that language too
    try:
        with _numpy_quiet():
            return _run(argv)
    finally:
        text.set_language(was)


@contextlib.contextmanager
def _numpy_quiet():
    """numpy's floating-point warnings kept off standard error: an overflow
    that spoils a result is an error naming the place (core.pipeline.finite)."""
    import warnings
    import numpy as np
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def _language_of(argv) -> str:
    """The ``--language`` given (``--language zh`` or ``--language=zh``), else English."""
    args = list(sys.argv[1:] if argv is None else argv)
    for k, a in enumerate(args):
        if a == "--language" and k + 1 < len(args):
            return args[k + 1]
        if a.startswith("--language="):
            return a.split("=", 1)[1]
    return "en"


def _run(argv) -> int:
    args = build_parser().parse_args(argv)
    from core.atomic import sweep_leftovers
    try:
        sweep_leftovers()               # what a killed run left
    except OSError:
        pass
    try:
        check_outputs(args)
        if args.command == "compute":
            return _compute(args)
        if args.command == "import":
            from core.importing.report import cli_import
            return cli_import(args)
        if args.command == "analyse":
            from core.cli_analyse import cli_analyse
            return cli_analyse(args)
        if args.command == "coupling":
            from core.cli_coupling import cli_coupling
            return cli_coupling(args)
        if args.command == "template":
            if not args.out.lower().endswith(".xlsx"):
                raise CoIndexError(tr("{path}: the template must be an .xlsx file", path=args.out))
            from core.exporting.tables import write_template
            write_template(args.out)
            print(tr("wrote {path}", path=args.out))
            return 0
    except (SettingsError, OutputRefused) as e:
        print(tr("error: {message}", message=e), file=sys.stderr)
        return 2
    except CoIndexError as e:
        print(tr("error: {message}", message=e), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader (e.g. `| head`) went away; nothing more to say
        sys.stderr.close()
        return 0
    except OSError as e:
        reason = e.strerror or str(e)
        print(tr("error: {message}", message=(str(e.filename) + ": " + reason) if e.filename else reason), file=sys.stderr)
        return 1
    return 2
