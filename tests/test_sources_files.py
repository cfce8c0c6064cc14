"""File sources (CSV folder, .xlsx, .ods, URL) and the source dispatcher, on real files and HTTP."""
from __future__ import annotations

import datetime as dt
import io
import zipfile

import openpyxl
import pytest
from tests.httpserver import Reply, http_server, unused_port  # noqa: F401 - fixture
from odf.office import Annotation
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import CoveredTableCell, Table, TableCell, TableRow
from odf.text import A, LineBreak, P, S, Span

from forum_data.config import ConfigError, configured_source, read_secrets
from forum_data.sources import (
    RawWorkbook,
    RowRef,
    SourceError,
    load_workbook,
    read_csv_folder,
    read_ods,
    read_url,
    read_xlsx,
)
from forum_data.sources import is_google_sheet
from forum_data.sources.calamine import read_with_calamine
from forum_data.sources.csvdir import MAX_COLUMNS, MAX_ROWS, detect_delimiter, read_csv_bytes

TOKEN = "aBcD3fGh1jKlMnP"


# ---------------------------------------------------------------- fixtures (built by hand)

def rows_of(workbook: RawWorkbook) -> dict[str, list[list[str]]]:
    return {sheet.title: sheet.rows for sheet in workbook.sheets}


XLSX_CASES = [
    # (label, value, number format, expected text)
    ("date ISO", dt.date(2024, 7, 3), "yyyy-mm-dd", "2024-07-03"),
    ("date US", dt.date(2024, 7, 3), "mm/dd/yyyy", "2024-07-03"),
    ("date FR", dt.date(2024, 7, 3), "dd/mm/yyyy", "2024-07-03"),
    ("date d mmm", dt.date(2024, 7, 3), "d mmm", "2024-07-03"),
    ("date long", dt.date(2024, 7, 4), "dddd d mmmm yyyy", "2024-07-04"),
    ("datetime", dt.datetime(2024, 2, 12, 14, 33, 5), "dd/mm/yyyy hh:mm:ss", "2024-02-12 14:33:05"),
    ("datetime midnight", dt.datetime(2024, 7, 3), "yyyy-mm-dd hh:mm", "2024-07-03"),
    ("time", dt.time(14, 30), "hh:mm", "14:30"),
    ("time h:mm AM/PM", dt.time(9, 5), "h:mm AM/PM", "09:05"),
    ("bool true", True, None, "oui"),
    ("bool false", False, None, "non"),
    ("int", 120, None, "120"),
    ("float integral", 12.0, None, "12"),
    ("float", 12.5, "0.00", "12.5"),
    ("float noise", 0.1 + 0.2, None, "0.3"),
    ("big int", 1234567, "# ##0", "1234567"),
    ("percent", 0.1, "0%", "10 %"),
    ("percent fraction", 0.125, "0.0%", "12.5 %"),
    ("text kept as is", "  Amphi A ", None, "  Amphi A "),
    ("NA stays text", "NA", None, "NA"),
    ("long text", "x" * 20_000, None, "x" * 20_000),
]


def make_xlsx(extra=None) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Types"
    sheet.append(["Cas", "Valeur"])
    for row, (label, value, number_format, _) in enumerate(XLSX_CASES, start=2):
        sheet.cell(row=row, column=1, value=label)
        cell = sheet.cell(row=row, column=2, value=value)
        if number_format:
            cell.number_format = number_format
    hidden = book.create_sheet("Cachée")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "Salle"
    hidden["A3"] = "après une ligne vide"  # row 2 left blank: numbering must hold
    hidden["C3"] = 5
    if extra:
        extra(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cell(value_type=None, text=None, repeat=None, **attributes) -> TableCell:
    if value_type:
        attributes["valuetype"] = value_type
    if repeat:
        attributes["numbercolumnsrepeated"] = repeat
    element = TableCell(**attributes)
    if text is not None:
        element.addElement(P(text=text))
    return element


def row(*cells, repeat=None) -> TableRow:
    element = TableRow(numberrowsrepeated=repeat) if repeat else TableRow()
    for c in cells:
        element.addElement(c)
    return element


def rich_text_cell() -> TableCell:
    """« Salle  A » (text:s), a span, a link, a line break, then a second paragraph; plus a comment."""
    element = TableCell(valuetype="string")
    note = Annotation()
    note.addElement(P(text="commentaire à ne pas lire"))
    element.addElement(note)
    first = P()
    first.addText("Salle")
    first.addElement(S(c=2))
    first.addText("A ")
    first.addElement(Span(text="(étage)"))
    first.addElement(LineBreak())
    first.addElement(A(href="https://example.org", text="plan"))
    element.addElement(first)
    element.addElement(P(text="2e paragraphe"))
    return element


def make_ods() -> bytes:
    doc = OpenDocumentSpreadsheet()
    types = Table(name="Types")
    for r in [
        row(cell("string", "Cas"), cell("string", "Valeur")),
        row(cell("string", "date"), cell("date", "03/07/2024", datevalue="2024-07-03")),
        row(cell("string", "date US display"), cell("date", "07/03/2024", datevalue="2024-07-03")),
        row(cell("string", "datetime"), cell("date", "12/02/2024 14:33", datevalue="2024-02-12T14:33:05")),
        row(cell("string", "datetime midnight"), cell("date", "x", datevalue="2024-07-03T00:00:00")),
        row(cell("string", "time"), cell("time", "14:30", timevalue="PT14H30M00S")),
        row(cell("string", "bool"), cell("boolean", "VRAI", booleanvalue="true")),
        row(cell("string", "bool false"), cell("boolean", "FAUX", booleanvalue="false")),
        row(cell("string", "float"), cell("float", "12,5", value="12.5")),
        row(cell("string", "float integral"), cell("float", "12", value="12")),
        row(cell("string", "currency"), cell("currency", "30,00 €", value="30", currency="EUR")),
        row(cell("string", "percent"), cell("percentage", "10 %", value="0.1")),
        row(cell("string", "NA text"), cell("string", "NA")),
        row(cell("string", "rich"), rich_text_cell()),
    ]:
        types.addElement(r)
    doc.spreadsheet.addElement(types)

    repeats = Table(name="Répétitions")
    for r in [
        row(cell("string", "Salle"), cell("string", "Capacité"), cell(repeat=1022)),
        row(cell(repeat=1024), repeat=2),  # two blank rows: they keep their numbers
        row(cell("string", "Amphi"), cell("float", "30", value="30"), repeat=2),
        row(cell(), cell("string", "x", repeat=3), cell(repeat=1020)),
        row(cell("string", "fusion"), CoveredTableCell(), cell("string", "après")),
        row(cell(repeat=1024), repeat=1048570),  # LibreOffice's trailing repeat
    ]:
        repeats.addElement(r)
    doc.spreadsheet.addElement(repeats)
    buffer = io.BytesIO()
    doc.write(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def xlsx_bytes() -> bytes:
    return make_xlsx()


@pytest.fixture(scope="module")
def ods_bytes() -> bytes:
    return make_ods()


# ---------------------------------------------------------------- CSV

CSV_CASES = [
    # (label, bytes, expected rows)
    ("utf-8", "Salle,Capacité\nAmphi é,120\n".encode(), [["Salle", "Capacité"], ["Amphi é", "120"]]),
    ("utf-8 BOM", b"\xef\xbb\xbf" + "Salle,Capacité\n".encode(), [["Salle", "Capacité"]]),
    (
        "cp1252 with ;",
        "Salle;Capacité;Surface\r\nAmphi;120;12,5\r\n".encode("cp1252"),
        [["Salle", "Capacité", "Surface"], ["Amphi", "120", "12,5"]],
    ),
    (
        "quoted newline",
        b'Titre,Note\n"ligne 1\nligne 2",a\n\nsuite,b\n',
        [["Titre", "Note"], ["ligne 1\nligne 2", "a"], [], ["suite", "b"]],
    ),
    (
        "NA-like values stay text",
        b"a,b,c,d\nNA,N/A,nan,Na\n",
        [["a", "b", "c", "d"], ["NA", "N/A", "nan", "Na"]],
    ),
    ("comma inside quotes, ; file", b'Nom;Desc\nA;"x, y"\n', [["Nom", "Desc"], ["A", "x, y"]]),
    ("trailing empties dropped", b"a;b;;\n1;;;\n\n\n", [["a", "b"], ["1"]]),
    ("empty file", b"", []),
    ("blank file", b"\n\n", []),
    ("whitespace kept", b"a,b\n  x , \n", [["a", "b"], ["  x ", " "]]),
]


@pytest.mark.parametrize("label, data, expected", CSV_CASES, ids=[c[0] for c in CSV_CASES])
def test_read_csv_bytes_cases(label, data, expected):
    assert read_csv_bytes(data, "Salles").rows == expected


def test_read_csv_bytes_record_numbering_ignores_quoted_line_breaks():
    sheet = read_csv_bytes(b'Titre,Note\n"ligne 1\nligne 2\nligne 3",a\nsuite,b\n', "Activités")
    assert [sheet.ref(i) for i in range(3)] == [RowRef(row=1), RowRef(row=2), RowRef(row=3)]
    assert sheet.rows[2] == ["suite", "b"]


DELIMITER_CASES = [
    ("Salle;Capacité;Surface\nAmphi;120;12,5\nB;3;4,5\n", ";"),
    ("Nom,Thèmes\nAtelier,a;b\nB,c;d\n", ","),
    ("Forum 2024, salles\nSalle;Capacité\nA;1\nB;2\n", ";"),  # title row with a comma
    ('"a;b",c\n"d;e",f\n', ","),
    ("une seule colonne\nx\n", ","),
    ("", ","),
]


@pytest.mark.parametrize("text, expected", DELIMITER_CASES)
def test_detect_delimiter_cases(text, expected):
    assert detect_delimiter(text) == expected


def test_read_csv_folder_reads_each_file_as_a_tab(tmp_path):
    folder = tmp_path / "mon-dossier"
    folder.mkdir()
    (folder / "Salles.csv").write_bytes("Salle;Capacité\nAmphi;120\n".encode("cp1252"))
    (folder / "Classeur - Activités.CSV").write_text("Titre\nAtelier\n", encoding="utf-8-sig")
    (folder / "notes.txt").write_text("pas un onglet")
    (folder / "._Salles.csv").write_bytes(b"\x00\x05\x16\x07")  # macOS resource fork
    workbook = read_csv_folder(folder)
    assert workbook.kind == "csv"
    assert workbook.source == "dossier CSV …/mon-dossier"
    assert rows_of(workbook) == {
        "Classeur - Activités": [["Titre"], ["Atelier"]],
        "Salles": [["Salle", "Capacité"], ["Amphi", "120"]],
    }
    assert [s.title for s in workbook.sheets] == ["Classeur - Activités", "Salles"]


def test_read_csv_folder_truncates_absurd_width(tmp_path):
    (tmp_path / "large.csv").write_text(",".join(str(i) for i in range(MAX_COLUMNS + 5)) + "\n")
    workbook = read_csv_folder(tmp_path, kind="sample", description="exemple")
    assert (workbook.kind, workbook.source) == ("sample", "exemple")
    assert len(workbook.sheets[0].rows[0]) == MAX_COLUMNS
    assert workbook.extra == {"truncated": ["large"]}


@pytest.mark.parametrize("setup, expected", [
    ("missing", "Dossier introuvable"),
    ("file", "n'est pas un dossier"),
    ("empty", "ne contient aucun fichier .csv"),
])
def test_read_csv_folder_errors(tmp_path, setup, expected):
    target = tmp_path / "dossier"
    if setup == "file":
        target.write_text("x")
    elif setup == "empty":
        target.mkdir()
    with pytest.raises(SourceError, match=expected):
        read_csv_folder(target)


# ---------------------------------------------------------------- xlsx

def test_xlsx_defusedxml_guards_the_parser():
    assert openpyxl.xml.DEFUSEDXML is True


@pytest.mark.parametrize("label, value, number_format, expected", XLSX_CASES, ids=[c[0] for c in XLSX_CASES])
def test_read_xlsx_typed_cells(xlsx_bytes, label, value, number_format, expected):
    rows = rows_of(read_xlsx(xlsx_bytes, description="test"))["Types"]
    assert {r[0]: r[1] for r in rows[1:]}[label] == expected


def test_read_xlsx_hidden_sheet_and_blank_rows(xlsx_bytes):
    workbook = read_xlsx(xlsx_bytes, description="fichier Excel …/c.xlsx")
    assert (workbook.kind, workbook.source, workbook.extra) == ("xlsx", "fichier Excel …/c.xlsx", {})
    assert [s.title for s in workbook.sheets] == ["Types", "Cachée"]
    assert rows_of(workbook)["Cachée"] == [["Salle"], [], ["après une ligne vide", "", "5"]]


def test_read_xlsx_from_path_with_any_extension(tmp_path, xlsx_bytes):
    path = tmp_path / "classeur.bin"  # openpyxl refuses unknown extensions for paths; we do not
    path.write_bytes(xlsx_bytes)
    assert read_xlsx(path, description="x").sheets[0].rows[0] == ["Cas", "Valeur"]


def xlsx_with_sheet_xml(cells_xml: bytes) -> bytes:
    """An .xlsx whose first sheet holds this <sheetData> content, as a spreadsheet app would save it."""
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    target_buffer = io.BytesIO()
    with zipfile.ZipFile(target_buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<sheetData></sheetData>", b"<sheetData>" + cells_xml + b"</sheetData>")
            target.writestr(item, data)
    return target_buffer.getvalue()


def test_read_xlsx_formula_gives_cached_value(tmp_path):
    # openpyxl writes no cached values, so build the sheet XML a spreadsheet app would save.
    data = xlsx_with_sheet_xml(b'<row r="2"><c r="B2"><f>1+1</f><v>2</v></c></row>')
    rows = read_xlsx(data, description="x").sheets[0].rows
    assert rows == [[], ["", "2"]]


def test_read_xlsx_truncates_absurd_width():
    def wide(book):
        sheet = book.create_sheet("Large")
        sheet.cell(row=1, column=1, value="a")
        sheet.cell(row=1, column=MAX_COLUMNS + 10, value="loin")

    workbook = read_xlsx(make_xlsx(wide), description="x")
    assert rows_of(workbook)["Large"] == [["a"]]
    assert workbook.extra == {"truncated": ["Large"]}


@pytest.mark.parametrize("data, expected", [
    (b"pas un classeur", "ce n'est pas un classeur .xlsx valide"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "protégé par un mot de passe"),
    (b"PK\x03\x04" + b"\x00" * 100, "ce n'est pas un classeur .xlsx valide"),
])
def test_read_xlsx_unreadable(data, expected):
    with pytest.raises(SourceError, match=expected) as error:
        read_xlsx(data, description="fichier Excel …/c.xlsx")
    assert str(error.value).startswith("Impossible de lire la source « fichier Excel …/c.xlsx » : ")


def test_read_xlsx_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(SourceError, match="ce n'est pas un classeur .xlsx valide"):
        read_xlsx(buffer.getvalue(), description="x")


# ---------------------------------------------------------------- ods

ODS_TYPES = {
    "date": "2024-07-03",
    "date US display": "2024-07-03",
    "datetime": "2024-02-12 14:33:05",
    "datetime midnight": "2024-07-03",
    "time": "14:30",
    "bool": "oui",
    "bool false": "non",
    "float": "12.5",
    "float integral": "12",
    "currency": "30",
    "percent": "10 %",
    "NA text": "NA",
    "rich": "Salle  A (étage)\nplan\n2e paragraphe",
}


@pytest.mark.parametrize("label", list(ODS_TYPES))
def test_read_ods_typed_cells(ods_bytes, label):
    rows = rows_of(read_ods(ods_bytes, description="test"))["Types"]
    assert {r[0]: r[1] for r in rows[1:]}[label] == ODS_TYPES[label]


def test_read_ods_repeats_without_trailing_blow_up(ods_bytes):
    workbook = read_ods(ods_bytes, description="fichier OpenDocument …/c.ods")
    assert (workbook.kind, workbook.extra) == ("ods", {})
    assert rows_of(workbook)["Répétitions"] == [
        ["Salle", "Capacité"],
        [],
        [],
        ["Amphi", "30"],
        ["Amphi", "30"],
        ["", "x", "x", "x"],
        ["fusion", "", "après"],
    ]


def test_read_ods_truncates_absurd_width():
    doc = OpenDocumentSpreadsheet()
    table = Table(name="Large")
    table.addElement(row(cell("string", "a", repeat=MAX_COLUMNS + 50)))
    doc.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    doc.write(buffer)
    workbook = read_ods(buffer.getvalue(), description="x")
    assert workbook.sheets[0].rows == [["a"] * MAX_COLUMNS]
    assert workbook.extra == {"truncated": ["Large"]}


def test_read_ods_password_protected():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
            "<manifest:encryption-data/></manifest:file-entry></manifest:manifest>",
        )
        archive.writestr("content.xml", b"\x8a\x01garbled")
    with pytest.raises(SourceError, match="protégé par un mot de passe"):
        read_ods(buffer.getvalue(), description="fichier OpenDocument …/c.ods")


@pytest.mark.parametrize("data", [b"pas un classeur", b"PK\x03\x04broken"])
def test_read_ods_unreadable(data):
    with pytest.raises(SourceError, match="ce n'est pas un classeur .ods valide"):
        read_ods(data, description="x")


def test_read_xlsx_given_an_ods_reads_it(ods_bytes):
    assert rows_of(read_xlsx(ods_bytes, description="x"))["Types"][1] == ["date", "2024-07-03"]


# ---------------------------------------------------------------- URL

def test_read_url_xlsx(http_server, xlsx_bytes):
    http_server.add("/partage/classeur.xlsx", xlsx_bytes,
                    content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    workbook = read_url(http_server.url(f"/partage/classeur.xlsx?token={TOKEN}"))
    assert workbook.kind == "url"
    assert workbook.source == f"fichier en ligne 127.0.0.1:{http_server.port}/…/classeur.xlsx"
    assert rows_of(workbook)["Cachée"][0] == ["Salle"]
    assert workbook.extra == {"format": "xlsx"}
    assert http_server.count("/partage/classeur.xlsx") == 1


def test_read_url_ods_named_by_content_disposition(http_server, ods_bytes):
    http_server.add("/export", ods_bytes, content_type="application/octet-stream",
                    headers={"Content-Disposition": 'attachment; filename="forum.ods"'})
    workbook = read_url(http_server.url("/export"))
    assert workbook.source.endswith("/…/forum.ods")
    assert workbook.extra["format"] == "ods"
    assert rows_of(workbook)["Types"][1] == ["date", "2024-07-03"]


def test_read_url_csv_tab_named_after_file(http_server):
    http_server.add("/Classeur%20-%20Activit%C3%A9s.csv", "Titre;Thème\nAtelier;Sobriété\n".encode("cp1252"),
                    content_type="text/csv")
    workbook = read_url(http_server.url("/Classeur%20-%20Activit%C3%A9s.csv"))
    assert rows_of(workbook) == {"Classeur - Activités": [["Titre", "Thème"], ["Atelier", "Sobriété"]]}
    assert workbook.extra == {"format": "csv"}


@pytest.mark.parametrize("prefix", ["", "/index.php", "/cloud/index.php"])
def test_read_url_nextcloud_share_link(http_server, prefix):
    http_server.add(
        f"{prefix}/s/{TOKEN}/download",
        "Salle,Capacité\nAmphi,120\n",
        content_type="text/csv",
        headers={"Content-Disposition": "attachment; filename*=UTF-8''Salles%20%C3%A9t%C3%A9.csv"},
    )
    workbook = read_url(http_server.url(f"{prefix}/s/{TOKEN}"))
    assert rows_of(workbook) == {"Salles été": [["Salle", "Capacité"], ["Amphi", "120"]]}
    assert (http_server.count(f"{prefix}/s/{TOKEN}/download"), http_server.count()) == (1, 1)
    assert TOKEN not in workbook.source
    assert workbook.source == f"fichier en ligne 127.0.0.1:{http_server.port}/…/Salles été.csv"


LOGIN_PAGE = b"<!DOCTYPE html>\n<html><head><title>Connexion</title></head><body>login</body></html>"


@pytest.mark.parametrize("status, body, content_type, expected", [
    (404, b"not found", "text/plain", "Lien introuvable sur 127.0.0.1:PORT (erreur 404) : vérifiez le lien de partage."),
    (403, b"no", "text/plain", "Accès refusé par 127.0.0.1:PORT (erreur 403) : le partage doit être public"),
    (401, b"no", "text/plain", "Accès refusé par 127.0.0.1:PORT (erreur 401)"),
    (500, b"oops", "text/plain", "Le serveur 127.0.0.1:PORT a répondu par une erreur 500"),
    (200, LOGIN_PAGE, "text/html; charset=utf-8", "Le lien mène à une page web de 127.0.0.1:PORT"),
    (200, LOGIN_PAGE, "application/octet-stream", "(peut-être une page de connexion)"),
    (200, b"%PDF-1.4\x00\x00\x01", "application/pdf", "ce n'est ni un classeur .xlsx ou .ods ni un fichier CSV"),
], ids=["404", "403", "401", "500", "html", "html-unlabelled", "pdf"])
def test_read_url_http_problems(http_server, status, body, content_type, expected):
    http_server.add(f"/s/{TOKEN}/download", body, status=status, content_type=content_type)
    with pytest.raises(SourceError) as error:
        read_url(http_server.url(f"/s/{TOKEN}?secret=1"))
    message = str(error.value)
    assert expected.replace("PORT", str(http_server.port)) in message
    assert TOKEN not in message and "secret" not in message


def test_read_url_redirect_to_login_page(http_server):
    http_server.add(f"/s/{TOKEN}/download", status=302, headers={"Location": "/login?redirect_url=x"})
    http_server.add("/login", LOGIN_PAGE, content_type="text/html")
    with pytest.raises(SourceError, match="page de connexion"):
        read_url(http_server.url(f"/s/{TOKEN}"))
    assert http_server.count("/login") == 1


def test_read_url_timeout(http_server):
    http_server.hang(f"/s/{TOKEN}/download", seconds=20)
    with pytest.raises(SourceError) as error:
        read_url(http_server.url(f"/s/{TOKEN}"), timeout=1.5)
    assert str(error.value) == (
        f"Le serveur 127.0.0.1:{http_server.port} n'a pas répondu à temps (1,5 seconde) : "
        "réessayez plus tard ou vérifiez le lien."
    )


def test_read_url_connection_refused():
    port = unused_port()
    with pytest.raises(SourceError) as error:
        read_url(f"http://127.0.0.1:{port}/s/{TOKEN}", timeout=2)
    assert str(error.value).startswith(f"Connexion impossible au serveur 127.0.0.1:{port} :")
    assert TOKEN not in str(error.value)


@pytest.mark.parametrize("declared", [True, False])
def test_read_url_too_large(http_server, declared):
    http_server.add("/gros.csv", b"a,b\n" * 500, content_type="text/csv")
    if not declared:  # a chunked answer: the limit holds while reading
        def chunked(request):
            return Reply(body=b"a,b\n" * 500, headers={"Content-Type": "text/csv"})
        http_server.add_handler("/gros.csv", chunked)
    with pytest.raises(SourceError, match="dépasse"):
        read_url(http_server.url("/gros.csv"), max_bytes=1000)


@pytest.mark.parametrize("url", ["ftp://example.org/x.csv", "https:///x.csv"])
def test_read_url_invalid(url):
    with pytest.raises(SourceError, match="Lien invalide"):
        read_url(url)


# ---------------------------------------------------------------- dispatcher

@pytest.fixture
def no_config(tmp_path, monkeypatch):
    monkeypatch.delenv("FORUM_SOURCE", raising=False)
    monkeypatch.delenv("FORUM_SECRETS_FILE", raising=False)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_load_workbook_each_kind(no_config, xlsx_bytes, ods_bytes, http_server):
    folder = no_config / "classeur"
    folder.mkdir()
    (folder / "Salles.csv").write_text("Salle\nA\n")
    (no_config / "c.xlsx").write_bytes(xlsx_bytes)
    (no_config / "c.ODS").write_bytes(ods_bytes)
    (no_config / "Planning.csv").write_text("Salle;Début\nA;9h\n")
    http_server.add("/c.ods", ods_bytes)

    found = {
        spec: (wb.kind, wb.source, [s.title for s in wb.sheets])
        for spec in ["classeur", "c.xlsx", "c.ODS", "Planning.csv", str(no_config / "c.xlsx")]
        for wb in [load_workbook(spec)]
    }
    assert found == {
        "classeur": ("csv", "dossier CSV …/classeur", ["Salles"]),
        "c.xlsx": ("xlsx", "fichier Excel …/c.xlsx", ["Types", "Cachée"]),
        "c.ODS": ("ods", "fichier OpenDocument …/c.ODS", ["Types", "Répétitions"]),
        "Planning.csv": ("csv", "fichier CSV …/Planning.csv", ["Planning"]),
        str(no_config / "c.xlsx"): ("xlsx", "fichier Excel …/c.xlsx", ["Types", "Cachée"]),
    }
    assert load_workbook("Planning.csv").sheets[0].rows == [["Salle", "Début"], ["A", "9h"]]
    assert load_workbook(f"  {http_server.url('/c.ods')} ").kind == "url"


@pytest.mark.parametrize("spec, expected", [
    ("introuvable.xlsx", "Source introuvable : introuvable.xlsx"),
    ("notes.txt", "Format de fichier non reconnu : notes.txt"),
    ("vieux.xls", "vieux format .xls"),
])
def test_load_workbook_errors(no_config, spec, expected):
    (no_config / "notes.txt").write_text("x")
    (no_config / "vieux.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(SourceError, match=expected):
        load_workbook(spec)


@pytest.mark.parametrize("spec, expected", [
    ("https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/edit#gid=0", True),
    ("http://docs.google.com/spreadsheets/d/KEY", True),
    ("1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-", True),
    ("https://docs.google.com/document/d/KEY", False),
    ("https://cloud.example.org/s/aBcD3fGh1jKlMnP", False),
    ("court_1234", False),
    ("classeur.xlsx", False),
])
def test_is_google_sheet(no_config, spec, expected):
    assert is_google_sheet(spec) is expected


@pytest.mark.parametrize("spec", [
    "https://docs.google.com/spreadsheets/d/KEY/edit#gid=0",
    "KEY",
])
def test_load_workbook_google_sheet_goes_to_the_google_source(no_config, monkeypatch, spec):
    from tests.emulators.sheets import SheetsEmulator

    key = "1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-ab"
    monkeypatch.delenv("FORUM_GOOGLE_CREDENTIALS", raising=False)
    with SheetsEmulator() as emulator:
        emulator.add_spreadsheet(key, {"Salles": [["Salle", "Capacité"], ["Amphi", 120]]}, link_shared=True)
        monkeypatch.setenv("FORUM_GOOGLE_ENDPOINT", emulator.url)
        workbook = load_workbook(spec.replace("KEY", key))
        assert emulator.counts["export"] == 1
    assert workbook.kind == "gsheets"
    assert rows_of(workbook) == {"Salles": [["Salle", "Capacité"], ["Amphi", "120"]]}


def test_bare_key_that_is_a_local_folder_is_a_folder(no_config):
    name = "A" * 40
    (no_config / name).mkdir()
    (no_config / name / "Salles.csv").write_text("Salle\n")
    assert is_google_sheet(name) is False
    assert load_workbook(name).kind == "csv"


# ---------------------------------------------------------------- configuration

def write_secrets(path, source):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'[forum]\nsource = "{source}"\n\n[other]\nkey = "s3cret"\n', encoding="utf-8")


def test_configured_source_precedence(no_config, monkeypatch):
    assert (read_secrets(), configured_source()) == ({}, None)

    write_secrets(no_config / ".streamlit" / "secrets.toml", "depuis-secrets")
    assert configured_source() == "depuis-secrets"
    assert read_secrets()["other"] == {"key": "s3cret"}

    elsewhere = no_config / "ailleurs.toml"
    write_secrets(elsewhere, "depuis-fichier-env")
    monkeypatch.setenv("FORUM_SECRETS_FILE", str(elsewhere))
    assert configured_source() == "depuis-fichier-env"

    monkeypatch.setenv("FORUM_SOURCE", "  depuis-env ")
    assert configured_source() == "depuis-env"
    assert configured_source({"forum": {"source": "x"}}) == "depuis-env"

    monkeypatch.setenv("FORUM_SOURCE", "")
    assert configured_source({"forum": {"source": " x "}}) == "x"
    assert configured_source({"forum": "pas une table"}) is None


def test_read_secrets_malformed(no_config):
    path = no_config / ".streamlit" / "secrets.toml"
    path.parent.mkdir()
    path.write_text('[forum]\nsource = "ok"\ntoken = s3cret-sans-guillemets\n')
    with pytest.raises(ConfigError) as error:
        read_secrets()
    assert str(error.value) == (
        "Le fichier de configuration secrets.toml est mal formé (ligne 3) : corrigez sa syntaxe TOML "
        "(par exemple des guillemets autour des textes)."
    )
    assert isinstance(error.value, SourceError)
    with pytest.raises(ConfigError):
        load_workbook()


def test_load_workbook_none_uses_env_then_secrets(no_config, monkeypatch, xlsx_bytes):
    folder = no_config / "dossier"
    folder.mkdir()
    (folder / "Salles.csv").write_text("Salle\nA\n")
    (no_config / "c.xlsx").write_bytes(xlsx_bytes)
    write_secrets(no_config / ".streamlit" / "secrets.toml", "c.xlsx")
    assert load_workbook().kind == "xlsx"
    monkeypatch.setenv("FORUM_SOURCE", "dossier")
    assert load_workbook().kind == "csv"


def test_load_workbook_none_without_config_reads_the_sample(no_config):
    from forum_data.sources import SAMPLE_DIR

    if not SAMPLE_DIR.is_dir():
        pytest.skip("the bundled sample is not written yet")
    workbook = load_workbook()
    assert (workbook.kind, workbook.source) == ("sample", "exemple fourni (données fictives)")
    assert workbook.sheets


# ---------------------------------------------------------------- calamine, and when the streaming readers take over

def make_plain_ods() -> bytes:
    """The typed cells of make_ods that calamine gives exactly (no percentage, no line break)."""
    doc = OpenDocumentSpreadsheet()
    types = Table(name="Types")
    types.addElement(row(cell("string", "Cas"), cell("string", "Valeur")))
    for label, (value_type, shown, attributes) in PLAIN_ODS_CELLS.items():
        types.addElement(row(cell("string", label), cell(value_type, shown, **attributes)))
    types.addElement(row(cell(repeat=1024), repeat=1048570))   # LibreOffice's trailing repeat
    doc.spreadsheet.addElement(types)
    buffer = io.BytesIO()
    doc.write(buffer)
    return buffer.getvalue()


PLAIN_ODS_CELLS = {
    "date": ("date", "03/07/2024", {"datevalue": "2024-07-03"}),
    "date US display": ("date", "07/03/2024", {"datevalue": "2024-07-03"}),
    "datetime": ("date", "12/02/2024 14:33", {"datevalue": "2024-02-12T14:33:05"}),
    "datetime midnight": ("date", "x", {"datevalue": "2024-07-03T00:00:00"}),
    "time": ("time", "14:30", {"timevalue": "PT14H30M00S"}),
    "bool": ("boolean", "VRAI", {"booleanvalue": "true"}),
    "bool false": ("boolean", "FAUX", {"booleanvalue": "false"}),
    "float": ("float", "12,5", {"value": "12.5"}),
    "float integral": ("float", "12", {"value": "12"}),
    "currency": ("currency", "30,00 €", {"value": "30", "currency": "EUR"}),
    "NA text": ("string", "NA", {}),
}


def test_calamine_reads_the_typed_xlsx_cases():
    # The typed-cell table above (dates, times, booleans, numbers, percentages) goes through calamine.
    assert read_with_calamine(make_xlsx(), "xlsx") is not None


@pytest.mark.parametrize("label", list(PLAIN_ODS_CELLS))
def test_calamine_reads_plain_ods_typed_cells(label):
    data = make_plain_ods()
    assert read_with_calamine(data, "ods") is not None
    workbook = read_ods(data, description="test")
    assert workbook.sheets[0].rows[-1] == ["NA text", "NA"]     # the trailing repeat adds nothing
    assert {r[0]: r[1] for r in workbook.sheets[0].rows[1:]}[label] == ODS_TYPES[label]


def test_ods_percentage_line_break_and_covered_cells_go_to_odfpy(ods_bytes):
    assert read_with_calamine(ods_bytes, "ods") is None   # calamine would give 0.1 and lose the line break


@pytest.mark.parametrize("cells, expected_rows, extra", [
    # An error cell shows its error text (calamine would give a blank).
    (b'<row r="2"><c r="B2"><f>1+1</f><v>2</v></c><c r="C2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>',
     [[], ["", "2", "#DIV/0!"]], {}),
    # A value in the far corner: calamine would allocate 17 billion cells; openpyxl streams and cuts.
    (b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
     b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', [["a"]], {"truncated": ["Sheet"]}),
])
def test_xlsx_that_calamine_cannot_give_exactly_is_streamed(cells, expected_rows, extra):
    data = xlsx_with_sheet_xml(cells)
    assert read_with_calamine(data, "xlsx") is None
    workbook = read_xlsx(data, description="x")
    assert (workbook.sheets[0].rows, workbook.extra) == (expected_rows, extra)


def test_calamine_cuts_rows_past_the_limit_and_says_so():
    far = str(MAX_ROWS + 1).encode()
    data = xlsx_with_sheet_xml(b'<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
                               b'<row r="' + far + b'"><c r="B' + far + b'"><v>1</v></c></row>')
    assert read_with_calamine(data, "xlsx") is not None
    workbook = read_xlsx(data, description="x")
    assert (workbook.sheets[0].rows, workbook.extra) == ([["a"]], {"truncated": ["Sheet"]})


def test_xml_bomb_is_refused_by_both_readers():
    # A « billion laughs » DTD: calamine refuses the entity, openpyxl (defusedxml) the DTD — one French error.
    entities = b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"lol") * 10)
                        for i in range(1, 10))
    data = xlsx_with_sheet_xml(b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>')
    source, buffer = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            xml = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = xml.replace(b"?>", b"?><!DOCTYPE worksheet [" + entities + b"]>", 1)
            target.writestr(item, xml)
    with pytest.raises(SourceError, match="un onglet est abîmé"):
        read_xlsx(buffer.getvalue(), description="x")
