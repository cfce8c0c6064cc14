"""The last good read on disk, so that a restart during an outage still shows figures.

After each good read of a remote source (Google Sheets, a file link, a wiki form), the
dashboard writes the validated tables as JSON to ``instantane.json`` in

- ``$FORUM_SNAPSHOT_DIR`` when set, else
- ``$XDG_CACHE_HOME/forum-usages-cooperatifs/`` (by default ``~/.cache/forum-usages-cooperatifs/``),

outside the repository, the directory created 0700 and the files 0600. A local file or folder
is its own snapshot: nothing is written for it, nor for the bundled sample.

No personal value is stored in clear. The tables already hold no e-mail, phone, address,
contact or allergy text; people's names (members, participants, hosts, proposals' porteurs)
are replaced by a keyed hash (HMAC-SHA256), the same name always giving the same pseudonym,
so that figures that count people still match. The key is ``[forum] snapshot_key`` of the
secrets when set, else a random key written beside the snapshot (``cle-instantane``, 0600).
The source's address is stored only as a keyed hash too (a share link may be a secret), to
ignore a snapshot of another source.

The snapshot lives until the next good read replaces it, or until
``python -m forum_data purge-snapshot`` deletes it with its key (after the event).

>>> pseudonym("Anne Martin", b"k" * 32) == pseudonym("anne  martin", b"k" * 32)
True
>>> pseudonym("Anne Martin", b"k" * 32).startswith("Nom masqué ")
True
"""
from __future__ import annotations

import dataclasses
import hashlib
import hmac
import json
import logging
import os
import secrets as random_secrets
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from forum_data.forum import Forum
from forum_data.issues import Issue
from forum_data.model import Proposal
from forum_data.schema import TABS

log = logging.getLogger(__name__)

DIR_ENV = "FORUM_SNAPSHOT_DIR"
APP_DIR = "forum-usages-cooperatifs"
SNAPSHOT_FILE = "instantane.json"
KEY_FILE = "cle-instantane"
FORMAT = 1
PSEUDONYM_PREFIX = "Nom masqué "
#: Kinds of source that can fail while the dashboard runs (a local file is its own snapshot).
REMOTE_KINDS = ("gsheets", "url")


# -- where, and the key --------------------------------------------------------------------------

def snapshot_dir() -> Path:
    """``$FORUM_SNAPSHOT_DIR``, else the user's cache directory (never the repository)."""
    configured = os.environ.get(DIR_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    cache = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(cache).expanduser() if cache else Path.home() / ".cache") / APP_DIR


def _private_dir(directory: Path) -> Path:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(directory, 0o700)
    return directory


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, the file readable by its owner only."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o600)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def snapshot_key(directory: Path | None = None, secrets: dict | None = None, *, create: bool = True) -> bytes | None:
    """The HMAC key: ``[forum] snapshot_key`` of the secrets, else the random key file (created if asked)."""
    if secrets is None:
        from forum_data.config import read_secrets

        try:
            secrets = read_secrets()
        except Exception:  # noqa: BLE001 — a malformed secrets file is reported elsewhere
            secrets = {}
    configured = (secrets.get("forum") or {}).get("snapshot_key") if isinstance(secrets.get("forum"), dict) else None
    if isinstance(configured, str) and configured.strip():
        return configured.strip().encode("utf-8")
    path = (directory or snapshot_dir()) / KEY_FILE
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (FileNotFoundError, ValueError):
        if not create:
            return None
    _private_dir(path.parent)
    key = random_secrets.token_bytes(32)
    _write_private(path, key.hex().encode("ascii"))
    return key


def _digest(text: str, key: bytes) -> str:
    return hmac.new(key, text.encode("utf-8"), hashlib.sha256).hexdigest()


def pseudonym(name: str, key: bytes) -> str:
    """``Nom masqué 3f2a9c1b``: the same (case- and space-insensitive) name, the same pseudonym."""
    if not name.strip():
        return name
    normalized = " ".join(name.split()).casefold()
    return PSEUDONYM_PREFIX + _digest("nom:" + normalized, key)[:8]


def source_id(spec: str | None, key: bytes) -> str:
    """A keyed hash of the configured source (its address may hold a share token)."""
    return _digest("source:" + (spec or "").strip(), key)


def should_save(forum: Forum) -> bool:
    """A remote source (Google Sheets, a link) or a tab read from the wiki: worth a snapshot."""
    return forum.kind in REMOTE_KINDS or any(info.origin == "yeswiki" for info in forum.sheets.values())


# -- names out ----------------------------------------------------------------------------------

def _masked_issue(issue: Issue, names: dict[str, str]) -> Issue:
    problem = issue.problem
    for name, hidden in names.items():
        if name in problem:
            problem = problem.replace(name, hidden)
    value = issue.value
    if value is not None and issue.column in TABS[issue.sheet].name_columns:
        value = None
    return dataclasses.replace(issue, problem=problem, value=value)


def without_names(forum: Forum, key: bytes) -> Forum:
    """The same forum, every name of a person replaced by its pseudonym (figures unchanged)."""
    names: dict[str, str] = {}

    def hide(name: str) -> str:
        if name and name not in names:
            names[name] = pseudonym(name, key)
        return names.get(name, name)

    tables = forum.tables

    def proposal(item: Proposal | None) -> Proposal | None:
        return None if item is None else dataclasses.replace(item, leader=hide(item.leader))

    hidden = dataclasses.replace(
        tables,
        members=tuple(dataclasses.replace(m, name=hide(m.name)) for m in tables.members),
        proposals=tuple(proposal(p) for p in tables.proposals),
        sessions=tuple(dataclasses.replace(s, proposal=proposal(s.proposal)) for s in tables.sessions),
        participants=tuple(dataclasses.replace(p, name=hide(p.name)) for p in tables.participants),
        offers=tuple(dataclasses.replace(o, name=hide(o.name)) for o in tables.offers),
    )
    # Longest names first, so "Anne Le Gall" is replaced before "Anne".
    ordered = dict(sorted(names.items(), key=lambda item: -len(item[0])))
    issues = tuple(_masked_issue(issue, ordered) for issue in forum.issues)
    # Not the content read any more: figures cached for the real read must never serve this one.
    return dataclasses.replace(forum, tables=hidden, issues=issues, fingerprint=None)


# -- JSON both ways -------------------------------------------------------------------------------

def _encode(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (tuple, list)):
        return [_encode(item) for item in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"type inattendu dans l'instantané : {type(value).__name__}")


def _decode(kind, value):
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        if value is None:
            return None
        options = [k for k in typing.get_args(kind) if k is not type(None)]
        return _decode(options[0], value)
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(_decode(item, v) for v in value)
    if origin is dict:
        _, item = typing.get_args(kind)
        return {str(k): _decode(item, v) for k, v in value.items()}
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{f.name: _decode(hints[f.name], value[f.name])
                       for f in dataclasses.fields(kind) if f.name in value})
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is date:
        return date.fromisoformat(value)
    if kind is Decimal:
        return Decimal(value)
    if kind in (str, int, bool):
        if not isinstance(value, kind):
            raise TypeError(f"{kind.__name__} attendu")
        return value
    if kind is dict:
        return dict(value)
    return value


def forum_to_json(forum: Forum) -> dict:
    return _encode(forum)


def forum_from_json(data: dict) -> Forum:
    return _decode(Forum, data)


# -- the file -----------------------------------------------------------------------------------

def save_snapshot(forum: Forum, spec: str | None, *, directory: Path | None = None,
                  secrets: dict | None = None) -> Path | None:
    """Write ``forum`` (names hashed) as the snapshot of source ``spec``; None when not worth it."""
    if not should_save(forum):
        return None
    folder = _private_dir(directory or snapshot_dir())
    key = snapshot_key(folder, secrets)
    document = {
        "format": FORMAT,
        "source": source_id(spec, key),
        "forum": forum_to_json(without_names(forum, key)),
    }
    path = folder / SNAPSHOT_FILE
    _write_private(path, json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return path


def load_snapshot(spec: str | None, *, directory: Path | None = None, secrets: dict | None = None) -> Forum | None:
    """The snapshot of source ``spec``, or None (none saved, another source, unreadable)."""
    folder = directory or snapshot_dir()
    path = folder / SNAPSHOT_FILE
    if not path.is_file():
        return None
    key = snapshot_key(folder, secrets, create=False)
    if key is None:
        return None
    try:
        document = json.loads(path.read_bytes())
        if document.get("format") != FORMAT or not hmac.compare_digest(document.get("source", ""),
                                                                         source_id(spec, key)):
            return None
        return forum_from_json(document["forum"])
    except Exception as error:  # noqa: BLE001 — a damaged snapshot is only a missed chance
        log.warning("Instantané illisible, ignoré (%s).", type(error).__name__)
        return None


def purge_snapshot(directory: Path | None = None) -> list[Path]:
    """Delete the snapshot and its key (and the directory when left empty); return what was deleted."""
    folder = directory or snapshot_dir()
    deleted = []
    for name in (SNAPSHOT_FILE, KEY_FILE):
        path = folder / name
        if path.exists():
            path.unlink()
            deleted.append(path)
    for leftover in folder.glob(f".{SNAPSHOT_FILE}.*.tmp") if folder.is_dir() else ():
        leftover.unlink(missing_ok=True)
        deleted.append(leftover)
    try:
        folder.rmdir()
    except OSError:
        pass  # absent, or holding other files: left as it is
    return deleted

