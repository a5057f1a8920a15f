"""Import benchmark: a 20,000-row x 12-column sheet (speed floor: the import at most 2 x calamine's own read).

    python bench/import_bench.py [--runs 7]

The sheet is COINr iData-like: uCode, uName, Time and 9 indicator columns
(1,000 units x 20 years), written by openpyxl (.xlsx, inline strings) and
by LibreOffice when it is installed (.xlsx with shared strings), and as
CSV.  Prints the median and best of several runs of the whole import
(file checks + pre-scan + calamine + layout detection + value parsing +
arrays), its two stages, python-calamine's own read of the same sheet
(``CalamineWorkbook.from_path(p).get_sheet_by_index(0).to_python()``) with
every row's ratio to it in wall and in CPU time (the floor: the import at
most 2 x in wall time; the CPU ratio shows the work itself when other jobs
share the machine), and pandas' readers for comparison.
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

from core.sheets.readers import read_workbook_cells  # noqa: E402
from core.importing.importer import import_cells, import_workbook  # noqa: E402

ROWS, INDICATORS = 20_000, 9
FLOOR = 2.0                      # import_workbook at most this many times calamine's own read


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
    args = ap.parse_args(argv)
    import pandas as pd
    with tempfile.TemporaryDirectory() as tmp:
        files = make_files(Path(tmp))
        res = import_workbook(files["xlsx (openpyxl)"])
        assert res.values.shape == (1000, 20, INDICATORS) and res.layout == "units-by-indicators", res.layout
        print(f"sheet: {ROWS:,} rows x {3 + INDICATORS} columns ({len(res.unit_codes)} units x "
              f"{len(res.periods)} years x {INDICATORS} indicators); median / best of {args.runs} runs; "
              f"floor: import <= {FLOOR:.1f} x python-calamine's own read, measured in this run")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"machine: {os.cpu_count()} cores, load average {load:.2f} at start (a busy machine slows "
              "every row alike; the ratios are measured side by side)")
        print(f"{'file':<26}{'what':<44}{'median s':>10}{'best s':>10}{'cpu s':>10}{'x calamine':>12}"
              f"{'x cal. cpu':>12}")
        for label, path in files.items():
            size = os.path.getsize(path) / 2**20
            cells = read_workbook_cells(path)
            rows = []
            if path.suffix == ".xlsx":
                rows.append(("python-calamine alone (to_python)", lambda p=path: calamine_alone(p)))
            rows += [("import_workbook (all of it)", lambda p=path: import_workbook(p)),
                     ("  read_workbook_cells (checks + read)", lambda p=path: read_workbook_cells(p)),
                     ("  import_cells (detect + parse + arrays)", lambda c=cells: import_cells(c))]
            if path.suffix == ".xlsx":
                rows += [("  pandas.read_excel, calamine", lambda p=path: pd.read_excel(p, engine="calamine")),
                         ("  pandas.read_excel, openpyxl", lambda p=path: pd.read_excel(p, engine="openpyxl"))]
            else:
                rows += [("  pandas.read_csv", lambda p=path: pd.read_csv(p))]
            base = base_cpu = None
            for what, fn in rows:
                runs = 3 if "openpyxl" in what else args.runs
                med, best, cpu = timed(fn, runs)
                if what.startswith("python-calamine"):
                    base, base_cpu = med, cpu
                ratio = f"{med / base:>12.2f}{cpu / base_cpu:>12.2f}" if base else f"{'':>24}"
                note = ""
                if what.startswith("import_workbook") and base:
                    note = (f"  (floor {FLOOR:.1f} x: met)" if med <= FLOOR * base
                            else f"  <- over the {FLOOR:.1f} x floor")
                print(f"{label + f' {size:.1f} MB':<26}{what:<44}{med:>10.3f}{best:>10.3f}{cpu:>10.3f}{ratio}{note}")
        if hasattr(os, "getloadavg"):
            print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
