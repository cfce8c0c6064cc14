"""The room plan (docs/interface.md): the retained proposals not yet in the Planning, placed in rooms and slots.

An exact 0/1 model of docs/interface.md's rules 1–6, solved by ``solver.solve`` with three objectives in
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
The rules themselves are in ``room_rules``, the French sentences in ``room_messages``.

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
from datetime import date
from itertools import islice

from forum_data.model import Proposal, Room, Session, Tables
from forum_data.plans.room_messages import busy_message, no_room_message, too_long_message
from forum_data.plans.room_messages import plan_text  # noqa: F401 - with plan_json, what the command line calls
from forum_data.plans.room_rules import Placement, RoomPlan, Unplaced, checked_needs, meets, runs, slots_hit, to_place
from forum_data.plans.room_rules import run_length  # noqa: F401 - part of this module's interface
from forum_data.plans.solver import BinaryProgram, solve
from forum_data.values import normalize

VARIABLE_BUDGET = 30_000  # a model larger than this keeps fewer rooms per (proposal, day, run): not proven optimal


# ---------------------------------------------------------------- the model


@dataclass
class _Choice:
    proposal: int        # index in the list to place
    room: Room
    day: date
    first: int
    last: int


def plan_rooms(tables: Tables, seconds: float = 10.0) -> RoomPlan:
    """The room plan of docs/interface.md for the validated tables, within ``seconds`` of solving."""
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
            unplaced[index] = ("no_free_slot", busy_message(wanted[index], leaders[index], fitting[index],
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
        hit = slots_hit(slots, s.start, s.end)
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
        return "too_long", too_long_message(proposal, slots)
    needs = checked_needs(proposal.needs)
    key = tuple(needs)
    if key not in equipped:
        equipped[key] = sorted((r for r in every_room if r.reservable and meets(r, needs)), key=lambda r: r.capacity)
    fitting = [r for r in equipped[key] if proposal.attendance is None or r.capacity >= proposal.attendance]
    fitting = [r for r in fitting if any(d in r.days for d in days)]
    if not fitting:
        return "no_room", no_room_message(proposal, needs, every_room, days)
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


# ---------------------------------------------------------------- the contract's JSON


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def plan_json(plan: RoomPlan) -> dict:
    """The JSON of docs/interface.md for ``plan salles``."""
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
