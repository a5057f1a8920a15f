"""Never lose the user's input.

The command line never writes over one of its inputs (whatever the path's
spelling) and replaces an existing file only with --force; a long but legal
file name can be written (short temporary names); a folder in the way or a
full disk is named as the target; what a killed write leaves (a temporary
file beside the target, XlsxWriter's scratch files) is removed by the next
start, and never while its writer lives.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from core import atomic
from core.cli import main
from core.errors import ProjectFileError
from core.project import projectfile

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "resources" / "samples" / "chengdu-chongqing.coindex"
TEMPLATE = REPO / "resources" / "samples" / "chengdu-chongqing.xlsx"


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def private_temp(tmp_path, monkeypatch):
    """The system temporary folder (tickets, scratch files) in tmp_path."""
    folder = tmp_path / "systemp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


# ---- an input is never an output ----------------------------------------------------------------------------
def test_compute_refuses_to_write_over_its_input_even_with_force(tmp_path, capsys):
    book = tmp_path / "data.xlsx"
    book.write_bytes(TEMPLATE.read_bytes())
    before = book.read_bytes()
    (tmp_path / "sub").mkdir()
    os.symlink(book, tmp_path / "link.xlsx")
    for out in (book, tmp_path / "sub" / ".." / "data.xlsx", tmp_path / "link.xlsx"):
        for force in ([], ["--force"]):
            code, _, err = run(capsys, "compute", book, "--out", out, *force)
            assert code == 2, err
            assert err.strip() == f"error: {out}: this is the input file {book}; write to another file"
    assert book.read_bytes() == before


def test_compute_refuses_to_write_over_its_meta(tmp_path, capsys, repo):
    data = repo / "tests" / "data" / "coinr-asem" / "asem_iData.csv"
    meta = tmp_path / "meta.xlsx"
    meta.write_bytes(b"the user's meta")
    code, _, err = run(capsys, "compute", data, "--meta", meta, "--out", meta, "--force")
    assert code == 2 and "this is the input file" in err
    assert meta.read_bytes() == b"the user's meta"


def test_import_refuses_a_report_over_its_workbook(tmp_path, capsys, repo):
    csv = tmp_path / "table.csv"
    csv.write_bytes((repo / "tests" / "data" / "coinr-asem" / "asem_iData.csv").read_bytes())
    before = csv.read_bytes()
    code, _, err = run(capsys, "import", csv, "--report", csv, "-o", tmp_path / "p.coindex", "--force")
    assert code == 2 and f"{csv}: this is the input file" in err
    assert csv.read_bytes() == before and not (tmp_path / "p.coindex").exists()


# ---- an existing file only with --force ---------------------------------------------------------------------
@pytest.mark.parametrize("command", ["template", "compute", "import"])
def test_an_existing_output_needs_force(tmp_path, capsys, command):
    suffix = ".coindex" if command == "import" else ".xlsx"
    out = tmp_path / ("existing" + suffix)
    out.write_bytes(b"keep me")
    args = {"template": ["template", out], "compute": ["compute", SAMPLE, "--out", out],
            "import": ["import", TEMPLATE, "-o", out]}[command]
    code, _, err = run(capsys, *args)
    assert code == 2
    assert err.strip() == f"error: {out} exists; use --force to replace it"
    assert out.read_bytes() == b"keep me"
    code, _, err = run(capsys, *args, "--force")
    assert code == 0, err
    assert out.read_bytes() != b"keep me" and out.read_bytes()[:2] in (b"PK", b"{\n")


def test_a_new_output_needs_no_force(tmp_path, capsys):
    code, out, _ = run(capsys, "template", tmp_path / "new.xlsx")
    assert code == 0 and (tmp_path / "new.xlsx").read_bytes()[:2] == b"PK"


def test_the_documented_contract(repo):
    readme = " ".join((repo / "README.md").read_text(encoding="utf-8").split())
    assert "never over one of its inputs" in readme and "replaces an existing file only with `--force`" in readme


# ---- names and messages ------------------------------------------------------------------------------------------
def test_a_long_legal_file_name_can_be_saved(tmp_path, capsys):
    name = "成渝" * 40 + "城" + ".coindex"          # 81 Chinese characters: 243 + 8 bytes of 255
    assert len(name.encode("utf-8")) == 251
    project = projectfile.load(SAMPLE)
    projectfile.save(project, tmp_path / name)
    assert projectfile.load(tmp_path / name).dataset.unit_codes == ["CCEC"]
    book = "成" * 81 + ".xlsx"
    code, _, err = run(capsys, "template", tmp_path / book)
    assert code == 0, err
    assert sorted(os.listdir(tmp_path)) == sorted([name, book])


def test_an_output_that_is_a_folder_is_named(tmp_path, capsys):
    folder = tmp_path / "results.xlsx"
    folder.mkdir()
    code, _, err = run(capsys, "compute", SAMPLE, "--out", folder)
    assert code == 1
    assert err.strip() == f"error: {folder}: cannot write, it is a folder"
    assert os.listdir(tmp_path) == ["results.xlsx"] and os.listdir(folder) == []


def test_a_full_disk_names_the_file(tmp_path, capsys, monkeypatch):
    from openpyxl import Workbook

    def full(self, filename):
        with open(filename, "wb") as f:
            f.write(b"PK")
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(Workbook, "save", full)
    out = tmp_path / "template.xlsx"
    code, _, err = run(capsys, "template", out)
    assert code == 1
    assert err.strip() == f"error: {out}: cannot write the file (No space left on device)"
    assert os.listdir(tmp_path) == []


# ---- what a killed write leaves -----------------------------------------------------------------------------------
HANG_SAVE = r"""
import os, sys, time
sys.path.insert(0, sys.argv[1])
from core.project import projectfile
project = projectfile.load(sys.argv[2])
def hang(*a, **k):
    print("writing", flush=True)
    time.sleep(120)
os.replace = hang
projectfile.save(project, sys.argv[3])
"""

HANG_XLSX = r"""
import sys, time, zipfile
sys.path.insert(0, sys.argv[1])
from core.project import projectfile
from core.exporting.workbook import write_results_workbook
project = projectfile.load(sys.argv[2])
real = zipfile.ZipFile.write
def hang(self, *a, **k):
    print("writing", flush=True)
    time.sleep(120)
zipfile.ZipFile.write = hang
write_results_workbook(project.engine, sys.argv[3])
"""


def _start(script, target, systemp):
    env = {**os.environ, "TMPDIR": str(systemp)}
    p = subprocess.Popen([sys.executable, "-c", script, str(REPO), str(SAMPLE), str(target)], env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = p.stdout.readline()
    assert line.strip() == "writing", p.stderr.read()
    return p


def _kill(p):
    p.send_signal(signal.SIGKILL)
    p.wait(timeout=10)
    p.stdout.close()
    p.stderr.close()


def _age(root: Path, seconds: float = 3600):
    """Make every ticket look old (the sweep leaves young ones alone)."""
    for ticket in root.iterdir():
        then = time.time() - seconds
        os.utime(ticket, (then, then))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_temporary_file_of_a_killed_save_is_removed_at_the_next_start(tmp_path, private_temp):
    target = tmp_path / "work" / "p.coindex"
    target.parent.mkdir()
    p = _start(HANG_SAVE, target, private_temp)
    try:
        (root,) = private_temp.iterdir()                     # coindex-<user>
        (leftover,) = target.parent.iterdir()
        assert atomic.TMP_NAME.match(leftover.name)
        _age(root)
        assert atomic.sweep_leftovers() == []                 # its writer lives: nothing removed
        assert leftover.exists() and len(list(root.iterdir())) == 1
    finally:
        _kill(p)
    assert leftover.exists()                                 # left by the kill
    _age(root)
    env = {**os.environ, "TMPDIR": str(private_temp)}
    done = subprocess.run([sys.executable, "main.py", "template", str(tmp_path / "t.xlsx")], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert list(target.parent.iterdir()) == [] and list(root.iterdir()) == []


def test_a_young_ticket_is_left_alone(tmp_path, private_temp):
    with atomic.atomic_output(tmp_path / "x.txt") as tmp:
        root = Path(atomic.tickets_root())
        assert len(list(root.iterdir())) == 1
        assert atomic.sweep_leftovers(min_age_s=0) == []      # held by this write: its lock is taken
        Path(tmp).write_text("done")
    assert (tmp_path / "x.txt").read_text() == "done" and list(root.iterdir()) == []


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_xlsxwriter_scratch_files_stay_in_the_ticket_and_go_at_the_next_start(tmp_path, private_temp):
    target = tmp_path / "results.xlsx"
    p = _start(HANG_XLSX, target, private_temp)
    _kill(p)
    (root,) = private_temp.iterdir()                         # nothing of XlsxWriter's in the temp folder itself
    assert root.name.startswith("coindex-")
    scratch = [f for ticket in root.iterdir() for f in ticket.iterdir() if f.name not in ("lock", "target")]
    assert len(scratch) > 5                                  # the sheets' XML, written before the zip
    removed = atomic.sweep_leftovers(min_age_s=0)
    assert len(removed) == 1 and atomic.TMP_NAME.match(os.path.basename(removed[0]))
    assert list(root.iterdir()) == [] and os.listdir(tmp_path) == ["systemp"]


def test_a_foreign_tickets_folder_is_not_used(tmp_path, private_temp):
    """Another user's (or a link planted as) coindex-<user> is neither written nor swept."""
    root = private_temp / os.path.basename(atomic.tickets_root(create=False) or f"coindex-{os.getuid()}")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.symlink(elsewhere, root)
    assert atomic.tickets_root() is None
    with atomic.scratch_folder() as scratch:
        assert scratch is None
    projectfile.save(projectfile.load(SAMPLE), tmp_path / "p.coindex")
    assert list(elsewhere.iterdir()) == [] and atomic.sweep_leftovers(min_age_s=0) == []


def test_save_errors_name_the_project(tmp_path, monkeypatch):
    def boom(src, dst):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(ProjectFileError) as e:
        projectfile.save(projectfile.load(SAMPLE), tmp_path / "p.coindex")
    assert str(e.value) == f"{tmp_path / 'p.coindex'}: cannot write the file (No space left on device)"


def test_format_json_output_is_guarded_like_out(tmp_path):
    """compute --format json -o FILE: an existing file needs --force; an input never."""
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    sample = root / "resources" / "samples" / "chengdu-chongqing.coindex"
    out = tmp_path / "r.json"
    out.write_text("keep me", encoding="utf-8")
    run = lambda *a: subprocess.run([sys.executable, str(root / "main.py"), "compute", *a],
                                    capture_output=True, text=True, cwd=tmp_path)
    r = run(str(sample), "--format", "json", "-o", str(out))
    assert r.returncode == 2 and "--force" in r.stderr and out.read_text(encoding="utf-8") == "keep me"
    r = run(str(sample), "--format", "json", "-o", str(out), "--force")
    assert r.returncode == 0 and out.read_text(encoding="utf-8").startswith("{")
    r = run(str(sample), "--format", "json", "-o", str(sample), "--force")
    assert r.returncode == 2 and "input" in r.stderr
