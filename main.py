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
"""
import sys

CLI_COMMANDS = {"compute", "template", "import", "analyse"}


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and (argv[0] in CLI_COMMANDS or argv[0] in ("-h", "--help")):
        from core.cli import main as cli_main
        return cli_main(argv)
    from gui.window.app import run
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
