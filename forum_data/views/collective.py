"""Faisabilité: the go/no-go verdict, the pace of sign-ups, missing missions and who is committed.

>>> from datetime import date
>>> from forum_data.metrics import Projection
>>> verdict(Projection(date(2024, 3, 10), date(2024, 3, 31), 21, 20, 2.5, date(2024, 3, 5), 0, False)).text
'Le forum est viable : 21 membres actifs pour un seuil de 20, atteint le 5 mars.'
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import pandas as pd

from forum_data import fr, schema
from forum_data.fr import on_day
from forum_data.metrics import CollectiveStatus, Projection
from forum_data.model import Member
from forum_data.privacy import Role


def _members(count: int) -> str:
    return fr.plural(count, "membre actif", "membres actifs")


@dataclass(frozen=True)
class Verdict:
    """The one-sentence answer and its tone: ``good`` (viable), ``warn`` (on track) or ``bad``."""

    text: str
    tone: str


def verdict(projection: Projection) -> Verdict:
    """The steering committee's go/no-go in one French sentence."""
    p = projection
    year = p.deadline.year
    if p.after_deadline:
        head = f"Au {fr.short_day(p.deadline)}, date de décision, le collectif comptait {_members(p.active)} " \
               f"pour un seuil de {fr.number(p.threshold)}"
        if p.needed == 0:
            reached = f" (seuil atteint {on_day(p.reached_on, year)})" if p.reached_on else ""
            return Verdict(f"{head} : le forum est viable{reached}.", "good")
        return Verdict(f"{head} : il en manquait {fr.number(p.needed)}.", "bad")
    if p.needed == 0:
        reached = f", atteint {on_day(p.reached_on, year)}" if p.reached_on else ""
        return Verdict(f"Le forum est viable : {_members(p.active)} pour un seuil de "
                       f"{fr.number(p.threshold)}{reached}.", "good")
    head = f"Pas encore viable : il faudrait {fr.plural(p.needed, 'membre')} de plus d'ici {on_day(p.deadline)}"
    if p.reached_on is None:
        return Verdict(f"{head} ; aucune date d'inscription ne permet encore d'estimer le rythme.", "bad")
    in_time = p.reached_on <= p.deadline
    when = "avant la date limite" if in_time else "après la date limite"
    return Verdict(f"{head} ; au rythme actuel, le seuil serait atteint vers {on_day(p.reached_on, year)}, {when}.",
                   "warn" if in_time else "bad")


def expected_at_deadline(projection: Projection) -> int | None:
    """Active members expected on the decision date at the current pace (rounded down), or None."""
    p = projection
    if p.after_deadline or p.per_week <= 0:
        return None
    days = (p.deadline - p.as_of).days
    return math.floor(p.active + p.per_week / 7 * days + 1e-9)


def pace_sentence(projection: Projection, first_signup: date | None) -> str:
    """How fast the collective grows: ``Depuis le 5 février : 2,5 nouveaux membres actifs par semaine en moyenne.``"""
    p = projection
    if first_signup is None or p.per_week <= 0:
        return "Aucune date d'inscription : le rythme des engagements ne peut pas être estimé."
    week = fr.number(p.per_week, 1)
    noun = "nouveau membre actif" if p.per_week < 2 else "nouveaux membres actifs"
    text = f"Depuis {on_day(first_signup, p.deadline.year)} : {week} {noun} par semaine en moyenne"
    expected = expected_at_deadline(p)
    if expected is not None:
        text += f" ; à ce rythme, environ {_members(expected)} {on_day(p.deadline)}"
    return text + "."


def since_decision(status: CollectiveStatus, projection: Projection) -> str | None:
    """After the decision date, today's count when it has changed since then."""
    if not projection.after_deadline or status.active == projection.active:
        return None
    return f"Aujourd'hui, le collectif compte {_members(status.active)}."


def undated_note(projection: Projection, points: list[tuple[date, int]]) -> str | None:
    """Active members without a join date: counted, but absent from the curve."""
    undated = projection.active - (points[-1][1] if points else 0)
    if undated <= 0:
        return None
    who = "membre actif n'a" if undated == 1 else "membres actifs n'ont"
    s = "s" if undated > 1 else ""
    return f"{fr.number(undated)} {who} pas de date d'inscription : compté{s} dans le total, absent{s} de la courbe."


def members_by_role(members: tuple[Member, ...]) -> dict[str, int]:
    """Active members holding each mission (rôle), every mission listed, zeros included."""
    counts = {slug: 0 for slug in schema.ROLES.slugs}
    for m in members:
        if m.is_active:
            for r in set(m.roles):
                counts[r] += 1
    return counts


def uncovered_sentence(roles: tuple[str, ...]) -> str:
    """``Mission sans personne active : Documentation.`` or that every mission is covered."""
    if not roles:
        return "Chaque mission a au moins une personne active."
    names = [schema.ROLES.names[r] for r in roles]
    label = "Mission sans personne active" if len(names) == 1 else "Missions sans personne active"
    return f"{label} : {', '.join(names)}."


def partners_sentence(counts: dict[str, int]) -> str:
    """``Partenaires : 6 confirmés, 3 contactés, 3 pressentis, 3 déclinés.`` (the chart's figures, in words).

    >>> partners_sentence({"pressenti": 1, "contacte": 0, "confirme": 2, "decline": 0})
    'Partenaires : 2 confirmés, 1 pressenti.'
    >>> partners_sentence({"pressenti": 0, "contacte": 0, "confirme": 0, "decline": 0})
    "Aucun partenaire pour l'instant."
    """
    order = ("confirme", "contacte", "pressenti", "decline")
    parts = [fr.plural(counts[s], schema.PARTNER_STATUS.names[s].lower()) for s in order if counts.get(s)]
    return f"Partenaires : {', '.join(parts)}." if parts else "Aucun partenaire pour l'instant."


def members_table(members: tuple[Member, ...], role: Role) -> pd.DataFrame | None:
    """Active members (Nom, Structure, Missions, Inscrit·e le), for roles that may see names; else None."""
    if not role.names:
        return None
    active = sorted((m for m in members if m.is_active), key=lambda m: (m.joined or date.max, m.name))
    return pd.DataFrame({
        "Nom": [m.name for m in active],
        "Structure": [m.structure for m in active],
        "Missions": [", ".join(schema.ROLES.names[r] for r in m.roles) for m in active],
        "Inscrit·e le": [fr.short_day(m.joined) + f" {m.joined.year}" if m.joined else "" for m in active],
    }, columns=["Nom", "Structure", "Missions", "Inscrit·e le"])

