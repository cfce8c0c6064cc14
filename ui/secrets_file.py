"""Which secrets file the data layer reads when the dashboard runs: the one Streamlit reads.

``forum_data.config`` reads ``$FORUM_SECRETS_FILE``, else ``.streamlit/secrets.toml`` under the
working directory. Streamlit looks in the places its ``secrets.files`` option lists (by default
``~/.streamlit/secrets.toml`` then the working directory's). A host that writes the secrets
elsewhere than the working directory (Streamlit Community Cloud's « Secrets » field, a global
file) would leave the data layer without them; ``follow_streamlit`` points it at Streamlit's file.
"""
from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from forum_data.config import DEFAULT_SECRETS, SECRETS_ENV


def streamlit_secrets_file(candidates: list[str], cwd: Path) -> Path | None:
    """The file the data layer should read, or None when its own rule already finds one.

    The last existing candidate wins, as in Streamlit (later files take precedence).

    >>> import tempfile
    >>> home = Path(tempfile.mkdtemp()); _ = (home / "secrets.toml").write_text("")
    >>> streamlit_secrets_file([str(home / "secrets.toml"), "/nowhere/.streamlit/secrets.toml"], Path("/nowhere")) == home / "secrets.toml"
    True
    >>> streamlit_secrets_file(["/nowhere/a.toml"], Path("/nowhere")) is None
    True
    """
    if (cwd / DEFAULT_SECRETS).exists():
        return None
    existing = [Path(c) for c in candidates if Path(c).is_file()]
    return existing[-1] if existing else None


def follow_streamlit() -> None:
    """Set ``FORUM_SECRETS_FILE`` to Streamlit's secrets file when nothing else says where it is."""
    if os.environ.get(SECRETS_ENV, "").strip():
        return
    found = streamlit_secrets_file(list(st.get_option("secrets.files") or []), Path.cwd())
    if found is not None:
        os.environ[SECRETS_ENV] = str(found)
