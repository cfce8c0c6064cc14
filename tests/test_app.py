"""The frame on AppTest: it loads the forum, declares the pages and runs the chosen one; pages need it."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = str(ROOT / "dashboard.py")
TIMEOUT = 60


@pytest.fixture(autouse=True)
def sample_only(monkeypatch, tmp_path):
    monkeypatch.delenv("FORUM_SOURCE", raising=False)
    monkeypatch.setenv("FORUM_SECRETS_FILE", str(tmp_path / "absent.toml"))
    monkeypatch.setenv("FORUM_SNAPSHOT_DIR", str(tmp_path / "snapshot"))


def test_frame_runs_the_home_page_on_the_sample():
    at = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "Faisabilité du forum"


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "pages").glob("*.py")))
def test_a_page_run_without_the_frame_renders_nothing(page):
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.main.children == {} and at.sidebar.children == {}
