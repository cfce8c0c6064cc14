"""Where the dashboard's settings come from: the environment, then ``.streamlit/secrets.toml``.

The secrets file is read with ``tomllib`` (not through streamlit, which ``forum_data`` never
imports). It is looked for in ``FORUM_SECRETS_FILE`` when set, else in
``.streamlit/secrets.toml`` under the current directory. An absent file means no settings; a
malformed one raises ``ConfigError`` (a ``SourceError``, so callers that already show source
problems show this one too), whose message never quotes the file's content.

For example ``configured_source({"forum": {"source": "  classeur.xlsx "}})`` gives
``"classeur.xlsx"`` when ``FORUM_SOURCE`` is not set.
"""
from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

from forum_data.errors import SourceError

SECRETS_ENV = "FORUM_SECRETS_FILE"
SOURCE_ENV = "FORUM_SOURCE"
DEFAULT_SECRETS = Path(".streamlit") / "secrets.toml"


class ConfigError(SourceError):
    """The settings file exists but cannot be read. ``str(error)`` is one French sentence."""


def secrets_path() -> Path:
    """``$FORUM_SECRETS_FILE`` when set, else ``.streamlit/secrets.toml`` in the current directory."""
    configured = os.environ.get(SECRETS_ENV, "").strip()
    return Path(configured).expanduser() if configured else Path.cwd() / DEFAULT_SECRETS


def read_secrets(path: str | Path | None = None) -> dict:
    """The parsed secrets file, ``{}`` when there is none.

    Raises ``ConfigError`` when the file exists but is not valid TOML or cannot be read.
    """
    file = Path(path).expanduser() if path is not None else secrets_path()
    try:
        data = file.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        return {}
    except IsADirectoryError:
        raise ConfigError(
            f"Le fichier de configuration {file.name} est un dossier : indiquez un fichier .toml."
        ) from None
    except OSError as error:
        raise ConfigError(
            f"Le fichier de configuration {file.name} ne peut pas être lu "
            f"({error.strerror or 'erreur système'}) : vérifiez ses droits d'accès."
        ) from None
    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(
            f"Le fichier de configuration {file.name} n'est pas en UTF-8 : réenregistrez-le en UTF-8."
        ) from None
    except tomllib.TOMLDecodeError as error:
        # The parser's message says where ("at line 3, column 9"), never what: keep only where.
        where = re.search(r"line (\d+)", str(error))
        at = f" (ligne {where.group(1)})" if where else ""
        raise ConfigError(
            f"Le fichier de configuration {file.name} est mal formé{at} : corrigez sa syntaxe TOML "
            "(par exemple des guillemets autour des textes)."
        ) from None


def configured_source(secrets: dict | None = None) -> str | None:
    """``$FORUM_SOURCE``, else ``[forum] source`` of the secrets, else ``None``.

    ``secrets`` defaults to ``read_secrets()`` (read only when the environment says nothing).
    """
    from_env = os.environ.get(SOURCE_ENV, "").strip()
    if from_env:
        return from_env
    if secrets is None:
        secrets = read_secrets()
    forum = secrets.get("forum")
    value = forum.get("source") if isinstance(forum, dict) else None
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
