"""The room plan (plans.md): the retained proposals not yet in the Planning, placed in rooms and slots.

An exact 0/1 model of plans.md's rules 1–6, solved by ``solver.solve`` with three objectives in
order: the most proposals placed, then the most on their Jour souhaité, then the fewest empty
seats. Everything already in the Planning stays where it is and only blocks slots. Each
proposal left out gets a code (``too_long``, ``no_room``, ``no_free_slot``) and a French sentence
saying what would unblock it.

The model keeps its size down without giving up the optimum: a variable exists only for a
(proposal, room, day, run) that rules 1–3 and 6 allow and that no Planning session clashes
with (room or porteur); and for one (proposal, day, run) only the m + 1 smallest fitting rooms
are kept, m being the number of other proposals that could take a slot of that run. At least
one of those rooms is free in any plan, and moving the proposal there loses nothing (same day,
no more empty seats), so an optimum lies among them. On very large forums a budget of variables
(``VARIABLE_BUDGET``) may cut further; the plan then says it is not proven optimal. When the
solver runs out of time, a quick greedy plan is the floor: the better of the two is returned.

>>> from datetime import date
>>> from forum_data.model import Proposal, Room, Settings, Tables
>>> from forum_data.sources.base import RowRef
>>> day = date(2024, 7, 3)
>>> talk = Proposal("Atelier vélo", "Ana", ("transitions",), "atelier", 90, 20, day, ("vidéoprojecteur",),
...                 "retenue", None, RowRef(2))
>>> rooms = (Room("Petite", "", 25, True, ("paperboard",), (day,), RowRef(2)),
...          Room("Grande", "", 60, True, ("vidéoprojecteur",), (day,), RowRef(3)))
>>> plan = plan_rooms(Tables(proposals=(talk,), rooms=rooms, settings=Settings(days=(day,))))
>>> [(p.room.name, p.start, p.end) for p in plan.placed], plan.objective, plan.optimal
([('Grande', 570, 660)], (1, 1, 40), True)
"""
from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from datetime import date

from forum_data import fr
from forum_data.model import Proposal, Room, Session, Tables
from forum_data.plans.solver import BinaryProgram, solve
from forum_data.values import normalize     # memoised: the same few Porteurs and Équipements recur

EQUIPMENT_WORDS = ("videoprojecteur", "projecteur", "ecran", "sono", "micro", "enceinte", "paperboard",
                   "tableau", "prise", "wifi", "internet", "ordinateur")
VARIABLE_BUDGET = 30_000  # a model larger than this keeps fewer rooms per (proposal, day, run): not proven optimal
SHOWN = 3                 # rooms or sessions named in one message


@dataclass(frozen=True)
class Placement:
    """A proposal placed by the plan: its room, day, run of slots and times (minutes since midnight)."""

    proposal: Proposal
    room: Room
    day: date
    first: int           # index of the run's first slot
    last: int            # index of its last slot
    start: int
    end: int             # start + Durée, or the run's end when Durée is blank
    on_wished_day: bool

    @property
    def empty_seats(self) -> int | None:
        attendance = self.proposal.attendance
        return None if attendance is None else self.room.capacity - attendance


@dataclass(frozen=True)
class Unplaced:
    proposal: Proposal
    code: str            # too_long, no_room or no_free_slot
    message: str


@dataclass(frozen=True)
class RoomPlan:
    slots: tuple[tuple[int, int], ...]
    placed: tuple[Placement, ...]
    unplaced: tuple[Unplaced, ...]
    objective: tuple[int, int, int]       # placed, on wished day, empty seats
    optimal: bool
    seconds: float
    variables: int = 0                    # the model's size (kept choices), for the benchmark


# ---------------------------------------------------------------- rules, one small function each


def to_place(proposals: tuple[Proposal, ...], sessions: tuple[Session, ...]) -> list[Proposal]:
    """Proposals with status ``retenue`` that no used Planning session matches (the Planning's own matching).

    Compared by value, not identity: a forum read back from its snapshot holds equal copies.
    """
    matched = {s.proposal for s in sessions if s.proposal is not None}
    return [p for p in proposals if p.status == "retenue" and p not in matched]


def run_length(duration: int | None, slots: tuple[tuple[int, int], ...]) -> int | None:
    """Rule 1: the fewest consecutive slots whose span (first start to last end) is at least ``duration``.

    >>> slots = ((570, 660), (660, 750), (840, 930))
    >>> run_length(None, slots), run_length(90, slots), run_length(120, slots), run_length(400, slots)
    (1, 1, 2, None)
    """
    if not slots:
        return None
    need = duration or 0
    for length in range(1, len(slots) + 1):
        if any(slots[i + length - 1][1] - slots[i][0] >= need for i in range(len(slots) - length + 1)):
            return length
    return None


def runs(duration: int | None, slots: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The runs (first, last slot index) of ``run_length`` slots whose span covers ``duration``."""
    length = run_length(duration, slots)
    if length is None:
        return []
    return [(i, i + length - 1) for i in range(len(slots) - length + 1)
            if slots[i + length - 1][1] - slots[i][0] >= (duration or 0)]


def checked_needs(needs: tuple[str, ...]) -> list[tuple[str, bool, frozenset[str]]]:
    """Rule 3: each Besoins item a room can be checked for: (item, needs accessibility, equipment words)."""
    out = []
    for item in needs:
        key = normalize(item)
        words = frozenset(w for w in EQUIPMENT_WORDS if w in key)
        access = "pmr" in key or "accessib" in key
        if access or words:
            out.append((item, access, words))
    return out


@lru_cache(maxsize=1 << 12)
def _equipment_text(equipment: tuple[str, ...]) -> str:
    return normalize(" | ".join(equipment))


def meets(room: Room, needs: list[tuple[str, bool, frozenset[str]]]) -> bool:
    """Whether ``room`` answers every checked need (accessible when asked, each equipment word in Équipements)."""
    equipment = _equipment_text(room.equipment)
    return all((not access or room.accessible) and all(w in equipment for w in words) for _, access, words in needs)


def _overlaps(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def _slots_hit(slots: tuple[tuple[int, int], ...], start: int, end: int) -> set[int]:
    return {i for i, (a, b) in enumerate(slots) if _overlaps(a, b, start, end)}


# ---------------------------------------------------------------- the model


@dataclass
class _Choice:
    proposal: int        # index in the list to place
    room: Room
    day: date
    first: int
    last: int


def plan_rooms(tables: Tables, seconds: float = 10.0) -> RoomPlan:
    """The room plan of plans.md for the validated tables, within ``seconds`` of solving."""
    started = time.perf_counter()
    settings = tables.settings
    slots, days = settings.slots, tuple(sorted(set(settings.days)))
    wanted = to_place(tables.proposals, tables.sessions)
    busy = _busy_slots(tables.sessions, slots)
    leaders = [normalize(p.leader) for p in wanted]
    candidates: dict[int, list[tuple[date, int, int, list[Room]]]] = {}
    fitting: dict[int, list[Room]] = {}
    unplaced: dict[int, tuple[str, str]] = {}
    equipped: dict[tuple, list[Room]] = {}
    for index, proposal in enumerate(wanted):
        found = _candidates(proposal, leaders[index], tables.rooms, days, slots, busy, equipped)
        if isinstance(found[0], str):
            unplaced[index] = found
        else:
            candidates[index], fitting[index] = found
    program, choices, exact = _program(wanted, leaders, candidates, busy)
    solution = solve(program, max(0.0, seconds - (time.perf_counter() - started)))
    chosen = solution.chosen
    if not solution.optimal and _score(program, quick := _greedy(program, choices)) > _score(program, chosen):
        chosen = quick
    by_room_or_leader: dict[tuple[str, str], list[Session]] = {}
    for s in tables.sessions:
        by_room_or_leader.setdefault(("room", s.room), []).append(s)
        if s.proposal is not None and normalize(s.proposal.leader):
            by_room_or_leader.setdefault(("leader", normalize(s.proposal.leader)), []).append(s)
    kept = [c for v, c in enumerate(choices) if v in chosen]
    taken = {c.proposal for c in kept}
    placed = sorted((_placement(wanted[c.proposal], c, slots, days) for c in kept),
                    key=lambda p: (p.day, p.start, p.room.name))
    for index in candidates:
        if index not in taken:
            unplaced[index] = ("no_free_slot", _busy_message(wanted[index], leaders[index], fitting[index],
                                                             by_room_or_leader, placed, days,
                                                             solution.optimal or not candidates[index]))
    objective = (len(placed), sum(p.on_wished_day for p in placed),
                 sum(p.empty_seats for p in placed if p.empty_seats is not None))
    return RoomPlan(slots, tuple(placed),
                    tuple(Unplaced(wanted[i], *unplaced[i]) for i in sorted(unplaced)),
                    objective, solution.optimal and exact, time.perf_counter() - started, program.size)


def _busy_slots(sessions: tuple[Session, ...], slots) -> dict[tuple[str, date, str], frozenset[int]]:
    """Slots blocked by the Planning: ("room", day, room name) and ("leader", day, normalised Porteur)."""
    busy: dict[tuple[str, date, str], set[int]] = {}
    for s in sessions:
        hit = _slots_hit(slots, s.start, s.end)
        busy.setdefault(("room", s.day, s.room), set()).update(hit)
        if s.proposal is not None and normalize(s.proposal.leader):
            busy.setdefault(("leader", s.day, normalize(s.proposal.leader)), set()).update(hit)
    return {key: frozenset(hit) for key, hit in busy.items()}


def _candidates(proposal: Proposal, leader: str, every_room: tuple[Room, ...], days, slots, busy, equipped):
    """Every (day, run, fitting free rooms smallest first) open to ``proposal``, or (code, message).

    ``equipped`` holds, per list of checked needs, the reservable rooms meeting them smallest first
    (the tab's order on ties), made once per list of needs.
    """
    possible = runs(proposal.duration, slots)
    if not possible:
        return "too_long", _too_long_message(proposal, slots)
    needs = checked_needs(proposal.needs)
    key = tuple(needs)
    if key not in equipped:
        equipped[key] = sorted((r for r in every_room if r.reservable and meets(r, needs)), key=lambda r: r.capacity)
    fitting = [r for r in equipped[key] if proposal.attendance is None or r.capacity >= proposal.attendance]
    fitting = [r for r in fitting if any(d in r.days for d in days)]
    if not fitting:
        return "no_room", _no_room_message(proposal, needs, every_room, days)
    found = []
    for day in days:
        leader_busy = busy.get(("leader", day, leader), NONE) if leader else NONE
        todays = [r for r in fitting if day in r.days]
        for first, last in possible:
            used = range(first, last + 1)
            if not leader_busy.isdisjoint(used):
                continue
            free = _free_rooms(todays, day, used, busy)
            if next(free, None) is not None:
                found.append((day, first, last, todays))
    return found, fitting


NONE: frozenset[int] = frozenset()


def _free_rooms(rooms: list[Room], day: date, used: range, busy) -> Iterator[Room]:
    """The rooms of ``rooms`` that no Planning session holds over the slots ``used`` of ``day``, in order."""
    return (r for r in rooms if busy.get(("room", day, r.name), NONE).isdisjoint(used))


def _program(wanted, leaders, candidates, busy):
    """The 0/1 program: one variable per kept choice, « at most one » per proposal, room slot, porteur slot."""
    # Who could take each (day, slot): the other proposals a run there competes with.
    could: dict[tuple[date, int], set[int]] = {}
    for index, found in candidates.items():
        for day, first, last, _ in found:
            for slot in range(first, last + 1):
                could.setdefault((day, slot), set()).add(index)
    program, choices, exact = BinaryProgram(), [], True
    # Rooms kept per (proposal, day, run) at most: what the budget allows, never fewer than 5.
    cap = max(5, VARIABLE_BUDGET // max(1, sum(len(found) for found in candidates.values())))
    by_proposal: dict[int, dict[int, int]] = {}
    by_room: dict[tuple[str, date, int], dict[int, int]] = {}
    by_leader: dict[tuple[str, date, int], dict[int, int]] = {}
    placed, wished, seats = {}, {}, {}
    for index in sorted(candidates):
        proposal = wanted[index]
        for day, first, last, todays in candidates[index]:
            rivals = set().union(*(could[(day, s)] for s in range(first, last + 1))) - {index}
            keep = len(rivals) + 1
            free = list(islice(_free_rooms(todays, day, range(first, last + 1), busy), min(keep, cap + 1)))
            if len(free) > cap:
                free, exact = free[:cap], False
            for room in free:
                v = program.variable()
                choices.append(_Choice(index, room, day, first, last))
                placed[v] = 1
                if proposal.day == day:
                    wished[v] = 1
                if proposal.attendance is not None and room.capacity != proposal.attendance:
                    seats[v] = proposal.attendance - room.capacity
                by_proposal.setdefault(index, {})[v] = 1
                for slot in range(first, last + 1):
                    by_room.setdefault((room.name, day, slot), {})[v] = 1
                    if leaders[index]:
                        by_leader.setdefault((leaders[index], day, slot), {})[v] = 1
    for rows in (by_proposal, by_room, by_leader):
        for key in sorted(rows, key=str):
            program.at_most(rows[key], 1)
    program.maximise(placed)
    program.maximise(wished)
    program.maximise(seats)
    return program, choices, exact


def _greedy(program: BinaryProgram, choices: list[_Choice]) -> frozenset[int]:
    """A quick plan to fall back on when the solver runs out of time: the proposals with the fewest
    choices first, each in its first choice (wished day, fewest empty seats) whose rows are all still open."""
    rows_of: dict[int, list[int]] = {}
    for r, (terms, _) in enumerate(program.rows):
        for v in terms:
            rows_of.setdefault(v, []).append(r)
    wished, seats = program.objectives[1], program.objectives[2]
    by_proposal: dict[int, list[int]] = {}
    for v, choice in enumerate(choices):
        by_proposal.setdefault(choice.proposal, []).append(v)
    full: set[int] = set()
    chosen = []
    for proposal in sorted(by_proposal, key=lambda p: (len(by_proposal[p]), p)):
        for v in sorted(by_proposal[proposal], key=lambda v: (-wished.get(v, 0), -seats.get(v, 0), v)):
            if full.isdisjoint(rows_of.get(v, ())):
                chosen.append(v)
                full.update(rows_of.get(v, ()))     # every row is « at most one »
                break
    return frozenset(chosen)


def _score(program: BinaryProgram, chosen: frozenset[int]) -> tuple[int, ...]:
    return tuple(sum(c for v, c in terms.items() if v in chosen) for terms in program.objectives)


def _placement(proposal: Proposal, choice: _Choice, slots, days) -> Placement:
    start = slots[choice.first][0]
    end = start + proposal.duration if proposal.duration else slots[choice.last][1]
    return Placement(proposal, choice.room, choice.day, choice.first, choice.last, start, end,
                     proposal.day in days and proposal.day == choice.day)


# ---------------------------------------------------------------- why not placed, in French


def _quote(text: str) -> str:
    return f"«\u00a0{text}\u00a0»"


def _hours(start: int, end: int) -> str:
    return f"{fr.clock(start)}–{fr.clock(end)}"


def _names(rooms: list[Room]) -> str:
    shown = ", ".join(f"{r.name} ({fr.number(r.capacity)} places)" for r in rooms[:SHOWN])
    return shown + (f" et {fr.plural(len(rooms) - SHOWN, 'autre')}" if len(rooms) > SHOWN else "")


def _too_long_message(proposal: Proposal, slots) -> str:
    if not slots:
        return "aucun créneau n'est défini : écrivez les créneaux dans l'onglet Paramètres (ligne « Créneaux »)."
    longest = slots[-1][1] - slots[0][0]
    return (f"dure {fr.number(proposal.duration or 0)} min, plus que toute une journée de créneaux "
            f"({_hours(slots[0][0], slots[-1][1])}, {fr.number(longest)} min) : raccourcissez la Durée "
            "(onglet Activités) ou élargissez les créneaux (onglet Paramètres).")


def _needs_text(needs) -> str:
    return ", ".join(_quote(item) for item, _, _ in needs)


def _no_room_message(proposal: Proposal, needs, rooms: list[Room], days) -> str:
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
        text += (f" ({_quote(aside[0].name)} conviendrait, mais elle est marquée non réservable dans l'onglet "
                 "Salles)")
    return text + "."


def _busy_message(proposal: Proposal, leader: str, rooms: list[Room], sessions: dict[tuple[str, str], list[Session]],
                  placed: list[Placement], days, optimal: bool) -> str:
    """The rooms that would do (smallest first), what holds the smallest one, and the porteur's clashes."""
    if not optimal:
        return (f"des salles conviennent ({_names(rooms)}) et un créneau y reste peut-être libre, mais le calcul "
                "s'est arrêté avant d'avoir tout essayé : relancez-le avec plus de temps (--seconds).")
    best = rooms[0]

    def when(title: str, day: date, start: int, end: int) -> str:
        return f"{_quote(title)} ({fr.day(day, year=False)}, {_hours(start, end)})"

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


# ---------------------------------------------------------------- the contract's JSON


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def plan_json(plan: RoomPlan) -> dict:
    """The JSON of plans.md for ``plan salles``."""
    return {
        "plan": "salles",
        "slots": [{"start": _hhmm(a), "end": _hhmm(b)} for a, b in plan.slots],
        "placed": [{"title": p.proposal.title, "leader": p.proposal.leader, "day": p.day.isoformat(),
                    "start": _hhmm(p.start), "end": _hhmm(p.end), "room": p.room.name,
                    "attendance": p.proposal.attendance, "capacity": p.room.capacity,
                    "on_wished_day": p.on_wished_day} for p in plan.placed],
        "unplaced": [{"title": u.proposal.title, "leader": u.proposal.leader, "code": u.code, "message": u.message}
                     for u in plan.unplaced],
        "objective": {"placed": plan.objective[0], "on_wished_day": plan.objective[1],
                      "empty_seats": plan.objective[2]},
        "optimal": plan.optimal,
        "solve_seconds": round(plan.seconds, 3),
    }


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
    rows = [(fr.day(p.day, year=False), _hours(p.start, p.end), p.room.name, fr.number(p.room.capacity),
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
