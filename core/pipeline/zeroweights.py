"""Aggregates whose children all weigh 0: the weighted mean has nothing to
weigh, so the aggregate is missing everywhere.  That is allowed (a user
may be halfway through setting weights) but never silent: one warning per
such aggregate, naming it and its children."""
from __future__ import annotations

import numpy as np

from core.methods.registry import list_codes
from core.text import tr


def zero_weight_warnings(engine) -> list:
    """A 'zero_weights' warning for each aggregate of ``engine`` whose
    children's weights are all 0."""
    out = []
    fw = engine.framework
    for code in fw.aggregate_codes:
        w = np.asarray(engine.weights[code])
        if w.size and not (w > 0).any():
            kids = fw.children(code)
            out.append({"kind": "zero_weights", "code": code, "unit": None, "period": None,
                        "message": tr("'{code}': the weights of all its children ({children}) are 0, so it is "
                                      "missing everywhere; give one of them a weight above 0", code=code,
                                      children=list_codes(kids, 8))})
    return out
