"""Per-indicator overrides of the method (a base year, a normalisation
method for one indicator), as undoable commands like those of
core/project/structure.py (whose :class:`~core.project.structure.Restructure` they end in)."""
from __future__ import annotations

from dataclasses import dataclass, replace

from core.errors import FrameworkError, SettingsError
from core.model.framework import Framework, Node
from core.project.project import Project
from core.model.settings import NORMALISATIONS
from core.project.structure import Restructure, existing_node

def base_year_override(project: Project, code: str):
    """The base year set for one indicator (settings, then its BaseYear
    column), or None when it follows the project's."""
    if code in project.settings.base_year_by:
        return project.settings.base_year_by[code]
    own = project.framework[code].params.get("BaseYear")
    if own is None or str(own).strip() == "":
        return None
    try:
        f = float(own)
        return int(f) if f.is_integer() else own
    except (TypeError, ValueError):
        return own


def normalisation_override(project: Project, code: str) -> str | None:
    """The normalisation set for one indicator, or None when it follows the
    project's."""
    if code in project.settings.normalisation_by:
        return project.settings.normalisation_by[code]
    own = project.framework[code].params.get("Normalisation")
    return str(own).strip().lower() or None if own else None


def _indicator(framework: Framework, code) -> Node:
    node = existing_node(framework, code)
    if not node.is_indicator:
        raise FrameworkError(f"'{code}' is a dimension; per-indicator settings apply to indicators only", code=code)
    return node


@dataclass
class SetBaseYear:
    """Give one indicator its own base year (its BaseYear column), or None to
    follow the project's.  A settings override for it is dropped, so the
    value set here is the one used."""
    code: str
    period: object = None

    def apply(self, project: Project) -> Restructure:
        fw, ds = project.framework, project.dataset
        node = _indicator(fw, self.code)
        period = self.period
        if isinstance(period, str):
            period = period.strip()
            if period == "":
                period = None
            else:
                try:
                    f = float(period)
                    period = int(f) if f.is_integer() else period
                except ValueError:
                    pass
        if isinstance(period, float) and period.is_integer():
            period = int(period)
        if period is not None and period not in ds.period_index:
            raise SettingsError(f"base year of '{self.code}': {period} is not a period of the data "
                                f"({', '.join(str(p) for p in ds.periods)})", valid=ds.periods, code=self.code)
        if period == base_year_override(project, self.code) and self.code not in project.settings.base_year_by:
            raise FrameworkError(f"the base year of '{self.code}' is unchanged", code=self.code)
        params = dict(node.params)
        params.pop("BaseYear", None)
        if period is not None:
            params["BaseYear"] = period
        settings = None
        if self.code in project.settings.base_year_by:
            settings = project.settings.copy()
            del settings.base_year_by[self.code]
        return Restructure(fw.with_node(replace(node, params=params)), None, settings).apply(project)


@dataclass
class SetNormalisation:
    """Give one indicator its own normalisation (``settings.normalisation_by``),
    or None to follow the project's (its Normalisation column is dropped too)."""
    code: str
    method: str | None = None

    def apply(self, project: Project) -> Restructure:
        fw = project.framework
        node = _indicator(fw, self.code)
        method = None if self.method is None or str(self.method).strip() == "" else str(self.method).strip()
        if method is not None and method not in NORMALISATIONS:
            raise SettingsError(f"normalisation of '{self.code}': '{method}' is not a method; valid: "
                                f"{', '.join(NORMALISATIONS)}", valid=NORMALISATIONS, code=self.code)
        if method == normalisation_override(project, self.code):
            raise FrameworkError(f"the normalisation of '{self.code}' is unchanged", code=self.code)
        settings = project.settings.copy()
        settings.normalisation_by.pop(self.code, None)
        if method is not None:
            settings.normalisation_by[self.code] = method
        new_fw = fw
        if "Normalisation" in node.params:
            params = {k: v for k, v in node.params.items() if k != "Normalisation"}
            new_fw = fw.with_node(replace(node, params=params))
        return Restructure(new_fw, None, settings).apply(project)


