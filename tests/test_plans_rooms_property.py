"""The room plan on random small forums: every hard rule of plans.md holds, and on tiny forums the
objective equals a brute-force optimum (every assignment enumerated, the rules written again here)."""
from __future__ import annotations

import itertools
import unicodedata
from datetime import date

from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as hst

from forum_data.model import Proposal, Room, Session, Settings, Tables
from forum_data.plans.rooms import plan_rooms
from forum_data.sources.base import RowRef

DAYS = (date(2024, 7, 3), date(2024, 7, 4))
OUTSIDE = date(2024, 7, 5)
ALL_SLOTS = ((540, 600), (600, 690), (840, 900))      # 9–10, 10–11h30, 14–15; a forum takes the first 1 to 3
EQUIPMENT = ("vidéoprojecteur", "sono", "paperboard")
NEEDS = ("vidéoprojecteur", "sono", "accessible PMR", "tables en îlots")
LEADERS = ("Ana", "ana ", "Ána", "Bea", "")


def _norm(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


@hst.composite
def forums(draw, most_rooms=3, most_proposals=5):
    days = DAYS[: draw(hst.integers(1, 2))]
    slots = ALL_SLOTS[: draw(hst.integers(1, 3))]
    rooms = tuple(Room(f"R{i}", "", draw(hst.sampled_from([10, 20, 30, 60])), draw(hst.booleans()),
                       tuple(draw(hst.lists(hst.sampled_from(EQUIPMENT), unique=True, max_size=2))),
                       tuple(draw(hst.lists(hst.sampled_from(days), min_size=1, max_size=2, unique=True))),
                       RowRef(i + 2), draw(hst.sampled_from([True, True, True, False])))
                  for i in range(draw(hst.integers(1, most_rooms))))
    proposals = []
    for i in range(draw(hst.integers(0, most_proposals))):
        proposals.append(Proposal(
            f"P{i}", draw(hst.sampled_from(LEADERS)), ("autre",), "atelier",
            draw(hst.sampled_from([None, 30, 60, 90, 120, 200, 400])),
            draw(hst.sampled_from([None, 8, 15, 25, 50])),
            draw(hst.sampled_from([None, DAYS[0], DAYS[1], OUTSIDE])),
            tuple(draw(hst.lists(hst.sampled_from(NEEDS), unique=True, max_size=2))),
            draw(hst.sampled_from(["retenue", "retenue", "retenue", "programmee"])), None, RowRef(i + 2)))
    sessions = []
    for _ in range(draw(hst.integers(0, 3))):
        room = draw(hst.sampled_from(rooms))
        start = draw(hst.sampled_from([540, 570, 600, 660, 840]))
        proposal = draw(hst.one_of(hst.none(), hst.sampled_from(proposals))) if proposals else None
        sessions.append(Session(draw(hst.sampled_from(days)), start, start + draw(hst.sampled_from([30, 60, 90])),
                                room.name, proposal.title if proposal else "Plénière", proposal, None, room.capacity,
                                RowRef(2)))
    settings = Settings(days=days, slots=slots)
    return Tables(proposals=tuple(proposals), rooms=rooms, sessions=tuple(sessions), settings=settings)


# ---------------------------------------------------------------- the rules, written again


def _to_place(tables: Tables) -> list[Proposal]:
    matched = [s.proposal for s in tables.sessions if s.proposal is not None]
    return [p for p in tables.proposals if p.status == "retenue" and not any(p is m for m in matched)]


def _length(duration, slots) -> int | None:
    for k in range(1, len(slots) + 1):
        for i in range(len(slots) - k + 1):
            if slots[i + k - 1][1] - slots[i][0] >= (duration or 0):
                return k
    return None


def _room_fits(p: Proposal, room: Room, day: date, days) -> bool:
    if not room.reservable or day not in room.days or day not in days:
        return False
    if p.attendance is not None and room.capacity < p.attendance:
        return False
    equipment = _norm(", ".join(room.equipment))
    for need in p.needs:
        key = _norm(need)
        if ("pmr" in key or "accessib" in key) and not room.accessible:
            return False
        for word in ("videoprojecteur", "projecteur", "sono", "paperboard"):
            if word in key and word not in equipment:
                return False
    return True


def _overlap(a, b, c, d) -> bool:
    return a < d and c < b


def _options(p: Proposal, tables: Tables) -> list[tuple[Room, date, int, int]]:
    """(room, day, first, last) for every run rules 1–3, 6 and the Planning allow (rule 4, 5 vs Planning)."""
    slots, days = tables.settings.slots, tables.settings.days
    k = _length(p.duration, slots)
    if k is None:
        return []
    out = []
    for room in tables.rooms:
        for day in days:
            for first in range(len(slots) - k + 1):
                last = first + k - 1
                if slots[last][1] - slots[first][0] < (p.duration or 0) or not _room_fits(p, room, day, days):
                    continue
                a, b = slots[first][0], slots[last][1]
                if any(s.room == room.name and s.day == day and _overlap(a, b, s.start, s.end) for s in tables.sessions):
                    continue
                if _norm(p.leader) and any(s.proposal is not None and _norm(s.proposal.leader) == _norm(p.leader)
                                           and s.day == day and _overlap(a, b, s.start, s.end) for s in tables.sessions):
                    continue
                out.append((room, day, first, last))
    return out


def _compatible(chosen: list[tuple[Proposal, tuple[Room, date, int, int]]]) -> bool:
    for (p, (r, d, f, l)), (q, (r2, d2, f2, l2)) in itertools.combinations(chosen, 2):
        shares = d == d2 and f <= l2 and f2 <= l
        if shares and (r.name == r2.name or (_norm(p.leader) and _norm(p.leader) == _norm(q.leader))):
            return False
    return True


def _score(chosen) -> tuple[int, int, int]:
    return (len(chosen), sum(1 for p, (_, d, _, _) in chosen if p.day == d),
            -sum(r.capacity - p.attendance for p, (r, _, _, _) in chosen if p.attendance is not None))


def _check_rules(tables: Tables, plan) -> None:
    slots, days = tables.settings.slots, tables.settings.days
    wanted = _to_place(tables)
    placed = [(pl.proposal, (pl.room, pl.day, pl.first, pl.last)) for pl in plan.placed]
    # Every proposal to place is placed or unplaced, once; nothing else appears.
    titles = sorted([p.title for p, _ in placed] + [u.proposal.title for u in plan.unplaced])
    assert titles == sorted(p.title for p in wanted)
    for p, option in placed:
        assert option in _options(p, tables), (p, option)          # rules 1, 2, 3, 6 and the Planning
        pl = next(x for x in plan.placed if x.proposal is p)
        assert pl.start == slots[pl.first][0]
        assert pl.end == (pl.start + p.duration if p.duration else slots[pl.last][1])
        assert pl.on_wished_day == (p.day == pl.day)
    assert _compatible(placed)                                       # rules 4 and 5 between placed proposals
    assert plan.objective == (_score(placed)[0], _score(placed)[1], -_score(placed)[2])
    for u in plan.unplaced:
        p = u.proposal
        if _length(p.duration, slots) is None:
            assert u.code == "too_long"
        elif not any(_room_fits(p, r, d, days) for r in tables.rooms for d in days):
            assert u.code == "no_room"
        else:
            assert u.code == "no_free_slot"
            if plan.optimal:   # an optimal plan leaves no free run to an unplaced proposal
                assert not any(_compatible(placed + [(p, o)]) for o in _options(p, tables))
        assert u.message


@hyp_settings(max_examples=120, deadline=None)
@given(forums())
def test_every_hard_rule_holds_on_random_forums(tables):
    plan = plan_rooms(tables, seconds=20)
    assert plan.optimal
    _check_rules(tables, plan)


@hyp_settings(max_examples=150, deadline=None)
@given(forums(most_rooms=2, most_proposals=3))
def test_objective_equals_the_brute_force_optimum_on_tiny_forums(tables):
    wanted = _to_place(tables)
    choices = [[None] + _options(p, tables) for p in wanted]
    best = (0, 0, 0)
    for combo in itertools.product(*choices):
        chosen = [(p, o) for p, o in zip(wanted, combo) if o is not None]
        if _compatible(chosen):
            best = max(best, _score(chosen))
    plan = plan_rooms(tables, seconds=20)
    assert plan.optimal
    assert plan.objective == (best[0], best[1], -best[2])


def test_the_same_workbook_gives_the_same_plan():
    from forum_data.forum import load_forum

    tables = load_forum().tables            # the bundled sample
    first, second = plan_rooms(tables), plan_rooms(tables)
    assert [(p.proposal.title, p.room.name, p.day, p.first) for p in first.placed] == \
        [(p.proposal.title, p.room.name, p.day, p.first) for p in second.placed]
