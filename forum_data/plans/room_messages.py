"""Why a proposal is not placed, and the plan for a terminal: French sentences of the room plan.

Each message says what would unblock the proposal: the capacity or equipment no room has (and the
largest room that has it), the rooms that would do and what holds them, the porteur's other sessions.
"""
from __future__ import annotations

from datetime import date

from forum_data import fr
from forum_data.model import Proposal, Room, Session
from forum_data.plans.room_rules import Placement, RoomPlan, meets
from forum_data.values import normalize

SHOWN = 3                 # rooms or sessions named in one message


def hours(start: int, end: int) -> str:
    return f"{fr.clock(start)}–{fr.clock(end)}"


def _names(rooms: list[Room]) -> str:
    shown = ", ".join(f"{r.name} ({fr.number(r.capacity)} places)" for r in rooms[:SHOWN])
    return shown + (f" et {fr.plural(len(rooms) - SHOWN, 'autre')}" if len(rooms) > SHOWN else "")


def too_long_message(proposal: Proposal, slots) -> str:
    if not slots:
        return "aucun créneau n'est défini : écrivez les créneaux dans l'onglet Paramètres (ligne « Créneaux »)."
    longest = slots[-1][1] - slots[0][0]
    return (f"dure {fr.number(proposal.duration or 0)} min, plus que toute une journée de créneaux "
            f"({hours(slots[0][0], slots[-1][1])}, {fr.number(longest)} min) : raccourcissez la Durée "
            "(onglet Activités) ou élargissez les créneaux (onglet Paramètres).")


def _needs_text(needs) -> str:
    return ", ".join(fr.quote(item) for item, _, _ in needs)


def no_room_message(proposal: Proposal, needs, rooms: list[Room], days) -> str:
    """What no room has: the equipment or accessibility, else the capacity (and the largest that fits the needs).

    ``rooms`` are all the used rooms: a room marked non réservable that would do is named.
    """
    def fits(room: Room) -> bool:
        return meets(room, needs) and (proposal.attendance is None or room.capacity >= proposal.attendance)

    open_rooms = [r for r in rooms if r.reservable and any(d in r.days for d in days)]
    equipped = [r for r in open_rooms if meets(r, needs)]
    if not open_rooms:
        text = ("aucune salle réservable n'est disponible un jour du forum : complétez l'onglet Salles "
                "(colonnes Jours disponibles et Réservable)")
    elif not equipped:
        lacking = [n for n in needs if not any(meets(r, [n]) for r in open_rooms)] or needs
        fixes = [fix for fix, wanted in (
            ("écrivez-le dans ses Équipements", any(words for _, _, words in lacking)),
            ("mettez oui dans sa colonne Accessible PMR", any(access for _, access, _ in lacking))) if wanted]
        text = (f"aucune salle réservable ne répond {'à la fois ' if len(lacking) > 1 else ''}à {_needs_text(lacking)} : "
                f"si une salle l'a, {' et '.join(fixes)} (onglet Salles) ; sinon prévoyez le matériel ou retirez "
                "ce besoin")
    else:
        largest = max(equipped, key=lambda r: r.capacity)
        text = f"aucune salle de {fr.number(proposal.attendance)} places"
        text += (f" avec {_needs_text(needs)} ; la plus grande qui l'a" if needs else " ; la plus grande")
        text += (f", {largest.name}, compte {fr.number(largest.capacity)} places : réduisez la jauge à "
                 f"{fr.number(largest.capacity)} ou trouvez une salle plus grande")
    aside = [r for r in rooms if not r.reservable and fits(r) and any(d in r.days for d in days)]
    if aside:
        text += (f" ({fr.quote(aside[0].name)} conviendrait, mais elle est marquée non réservable dans l'onglet "
                 "Salles)")
    return text + "."


def busy_message(proposal: Proposal, leader: str, rooms: list[Room], sessions: dict[tuple[str, str], list[Session]],
                  placed: list[Placement], days, optimal: bool) -> str:
    """The rooms that would do (smallest first), what holds the smallest one, and the porteur's clashes."""
    if not optimal:
        return (f"des salles conviennent ({_names(rooms)}) et un créneau y reste peut-être libre, mais le calcul "
                "s'est arrêté avant d'avoir tout essayé : relancez-le avec plus de temps (--seconds).")
    best = rooms[0]

    def when(title: str, day: date, start: int, end: int) -> str:
        return f"{fr.quote(title)} ({fr.day(day, year=False)}, {hours(start, end)})"

    holders = [when(s.activity, s.day, s.start, s.end) for s in sessions.get(("room", best.name), ())
               if s.day in days]
    holders += [when(p.proposal.title, p.day, p.start, p.end) for p in placed if p.room.name == best.name]
    clashes = []
    if leader:
        clashes = [when(s.activity, s.day, s.start, s.end) for s in sessions.get(("leader", leader), ())
                   if s.day in days]
        clashes += [when(p.proposal.title, p.day, p.start, p.end) for p in placed
                    if normalize(p.proposal.leader) == leader]
    if clashes:
        parts = [f"aucun créneau n'est libre à la fois dans une salle qui convient ({_names(rooms)}) et pour "
                 f"{proposal.leader}"]
    else:
        parts = [f"les salles qui conviennent ({_names(rooms)}) sont prises à tous les créneaux possibles"]
    if holders:
        more = f" et {fr.plural(len(holders) - SHOWN, 'autre séance', 'autres séances')}" if len(holders) > SHOWN else ""
        parts.append(f"{best.name} accueille {', '.join(holders[:SHOWN])}{more}")
    if clashes:
        parts.append(f"{proposal.leader} anime déjà {', '.join(clashes[:SHOWN])}")
    what = (f"une salle de {fr.number(proposal.attendance)} places" if proposal.attendance is not None
            else "une salle")
    return ("; ".join(parts) + f" : libérez un créneau de {best.name}, ajoutez un créneau (onglet Paramètres) "
            f"ou {what} qui convient.")


# ---------------------------------------------------------------- the terminal table

CODE_NAMES = {"too_long": "trop longue", "no_room": "aucune salle", "no_free_slot": "pas de créneau libre"}


def summary_sentence(plan: RoomPlan) -> str:
    """One French sentence: how many placed, on their wished day, empty seats, and whether it is proven best."""
    placed, wished, seats = plan.objective
    total = placed + len(plan.unplaced)
    proof = ("le meilleur possible" if plan.optimal else
             "le meilleur trouvé dans le temps donné, sans preuve qu'il n'y a pas mieux")
    return (f"{fr.plural(placed, 'proposition placée', 'propositions placées')} sur {fr.number(total)} "
            f"(dont {fr.number(wished)} le jour souhaité), {fr.plural(seats, 'place vide', 'places vides')} "
            f"parmi les séances dont l'affluence est connue : c'est {proof}.")


def plan_text(plan: RoomPlan) -> str:
    """The plan as a French table readable in a terminal, then the proposals left out and why."""
    header = ("Jour", "Horaire", "Salle", "Places", "Attendus", "Jour souhaité", "Activité", "Porteur")
    rows = [(fr.day(p.day, year=False), hours(p.start, p.end), p.room.name, fr.number(p.room.capacity),
             "?" if p.proposal.attendance is None else fr.number(p.proposal.attendance),
             "oui" if p.on_wished_day else "—" if p.proposal.day is None else "non",
             p.proposal.title, p.proposal.leader) for p in plan.placed]
    lines = [f"Planning proposé pour les propositions retenues — {summary_sentence(plan)}", ""]
    if rows:
        widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
        lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in (header, *rows)]
        lines.insert(3, "  ".join("-" * w for w in widths))
    else:
        lines.append("Aucune proposition à placer." if not plan.unplaced else "Aucune proposition n'a pu être placée.")
    if plan.unplaced:
        lines += ["", f"Non placées ({fr.number(len(plan.unplaced))}) :"]
        lines += [f"- « {u.proposal.title} »" + (f" ({u.proposal.leader})" if u.proposal.leader else "")
                  + f" — {CODE_NAMES[u.code]} : {u.message}" for u in plan.unplaced]
    lines += ["", f"Calcul : {fr.number(plan.seconds, 2)} s. Rien n'est écrit dans le classeur : recopiez les "
                  "séances retenues dans l'onglet Planning."]
    return "\n".join(lines)
