"""The forum's data layer: sources → reading → validation → metrics → report (no streamlit here).

>>> from forum_data import load_forum, build_report
>>> report = build_report(load_forum())   # the bundled sample when nothing is configured
"""
from forum_data.forum import Forum, build_forum, load_forum
from forum_data.report import build_report

__all__ = ["Forum", "build_forum", "build_report", "load_forum"]
