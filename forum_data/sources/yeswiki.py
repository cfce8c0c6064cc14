"""Read the forum's own wiki: YesWiki Bazar forms as workbook tabs.

A form is read with two requests (its definition, then all its entries) and handed over
as a ``RawSheet`` whose header row holds the fields' labels, so that the reading layer
treats it exactly like a workbook tab. ``apply_wiki`` then puts those tabs in place of
the workbook's tabs of the same slug. Shapes are documented in ``docs/yeswiki-notes.md``.

>>> cfg = wiki_config({"yeswiki": {"url": "https://wiki.example.org/?PagePrincipale",
...                                "forms": {"Activités": 3}}}, environ={})
>>> cfg
WikiConfig(url='https://wiki.example.org/', forms={'activites': 3})
>>> list_cell("ecologie,culture", {"ecologie": "Écologie", "culture": "Culture"})
'Écologie, Culture'
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from urllib.parse import urlsplit, urlunsplit

import requests

from forum_data import fr
from forum_data.sources.base import RawSheet, RawWorkbook, RowRef, SourceError

#: Tabs a wiki form may feed (the canonical slugs of workbook.md).
WIKI_TABS = ("collectif", "partenaires", "activites", "salles", "planning",
             "participants", "hebergements", "parametres")
#: Extra column holding each entry's ``date_creation_fiche``.
CREATED_HEADER = "Date de création"
#: Bazar field types that hold a date (tools/bazar/fields/DateField.php).
DATE_TYPES = {"jour", "listedatedeb", "listedatefin"}

_CONFIG_HINT = "FORUM_YESWIKI_FORMS ou [yeswiki] forms"
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?")
#: Tags that sit inside a word (``<b>Sal</b>le``); any other tag separates words.
_INLINE_TAGS = {"a", "abbr", "b", "code", "em", "font", "i", "mark", "s", "small", "span",
                "strong", "sub", "sup", "u"}


@dataclass(frozen=True)
class WikiConfig:
    """Where the wiki is and which form feeds which tab. The token never shows in ``repr``."""

    url: str
    forms: dict[str, int]
    token: str | None = field(default=None, repr=False)

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc


# --------------------------------------------------------------------------- configuration

def fold(text: str) -> str:
    """Lowercase, accents stripped, non-alphanumerics removed: ``"Activités"`` → ``activites``."""
    decomposed = unicodedata.normalize("NFKD", str(text).lower())
    return "".join(c for c in decomposed if c.isalnum() and not unicodedata.combining(c))


def wiki_config(secrets: dict | None = None, *, environ=None) -> WikiConfig | None:
    """The wiki settings, each from the environment first, else ``secrets["yeswiki"]``.

    ``None`` when no wiki address is configured. ``secrets=None`` reads
    ``.streamlit/secrets.toml`` through ``forum_data.config.read_secrets`` when it exists.
    A wrong setting raises ``SourceError`` saying which one to fix.

    >>> wiki_config({}, environ={}) is None
    True
    >>> wiki_config({}, environ={"FORUM_YESWIKI_URL": "wiki.example.org",
    ...                          "FORUM_YESWIKI_FORMS": "activites=3, partenaires=4"}).forms
    {'activites': 3, 'partenaires': 4}
    """
    env = os.environ if environ is None else environ
    if secrets is None:
        secrets = _read_secrets()
    section = (secrets or {}).get("yeswiki") or {}
    url = (env.get("FORUM_YESWIKI_URL") or str(section.get("url") or "")).strip()
    if not url:
        return None
    forms = env.get("FORUM_YESWIKI_FORMS") or section.get("forms") or {}
    token = (env.get("FORUM_YESWIKI_TOKEN") or str(section.get("token") or "")).strip() or None
    return WikiConfig(url=wiki_root(url), forms=parse_forms(forms), token=token)


def _read_secrets() -> dict:
    try:
        from forum_data.config import read_secrets
    except ImportError:  # written by another module; absent means no secrets file support yet
        return {}
    return read_secrets() or {}


def parse_forms(forms) -> dict[str, int]:
    """``"activites=3,partenaires=4"`` or ``{"Activités": 3}`` → ``{"activites": 3, ...}``.

    >>> parse_forms("Activités = 3 ; salles=7")
    {'activites': 3, 'salles': 7}
    """
    if isinstance(forms, str):
        pairs = []
        for item in re.split(r"[,;]", forms):
            if item.strip():
                slug, sep, form_id = item.partition("=")
                if not sep:
                    raise SourceError(
                        f"Réglage du wiki illisible « {item.strip()} » : écrivez "
                        f"onglet=numéro, par exemple activites=3, dans {_CONFIG_HINT}.", reason="unreadable")
                pairs.append((slug, form_id))
    elif isinstance(forms, dict):
        pairs = list(forms.items())
    else:
        raise SourceError(f"Les formulaires du wiki sont mal décrits : écrivez par exemple "
                          f"activites=3 dans {_CONFIG_HINT}.", reason="read_error")
    result: dict[str, int] = {}
    for name, form_id in pairs:
        slug = fold(name)
        if slug not in WIKI_TABS:
            raise SourceError(
                f"L'onglet « {str(name).strip()} » n'existe pas dans le classeur : utilisez "
                f"l'un de {', '.join(WIKI_TABS)} dans {_CONFIG_HINT}.", reason="read_error")
        text = str(form_id).strip()
        if not text.isdigit():
            raise SourceError(
                f"Le numéro de formulaire « {text} » pour l'onglet {slug} n'est pas un nombre : "
                f"indiquez le numéro du formulaire Bazar dans {_CONFIG_HINT}.", reason="read_error")
        result[slug] = int(text)
    if not result:
        raise SourceError(f"Aucun formulaire du wiki n'est indiqué : écrivez par exemple "
                          f"activites=3 dans {_CONFIG_HINT}.", reason="read_error")
    return result


def wiki_root(url: str) -> str:
    """The wiki's base address: page name, query and fragment dropped, ``/`` ended.

    >>> wiki_root("https://wiki.example.org/forum/?PagePrincipale")
    'https://wiki.example.org/forum/'
    >>> wiki_root("https://wiki.example.org/index.php?wiki=Accueil")
    'https://wiki.example.org/index.php'
    """
    url = url.strip()
    if "://" not in url:
        url = "https://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise SourceError("L'adresse du wiki n'est pas une adresse web : indiquez sa page "
                          "d'accueil (https://…) dans FORUM_YESWIKI_URL ou [yeswiki] url.", reason="read_error")
    path = parts.path or "/"
    if not path.endswith("/") and not path.endswith(".php"):
        path += "/"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


# --------------------------------------------------------------------------- HTTP

def api_prefixes(root: str) -> list[str]:
    """Where the API may answer: ``<root>?api/…`` first, then rewritten ``<root>api/…``.

    >>> api_prefixes("https://w.org/")
    ['https://w.org/?', 'https://w.org/']
    >>> api_prefixes("https://w.org/index.php")
    ['https://w.org/index.php?']
    """
    return [root + "?", root] if root.endswith("/") else [root + "?"]


class _Fetcher:
    """GET JSON from the wiki API, remembering which URL style answered."""

    def __init__(self, config: WikiConfig, session: requests.Session, timeout: float):
        self.config, self.session, self.timeout = config, session, timeout
        self.prefixes = api_prefixes(config.url)
        self.headers = {"Accept": "application/json"}
        if config.token:
            self.headers["Authorization"] = f"Bearer {config.token}"

    def get(self, route: str, slug: str, form_id: int):
        first_error = None
        for prefix in list(self.prefixes):
            try:
                data = self._get_once(prefix + route, slug, form_id)
            except _Retry as retry:  # 404 or not JSON: the other URL style may be the right one
                first_error = first_error or retry.error
                continue
            self.prefixes = [prefix]  # stick to the style that works: two requests per form
            return data
        raise first_error

    def _get_once(self, url: str, slug: str, form_id: int):
        host = self.config.host
        try:
            response = self.session.get(url, headers=self.headers, timeout=self.timeout)
        except requests.Timeout:
            raise SourceError(
                f"Le wiki {host} n'a pas répondu à temps (plus de {fr.seconds(self.timeout)}) : "
                f"réessayez dans quelques minutes ou vérifiez FORUM_YESWIKI_URL.", reason="timeout") from None
        except requests.RequestException:
            raise SourceError(
                f"Le wiki {host} est injoignable : vérifiez son adresse dans FORUM_YESWIKI_URL "
                f"ou [yeswiki] url, et la connexion à internet.", reason="network") from None
        status = response.status_code
        if status in (401, 403):
            if self.config.token:
                raise SourceError(
                    f"Le wiki {host} refuse le jeton d'accès configuré : demandez un jeton valide "
                    f"à un administrateur du wiki et mettez-le dans FORUM_YESWIKI_TOKEN ou [yeswiki] token.", reason="credentials")
            raise SourceError(
                f"L'API du wiki {host} n'est pas publique : demandez un jeton à un administrateur "
                f"du wiki et mettez-le dans FORUM_YESWIKI_TOKEN ou [yeswiki] token.", reason="credentials")
        if status == 404:
            raise _Retry(SourceError(
                f"Le formulaire {form_id} (onglet {slug}) est introuvable sur le wiki {host} : "
                f"vérifiez son numéro dans {_CONFIG_HINT}.", reason="not_found"))
        if status >= 400:
            raise SourceError(
                f"Le wiki {host} a répondu par une erreur (code {status}) : réessayez plus tard "
                f"ou prévenez un administrateur du wiki.", reason="server_error")
        try:
            return json.loads(response.content.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError):
            raise _Retry(SourceError(
                f"Le wiki {host} n'a pas renvoyé de données lisibles pour le formulaire {form_id} "
                f"(onglet {slug}) : vérifiez que FORUM_YESWIKI_URL est l'adresse d'accueil du wiki.", reason="read_error")) from None


class _Retry(Exception):
    def __init__(self, error: SourceError):
        super().__init__(str(error))
        self.error = error


def read_wiki_forms(config: WikiConfig, *, timeout: float = 20.0, session=None) -> list[RawSheet]:
    """One ``RawSheet`` per configured form, titled by its tab slug, in ``config.forms`` order.

    Two GET requests per form (``api/forms/<id>`` then ``api/forms/<id>/entries``), each with
    ``timeout`` seconds; a third only once, when ``?api/`` fails and the rewritten URL answers.
    """
    own = session is None
    session = session or requests.Session()
    try:
        fetcher = _Fetcher(config, session, timeout)
        sheets = []
        for slug, form_id in config.forms.items():
            form = _form_object(fetcher.get(f"api/forms/{form_id}", slug, form_id), config, slug, form_id)
            entries = fetcher.get(f"api/forms/{form_id}/entries", slug, form_id)
            sheets.append(form_sheet(slug, form, entries, config.url))
        return sheets
    finally:
        if own:
            session.close()


def _form_object(data, config: WikiConfig, slug: str, form_id: int) -> dict:
    # Some YesWiki versions wrap the form in a one-item list (EnumField::loadOptionsFromJSONForm).
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict) or not isinstance(data.get("prepared"), (list, dict)):
        raise SourceError(
            f"La réponse du wiki {config.host} pour le formulaire {form_id} (onglet {slug}) "
            f"n'est pas un formulaire Bazar : vérifiez son numéro dans {_CONFIG_HINT}.", reason="unreadable")
    return data


# --------------------------------------------------------------------------- shaping

@dataclass(frozen=True)
class _Column:
    key: str
    header: str
    options: dict[str, str] | None
    is_date: bool


def form_columns(form: dict) -> list[_Column]:
    """The form's value-holding fields, in form order.

    Layout-only fields (``labelhtml``, tabs, ACL, metadata…) have no ``propertyname``.
    """
    prepared = form["prepared"]
    fields = prepared.values() if isinstance(prepared, dict) else prepared
    columns, seen = [], set()
    for item in fields:
        if not isinstance(item, dict):
            continue
        key = item.get("propertyname")
        if not key or not isinstance(key, str) or key in seen:
            continue
        seen.add(key)
        header = clean_label(item.get("label")) or key
        options = item.get("options") if "options" in item else None
        columns.append(_Column(key, header, option_labels(options),
                               str(item.get("type") or "") in DATE_TYPES))
    return columns


class _TextOnly(HTMLParser):
    """Collects the text of an HTML fragment: entities decoded once, tags dropped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        self._separate(tag)

    def handle_endtag(self, tag):
        self._separate(tag)

    def _separate(self, tag):
        if tag not in _INLINE_TAGS:
            self.parts.append(" ")


def plain_text(value: str) -> str:
    """A value the wiki stored as HTML, as people typed it: entities decoded, tags dropped
    (their text kept), whitespace collapsed.

    YesWiki purifies what it stores: ``&`` comes back ``&amp;``, a typed tag comes back
    rewritten. Every text value goes through here once, so the rest of the pipeline sees
    plain text, as from a sheet.

    >>> plain_text("Arts &amp; sciences")
    'Arts & sciences'
    >>> plain_text('<img src="x" alt="x" /> Atelier piège')
    'Atelier piège'
    >>> plain_text("<p>Salle <b>A</b>1</p><p>RDC &lt;gauche&gt;</p>")
    'Salle A1 RDC <gauche>'
    >>> plain_text("3 < 5 &amp;&amp; R&D")
    '3 < 5 && R&D'
    """
    parser = _TextOnly()
    parser.feed(value)
    parser.close()
    return " ".join("".join(parser.parts).split())


def clean_label(label) -> str:
    """A field label as people read it (see ``plain_text``); ``""`` when it is not text."""
    if not isinstance(label, str):
        return ""
    return plain_text(label)


def option_labels(options) -> dict[str, str] | None:
    """``options`` as a ``key → label`` map; ``None`` when the field has none (plain values).

    PHP serialises keys ``0..n-1`` as a JSON list, so a list is read by index. A tree list's
    child label comes as ``" Parent ➤ Child"``; the child's own label is kept.
    """
    if isinstance(options, list):
        options = {str(i): label for i, label in enumerate(options)}
    if not isinstance(options, dict):
        return None
    return {str(key): clean_label(str(label)).split("➤")[-1].strip()
            for key, label in options.items() if label is not None}


def list_cell(value: str, options: dict[str, str]) -> str:
    """Stored keys (comma-separated) → their labels joined by ``", "``; unknown keys kept."""
    keys = [key.strip() for key in value.split(",") if key.strip()]
    return ", ".join(options.get(key, key) for key in keys)


def cell_text(value, column: _Column | None = None) -> str:
    """An entry value as cell text (see ``base.py``): list keys → labels, dates → local
    time, any other text → ``plain_text``; dictionaries hold no cell text."""
    if value is None or isinstance(value, dict):
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list):
        value = ",".join(cell_text(v) for v in value if cell_text(v))
    text = str(value).strip()
    if column is not None and column.options is not None:
        return list_cell(text, column.options)
    if column is not None and column.is_date:
        return date_text(text)
    return plain_text(text)


def date_text(text: str) -> str:
    """``"2024-07-03T14:30:00+02:00"`` → ``"2024-07-03 14:30:00"`` (the wiki's wall-clock time).

    >>> date_text("2024-07-03"), date_text("2024-07-03T14:30:00+02:00")
    ('2024-07-03', '2024-07-03 14:30:00')
    """
    match = _ISO_DATETIME.match(text)
    if not match:
        return text
    return f"{match[1]} {match[2]}{match[3] or ':00'}"


def entry_list(entries) -> list[dict]:
    """The entries whatever the version's shape: object keyed by id, list, or ``null``.

    PHP warnings printed during the request come back as an extra ``rawOutput`` string
    (or as the whole answer when there are no entries): anything that is not an entry is
    skipped.
    """
    if isinstance(entries, dict):
        items = [dict(value, id_fiche=value.get("id_fiche") or key)
                 for key, value in entries.items() if isinstance(value, dict)]
    elif isinstance(entries, list):
        items = [value for value in entries if isinstance(value, dict)]
    else:
        items = []
    # Oldest first, so that "the lowest row wins" means "the latest entry wins".
    return sorted(items, key=lambda e: str(e.get("date_creation_fiche") or ""))


def form_sheet(slug: str, form: dict, entries, wiki_url: str) -> RawSheet:
    """The tab a form makes: labels as headers, one row per entry, refs to entry pages."""
    columns = form_columns(form)
    headers = [c.header for c in columns]
    with_created = fold(CREATED_HEADER) not in {fold(h) for h in headers}
    if with_created:
        headers.append(CREATED_HEADER)
    rows, refs = [headers], [RowRef(row=None, url=wiki_url)]
    for entry in entry_list(entries):
        row = [cell_text(entry.get(c.key), c) for c in columns]
        if with_created:
            row.append(date_text(cell_text(entry.get("date_creation_fiche"))))
        while row and row[-1] == "":
            row.pop()
        entry_id = str(entry.get("id_fiche") or "")
        url = entry.get("url") if isinstance(entry.get("url"), str) else None
        rows.append(row)
        refs.append(RowRef(row=None, entry=entry_id or None,
                           url=url or (f"{wiki_url}?{entry_id}" if entry_id else None)))
    return RawSheet(title=slug, rows=rows, refs=refs, origin="yeswiki")


# --------------------------------------------------------------------------- workbook

def tab_key(title: str) -> str:
    """The slug a tab title stands for: ``"Classeur - Activités.csv"`` → ``activites``."""
    title = re.sub(r"\.(csv|xlsx|ods)$", "", title.strip(), flags=re.IGNORECASE)
    return fold(title.rsplit(" - ", 1)[-1])


def apply_wiki(workbook: RawWorkbook, sheets: list[RawSheet]) -> RawWorkbook:
    """``workbook`` with each wiki sheet in place of the tab of the same slug.

    Tabs the wiki does not feed are kept as they are; a wiki sheet with no matching tab
    is added at the end. The source description names the wiki and its tabs.
    """
    if not sheets:
        return workbook
    by_slug = {tab_key(s.title): s for s in sheets}
    placed, result = set(), []
    for sheet in workbook.sheets:
        slug = tab_key(sheet.title)
        if slug in by_slug:
            if slug not in placed:
                result.append(by_slug[slug])
                placed.add(slug)
            continue
        result.append(sheet)
    result += [s for slug, s in by_slug.items() if slug not in placed]
    host = next((urlsplit(s.refs[0].url).netloc for s in sheets if s.refs and s.refs[0].url), "")
    label = f"wiki {host}".strip()
    source = f"{workbook.source} + {label} ({', '.join(by_slug)})"
    extra = {**workbook.extra, "yeswiki": {"host": host, "tabs": list(by_slug)}}
    return replace(workbook, source=source, sheets=result, extra=extra)
