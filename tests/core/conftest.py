"""Shared fixtures of the core tests (no Qt is imported here)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REF = Path(__file__).resolve().parents[3] / "shared" / "reference" / "coinr-asem"
SAMPLES = REPO / "resources" / "samples"


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def ref_dir() -> Path:
    if not (REF / "asem_iData.csv").exists():
        pytest.skip(f"COINr reference outputs not found at {REF} (the folder 'shared' beside the repo checkout)")
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
