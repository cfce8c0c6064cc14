"""The room plan's rules (docs/interface.md, rules 1–3): what to place, how many slots, which needs a room answers;
and what a plan is made of (``Placement``, ``Unplaced``, ``RoomPlan``).

>>> needs = checked_needs(("Vidéoprojecteur", "accessible PMR", "tables en îlots"))
>>> [(item, access, sorted(words)) for item, access, words in needs]
[('Vidéoprojecteur', False, ['projecteur', 'videoprojecteur']), ('accessible PMR', True, [])]
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from forum_data.model import Proposal, Room, Session
from forum_data.values import normalize     # memoised: the same few Porteurs and Équipements recur


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


EQUIPMENT_WORDS = ("videoprojecteur", "projecteur", "ecran", "sono", "micro", "enceinte", "paperboard",
                   "tableau", "prise", "wifi", "internet", "ordinateur")


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


def overlaps(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def slots_hit(slots: tuple[tuple[int, int], ...], start: int, end: int) -> set[int]:
    return {i for i, (a, b) in enumerate(slots) if overlaps(a, b, start, end)}


