"""Starting the desktop app: ``python main.py [FILE]``.

Start-up: application names (for QSettings), a CJK fallback font, the
language saved in QSettings, then the offer to restore unsaved work left by
a crash (:func:`gui.window.recovery.offer_recovery`), then the window.

Environment hooks (for documentation screenshots and smoke tests):
``COINDEX_SCREENSHOT=path.png`` saves the main window (or the dialog open
over it, such as the import wizard) to ``path.png`` once it is shown and painted, then quits (exit code 0, or 1 if it cannot be saved);
``COINDEX_SCREENSHOT_DELAY_MS`` changes the wait (default 700 ms);
``COINDEX_LANGUAGE=zh_CN`` (or ``en``) starts in that language for this run
only; ``COINDEX_FIRST_PAINT=1`` prints the seconds from process start to the
first paint of the window and quits (bench/startup_bench.py).
"""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from gui.base import i18n
from gui.window.loading import SAMPLE_PATH, new_project, open_project, opens_in_wizard, replaced_method

APP_NAME = "CoIndex"
ORGANISATION = "CoIndex"
# first one installed wins; Chinese text renders as empty boxes without one
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei",
                "PingFang SC", "Hiragino Sans GB", "SimHei", "Noto Sans SC")


def use_private_folders(folder) -> None:
    """Keep QSettings and recovery files in ``folder`` (``config/`` and
    ``data/``) instead of the user's: for tests and benchmarks, so that they
    neither read nor change a real user's layout, language, recent files or
    recovery files.  Call before any window is created."""
    from PySide6.QtCore import QSettings
    config = os.path.join(os.fspath(folder), "config")
    data = os.path.join(os.fspath(folder), "data")
    os.makedirs(config, exist_ok=True)
    os.makedirs(data, exist_ok=True)
    for fmt in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(fmt, QSettings.UserScope, config)
    os.environ["XDG_CONFIG_HOME"] = config     # child processes, and QStandardPaths
    os.environ["XDG_DATA_HOME"] = data         # AppDataLocation (recovery files) on Linux
    i18n.reset_cache()


def cjk_family() -> str | None:
    """The first installed CJK-capable font family of :data:`CJK_FAMILIES`."""
    installed = set(QFontDatabase.families())
    return next((f for f in CJK_FAMILIES if f in installed), None)


def configure_application(app: QGuiApplication) -> None:
    """Names for QSettings, and a CJK fallback after the default font so
    that Chinese names and notes render."""
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION)
    # (no setApplicationVersion: reading the package metadata costs ~70 ms
    # at start-up; Help > About asks for the version when shown)
    cjk = cjk_family()
    if cjk:
        font = QFont(app.font())
        families = [f for f in font.families() if f != cjk] + [cjk]
        font.setFamilies(families)
        app.setFont(font)


translate = QCoreApplication.translate      # lupdate finds translate("context", "text")


def _schedule_screenshot(app: QApplication, window, path: str) -> None:
    delay = int(os.environ.get("COINDEX_SCREENSHOT_DELAY_MS", "700"))

    def grab():
        shown = QApplication.activeModalWidget() or window      # the import wizard when it is open
        ok = shown.grab().save(path)
        if not ok:
            print(f"coindex: cannot save the screenshot to {path}", file=sys.stderr)
        app.exit(0 if ok else 1)

    QTimer.singleShot(delay, grab)


class _FirstPaint(QObject):
    """Prints the time from process start to the window's first paint, then
    quits (bench/startup_bench.py)."""

    def __init__(self, app, window):
        super().__init__(window)
        self._app = app
        self._done = False
        window.installEventFilter(self)        # the window paints first (its background)

    def eventFilter(self, obj, event):
        if not self._done and event.type() == QEvent.Paint:
            self._done = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self):
        import time
        start = _process_start_time()
        print(f"first_paint_s={time.time() - start:.4f}" if start else "first_paint_s=nan", flush=True)
        print(f"first_paint_cpu_s={time.process_time():.4f}", flush=True)
        window = self.parent()
        if window.panes.pending_in_view:
            window.panesReady.connect(self._report_ready)
        else:
            self._report_ready()

    def _report_ready(self):
        import time
        start = _process_start_time()
        print(f"panes_ready_s={time.time() - start:.4f}" if start else "panes_ready_s=nan", flush=True)
        print(f"panes_ready_cpu_s={time.process_time():.4f}", flush=True)
        self._app.exit(0)


def _process_start_time() -> float | None:
    """The process's start (seconds since the epoch), from /proc on Linux."""
    try:
        import time
        with open(f"/proc/{os.getpid()}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        ticks = int(fields[19])            # field 22: starttime, in clock ticks since boot
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        return time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def open_windows(args, defer_panes: bool = False) -> list:
    """The windows to show for the command-line ``args`` (none: the sample):
    first any unsaved work restored from a crash (asked), then the file.
    When the file cannot be opened (a message says why) and nothing was
    restored, a window on a new empty project.
    ``defer_panes``: see :class:`gui.window.main_window.MainWindow`."""
    from gui.window.loading import remember_recent
    from gui.window.main_window import MainWindow                      # after the app exists
    from gui.window.recovery import offer_recovery
    windows = []
    for rec in offer_recovery():
        window = MainWindow(rec.project, rec.original_path, recovery_file=rec.file, modified=True,
                            defer_panes=defer_panes)
        windows.append(window)
    path = args[0] if args else str(SAMPLE_PATH)
    if windows and not args:
        return windows       # restored work replaces the sample at start
    if args and opens_in_wizard(path):
        # a table that is not a project: a new empty project, and the import
        # wizard on the file once the window is up (Cancel keeps the window)
        window = MainWindow(new_project(), None, defer_panes=defer_panes)
        windows.append(window)
        QTimer.singleShot(0, window, lambda: window.files.open_path(path))
        return windows
    notes: list = []
    project = open_project(path, None, notes)    # a message box when it cannot be opened
    if project is None:
        # nothing of the file is used: the app starts on an empty project
        if not windows:
            windows.append(MainWindow(new_project(), None, defer_panes=defer_panes))
        return windows
    window = MainWindow(project, path, defer_panes=defer_panes)
    windows.append(window)
    replaced = replaced_method(notes)
    if replaced:
        window.mark_modified()
        window.show_error(replaced)
    if args:
        remember_recent(path)
    return windows


def run(argv) -> int:
    """Run the app on ``argv`` (the arguments after the program name):
    none opens the bundled sample, one opens that file.  Returns the exit
    code: 0, or 2 for a usage error (a file that cannot be opened gets a
    message and the app starts on an empty project)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else APP_NAME, *argv])
        args = app.arguments()[1:]       # Qt has taken its own options (-platform ...)
    else:
        args = list(argv)
    configure_application(app)
    forced = os.environ.get("COINDEX_LANGUAGE")
    if forced:
        i18n.install_language(app, forced, remember=False)
    else:
        i18n.install_saved_language(app)
    if len(args) > 1 or (args and args[0].startswith("-")):
        print(translate("app", "usage: coindex [FILE]   (FILE: a .coindex project, a workbook or a CSV table; "
                               "none opens the sample)\n"
                  "       coindex compute -h   for the command line"), file=sys.stderr)
        return 2
    _sweep_leftovers()
    windows = open_windows(args, defer_panes=True)
    if not windows:
        return 1
    window = windows[-1]
    available = app.primaryScreen().availableGeometry() if app.primaryScreen() else None
    for w in windows:
        if available is not None:
            w.resize(min(w.width(), available.width()), min(w.height(), available.height()))
        w.show()
    if os.environ.get("COINDEX_FIRST_PAINT"):
        _FirstPaint(app, window)
    shot = os.environ.get("COINDEX_SCREENSHOT")
    if shot:
        _schedule_screenshot(app, window, shot)
    code = app.exec()
    _dispose(windows)
    i18n.remove_translators(app)
    return code


def _sweep_leftovers() -> None:
    """Remove what a killed CoIndex left (temporary files beside saved
    files, scratch files of workbook exports): core.atomic.sweep_leftovers."""
    from core.atomic import sweep_leftovers
    try:
        sweep_leftovers()
    except OSError as e:
        print(f"coindex: cannot remove old temporary files: {e}", file=sys.stderr)


def _dispose(windows) -> None:
    """Delete the windows while Qt is fully alive: left to PySide's clean-up
    at interpreter exit, pyqtgraph's scene items are destroyed in an order
    that now and then crashes (seen under X11 after a screenshot)."""
    for window in windows:
        window.hide()
        window.deleteLater()
    windows.clear()
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)
    import gc
    gc.collect()
