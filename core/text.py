"""Core's messages in the user's language (English source, Simplified Chinese).

Every message core shows a person (errors, warnings, notes, import reports)
is written as an English template and passed through :func:`tr`::

    raise InputError(tr("row {row}: '{text}' is not a number", row=r, text=t))

Placeholders are ``str.format`` fields filled from the keyword arguments;
a template without keywords is returned as translated, braces and all.
:func:`trn` chooses between a singular and a plural template by ``n``
("1 unit" / "3 units"); ``n`` is also a field of both.

The catalogue is GNU gettext's (``resources/i18n/core/<lang>/LC_MESSAGES/
coindex_core.po``, compiled to ``.mo``) read by the standard library; the
GUI calls :func:`set_language` when its language changes and the command line
when given ``--language zh``.  ``python resources/i18n/update_core.py``
re-extracts the templates from core, merges them into the ``.po`` files,
compiles them and lists what is untranslated.

:func:`unit_name` gives a unit of measure in the current language where a
Chinese name is known ("persons" -> "人"), else the unit as written.
"""
from __future__ import annotations

import gettext
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parents[1] / "resources" / "i18n" / "core"
DOMAIN = "coindex_core"
ENGLISH, CHINESE = "en", "zh_CN"

_language = ENGLISH
_catalogue: gettext.NullTranslations = gettext.NullTranslations()


def normalise(code) -> str:
    """'zh_CN' for any Chinese code ('zh', 'zh-CN', 'zh_Hans'), otherwise 'en'."""
    text = str(code or "").replace("-", "_").strip().lower()
    return CHINESE if text.startswith("zh") else ENGLISH


def set_language(code) -> str:
    """Make :func:`tr` answer in ``code`` ('en', 'zh', 'zh_CN' ...); returns
    the language now in use."""
    global _language, _catalogue
    lang = normalise(code)
    if lang == ENGLISH:
        _catalogue = gettext.NullTranslations()
    else:
        _catalogue = gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)
    _language = lang
    return lang


def language() -> str:
    """The language core's messages are in now ('en' or 'zh_CN')."""
    return _language


def is_chinese() -> bool:
    return _language == CHINESE


def tr(template: str, /, **fields) -> str:
    """``template`` in the current language, its ``{fields}`` filled in."""
    text = _catalogue.gettext(template)
    return text.format(**fields) if fields else text


def trn(singular: str, plural: str, n: int, /, **fields) -> str:
    """The singular or plural template for ``n``, translated, with ``{n}``
    and the other fields filled in."""
    text = _catalogue.ngettext(singular, plural, n)
    return text.format(n=n, **fields)


# Units of measure with a known Chinese name.  Keys are compared without case
# and surrounding spaces; a unit not listed is shown as written.
UNIT_NAMES_ZH = {
    "%": "%", "percent": "%", "per cent": "%", "percentage": "%",
    "% of gdp": "占GDP的%", "% of population": "占人口的%", "% of total": "占总数的%",
    "persons": "人", "person": "人", "people": "人", "number": "个", "count": "个",
    "units": "个", "items": "项", "pieces": "件",
    "10,000 persons": "万人", "10 000 persons": "万人", "10k persons": "万人",
    "10,000 yuan": "万元", "10 000 yuan": "万元", "100 million yuan": "亿元",
    "yuan": "元", "rmb": "元", "cny": "元", "yuan per person": "元/人",
    "usd": "美元", "us$": "美元", "us dollars": "美元", "current us$": "现价美元",
    "constant 2015 us$": "2015年不变价美元", "ppp $": "购买力平价美元",
    "2017 ppp $": "2017年购买力平价美元", "2021 ppp $": "2021年购买力平价美元",
    "eur": "欧元", "euro": "欧元",
    "years": "年", "year": "年", "days": "天", "hours": "小时",
    "index": "指数", "score": "分", "ratio": "比率", "rate": "率",
    "per 1,000 people": "每千人", "per 1000 people": "每千人",
    "per 100,000 people": "每十万人", "per 100 people": "每百人",
    "per 10,000 people": "每万人", "per capita": "人均",
    "km": "千米", "km2": "平方千米", "sq. km": "平方千米", "hectares": "公顷",
    "tonnes": "吨", "tons": "吨", "kg": "千克", "kwh": "千瓦时",
    "patents": "件", "papers": "篇", "enterprises": "家", "firms": "家",
}


def unit_name(unit: str, language=None) -> str:
    """``unit`` in ``language`` (default: the current one) where a Chinese
    name is known, else as written."""
    lang = _language if language is None else normalise(language)
    if lang != CHINESE or not unit:
        return unit
    key = " ".join(str(unit).split()).lower()      # (split() also splits at no-break spaces)
    return UNIT_NAMES_ZH.get(key, unit)
