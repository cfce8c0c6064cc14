"""The command line of docs/interface.md: exit codes, JSON keys, French one-line errors, template."""
import json

import pytest
from openpyxl import load_workbook

from forum_data.schema import TABS
from tests.builders import write_csv_workbook
from tests.cli import KEYS, run
from tests.httpserver import unused_port


def test_report_json_on_the_sample_has_every_key():
    proc = run("report", "--json")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert list(report)[: len(KEYS)] == KEYS
    assert report["source"] == "exemple fourni (données fictives)"
    assert list(report["rows"]) == list(TABS)


def test_report_text_is_french():
    proc = run("report")
    assert proc.returncode == 0
    assert "Collectif : 21 membres actifs sur un seuil de 20 — viable." in proc.stdout
    assert "nuit du 3 au 4 juillet : besoin 26 (dont 3 PMR), offre 23, couvert 23" in proc.stdout


def test_report_figures_on_a_small_folder(tmp_path):
    folder = write_csv_workbook(tmp_path / "classeur", {
        "Collectif": [["Nom", "Statut"], ["Ana", "actif"], ["Bob", "intéressé"]],
        "Paramètres": [["Paramètre", "Valeur"], ["Seuil collectif", "2"]]})
    report = json.loads(run("report", str(folder), "--json").stdout)
    assert report["collective"] | {"uncovered_roles": []} == {
        "active": 1, "interested": 1, "withdrawn": 0, "threshold": 2, "viable": False, "missing": 1,
        "uncovered_roles": []}


@pytest.mark.parametrize("args", [["report", "/nonexistent/classeur.xlsx"], ["check", "/nonexistent/dossier"],
                                  ["report", "/nonexistent/classeur.xlsx", "--json"]])
def test_missing_source_is_one_french_line_and_exit_2(args):
    proc = run(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("Source introuvable")


def test_unreachable_endpoint_is_one_french_line_and_exit_2():
    proc = run("report", f"http://127.0.0.1:{unused_port()}/classeur.xlsx")
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("Connexion impossible au serveur 127.0.0.1:")


def test_no_tab_of_the_contract_is_exit_2(tmp_path):
    folder = write_csv_workbook(tmp_path / "autre", {"Budget": [["Poste", "Montant"], ["Café", "12"]]})
    proc = run("report", str(folder))
    assert proc.returncode == 2 and "Aucun onglet du classeur du forum" in proc.stderr


def test_check_exits_1_on_errors_and_0_on_warnings_only(tmp_path):
    proc = run("check")  # the sample holds two errors
    assert proc.returncode == 1
    assert "[Erreur] Salles — Ligne 10, colonne « Capacité » : « trente » n'est pas un nombre." in proc.stdout
    assert proc.stderr.strip() == "2 erreurs, 11 avertissements."
    clean = write_csv_workbook(tmp_path / "propre", {"Salles": [["Salle", "Capacité"], ["A", "30 places"]]})
    proc = run("check", str(clean))
    assert proc.returncode == 0
    assert "« 30 places » contient du texte" in proc.stdout


def test_template_writes_every_tab_and_never_overwrites(tmp_path):
    proc = run("template", cwd=tmp_path)
    path = tmp_path / "classeur-forum.xlsx"
    assert proc.returncode == 0 and path.exists()
    book = load_workbook(path)
    for tab in TABS.values():
        assert [c.value for c in book[tab.title][1]] == [c.header for c in tab.columns]
    before = path.read_bytes()
    proc = run("template", cwd=tmp_path)
    assert proc.returncode == 2 and "--force" in proc.stderr and path.read_bytes() == before
    assert run("template", "--force", cwd=tmp_path).returncode == 0


def test_template_reads_back_as_an_empty_workbook(tmp_path):
    path = tmp_path / "vide.xlsx"
    assert run("template", str(path)).returncode == 0
    proc = run("report", str(path), "--json")
    report = json.loads(proc.stdout)
    assert {k: v["read"] for k, v in report["rows"].items()} == dict.fromkeys(TABS, 0)
    assert report["issues"] == []
    assert report["collective"]["active"] == 0 and report["proposals"]["total"] == 0


def test_hash_password_output_is_accepted_by_check_password():
    from forum_data.access import check_password

    proc = run("hash-password", "--password", "brest 2024")
    stored = proc.stdout.strip()
    assert proc.returncode == 0 and stored.startswith("pbkdf2_sha256$") and "brest" not in stored
    assert check_password("brest 2024", stored) and not check_password("brest 2025", stored)


def test_purge_snapshot_deletes_the_snapshot_and_its_key(tmp_path):
    folder = tmp_path / "instantane"
    folder.mkdir()
    (folder / "instantane.json").write_text("{}")
    (folder / "cle-instantane").write_text("k")
    (folder / "autre.txt").write_text("gardé")
    proc = run("purge-snapshot", "--dir", str(folder))
    assert proc.returncode == 0 and proc.stdout.startswith("Instantané effacé (2 fichiers)")
    assert sorted(p.name for p in folder.iterdir()) == ["autre.txt"]
    again = run("purge-snapshot", "--dir", str(folder))
    assert again.returncode == 0 and again.stdout.startswith("Aucun instantané à effacer")
