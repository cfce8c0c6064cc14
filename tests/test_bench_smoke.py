"""One quick run of the benchmark's data-layer part (bench/run.py) on the generated 1× workbook.

No timing is asserted (times depend on the machine): the table must hold its rows, the
generated workbook must be the sample's size and deterministic, and a Google Sheets read must
cost one Sheets request (plus the OAuth token) through the emulator.
"""
from __future__ import annotations

from bench import run, workbooks
from forum_data.forum import build_forum
from forum_data.plans.lodging import Objective
from forum_data.sources.csvdir import read_csv_folder


def test_generated_workbook_is_the_sample_size_deterministic_and_coherent(tmp_path):
    tabs = workbooks.build(1)
    assert tabs == workbooks.build(1)
    sizes = workbooks.sizes(tabs)
    assert (sizes["Collectif"], sizes["Activités"], sizes["Salles"], sizes["Planning"], sizes["Hébergements"]) == (
        26, 41, 10, 25, 20)
    assert sizes["Participants"] == 152 + 2          # 152 registrations, two of them entered twice
    assert workbooks.sizes(workbooks.build(10))["Participants"] == 1520 + 25
    forum = build_forum(read_csv_folder(workbooks.write_csv(tabs, tmp_path / "x1")))
    rooms = {r.name for r in forum.tables.rooms}
    titles = {p.title for p in forum.tables.proposals}
    sessions = forum.tables.sessions
    assert sessions and all(s.room in rooms for s in sessions)
    # Every session but the "Plénière" of row 22 names a real proposal; row 14 (unknown room) and
    # row 19 (ends before it starts) are rejected.
    assert sum(s.proposal is not None for s in sessions) == len(sessions) - 1
    assert all(s.proposal.title in titles for s in sessions if s.proposal)
    assert forum.rows["planning"].rejected == 2
    assert forum.rows["participants"].used == 152


def test_data_layer_table_on_the_1x_workbook(tmp_path, monkeypatch, capsys):
    emu = run.Emulator(memo=False).start()
    monkeypatch.setenv("FORUM_GOOGLE_ENDPOINT", emu.emulator.url)
    try:
        data, sizes = run.data_layer([1], 1, tmp_path, emu, print, use_sample=False)
        requests = run.sheets_requests(emu, ["1×"])
    finally:
        emu.stop()
    text = run.render(run.machine(), data, sizes, requests, None)
    print(text)
    assert list(sizes) == ["1×"]
    assert set(data) == {("1×", kind) for kind in run.KINDS}
    assert all(r["read"] > 0 and r["validate"] > 0 and r["metrics"] >= 0 for r in data.values())
    for kind in run.KINDS:
        assert f"| 1× | {kind} |" in text
    by_way = {r["way"]: r for r in requests}
    assert (by_way["compte de service"]["token"], by_way["compte de service"]["requests"]) == (1, 1)
    assert (by_way["lien (export xlsx)"]["token"], by_way["lien (export xlsx)"]["requests"]) == (0, 1)
    assert all(r["bytes"] > r["gzip"] > 0 for r in requests if r["way"] == "compte de service")
    assert "| 1× | compte de service | 1 | **1** |" in text
    assert "Lecture + validation + indicateurs" in capsys.readouterr().out


def test_browser_table_divides_by_the_bare_page_of_the_same_run():
    # Opening: Salles 1.5 s / bare 0.6 s = 2.50; by the menu: 0.45 s / 0.3 s = 1.50.
    pages = {slug: {"median": 1.0, "bytes": 2048} for slug in run.PAGES}
    pages |= {"salles": {"median": 1.5, "bytes": 4096}, "bare": {"median": 0.6, "bytes": 1024},
              "chart": {"median": 0.9, "bytes": 1024}, "bare_alone": {"median": 0.3, "bytes": 512}}
    navigation = {slug: 0.4 for slug in run.PAGES} | {"salles": 0.45, "bare": 0.3, "chart": 0.33}
    browser = {"pages": {"échantillon": pages}, "navigation": {"échantillon": navigation}, "rerun": None,
               "memory": {"label": "échantillon", "sessions": 20, "before": 180.0, "after": 187.4}}
    text = run.render(run.machine(), None, {}, [], browser)
    assert "| Salles | 1 500 ms | **2.50** | 450 ms | **1.50** | 4.0 Kio |" in text
    assert "| page nue (même serveur, même cadre) | 600 ms | **1.00** | 300 ms | **1.00** | 1.0 Kio |" in text
    assert "| page nue + 1 graphique Plotly (même cadre) | 900 ms | **1.50** | 330 ms | **1.10** | 1.0 Kio |" in text
    assert "sans notre cadre) | 300 ms | **0.50** | — | — | 0.5 Kio |" in text
    assert "**+7 Mio**" in text


def test_room_plan_figures_on_the_sample_and_the_2x_workbook(capsys):
    from bench import plans

    rows = plans.room_plan_figures([1, 2], seconds=10)
    assert [r["workbook"] for r in rows] == ["sample", "2×", "2× porteurs distincts"]
    sample = rows[0]
    assert (sample["to_place"], sample["placed"], sample["on_wished_day"], sample["empty_seats"], sample["optimal"]) \
        == (7, 6, 1, 175, True)
    assert all(r["placed"] <= r["placed_bound"] and r["on_wished_day"] <= r["wished_bound"] for r in rows)
    plans.print_rows(rows)
    assert capsys.readouterr().out.splitlines()[0].split()[:3] == ["workbook", "to_place", "rooms"]
    # The README's table: the sample's 7 to place, 9 rooms, 6 placed of 6 placeable, 1 on its wished day.
    assert plans.render(rows).splitlines()[2].startswith("| échantillon | 7 | 9 | 167 | 6 (6) | 1 (1) | 175 | oui | ")


def test_render_divides_spreadsheets_by_csv_and_says_the_command_line_cost():
    # xlsx 3 s / CSV 2 s = 1.50; ods 2.5 / 2 = 1.25; the 1000× run 4.5 s wall over the sample's 0.5 s: 4 s.
    stage = {"read": 0.0, "floor": 0.0, "validate": 0.0, "metrics": 0.0, "wall": 0.0}
    data = {("100×", kind): stage | {"total": total} for kind, total in
            (("CSV", 2.0), ("xlsx", 3.0), ("ods", 2.5), ("Sheets (lien, export xlsx)", 4.0))}
    report = {"scale": 1000, "runs": {"échantillon": {"wall": 0.5, "cpu": 0.4}, "1000× (x)": {"wall": 4.5, "cpu": 4.0}},
              "costs": {"1000× (x)": {"wall": 4.0, "cpu": 3.6}}}
    lodging = {"label": "1×", "guests": 3, "offers": 2, "kinds": 1, "plan_s": 0.2, "solve_s": 0.1, "optimal": True,
               "objective": Objective(pmr_placed=1, guest_nights=4, confirmed_guest_nights=2, guests_placed=3),
               "unplaced": 0}
    text = run.render(run.machine(), data, {}, [], None, report, {"salles": None, "hébergement": [lodging]})
    assert "| 100× | **1.50** | **1.25** | **2.00** |" in text
    assert "| **coût du 1000× au-delà de l'échantillon** | **4 000 ms** | **3 600 ms** |" in text
    assert "**Plan salles** : module absent de cette branche" in text
    assert "| 1× | 3 | 2 | 1 | 200 ms | 100 ms | oui | 1 | 4 | 2 | 3 | 0 |" in text   # bench/plans_lodging.render


def test_small_forum_workbook_has_issue_14s_shape():
    # Issue 14's « small forum » per 1×: 14 registrations (none entered twice below 60), 16 proposals,
    # 12 sessions, 7 rooms, 20 members, 10 partners, 10 offers.
    sizes = workbooks.sizes(workbooks.build(2, workbooks.SMALL))
    assert (sizes["Participants"], sizes["Activités"], sizes["Planning"], sizes["Salles"], sizes["Collectif"],
            sizes["Partenaires"], sizes["Hébergements"]) == (28, 32, 24, 14, 40, 20, 20)
    assert workbooks.build(2, workbooks.SMALL) == workbooks.build(2, workbooks.SMALL)
    assert run.report_label(1000, " petit forum", {"Participants": 14233, "Activités": 16000, "Planning": 12000,
                                                    "Salles": 7000}) == (
        "1000× petit forum (14 233 inscriptions, 16 000 propositions, 12 000 séances, 7 000 salles)")


def test_command_line_table_gives_each_workbooks_cost_over_the_sample():
    # 1000× bench: 12.0 s CPU - 0.4 s = 11 600 ms; small forum: 2.9 s - 0.4 s = 2 500 ms.
    report = {"scale": 1000, "runs": {"échantillon": {"wall": 0.5, "cpu": 0.4},
                                      "1000× (a)": {"wall": 13.0, "cpu": 12.0},
                                      "1000× petit forum (b)": {"wall": 3.5, "cpu": 2.9}},
              "costs": {"1000× (a)": {"wall": 12.5, "cpu": 11.6}, "1000× petit forum (b)": {"wall": 3.0, "cpu": 2.5}}}
    text = run.render(run.machine(), None, {}, [], None, report)
    assert "| 1000× petit forum (b) | 3 500 ms | 2 900 ms |" in text
    assert "| **coût du 1000× au-delà de l'échantillon** | **12 500 ms** | **11 600 ms** |" in text
    assert "| **coût du 1000× petit forum au-delà de l'échantillon** | **3 000 ms** | **2 500 ms** |" in text
