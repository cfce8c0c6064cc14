"""plans/lodging: hand-solved workbooks, every unplaced code, and the rules and optimum on random forums."""
from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forum_data import metrics
from forum_data.model import Offer, Participant, Settings, Tables
from forum_data.plans.lodging import CODES, plan_json, plan_lodging
from forum_data.places import RowRef
from forum_data.views.lodging import night_sentence
from tests.builders import forum
from tests.workbooks import GUESTS, OFFERS, guest, offer

N2, N3 = date(2024, 7, 2), date(2024, 7, 3)


def plan_of(guests, offers, seconds=10.0):
    f = forum(participants=[GUESTS, *guests], hebergements=[OFFERS, *offers])
    return f, plan_lodging(f.tables, seconds=seconds)


def where(plan) -> dict[str, str]:
    return {s.guest.name: s.offer.name for s in plan.placed}


def reasons(plan) -> dict[str, str]:
    return {u.guest.name: u.code for u in plan.unplaced}


def said(unplaced) -> str:
    """The message with plain spaces (offer names sit between « and » with no-break spaces)."""
    return unplaced.message.replace("\u00a0", " ")


# -- hand-solved workbooks --------------------------------------------------------------------------

def test_plan_no_split_when_the_night_count_says_everyone_is_lodged():
    # Ana stays both nights; « Nord » has a place on the 2nd only, « Sud » on the 3rd only. Each night the
    # count says 1 need, 1 place: everyone lodged. One place for both nights: nobody.
    f, plan = plan_of([guest("Ana")], [offer("Nord", 1, "2 juillet"), offer("Sud", 1, "3 juillet")])
    nights = metrics.lodging_by_night(f.tables.participants, f.tables.offers, f.settings)
    assert [night_sentence(n, v).split(" : ")[1][:22] for n, v in nights.items()] == ["tout le monde est logé"] * 2
    assert plan.placed == () and reasons(plan) == {"Ana": "no_offer_all_nights"}
    assert plan.per_night_bound == {N2: 1, N3: 1} and plan.optimal
    assert "«\u00a0Nord\u00a0»" in plan.unplaced[0].message
    assert said(plan.unplaced[0]) == (
        "Aucune offre n'est disponible les deux nuits ; en changeant de lieu la seconde nuit, cette personne "
        "serait logée : « Nord » la nuit du 2 au 3 juillet, puis « Sud » la nuit du 3 au 4 juillet.")


def test_plan_pmr_guest_first_even_for_fewer_guest_nights():
    # One accessible place, both nights. Bob (not PMR, both nights: 2 guest-nights) registered first;
    # Chloé (PMR, one night: 1 guest-night). PMR guests placed come first: Chloé gets it.
    _, plan = plan_of([guest("Bob", on="01/04/2024"), guest("Chloé", "3 juillet", pmr="oui", on="02/04/2024")],
                      [offer("Accessible", 1, accessible="oui")])
    assert where(plan) == {"Chloé": "Accessible"} and reasons(plan) == {"Bob": "full"}
    assert plan_json(plan)["objective"] == {"pmr_placed": 1, "guest_nights": 1, "confirmed_guest_nights": 0,
                                            "guests_placed": 1}


def test_plan_complet_and_retire_offers_are_ignored():
    _, plan = plan_of([guest("Ana")], [offer("Plein", 5, status="complet"), offer("Parti", 5, status="retiré"),
                                       offer("Inconnu", 5, status="peut-être")])
    assert plan.offers == () and reasons(plan) == {"Ana": "no_offer_all_nights"}
    assert said(plan.unplaced[0]) == ("Aucune offre n'est disponible les deux nuits ; même en changeant de lieu "
                                        "entre les nuits, aucune place n'est libre la nuit du 2 au 3 juillet ni la "
                                        "nuit du 3 au 4 juillet.")


def test_plan_confirmed_offers_preferred():
    # Same places, same nights; « Confirmée » comes second in the sheet but is confirmed: it takes Ana (2 nights).
    _, plan = plan_of([guest("Ana")], [offer("Proposée", 1), offer("Confirmée", 1, status="confirmé")])
    assert where(plan) == {"Ana": "Confirmée"}
    assert plan.objective.confirmed_guest_nights == 2
    assert [(u.offer.name, u.guests_by_night) for u in plan.offers] == [("Proposée", {N2: 0, N3: 0}),
                                                                        ("Confirmée", {N2: 1, N3: 1})]


def test_plan_most_guest_nights_before_most_guests():
    # Two places on the 2nd, one of them also on the 3rd... « Lit » has 1 place both nights: either Ana (2 nights)
    # or Bob and nobody else; Ana's 2 guest-nights win over Bob's 1.
    _, plan = plan_of([guest("Bob", "2 juillet", on="01/04/2024"), guest("Ana", on="02/04/2024")], [offer("Lit", 1)])
    assert where(plan) == {"Ana": "Lit"} and reasons(plan) == {"Bob": "full"}


def test_plan_first_registered_first_among_equals():
    _, plan = plan_of([guest("Tard", on="20/05/2024"), guest("Tôt", on="02/04/2024"), guest("Sans date")],
                      [offer("Lit", 1)])
    assert where(plan) == {"Tôt": "Lit"}
    assert [u.guest.name for u in plan.unplaced] == ["Tard", "Sans date"]


def test_plan_guests_are_registered_distinct_and_within_the_event():
    _, plan = plan_of([guest("Ana", email="ana@example.org"), guest("Ana bis", email="ANA@example.org"),  # duplicate
                       guest("Parti", status="annulé"), ["Sans besoin", "s@example.org", "non", "", "", "", ""],
                       guest("Hors forum", "5 juillet"), guest("Blanc", nights="")],
                      [offer("Grand", 10)])
    assert sorted(where(plan)) == ["Ana bis", "Blanc"] and plan.unplaced == ()
    assert [g.nights for g in plan.guests] == [(N2, N3), (N2, N3)]


@pytest.mark.parametrize("guests, offers, code, message", [
    ([guest("Paul", pmr="oui")], [offer("Étage", 3)], "no_accessible_offer",
     "Aucune offre accessible (PMR) n'est disponible les deux nuits ; même en changeant de lieu entre les nuits, "
     "aucune place accessible n'est libre la nuit du 2 au 3 juillet ni la nuit du 3 au 4 juillet."),
    ([guest("Paul", pmr="oui")], [offer("Rdc 2", 1, "2 juillet", "oui"), offer("Rdc 3", 1, "3 juillet", "oui")],
     "no_accessible_offer",
     "Aucune offre accessible (PMR) n'est disponible les deux nuits ; en changeant de lieu la seconde nuit, cette "
     "personne serait logée : « Rdc 2 » la nuit du 2 au 3 juillet, puis « Rdc 3 » la nuit du 3 au 4 juillet."),
    ([guest("Paul", "3 juillet", pmr="oui")], [offer("Rdc", 1, "2 juillet", "oui")], "no_accessible_offer",
     "Aucune offre accessible (PMR) n'est disponible la nuit du 3 au 4 juillet."),
    ([guest("Léa", "3 juillet")], [offer("Nord", 2, "2 juillet")], "no_offer_all_nights",
     "Aucune offre n'est disponible la nuit du 3 au 4 juillet."),
    ([guest("Ana", on="01/04/2024"), guest("Léa", on="02/04/2024")], [offer("Lit", 1)], "full",
     "La seule offre disponible les deux nuits (« Lit ») est complète dans ce plan ; même en changeant de lieu "
     "entre les nuits, aucune place n'est libre la nuit du 2 au 3 juillet ni la nuit du 3 au 4 juillet."),
    ([guest("Ana", on="01/04/2024"), guest("Léa", on="02/04/2024"), guest("Zoé", on="03/04/2024")],
     [offer("A", 1), offer("B", 1, status="confirmé"), offer("C", 1, "2 juillet"), offer("D", 1, "3 juillet"),
      offer("E", 1, "3 juillet")], "full",
     "Les offres disponibles les deux nuits (« A » et « B ») sont complètes dans ce plan ; en changeant de lieu la "
     "seconde nuit, cette personne serait logée : « C » la nuit du 2 au 3 juillet, puis « D » la nuit du 3 au 4 "
     "juillet."),
    ([guest("Ana", pmr="oui", on="01/04/2024"), guest("Paul", pmr="oui", on="02/04/2024")],
     [offer("Rdc", 1, accessible="oui"), offer("Étage", 4)], "full",
     "La seule offre accessible disponible les deux nuits (« Rdc ») est complète dans ce plan ; même en changeant "
     "de lieu entre les nuits, aucune place accessible n'est libre la nuit du 2 au 3 juillet ni la nuit du 3 au 4 "
     "juillet."),
])
def test_plan_unplaced_code_and_message(guests, offers, code, message):
    _, plan = plan_of(guests, offers)
    assert [(u.code, said(u)) for u in plan.unplaced] == [(code, message)]


def test_plan_split_suggestions_never_share_a_place():
    # Three two-night guests, no two-night offer; one free place each night: only the first gets a route.
    _, plan = plan_of([guest("A", on="01/04/2024"), guest("B", on="02/04/2024"), guest("C", on="03/04/2024")],
                      [offer("Nord", 1, "2 juillet"), offer("Sud", 1, "3 juillet")])
    assert ["serait logée" in u.message for u in plan.unplaced] == [True, False, False]
    assert [[(n, o.name) for n, o in u.route] for u in plan.unplaced] == [[(N2, "Nord"), (N3, "Sud")], [], []]


def test_plan_on_the_sample_lodges_fewer_than_the_night_count():
    from forum_data.forum import load_forum

    plan = plan_lodging(load_forum().tables)
    assert plan.optimal and plan.seconds < 1
    assert plan.per_night_bound == {N2: 25, N3: 23}
    assert {n: plan.lodged_on(n) for n in plan.nights} == {N2: 21, N3: 21}
    # 30 guests, 3 PMR; the one accessible two-night offer (Chez Yvonne, 2 places) takes two PMR guests.
    assert (len(plan.guests), plan.objective.pmr_placed, plan.objective.guests_placed) == (30, 2, 25)
    assert sorted(reasons(plan).values()) == ["full"] * 5


def test_plan_json_keys_and_types_follow_plans_md():
    _, plan = plan_of([guest("Ana"), guest("Paul", "3 juillet", pmr="oui")],
                      [offer("Lit", 1, status="confirmé"), offer("Rdc", 1, "2 juillet", "oui", kind="auberge")])
    document = plan_json(plan)
    assert list(document) == ["plan", "placed", "unplaced", "offers", "objective", "per_night_bound", "optimal",
                              "solve_seconds"]
    assert document["plan"] == "hebergement"
    assert document["placed"] == [{"guest": "Ana", "offer": "Lit", "nights": ["2024-07-02", "2024-07-03"],
                                   "pmr": False}]
    assert [{k: v for k, v in u.items() if k != "message"} for u in document["unplaced"]] == [
        {"guest": "Paul", "nights": ["2024-07-03"], "pmr": True, "code": "no_accessible_offer"}]
    assert document["offers"] == [
        {"offer": "Lit", "type": "habitant", "status": "confirme", "places": 1, "accessible": False,
         "guests_by_night": {"2024-07-02": 1, "2024-07-03": 1}},
        {"offer": "Rdc", "type": "auberge", "status": "propose", "places": 1, "accessible": True,
         "guests_by_night": {"2024-07-02": 0}}]
    assert document["objective"] == {"pmr_placed": 0, "guest_nights": 2, "confirmed_guest_nights": 2,
                                     "guests_placed": 1}
    assert document["per_night_bound"] == {"2024-07-02": 1, "2024-07-03": 1}
    assert document["optimal"] is True and isinstance(document["solve_seconds"], float)


def test_plan_json_holds_no_personal_value():
    _, plan = plan_of([guest("Ana", email="ana.secret@example.org")], [offer("Lit", 1)])
    text = repr(plan_json(plan))
    assert not any(secret in text for secret in ("secret@", "Secrète", "06 00", "Contact Secret"))


def test_plan_with_no_guest_and_no_offer_is_a_plan():
    _, plan = plan_of([], [])
    assert (plan.placed, plan.unplaced, plan.offers, plan.optimal) == ((), (), (), True)
    assert plan_json(plan)["objective"] == {"pmr_placed": 0, "guest_nights": 0, "confirmed_guest_nights": 0,
                                            "guests_placed": 0}


# -- random forums: every rule, and the optimum on tiny ones --------------------------------------

NIGHTS = (N2, N3, date(2024, 7, 4))


@st.composite
def small_forums(draw, most_guests=8, most_offers=4):
    nights = NIGHTS[: draw(st.integers(1, 3))]
    subsets = [c for k in range(len(nights) + 1) for c in itertools.combinations(nights, k)]
    participants = tuple(
        Participant(f"P{i}", "", "participant", (), (), ("omnivore",), False, (), draw(st.booleans()),
                    draw(st.sampled_from(subsets)), draw(st.booleans()), draw(st.sampled_from(["inscrit", "annule"])),
                    None, RowRef(i + 2))
        for i in range(draw(st.integers(0, most_guests))))
    offers = tuple(
        Offer(f"O{j}", "habitant", draw(st.integers(1, 3)), draw(st.sampled_from(subsets)), "", None,
              draw(st.booleans()), draw(st.sampled_from(["propose", "confirme", "complet", None])), RowRef(j + 2))
        for j in range(draw(st.integers(0, most_offers))))
    return Tables(participants=participants, offers=offers, settings=Settings(nights=nights))


def check_rules(tables: Tables, plan) -> None:
    guests = [p for p in tables.participants if p.is_registered and p.needs_lodging and p.nights]
    assert len(plan.guests) == len(guests)
    assert sorted(g.ref.row for g in plan.guests) == sorted(
        [s.guest.ref.row for s in plan.placed] + [u.guest.ref.row for u in plan.unplaced])
    for stay in plan.placed:                                   # rules 1, 2, 4
        assert stay.offer.counts and set(stay.guest.nights) <= set(stay.offer.nights)
        assert stay.offer.accessible or not stay.guest.pmr
    for use in plan.offers:                                    # rule 3, and what the offers list says
        for night in tables.settings.nights:
            here = sum(1 for s in plan.placed if s.offer is use.offer and night in s.guest.nights)
            assert here <= use.offer.places
            assert use.guests_by_night.get(night, here) == here
        assert set(use.guests_by_night) == set(use.offer.nights) & set(tables.settings.nights)
    assert [u.offer for u in plan.offers] == [o for o in tables.offers if o.counts]
    for u in plan.unplaced:
        fitting = [o for o in tables.offers if o.counts and set(u.guest.nights) <= set(o.nights)]
        accessible = [o for o in fitting if o.accessible]
        expected = ("no_accessible_offer" if u.guest.pmr and not accessible
                    else "no_offer_all_nights" if not fitting else "full")
        assert u.code == expected and u.code in CODES and u.message.endswith(".")
    # The changes of place suggested: each night of the stay, a fitting offer, within the places left free.
    taken = {}
    for s in plan.placed:
        for night in s.guest.nights:
            taken[id(s.offer), night] = taken.get((id(s.offer), night), 0) + 1
    for u in plan.unplaced:
        assert [night for night, _ in u.route] in ([], list(u.guest.nights))
        assert ("serait logée" in u.message) == (len({id(o) for _, o in u.route}) > 1)
        for night, o in u.route:
            assert o.counts and night in o.nights and (o.accessible or not u.guest.pmr)
            taken[id(o), night] = taken.get((id(o), night), 0) + 1
            assert taken[id(o), night] <= o.places
    bound = metrics.lodging_by_night(tables.participants, tables.offers, tables.settings)
    assert plan.per_night_bound == {n: v.covered for n, v in bound.items()}
    o = plan.objective
    assert (o.pmr_placed, o.guest_nights, o.confirmed_guest_nights, o.guests_placed) == (
        sum(s.guest.pmr for s in plan.placed), sum(len(s.guest.nights) for s in plan.placed),
        sum(len(s.guest.nights) for s in plan.placed if s.offer.status == "confirme"), len(plan.placed))


def brute_force_optimum(tables: Tables) -> tuple[int, int, int]:
    """Every assignment of every guest to one fitting offer or none; the lexicographic best objective."""
    guests = [(tuple(sorted(p.nights)), p.pmr) for p in tables.participants
              if p.is_registered and p.needs_lodging and p.nights]
    offers = [o for o in tables.offers if o.counts]
    choices = [[None] + [j for j, o in enumerate(offers) if set(n) <= set(o.nights) and (o.accessible or not pmr)]
               for n, pmr in guests]
    best = (0, 0, 0)
    for assignment in itertools.product(*choices):
        load = {}
        for (nights, _), j in zip(guests, assignment):
            for night in nights if j is not None else ():
                load[j, night] = load.get((j, night), 0) + 1
        if any(count > offers[j].places for (j, _), count in load.items()):
            continue
        value = (sum(1 for (_, pmr), j in zip(guests, assignment) if j is not None and pmr),
                 sum(len(n) for (n, _), j in zip(guests, assignment) if j is not None),
                 sum(len(n) for (n, _), j in zip(guests, assignment) if j is not None and offers[j].status == "confirme"))
        best = max(best, value)
    return best


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_forums())
def test_plan_keeps_every_rule_on_random_forums(tables):
    plan = plan_lodging(tables, seconds=10)
    assert plan.optimal
    check_rules(tables, plan)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_forums(most_guests=5, most_offers=3))
def test_plan_objective_is_the_brute_force_optimum_on_tiny_forums(tables):
    plan = plan_lodging(tables, seconds=10)
    check_rules(tables, plan)
    o = plan.objective
    assert (o.pmr_placed, o.guest_nights, o.confirmed_guest_nights) == brute_force_optimum(tables)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_forums())
def test_plan_stopped_by_the_time_limit_still_keeps_every_rule(tables):
    plan = plan_lodging(tables, seconds=1e-4)
    check_rules(tables, plan)
    assert plan.optimal or plan.seconds < 1


def test_plan_is_deterministic():
    f, first = plan_of([guest(f"G{i}", on=f"{i + 1:02d}/04/2024") for i in range(6)] + [guest("P", pmr="oui")],
                       [offer("A", 2), offer("B", 2, "2 juillet"), offer("C", 1, "3 juillet", "oui")])
    again = plan_lodging(f.tables)
    assert {k: v for k, v in plan_json(first).items() if k != "solve_seconds"} == {
        k: v for k, v in plan_json(again).items() if k != "solve_seconds"}


def test_plan_on_three_nights_changes_place_between_the_nights():
    f = forum(participants=[GUESTS, guest("Ana", nights="")],
              hebergements=[OFFERS, offer("Nord", 1, "2 et 3 juillet"), offer("Sud", 1, "4 juillet")],
              parametres=[["Paramètre", "Valeur"], ["Nuits", "2 juillet 2024, 3 juillet 2024, 4 juillet 2024"]])
    plan = plan_lodging(f.tables)
    assert plan.nights == (N2, N3, date(2024, 7, 4)) and reasons(plan) == {"Ana": "no_offer_all_nights"}
    assert said(plan.unplaced[0]) == (
        "Aucune offre n'est disponible les 3 nuits de son séjour ; en changeant de lieu entre les nuits, cette personne serait "
        "logée : « Nord » la nuit du 2 au 3 juillet et la nuit du 3 au 4 juillet, puis « Sud » la nuit du 4 au 5 "
        "juillet.")
