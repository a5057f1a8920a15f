"""``python main.py coupling``: the coupling coordination degree (耦合协调度)
of two or more subsystems (no Qt is imported here).

    python main.py coupling INPUT [--meta META.csv] [--set KEY=VALUE ...]
                            (--nodes A,B[,...] | --units U1,U2[,...] [--node CODE])
                            [--weights 0.5,0.5] [--json] [--language en|zh]

With ``--nodes`` the subsystems are framework nodes, scored per unit and
period; with ``--units`` they are units (the scores of ``--node``, the index
by default), scored per period.  ``--json`` prints one document:
``subsystems``, ``by``, ``weights`` and ``rows`` (unit, period, U, C, T, D,
grade, grade_en, grade_zh); see docs/methods.md#coupling.
"""
from __future__ import annotations

import argparse
import json
import sys

from core.text import pad, tr


def _names(text: str) -> tuple:
    return tuple(p.strip() for p in text.split(",") if p.strip())


def _numbers(text: str) -> tuple:
    try:
        return tuple(float(p) for p in text.split(",") if p.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(tr("'{text}' is not a list of numbers such as 0.5,0.5", text=text)) \
            from None


def add_parser(sub, set_help: str) -> argparse.ArgumentParser:
    c = sub.add_parser("coupling", help="coupling coordination degree (耦合协调度) of nodes or units")
    c.add_argument("input", help=".coindex project, .xlsx template workbook, or iData .csv")
    c.add_argument("--meta", help="iMeta .csv (with a .csv input)")
    c.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help=set_help)
    which = c.add_mutually_exclusive_group(required=True)
    which.add_argument("--nodes", type=_names, metavar="A,B", help="framework nodes as the subsystems")
    which.add_argument("--units", type=_names, metavar="U1,U2", help="units as the subsystems (scores of --node)")
    c.add_argument("--node", help="with --units: the node whose scores are used (default: the index)")
    c.add_argument("--weights", type=_numbers, metavar="A1,A2",
                   help="the subsystems' weights in T = sum a_i U_i (default: equal)")
    c.add_argument("--json", action="store_true", help="print the results as one JSON document")
    c.add_argument("--language", choices=("en", "zh"), default="en", help="messages and grade names")
    return c


def cli_coupling(args) -> int:
    from core.cli_analyse import apply_sets
    from core.importing.inputs import load_input
    from core.pipeline import coupling
    project = load_input(args.input, args.meta, [])
    settings = project.settings.copy()
    apply_sets(settings, args.set)
    project.settings = settings
    engine = project.recompute()
    if args.nodes:
        result = coupling.of_nodes(engine, list(args.nodes), args.weights)
    else:
        result = coupling.of_units(engine, list(args.units), args.node or engine.framework.root, args.weights)
    rows = coupling.records(result, engine, args.language)
    if args.json:
        doc = {"subsystems": result.subsystems, "by": result.by, "weights": [float(w) for w in result.weights],
               "rows": rows}
        sys.stdout.write(json.dumps(doc, ensure_ascii=False, allow_nan=False) + "\n")
        return 0
    first = [pad(tr("unit"), 10)] if result.by == "nodes" else []
    heads = [pad(k, 9, right=True) for k in ("C", "T", "D")]
    print("".join(first + [pad(tr("period"), 8)] + heads + ["  ", tr("grade")]))
    key = "grade_zh" if args.language == "zh" else "grade_en"
    for r in rows:
        vals = [pad("" if r[k] is None else f"{r[k]:.4f}", 9, right=True) for k in ("C", "T", "D")]
        first = [pad(str(r["unit"]), 10)] if result.by == "nodes" else []
        print("".join(first + [pad(str(r["period"]), 8)] + vals + ["  ", r[key] or ""]))
    return 0
