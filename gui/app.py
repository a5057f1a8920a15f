"""Starting the desktop app: ``python main.py [FILE]``.

Environment hooks (for documentation screenshots and smoke tests):
``COINDEX_SCREENSHOT=path.png`` saves the main window to ``path.png`` once it
is shown and painted, then quits (exit code 0, or 1 if it cannot be saved);
``COINDEX_SCREENSHOT_DELAY_MS`` changes the wait (default 700 ms).
"""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from .loading import SAMPLE_PATH, open_project

APP_NAME = "CoIndex"
ORGANISATION = "CoIndex"
# first one installed wins; Chinese text renders as empty boxes without one
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
                "PingFang SC", "Hiragino Sans GB", "SimHei", "Noto Sans SC")


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("coindex")
    except Exception:
        return ""


def cjk_family() -> str | None:
    """The first installed CJK-capable font family of :data:`CJK_FAMILIES`."""
    installed = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in installed), None)


def configure_application(app: QGuiApplication) -> None:
    """Names for QSettings, and a CJK fallback after the default font so
    that Chinese names and notes render."""
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    version = _version()
    if version:
        app.setApplicationVersion(version)
    cjk = cjk_family()
    if cjk:
        font = QFont(app.font())
        families = [f for f in font.families() if f != cjk] + [cjk]
        font.setFamilies(families)
        app.setFont(font)


def _tr(text: str) -> str:
    return QCoreApplication.translate("app", text)


def _schedule_screenshot(app: QApplication, window, path: str) -> None:
    delay = int(os.environ.get("COINDEX_SCREENSHOT_DELAY_MS", "700"))

    def grab():
        ok = window.grab().save(path)
        if not ok:
            print(f"coindex: cannot save the screenshot to {path}", file=sys.stderr)
        app.exit(0 if ok else 1)

    QTimer.singleShot(delay, grab)


def run(argv) -> int:
    """Run the app on ``argv`` (the arguments after the program name):
    none opens the bundled sample, one opens that file.  Returns the exit
    code: 0, 1 when the file cannot be opened, 2 for a usage error."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, *argv])
        args = app.arguments()[1:]       # Qt has taken its own options (-platform ...)
    else:
        args = list(argv)
    configure_application(app)
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(_tr("usage: coindex [FILE]   (FILE: .coindex, .xlsx or .csv; none opens the sample)\n"
                  "       coindex compute -h   for the command line"), file=sys.stderr)
        return 2
    path = args[0] if args else str(SAMPLE_PATH)
    project = open_project(path)
    if project is None:
        return 1

    from .main_window import MainWindow     # after the app exists: it builds widgets
    window = MainWindow(project, path)
    available = app.primaryScreen().availableGeometry() if app.primaryScreen() else None
    if available is not None:
        window.resize(min(window.width(), available.width()), min(window.height(), available.height()))
    window.show()
    shot = os.environ.get("COINDEX_SCREENSHOT")
    if shot:
        _schedule_screenshot(app, window, shot)
    return app.exec()
