"""The snapshot on disk: written after a good read of a remote source, no name in clear, private files,
restored after a restart during an outage, purged by the command."""
from __future__ import annotations

import argparse
import dataclasses
import json
import stat

import pytest

from forum_data import snapshot
from forum_data.cli_snapshot import add_snapshot_commands, run_snapshot_command
from forum_data.forum import build_forum
from forum_data.sources import SAMPLE_DIR, read_csv_folder
from tests.emulators.sheets import SheetsEmulator
from tests.apptest import banner, dashboard
from tests.builders import collective_of
from tests.workbooks import KEY, sample_tabs

SPEC = "https://docs.google.com/spreadsheets/d/1FoRuMbReSt2024CoOpErAtIfS_aBcDeFgHiJkLmNoPq/edit"


@pytest.fixture
def remote_forum():
    """The sample, as if read from Google Sheets (a remote source, worth a snapshot)."""
    workbook = dataclasses.replace(read_csv_folder(SAMPLE_DIR), kind="gsheets", source="Google Sheets « Forum 2024 »")
    return build_forum(workbook, fingerprint=True)


def names_of(forum) -> set[str]:
    """People's names and hosts (porteurs are often structures, also listed as such elsewhere)."""
    tables = forum.tables
    return ({m.name for m in tables.members} | {p.name for p in tables.participants}
            | {o.name for o in tables.offers}) - {""}


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_snapshot_is_private_and_holds_no_name_in_clear(tmp_path, remote_forum):
    folder = tmp_path / "cache" / "forum"
    path = snapshot.save_snapshot(remote_forum, SPEC, directory=folder, secrets={})
    assert path == folder / "instantane.json"
    assert mode(folder) == 0o700 and mode(path) == 0o600 and mode(folder / "cle-instantane") == 0o600
    text = path.read_text(encoding="utf-8")
    names = names_of(remote_forum)
    assert len(names) > 40                               # the sample's people, hosts and porteurs
    assert not [name for name in names if name in text]
    leaders = [p["leader"] for p in json.loads(text)["forum"]["tables"]["proposals"] if p["leader"]]
    assert leaders and all(leader.startswith("Nom masqué ") for leader in leaders)
    assert "1FoRuMbReSt2024" not in text                 # the source's address is hashed too
    for personal in ("@example.org", "06 39 98", "rue Imaginaire"):
        assert personal not in text


def test_restored_snapshot_gives_the_same_figures_with_pseudonyms(tmp_path, remote_forum):
    snapshot.save_snapshot(remote_forum, SPEC, directory=tmp_path, secrets={})
    restored = snapshot.load_snapshot(SPEC, directory=tmp_path, secrets={})
    assert restored is not None
    assert collective_of(restored) == collective_of(remote_forum)
    assert restored.rows == remote_forum.rows and restored.settings == remote_forum.settings
    assert len(restored.issues) == len(remote_forum.issues)
    assert [p.attendance for p in restored.tables.proposals] == [p.attendance for p in remote_forum.tables.proposals]
    assert restored.read_at == remote_forum.read_at
    # Pseudonyms are not the content read: figures cached for the real read must not serve them.
    assert remote_forum.fingerprint and restored.fingerprint is None
    member = remote_forum.tables.members[0]
    hidden = restored.tables.members[0]
    assert hidden.name.startswith("Nom masqué ") and hidden.name != member.name
    assert dataclasses.replace(hidden, name=member.name) == member
    # The same person keeps the same pseudonym wherever the name appears (matching still works).
    assert hidden.name == snapshot.pseudonym(member.name, snapshot.snapshot_key(tmp_path, {}))


def test_local_sources_and_the_sample_are_not_snapshotted(tmp_path):
    forum = build_forum(read_csv_folder(SAMPLE_DIR))
    assert snapshot.save_snapshot(forum, str(SAMPLE_DIR), directory=tmp_path, secrets={}) is None
    assert not list(tmp_path.iterdir())


def test_a_snapshot_of_another_source_or_damaged_is_ignored(tmp_path, remote_forum):
    path = snapshot.save_snapshot(remote_forum, SPEC, directory=tmp_path, secrets={})
    assert snapshot.load_snapshot("https://cloud.example.org/s/autre", directory=tmp_path, secrets={}) is None
    path.write_text('{"format": 1, "source": "x", "forum": {', encoding="utf-8")
    assert snapshot.load_snapshot(SPEC, directory=tmp_path, secrets={}) is None


def test_the_key_may_come_from_the_secrets(tmp_path, remote_forum):
    secrets = {"forum": {"snapshot_key": "une-clé-longue-et-secrète"}}
    snapshot.save_snapshot(remote_forum, SPEC, directory=tmp_path, secrets=secrets)
    assert not (tmp_path / "cle-instantane").exists()
    assert snapshot.load_snapshot(SPEC, directory=tmp_path, secrets=secrets) is not None
    assert snapshot.load_snapshot(SPEC, directory=tmp_path, secrets={}) is None      # another key: no match


def test_default_directory_is_outside_the_repository(monkeypatch, tmp_path):
    monkeypatch.delenv("FORUM_SNAPSHOT_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert snapshot.snapshot_dir() == tmp_path / "xdg" / "forum-usages-cooperatifs"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert ".cache" in snapshot.snapshot_dir().parts
    monkeypatch.setenv("FORUM_SNAPSHOT_DIR", str(tmp_path / "ici"))
    assert snapshot.snapshot_dir() == tmp_path / "ici"


def purge(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    add_snapshot_commands(parser.add_subparsers(dest="command"))
    return run_snapshot_command(parser.parse_args(argv))


def test_purge_command_deletes_snapshot_and_key(tmp_path, remote_forum, capsys, monkeypatch):
    monkeypatch.setenv("FORUM_SNAPSHOT_DIR", str(tmp_path / "snap"))
    snapshot.save_snapshot(remote_forum, SPEC, secrets={})
    assert purge(["purge-snapshot"]) == 0
    assert capsys.readouterr().out.startswith("Instantané effacé (2 fichiers)")
    assert not (tmp_path / "snap").exists()
    assert purge(["purge-snapshot", "--dir", str(tmp_path / "snap")]) == 0
    assert capsys.readouterr().out.startswith("Aucun instantané à effacer")


# -- a restart during an outage, through the dashboard ---------------------------------------------

def test_after_a_restart_during_an_outage_the_snapshot_is_shown_without_names(isolated, monkeypatch):
    import streamlit

    with SheetsEmulator() as sheets:
        sheets.add_spreadsheet(KEY, sample_tabs(), link_shared=True)
        monkeypatch.setenv("FORUM_GOOGLE_ENDPOINT", sheets.url)
        monkeypatch.setenv("FORUM_SOURCE", KEY)
        monkeypatch.setenv("FORUM_CACHE_TTL", "0")
        at = dashboard().run()
        assert not at.exception and banner(at) is None
        saved = isolated / "instantane" / "instantane.json"
        assert saved.is_file()
        document = json.loads(saved.read_text(encoding="utf-8"))
        assert "Le Bihan" not in json.dumps(document, ensure_ascii=False)
        figures = [(m.label, m.value) for m in at.metric]

        # Restart: the process's caches are gone; Google answers 503 from now on.
        streamlit.cache_data.clear()
        streamlit.cache_resource.clear()
        sheets.fail(503)
        at = dashboard().run()
        assert not at.exception
        assert [(m.label, m.value) for m in at.metric] == figures
        text = banner(at)
        assert "la source ne répond pas (service momentanément indisponible)" in text
        assert "les noms ne sont pas disponibles" in text
