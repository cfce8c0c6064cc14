"""Downloads: XLSX reopened with openpyxl, CSV decoded as French Excel reads it, the A4 HTML summary,
the empty template — text never becomes a formula, numbers stay numbers, no personal value anywhere."""
import csv
import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from forum_data import exports
from forum_data.schema import TABS
from forum_data.views import city

from tests.builders import forum
from tests.workbooks import CANARIES, HYPERLINK, TINY

HOSTILE = [HYPERLINK, "+33 6 12 34 56 78", "@SUM(A1)", "-foo", "\tcmd", "\rx", "\nx"]


def tiny_downloads():
    f = forum(**TINY)
    return f, {d.file_name: d for d in city.city_downloads(f)}


def read_csv(data: bytes, *, line_breaks_in_cells: bool = False) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")                               # UTF-8 BOM: Excel picks UTF-8
    text = data[3:].decode("utf-8")
    assert text.endswith("\r\n")
    if not line_breaks_in_cells:
        assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")  # CRLF line ends only
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


# ---------------------------------------------------------------- generic writers


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"), ("+33 6 12", "'+33 6 12"), ("-foo", "'-foo"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("\nx", "'\nx"),
    ("06 12 34 56 78", "06 12 34 56 78"), ("Amphi A", "Amphi A"), ("a=b", "a=b"), ("", ""),
    (-3, "-3"), (-3.5, "-3,5"), (1.25, "1,25"), (12.5, "12,5"), (10.0, "10"), (1234567, "1234567"), (0.0001, "0,0001"),
    (None, ""), (float("nan"), ""), (True, "oui"),
])
def test_csv_cell(value, expected):
    assert exports.csv_cell(value) == expected


def test_csv_bytes_for_french_excel():
    frame = pd.DataFrame({"Salle": HOSTILE + ["Amphi"], "Charge": [1.25, -3, 0.5, 2, 0, 1, 7, 12.5]})
    rows = read_csv(exports.csv_bytes(frame), line_breaks_in_cells=True)
    assert rows[0] == ["Salle", "Charge"]
    assert rows[1:] == [["'" + HYPERLINK, "1,25"], ["'+33 6 12 34 56 78", "-3"], ["'@SUM(A1)", "0,5"], ["'-foo", "2"],
                        ["'\tcmd", "0"], ["'\rx", "1"], ["'\nx", "7"], ["Amphi", "12,5"]]


def test_xlsx_writes_text_as_text_and_numbers_as_numbers():
    frame = pd.DataFrame({"Salle": HOSTILE, "Personnes": [25, -3, 0, 8, 1, 2, 3]})
    book = load_workbook(io.BytesIO(exports.xlsx_bytes({"Salles": frame})))
    sheet = book["Salles"]
    assert [c.value for c in sheet[1]] == ["Salle", "Personnes"]
    for row, (name, people) in enumerate(zip(HOSTILE, [25, -3, 0, 8, 1, 2, 3]), start=2):
        cell = sheet.cell(row=row, column=1)
        assert cell.data_type == "s" and cell.value == name.replace("\r", "\n")  # literal text, no visible prefix
        number = sheet.cell(row=row, column=2)
        assert number.data_type == "n" and number.value == people
    raw = zipfile.ZipFile(io.BytesIO(exports.xlsx_bytes({"Salles": frame}))).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in raw                                               # no formula anywhere


def test_html_table_escapes_everything():
    frame = pd.DataFrame({"<b>Salle</b>": ["<img src=x onerror=alert(1)>", "a & b"], "N": [1234, 2]})
    table = exports.html_table(frame)
    assert "<img" not in table and "<b>" not in table
    assert "&lt;img src=x onerror=alert(1)&gt;" in table and "a &amp; b" in table and "&lt;b&gt;Salle&lt;/b&gt;" in table
    assert '<td class="num">1\u202f234</td>' in table


def test_template_bytes_is_the_empty_workbook():
    book = load_workbook(io.BytesIO(exports.template_bytes()))
    assert book.sheetnames == ["Mode d'emploi", *(t.title for t in TABS.values())]
    assert [c.value for c in book["Salles"][1]] == [c.header for c in TABS["salles"].columns]
    assert book["Salles"].max_row == 1


# ---------------------------------------------------------------- the city's files


def test_city_downloads_names_and_types():
    _, downloads = tiny_downloads()
    assert list(downloads) == ["forum-2024-ville.xlsx", "forum-2024-ville-buffet.csv", "forum-2024-ville-salles.csv",
                               "forum-2024-ville-resume.html"]
    assert [d.mime for d in downloads.values()] == [exports.XLSX_MIME, "text/csv", "text/csv", "text/html"]
    assert all(d.label and d.data for d in downloads.values())


def test_city_xlsx_has_buffet_and_rooms_sheets_with_numbers_and_literal_room_names():
    _, downloads = tiny_downloads()
    book = load_workbook(io.BytesIO(downloads["forum-2024-ville.xlsx"].data))
    assert book.sheetnames == ["Buffet", "Salles"]
    buffet = [[c.value for c in row] for row in book["Buffet"].iter_rows()]
    assert buffet[0] == ["Indicateur", "mercredi 3 juillet", "jeudi 4 juillet"]
    assert buffet[1:5] == [["Présent·es sur le site", 3, 3], ["Inscrit·es au buffet", 3, 2],
                           ["Prévision avec 12,5\u00a0% d'absence", 3, 2], ["Taux d'absence retenu (%)", 12.5, 12.5]]
    assert ["Régime : Halal", 1, 0] in buffet
    assert ["Allergie : mollusques", 0, 0] in buffet                    # zero groups kept in the export
    assert all(c.data_type == "n" for row in book["Buffet"].iter_rows(min_row=2, min_col=2) for c in row)
    rooms = book["Salles"]
    assert [c.value for c in rooms[1]] == city.ROOM_HEADERS
    assert [[c.value for c in row] for row in rooms.iter_rows(min_row=2)] == [
        ["mercredi 3 juillet", "9 h", "10 h", 2, f"+33 6 12 34 56 78, {HYPERLINK}", 37, 0],
        ["mercredi 3 juillet", "11 h", "12 h 30", 1, "@SUM(A1)", 0, 1],
        ["jeudi 4 juillet", "14 h", "15 h", 1, "-foo", 8, 0],
    ]
    assert rooms["E3"].data_type == "s" and rooms["E4"].data_type == "s"    # « @SUM(A1) », « -foo »: text
    assert rooms["D2"].data_type == "n" and rooms["F2"].data_type == "n"


def test_room_named_like_a_formula_is_text_in_the_xlsx():
    f = forum(salles=[["Salle", "Capacité"]] + [[name, "10"] for name in HOSTILE[:4]],
              planning=[["Jour", "Début", "Fin", "Salle", "Activité", "Participants attendus"]]
              + [["03/07/2024", f"{9 + i}h", f"{10 + i}h", name, "A", "5"] for i, name in enumerate(HOSTILE[:4])])
    downloads = {d.file_name: d for d in city.city_downloads(f)}
    rooms = load_workbook(io.BytesIO(downloads["forum-2024-ville.xlsx"].data))["Salles"]
    names = [rooms.cell(row=r, column=5) for r in range(2, 6)]
    assert [c.value for c in names] == HOSTILE[:4]
    assert [c.data_type for c in names] == ["s"] * 4
    csv_rows = read_csv(downloads["forum-2024-ville-salles.csv"].data)
    assert [r[4] for r in csv_rows[1:]] == ["'" + name for name in HOSTILE[:4]]
    assert [r[5] for r in csv_rows[1:]] == ["5"] * 4


def test_city_csv_files_for_french_excel():
    _, downloads = tiny_downloads()
    buffet = read_csv(downloads["forum-2024-ville-buffet.csv"].data)
    assert buffet[0] == ["Indicateur", "mercredi 3 juillet", "jeudi 4 juillet"]
    assert buffet[3] == ["Prévision avec 12,5\u00a0% d'absence", "3", "2"]
    assert buffet[4] == ["Taux d'absence retenu (%)", "12,5", "12,5"]        # decimal comma
    assert len(buffet) == 1 + 4 + 7 + 1 + 15
    rooms = read_csv(downloads["forum-2024-ville-salles.csv"].data)
    assert rooms[0] == city.ROOM_HEADERS
    assert rooms[1:] == [
        ["mercredi 3 juillet", "9 h", "10 h", "2", f"'+33 6 12 34 56 78, {HYPERLINK}", "37", "0"],
        ["mercredi 3 juillet", "11 h", "12 h 30", "1", "'@SUM(A1)", "0", "1"],
        ["jeudi 4 juillet", "14 h", "15 h", "1", "'-foo", "8", "0"],
    ]


def test_city_html_summary_prints_on_a4_without_scripts():
    f, downloads = tiny_downloads()
    page = downloads["forum-2024-ville-resume.html"].data.decode("utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="fr">' in page
    assert "@page { size: A4; margin: 15mm; }" in page
    assert "<script" not in page.lower() and "javascript:" not in page.lower() and "src=" not in page
    assert "<h1>Forum des usages coopératifs 2024 — buffet et salles</h1>" in page
    assert "Données lues le " in page
    assert page.count("<table>") == 2
    assert "<td class=\"txt\">Prévision avec 12,5\u00a0% d&#x27;absence</td>" in page
    assert "Allergie : mollusques" not in page                            # zero groups left out of the summary
    # Hostile room names are escaped text.
    assert "=HYPERLINK(&quot;http://x&quot;,&quot;clic&quot;)" in page


def test_city_html_summary_escapes_markup_in_room_names():
    f = forum(salles=[["Salle", "Capacité"], ["<script>alert(1)</script>", "10"], ["<img src=x onerror=alert(1)>", "5"]],
              planning=[["Jour", "Début", "Salle", "Activité"], ["03/07/2024", "9h", "<script>alert(1)</script>", "A"],
                        ["03/07/2024", "9h", "<img src=x onerror=alert(1)>", "B"]])
    page = city.summary_html(f, city.city_figures(f))
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page


def test_no_personal_value_in_any_city_download():
    """Names, e-mails, phones, addresses and allergy text of TINY carry canaries: none may come out."""
    _, downloads = tiny_downloads()
    for name, download in downloads.items():
        if name.endswith(".xlsx"):
            book = load_workbook(io.BytesIO(download.data))
            text = " ".join(str(c.value) for sheet in book for row in sheet.iter_rows() for c in row)
            raw = b"".join(zipfile.ZipFile(io.BytesIO(download.data)).read(n)
                           for n in zipfile.ZipFile(io.BytesIO(download.data)).namelist())
            text += raw.decode("utf-8", "replace")
        else:
            text = download.data.decode("utf-8-sig")
        lowered = text.lower()
        for canary in CANARIES:
            assert canary not in lowered, (name, canary)
        assert "@canari" not in lowered and "rue " not in lowered


def test_city_downloads_on_an_empty_workbook():
    f = forum(participants=[TINY["participants"][0]], planning=[TINY["planning"][0]])
    downloads = {d.file_name: d for d in city.city_downloads(f)}
    book = load_workbook(io.BytesIO(downloads["forum-2024-ville.xlsx"].data))
    assert book["Salles"].max_row == 1 and [c.value for c in book["Salles"][1]] == city.ROOM_HEADERS
    assert read_csv(downloads["forum-2024-ville-salles.csv"].data) == [city.ROOM_HEADERS]
    assert "Aucune donnée pour l'instant." in downloads["forum-2024-ville-resume.html"].data.decode()
