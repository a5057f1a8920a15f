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
import re
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


# Units of measure with a known Chinese name, as statistical exports write
# them (World Bank WDI, OECD, Eurostat, UNDP HDR; China NBS writes Chinese
# already).  Keys are compared without case and with runs of spaces as one;
# :data:`_UNIT_PATTERNS` names the families with a year or a range in them
# ("index 2015=100", "constant 2017 US$"); a unit not known is shown as written.
UNIT_NAMES_ZH = {
    # shares and rates
    "%": "%", "percent": "%", "per cent": "%", "percentage": "%", "pc": "%",
    "% of gdp": "占GDP的%", "percent of gdp": "占GDP的%", "% of gni": "占GNI的%",
    "% of population": "占人口的%", "% of total population": "占总人口的%", "% of total": "占总数的%",
    "% of labor force": "占劳动力的%", "% of labour force": "占劳动力的%",
    "% of total labor force": "占劳动力总数的%", "% of households": "占家庭的%",
    "% of adults": "占成年人的%", "% of exports": "占出口的%", "% of imports": "占进口的%",
    "% of merchandise exports": "占商品出口的%", "% of total energy consumption": "占能源消费总量的%",
    "% of land area": "占国土面积的%", "% of government expenditure": "占政府支出的%",
    "annual %": "年增长率（%）", "annual % growth": "年增长率（%）", "% change": "变化率（%）",
    "growth rate": "增长率", "percentage points": "百分点", "pp": "百分点", "% points": "百分点",
    "ratio": "比率", "rate": "率", "share": "比重", "per mille": "‰", "‰": "‰",
    # counts of people and things
    "persons": "人", "person": "人", "people": "人", "inhabitants": "居民", "number of people": "人数",
    "number": "个", "count": "个", "units": "个", "items": "项", "pieces": "件", "cases": "例",
    "thousand": "千", "thousands": "千", "million": "百万", "millions": "百万", "billion": "十亿",
    "thousand persons": "千人", "thousand people": "千人", "thousands people": "千人",
    "million persons": "百万人", "million people": "百万人",
    "10,000 persons": "万人", "10 000 persons": "万人", "10k persons": "万人",
    "person-years": "人年", "10,000 person-years": "万人年",
    "patents": "件", "papers": "篇", "enterprises": "家", "firms": "家", "agreements": "项",
    "conferences": "次", "sets": "套", "births per woman": "每名妇女生育数",
    # per so many people or births
    "per capita": "人均", "per 100 people": "每百人", "per 1,000 people": "每千人", "per 1000 people": "每千人",
    "per 10,000 people": "每万人", "per 100,000 people": "每十万人", "per million people": "每百万人",
    "per 1 million people": "每百万人", "per 100 inhabitants": "每百居民",
    "per 1,000 inhabitants": "每千居民", "per 100,000 inhabitants": "每十万居民",
    "per 1,000 live births": "每千例活产", "per 100,000 live births": "每十万例活产",
    "per 1,000 women ages 15-19": "每千名15-19岁女性",
    # money
    "yuan": "元", "rmb": "元", "cny": "元", "yuan per person": "元/人",
    "10,000 yuan": "万元", "10 000 yuan": "万元", "100 million yuan": "亿元",
    "million yuan": "百万元", "billion yuan": "十亿元", "trillion yuan": "万亿元",
    "usd": "美元", "us$": "美元", "$": "美元", "us dollar": "美元", "us dollars": "美元",
    "current us$": "现价美元", "current usd": "现价美元", "current us dollars": "现价美元",
    "thousand usd": "千美元", "million usd": "百万美元", "usd million": "百万美元", "usd mn": "百万美元",
    "billion usd": "十亿美元", "usd bn": "十亿美元", "usd billion": "十亿美元", "trillion usd": "万亿美元",
    "current international $": "现价国际元", "ppp $": "购买力平价美元", "usd ppp": "购买力平价美元",
    "eur": "欧元", "euro": "欧元", "million euro": "百万欧元", "euro per inhabitant": "欧元/人",
    "current prices, million euro": "现价，百万欧元", "pps": "购买力标准",
    "purchasing power standard (pps)": "购买力标准", "national currency": "本币",
    "lcu": "本币单位", "current lcu": "现价本币单位",
    # time
    "years": "年", "year": "年", "months": "月", "weeks": "周", "days": "天", "hours": "小时",
    "minutes": "分钟",
    # scores and indices
    "index": "指数", "score": "分", "average score": "平均分", "points": "分", "rank": "位次",
    "(1 (yes)/0 (no))": "（1=是，0=否）",
    # space, mass, energy, environment
    "km": "千米", "km2": "平方千米", "km²": "平方千米", "sq. km": "平方千米", "sq km": "平方千米",
    "square km": "平方千米", "square kilometres": "平方千米", "square kilometers": "平方千米",
    "thousand square km": "千平方千米", "hectares": "公顷", "ha": "公顷",
    "tonnes": "吨", "tons": "吨", "metric tons": "吨", "kg": "千克", "thousand tonnes": "千吨", "kt": "千吨",
    "million tonnes": "百万吨", "billion tonnes": "十亿吨",
    "tonnes per capita": "人均吨", "metric tons per capita": "人均吨",
    "kg of oil equivalent per capita": "人均千克油当量", "tce per 10,000 yuan": "吨标准煤/万元",
    "kwh": "千瓦时", "kwh per capita": "人均千瓦时", "mwh": "兆瓦时", "gwh": "吉瓦时", "twh": "太瓦时",
    "µg/m³": "微克/立方米", "μg/m³": "微克/立方米", "ug/m3": "微克/立方米",
    "micrograms per cubic meter": "微克/立方米", "micrograms per cubic metre": "微克/立方米",
    "mbps": "兆比特/秒",
}

# Families of units with a year or a range in them: (pattern over the
# normalised key, the Chinese with the pattern's groups filled in).
_UNIT_PATTERNS = (
    (re.compile(r"index\s*\(?\s*(\d{4})\s*=\s*100\s*\)?"), "指数（{0}=100）"),
    (re.compile(r"constant (\d{4}) (?:us\$|usd|us dollars?)"), "{0}年不变价美元"),
    (re.compile(r"constant (\d{4}) international \$"), "{0}年不变价国际元"),
    (re.compile(r"(\d{4}) ppp \$|ppp \$ \(?(\d{4})\)?|constant (\d{4}) ppp \$"), "{0}年购买力平价美元"),
    (re.compile(r"kg of oil equivalent per \$1,?000 gdp \(constant (\d{4}) ppp\)"),
     "每千美元GDP千克油当量（{0}年不变价购买力平价）"),
    (re.compile(r"score\s*\(?(\d+)\s*[-–]\s*(\d+)\)?"), "分（{0}-{1}）"),
)


def pad(label: str, width: int, right: bool = False) -> str:
    """``label`` padded to ``width`` columns of a terminal (a Chinese character takes two)."""
    wide = sum(1 for ch in label if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef")
    fill = " " * max(0, width - len(label) - wide)
    return fill + label if right else label + fill


def unit_name(unit: str, language=None) -> str:
    """``unit`` in ``language`` (default: the current one) where a Chinese
    name is known, else as written."""
    lang = _language if language is None else normalise(language)
    if lang != CHINESE or not unit:
        return unit
    key = " ".join(str(unit).split()).lower()      # (split() also splits at no-break spaces)
    if key in UNIT_NAMES_ZH:
        return UNIT_NAMES_ZH[key]
    for pattern, chinese in _UNIT_PATTERNS:
        m = pattern.fullmatch(key)
        if m:
            return chinese.format(*(g for g in m.groups() if g is not None))
    return unit
