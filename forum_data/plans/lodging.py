"""The lodging plan of docs/interface.md: who sleeps where, one offer for all of a guest's nights.

Guests are the registered participants (not annulé) who need lodging on at least one event
night; offers are the Hébergements rows whose places count (propose, confirme). Rules, all hard:
one offer for every night of a guest's stay, available each of those nights, at most its Places
guests a night, a PMR guest only in an accessible offer. Objectives, in order: PMR guests placed,
guest-nights placed, guest-nights in confirmed offers.

Guests with the same nights and the same PMR need are interchangeable, so the program counts
them per (kind of guest, offer) instead of deciding each guest alone: a handful of whole
variables per offer, whatever the number of guests (a 100× forum solves as fast as the sample).
The counts are then handed out to the guests of each kind in order of registration (date
d'inscription, then row): at equal merit, the first registered is lodged first.

>>> from forum_data.forum import load_forum
>>> plan = plan_lodging(load_forum().tables)
>>> plan.optimal, len(plan.placed) + len(plan.unplaced) == len(plan.guests)
(True, True)
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from forum_data import fr, metrics
from forum_data.model import Offer, Participant, Tables
from forum_data.plans.solver import BinaryProgram, solve
from forum_data.schema import LodgingStatus
from forum_data.places import RowRef

CODES = ("no_accessible_offer", "no_offer_all_nights", "full")


@dataclass(frozen=True)
class Guest:
    """A participant to lodge: name as written, event nights (sorted), PMR need."""

    name: str
    nights: tuple[date, ...]
    pmr: bool
    registered_on: date | None
    ref: RowRef

    @property
    def kind(self) -> tuple[tuple[date, ...], bool]:
        """What makes two guests interchangeable for the plan."""
        return self.nights, self.pmr


@dataclass(frozen=True)
class Stay:
    """A guest placed in one offer for all of their nights."""

    guest: Guest
    offer: Offer


@dataclass(frozen=True)
class Unplaced:
    """A guest left without a place, with the reason's code and a French sentence.

    ``route`` is the change of place the sentence suggests, (night, offer) for each of their
    nights, in places the plan leaves free and no other suggestion takes; empty when there is none.
    """

    guest: Guest
    code: str
    message: str
    route: tuple[tuple[date, Offer], ...] = ()


@dataclass(frozen=True)
class OfferUse:
    """A counted offer, its event nights, and how many guests the plan puts there each of them."""

    offer: Offer
    nights: tuple[date, ...]
    guests_by_night: dict[date, int]


@dataclass(frozen=True)
class Objective:
    pmr_placed: int
    guest_nights: int
    confirmed_guest_nights: int
    guests_placed: int


@dataclass(frozen=True)
class LodgingPlan:
    nights: tuple[date, ...]
    guests: tuple[Guest, ...]
    placed: tuple[Stay, ...]
    unplaced: tuple[Unplaced, ...]
    offers: tuple[OfferUse, ...]
    objective: Objective
    per_night_bound: dict[date, int]
    optimal: bool
    seconds: float

    def lodged_on(self, night: date) -> int:
        """Guests the plan lodges that night."""
        return sum(1 for stay in self.placed if night in stay.guest.nights)


def lodging_guests(participants: tuple[Participant, ...], nights: tuple[date, ...]) -> tuple[Guest, ...]:
    """Registered participants with Hébergement = oui and at least one event night, first registered first."""
    event = set(nights)
    guests = []
    for p in participants:
        if not (p.needs_lodging and p.is_registered):
            continue
        stay = tuple(sorted(set(p.nights) & event))
        if stay:
            guests.append(Guest(p.name, stay, p.pmr, p.registered_on, p.ref))
    return tuple(sorted(guests, key=lambda g: (g.registered_on is None, g.registered_on or date.min)))


def counted_offers(offers: tuple[Offer, ...]) -> tuple[Offer, ...]:
    """The offers whose places count (propose, confirme), in workbook order."""
    return tuple(o for o in offers if o.counts)


def _offer_nights(offer: Offer, nights: tuple[date, ...]) -> tuple[date, ...]:
    return tuple(n for n in nights if n in set(offer.nights))


def _fits(offer: Offer, nights: tuple[date, ...], pmr: bool) -> bool:
    """The offer may take this kind of guest: available every night, accessible for a PMR guest."""
    return set(nights) <= set(offer.nights) and (offer.accessible or not pmr)


def _counts(kinds: dict, offers: tuple[Offer, ...], nights: tuple[date, ...], seconds: float):
    """Solve the program: {(kind, offer index): guests of that kind placed there}, optimal, seconds."""
    program = BinaryProgram()
    x: dict[tuple, int] = {}
    by_offer: dict[int, list[tuple]] = {}
    for kind, size in kinds.items():
        for j, offer in enumerate(offers):
            if _fits(offer, *kind):
                x[kind, j] = program.variable(upper=min(size, offer.places))
                by_offer.setdefault(j, []).append(kind)
    for kind, size in kinds.items():                       # rule 1: each guest at most once
        program.at_most({v: 1 for (k, _), v in x.items() if k == kind}, size)
    for j, offer in enumerate(offers):                     # rule 3: places per night
        for night in nights:
            program.at_most({x[k, j]: 1 for k in by_offer.get(j, ()) if night in k[0]}, offer.places)
    program.maximise({v: 1 for (k, _), v in x.items() if k[1]})
    program.maximise({v: len(k[0]) for (k, _), v in x.items()})
    program.maximise({v: len(k[0]) for (k, j), v in x.items() if offers[j].status == LodgingStatus.CONFIRME})
    solution = solve(program, seconds)
    return {key: solution.values[v] for key, v in x.items() if solution.values[v]}, solution.optimal, solution.seconds


def plan_lodging(tables: Tables, seconds: float = 10.0) -> LodgingPlan:
    """The best lodging plan within ``seconds`` (docs/interface.md), with a reason for every guest left out."""
    nights = tuple(sorted(tables.settings.nights))
    guests = lodging_guests(tables.participants, nights)
    offers = counted_offers(tables.offers)
    kinds = dict(sorted(Counter(g.kind for g in guests).items(), key=lambda item: (not item[0][1], item[0][0])))
    counts, optimal, took = _counts(kinds, offers, nights, seconds)
    # Hand the counts out by position (two rows may read alike): guest i, offer j.
    placed: list[tuple[int, int]] = []
    left: list[int] = []
    for kind in kinds:
        waiting = [i for i, g in enumerate(guests) if g.kind == kind]
        first = 0
        for j in range(len(offers)):
            taken = counts.get((kind, j), 0)
            placed += [(i, j) for i in waiting[first:first + taken]]
            first += taken
        left += waiting[first:]
    placed.sort(key=lambda stay: (stay[1], stay[0]))
    stays = tuple(Stay(guests[i], offers[j]) for i, j in placed)
    hosted: dict[int, list[Guest]] = {}
    for i, j in placed:
        hosted.setdefault(j, []).append(guests[i])
    uses = tuple(_use(offer, nights, hosted.get(j, [])) for j, offer in enumerate(offers))
    left.sort(key=lambda i: (not guests[i].pmr, i))        # the PMR guests' changes of place first
    reasons = dict(zip(left, _reasons([guests[i] for i in left], offers, uses)))
    bound = {night: lodging.covered
             for night, lodging in metrics.lodging_by_night(tables.participants, tables.offers, tables.settings).items()}
    objective = Objective(
        pmr_placed=sum(1 for s in stays if s.guest.pmr),
        guest_nights=sum(len(s.guest.nights) for s in stays),
        confirmed_guest_nights=sum(len(s.guest.nights) for s in stays if s.offer.status == LodgingStatus.CONFIRME),
        guests_placed=len(stays))
    return LodgingPlan(nights, guests, stays, tuple(reasons[i] for i in sorted(reasons)), uses, objective, bound,
                       optimal, took)


def _use(offer: Offer, nights: tuple[date, ...], here: list[Guest]) -> OfferUse:
    available = _offer_nights(offer, nights)
    return OfferUse(offer, available, {n: sum(1 for g in here if n in g.nights) for n in available})


# ---------------------------------------------------------------- why not lodged


def _stay_text(nights: tuple[date, ...]) -> str:
    """« la nuit du 2 au 3 juillet », « les deux nuits », « les 3 nuits de son séjour »."""
    if len(nights) == 1:
        return f"la {fr.night(nights[0])}"
    return "les deux nuits" if len(nights) == 2 else f"les {len(nights)} nuits de son séjour"


def _full_text(fitting: list[Offer], stay: str, pmr: bool) -> str:
    """« La seule offre disponible … (« A ») est complète », « Les offres … (« A » et « B ») sont complètes »,
    beyond three offers only their number."""
    if len(fitting) == 1:
        accessible = " accessible" if pmr else ""
        return f"La seule offre{accessible} disponible {stay} ({fr.quote(fitting[0].name)}) est complète dans ce plan"
    accessible = " accessibles" if pmr else ""
    if len(fitting) > 3:
        return f"Les {len(fitting)} offres{accessible} disponibles {stay} sont complètes dans ce plan"
    quoted = [fr.quote(o.name) for o in fitting]
    return (f"Les offres{accessible} disponibles {stay} ({', '.join(quoted[:-1])} et {quoted[-1]}) "
            "sont complètes dans ce plan")


class _FreePlaces:
    """The places the plan leaves free, per offer and night, and per night in all (accessible ones apart)."""

    def __init__(self, offers: tuple[Offer, ...], uses: tuple[OfferUse, ...]):
        self.offers = offers
        self.free = {(j, n): use.offer.places - count for j, use in enumerate(uses)
                     for n, count in use.guests_by_night.items()}
        self.total: Counter = Counter()
        for (j, night), places in self.free.items():
            self.total[night, False] += places
            self.total[night, True] += places if offers[j].accessible else 0

    def short_nights(self, guest: Guest) -> list[date]:
        """The guest's nights with no free place they could take."""
        return [n for n in guest.nights if self.total[n, guest.pmr] <= 0]

    def route(self, guest: Guest) -> list[tuple[date, int]]:
        """One offer a night with a free place (the previous night's if it has one); takes those places.

        Only called when every night has one (``short_nights`` is empty).
        """
        chosen: list[tuple[date, int]] = []
        for night in guest.nights:
            open_ = [j for j, o in enumerate(self.offers)
                     if self.free.get((j, night), 0) > 0 and (o.accessible or not guest.pmr)]
            previous = chosen[-1][1] if chosen else None
            chosen.append((night, previous if previous in open_ else open_[0]))
        for night, j in chosen:
            self.free[j, night] -= 1
            self.total[night, False] -= 1
            self.total[night, True] -= 1 if self.offers[j].accessible else 0
        return chosen


def _split_text(guest: Guest, free: _FreePlaces) -> tuple[str, tuple[tuple[date, Offer], ...]]:
    """What changing place between nights would do, with the places the plan leaves free (and takes them)."""
    short = free.short_nights(guest)
    if short:
        accessible = " accessible" if guest.pmr else ""
        return (f"même en changeant de lieu entre les nuits, aucune place{accessible} n'est libre "
                + " ni ".join(f"la {fr.night(n)}" for n in short)), ()
    route = free.route(guest)
    legs: list[tuple[int, list[date]]] = []
    for night, j in route:
        if legs and legs[-1][0] == j:
            legs[-1][1].append(night)
        else:
            legs.append((j, [night]))
    moves = tuple((night, free.offers[j]) for night, j in route)
    if len(legs) == 1:   # only when the solver was stopped before proving its plan
        return f"une place reste pourtant libre toutes ses nuits : {fr.quote(free.offers[legs[0][0]].name)}", moves
    where = ", puis ".join(f"{fr.quote(free.offers[j].name)} " + " et ".join(f"la {fr.night(n)}" for n in stay)
                           for j, stay in legs)
    change = "la seconde nuit" if len(guest.nights) == 2 else "entre les nuits"
    return f"en changeant de lieu {change}, cette personne serait logée : {where}", moves


def _reasons(left: list[Guest], offers: tuple[Offer, ...], uses: tuple[OfferUse, ...]) -> list[Unplaced]:
    """The code and sentence of each guest left out; the suggested changes of place never share a bed."""
    free = _FreePlaces(offers, uses)
    found = []
    fits: dict[tuple, list[Offer]] = {}
    for guest in left:
        stay = _stay_text(guest.nights)
        if guest.kind not in fits:
            fits[guest.kind] = [o for o in offers if _fits(o, guest.nights, guest.pmr)]
        fitting = fits[guest.kind]
        if guest.pmr and not fitting:
            code, text = "no_accessible_offer", f"Aucune offre accessible (PMR) n'est disponible {stay}"
        elif not fitting:
            code, text = "no_offer_all_nights", f"Aucune offre n'est disponible {stay}"
        else:
            code, text = "full", _full_text(fitting, stay, guest.pmr)
        route: tuple[tuple[date, Offer], ...] = ()
        if len(guest.nights) > 1:
            split, route = _split_text(guest, free)
            text += " ; " + split
        found.append(Unplaced(guest, code, text + ".", route))
    return found


# ---------------------------------------------------------------- the contract's JSON


def plan_json(plan: LodgingPlan) -> dict:
    """The ``plan hebergement --json`` document of docs/interface.md (names only: nothing personal)."""
    return {
        "plan": "hebergement",
        "placed": [{"guest": s.guest.name, "offer": s.offer.name, "nights": [n.isoformat() for n in s.guest.nights],
                    "pmr": s.guest.pmr} for s in plan.placed],
        "unplaced": [{"guest": u.guest.name, "nights": [n.isoformat() for n in u.guest.nights], "pmr": u.guest.pmr,
                      "code": u.code, "message": u.message} for u in plan.unplaced],
        "offers": [{"offer": u.offer.name, "type": u.offer.type, "status": u.offer.status, "places": u.offer.places,
                    "accessible": u.offer.accessible,
                    "guests_by_night": {n.isoformat(): c for n, c in u.guests_by_night.items()}} for u in plan.offers],
        "objective": {"pmr_placed": plan.objective.pmr_placed, "guest_nights": plan.objective.guest_nights,
                      "confirmed_guest_nights": plan.objective.confirmed_guest_nights,
                      "guests_placed": plan.objective.guests_placed},
        "per_night_bound": {n.isoformat(): c for n, c in plan.per_night_bound.items()},
        "optimal": plan.optimal,
        "solve_seconds": round(plan.seconds, 3),
    }
