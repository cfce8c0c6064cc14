"""Scaled workbooks for the benchmark: the sample's shape, ``scale`` times its size, deterministic.

    .venv/bin/python bench/workbooks.py 10 /tmp/forum-10x     # CSV folder + forum-10x.xlsx
    .venv/bin/python bench/workbooks.py 1000 /tmp/small-1000 --small   # issue 14's « small forum »

``build(scale)`` returns ``{tab title: rows of cell text}`` (header first), coherent with the
contract (workbook.md): ``scale`` × 26 collective members, 15 partners, 41 proposals, 10 rooms,
25 planning sessions (each in a real room, each but a few naming a real proposal title), 152
registrations (days, meals, diets, allergies, nights, accessibility) and 20 lodging offers. At
100× that is 15,200 participants, 4,100 proposals, 2,500 sessions and 1,000 rooms.
``build(scale, SMALL)`` is issue 14's « small forum » instead: per 1×, 14 registrations, 16
proposals, 12 sessions, 7 rooms, 20 members, 10 partners and 10 offers (at 1000×: 14,000
participants, 16,000 proposals, 12,000 sessions, 7,000 rooms), drawn the same way.

Everything is drawn with ``random.Random(SEED + scale)`` from the sample generator's lists
(``forum_data/sample/make_sample.py``: names, structures, allergies, and its way of writing a
registration row the many ways volunteers write one), so two runs give the same bytes. Typical
volunteer mistakes recur at a steady rate (a duplicate member every 50, a duplicate registration
every 60, a capacity written ``30 places``, and in every 25 planning rows an unknown room, an end
before the start and a session naming no proposal), so that validation does its real work.

``write_csv(rows, folder)`` writes one UTF-8 CSV per tab; ``write_xlsx(rows, path)`` one
.xlsx whose whole-number cells are typed numbers (as a spreadsheet stores them) and the rest
text, ``write_ods(rows, path)`` the same as .ods; ``sheets_tabs(rows)`` the same typed cells for
the Google Sheets emulator.
"""
from __future__ import annotations

import csv
import datetime as dt
import random
import re
import sys
from pathlib import Path
from typing import NamedTuple

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from forum_data.sample import make_sample as sample  # noqa: E402 - its lists and row writer

SEED = 6000


class Shape(NamedTuple):
    """Data rows per tab at 1× (before the duplicates the generator adds)."""

    members: int
    partners: int
    proposals: int
    rooms: int
    sessions: int
    participants: int
    offers: int


SAMPLE = Shape(members=26, partners=15, proposals=41, rooms=10, sessions=25, participants=152, offers=20)
SMALL = Shape(members=20, partners=10, proposals=16, rooms=7, sessions=12, participants=14, offers=10)

_INTEGER = re.compile(r"[1-9]\d{0,8}|0")
_SLOTS = ((9 * 60 + 30, 10 * 60 + 30), (11 * 60, 12 * 60 + 30), (14 * 60, 15 * 60 + 30),
          (16 * 60, 17 * 60 + 30), (9 * 60 + 30, 11 * 60), (14 * 60, 15 * 60))
_ROLES = ["logistique", "communication", "animation", "accueil", "hébergement", "partenariats",
          "programmation", "documentation"]
_MEMBER_STATUS = [("actif", 10), ("", 3), ("active", 2), ("ok", 1), ("intéressée", 2), ("à confirmer", 1),
                  ("retiré", 1)]
_PARTNER_STATUS = [("confirmé", 4), ("en discussion", 3), ("contacté", 2), ("", 2), ("décliné", 1)]
_PARTNER_TYPES = ["association", "Collectivité", "entreprise", "université", "réseau", "média", "autre"]
_CONTRIBUTIONS = ["salle", "communication", "intervenant", "financement", "matériel", "bénévoles"]
_ROOM_EQUIPMENT = ["vidéoprojecteur, sono", "paperboard", "vidéoprojecteur, paperboard", "tables mobiles",
                   "vidéoprojecteur, sono, micros HF", "prises électriques, tables"]


def _when(rng: random.Random, start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, days))


def _date_text(rng: random.Random, day: dt.date) -> str:
    return sample.pick(rng, [(day.strftime("%d/%m/%Y"), 6), (day.isoformat(), 2),
                             (f"{day.day} {['février', 'mars', 'avril', 'mai', 'juin', 'juillet'][day.month - 2]}", 1)])


def _members(rng: random.Random, rows_count: int) -> list[list[str]]:
    rows = [list(sample.COLLECTIF_HEADER)]
    for i in range(rows_count):
        first, last = rng.choice(sample.FIRST_F + sample.FIRST_M), rng.choice(sample.SURNAMES)
        email = f"{sample.ascii_slug(first)}.{sample.ascii_slug(last)}.m{i}@example.org"
        roles = ", ".join(rng.sample(_ROLES, rng.randint(0, 2)))
        rows.append([last, first, email, sample.fake_phone(rng), rng.choice(sample.STRUCTURES + [""] * 5),
                     rng.choice(["Brest", "Plouzané", "Guipavas", "Landerneau", "Rennes"]),
                     _date_text(rng, _when(rng, dt.date(2024, 2, 1), 58)), roles,
                     sample.pick(rng, _MEMBER_STATUS), ""])
        if i % 50 == 49:  # the same person signs up again (same e-mail, other case): a duplicate
            again = list(rows[-1])
            again[2] = email.upper()
            rows.append(again)
    return rows


def _partners(rng: random.Random, rows_count: int) -> list[list[str]]:
    rows = [list(sample.PARTENAIRES_HEADER)]
    for i in range(rows_count):
        base = sample.PARTENAIRES[i % len(sample.PARTENAIRES)]
        rows.append([f"{base[0]} ({i // len(sample.PARTENAIRES) + 1})", rng.choice(_PARTNER_TYPES), base[2],
                     ", ".join(rng.sample(_CONTRIBUTIONS, rng.randint(1, 3))), sample.pick(rng, _PARTNER_STATUS),
                     base[5]])
    return rows


def _proposals(rng: random.Random, rows_count: int) -> list[list[str]]:
    rows = [list(sample.ACTIVITES_HEADER)]
    for i in range(rows_count):
        base = list(sample.ACTIVITES[i % len(sample.ACTIVITES)])
        copy = i // len(sample.ACTIVITES)
        if copy:
            base[0] = f"{base[0]} — session {copy + 1}"
        base[4] = rng.choice(["60", "90", "90", "1h30", "120"])
        base[5] = sample.pick(rng, [(str(rng.randint(10, 60)), 8), ("", 2), ("env. 30", 1)])
        base[8] = sample.pick(rng, [("programmée", 6), ("retenue", 2), ("proposée", 2), ("annulée", 1)])
        base[9] = _date_text(rng, _when(rng, dt.date(2024, 2, 15), 100))
        rows.append(base)
    return rows


def _rooms(rng: random.Random, rows_count: int) -> list[list[str]]:
    rows = [list(sample.SALLES_HEADER)]
    for i in range(rows_count):
        capacity = sample.pick(rng, [(str(rng.choice([30, 40, 60, 80, 120, 250])), 20), ("30 places", 1)])
        rows.append([f"Salle {chr(65 + i % 6)} {i:04d}", f"Bâtiment {chr(65 + i % 6)}", capacity,
                     sample.pick(rng, [("oui", 4), ("non", 2), ("x", 1), ("", 1)]), rng.choice(_ROOM_EQUIPMENT),
                     sample.pick(rng, [("", 6), ("les deux jours", 1), ("3 juillet", 1), ("4 juillet", 1)])])
    return rows


def _sessions(rng: random.Random, rows_count: int, rooms: list[list[str]], proposals: list[list[str]]) -> list[list[str]]:
    rows = [list(sample.PLANNING_HEADER)]
    names = [r[0] for r in rooms[1:]]
    titles = [r[0] for r in proposals[1:] if r[8] != "annulée"]
    for i in range(rows_count):
        day = sample.DAYS[i % 2]
        start, end = _SLOTS[(i // 2) % 4]
        room = names[(i * 7 + i // len(names)) % len(names)]   # spread over every room
        title = titles[i % len(titles)]
        jour = sample.pick(rng, [(day.strftime("%d/%m/%Y"), 5), (f"{day.day} juillet", 2),
                                 ("mercredi" if day.day == 3 else "jeudi", 1)])
        debut = f"{start // 60}h{start % 60:02d}" if start % 60 else f"{start // 60}h"
        fin = sample.pick(rng, [(f"{end // 60}:{end % 60:02d}", 6), ("", 2)])
        people = sample.pick(rng, [("", 6), (str(rng.randint(10, 90)), 3)])
        if i % 25 == 12:
            room = "Salle Ouessant"                      # unknown room: rejected
        elif i % 25 == 17:
            fin = f"{start // 60 - 1}h"                  # ends before it starts: rejected
        elif i % 25 == 20:
            title = "Plénière"                           # names no proposal
            people = str(rng.randint(100, 400))           # probably overbooked
        rows.append([jour, debut, fin, room, sample.pick(rng, [(title, 8), (title.lower(), 1)]), people])
    return rows


def _participants(rng: random.Random, rows_count: int) -> list[list[str]]:
    rows = [list(sample.PARTICIPANTS_HEADER)]
    taken: set[str] = set()
    diets = (["vegetarien"] * 20 + ["vegan"] * 4 + ["sans_gluten"] * 2 + ["sans_porc"] * 2 + ["halal"] * 2
             + ["vegetarien+sans_gluten", "sans_lactose"] + ["omnivore"] * 70)
    for i in range(rows_count):
        nights = sample.pick(rng, [(None, 80), ("both", 10), ("n2", 4), ("n3", 4)])
        days = set(sample.DAYS) if nights in ("both", "n3") else {sample.DAYS[0]} if nights == "n2" else (
            set(rng.choice([sample.DAYS[:1], sample.DAYS[1:], sample.DAYS, sample.DAYS])))
        meals = set(days) if rng.random() < 0.9 else set()
        p = dict(last=rng.choice(sample.SURNAMES), first=rng.choice(sample.FIRST_F + sample.FIRST_M),
                 profile=sample.pick(rng, [("participant", 80), ("intervenant", 8), ("benevole", 8), ("ville", 4)]),
                 nights=nights, structure=rng.choice(sample.STRUCTURES) if rng.random() < 0.45 else "",
                 status="annule" if rng.random() < 0.04 else "inscrit", pmr=rng.random() < 0.03,
                 days=days, meals=meals, diet=rng.choice(diets),
                 allergy=rng.choice(sample.ALLERGIES) if rng.random() < 0.05 else None,
                 date=_when(rng, dt.date(2024, 4, 2), 80),
                 email=f"{sample.ascii_slug(rng.choice(sample.FIRST_F))}.p{i}@example.org")
        taken.add(p["email"])
        rows.append(sample.render_participant(rng, p, taken))
        if i % 60 == 59:  # registered twice: an early partial row, the later one wins
            early = list(rows[-1])
            early[7], early[8] = "", ""
            rows.insert(len(rows) - 1, early)
    return rows


def _offers(rng: random.Random, rows_count: int) -> list[list[str]]:
    rows = [list(sample.HEBERGEMENTS_HEADER)]
    for i in range(rows_count):
        base = list(sample.HEBERGEMENTS[i % len(sample.HEBERGEMENTS)])
        base[0] = f"{base[0]} ({i // len(sample.HEBERGEMENTS) + 1})"
        base[2] = str(rng.randint(1, 6))
        rows.append(base)
    return rows


def build(scale: int, shape: Shape = SAMPLE) -> dict[str, list[list[str]]]:
    """Every tab at ``scale`` times ``shape`` (the sample's by default; see the module docstring)."""
    rng = random.Random(SEED + scale)
    proposals = _proposals(rng, shape.proposals * scale)
    rooms = _rooms(rng, shape.rooms * scale)
    return {
        "Collectif": _members(rng, shape.members * scale),
        "Partenaires": _partners(rng, shape.partners * scale),
        "Activités": proposals,
        "Salles": rooms,
        "Planning": _sessions(rng, shape.sessions * scale, rooms, proposals),
        "Participants": _participants(rng, shape.participants * scale),
        "Hébergements": _offers(rng, shape.offers * scale),
        "Paramètres": [list(r) for r in sample.PARAMETRES],
    }


def sample_tabs() -> dict[str, list[list[str]]]:
    """The bundled sample itself (the CSV files), as rows of cell text."""
    tabs = {}
    for file in sorted((REPO / "forum_data" / "sample").glob("*.csv")):
        with open(file, encoding="utf-8", newline="") as handle:
            tabs[file.stem] = list(csv.reader(handle))
    return tabs


def write_csv(tabs: dict[str, list[list[str]]], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for title, rows in tabs.items():
        with open(folder / f"{title}.csv", "w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows(rows)
    return folder


def typed(cell: str):
    """A whole number as a number (what a spreadsheet stores when one types 120), else the text."""
    return int(cell) if _INTEGER.fullmatch(cell) else cell


def sheets_tabs(tabs: dict[str, list[list[str]]]) -> dict[str, list[list]]:
    return {title: [[typed(c) for c in row] for row in rows] for title, rows in tabs.items()}


def write_xlsx(tabs: dict[str, list[list[str]]], path: Path) -> Path:
    from openpyxl import Workbook

    # Not write_only: like Excel, LibreOffice and Google's export, the file then states each
    # sheet's <dimension>, which a streaming reader uses instead of a first pass over the sheet.
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets_tabs(tabs).items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def write_ods(tabs: dict[str, list[list[str]]], path: Path) -> Path:
    """The same typed cells as an OpenDocument spreadsheet (whole numbers as float cells, as LibreOffice stores them)."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    for title, rows in sheets_tabs(tabs).items():
        table = Table(name=title)
        for row in rows:
            element = TableRow()
            for value in row:
                if isinstance(value, int):
                    cell = TableCell(valuetype="float", value=value)
                    cell.addElement(P(text=str(value)))
                else:
                    cell = TableCell(valuetype="string")
                    for line in value.split("\n") if value else ():
                        cell.addElement(P(text=line))
                element.addElement(cell)
            table.addElement(element)
        document.spreadsheet.addElement(table)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def sizes(tabs: dict[str, list[list[str]]]) -> dict[str, int]:
    """Data rows per tab (blank rows and the header aside)."""
    return {title: sum(1 for r in rows[1:] if any(c.strip() for c in r)) for title, rows in tabs.items()}


if __name__ == "__main__":
    scale, out = int(sys.argv[1]), Path(sys.argv[2])
    tabs = build(scale, SMALL if "--small" in sys.argv[3:] else SAMPLE)
    write_csv(tabs, out)
    write_xlsx(tabs, out.with_suffix(".xlsx"))
    print(out, sizes(tabs))
