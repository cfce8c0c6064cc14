"""Metrics: small pure functions, one per question the dashboard answers (docs/classeur.md, "Metrics").

They take validated tables and settings, never a source, and return frozen dataclasses or
plain dicts keyed by slug (every slug listed, zeros included).

>>> from forum_data.model import Settings
>>> meal_forecast(150, Decimal("0.18"))
123
"""
from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from forum_data import schema
from forum_data.schema import MemberStatus
from forum_data.values import normalize
from forum_data.model import Member, Offer, Participant, Partner, Proposal, Room, Session, Settings


def _zeros(labels: schema.Labels) -> dict[str, int]:
    return {slug: 0 for slug in labels.slugs}


# ---------------------------------------------------------------- collective


@dataclass(frozen=True)
class CollectiveStatus:
    active: int
    interested: int
    withdrawn: int
    threshold: int
    viable: bool
    missing: int


def collective_status(members: tuple[Member, ...], threshold: int) -> CollectiveStatus:
    """Distinct persons by status; viable ⇔ actif ≥ threshold; missing = max(0, threshold − actif)."""
    counts = Counter(m.status for m in members)
    active = counts[MemberStatus.ACTIF]
    return CollectiveStatus(active, counts[MemberStatus.INTERESSE], counts[MemberStatus.RETIRE], threshold,
                            active >= threshold,
                            max(0, threshold - active))


def active_by_date(members: tuple[Member, ...], until: date | None = None) -> list[tuple[date, int]]:
    """Cumulative sign-ups of today's active members, one point per join date (up to ``until``)."""
    dates = sorted(m.joined for m in members if m.is_active and m.joined and (until is None or m.joined <= until))
    points: list[tuple[date, int]] = []
    for total, day in enumerate(dates, start=1):
        if points and points[-1][0] == day:
            points[-1] = (day, total)
        else:
            points.append((day, total))
    return points


@dataclass(frozen=True)
class Projection:
    """Where the collective stands on ``as_of`` and where its pace leads by the decision date.

    ``reached_on``: the date the threshold was (or, at the current pace, would be) reached;
    None when it cannot be projected (no pace). ``needed`` more members are needed by
    ``deadline``. ``after_deadline``: ``as_of`` is past the decision date, so the figures
    are those of the decision date itself.
    """

    as_of: date
    deadline: date
    active: int
    threshold: int
    per_week: float
    reached_on: date | None
    needed: int
    after_deadline: bool


def collective_projection(members: tuple[Member, ...], settings: Settings, as_of: date) -> Projection:
    """Project the active count at the pace since the first sign-up (members per day, linear)."""
    after = as_of > settings.deadline
    until = settings.deadline if after else as_of
    points = active_by_date(members, until)
    active = points[-1][1] if points else 0
    undated_active = sum(1 for m in members if m.is_active and m.joined is None)
    active += undated_active
    threshold = settings.threshold
    reached_on = next((d for d, n in points if n + undated_active >= threshold), None)
    per_day = 0.0
    if points:
        span = (until - points[0][0]).days + 1
        per_day = (active - undated_active) / span if span > 0 else 0.0
    if reached_on is None and per_day > 0 and not after:
        reached_on = until + timedelta(days=math.ceil((threshold - active) / per_day))
    return Projection(as_of, settings.deadline, active, threshold, round(per_day * 7, 2), reached_on,
                      max(0, threshold - active), after)


def uncovered_roles(members: tuple[Member, ...]) -> tuple[str, ...]:
    """The missions (rôles) no active member holds, ``autre`` aside."""
    covered = {r for m in members if m.is_active for r in m.roles}
    return tuple(r for r in schema.ROLES.slugs if r != "autre" and r not in covered)


# ---------------------------------------------------------------- partners


def partners_by_status(partners: tuple[Partner, ...]) -> dict[str, int]:
    return _zeros(schema.PARTNER_STATUS) | Counter(p.status for p in partners)


def partners_by_type(partners: tuple[Partner, ...]) -> dict[str, int]:
    return _zeros(schema.PARTNER_TYPES) | Counter(p.type for p in partners)


# ---------------------------------------------------------------- proposals


@dataclass(frozen=True)
class ProposalSummary:
    total: int
    by_theme: dict[str, int]
    by_format: dict[str, int]
    by_status: dict[str, int]


def proposals_summary(proposals: tuple[Proposal, ...]) -> ProposalSummary:
    """``total``, ``by_theme`` and ``by_format`` leave cancelled ones out; a proposal counts once per theme."""
    live = [p for p in proposals if p.is_live]
    by_theme = _zeros(schema.THEMES) | Counter(t for p in live for t in p.themes)
    return ProposalSummary(
        total=len(live),
        by_theme=by_theme,
        by_format=_zeros(schema.FORMATS) | Counter(p.format for p in live),
        by_status=_zeros(schema.PROPOSAL_STATUS) | Counter(p.status for p in proposals),
    )


def proposals_by_theme_format(proposals: tuple[Proposal, ...]) -> list[tuple[str, str, int]]:
    """Long form (theme, format, count) of live proposals, every pair listed."""
    counts = Counter((t, p.format) for p in proposals if p.is_live for t in p.themes)
    return [(t, f, counts[(t, f)]) for t in schema.THEMES.slugs for f in schema.FORMATS.slugs]


def retained_not_planned(proposals: tuple[Proposal, ...], sessions: tuple[Session, ...]) -> tuple[Proposal, ...]:
    """Retained or programmed proposals that no planning session names."""
    planned = {id(s.proposal) for s in sessions if s.proposal is not None}
    return tuple(p for p in proposals if p.is_retained and id(p) not in planned)


# ---------------------------------------------------------------- rooms


LOAD_WARNING = Decimal("0.8")   # from this load on, a room is nearly full (the heat map's « 80 à 100 % »)


def load_level(attendance: int | None, capacity: int) -> str:
    """``good`` under 80 %, ``warn`` from 80 to 100 % included, ``bad`` over 100 %, ``unknown`` without a figure.

    >>> load_level(23, 30), load_level(24, 30), load_level(30, 30), load_level(31, 30), load_level(None, 30)
    ('good', 'warn', 'warn', 'bad', 'unknown')
    """
    if attendance is None or capacity <= 0:
        return "unknown"
    load = Decimal(attendance) / Decimal(capacity)
    return "good" if load < LOAD_WARNING else "warn" if load <= 1 else "bad"


def round_load(load: Decimal) -> float:
    return float(load.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def conflicts(sessions: tuple[Session, ...]) -> list[tuple[Session, Session]]:
    """Pairs of sessions in one room on one day whose [Début, Fin) intervals overlap."""
    by_room: dict[tuple[str, date], list[Session]] = {}
    for s in sessions:
        by_room.setdefault((s.room, s.day), []).append(s)
    pairs = []
    for group in by_room.values():
        group.sort(key=lambda s: s.start)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if b.start >= a.end:
                    break
                pairs.append((a, b))
    return pairs


def overbooked(sessions: tuple[Session, ...]) -> tuple[Session, ...]:
    return tuple(s for s in sessions if s.attendance is not None and s.attendance > s.capacity)


@dataclass(frozen=True)
class RoomSummary:
    rooms: int
    sessions: int
    overbooked: int
    conflicts: int
    max_load: float | None


def room_summary(rooms: tuple[Room, ...], sessions: tuple[Session, ...]) -> RoomSummary:
    loads = [s.load for s in sessions if s.load is not None]
    return RoomSummary(len(rooms), len(sessions), len(overbooked(sessions)), len(conflicts(sessions)),
                       round_load(max(loads)) if loads else None)


class FreeRooms:
    """Free rooms for many questions about one planning: the planning is indexed once.

    Sessions are grouped by (day, room) and rooms sorted by capacity, so a question looks at the
    big-enough rooms only and at each one's own sessions, and the caller can stop at the first
    answer. With ``needs``, only the rooms meeting them (``unmet_needs`` empty) are looked at; that
    list is made once per list of needs. Building it is linear in sessions; the Salles page asks
    one question per alert.
    """

    def __init__(self, rooms: tuple[Room, ...], sessions: tuple[Session, ...]):
        # Only reservable rooms are ever suggested (a buffet hall is not); stable: the tab's order on ties.
        self._rooms = sorted((r for r in rooms if r.reservable), key=lambda r: r.capacity)
        self._by_needs: dict[tuple[str, ...], tuple[list[Room], list[int]]] = {
            (): (self._rooms, [r.capacity for r in self._rooms])}
        self._busy: dict[tuple[date, str], list[tuple[int, int]]] = {}
        for s in sessions:
            self._busy.setdefault((s.day, s.room), []).append((s.start, s.end))

    def _candidates(self, needs: tuple[str, ...]) -> tuple[list[Room], list[int]]:
        if needs not in self._by_needs:
            meeting = [r for r in self._rooms if not unmet_needs(r, needs)]
            self._by_needs[needs] = (meeting, [r.capacity for r in meeting])
        return self._by_needs[needs]

    def find(self, day: date, start: int, end: int, people: int | None, exclude: str = "",
             needs: tuple[str, ...] = ()) -> Iterator[Room]:
        """Rooms available on ``day``, free over [start, end), big enough for ``people`` (and meeting
        ``needs``), other than ``exclude``: smallest first (the Salles tab's order on ties), one at a time."""
        rooms, capacities = self._candidates(needs)
        first = 0 if people is None else bisect_left(capacities, people)
        for room in rooms[first:]:
            if room.name == exclude or day not in room.days:
                continue
            if any(s_start < end and start < s_end for s_start, s_end in self._busy.get((day, room.name), ())):
                continue
            yield room


# Equipment a room can be checked for, by the stem that names it in a Besoins or Équipements cell.
# Other needs ("espace dégagé", "tables en îlots") are free text a room list cannot answer.
EQUIPMENT_STEMS = ("videoprojecteur", "projecteur", "ecran", "sono", "micro", "enceinte", "paperboard",
                   "tableau", "prise", "wifi", "internet", "ordinateur")


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    key = normalize(text)
    return frozenset(stem for stem in EQUIPMENT_STEMS if stem in key)


@lru_cache(maxsize=4096)
def _equipment(equipment: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(_stems(e) for e in equipment))


def unmet_needs(room: Room, needs: tuple[str, ...]) -> list[str]:
    """The needs (a proposal's Besoins) that ``room`` does not meet: accessibility, or known equipment.

    A need is checked when it names accessibility (``PMR``, ``accessible``) or equipment of
    ``EQUIPMENT_STEMS`` (a « vidéoprojecteur » is found in « vidéoprojecteur, sono »); other
    free-text needs are left to people.
    """
    has = _equipment(room.equipment)
    out = []
    for need in needs:
        key = normalize(need)
        if "pmr" in key or "accessib" in key:
            if not room.accessible:
                out.append(need)
        elif (wanted := _stems(need)) and not wanted <= has:
            out.append(need)
    return out


def room_mismatches(rooms: tuple[Room, ...], sessions: tuple[Session, ...]) -> list[tuple[Session, str]]:
    """Sessions whose proposal needs what the room lacks (``unmet_needs``), one pair per unmet need."""
    by_name = {r.name: r for r in rooms}
    out = []
    for s in sessions:
        room = by_name.get(s.room)
        if room is None or s.proposal is None:
            continue
        out.extend((s, need) for need in unmet_needs(room, s.proposal.needs))
    return out


# ---------------------------------------------------------------- lodging


@dataclass(frozen=True)
class NightLodging:
    need: int
    need_pmr: int
    offered: int
    offered_pmr: int
    covered: int
    coverage: float

    @property
    def missing(self) -> int:
        return self.need - self.covered

    @property
    def missing_pmr(self) -> int:
        return max(0, self.need_pmr - self.offered_pmr)


def lodging_for_night(participants: tuple[Participant, ...], offers: tuple[Offer, ...], night: date) -> NightLodging:
    """Need, offer and the most people that can be placed, an accessible need only in an accessible offer."""
    guests = [p for p in participants if p.is_registered and p.needs_lodging and night in p.nights]
    need_pmr = sum(1 for p in guests if p.pmr)
    need_other = len(guests) - need_pmr
    open_offers = [o for o in offers if o.counts and night in o.nights]
    acc = sum(o.places for o in open_offers if o.accessible)
    other = sum(o.places for o in open_offers if not o.accessible)
    placed_pmr = min(need_pmr, acc)
    covered = placed_pmr + min(need_other, acc - placed_pmr + other)
    need = len(guests)
    coverage = 1.0 if need == 0 else float((Decimal(covered) / Decimal(need)).quantize(Decimal("0.001"), ROUND_HALF_UP))
    return NightLodging(need, need_pmr, acc + other, acc, covered, coverage)


def lodging_by_night(participants, offers, settings: Settings) -> dict[date, NightLodging]:
    return {night: lodging_for_night(participants, offers, night) for night in settings.nights}


def offers_by_type(offers: tuple[Offer, ...]) -> dict[str, int]:
    """Places offered (propose or confirme) by lodging type, every type listed."""
    totals = _zeros(schema.LODGING_TYPES)
    for o in offers:
        if o.counts:
            totals[o.type] += o.places
    return totals


# ---------------------------------------------------------------- meals


def meal_forecast(registered: int, no_show_rate: Decimal) -> int:
    """⌈registered × (1 − rate)⌉, exact: 150 × (1 − 18 %) = 123."""
    return math.ceil(Decimal(registered) * (Decimal(1) - Decimal(no_show_rate)))


@dataclass(frozen=True)
class DayMeals:
    registered: int
    forecast: int
    diets: dict[str, int]
    allergies: int
    allergens: dict[str, int]


def meals_for_day(participants: tuple[Participant, ...], day: date, no_show_rate: Decimal) -> DayMeals:
    eaters = [p for p in participants if p.is_registered and day in p.meals]
    allergens = {g: 0 for g in [*schema.ALLERGENS, "autre"]} | Counter(a for p in eaters for a in p.allergens)
    return DayMeals(
        registered=len(eaters),
        forecast=meal_forecast(len(eaters), no_show_rate),
        diets=_zeros(schema.DIETS) | Counter(d for p in eaters for d in p.diets),
        allergies=sum(1 for p in eaters if p.has_allergy),
        allergens=allergens,
    )


def meals_by_day(participants, settings: Settings) -> dict[date, DayMeals]:
    return {day: meals_for_day(participants, day, settings.no_show_rate) for day in settings.days}


def attendance_by_day(participants: tuple[Participant, ...], settings: Settings) -> dict[date, int]:
    """Registered participants present each forum day."""
    return {day: sum(1 for p in participants if p.is_registered and day in p.days) for day in settings.days}


def rooms_in_use(sessions: tuple[Session, ...]) -> list[dict]:
    """Per day and time slot: the rooms in use and the people expected (unknown attendance apart)."""
    slots: dict[tuple[date, int, int], dict] = {}
    for s in sorted(sessions, key=lambda s: (s.day, s.start, s.room)):
        slot = slots.setdefault((s.day, s.start, s.end), {"day": s.day, "start": s.start, "end": s.end,
                                                          "rooms": [], "people": 0, "unknown": 0})
        slot["rooms"].append(s.room)
        if s.attendance is None:
            slot["unknown"] += 1
        else:
            slot["people"] += s.attendance
    return list(slots.values())
