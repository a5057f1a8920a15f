"""CoIndex entry point.

    python main.py                  the desktop app, opening the bundled sample
    python main.py FILE             the app, opening FILE: a .coindex project, a template
                                    workbook or an iData CSV as the project; any other
                                    workbook or table (.xlsx .xls .xlsb .ods .csv .tsv) in
                                    the import wizard, over a new empty project
    python main.py compute ...      command line (see ``python main.py compute -h``)
    python main.py template OUT.xlsx
    python main.py import WORKBOOK ... -o OUT.coindex   (see ``python main.py import -h``)
    python main.py analyse INPUT --uncertainty N ...    (see ``python main.py analyse -h``)
    python main.py charts PROJECT [--unit CODE] [--period P] [--format png|svg|pdf] [--scale S]
                          [--language en|zh] -o DIR      every chart as a file, headless
    python main.py report PROJECT [--language en|zh] -o REPORT.pdf   the PDF report, headless
"""
import sys

CLI_COMMANDS = {"compute", "template", "import", "analyse", "coupling"}
DRAWING_COMMANDS = {"charts", "report"}          # need Qt: gui/exporting/commands.py


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in CLI_COMMANDS or argv[0] in ("-h", "--help")):
        from core.cli import main as cli_main
        return cli_main(argv)
    if argv and argv[0] in DRAWING_COMMANDS:
        from gui.exporting.commands import main as drawing_main
        return drawing_main(argv)
    from gui.window.app import run
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
