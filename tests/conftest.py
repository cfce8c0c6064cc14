"""Suite-wide safety: no test reads a developer's secrets or writes a snapshot outside its tmp folder.

Property tests never fail on time (timings belong in bench/, and CI shares two cores): no deadline.

The fixtures of the AppTest modules (tests/apptest.py holds their helpers): ``isolated`` (the frame
run as on a real server, in a tmp folder) and ``recorded_files`` (every file handed to the browser).
"""
import pytest
import streamlit
import streamlit.testing.v1.app_test as app_test_module
from hypothesis import settings

from tests.apptest import FramePagesManager, RecordingStorage

settings.register_profile("forum", deadline=None)
settings.load_profile("forum")


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path_factory):
    folder = tmp_path_factory.mktemp("env")
    monkeypatch.setenv("FORUM_SECRETS_FILE", str(folder / "absent-secrets.toml"))
    monkeypatch.setenv("FORUM_SNAPSHOT_DIR", str(folder / "instantane"))
    for name in ("FORUM_SOURCE", "FORUM_GOOGLE_CREDENTIALS", "FORUM_GOOGLE_ENDPOINT", "FORUM_YESWIKI_URL",
                 "FORUM_YESWIKI_FORMS", "FORUM_YESWIKI_TOKEN"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def isolated(monkeypatch, tmp_path):
    """No developer secrets, no snapshot outside tmp_path, fresh caches, the frame run on every
    rerun as on a real server; returns tmp_path."""
    monkeypatch.setattr(app_test_module, "PagesManager", FramePagesManager)
    monkeypatch.setenv("FORUM_SECRETS_FILE", str(tmp_path / "absent-secrets.toml"))
    monkeypatch.setenv("FORUM_SNAPSHOT_DIR", str(tmp_path / "instantane"))
    for name in ("FORUM_SOURCE", "FORUM_CACHE_TTL", "FORUM_RETRY_SECONDS", "FORUM_GOOGLE_CREDENTIALS",
                 "FORUM_YESWIKI_URL", "FORUM_YESWIKI_FORMS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    streamlit.cache_data.clear()
    streamlit.cache_resource.clear()
    yield tmp_path
    streamlit.cache_data.clear()
    streamlit.cache_resource.clear()


@pytest.fixture
def recorded_files(monkeypatch):
    """The files (mimetype, bytes) the runs hand to the browser, from now on."""
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingStorage)
    RecordingStorage.files = []
    return RecordingStorage.files
