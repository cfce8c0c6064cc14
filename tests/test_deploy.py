"""Putting it online: deploy/forum-dashboard.service (systemd) and deploy/nginx-forum.conf.

The dashboard is started exactly as the unit starts it — its ExecStart, its Environment, from
the project folder — with only the port changed to a free one, and must answer ``ok`` on
``/<baseUrlPath>/_stcore/health``; the nginx snippet must point at that address and path and
pass WebSockets.
"""
from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.browser.driver import Server, stop_server, wait_healthy
from tests.httpserver import unused_port

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "deploy" / "forum-dashboard.service"
NGINX = ROOT / "deploy" / "nginx-forum.conf"


def unit_sections(path: Path) -> dict[str, list[tuple[str, str]]]:
    """A systemd unit as ``section → [(key, value), …]``: comments dropped, ``\\`` continuations
    joined, repeated keys (Environment=) kept in order.

    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "x.service"
    >>> _ = p.write_text("[Service]\\n# note\\nEnvironment=A=1\\nEnvironment=B=2\\nExecStart=/bin/x \\\\\\n    --y 1\\n")
    >>> unit_sections(p)
    {'Service': [('Environment', 'A=1'), ('Environment', 'B=2'), ('ExecStart', '/bin/x --y 1')]}
    """
    sections: dict[str, list[tuple[str, str]]] = {}
    current = None
    text = re.sub(r"\\\n\s*", " ", path.read_text(encoding="utf-8"))
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        key, _, value = line.partition("=")
        current.append((key.strip(), value.strip()))
    return sections


def service() -> dict[str, str]:
    """The [Service] keys (the last one of a repeated key), Environment= merged into one string."""
    entries = unit_sections(UNIT)["Service"]
    keys = {k: v for k, v in entries if k != "Environment"}
    keys["Environment"] = " ".join(v for k, v in entries if k == "Environment")
    return keys


def exec_start() -> list[str]:
    return shlex.split(service()["ExecStart"])


def options(argv: list[str]) -> dict[str, str]:
    """``--server.port 8501`` pairs of a streamlit command line."""
    flags = argv[3:]
    assert all(f.startswith("--") for f in flags[::2]) and len(flags) % 2 == 0, flags
    return {flag[2:]: value for flag, value in zip(flags[::2], flags[1::2])}


def test_unit_runs_the_venvs_streamlit_on_the_loopback_under_a_base_path():
    argv = exec_start()
    assert Path(argv[0]).parts[-3:] == (".venv", "bin", "streamlit")
    assert Path(argv[0]).is_relative_to(service()["WorkingDirectory"])
    assert argv[1:3] == ["run", "dashboard.py"]
    assert options(argv) | {"server.port": "…", "server.baseUrlPath": "…"} == {
        "server.address": "127.0.0.1", "server.port": "…", "server.baseUrlPath": "…", "server.headless": "true",
        "server.enableXsrfProtection": "true", "server.enableCORS": "true", "server.maxUploadSize": "1",
        "server.fileWatcherType": "none", "server.runOnSave": "false", "browser.gatherUsageStats": "false"}
    assert re.fullmatch(r"[a-z0-9-]+", options(argv)["server.baseUrlPath"])


def test_unit_runs_as_its_own_user_restarts_and_is_hardened():
    keys = service()
    assert keys["User"] == keys["Group"] == "forum-dashboard"
    assert keys["Restart"] == "on-failure" and keys["RestartSec"] == "5s"
    assert {k: keys.get(k) for k in ("NoNewPrivileges", "ProtectSystem", "ProtectHome", "PrivateTmp", "PrivateDevices",
                                     "RestrictSUIDSGID", "CapabilityBoundingSet", "UMask")} == {
        "NoNewPrivileges": "yes", "ProtectSystem": "strict", "ProtectHome": "yes", "PrivateTmp": "yes",
        "PrivateDevices": "yes", "RestrictSUIDSGID": "yes", "CapabilityBoundingSet": "", "UMask": "0077"}
    # The one place it writes, the snapshot folder, is the cache systemd gives it.
    assert "FORUM_SNAPSHOT_DIR=/var/cache/" + keys["CacheDirectory"] in keys["Environment"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_unit_is_a_valid_systemd_unit():
    proc = subprocess.run(["systemd-analyze", "verify", str(UNIT)], capture_output=True, text=True, timeout=60)
    complaints = [line for line in (proc.stdout + proc.stderr).splitlines()
                  if line.strip() and f"Command {exec_start()[0]} is not executable" not in line]
    assert complaints == []   # the only one allowed: the server's venv is not on this machine


@pytest.fixture(scope="module")
def unit_server(tmp_path_factory):
    """The dashboard started as the unit starts it: its ExecStart with the venv of these tests and
    another port, its Environment, from the project folder; stopped at the end of the module."""
    folder = tmp_path_factory.mktemp("unit")
    argv = exec_start()
    port = unused_port()
    command = [str(Path(sys.executable).parent / "streamlit"), *argv[1:]]
    command[command.index("--server.port") + 1] = str(port)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORUM_")}
    env.update(pair.split("=", 1) for pair in shlex.split(service()["Environment"]))
    env["FORUM_SNAPSHOT_DIR"] = str(folder / "cache")             # systemd's CacheDirectory, here
    env["FORUM_SECRETS_FILE"] = str(folder / "no-secrets.toml")   # never a developer's secrets
    log = folder / "streamlit.log"
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    server = Server(url=f"http://127.0.0.1:{port}", process=process, log=log)
    try:
        yield server
    finally:
        stop_server(server)
        assert process.poll() is not None


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_dashboard_answers_health_when_started_as_the_unit_starts_it(unit_server):
    base = options(exec_start())["server.baseUrlPath"]
    wait_healthy(Server(f"{unit_server.url}/{base}", unit_server.process, unit_server.log))
    assert get(f"{unit_server.url}/{base}/_stcore/health") == (200, b"ok")
    status, page = get(f"{unit_server.url}/{base}/")
    assert status == 200 and b"<!doctype html>" in page.lower()
    assert get(f"{unit_server.url}/_stcore/health")[0] == 404   # served under the base path only


def nginx_directives(location: str) -> dict[str, list[str]]:
    """The directives of one ``location`` block of the nginx snippet (comments dropped)."""
    text = re.sub(r"#[^\n]*", "", NGINX.read_text(encoding="utf-8"))
    block = re.search(rf"location\s+{re.escape(location)}\s*\{{([^}}]*)\}}", text)
    assert block, f"no location {location} in {NGINX.name}"
    found: dict[str, list[str]] = {}
    for statement in block[1].split(";"):
        words = statement.split()
        if words:
            found.setdefault(words[0], []).append(" ".join(words[1:]))
    return found


def test_nginx_passes_websockets_to_the_units_address_and_path():
    unit = options(exec_start())
    directives = nginx_directives(f"/{unit['server.baseUrlPath']}/")
    assert directives["proxy_pass"] == [f"http://{unit['server.address']}:{unit['server.port']}"]
    assert directives["proxy_http_version"] == ["1.1"]
    assert {"Upgrade $http_upgrade", 'Connection "upgrade"', "Host $host"} <= set(directives["proxy_set_header"])
    assert int(directives["proxy_read_timeout"][0].rstrip("s")) >= 3600
    assert directives["client_max_body_size"] == [f"{unit['server.maxUploadSize']}m"]


NGINX_BINARY = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def websocket_handshake(port: int, path: str) -> bytes:
    """The status line and headers a WebSocket opening request to ``path`` gets back."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall((f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                      "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                      "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: streamlit\r\n\r\n").encode())
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(4096)
            if not chunk:
                break
            answer += chunk
    return answer.split(b"\r\n\r\n", 1)[0]


@pytest.mark.skipif(NGINX_BINARY is None, reason="nginx is not installed (apt-get install nginx-light)")
def test_nginx_snippet_in_front_of_the_dashboard_passes_its_websocket(unit_server, tmp_path):
    """The shipped snippet, included as is in a real nginx (pointed at the test's port), in front
    of the dashboard started as the unit starts it: health, the page and the WebSocket go through."""
    unit = options(exec_start())
    base = unit["server.baseUrlPath"]
    wait_healthy(Server(f"{unit_server.url}/{base}", unit_server.process, unit_server.log))
    snippet = tmp_path / "nginx-forum.conf"
    snippet.write_text(NGINX.read_text(encoding="utf-8").replace(
        f"{unit['server.address']}:{unit['server.port']}", unit_server.url.removeprefix("http://")), encoding="utf-8")
    port = unused_port()
    temp = "".join(f"{kind}_temp_path {tmp_path / kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf = tmp_path / "nginx.conf"
    conf.write_text(f"daemon off;\npid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'} warn;\n"
                    f"events {{}}\nhttp {{\naccess_log off;\n{temp}"
                    f"server {{\nlisten 127.0.0.1:{port};\ninclude {snippet};\n}}\n}}\n", encoding="utf-8")
    nginx = subprocess.Popen([NGINX_BINARY, "-c", str(conf), "-p", str(tmp_path)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.PIPE, start_new_session=True)
    try:
        proxied = Server(f"http://127.0.0.1:{port}/{base}", nginx, tmp_path / "error.log")
        wait_healthy(proxied, timeout=30)
        assert get(f"{proxied.url}/_stcore/health") == (200, b"ok")
        assert get(f"http://127.0.0.1:{port}/{base}")[0] == 200          # /tableau → /tableau/, followed
        head = websocket_handshake(port, f"/{base}/_stcore/stream")
        assert head.startswith(b"HTTP/1.1 101 "), head
        assert b"upgrade: websocket" in head.lower()
    finally:
        nginx.terminate()
        nginx.wait(timeout=10)
