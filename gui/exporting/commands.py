"""The commands that draw, headless (they need Qt, so they live here and
not in :mod:`core.cli`):

    python main.py charts PROJECT [--unit CODE] [--period P] [--format png|svg|pdf] [--scale S]
                          [--language en|zh] [--meta META.csv] -o DIR
    python main.py report PROJECT [--language en|zh] [--meta META.csv] -o REPORT.pdf

PROJECT is anything File > Open reads (a .coindex project, a template
workbook, an iData CSV with ``--meta``), read by
:func:`core.importing.inputs.load_input` as ``compute`` reads it.  Qt runs
on the offscreen platform (unless QT_QPA_PLATFORM says otherwise), so no
display is needed.  Exit codes: 0 written; 2 bad usage or input (one line on
stderr, nothing written); 1 the output could not be written.
"""
from __future__ import annotations

import argparse
import os
import sys

CHART_FORMATS = ("png", "svg", "pdf")
LANGUAGES = ("en", "zh")
MAX_LISTED = 30                 # valid choices listed in a message, at most


class UsageError(Exception):
    """Bad usage or input: the message is printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.print_usage(sys.stderr)
        print(f"{self.prog}: error: {message}", file=sys.stderr)
        raise SystemExit(2)


def build_parser(command: str) -> argparse.ArgumentParser:
    """The parser of ``charts`` or ``report``."""
    if command == "charts":
        p = _Parser(prog="python main.py charts",
                    description="Write every chart of a project (composite, dimensions, contributions, radar, "
                                "ranking, league) to a folder, without a display.")
        p.add_argument("project", help=".coindex project, template .xlsx workbook or iData .csv")
        p.add_argument("--unit", metavar="CODE", help="the unit the charts show (default: the first)")
        p.add_argument("--period", metavar="P", help="the period of the radar, ranking and league (default: the last)")
        p.add_argument("--format", default="png", metavar="png|svg|pdf", help="file format (default: png)")
        p.add_argument("--scale", default="1", metavar="S",
                       help="PNG pixels per chart pixel (default: 1: 760 x 470 pixels)")
        p.add_argument("-o", "--output", required=True, metavar="DIR", help="folder to write to (created if missing)")
    else:
        p = _Parser(prog="python main.py report", description="Write the PDF report of a project, without a display.")
        p.add_argument("project", help=".coindex project, template .xlsx workbook or iData .csv")
        p.add_argument("-o", "--output", required=True, metavar="REPORT.pdf", help="the PDF to write")
    p.add_argument("--language", default="en", metavar="en|zh", help="language of titles, names and headings")
    p.add_argument("--meta", metavar="META.csv", help="iMeta .csv (with an iData .csv project)")
    return p


def main(argv) -> int:
    """Run ``argv`` = ['charts' | 'report', ...]; returns the exit code."""
    command, rest = argv[0], list(argv[1:])
    try:
        args = build_parser(command).parse_args(rest)
    except SystemExit as e:                      # -h (0) or a usage error (2, already printed)
        return int(e.code or 0)
    try:
        language = _choice(args.language, LANGUAGES, "--language", "language")
        if command == "charts":
            fmt = _choice(args.format.lower(), CHART_FORMATS, "--format", "format")
            scale = _scale(args.scale)
        elif not args.output.lower().endswith(".pdf"):
            raise UsageError(f"-o {args.output}: the report is a PDF; give a name ending in .pdf")
        app = _application(language)
        document = _open(args.project, args.meta)
        try:
            if command == "charts":
                written = write_charts(document, args.output, args.unit, args.period, fmt, scale)
            else:
                written = [write_report(document, args.output, language)]
        finally:
            document.close()
            app.processEvents()
            from gui.base import i18n
            i18n.remove_translators(app)       # while Python is fully alive (see remove_translators)
    except UsageError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"error: {e.filename or ''}: {e.strerror or e}", file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


def _listed(choices) -> str:
    choices = [str(c) for c in choices]
    shown = ", ".join(choices[:MAX_LISTED])
    return shown + (f", ... ({len(choices):,} in all)" if len(choices) > MAX_LISTED else "")


def _choice(value: str, choices, option: str, what: str) -> str:
    if value not in choices:
        raise UsageError(f"{option} {value}: no such {what}; choose one of: {_listed(choices)}")
    return value


def _scale(text: str) -> float:
    try:
        scale = float(text)
    except ValueError:
        scale = float("nan")
    if not 0 < scale <= 10:
        raise UsageError(f"--scale {text}: not a scale; give a number above 0 and up to 10 (1: 760 x 470 pixels)")
    return scale


def _application(language: str):
    """The QApplication (offscreen unless QT_QPA_PLATFORM is set), in ``language``."""
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([sys.argv[0] if sys.argv else "coindex"])
        app.setApplicationName("CoIndex")
        app.setOrganizationName("CoIndex")
    from gui.base import i18n
    i18n.install_language(app, "zh_CN" if language == "zh" else "en", remember=False)
    app.processEvents()                          # the language change reaches whatever exists
    return app


def _open(path: str, meta: str | None):
    """The project at ``path`` as a document (computed once)."""
    from core.errors import CoIndexError
    from core.importing.inputs import find_meta, load_input
    from gui.base.document import ProjectDocument
    if meta is None and path.lower().endswith(".csv"):
        meta = find_meta(path)                   # the iMeta beside it, as File > Open finds it
    try:
        return ProjectDocument(load_input(path, meta=meta), path)
    except CoIndexError as e:
        raise UsageError(str(e)) from None
    except OSError as e:
        raise UsageError(f"{e.filename or path}: {e.strerror or e}") from None


def _pick(value: str | None, labels, option: str, what: str) -> int | None:
    """The index of ``value`` among ``labels`` (exact, else ignoring case), or None when not given."""
    if value is None:
        return None
    labels = ["" if x is None else str(x) for x in labels]
    if value in labels:
        return labels.index(value)
    folded = [x.casefold() for x in labels]
    if value.casefold() in folded:
        return folded.index(value.casefold())
    raise UsageError(f"{option} {value}: no such {what}; choose one of: {_listed(labels)}")


def write_charts(document, folder: str, unit: str | None = None, period: str | None = None, fmt: str = "png",
                 scale: float = 1.0) -> list[str]:
    """Every chart as ``folder``/composite.png, dimensions, contributions,
    radar, ranking, league (+ ``fmt``); returns the paths.  Unknown ``unit``
    or ``period`` raise :class:`UsageError` before anything is written."""
    from gui.exporting.offscreen import CHART_NAMES, offscreen_panel, print_palette, write_chart
    ds = document.project.dataset
    u = _pick(unit, ds.unit_codes, "--unit", "unit")
    t = _pick(period, ds.periods, "--period", "period")
    if os.path.exists(folder) and not os.path.isdir(folder):
        raise UsageError(f"-o {folder}: a file of that name exists; give a folder")
    os.makedirs(folder, exist_ok=True)
    written = []
    with offscreen_panel(document, palette=print_palette()) as panel:
        if u is not None:
            panel.set_unit(u)
        if t is not None:
            panel.set_period(t)
        for name, attribute in CHART_NAMES:
            path = os.path.join(folder, f"{name}.{fmt}")
            write_chart(getattr(panel, attribute), path, fmt, scale)
            written.append(path)
    return written


def write_report(document, path: str, language: str = "en") -> str:
    """The PDF report of ``document`` at ``path``, with its charts; returns the path."""
    from gui.exporting.report import safe_chart_images, write_pdf_report
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise UsageError(f"-o {path}: the folder {folder} does not exist")
    images, error = safe_chart_images(document)
    write_pdf_report(document.project, path, "zh_CN" if language == "zh" else "en", images, error)
    return path
