"""``python main.py analyse``: uncertainty and sensitivity analysis on the
command line (no Qt is imported here).

    python main.py analyse INPUT [--meta META.csv] [--set KEY=VALUE ...] --uncertainty N
                           [--weights-noise F --noise-levels 2,3] [--normalisations minmax,zscore]
                           [--aggregations arithmetic,geometric] [--imputations none,mean]
                           [--treatments none,winsorise] [--leave-out] [--period P]
                           [--sensitivity [--sensitivity-output rank_change|UNIT] [--sobol-n N]]
                           [--seed S] [--json]

``--json`` prints one document: ``nominal`` (as ``compute --json``),
``statistics``, ``sobol`` (with ``--sensitivity``) and ``replications``
(docs/analysis.md).  Bad arguments exit 2 with a message naming them.
"""
from __future__ import annotations

import argparse
import json
import sys

from core.errors import SettingsError
from core.text import tr


def _whole(text: str) -> int:
    try:
        return int(text.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(tr("'{text}' is not a whole number", text=text)) from None


def _share(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("'{text}' is not a number", text=text)) from None


def _levels(text: str) -> tuple:
    try:
        return tuple(int(p) for p in text.split(",") if p.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(tr("'{text}' is not a list of levels such as 2,3", text=text)) from None


def _names(text: str) -> tuple:
    return tuple(p.strip() for p in text.split(",") if p.strip())


def add_parser(sub, set_help: str) -> argparse.ArgumentParser:
    """The ``analyse`` sub-command of the command line's parser."""
    a = sub.add_parser("analyse", help="uncertainty and sensitivity analysis: rank intervals and Sobol indices")
    a.add_argument("input", help=".coindex project, .xlsx template workbook, or iData .csv")
    a.add_argument("--meta", help="iMeta .csv (with a .csv input)")
    a.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help=set_help)
    a.add_argument("--uncertainty", type=_whole, required=True, metavar="N",
                   help="the number of Monte Carlo replications (1 to 100,000); also the Sobol base sample")
    a.add_argument("--weights-noise", type=_share, default=0.0, metavar="F",
                   help="perturb weights: w' = w + U(-1,1) x F x w (COINr's rule), 0 < F <= 1")
    a.add_argument("--noise-levels", type=_levels, default=(), metavar="L1,L2",
                   help="the framework levels whose weights are perturbed (1 = indicators; default: every level "
                        "with weights)")
    a.add_argument("--normalisations", type=_names, default=(), metavar="M1,M2",
                   help="draw the normalisation from these methods (default: the project's)")
    a.add_argument("--aggregations", type=_names, default=(), metavar="A1,A2",
                   help="draw the aggregation from these methods (default: the project's)")
    a.add_argument("--imputations", type=_names, default=(), metavar="I1,I2",
                   help="draw the imputation from these methods, 'none' for no imputation (default: the project's)")
    a.add_argument("--treatments", type=_names, default=(), metavar="none,winsorise",
                   help="draw the outlier treatment from these methods (default: the project's)")
    a.add_argument("--leave-out", action="store_true",
                   help="leave out one indicator per replication, drawn from none and every indicator")
    a.add_argument("--period", help="the period analysed (default: the last)")
    a.add_argument("--sensitivity", action="store_true", help="also compute Sobol first- and total-order indices")
    a.add_argument("--sensitivity-output", default="rank_change", metavar="rank_change|UNIT",
                   help="what the Sobol indices explain: the mean absolute rank change against the nominal ranking "
                        "(COINr's; default) or one unit's index score")
    a.add_argument("--sobol-n", type=_whole, metavar="N",
                   help="the Sobol base sample (default: --uncertainty); N x (inputs + 2) replications")
    a.add_argument("--seed", type=_whole, default=0, metavar="S", help="the random seed (default 0)")
    a.add_argument("--json", action="store_true", help="print the results as one JSON document")
    return a


def apply_sets(settings, items) -> None:
    """Apply ``--set KEY=VALUE`` items to ``settings``."""
    for item in items:
        if "=" not in item:
            raise SettingsError(tr("--set '{item}': expected KEY=VALUE", item=item), valid=["KEY=VALUE"])
        key, value = item.split("=", 1)
        settings.apply(key, value, where=f"--set {key}")


def _period(text, dataset):
    if text is None:
        return None
    for p in dataset.periods:
        if str(p) == text.strip():
            return p
    return text


def cli_analyse(args) -> int:
    from core.analysis.inputs import Uncertainty
    from core.analysis.run import run_analysis
    from core.exporting.tables import results_document
    from core.importing.inputs import load_input
    load_warnings: list = []
    project = load_input(args.input, args.meta, load_warnings)
    settings = project.settings.copy()
    apply_sets(settings, args.set)
    project.settings = settings
    spec = Uncertainty(replications=args.uncertainty, weights_noise=args.weights_noise,
                       noise_levels=args.noise_levels, normalisations=args.normalisations,
                       aggregations=args.aggregations, leave_out=args.leave_out, seed=args.seed,
                       imputations=args.imputations, treatments=args.treatments)
    analysis = run_analysis(project, spec, _period(args.period, project.dataset), args.sensitivity,
                            args.sensitivity_output, args.sobol_n)
    result, sobol = analysis.uncertainty, analysis.sobol
    if not args.json:
        _print_summary(result, sobol)
        return 0
    nominal = results_document(result.replicator.nominal)
    nominal["warnings"] = load_warnings + nominal["warnings"]
    doc = {"nominal": nominal, "statistics": result.records()}
    if sobol is not None:
        doc["sobol"] = sobol
    doc["replications"] = result.replication_records()
    sys.stdout.write(json.dumps(doc, ensure_ascii=False, allow_nan=False) + "\n")
    return 0


def _print_summary(result, sobol) -> None:
    """The index's rank intervals, best nominal rank first, and the Sobol
    indices: a table for people (``--json`` for everything)."""
    rep = result.replicator
    root = rep.framework.root
    rows = [r for r in result.records() if r["code"] == root]
    rows.sort(key=lambda r: (r["nominal_rank"] is None, r["nominal_rank"] or 0))
    print(tr("{code}: {n} replications", code=root, n=len(result.assumptions)))
    print("unit".ljust(12) + "".join(h.rjust(10) for h in ("nominal", "mean", "median", "p05", "p95")))
    for r in rows:
        vals = [r["nominal_rank"], r["mean_rank"], r["median_rank"], r["p05_rank"], r["p95_rank"]]
        print(str(r["unit"]).ljust(12) + "".join(("" if v is None else f"{v:g}").rjust(10) for v in vals))
    if sobol:
        print("input".ljust(20) + "".join(h.rjust(10) for h in ("S1", "S1_conf", "ST", "ST_conf")))
        for s in sobol:
            vals = [s["S1"], s["S1_conf"], s["ST"], s["ST_conf"]]
            print(s["input"].ljust(20) + "".join(("" if v is None else f"{v:.3f}").rjust(10) for v in vals))
