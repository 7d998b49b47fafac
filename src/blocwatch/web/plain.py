"""Analysis results (dataclasses, tuples, sets) as JSON-ready values."""
from __future__ import annotations

import dataclasses

_SCALARS = (str, int, float, bool, type(None))


def plain(value):
    # scalars first: they are most of the values, and a graph has tens of thousands
    if isinstance(value, _SCALARS):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        items = (vars(value).items() if hasattr(value, "__dict__")
                 else ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value)))
        return {name: plain(v) for name, v in items}
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    return value
