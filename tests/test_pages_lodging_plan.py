"""« Qui loger où » on the Hébergement page (AppTest): the button, what each role sees, the files."""
from __future__ import annotations

import csv
import io

import pytest

from tests.apptest import PASSWORDS, dashboard, open_page, texts
from ui.lodging_plan import BUTTON

PAGE = "pages/hebergement.py"
TABS = {
    "Participants": [["Nom", "Prénom", "Email", "Téléphone", "Hébergement", "Nuits", "PMR", "Date d'inscription"],
                     ["Martin", "Alice", "alice@example.org", "06 12 12 12 12", "oui", "les deux nuits", "", "01/04/2024"],
                     ["Le Goff", "Bruno", "bruno@example.org", "", "oui", "les deux nuits", "", "02/04/2024"],
                     ["Coat", "Yann", "yann@example.org", "", "oui", "3 juillet", "oui", "03/04/2024"]],
    "Hébergements": [["Nom", "Type", "Places", "Nuits", "Accessible PMR", "Statut", "Adresse", "Contact"],
                     ["Chez Soizic", "chez l'habitant", "1", "", "non", "confirmé", "2 rue Cachée", "Soizic Hamon"],
                     ["Auberge du Port", "auberge", "1", "2 juillet", "non", "proposé", "quai Caché", "Accueil"],
                     ["Camping du Lac", "camping", "1", "3 juillet", "non", "proposé", "route Cachée", "Accueil"]],
}


def solve(at):
    at.button(key=BUTTON).click().run()
    assert not at.exception, at.exception
    return at


def frames(at) -> list:
    return [frame.value for frame in at.main.dataframe]


def test_plan_waits_for_the_button_then_stays(isolated):
    at = dashboard().run()
    at.switch_page(PAGE).run()
    assert "Qui loger où" in [h.value for h in at.header]
    assert [b.label for b in at.main.button] == ["Calculer le plan d'hébergement"]
    assert not any("personnes logées" in t for t in texts(at, sidebar=False))
    solve(at)
    assert all(b.key != BUTTON for b in at.main.button)
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("25 personnes logées sur 30") for w in warnings)
    assert any(w.startswith("Sans changer de lieu entre deux nuits, le plan loge moins de personnes que le décompte "
                            "nuit par nuit : 21 au lieu de 25 la nuit du 2 au 3 juillet") for w in warnings)
    at.run()                                   # a rerun (another widget, a download) keeps the plan
    assert any(w.value.startswith("25 personnes logées sur 30") for w in at.warning)


def test_plan_for_the_committee_names_guests_and_offers(isolated, monkeypatch):
    at = solve(open_page(monkeypatch, isolated, TABS, PAGE, PASSWORDS["comite"]))
    offers, guests = frames(at)[:2]      # the page's own offers tables come after the section
    assert list(offers["Offre"]) == ["Chez Soizic", "Auberge du Port", "Camping du Lac"]
    # Alice and Bruno stay both nights, Soizic alone has a place both nights: Alice, registered first.
    assert list(offers["Nuit du 2 au 3 juillet"]) == ["1/1", "0/1", "—"]
    assert list(offers["Nuit du 3 au 4 juillet"]) == ["1/1", "—", "0/1"]
    assert guests.to_dict("records") == [
        {"Offre": "Chez Soizic", "Personne": "Alice Martin", "Nuit du 2 au 3 juillet": "✓", "Nuit du 3 au 4 juillet": "✓"}]
    shown = "\n".join(texts(at, sidebar=False))
    assert "Yann Coat" in shown and "Aucune offre accessible \\(PMR\\) n'est disponible" in shown
    assert ("« Auberge du Port » la nuit du 2 au 3 juillet, puis « Camping du Lac » la nuit du 3 au 4 juillet"
            in shown.replace("\\", "").replace("\u00a0", " "))
    downloads = at.main.get("download_button")
    assert [d.proto.label for d in downloads] == ["Plan d'hébergement (Excel)", "Plan d'hébergement (CSV)"]


def test_plan_for_volunteers_counts_without_names(isolated, monkeypatch):
    at = solve(open_page(monkeypatch, isolated, TABS, PAGE, PASSWORDS["benevole"]))
    shown = "\n".join(texts(at, sidebar=False)) + "".join(f.to_csv() for f in frames(at))
    for name in ("Alice", "Bruno", "Yann", "Soizic", "Auberge du Port", "Camping du Lac"):
        assert name not in shown
    reasons = frames(at)[1]
    assert reasons.to_dict("records") == [
        {"Raison": "Aucune offre accessible (PMR) disponible toutes ses nuits", "Personnes": 1, "dont PMR": 1},
        {"Raison": "Offres complètes", "Personnes": 1, "dont PMR": 0}]
    assert at.main.get("download_button") == []


def test_plan_is_not_shown_to_the_city(isolated, monkeypatch):
    at = open_page(monkeypatch, isolated, TABS, PAGE, PASSWORDS["ville"])
    assert "Qui loger où" not in [h.value for h in at.header]
    assert all(b.key != BUTTON for b in at.main.button)


@pytest.mark.parametrize("tabs", [{"Collectif": [["Nom", "Statut"], ["Ana", "actif"]]},
                                  {"Participants": TABS["Participants"]}])
def test_plan_without_guests_or_offers_says_so(isolated, monkeypatch, tabs):
    at = solve(open_page(monkeypatch, isolated, tabs, PAGE, PASSWORDS["comite"]))
    shown = texts(at, sidebar=False)
    assert any(t.startswith(("Personne n'a besoin", "0 personne logée sur 3")) for t in shown)
