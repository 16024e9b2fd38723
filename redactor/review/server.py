"""`redact review --serve`: the review page on 127.0.0.1 only, saving each decision as it is made.

The standard library's HTTP server, bound to the loopback address. It serves the page and
accepts decisions as JSON (POST /decisions), appended to OUT/review/decisions.jsonl, and public
interest tests (POST /public-interest), stored as OUT/review/public-interest/CODE.md. Requests
naming another host (DNS rebinding) or not sent as JSON (a cross-site form) are refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Lock

from redactor.errors import RedactorError
from redactor.respond.library import library_for
from redactor.respond.public_interest import PublicInterestError, record_from_form
from redactor.review.store import append_records, parse_lines

HOST = "127.0.0.1"
MAX_BODY = 1 << 20
_LOCK = Lock()  # one append at a time


def make_server(out: Path, page: Path, port: int = 0) -> ThreadingHTTPServer:
    """A server for the page in `page` that records decisions in `out` (port 0: any free port)."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            return  # quiet: the terminal shows what the command says, not every request

        def _host_ok(self) -> bool:
            host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
            return host in (HOST, "localhost")

        def _send(self, code: int, body: bytes, kind: str = "text/plain; charset=utf-8") -> None:
            self.send_response(code)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if not self._host_ok():
                self._send(403, b"forbidden host")
            elif self.path in ("/", "/index.html"):
                self._send(200, page.read_bytes(), "text/html; charset=utf-8")
            else:
                self._send(404, b"not found")

        def do_POST(self) -> None:
            if not self._host_ok() or self.path not in ("/decisions", "/public-interest"):
                self._send(403 if not self._host_ok() else 404, b"refused")
                return
            if (self.headers.get("Content-Type") or "").split(";")[0].strip() != "application/json":
                self._send(415, b"decisions are sent as application/json")
                return
            length = int(self.headers.get("Content-Length") or 0)
            if not 0 < length <= MAX_BODY:
                self._send(413, b"no body, or too large")
                return
            try:
                body = self.rfile.read(length).decode("utf-8")
                answer: dict[str, object]
                if self.path == "/public-interest":
                    answer = {"saved": str(_public_interest(out, body).relative_to(out))}
                else:
                    records = parse_lines(body, "the request")
                    with _LOCK:
                        answer = {"saved": append_records(out, records)}
            except (RedactorError, UnicodeDecodeError) as exc:
                self._send(400, str(exc).encode("utf-8"))
                return
            self._send(200, json.dumps(answer).encode("utf-8"), "application/json")

    return ThreadingHTTPServer((HOST, port), Handler)


def _public_interest(out: Path, body: str) -> Path:
    """A public interest test written on the page: stored as OUT/review/public-interest/CODE.md."""
    try:
        data = json.loads(body)
    except json.JSONDecodeError as exc:
        raise PublicInterestError(f"the request is not JSON ({exc.msg})") from exc
    if not isinstance(data, dict):
        raise PublicInterestError("a public interest test is sent as one JSON object")
    with _LOCK:
        return record_from_form(out, data, library_for(out))


def serve_review(out: Path, page: Path, port: int, on_ready: Callable[[str], None]) -> None:
    """Serve until interrupted."""
    server = make_server(out, page, port)
    try:
        on_ready(f"http://{HOST}:{server.server_address[1]}/")
        server.serve_forever()
    finally:
        server.server_close()
