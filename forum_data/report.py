"""The report of docs/interface.md: every figure of the dashboard as one JSON-ready dict.

>>> from forum_data.forum import load_forum
>>> sorted(build_report(load_forum()))[:3]
['collective', 'generated_at', 'issues']
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import datetime

from forum_data import metrics
from forum_data.forum import PARIS, Forum


def build_report(forum: Forum, *, generated_at: datetime | None = None) -> dict:
    t = forum.tables
    s = forum.settings
    proposals = metrics.proposals_summary(t.proposals)
    lodging = metrics.lodging_by_night(t.participants, t.offers, s)
    meals = metrics.meals_by_day(t.participants, s)
    return {
        "source": forum.source,
        "generated_at": (generated_at or datetime.now(PARIS)).isoformat(timespec="seconds"),
        "settings": {
            "threshold": s.threshold,
            "deadline": s.deadline.isoformat(),
            "days": [d.isoformat() for d in s.days],
            "nights": [n.isoformat() for n in s.nights],
            "no_show_rate": float(s.no_show_rate),
            "reference_date": s.reference_date.isoformat() if s.reference_date else None,
        },
        "collective": asdict(metrics.collective_status(t.members, s.threshold)) | {
            "uncovered_roles": list(metrics.uncovered_roles(t.members))},
        "partners": {"total": len(t.partners), "by_status": metrics.partners_by_status(t.partners),
                     "by_type": metrics.partners_by_type(t.partners)},
        "proposals": asdict(proposals),
        "rooms": asdict(metrics.room_summary(t.rooms, t.sessions)),
        "lodging": {"by_night": {
            night.isoformat(): {"need": v.need, "offered": v.offered, "covered": v.covered, "coverage": v.coverage,
                                "need_pmr": v.need_pmr, "offered_pmr": v.offered_pmr}
            for night, v in lodging.items()}},
        "meals": {"by_day": {
            day.isoformat(): {"registered": v.registered, "forecast": v.forecast, "diets": v.diets,
                              "allergies": v.allergies, "allergens": v.allergens}
            for day, v in meals.items()}},
        "rows": {slug: asdict(count) for slug, count in forum.rows.items()},
        "issues": [i.to_dict() for i in forum.issues],
    }
