"""views/lodging_plan: who sees what, the sentences, the tables and the committee's files."""
from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from forum_data.plans.lodging import plan_lodging
from forum_data.privacy import PUBLIC, ROLES
from forum_data.views import lodging_plan as views
from tests.builders import forum
from tests.workbooks import GUESTS, OFFERS, guest, offer


def plan_of(guests, offers):
    return plan_lodging(forum(participants=[GUESTS, *guests], hebergements=[OFFERS, *offers]).tables)


# Ana and Bob both nights, Paul (PMR) the 3rd; « Lit » 1 place both nights (confirmed), « Nord » the 2nd, « Sud » the 3rd.
PLAN_GUESTS = [guest("Ana", on="01/04/2024"), guest("Bob", on="02/04/2024"), guest("Paul", "3 juillet", pmr="oui")]
PLAN_OFFERS = [offer("Lit", 1, status="confirmé"), offer("Nord", 1, "2 juillet", kind="auberge"),
               offer("Sud", 1, "3 juillet", kind="camping")]


@pytest.mark.parametrize("role, expected", [(ROLES["comite"], "names"), (ROLES["benevole"], "counts"),
                                            (PUBLIC, "counts"), (ROLES["ville"], None)])
def test_audience_by_role(role, expected):
    assert views.audience(role) == expected


def test_sentences_when_the_plan_lodges_fewer_than_the_night_count():
    plan = plan_of(PLAN_GUESTS, PLAN_OFFERS)
    assert views.summary_sentence(plan) == ("1 personne logée sur 3 sans changer de lieu entre deux nuits (0 PMR sur 1), "
                                            "soit 2 nuitées dont 2 dans des offres confirmées.")
    assert views.bound_sentence(plan) == (
        "Sans changer de lieu entre deux nuits, le plan loge moins de personnes que le décompte nuit par nuit : "
        "1 au lieu de 2 la nuit du 2 au 3 juillet, 1 au lieu de 2 la nuit du 3 au 4 juillet. Les autres ne trouvent "
        "pas une même offre libre toutes leurs nuits (voir « Sans place »).")
    assert views.status_sentence(plan).startswith("Plan optimal, calculé en ")


def test_sentences_when_everyone_is_lodged():
    plan = plan_of([guest("Ana"), guest("Léa", "2 juillet")], [offer("Grand", 2)])
    assert views.summary_sentence(plan) == ("2 personnes logées sur 2 sans changer de lieu entre deux nuits, soit "
                                            "3 nuitées dont 0 dans des offres confirmées.")
    assert views.bound_sentence(plan) is None


def test_sentences_with_nobody_to_lodge():
    plan = plan_of([], [offer("Grand", 2)])
    assert views.summary_sentence(plan).startswith("Personne n'a besoin d'un hébergement")
    assert views.bound_sentence(plan) is None


def test_offers_frame_names_only_for_the_committee():
    plan = plan_of(PLAN_GUESTS, PLAN_OFFERS)
    committee, volunteers = views.offers_frame(plan, names=True), views.offers_frame(plan, names=False)
    assert committee.to_dict("records")[0] == {"Offre": "Lit", "Type": "Chez l'habitant", "Statut": "Confirmé",
                                               "PMR": "non", "Places": 1, "Nuit du 2 au 3 juillet": "1/1",
                                               "Nuit du 3 au 4 juillet": "1/1"}
    assert list(volunteers.columns) == ["Type", "Statut", "PMR", "Places", "Nuit du 2 au 3 juillet",
                                        "Nuit du 3 au 4 juillet"]
    assert list(volunteers["Nuit du 2 au 3 juillet"]) == ["1/1", "0/1", "—"]
    assert list(volunteers["Nuit du 3 au 4 juillet"]) == ["1/1", "—", "0/1"]


def test_guests_unplaced_and_reasons_frames():
    plan = plan_of(PLAN_GUESTS, PLAN_OFFERS)
    assert views.guests_frame(plan).to_dict("records") == [
        {"Offre": "Lit", "Personne": "Ana", "Nuit du 2 au 3 juillet": "✓", "Nuit du 3 au 4 juillet": "✓"}]
    unplaced = views.unplaced_frame(plan)
    assert list(unplaced["Personne"]) == ["Bob", "Paul"]
    assert list(unplaced["Nuits"]) == ["les deux nuits", "nuit du 3 au 4 juillet"]
    assert unplaced["Raison"][0].replace("\u00a0", " ").endswith("cette personne serait logée : « Nord » la nuit du 2 au 3 juillet, puis "
                                          "« Sud » la nuit du 3 au 4 juillet.")
    assert views.reasons_frame(plan).to_dict("records") == [
        {"Raison": "Aucune offre accessible (PMR) disponible toutes ses nuits", "Personnes": 1, "dont PMR": 1},
        {"Raison": "Offres complètes", "Personnes": 1, "dont PMR": 0}]


def test_plan_downloads_hold_offer_type_guest_nights_only():
    plan = plan_of(PLAN_GUESTS, PLAN_OFFERS)
    xlsx, csv_file = views.plan_downloads(plan, 2024)
    assert (xlsx.file_name, csv_file.file_name) == ("forum-2024-plan-hebergement.xlsx", "forum-2024-plan-hebergement.csv")
    rows = list(csv.reader(io.StringIO(csv_file.data.decode("utf-8-sig")), delimiter=";"))
    assert rows == [["Offre", "Type", "Personne", "Nuits"],
                    ["Lit", "Chez l'habitant", "Ana", "nuit du 2 au 3 juillet ; nuit du 3 au 4 juillet"],
                    ["Sans place", "", "Bob", "nuit du 2 au 3 juillet ; nuit du 3 au 4 juillet"],
                    ["Sans place", "", "Paul", "nuit du 3 au 4 juillet"]]
    sheet = load_workbook(io.BytesIO(xlsx.data))["Plan d'hébergement"]
    assert [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)] == rows
    text = csv_file.data.decode("utf-8-sig")
    assert not any(secret in text for secret in ("@example.org", "Secrète", "06 00", "Contact Secret"))


def test_plan_text_for_the_terminal():
    plan = plan_of(PLAN_GUESTS, PLAN_OFFERS)
    lines = views.plan_text(plan).splitlines()
    assert lines[0] == "Plan d'hébergement"
    assert "Offre  Type                 Statut    PMR  Places  Nuit du 2 au 3 juillet  Nuit du 3 au 4 juillet" in lines
    assert "Lit    Chez l'habitant      Confirmé  non  1       1/1                     1/1" in lines
    assert "Sud    Camping              Proposé   non  1       —                       0/1" in lines
    assert "Ana       Lit    les deux nuits" in lines
    assert lines[-3] == "Sans place (2)"
    assert lines[-1] == ("- Paul (nuit du 3 au 4 juillet) : Aucune offre accessible (PMR) n'est disponible la nuit "
                         "du 3 au 4 juillet.")
