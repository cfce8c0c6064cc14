"""A real HTTP server on 127.0.0.1 for tests: fixed replies per path, handlers, hangs, counters.

Nothing is mocked: the code under test opens a real socket. Routes match the path without
its query string; an unknown path answers 404.

>>> with LocalHTTPServer() as server:
...     server.add("/data.csv", b"a,b\\n1,2\\n", content_type="text/csv")
...     import requests; requests.get(server.url("/data.csv?x=1")).text
...     server.count("/data.csv"), server.count()
'a,b\\n1,2\\n'
(1, 1)

As a pytest fixture: ``from tests.httpserver import http_server`` in a test module, then take
``http_server`` as an argument.
"""
from __future__ import annotations

import socket
import sys
import threading
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from urllib.parse import parse_qs, urlsplit

import pytest


@dataclass
class Reply:
    """What the server answers: status, body, headers, and an optional delay (to test timeouts)."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


@dataclass(frozen=True)
class Request:
    """One request the server received."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: bytes


Handler = Callable[[Request], Reply]


class LocalHTTPServer:
    """A threaded HTTP server on a free loopback port; use as a context manager or fixture."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | Handler] = {}
        self.requests: list[Request] = []
        self._hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ---- configuration
    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
    ) -> None:
        """Answer ``path`` with a fixed reply (``body`` as bytes, or str encoded as UTF-8)."""
        all_headers = dict(headers or {})
        if content_type:
            all_headers["Content-Type"] = content_type
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Reply(status=status, body=data, headers=all_headers, delay=delay)

    def add_file(self, path: str, file: str | Path, *, content_type: str | None = None, **kw) -> None:
        """Answer ``path`` with a file's bytes."""
        data = Path(file).read_bytes()
        self.add(path, data, content_type=content_type or "application/octet-stream", **kw)

    def add_handler(self, path: str, handler: Handler) -> None:
        """Answer ``path`` with ``handler(request) -> Reply`` (for emulators needing logic)."""
        self.routes[path] = handler

    def hang(self, path: str, seconds: float = 5.0) -> None:
        """Accept requests on ``path`` and answer nothing for ``seconds`` (stops early on close)."""
        self.add(path, b"late", delay=seconds)

    # ---- inspection
    def url(self, path: str = "/") -> str:
        """The full address of ``path`` on this server."""
        assert self._server is not None, "server not started"
        return f"http://127.0.0.1:{self.port}{path}"

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return self._server.server_address[1]

    def count(self, path: str | None = None) -> int:
        """How many requests reached ``path`` (without query), or the server at all."""
        with self._lock:
            return sum(self._hits.values()) if path is None else self._hits[path]

    # ---- lifecycle
    def start(self) -> "LocalHTTPServer":
        owner = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def _serve(self):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(
                    method=self.command,
                    path=parts.path,
                    query=parse_qs(parts.query),
                    headers=dict(self.headers.items()),
                    body=self.rfile.read(length) if length else b"",
                )
                with owner._lock:
                    owner.requests.append(request)
                    owner._hits[parts.path] += 1
                route = owner.routes.get(parts.path)
                if route is None:
                    reply = Reply(status=404, body=b"not found", headers={"Content-Type": "text/plain"})
                elif callable(route):
                    reply = route(request)
                else:
                    reply = route
                if reply.delay and owner._stopping.wait(reply.delay):
                    return
                try:
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (e.g. its timeout fired): fine

            do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = do_HEAD = _serve

        self._server = _QuietServer(("127.0.0.1", 0), _Handler)
        # A short poll interval keeps stop() (hence every test using the fixture) fast.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> "LocalHTTPServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that hangs up early (its timeout, a size limit) is expected in these tests.
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionResetError, BrokenPipeError, TimeoutError)):
            super().handle_error(request, client_address)


def unused_port() -> int:
    """A loopback port with nothing listening (connecting to it is refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def http_server():
    """A started ``LocalHTTPServer``, stopped after the test."""
    with LocalHTTPServer() as server:
        yield server
