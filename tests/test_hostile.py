"""Hostile and careless cells in every free-text column, through every page (AppTest).

Cells hold ``=HYPERLINK(…)``, ``<script>``, ``<img onerror>``, Markdown links and images, LaTeX,
``:red[…]``, ``:material/…:``, a 20,000-character text and emoji. Every page must render without
an exception; every body that Streamlit renders as Markdown (texts, captions, titles, alerts,
metric and widget labels, options) must hold the escaped text, never the markup; the downloads
must hold no formula (XLSX: no formula cell; CSV: OWASP ``'`` prefix; HTML: escaped).

The hostile workbook (the sample, rewritten cell by cell) is tests/workbooks.py's ``hostile_workbook``.
"""
from __future__ import annotations

import csv
import json
import io
import re
import time
import zipfile
from html.parser import HTMLParser

from openpyxl import load_workbook

from tests.apptest import PASSWORDS, dashboard, dashboard_pages, login, nodes, password_secrets, profile
from tests.workbooks import hostile_workbook

# Raw markup that must never reach a Markdown body unescaped.
MARKUP = ["[clic](javascript", "javascript:", "<script", "<img", "![image](", "**gras**", "$x^2$", ":red[rouge]",
          ":material/warning:"]
MARKDOWN_KINDS = ("markdown", "caption", "title", "header", "subheader", "info", "warning", "error", "success",
                  "toast")


def markdown_bodies(at) -> list[str]:
    """Every string Streamlit renders as Markdown: element bodies, labels, help texts and options."""
    bodies = []
    for node in nodes(at._tree):
        kind = getattr(node, "type", None)
        proto = getattr(node, "proto", None)
        if kind in MARKDOWN_KINDS:
            bodies.append(str(node.value))
        if proto is None or not hasattr(proto, "DESCRIPTOR"):
            continue
        for field, value in proto.ListFields():
            if field.name in ("label", "help", "placeholder") and isinstance(value, str):
                bodies.append(value)
            if field.name == "options" and field.type == field.TYPE_STRING:
                bodies.extend(str(option) for option in value)
            if field.name == "body" and kind == "metric":
                bodies.append(value)
    return bodies


def assert_no_formula_in(data: bytes, mimetype: str) -> int:
    """Fail on a formula; return how many formula-looking texts were found defused."""
    defused = 0
    if data[:4] == b"PK\x03\x04":                    # XLSX
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
        book = load_workbook(io.BytesIO(data))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                    if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                        assert cell.data_type == "s", (sheet.title, cell.coordinate)   # text, not a formula
                        defused += 1
        return defused
    text = data.decode("utf-8-sig")
    if "csv" in mimetype:
        for row in csv.reader(io.StringIO(text), delimiter=";"):
            for field in row:
                if field[:1] in ("=", "+", "-", "@", "\t", "\r", "\n"):
                    assert re.fullmatch(r"-\d+(,\d+)?", field), f"cellule CSV dangereuse : {field[:40]!r}"
                defused += field.startswith(("'=", "'+", "'-", "'@"))
    elif "html" in mimetype:
        tags = _Tags()
        tags.feed(text)
        assert not {"script", "img", "iframe", "object", "embed"} & tags.names, tags.names
        assert not tags.handlers, tags.handlers
        assert not [href for href in tags.hrefs if href.strip().lower().startswith("javascript:")]
        defused += text.count("&lt;img")
    return defused


class _Tags(HTMLParser):
    """The tags, event-handler attributes and link targets of an HTML document."""

    def __init__(self):
        super().__init__()
        self.names: set[str] = set()
        self.handlers: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.names.add(tag)
        self.handlers += [name for name, _ in attrs if name.lower().startswith("on")]
        self.hrefs += [value or "" for name, value in attrs if name in ("href", "src")]


def test_hostile_cells_render_as_text_on_every_page_and_exports_hold_no_formula(isolated, monkeypatch,
                                                                                recorded_files):
    monkeypatch.setenv("FORUM_SOURCE", str(hostile_workbook(isolated)))
    password_secrets(monkeypatch, isolated)
    at = login(dashboard().run(), PASSWORDS["comite"])     # the comité sees names: the most text on screen
    assert profile(at) == "Profil : Comité de pilotage"
    escaped_seen = 0
    files = defused = 0
    for slug, script in dashboard_pages().items():
        recorded_files.clear()
        started = time.monotonic()
        at.switch_page(script).run()
        assert time.monotonic() - started < 30, f"{slug} : trop lent sur des cellules énormes"
        assert not at.exception, f"{slug}: {at.exception[0].value if at.exception else ''}"
        for body in markdown_bodies(at):
            for markup in MARKUP:
                assert markup not in body, f"{slug} : « {markup} » rendu comme Markdown dans {body[:120]!r}"
            escaped_seen += "\\[clic\\]" in body or "&lt;img" in body or "\\*\\*gras\\*\\*" in body
        for element in at.get("plotly_chart"):                 # chart labels are text, not HTML
            spec = element.proto.spec
            assert "<script" not in spec and "<img" not in spec, slug
        for mimetype, data in recorded_files:
            defused += assert_no_formula_in(data, mimetype)
            files += 1
    assert escaped_seen, "aucune cellule hostile affichée : le test ne verrait pas une fuite"
    assert files >= 4                                          # the city's XLSX, CSV, HTML and the template
    assert defused, "aucune cellule hostile dans les téléchargements : le test ne verrait pas une formule"


def test_dataframes_never_turn_workbook_text_into_links(isolated, monkeypatch):
    monkeypatch.setenv("FORUM_SOURCE", str(hostile_workbook(isolated)))
    password_secrets(monkeypatch, isolated)
    at = login(dashboard().run(), PASSWORDS["comite"])
    for slug, script in dashboard_pages().items():
        at.switch_page(script).run()
        for frame in at.dataframe:
            columns = json.loads(frame.proto.columns or "{}")
            links = [name for name, config in columns.items()
                     if (config.get("type_config") or {}).get("type") == "link"]
            table = frame.value
            for name in links:
                # Only our own Google Sheets / wiki addresses may be link columns.
                values = [str(v) for v in table[name].dropna()] if name in table else []
                assert all(re.match(r"https?://", v) for v in values), (slug, name, values[:3])
