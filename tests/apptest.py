"""The dashboard frame under Streamlit's AppTest, and what a test reads from a run.

``dashboard()`` is the frame (dashboard.py), ``login``/``open_page`` drive it, ``texts``, ``figures``,
``profile`` and ``banner`` read what the browser would be sent. The ``isolated`` and
``recorded_files`` fixtures that go with them live in tests/conftest.py.
"""
from __future__ import annotations

import json
from pathlib import Path

from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.runtime.pages_manager import PagesManager
from streamlit.testing.v1 import AppTest

from forum_data.access import hash_password
from tests.builders import write_csv_workbook
from ui.registry import PAGES

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
TIMEOUT = 60
PASSWORDS = {"comite": "comite-Brest-2024", "benevole": "benevole-Brest-2024", "ville": "ville-Brest-2024"}
TEXT_ELEMENTS = ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error",
                 "success", "exception", "latex", "code")


class FramePagesManager(PagesManager):
    """AppTest resets ``PagesManager.uses_pages_directory`` before every run; since the repository
    has a ``pages/`` folder, every run after the first would then execute the page file alone
    (Streamlit's old multipage mode), skipping the frame. A real server keeps the flag False
    once ``st.navigation`` ran, so the frame runs on every rerun: do the same here."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        PagesManager.uses_pages_directory = False


class RecordingStorage(MemoryMediaFileStorage):
    """The media storage of AppTest's runs, keeping every file the page hands to the browser."""

    files: list[tuple[str, bytes]] = []

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        data = path_or_data if isinstance(path_or_data, bytes) else Path(path_or_data).read_bytes()
        RecordingStorage.files.append((mimetype, data))
        return super().load_and_get_id(path_or_data, mimetype, kind, filename)


def dashboard() -> AppTest:
    return AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT)


def dashboard_pages() -> dict[str, str]:
    """slug → script path of every page the frame declares (ui/registry.py)."""
    return {page.slug: page.file for page in PAGES}


def write_secrets(monkeypatch, folder: Path, text: str) -> Path:
    path = folder / "secrets.toml"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("FORUM_SECRETS_FILE", str(path))
    return path


def password_secrets(monkeypatch, folder: Path, *, hashed: tuple[str, ...] = ("benevole",)) -> Path:
    """``[access]`` with the three role passwords, those in ``hashed`` as salted hashes (few iterations)."""
    lines = ["[access]"]
    for slug, password in PASSWORDS.items():
        stored = hash_password(password, iterations=1000) if slug in hashed else password
        lines.append(f'{slug} = "{stored}"')
    return write_secrets(monkeypatch, folder, "\n".join(lines) + "\n")


def login(at: AppTest, password: str) -> AppTest:
    at.text_input[0].input(password)
    at.button[0].click()   # the form's « Entrer »
    return at.run()


def open_page(monkeypatch, folder: Path, tabs: dict[str, list[list[str]]], page: str,
              password: str | None = None) -> AppTest:
    """The dashboard on ``tabs`` written as a CSV folder, logged in with ``password`` if given, on ``page``."""
    monkeypatch.setenv("FORUM_SOURCE", str(write_csv_workbook(folder / "classeur", tabs)))
    if password:
        password_secrets(monkeypatch, folder)
    at = dashboard().run()
    if password:
        login(at, password)
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """Click the tab ``label`` of the lazy tabs ``key`` (``st.tabs(..., on_change="rerun")``) and rerun."""
    at.session_state[key] = label
    at.run()
    assert not at.exception, at.exception
    return at


def figures(at: AppTest) -> list[dict]:
    """The plotly figures of the run, as the JSON specs the browser receives."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def texts(at: AppTest, *, sidebar: bool = True) -> list[str]:
    """Every text body rendered (main area, and sidebar unless told otherwise), widget labels included."""
    found = []
    blocks = [at.main] + ([at.sidebar] if sidebar else [])
    for block in blocks:
        for kind in TEXT_ELEMENTS:
            found += [str(element.value) for element in block.get(kind)]
        for kind in ("metric",):
            for element in block.get(kind):
                found += [str(element.label), str(element.value), str(getattr(element.proto, "delta", ""))]
        for kind in ("button", "download_button", "text_input", "selectbox", "multiselect", "radio",
                     "checkbox", "toggle", "page_link", "expander", "tab", "segmented_control", "pills"):
            for element in block.get(kind):
                label = getattr(element, "label", None) or getattr(element.proto, "label", "")
                found.append(str(label))
                help_text = getattr(element.proto, "help", "")
                if help_text:
                    found.append(str(help_text))
                for option in getattr(element, "options", []) or []:
                    found.append(str(option))
    return found


def nodes(node):
    """The node and every node below it in a run's element tree (``nodes(at._tree)``: all of the run)."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from nodes(child)


def profile(at: AppTest) -> str | None:
    return next((c.value for c in at.sidebar.caption if c.value.startswith("Profil : ")), None)


def unescaped(text: str) -> str:
    """A banner body without the Markdown escapes of ui.text.plain.

    >>> unescaped("Salle \\\\[A\\\\]")
    'Salle [A]'
    """
    return text.replace("\\", "")


def banner(at: AppTest) -> str | None:
    """The « la source ne répond pas » warning of the run, unescaped (None: no such banner)."""
    bodies = [unescaped(w.value) for w in at.main.warning if "la source ne répond pas" in unescaped(w.value)]
    return bodies[0] if bodies else None
