"""The .coindex document is checked whole, against a schema, before anything
is built from it: crafted and damaged files (tests/data/bad_projects/) are
refused with a message naming the file and the field, from the library and
from the command line, never with a traceback."""
import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest

from core.errors import ProjectFileError
from core.project import projectfile, schema

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "data" / "bad_projects"
sys.path.insert(0, str(BAD))
from make_bad_projects import base  # noqa: E402

# file -> what the message must say after the file's name
REFUSED = {
    "info_list.coindex": "info: expected an object or null, found a list",
    "app_state_string.coindex": "app_state: expected an object or null, found text",
    "selection_list.coindex": "app_state.selection: expected an object, found a list",
    "panes_list.coindex": "app_state.panes: expected an object, found a list",
    "edits_object.coindex": "provenance.edits: expected a list, found an object",
    "changes_integer.coindex": "provenance.changes: expected a list, found an integer",
    "deep_app_state.coindex": "app_state.a.a.a.a.a…: nested more than 64 levels deep (a project file has at most 64)",
    "base_year_list.coindex": "settings.base_year: expected an integer, text or null, found a list",
    "huge_integer.coindex": "values[0][1][1]: an integer of 400 digits is too large (numbers go up to about 1.8e308)",
    "duplicate_units.coindex": "units[1].code: unit 'U1' appears twice (first at [0])",
    "duplicate_periods.coindex": "periods[1]: period 2020 appears twice (first at [0])",
    "truncated.coindex": "not a valid CoIndex project file (damaged or truncated at line 53, column 5) (details: Expecting value)",
}


def test_the_corpus_is_what_the_generator_writes(tmp_path):
    """The committed files are the generator's (so the tests say what they hold)."""
    names = sorted(p.name for p in BAD.glob("*.coindex"))
    assert names == sorted(list(REFUSED) + ["bom_valid.coindex"])
    doc = json.loads((BAD / "selection_list.coindex").read_text(encoding="utf-8"))
    assert doc["app_state"]["selection"] == ["U2", 2021]


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_crafted_file_refused_naming_file_and_field(name):
    path = BAD / name
    with pytest.raises(ProjectFileError) as e:
        projectfile.load(path)
    assert str(e.value) == f"{path}: {REFUSED[name]}"


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_crafted_file_on_the_command_line_exits_1_with_the_message(name):
    p = subprocess.run([sys.executable, str(ROOT / "main.py"), "compute", str(BAD / name)],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr
    assert p.stderr.strip() == f"error: {BAD / name}: {REFUSED[name]}"


def test_bom_prefixed_project_opens():
    """A byte-order mark is not damage (Notepad writes one)."""
    raw = (BAD / "bom_valid.coindex").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    project = projectfile.load(BAD / "bom_valid.coindex")
    assert project.dataset.unit_codes == ["U1", "U2"]
    assert project.dataset.values[1, 1].tolist() == [4.0, 1.0]
    assert projectfile.loads(raw.decode("utf-8"), "text").dataset.periods == [2020, 2021]


def _refused(doc) -> str:
    with pytest.raises(ProjectFileError) as e:
        projectfile.loads(json.dumps(doc), "p.coindex")
    return str(e.value)


@pytest.mark.parametrize("change, message", [
    (lambda d: d["framework"][1].__setitem__("Weight", 10 ** 400),
     "framework[1].Weight: an integer of 401 digits is too large"),
    (lambda d: d["settings"].__setitem__("power", -10 ** 320), "settings.power: an integer of 321 digits"),
    (lambda d: d["denominators"].__setitem__("GDP", [[1.0, 2.0], [3.0, "x"]]),
     "denominators.GDP[1][1]: expected a number or null, found text"),
    (lambda d: d["groups"].__setitem__("size", [["S", 1], ["L", "S"]]),
     "groups.size[0][1]: expected text or null, found an integer"),
    (lambda d: d["values"][1].__setitem__(0, 7.0), "values[1][0]: expected a list, found a number"),
    (lambda d: d["values"][1].pop(), "values[1]: expected 2 items (one per period), found 1"),
    (lambda d: d["values"][0][1].append(1.0), "values[0][1]: expected 2 items (one per indicator), found 3"),
    (lambda d: d["values"][0][0].__setitem__(1, True), "values[0][0][1]: expected a number or null, found true or false"),
    (lambda d: d["units"][0].pop("code"), "units[0]: the entry 'code' is missing"),
    (lambda d: d["units"][1].__setitem__("code", " U1 "), "units[1].code: unit 'U1' appears twice"),
    (lambda d: d.__setitem__("periods", [2020, "2020"]), "periods[1]: period 2020 appears twice"),
    (lambda d: d["settings"].__setitem__("minmax_range", [0, 1, 2]), "settings.minmax_range: expected 2 items, found 3"),
    (lambda d: d["app_state"].__setitem__("panes", {"chartPane": {"compared": [["U1"]]}}),
     "app_state.panes.chartPane.compared[0]: expected text, found a list"),
    (lambda d: d["info"].__setitem__("a key.with dots", 10 ** 309), 'info["a key.with dots"]: an integer of 310'),
    (lambda d: d.pop("values"), "p.coindex: the entry 'values' is missing"),
])
def test_each_part_is_checked(change, message):
    doc = copy.deepcopy(base())
    change(doc)
    assert message in _refused(doc)


def test_nesting_limit_is_stated_and_holds_at_the_limit():
    doc = copy.deepcopy(base())
    inner: dict = {}
    doc["app_state"]["x"] = inner
    for _ in range(schema.MAX_DEPTH - 3):          # app_state, x, and the levels below: just inside
        inner["a"] = inner = {}
    projectfile.loads(json.dumps(doc), "p.coindex")
    inner["a"] = {"b": 1}
    assert "nested more than 64 levels deep" in _refused(doc)


def test_recursion_does_not_escape_for_any_depth():
    """Deeper than Python's own limit: still a message."""
    doc = copy.deepcopy(base())
    text = json.dumps(doc).replace('"app_state": {', '"app_state": {"x": ' + "[" * 5000 + "]" * 5000 + ", ", 1)
    with pytest.raises(ProjectFileError, match="p.coindex"):
        projectfile.loads(text, "p.coindex")


def test_schema_is_valid_json_schema_and_documented():
    from jsonschema import Draft202012Validator
    Draft202012Validator.check_schema(schema.schema(1))
    doc_text = (ROOT / "docs" / "project-format.md").read_text(encoding="utf-8")
    assert "project-v1.schema.json" in doc_text and str(schema.MAX_DEPTH) in doc_text


def test_bundled_projects_fit_the_schema():
    for path in (ROOT / "resources" / "samples").glob("*.coindex"):
        schema.check(json.loads(path.read_text(encoding="utf-8")), 1, str(path))


def test_a_saved_project_fits_the_schema(tmp_path):
    project = projectfile.loads(json.dumps(base()), "base")
    project.app_state["panes"] = {"chartPane": {"layout": "grid", "tab": 0, "compared": ["U1"]}}
    projectfile.save(project, tmp_path / "p.coindex")
    again = projectfile.load(tmp_path / "p.coindex")
    assert again.app_state["panes"]["chartPane"]["compared"] == ["U1"]


def test_messages_in_chinese():
    from core import text
    text.set_language("zh")
    try:
        message = _refused({**copy.deepcopy(base()), "info": []})
    finally:
        text.set_language("en")
    assert message == "p.coindex：info：应为对象或null（空值），实际为列表"


# ---- any damage: a message or a project, never a traceback -------------------------------------------------------
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st  # noqa: E402

_JSON = st.recursive(st.none() | st.booleans() | st.integers(min_value=-10 ** 400, max_value=10 ** 400)
                     | st.floats(allow_nan=False) | st.text(max_size=8),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                                   max_size=4), max_leaves=12)


def _places(value, path=()):
    """Every path into ``value`` (objects and lists), the root excluded."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for k, v in items:
        yield path + (k,)
        yield from _places(v, path + (k,))


PLACES = sorted(_places(base()), key=str)


@hsettings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PLACES), _JSON), min_size=1, max_size=3))
def test_any_damage_is_a_message_or_a_project_that_computes(changes):
    """Put any JSON value anywhere in a valid project: loading and computing
    either work or raise a CoIndexError naming the file; a project that
    loads can be edited (with its undo record), saved and loaded again."""
    from core.errors import CoIndexError
    from core.project.project import SetValues
    doc = copy.deepcopy(base())
    for path, value in changes:
        target = doc
        try:
            for k in path[:-1]:
                target = target[k]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue                      # an earlier change removed the place
    try:
        project = projectfile.loads(json.dumps(doc), "any.coindex")
        project.engine.score(project.framework.aggregate_codes[-1])
    except ProjectFileError as e:
        assert str(e).startswith("any.coindex"), str(e)
        return
    except CoIndexError:
        return                            # a settings or compute message (names its own place)
    ds = project.dataset
    edits = len(project.provenance["edits"])
    try:
        project.execute(SetValues([(ds.unit_codes[0], ds.periods[0], ds.codes[0], 7.5)]))
    except CoIndexError:
        return                            # the edit refused (a method that cannot take the value)
    assert len(project.provenance["edits"]) == edits + 1
    try:
        again = projectfile.loads(projectfile.dumps(project), "again.coindex")
    except ProjectFileError as e:
        raise AssertionError(f"a loaded project does not load again once saved: {e}") from None
    assert again.dataset.value(ds.unit_codes[0], ds.periods[0], ds.codes[0]) == 7.5


def test_a_second_root_or_an_orphan_in_a_project_file_is_named(tmp_path):
    """As the iMeta and Meta paths: a node with an empty Parent beside the
    index would be left out of it (or be an index of its own)."""
    import json
    from pathlib import Path
    from core.errors import ProjectFileError
    from core.project import projectfile
    sample = Path(__file__).resolve().parents[2] / "resources" / "samples" / "chengdu-chongqing.coindex"
    doc = json.loads(sample.read_text(encoding="utf-8"))
    for row in doc["framework"]:
        if row["iCode"] == "RA1":
            row["Parent"] = None
    path = tmp_path / "orphan.coindex"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ProjectFileError) as err:
        projectfile.load(path)
    msg = str(err.value)
    assert msg.count(str(path)) == 1 and "'RA1' has no parent" in msg and "row 3, column Parent" in msg
