"""Languages: English (the source text) and Simplified Chinese.

Every visible string goes through ``tr()``; the Chinese translations are
compiled from ``resources/i18n/coindex_zh_CN.ts`` to ``coindex_zh_CN.qm``
(``python resources/i18n/update.py`` re-extracts and recompiles them).

:func:`install_language` swaps the translators of the running application and
stores the choice in ``QSettings("language")``.  Installing or removing a
translator makes Qt send a ``LanguageChange`` event to every widget; the main
window answers it by calling ``retranslateUi()`` on itself and on every pane.

:func:`display_name` gives the name of a framework node in the current
language (its ``name_zh`` in Chinese, falling back to the English ``name``).
The language is cached here, so views may call it for every cell they paint.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QSettings, QTranslator

from core import text as core_text

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
ENGLISH, CHINESE = "en", "zh_CN"
# each language named in itself: a user who cannot read the current one can still find theirs
LANGUAGES = {ENGLISH: "English", CHINESE: "简体中文"}
SETTINGS_KEY = "language"

_language: str | None = None       # cached; None: not read from QSettings yet
_translators: list[QTranslator] = []


def normalise(code) -> str:
    """A language code CoIndex knows: 'zh_CN' for any Chinese ('zh', 'zh-CN',
    'zh_Hans'), otherwise English."""
    text = str(code or "").replace("-", "_").strip()
    return CHINESE if text.lower().startswith("zh") else ENGLISH


def saved_language() -> str:
    """The language stored in QSettings; English when none was chosen."""
    value = QSettings().value(SETTINGS_KEY, ENGLISH)
    return normalise(value)


def current_language() -> str:
    """The language the interface is in now ('en' or 'zh_CN')."""
    global _language
    if _language is None:
        _language = saved_language()
        core_text.set_language(_language)
    return _language


def is_chinese() -> bool:
    return current_language() == CHINESE


def display_name(node) -> str:
    """The name of a framework node (anything with ``name`` and ``name_zh``)
    in the current language: Chinese when chosen and present, else English."""
    if is_chinese():
        zh = getattr(node, "name_zh", "") or ""
        if zh.strip():
            return zh
    return getattr(node, "name", "") or getattr(node, "code", "")


def unit_display_name(project, unit: int) -> str:
    """The name of unit number ``unit``; in Chinese mode the project's
    ``app_state['unit_name_zh'][code]`` when given (the sample has one)."""
    ds = project.dataset
    code, name = ds.unit_codes[unit], ds.unit_names[unit]
    if is_chinese():
        zh = ((project.app_state or {}).get("unit_name_zh") or {}).get(code)
        if zh:
            return str(zh)
    return name


def project_text(info: dict, key: str) -> str:
    """A text of the project's ``info`` (title, note) in the current language:
    ``key + '_zh'`` in Chinese mode when present."""
    info = info or {}
    if is_chinese() and info.get(key + "_zh"):
        return str(info[key + "_zh"])
    return str(info.get(key) or "")


class _AnyContext(QTranslator):
    """Answers a lookup that no other translator could with the translation
    file's empty context, where ``pyside6-lupdate`` puts the ``tr()`` calls
    it cannot place in a class (``tr = self.tr`` aliases, helper
    functions).  At run time those ask under their class's name; without
    this they would stay in English.  Queried last; a miss returns None (a
    null string) so that Qt keeps the source text."""

    def __init__(self, base: QTranslator, parent=None):
        super().__init__(parent)
        self._base = base

    def translate(self, context, source, disambiguation=None, n=-1):
        if not context or not source:
            return None
        found = self._base.translate("", source, disambiguation, n)
        return found or None

    def isEmpty(self) -> bool:
        return self._base.isEmpty()


def _qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.TranslationsPath)


def install_language(app: QCoreApplication | None, code: str, remember: bool = True) -> bool:
    """Switch the running application to ``code`` ('en' or 'zh_CN').

    Removes the translators installed before, then for Chinese installs
    CoIndex's own and Qt's (standard buttons such as Save / Discard /
    Cancel).  Qt then sends ``LanguageChange`` to every widget.  The choice
    is stored in ``QSettings("language")`` unless ``remember`` is False.
    Returns False when the translation file is missing (the interface then
    stays in English, but the choice is still remembered).
    """
    global _language
    code = normalise(code)
    app = app or QCoreApplication.instance()
    changed = code != _language or bool(_translators) != (code != ENGLISH)
    _language = code
    core_text.set_language(code)     # core's messages (errors, warnings, reports) follow
    if remember:
        QSettings().setValue(SETTINGS_KEY, code)
    ok = True
    if app is not None and changed:
        had = bool(_translators)
        for translator in _translators:
            app.removeTranslator(translator)
        _translators.clear()
        if code != ENGLISH:
            # Qt asks the translator installed last first: ours, Qt's, then the fallback
            # no Qt parents: _translators keeps them alive, and dropping them frees them
            ours = QTranslator()
            ok = ours.load(f"coindex_{code}", str(I18N_DIR))
            qt = QTranslator()
            if ok:
                _translators.append(_AnyContext(ours))
            if qt.load(f"qtbase_{code}", _qt_translations_dir()):
                _translators.append(qt)
            if ok:
                _translators.append(ours)
            for translator in _translators:
                app.installTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China) if code == CHINESE else QLocale.system())
        if not had and not _translators:
            # adding or removing a translator sends LanguageChange; without
            # either nothing would tell the widgets (display names change)
            QCoreApplication.postEvent(app, QEvent(QEvent.LanguageChange))
    return ok


def remove_translators(app: QCoreApplication | None = None) -> None:
    """Take the translators out while Python is still fully alive (called
    when the app quits): removing one sends LanguageChange, during which Qt
    asks the translators left, and the Python one must not be asked while
    the interpreter shuts down (that crashes)."""
    app = app or QCoreApplication.instance()
    if app is not None:
        for translator in _translators:
            app.removeTranslator(translator)
    _translators.clear()


def install_saved_language(app: QCoreApplication) -> str:
    """At start-up: install the language stored in QSettings (English
    installs nothing).  Returns the code."""
    global _language
    code = saved_language()
    if code == ENGLISH:
        _language = ENGLISH
        return code
    install_language(app, code, remember=False)
    return code


def reset_cache() -> None:
    """Forget the cached language (tests that change QSettings directly)."""
    global _language
    _language = None


def tr(context: str, text: str) -> str:
    """``QCoreApplication.translate`` for module-level code."""
    return QCoreApplication.translate(context, text)
