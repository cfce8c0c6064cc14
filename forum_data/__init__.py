"""The forum's data layer: sources → reading → validation → forum → metrics → report (no streamlit here).

>>> from forum_data import load_forum, build_report
>>> report = build_report(load_forum())   # the bundled sample when nothing is configured

The names above are looked up on first use, so that importing one module of the package
(``forum_data.values``) does not import the whole pipeline.
"""
from __future__ import annotations

import importlib

_EXPORTS = {"Forum": "forum_data.forum", "build_forum": "forum_data.forum", "load_forum": "forum_data.forum",
            "build_report": "forum_data.report"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'forum_data' has no attribute {name!r}")
    return getattr(importlib.import_module(_EXPORTS[name]), name)
