"""Real keys and mouse on the real X11 platform, for the tests that need
them (xcb under Xvfb, events sent with xdotool).

A test file is also a small app: run as ``python3 test_file.py DIR`` it
builds a window and calls :func:`serve`, which answers numbered JSON
commands (``DIR/cmd-N.json``) with the app's state (``DIR/reply-N.json``)
until a command asks it to quit.  The test's side is :func:`app_on_display`
(start Xvfb and the app, yield a :class:`Driver`, stop both) and the
:class:`Driver` (xdotool keys and clicks, commands and replies).
"""
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("Xvfb", "xdotool")
SCREEN = "1400x900x24"


# ---- the app's side (in the subprocess) ------------------------------------------------------
def _write(path: Path, data) -> None:
    """Write JSON so that the reader never sees half a file (a rename)."""
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data))
    tmp.rename(path)


def serve(app, window, folder: Path, state, handle=None) -> None:
    """Answer the test's commands until one asks to quit: each command
    (a dict) goes to ``handle(cmd)`` first when given, then the reply is
    ``state()``.  Announces the window's X11 id in ``ready.json`` and runs
    the event loop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    done = [0]

    def poll():
        n = done[0] + 1
        path = folder / f"cmd-{n}.json"
        if not path.exists():
            return
        cmd = json.loads(path.read_text())
        done[0] = n
        if handle is not None:
            handle(cmd)
        _write(folder / f"reply-{n}.json", state())
        if cmd.get("quit"):
            window.document.undo_stack.setClean()
            app.quit()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(30)
    QApplication.processEvents()
    _write(folder / "ready.json", {"win": int(window.winId())})
    app.exec()


# ---- the test's side -------------------------------------------------------------------------
class Driver:
    """Keys, mouse and commands for the app on ``display`` (X11 window ``win``)."""

    def __init__(self, folder: Path, display: str, win: int):
        self.folder, self.display, self.win, self.n = folder, display, win, 0

    def xdotool(self, *args):
        subprocess.run(["xdotool", *args], check=True, env={**os.environ, "DISPLAY": self.display},
                       timeout=20)

    def focus(self):
        self.xdotool("windowfocus", "--sync", str(self.win))

    def key(self, *keys):
        for k in keys:
            self.xdotool("key", k)
            time.sleep(0.15)

    def type(self, text):
        self.xdotool("type", "--delay", "60", text)
        time.sleep(0.2)

    def ask(self, **cmd) -> dict:
        """Send a command; the app's state after it."""
        self.n += 1
        _write(self.folder / f"cmd-{self.n}.json", cmd)
        reply = self.folder / f"reply-{self.n}.json"
        deadline = time.monotonic() + 20
        while not reply.exists():
            assert time.monotonic() < deadline, "the app does not answer"
            time.sleep(0.03)
        return json.loads(reply.read_text())

    def state_when(self, check, timeout=5.0) -> dict:
        """The app's state once ``check`` holds (or the last one after ``timeout``)."""
        deadline = time.monotonic() + timeout
        while True:
            s = self.ask()
            if check(s) or time.monotonic() > deadline:
                return s
            time.sleep(0.1)


def app_on_display(script, folder: Path, settle: float = 0.0):
    """Start Xvfb and ``python3 script folder`` on it (the xcb platform),
    wait for the app's window, focus it, wait ``settle`` seconds more and
    yield a :class:`Driver`; then quit the app and stop Xvfb.  For a
    fixture: ``yield from app_on_display(__file__, tmp_path)``."""
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)} (apt-get install xvfb xdotool)")
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", SCREEN, "-nolisten", "tcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    app = None
    try:
        display = ":" + xvfb.stdout.readline().decode().strip()
        env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", PYTHONPATH=str(ROOT))
        log_path = folder / "app.log"
        with open(log_path, "w") as log:
            app = subprocess.Popen([sys.executable, str(script), str(folder)], env=env, cwd=str(ROOT),
                                   stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while not (folder / "ready.json").exists():
            assert app.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, "the app did not start"
            time.sleep(0.05)
        win = json.loads((folder / "ready.json").read_text())["win"]
        driver = Driver(folder, display, win)
        driver.focus()
        if settle:
            time.sleep(settle)
        yield driver
        driver.ask(quit=True)
        app.wait(timeout=20)
    finally:
        if app is not None and app.poll() is None:
            app.kill()
        xvfb.terminate()
        xvfb.wait(timeout=10)
