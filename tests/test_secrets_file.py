"""ui.secrets_file: the data layer reads the secrets file Streamlit reads, wherever the host put it."""
from __future__ import annotations

import os

import pytest
from streamlit import config

from ui.secrets_file import follow_streamlit


@pytest.fixture
def places(tmp_path, monkeypatch):
    """A home and a project folder (the working directory), Streamlit looking in both."""
    home, project = tmp_path / "home" / ".streamlit", tmp_path / "projet"
    home.mkdir(parents=True)
    (project / ".streamlit").mkdir(parents=True)
    monkeypatch.chdir(project)
    monkeypatch.setenv("FORUM_SECRETS_FILE", "")   # recorded, so that the test's own setting is undone
    monkeypatch.delenv("FORUM_SECRETS_FILE")
    before = config.get_option("secrets.files")
    config.set_option("secrets.files", [str(home / "secrets.toml"), str(project / ".streamlit" / "secrets.toml")])
    yield home / "secrets.toml", project / ".streamlit" / "secrets.toml"
    config.set_option("secrets.files", before)


@pytest.mark.parametrize("written, already, expected", [
    ("home", None, "home"),          # e.g. a host writing ~/.streamlit/secrets.toml: followed
    ("project", None, None),         # the project's own file: the data layer finds it already
    ("both", None, None),
    ("none", None, None),
    ("home", "/etc/forum/secrets.toml", "/etc/forum/secrets.toml"),   # an explicit setting stands
])
def test_data_layer_follows_streamlits_secrets_file(places, monkeypatch, written, already, expected):
    home, project = places
    for name, path in (("home", home), ("project", project)):
        if written in (name, "both"):
            path.write_text('[forum]\nsource = "classeur.xlsx"\n', encoding="utf-8")
    if already:
        monkeypatch.setenv("FORUM_SECRETS_FILE", already)
    follow_streamlit()
    assert os.environ.get("FORUM_SECRETS_FILE") == {"home": str(home)}.get(expected, expected)
