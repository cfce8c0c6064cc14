"""Suite-wide safety: no test reads a developer's secrets or writes a snapshot outside its tmp folder.

Property tests never fail on time (timings belong in bench/, and CI shares two cores): no deadline.
"""
import pytest
from hypothesis import settings

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
