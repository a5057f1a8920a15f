"""The .coindex project file: versioned JSON, atomic saves, exact round trips."""
from __future__ import annotations

import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from core.project import projectfile
from core.errors import ProjectFileError
from core.project.project import SetValues


@pytest.fixture
def saved(tmp_path, sample_coindex):
    """A copy of the sample in an empty folder, and its bytes."""
    path = tmp_path / "proj.coindex"
    shutil.copyfile(sample_coindex, path)
    return path, path.read_bytes()


def _edited(path):
    project = projectfile.load(path)
    SetValues([("CCEC", 2024, project.dataset.codes[0], 123.456)]).apply(project)
    return project


def _listing(folder):
    return sorted(os.listdir(folder))


# ---- atomic save -----------------------------------------------------------------------------------------
def test_crash_at_rename_leaves_previous_file(saved, monkeypatch):
    path, before = saved
    project = _edited(path)

    def boom(src, dst):
        raise OSError(28, "No space left on device (simulated)")
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(ProjectFileError, match=r"proj\.coindex: cannot write the file \(No space left on device"):
        projectfile.save(project, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert _listing(path.parent) == ["proj.coindex"]


class _HalfWriter:
    """A file object that writes half of what it is given, then fails."""

    def __init__(self, f, exc):
        self._f, self._exc = f, exc

    def write(self, text):
        self._f.write(text[: len(text) // 2])
        self._f.flush()
        raise self._exc

    def __getattr__(self, name):
        return getattr(self._f, name)

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self._f.close()
        return False


@pytest.mark.parametrize("exc", [OSError(5, "I/O error (simulated)"), KeyboardInterrupt()])
def test_crash_during_write_leaves_previous_file(saved, monkeypatch, exc):
    path, before = saved
    project = _edited(path)
    real_fdopen = os.fdopen
    partial = []

    def fdopen(fd, *a, **kw):
        f = real_fdopen(fd, *a, **kw)
        partial.append(f.name if hasattr(f, "name") else fd)
        return _HalfWriter(f, exc)
    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(ProjectFileError if isinstance(exc, OSError) else type(exc)):
        projectfile.save(project, path)
    monkeypatch.undo()
    assert partial, "the writer was not used: the test did not simulate anything"
    assert path.read_bytes() == before
    assert _listing(path.parent) == ["proj.coindex"]


def test_crash_at_fsync_leaves_previous_file(saved, monkeypatch):
    path, before = saved
    project = _edited(path)

    def fsync(fd):
        raise OSError(5, "I/O error (simulated)")
    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(ProjectFileError, match=r"proj\.coindex: cannot write the file \(I/O error"):
        projectfile.save(project, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert _listing(path.parent) == ["proj.coindex"]


def test_unserialisable_project_does_not_touch_the_file(saved):
    path, before = saved
    project = projectfile.load(path)
    project.app_state["bad"] = float("inf")          # not representable in strict JSON
    with pytest.raises(ValueError):
        projectfile.save(project, path)
    assert path.read_bytes() == before
    assert _listing(path.parent) == ["proj.coindex"]


KILL_SCRIPT = r"""
import os, sys, time
sys.path.insert(0, sys.argv[2])
from core.project import projectfile
from core.project.project import SetValues
project = projectfile.load(sys.argv[1])
SetValues([("CCEC", 2024, project.dataset.codes[0], 1.0)]).apply(project)
def hang(*a, **k):
    print("writing", flush=True)
    time.sleep(60)
os.replace = hang
projectfile.save(project, sys.argv[1])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_during_save_leaves_previous_file(saved, repo):
    path, before = saved
    p = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(path), str(repo)], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
    try:
        line = p.stdout.readline()
        assert line.strip() == "writing", p.stderr.read()
        # the temporary file is complete and synced, the rename has not happened: kill now
        p.send_signal(signal.SIGKILL)
        p.wait(timeout=10)
    finally:
        if p.poll() is None:
            p.kill()
        p.stdout.close()
        p.stderr.close()
    assert path.read_bytes() == before
    assert projectfile.load(path).dataset.values.shape == projectfile.loads(before).dataset.values.shape
    # a killed save may leave its temporary file, but it is beside the target and never the target
    # (the next start removes it: tests/core/test_no_overwrite.py)
    for name in _listing(path.parent):
        assert name == "proj.coindex" or (name.startswith(".coindex-") and name.endswith(".tmp")), name


def test_successful_save_replaces_and_leaves_no_temp(saved):
    path, before = saved
    project = _edited(path)
    projectfile.save(project, path)
    assert path.read_bytes() != before
    assert _listing(path.parent) == ["proj.coindex"]
    again = projectfile.load(path)
    assert again.dataset.value("CCEC", 2024, again.dataset.codes[0]) == 123.456


# ---- round trip of the sample -------------------------------------------------------------------------------
def test_sample_save_load_identity(tmp_path, sample_coindex):
    a = projectfile.load(sample_coindex)
    out = tmp_path / "copy.coindex"
    projectfile.save(a, out)
    b = projectfile.load(out)
    # the documents are equal, entry by entry, to the bundled file
    original = json.loads(sample_coindex.read_text(encoding="utf-8"))
    saved_doc = json.loads(out.read_text(encoding="utf-8"))
    assert saved_doc == original
    # and the projects are equal
    assert [n.__dict__ for n in a.framework.nodes] == [n.__dict__ for n in b.framework.nodes]
    assert a.dataset.unit_codes == b.dataset.unit_codes and a.dataset.unit_names == b.dataset.unit_names
    assert a.dataset.periods == b.dataset.periods and a.dataset.codes == b.dataset.codes
    assert np.array_equal(a.dataset.values, b.dataset.values, equal_nan=True)
    assert a.settings.to_dict() == b.settings.to_dict()
    assert a.provenance == b.provenance and a.app_state == b.app_state and a.info == b.info
    np.testing.assert_array_equal(a.engine.scores, b.engine.scores)
    # saving the loaded copy again is byte-identical
    out2 = tmp_path / "copy2.coindex"
    projectfile.save(b, out2)
    assert out2.read_bytes() == out.read_bytes()


def test_round_trip_keeps_missing_values_edits_and_state(tmp_path, sample_coindex):
    p = projectfile.load(sample_coindex)
    code = p.dataset.codes[3]
    SetValues([("CCEC", 2022, code, None)], note="cleared").apply(p)
    p.app_state["selection"] = {"node": "IC", "period": 2024, "zoom": 1.25, "open": [True, None, "x"]}
    out = tmp_path / "e.coindex"
    projectfile.save(p, out)
    q = projectfile.load(out)
    assert math.isnan(q.dataset.value("CCEC", 2022, code))
    assert "null" in out.read_text(encoding="utf-8")
    assert "NaN" not in out.read_text(encoding="utf-8")
    edits = q.provenance["edits"]
    assert edits[-1]["code"] == code and edits[-1]["new"] is None and edits[-1]["note"] == "cleared"
    assert edits[-1]["old"] == p.provenance["edits"][-1]["old"] and edits[-1]["old"] is not None
    assert q.app_state == p.app_state
    np.testing.assert_array_equal(np.isnan(q.engine.scores), np.isnan(p.engine.scores))


# ---- versions -------------------------------------------------------------------------------------------------
def test_document_has_format_version(sample_coindex, tmp_path):
    doc = json.loads(sample_coindex.read_text(encoding="utf-8"))
    assert doc["format"] == projectfile.MAGIC
    assert isinstance(doc["format_version"], int) and doc["format_version"] == projectfile.FORMAT_VERSION
    out = tmp_path / "v.coindex"
    projectfile.save(projectfile.load(sample_coindex), out)
    doc2 = json.loads(out.read_text(encoding="utf-8"))
    assert doc2["format_version"] == projectfile.FORMAT_VERSION
    for key in ("framework", "units", "periods", "indicators", "values", "settings", "provenance", "app_state"):
        assert key in doc2, key


def test_loaders_keyed_by_version():
    assert isinstance(projectfile.LOADERS, dict)
    assert set(range(1, projectfile.FORMAT_VERSION + 1)) <= set(projectfile.LOADERS)
    assert all(callable(f) for f in projectfile.LOADERS.values())


def test_loader_dispatch_uses_the_files_version(monkeypatch, sample_coindex):
    """An old file is read by the loader of its own version."""
    doc = json.loads(sample_coindex.read_text(encoding="utf-8"))
    calls = []
    v1 = projectfile.LOADERS[1]

    def old_loader(d, where):
        calls.append(d["format_version"])
        d = dict(d)
        d["framework"] = d.pop("tree")          # a made-up old layout
        return v1(d, where)
    monkeypatch.setitem(projectfile.LOADERS, 0, old_loader)
    doc0 = dict(doc, format_version=0)
    doc0["tree"] = doc0.pop("framework")
    project = projectfile.loads(json.dumps(doc0), "old.coindex")
    assert calls == [0]
    assert project.framework.indicator_codes == projectfile.loads(json.dumps(doc)).framework.indicator_codes


def test_unknown_old_version_is_refused(sample_coindex):
    doc = json.loads(sample_coindex.read_text(encoding="utf-8"))
    doc["format_version"] = -3
    with pytest.raises(ProjectFileError, match="-3"):
        projectfile.loads(json.dumps(doc), "x.coindex")


def test_format_documented(repo):
    doc = repo / "docs" / "project-format.md"
    assert doc.exists()
    text = doc.read_text(encoding="utf-8")
    assert "format_version" in text


def test_no_pickle_or_eval_in_project_files(repo):
    for name in ("project/projectfile.py", "project/project.py", "importing/inputs.py"):
        src = (repo / "core" / name).read_text(encoding="utf-8")
        assert not re.search(r"^\s*(import|from)\s+(pickle|cPickle|shelve|marshal|dill)\b", src, re.M), name
        assert not re.search(r"(?<![\w.])(eval|exec)\s*\(", src), name
        assert "yaml.load(" not in src, name
