"""Import benchmark: a 20,000-row x 12-column sheet (floor: the import at most 2 x the library's own read).

    python bench/import_bench.py [--runs 7]

The sheet is COINr iData-like: uCode, uName, Time and 9 indicator columns
(1,000 units x 20 years), written by openpyxl (.xlsx, inline strings) and
by LibreOffice when it is installed (.xlsx with shared strings), and as
CSV.  Prints the median and best of several runs of the whole import
(file checks + pre-scan + calamine + layout detection + value parsing +
arrays), its two stages, python-calamine's own read of the same sheet
(``CalamineWorkbook.from_path(p).get_sheet_by_index(0).to_python()``) with
every row's ratio to it in wall and in CPU time (the floor: the import at
most 2 x, judged in both: the CPU ratio shows the work itself when other
jobs share the machine), and pandas' readers for comparison.  For the CSV the
base is ``pandas.read_csv`` of the same file, and the import is shown on
its fast path (core/importing/csvfast.py) and on the general path
(``COINDEX_CSV_FAST=0``: the csv module's rows, every cell parsed alone).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.sheets.readers import read_text_source, read_workbook_cells  # noqa: E402
from core.importing import csvfast  # noqa: E402
from core.importing.importer import import_cells, import_workbook  # noqa: E402

ROWS, INDICATORS = 20_000, 9
FLOOR = 2.0          # import_workbook at most this many times calamine's own read (pandas.read_csv for a CSV)


def calamine_alone(path):
    import python_calamine
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    try:
        return wb.get_sheet_by_index(0).to_python()
    finally:
        wb.close()


def make_files(folder: Path) -> dict:
    from openpyxl import Workbook
    rng = np.random.default_rng(4)
    header = ["uCode", "uName", "Time"] + [f"X{k}" for k in range(INDICATORS)]
    rows = []
    for r in range(ROWS):
        u = r // 20
        rows.append([f"U{u:04d}", f"Unit {u}", 2001 + r % 20] + rng.normal(100, 15, INDICATORS).round(3).tolist())
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Data")
    ws.append(header)
    for row in rows:
        ws.append(row)
    files = {"xlsx (openpyxl)": folder / "bench.xlsx"}
    wb.save(files["xlsx (openpyxl)"])
    csv = folder / "bench.csv"
    with open(csv, "w", encoding="utf-8") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(map(str, row)) + "\n")
    files["csv"] = csv
    soffice = shutil.which("soffice")
    if soffice:
        out = folder / "lo"
        subprocess.run([soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                        "--convert-to", "ods", "--outdir", str(out), str(files["xlsx (openpyxl)"])],
                       capture_output=True, timeout=300)
        subprocess.run([soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless",
                        "--convert-to", "xlsx", "--outdir", str(out / "x"), str(out / "bench.ods")],
                       capture_output=True, timeout=300)
        if (out / "x" / "bench.xlsx").exists():
            files["xlsx (LibreOffice)"] = out / "x" / "bench.xlsx"
    return files


def general_path(path):
    """The CSV import with the fast path switched off."""
    old = os.environ.get(csvfast.ENV)
    os.environ[csvfast.ENV] = "0"
    try:
        return import_workbook(path)
    finally:
        if old is None:
            del os.environ[csvfast.ENV]
        else:
            os.environ[csvfast.ENV] = old


def _rows_of(path, cells, pd) -> list:
    """(what, function, is the base) of the rows printed for one file; the base comes first."""
    if path.suffix != ".xlsx":
        return [("pandas.read_csv (the base)", lambda: pd.read_csv(path), True),
                ("import_workbook (fast path)", lambda: import_workbook(path), False),
                ("  import_workbook, general path", lambda: general_path(path), False),
                ("  read_workbook_cells (general: csv module)", lambda: read_workbook_cells(path), False),
                ("  import_cells (general: detect + parse)", lambda: import_cells(cells), False)]
    return [("python-calamine alone (to_python, the base)", lambda: calamine_alone(path), True),
            ("import_workbook (all of it)", lambda: import_workbook(path), False),
            ("  read_workbook_cells (checks + read)", lambda: read_workbook_cells(path), False),
            ("  import_cells (detect + parse + arrays)", lambda: import_cells(cells), False),
            ("  pandas.read_excel, calamine", lambda: pd.read_excel(path, engine="calamine"), False),
            ("  pandas.read_excel, openpyxl", lambda: pd.read_excel(path, engine="openpyxl"), False)]


def timed(fn, runs):
    """Median and best wall time, and median CPU time of this process (on a
    busy shared machine the CPU time shows the work itself)."""
    ts, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        ts.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    return statistics.median(ts), min(ts), statistics.median(cpu)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--csv-only", action="store_true", help="time the CSV only")
    args = ap.parse_args(argv)
    import pandas as pd
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp))
        res = import_workbook(files["xlsx (openpyxl)"])
        assert res.values.shape == (1000, 20, INDICATORS) and res.layout == "units-by-indicators", res.layout
        print(f"sheet: {ROWS:,} rows x {3 + INDICATORS} columns ({len(res.unit_codes)} units x "
              f"{len(res.periods)} years x {INDICATORS} indicators); median / best of {args.runs} runs; "
              f"floor: import <= {FLOOR:.1f} x python-calamine's own read (x pandas.read_csv for the CSV), "
              "measured in this run")
        fast, slow = import_workbook(files["csv"]), general_path(files["csv"])
        same = np.array_equal(fast.values, slow.values, equal_nan=True) and fast.unit_codes == slow.unit_codes
        print(f"csv: fast path {'taken' if csvfast.try_table(read_text_source(files['csv'])) else 'NOT taken'}; "
              f"its values {'equal' if same else 'DIFFER from'} the general path's")
        if args.csv_only:
            files = {"csv": files["csv"]}
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"machine: {os.cpu_count()} cores, load average {load:.2f} at start (a busy machine slows "
              "every row alike; the ratios are measured side by side)")
        print(f"{'file':<26}{'what':<44}{'median s':>10}{'best s':>10}{'cpu s':>10}{'x base':>12}"
              f"{'x base cpu':>12}")
        for label, path in files.items():
            size = os.path.getsize(path) / 2**20
            cells = read_workbook_cells(path)
            for what, fn, base_row in _rows_of(path, cells, pd):
                runs = 3 if "openpyxl" in what or "general" in what else args.runs
                med, best, cpu = timed(fn, runs)
                if base_row:
                    base, base_cpu = med, cpu
                ratio = f"{med / base:>12.2f}{cpu / base_cpu:>12.2f}" if base else f"{'':>24}"
                note = ""
                if what.startswith("import_workbook") and base:
                    verdict = lambda ok: "met" if ok else "OVER"  # noqa: E731
                    note = (f"  (floor {FLOOR:.1f} x: wall {verdict(med <= FLOOR * base)}, "
                            f"cpu {verdict(cpu <= FLOOR * base_cpu)})")
                print(f"{label + f' {size:.1f} MB':<26}{what:<44}{med:>10.3f}{best:>10.3f}{cpu:>10.3f}{ratio}{note}")
        if hasattr(os, "getloadavg"):
            print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
