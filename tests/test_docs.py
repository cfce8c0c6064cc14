"""The repository stands on its own: its Markdown links lead to files inside it, the workbook's
French reference names every tab, column and synonym of schema.py, and the interface page every
command of the command line."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from forum_data.cli import _parser
from forum_data.schema import TABS

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
CODE = re.compile(r"`[^`]+`")   # a code span may wrap to the next line
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|\b(?:src|href)=\"([^\"]+)\"")


def relative_links(text: str) -> list[str]:
    """The link and image targets of a Markdown text that point to files (no scheme, no bare anchor);
    code blocks and code spans are not links.

    >>> relative_links('[a](docs/x.md#t) ![b](img.png) [c](https://e.org) [d](#top) `[e](no.md)` <img src="p.png">')
    ['docs/x.md', 'img.png', 'p.png']
    """
    text = CODE.sub("", FENCE.sub("", text))
    targets = [m[1] or m[2] for m in LINK.finditer(text)]
    return [t.split("#", 1)[0] for t in targets
            if not re.match(r"^[a-z][a-z0-9+.-]*:", t, re.IGNORECASE) and not t.startswith("#")]


@pytest.mark.parametrize("doc", DOCS, ids=[str(d.relative_to(ROOT)) for d in DOCS])
def test_relative_links_lead_to_files_in_the_repository(doc):
    dead = []
    for target in relative_links(doc.read_text(encoding="utf-8")):
        path = (doc.parent / target).resolve()
        if not path.is_relative_to(ROOT) or not path.exists():
            dead.append(target)
    assert dead == []


@pytest.mark.parametrize("doc", DOCS, ids=[str(d.relative_to(ROOT)) for d in DOCS])
def test_docs_never_send_readers_outside_the_repository(doc):
    assert "../shared" not in doc.read_text(encoding="utf-8")


def test_a_dead_link_is_found(tmp_path):
    assert relative_links("voir [le guide](docs/guide.md) et [rien](docs/absent.md)") == ["docs/guide.md", "docs/absent.md"]
    assert not (ROOT / "docs" / "absent.md").exists()


def section(text: str, title: str) -> str:
    """The text under ``### title`` up to the next heading of that level or above."""
    start = text.index(f"\n### {title}\n")
    end = re.search(r"\n#{1,3} ", text[start + 1:])
    return text[start: start + 1 + end.start()] if end else text[start:]


@pytest.mark.parametrize("slug", list(TABS))
def test_workbook_reference_names_every_column_and_synonym(slug):
    text = section((ROOT / "docs" / "classeur.md").read_text(encoding="utf-8"), TABS[slug].title)
    missing = [c.header for c in TABS[slug].columns if f"| {c.header}" not in text]
    missing += [alias for c in TABS[slug].columns for alias in c.aliases if f"`{alias}`" not in text]
    assert missing == []
    assert text.count("\n|") >= len(TABS[slug].columns) + 4, "a table of columns and an example row"


def test_interface_names_every_command():
    commands = next(a for a in _parser()._actions if a.dest == "command").choices
    text = (ROOT / "docs" / "interface.md").read_text(encoding="utf-8")
    assert [name for name in commands if f"python -m forum_data {name}" not in text] == []
