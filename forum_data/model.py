"""The validated tables: one frozen dataclass per row kind, free of personal values.

E-mails, phones, addresses, contacts and allergy text stay in the validation layer: these
rows only keep what figures need (an allergy is a flag and its allergen groups).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from forum_data.places import RowRef
from forum_data.schema import LodgingStatus, MemberStatus, ProposalStatus, RegistrationStatus

DEFAULT_DAYS = (date(2024, 7, 3), date(2024, 7, 4))
DEFAULT_NIGHTS = (date(2024, 7, 2), date(2024, 7, 3))
# Paramètres « créneaux »: the time slots of every forum day, (start, end) in minutes since midnight.
DEFAULT_SLOTS = ((570, 660), (660, 750), (840, 930), (960, 1050))


@dataclass(frozen=True)
class Settings:
    """The Paramètres tab, defaults included (docs/classeur.md)."""

    threshold: int = 20
    deadline: date = date(2024, 3, 31)
    days: tuple[date, ...] = DEFAULT_DAYS
    nights: tuple[date, ...] = DEFAULT_NIGHTS
    no_show_rate: Decimal = Decimal("0.1")
    reference_date: date | None = None
    slots: tuple[tuple[int, int], ...] = DEFAULT_SLOTS

    @property
    def year(self) -> int:
        return self.days[0].year if self.days else 2024


@dataclass(frozen=True)
class Member:
    name: str
    structure: str
    city: str
    joined: date | None
    roles: tuple[str, ...]
    status: str
    ref: RowRef

    @property
    def is_active(self) -> bool:
        """An active member: the one the viability threshold counts."""
        return self.status == MemberStatus.ACTIF


@dataclass(frozen=True)
class Partner:
    name: str
    type: str
    themes: tuple[str, ...]
    contributions: tuple[str, ...]
    status: str
    ref: RowRef


@dataclass(frozen=True)
class Proposal:
    title: str
    leader: str
    themes: tuple[str, ...]
    format: str
    duration: int | None
    attendance: int | None
    day: date | None
    needs: tuple[str, ...]
    status: str
    proposed_on: date | None
    ref: RowRef

    @property
    def is_live(self) -> bool:
        """Not cancelled: counted by theme and format, matched by the Planning."""
        return self.status != ProposalStatus.ANNULEE

    @property
    def is_retained(self) -> bool:
        """Retained for the programme (retenue or programmée)."""
        return self.status in (ProposalStatus.RETENUE, ProposalStatus.PROGRAMMEE)


@dataclass(frozen=True)
class Room:
    name: str
    building: str
    capacity: int
    accessible: bool
    equipment: tuple[str, ...]
    days: tuple[date, ...]
    ref: RowRef
    reservable: bool = True     # Réservable: non for a buffet hall or a corridor, never suggested


@dataclass(frozen=True)
class Session:
    """A planning row. Times are minutes since midnight; ``attendance`` None means unknown."""

    day: date
    start: int
    end: int
    room: str
    activity: str
    proposal: Proposal | None
    attendance: int | None
    capacity: int
    ref: RowRef

    @property
    def load(self) -> Decimal | None:
        if self.attendance is None:
            return None
        return Decimal(self.attendance) / Decimal(self.capacity)


@dataclass(frozen=True)
class Participant:
    name: str
    structure: str
    profile: str
    days: tuple[date, ...]
    meals: tuple[date, ...]
    diets: tuple[str, ...]
    has_allergy: bool
    allergens: tuple[str, ...]
    needs_lodging: bool
    nights: tuple[date, ...]
    pmr: bool
    status: str
    registered_on: date | None
    ref: RowRef

    @property
    def is_registered(self) -> bool:
        return self.status != RegistrationStatus.ANNULE


@dataclass(frozen=True)
class Offer:
    name: str
    type: str
    places: int
    nights: tuple[date, ...]
    district: str
    price: Decimal | None
    accessible: bool
    status: str | None
    ref: RowRef

    @property
    def counts(self) -> bool:
        """Its places count when it is offered (propose) or confirmed."""
        return self.status in (LodgingStatus.PROPOSE, LodgingStatus.CONFIRME)


@dataclass(frozen=True)
class RowCount:
    read: int = 0
    used: int = 0
    rejected: int = 0


@dataclass(frozen=True)
class Tables:
    """Every validated table (empty tuples for a missing or unusable tab)."""

    members: tuple[Member, ...] = ()
    partners: tuple[Partner, ...] = ()
    proposals: tuple[Proposal, ...] = ()
    rooms: tuple[Room, ...] = ()
    sessions: tuple[Session, ...] = ()
    participants: tuple[Participant, ...] = ()
    offers: tuple[Offer, ...] = ()
    settings: Settings = field(default_factory=Settings)
