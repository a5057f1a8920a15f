"""Write the crafted and damaged project files of this folder (run:
python tests/data/bad_projects/make_bad_projects.py).

Each is a small valid project (2 units, 2 years, 2 indicators) with one
thing wrong, as a careless edit or a hostile file would have it; one
(``bom_valid.coindex``) is valid but starts with a UTF-8 byte-order mark,
as Notepad writes, and must open.  The tests say what each file must be
refused with (tests/core/test_project_schema.py, tests/gui/test_open_crafted.py).
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def base() -> dict:
    return {
        "format": "CoIndex project",
        "format_version": 1,
        "info": {"title": "Crafted test project"},
        "framework": [
            {"iCode": "IDX", "iName": "Index", "Parent": None, "Type": "Aggregate", "Weight": 1.0, "Direction": 1},
            {"iCode": "I1", "iName": "First", "Parent": "IDX", "Type": "Indicator", "Weight": 1.0, "Direction": 1},
            {"iCode": "I2", "iName": "Second", "Parent": "IDX", "Type": "Indicator", "Weight": 1.0,
             "Direction": -1},
        ],
        "units": [{"code": "U1", "name": "Unit one"}, {"code": "U2", "name": "Unit two"}],
        "periods": [2020, 2021],
        "indicators": ["I1", "I2"],
        "values": [[[1.0, 5.0], [2.0, 4.0]], [[3.0, 2.0], [4.0, 1.0]]],
        "groups": {},
        "denominators": {},
        "settings": {"normalisation": "minmax", "base_year": None},
        "provenance": {"sources": [], "edits": []},
        "app_state": {"selection": {"unit": "U2", "period": 2021}},
    }


def nested(levels: int) -> dict:
    out: dict = {"end": True}
    for _ in range(levels - 1):
        out = {"a": out}
    return out


def mutations() -> dict:
    """file name -> function changing the base document in place."""
    return {
        "info_list.coindex": lambda d: d.__setitem__("info", ["a title"]),
        "app_state_string.coindex": lambda d: d.__setitem__("app_state", "all panes open"),
        "selection_list.coindex": lambda d: d["app_state"].__setitem__("selection", ["U2", 2021]),
        "panes_list.coindex": lambda d: d["app_state"].__setitem__("panes", ["dataPane", "chartPane"]),
        "edits_object.coindex": lambda d: d["provenance"].__setitem__("edits", {"unit": "U1"}),
        "changes_integer.coindex": lambda d: d["provenance"].__setitem__("changes", 3),
        "deep_app_state.coindex": lambda d: d.__setitem__("app_state", nested(900)),
        "base_year_list.coindex": lambda d: d["settings"].__setitem__("base_year", [2020, 2021]),
        "duplicate_units.coindex": lambda d: d["units"][1].__setitem__("code", "U1"),
        "duplicate_periods.coindex": lambda d: d.__setitem__("periods", [2020, 2020]),
    }


def main() -> None:
    for name, change in mutations().items():
        doc = copy.deepcopy(base())
        change(doc)
        indent = None if name.startswith("deep") else 1         # 900 levels of indentation would be 800 kB
        (HERE / name).write_text(json.dumps(doc, indent=indent), encoding="utf-8")
    doc = base()
    doc["values"][0][1][1] = "HUGE"
    # an integer of 400 digits as a value: valid JSON, too large for a float
    huge = json.dumps(doc, indent=1).replace('"HUGE"', "1" + "0" * 399)
    (HERE / "huge_integer.coindex").write_text(huge, encoding="utf-8")
    text = json.dumps(base(), indent=1)
    (HERE / "bom_valid.coindex").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    raw = text.encode("utf-8")
    (HERE / "truncated.coindex").write_bytes(raw[: len(raw) * 2 // 3])


if __name__ == "__main__":
    main()
