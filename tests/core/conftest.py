"""Shared fixtures of the core tests (no Qt is imported here)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REF = REPO / "tests" / "data" / "coinr-asem"          # COINr 1.1.14's ASEM inputs and outputs (README.md there)
SAMPLES = REPO / "resources" / "samples"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def ref_dir() -> Path:
    """The COINr reference files, which the repository carries: a missing
    file is a broken checkout, so it fails rather than skips."""
    missing = [n for n in ("README.md", "asem_iData.csv", "asem_iData_p.csv", "asem_iMeta.csv",
                           "default_aggregated.csv", "default_normalised.csv") if not (REF / n).is_file()]
    assert not missing, f"COINr reference files missing from {REF}: {missing}"
    return REF


@pytest.fixture(scope="session")
def sample_coindex() -> Path:
    return SAMPLES / "chengdu-chongqing.coindex"


@pytest.fixture(scope="session")
def sample_xlsx() -> Path:
    return SAMPLES / "chengdu-chongqing.xlsx"


def _run(*args, cwd=REPO, timeout=120):
    return subprocess.run([sys.executable, "main.py", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=timeout)


@pytest.fixture(scope="session")
def run_cli():
    """``run_cli(*args)`` runs ``python main.py *args`` in the repo and
    returns the CompletedProcess (stdout / stderr as text)."""
    return _run


@pytest.fixture(scope="session")
def cli_json():
    """``cli_json(*args)`` runs ``python main.py compute *args --json``,
    asserts exit code 0 and returns the parsed document."""
    def go(*args):
        p = _run("compute", *args, "--json")
        assert p.returncode == 0, f"exit {p.returncode}\nstderr:\n{p.stderr}"
        assert "Traceback" not in p.stderr
        return json.loads(p.stdout)
    return go
