"""A YesWiki Bazar API on 127.0.0.1, answering in YesWiki's own shapes (for tests).

It serves ``?api/forms/<id>`` (query-string routing, what a YesWiki 4.4 answers out of the
box) and, on request, ``/api/forms/<id>`` (rewritten URLs), the form definition as
``FormManager::getOne`` + ``BazarField::jsonSerialize`` build it, and the entries as
``EntryManager::search`` does (an object keyed by ``id_fiche``, ``{}`` when empty). Text is
stored as the wiki stores it: HTML, ``&`` as ``&amp;``. See docs/yeswiki-notes.md.

>>> wiki = YesWikiEmulator()
>>> wiki.add_form(3, "Activités", [text_field("bf_titre", "Titre"), text_field("bf_lieu", "Lieu")],
...               [entry("MaFiche", 3, "2024-05-02 10:00:00", bf_titre="Arts & sciences")])
>>> with wiki:
...     import requests
...     fiche = requests.get(wiki.url + "?api/forms/3/entries").json()["MaFiche"]
...     fiche["bf_titre"], fiche["bf_lieu"], requests.get(wiki.url + "?api/forms/9/entries").text
('Arts &amp; sciences', '', '{}')
"""
from __future__ import annotations

import html
import json
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

HOME_PAGE = b"<!DOCTYPE html><html><head><title>PagePrincipale</title></head><body>Wiki</body></html>"
PHP_FATAL = b"<br />\n<b>Fatal error</b>:  Uncaught Error in /var/www/tools/bazar/services/EntryManager.php"


# --------------------------------------------------------------------------- YesWiki shapes

def _base_field(propertyname, label, type_, name=None, required=False, read_acl="*", write_acl="*"):
    # BazarField::jsonSerialize
    return {"id": propertyname, "propertyname": propertyname, "label": label,
            "name": name if name is not None else propertyname, "type": type_,
            "default": "", "searchable": "", "required": required, "helper": "",
            "read_acl": read_acl, "write_acl": write_acl}


def text_field(propertyname, label, *, type="texte", required=False, read_acl="*"):
    """A ``texte`` / ``textelong`` / ``champs_mail`` / ``jour`` field (no options)."""
    return _base_field(propertyname, label, type, required=required, read_acl=read_acl)


def date_field(propertyname, label, *, type="listedatedeb", required=False):
    return _base_field(propertyname, label, type, required=required)


def list_field(kind, list_name, label, options, *, suffix="", required=False, read_acl="*"):
    """A list field: ``kind`` is ``checkbox``, ``liste`` (select) or ``radio``.

    Property name as in EnumField: type + list name + suffix, e.g.
    ``checkboxListeThemebf_thematiques`` (a real 4.4 wiki's own form); ``options`` maps stored
    keys to labels.
    """
    field = _base_field(f"{kind}{list_name}{suffix}", label, kind, name=suffix,
                        required=required, read_acl=read_acl)
    field.update({"linkedObjectName": list_name, "queries": "", "options": options})
    if kind == "checkbox":
        field["field_type"] = "CheckboxListField"
    return field


def label_field(text):
    """A layout-only ``labelhtml`` field: no propertyname, no label (LabelField::jsonSerialize)."""
    return {"field_type": "LabelField", "type": "labelhtml", "viewtext": text,
            "formtext": text, "useWikiSyntax": False}


def form(form_id, label, fields):
    """A form as ``FormManager::getOne`` returns it (the database row + template + prepared)."""
    return {"bn_id_nature": str(form_id), "bn_ce_i18n": "fr-FR", "bn_label_nature": label,
            "bn_template": "", "bn_description": "", "bn_sem_context": "", "bn_sem_type": "",
            "bn_sem_use_template": "1", "bn_condition": "", "template": [], "prepared": fields}


def stored_text(typed: str) -> str:
    """Text typed into the wiki's entry form as the wiki stores it and sends it back.

    HTMLPurifier encodes ``&``, ``<`` and ``>`` (quotes and accents come back as typed). A
    typed *tag* is rewritten, not encoded (``<img src=x onerror=…>`` comes back
    ``<img src="x" alt="x" />``): give such values through ``entry(raw=…)`` as a real
    wiki returned them.
    """
    return html.escape(typed, quote=False)


def entry(id_fiche, form_id, created, *, raw=None, **values):
    """A stored entry: ``values`` as typed (stored through ``stored_text``), ``raw`` as stored.

    Every value is a string, like the wiki's; ``url`` is filled in by the emulator from its
    own address, empty fields by the form's field list.
    """
    fields = {key: stored_text(str(value)) for key, value in values.items()}
    fields.update(raw or {})
    html_data = "".join(f' data-{key}="{html.escape(value)}"' for key, value in fields.items())
    return {"id_fiche": id_fiche, "id_typeannonce": str(form_id), **fields,
            "date_creation_fiche": created, "date_maj_fiche": created, "statut_fiche": "1",
            "user": "WikiAdmin", "owner": "WikiAdmin", "html_data": html_data}


# --------------------------------------------------------------------------- server

@dataclass
class Fault:
    """Answer ``times`` requests (None: all) badly, after ``after`` good ones.

    ``kind``: ``status`` (code ``status``, empty body), ``hang`` (no answer for ``delay`` s),
    ``garbage`` (a PHP fatal error with a JSON content type), ``html`` (a web page).
    """

    kind: str
    status: int = 500
    after: int = 0
    times: int | None = None
    delay: float = 10.0


class YesWikiEmulator:
    """Real HTTP server; use as a context manager or call ``start()`` / ``stop()``.

    - ``token``: when set, the API answers 401 "Not enough access rights" without
      ``Authorization: Bearer <token>`` (YesWiki's ApiService + RunSpecialPages).
    - ``routing``: ``"query"`` (only ``?api/…``; ``/api/…`` is a web server 404, as on a 4.4
      wiki, which ships no rewrite rules), ``"rewrite"`` (only ``/api/…``; ``?api/…`` shows
      the home page) or ``"both"``.
    - ``entries_shape``: ``"object"`` (keyed by id_fiche) or ``"list"`` (newer versions sort
      with ``usort``, which renumbers keys, so PHP sends a JSON list).
    - ``empty``: what the entries of an empty or unknown form answer: ``"object"`` (``{}``,
      Symfony's ``JsonResponse`` turns ``null`` into an empty object) or ``"null"``.
    - ``restricted``: how a field whose ``read_acl`` is not ``*`` reaches anonymous readers:
      ``"empty"`` (Guard::checkAcls sets it to ``""``) or ``"absent"`` (key missing).
    - ``requests``: every request seen, as ``(target, headers)``.
    """

    def __init__(self, *, token=None, routing="query", entries_shape="object", empty="object",
                 restricted="empty"):
        self.token, self.routing, self.empty = token, routing, empty
        self.entries_shape, self.restricted = entries_shape, restricted
        self.forms: dict[int, dict] = {}
        self.entries: dict[int, list[dict]] = {}
        self.requests: list[tuple[str, dict]] = []
        self.fault: Fault | None = None
        self._answered = 0
        self._faulted = 0
        self._lock = threading.Lock()
        self._release = threading.Event()
        self._server = None
        self._thread = None

    # -- data
    def add_form(self, form_id, label, fields, entries=()):
        self.forms[form_id] = form(form_id, label, fields)
        self.entries[form_id] = list(entries)

    def inject(self, kind, **options):
        """Set the fault (see ``Fault``); ``inject(None)`` clears it."""
        self.fault = Fault(kind, **options) if kind else None
        self._faulted = 0

    @property
    def count(self) -> int:
        return len(self.requests)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    # -- lifecycle
    def start(self):
        emulator = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                emulator._handle(self)

            def log_message(self, *args):
                pass

        self._release.clear()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._release.set()  # free hanging handlers
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- answering
    def _handle(self, handler):
        with self._lock:
            self.requests.append((handler.path, dict(handler.headers)))
            fault = self._take_fault()
        if fault is not None:
            return self._answer_fault(handler, fault)
        route = self._route(handler.path)
        if route is None:
            return self._send(handler, 200, HOME_PAGE, "text/html; charset=UTF-8")
        if route is False:
            return self._send(handler, 404, b"<html><body><h1>Not Found</h1></body></html>",
                              "text/html; charset=iso-8859-1")
        if self.token and handler.headers.get("Authorization") != f"Bearer {self.token}":
            return self._send(handler, 401, b"Not enough access rights", "text/html; charset=UTF-8")
        parts = route.strip("/").split("/")
        if len(parts) in (3, 4) and parts[:2] == ["api", "forms"] and parts[2].isdigit():
            form_id = int(parts[2])
            if len(parts) == 4 and parts[3] == "entries":
                return self._json(handler, self._entries_payload(form_id))
            if len(parts) == 3 and form_id in self.forms:
                return self._json(handler, self.forms[form_id])
        return self._send(handler, 404, b"", "text/html; charset=UTF-8")

    def _take_fault(self):
        fault = self.fault
        if fault is None:
            return None
        if self._answered < fault.after:
            self._answered += 1
            return None
        if fault.times is not None and self._faulted >= fault.times:
            return None
        self._faulted += 1
        return fault

    def _route(self, target):
        """The API route of a request target; ``None``: not the API; ``False``: web server 404."""
        parts = urlsplit(target)
        query = unquote(parts.query.split("&", 1)[0])
        if query.startswith("api/") or query == "api":
            return query if self.routing in ("both", "query") else None
        if parts.path.startswith("/api/"):
            return parts.path[1:] if self.routing in ("both", "rewrite") else False
        return None

    def _entries_payload(self, form_id):
        fields = self.forms[form_id]["prepared"] if form_id in self.forms else []
        keys = [f["propertyname"] for f in fields if f.get("propertyname")]
        restricted = [f["propertyname"] for f in fields
                      if f.get("propertyname") and f.get("read_acl", "*") not in ("*", "")]
        entries = []
        for stored in self.entries.get(form_id, ()):
            shown = {key: "" for key in keys} | dict(stored, url=f"{self.url}?{stored['id_fiche']}")
            for key in restricted:
                if self.restricted == "empty":
                    shown[key] = ""
                else:
                    shown.pop(key, None)
            entries.append(shown)
        if not entries:  # ApiResponse(empty($entries) ? null : $entries), null sent as {}
            return {} if self.empty == "object" else None
        if self.entries_shape == "list":
            return entries
        return {e["id_fiche"]: e for e in entries}

    def _answer_fault(self, handler, fault):
        if fault.kind == "hang":
            self._release.wait(fault.delay)
            return self._json(handler, None)
        if fault.kind == "garbage":
            return self._send(handler, 200, PHP_FATAL, "application/json")
        if fault.kind == "html":
            return self._send(handler, 200, HOME_PAGE, "text/html; charset=UTF-8")
        return self._send(handler, fault.status, b"", "text/html; charset=UTF-8")

    def _json(self, handler, data):
        # PHP's json_encode escapes non-ASCII characters and slashes by default.
        body = json.dumps(data).replace("/", "\\/").encode("ascii")
        self._send(handler, 200, body, "application/json")

    @staticmethod
    def _send(handler, status, body, content_type):
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)
