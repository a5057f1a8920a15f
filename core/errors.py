"""Typed errors that say what went wrong and where.

Every error the core raises for bad input is a :class:`CoIndexError`.  The
message always names the place (file, sheet, row, column, indicator, unit,
period) so that the command line and the GUI can show it as it is.
"""
from __future__ import annotations

from core.text import tr

class CoIndexError(Exception):
    """Base class of all user-facing errors raised by the core."""

    def __init__(self, message: str, **where):
        self.where = {k: v for k, v in where.items() if v is not None}
        super().__init__(message)


class InputError(CoIndexError):
    """Malformed input: a file, sheet, column or value that cannot be used."""


class FrameworkError(CoIndexError):
    """The indicator tree is inconsistent (unknown parent, cycle, duplicate code)."""


class SettingsError(CoIndexError):
    """An unknown setting or a value a setting does not accept."""

    def __init__(self, message: str, valid=None, **where):
        self.valid = list(valid) if valid is not None else None
        super().__init__(message, **where)


class ComputeError(CoIndexError):
    """A value the method cannot use (zero base value, non-positive value in a
    geometric mean, ...)."""


class PeriodSettingError(SettingsError, ComputeError):
    """A setting naming a period the data do not have (``base_year``): a bad
    setting value (the command line exits 2) that only the computation can
    see, so it is a ComputeError to the callers that catch those."""


class ProjectFileError(CoIndexError):
    """A project file that cannot be read or written."""


def describe_place(unit=None, period=None, code=None) -> str:
    """Human-readable "indicator X, unit Y, period Z" fragment."""
    parts = []
    if code is not None:
        parts.append(tr("indicator '{code}'", code=code))
    if unit is not None:
        parts.append(tr("unit '{unit}'", unit=unit))
    if period is not None:
        parts.append(tr("period {period}", period=period))
    return tr(", ").join(parts)
