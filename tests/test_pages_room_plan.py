"""Salles, « Proposer un planning », through the frame (AppTest): the button, the plan, names per role.

The workbook: one day, two slots (9 h 30 – 11 h, 11 h – 12 h 30); Salle A (30 places) holds the
plenary at 9 h 30, the hall (100 places) is not reservable. « Atelier vélo » (20 people, 60 min,
wished on 3 July) can only go to Salle A at 11 h: 11 h – 12 h, 10 empty seats. « Grand débat »
(80 people) fits only the hall: no_room.
"""
from __future__ import annotations

import pytest

from tests.apptest import PASSWORDS, figures, open_page, texts

TABS = {
    "Paramètres": [["Paramètre", "Valeur"], ["Jours du forum", "03/07/2024"], ["Créneaux", "9h30-11h, 11h-12h30"]],
    "Activités": [["Titre", "Porteur", "Durée", "Participants attendus", "Jour souhaité", "Besoins", "Statut"],
                  ["Atelier vélo", "Ana Kerbrat", "60", "20", "03/07/2024", "", "retenue"],
                  ["Grand débat", "Bea Le Roux", "90", "80", "", "", "retenue"],
                  ["Plénière", "Comité", "90", "25", "", "", "programmée"]],
    "Salles": [["Salle", "Capacité", "Réservable"], ["Salle A", "30", ""], ["Hall", "100", "non"]],
    "Planning": [["Jour", "Début", "Fin", "Salle", "Activité"], ["03/07/2024", "9h30", "11h", "Salle A", "Plénière"]],
}
HEADLINE = ("1 proposition placée sur 2 (dont 1 le jour souhaité), 10 places vides parmi les séances dont "
            "l'affluence est connue : c'est le meilleur possible.")


def unescaped(text: str) -> str:
    return text.replace("\\", "")


def ask(at):
    at.button(key="room_plan_button").click().run()
    assert not at.exception, at.exception
    return at


def plan_frames(at) -> list:
    return [df.value for df in at.dataframe if "Jour souhaité" in df.value.columns]


def test_the_plan_is_solved_only_when_asked(isolated, monkeypatch):
    at = open_page(monkeypatch, isolated, TABS, "pages/salles.py", PASSWORDS["comite"])
    assert "Proposer un planning" in [s.value for s in at.subheader]
    assert not plan_frames(at) and not at.get("download_button")
    assert figures(at) == []                                       # the page opens on « À régler »


def test_committee_sees_the_plan_titles_porteurs_heat_map_reasons_and_files(isolated, monkeypatch):
    at = ask(open_page(monkeypatch, isolated, TABS, "pages/salles.py", PASSWORDS["comite"]))
    assert [unescaped(s.value) for s in at.success][-1] == HEADLINE
    [frame] = plan_frames(at)
    assert frame.to_dict("records") == [{"Jour": "Mercredi 3 juillet", "Horaire": "11 h – 12 h", "Salle": "Salle A",
                                         "Places": 30, "Attendus": "20", "Jour souhaité": "oui",
                                         "Activité": "Atelier vélo", "Porteur": "Ana Kerbrat"}]
    [proposed] = figures(at)                                       # the plan's heat map (« À régler » is open)
    assert proposed["layout"]["title"]["text"].startswith("Planning proposé, mercredi 3 juillet")
    heat = proposed["data"][0]
    assert heat["x"] == ["9 h 30", "11 h"] and heat["y"] == ["Salle A", "Hall"]
    assert heat["text"][0] == ["25<br>/ 30", "+ 20<br>/ 30"] and heat["z"][0] == [1, 4]   # 25 / 30: 80 to 100 %
    assert "Proposé : «\u00a0Atelier vélo\u00a0»" in heat["hovertext"][0][1]
    assert proposed["data"][-1]["name"] == "proposé (pas encore au planning)"
    reasons = unescaped(" ".join(m.value for m in at.markdown))
    assert "«\u00a0Grand débat\u00a0» (Bea Le Roux) :orange-badge[aucune salle]  \nAucune salle de 80 places ; la plus grande, " \
           "Salle A, compte 30 places" in reasons
    assert "«\u00a0Hall\u00a0» conviendrait, mais elle est marquée non réservable" in reasons
    assert [d.proto.label for d in at.get("download_button")] == ["Séances proposées (CSV)", "Séances proposées (Excel)"]


def test_volunteers_see_titles_without_porteurs(isolated, monkeypatch):
    at = ask(open_page(monkeypatch, isolated, TABS, "pages/salles.py", PASSWORDS["benevole"]))
    [frame] = plan_frames(at)
    assert "Porteur" not in frame.columns and list(frame["Activité"]) == ["Atelier vélo"]
    shown = " ".join(texts(at))
    assert "Grand débat" in shown and "Bea Le Roux" not in shown and "Ana Kerbrat" not in shown
    assert len(at.get("download_button")) == 2


def test_the_city_does_not_see_the_section(isolated, monkeypatch):
    at = open_page(monkeypatch, isolated, TABS, "pages/salles.py", PASSWORDS["ville"])
    assert "Proposer un planning" not in " ".join(texts(at))


def test_public_access_sees_the_counts_only(isolated, monkeypatch):
    at = ask(open_page(monkeypatch, isolated, TABS, "pages/salles.py"))    # a real source, no [access]
    assert [unescaped(s.value) for s in at.success][-1] == HEADLINE
    assert not plan_frames(at) and not at.get("download_button")
    shown = " ".join(texts(at))
    assert "Atelier vélo" not in unescaped(" ".join(m.value for m in at.markdown))
    assert "1 proposition non placée" in shown and "Grand débat" not in unescaped(" ".join(m.value for m in at.markdown))


@pytest.mark.parametrize("password", [PASSWORDS["comite"]])
def test_the_plan_stays_after_another_rerun(isolated, monkeypatch, password):
    at = ask(open_page(monkeypatch, isolated, TABS, "pages/salles.py", password))
    at.run()                                                          # e.g. a click elsewhere on the page
    assert len(plan_frames(at)) == 1
