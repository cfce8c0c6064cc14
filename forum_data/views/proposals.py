"""Propositions: the status and theme-balance sentences, the filterable table, retained but unplanned.

>>> balance_sentence({"culture": 2, "ess": 5, "transitions": 5, "participation": 4, "numerique": 6, "autre": 0})
'Thème le moins représenté : Culture, avec 2 propositions, contre 6 pour Numérique.'
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from forum_data import fr, schema
from forum_data.schema import ProposalStatus
from forum_data.metrics import ProposalSummary, retained_not_planned
from forum_data.model import Proposal, Session
from forum_data.privacy import Role

CALL_THEMES = tuple(t for t in schema.THEMES.slugs if t != "autre")   # the five themes of the call
NO_DAY = "sans_preference"


def _proposals(count: int) -> str:
    return fr.plural(count, "proposition")


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def status_sentence(summary: ProposalSummary) -> str:
    """``12 propositions en cours : 5 à étudier, 3 retenues à programmer, 4 programmées ; 1 annulée.``"""
    s = summary.by_status
    if summary.total == 0 and s[ProposalStatus.ANNULEE] == 0:
        return "Aucune proposition d'activité pour l'instant."
    text = (f"{_proposals(summary.total)} en cours : {fr.number(s['proposee'])} à étudier, "
            f"{fr.plural(s['retenue'], 'retenue')} à programmer, {fr.plural(s['programmee'], 'programmée')}")
    if s[ProposalStatus.ANNULEE]:
        text += f" ; {fr.plural(s['annulee'], 'annulée')} à part"
    return text + "."


def balance_sentence(by_theme: dict[str, int]) -> str:
    """Which of the call's five themes is the least represented, against the most represented one."""
    counts = {t: by_theme.get(t, 0) for t in CALL_THEMES}
    low, high = min(counts.values()), max(counts.values())
    if high == 0:
        return "Aucune proposition ne porte encore sur les thèmes de l'appel."
    if low == high:
        return f"Les cinq thèmes de l'appel sont représentés à égalité : {_proposals(low)} chacun."
    lows = [schema.THEMES.names[t] for t, n in counts.items() if n == low]
    highs = [schema.THEMES.names[t] for t, n in counts.items() if n == high]
    amount = "aucune proposition" if low == 0 else _proposals(low)
    if len(lows) == 1:
        head = f"Thème le moins représenté : {lows[0]}, avec {amount}"
    else:
        head = f"Thèmes les moins représentés : {_and(lows)}, avec {amount} chacun"
    return f"{head}, contre {fr.number(high)} pour {_and(highs)}."


def theme_format_table(rows: list[tuple[str, str, int]]) -> pd.DataFrame:
    """Live proposals per theme (one row each) and format (a column each, when some proposal has it), and a total.

    The figures of the « Propositions par thème et par format » chart, as a table the page opens on;
    « Autre » only when some proposal has it, like the chart. ``rows`` is
    ``metrics.proposals_by_theme_format``.

    >>> table = theme_format_table([("culture", "atelier", 2), ("culture", "conference", 1), ("ess", "atelier", 1),
    ...                             ("ess", "conference", 0), ("autre", "atelier", 0), ("autre", "conference", 0)])
    >>> table.to_dict("records")[:2]
    [{'Thème': 'Culture', 'Conférence': 1, 'Atelier': 2, 'Total': 3}, {'Thème': 'ESS', 'Conférence': 0, 'Atelier': 1, 'Total': 1}]
    >>> list(table["Thème"])
    ['Culture', 'ESS', 'Transitions', 'Participation', 'Numérique']
    """
    counts = {(t, f): n for t, f, n in rows}
    formats = [f for f in schema.FORMATS.slugs if any(counts.get((t, f)) for t in schema.THEMES.slugs)]
    records = []
    for theme in schema.THEMES.slugs:
        per_format = {schema.FORMATS.names[f]: counts.get((theme, f), 0) for f in formats}
        total = sum(counts.get((theme, f), 0) for f in schema.FORMATS.slugs)
        if theme != "autre" or total:
            records.append({"Thème": schema.THEMES.names[theme], **per_format, "Total": total})
    return pd.DataFrame(records, columns=["Thème", *(schema.FORMATS.names[f] for f in formats), "Total"])


def day_label(day: date | None) -> str:
    return fr.day(day, year=False) if day else "Sans préférence"


def filter_proposals(proposals: Iterable[Proposal], *, themes: Iterable[str] = (), formats: Iterable[str] = (),
                     statuses: Iterable[str] = (), days: Iterable[date | str] = ()) -> tuple[Proposal, ...]:
    """The proposals matching every non-empty filter (an empty filter keeps everything).

    ``days`` holds dates and/or ``NO_DAY`` (no desired day); a proposal matches a theme filter
    when one of its themes is chosen.
    """
    themes, formats, statuses, days = set(themes), set(formats), set(statuses), set(days)
    return tuple(p for p in proposals
                 if (not themes or themes & set(p.themes)) and (not formats or p.format in formats)
                 and (not statuses or p.status in statuses) and (not days or (p.day or NO_DAY) in days))


def day_options(proposals: Iterable[Proposal], forum_days: Iterable[date]) -> list[date | str]:
    """The desired-day filter's choices: the forum days, other desired days, then « sans préférence »."""
    days = sorted(set(forum_days) | {p.day for p in proposals if p.day})
    return [*days, NO_DAY]


COLUMNS = ["Titre", "Porteur·se", "Thèmes", "Format", "Durée", "Participants attendus", "Jour souhaité", "Statut"]


def _columns(role: Role) -> list[str]:
    return COLUMNS if role.names else [c for c in COLUMNS if c != "Porteur·se"]


def proposals_table(proposals: Iterable[Proposal], role: Role) -> pd.DataFrame:
    """One row per proposal with French headers; the porteur·se only for roles that may see names."""
    rows = [{
        "Titre": p.title,
        "Porteur·se": p.leader,
        "Thèmes": ", ".join(schema.THEMES.names[t] for t in p.themes),
        "Format": schema.FORMATS.names[p.format],
        "Durée": p.duration,
        "Participants attendus": p.attendance,
        "Jour souhaité": day_label(p.day),
        "Statut": schema.PROPOSAL_STATUS.names[p.status],
    } for p in proposals]
    frame = pd.DataFrame(rows, columns=COLUMNS)[_columns(role)]
    return frame.astype({"Durée": "Int64", "Participants attendus": "Int64"})


def unplanned_table(proposals: tuple[Proposal, ...], sessions: tuple[Session, ...], role: Role) -> pd.DataFrame:
    """Retained (or programmed) proposals that no planning session names yet."""
    return proposals_table(retained_not_planned(proposals, sessions), role)


def unplanned_sentence(proposals: tuple[Proposal, ...], sessions: tuple[Session, ...]) -> str | None:
    """Retained proposals without a session, and those marked programmed that the planning lacks; None if none.

    « 8 propositions n'ont encore ni salle ni horaire dans l'onglet Planning : 7 retenues à programmer
    et 1 marquée « programmée » (ajoutez-la au planning ou corrigez son statut). »
    """
    waiting = retained_not_planned(proposals, sessions)
    if not waiting:
        return None
    marked = sum(1 for p in waiting if p.status == ProposalStatus.PROGRAMMEE)
    retained = len(waiting) - marked
    if not marked:
        verb = "n'a" if retained == 1 else "n'ont"
        return (f"{fr.plural(retained, 'proposition retenue', 'propositions retenues')} {verb} encore ni salle "
                "ni horaire dans l'onglet Planning.")
    fix = "ajoutez-la au planning ou corrigez son statut" if marked == 1 else \
        "ajoutez-les au planning ou corrigez leur statut"
    tagged = "marquée «\u00a0programmée\u00a0»" if marked == 1 else "marquées «\u00a0programmée\u00a0»"
    if not retained:
        verb = "n'a" if marked == 1 else "n'ont"
        return f"{_proposals(marked)} {tagged} {verb} ni salle ni horaire dans l'onglet Planning : {fix}."
    return (f"{_proposals(len(waiting))} n'ont encore ni salle ni horaire dans l'onglet Planning : "
            f"{fr.plural(retained, 'retenue')} à programmer et {fr.number(marked)} {tagged} ({fix}).")
