"""The frame on AppTest: it loads the forum once, declares the pages and runs the chosen one."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")

TIMEOUT = 60


def test_frame_runs_the_home_page_on_the_sample():
    at = AppTest.from_file(DASHBOARD, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.title[0].value == "faisabilite"
