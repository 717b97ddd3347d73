"""A small HTTP server on 127.0.0.1 for tests of the data layer: good files and hostile replies.

Each route is a function of the request handler that writes whatever it likes to the socket:
a proper reply, a redirect, a reply cut short, bytes that are not HTTP at all, or a trickle.
The server runs in a daemon thread, stops when the test ends, and stops by itself after
``LIFETIME`` seconds whatever happens, so a test cannot hang on it.

Example::

    with LocalServer({"/a.csv": ok(b"x,y\\n1,2\\n")}) as server:
        urllib.request.urlopen(server.url("/a.csv")).read()
"""

from __future__ import annotations

import http.server
import threading
import time

LIFETIME = 30.0


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 - the name http.server expects
        self.server.requests.append(self.path)
        route = self.server.routes.get(self.path.split("?")[0])
        try:
            if route is None:
                self.send_error(404)
            else:
                route(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should for the hostile routes
        self.close_connection = True

    def log_message(self, *args):  # keep test output quiet
        pass


class LocalServer:
    """An HTTP server on 127.0.0.1 with ``routes`` {path: function(handler)}; a context manager."""

    def __init__(self, routes: dict):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.routes = dict(routes)
        self.httpd.requests = []
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._timer = threading.Timer(LIFETIME, self.stop)
        self._timer.daemon = True

    @property
    def requests(self) -> list[str]:
        return self.httpd.requests

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self):
        self._thread.start()
        self._timer.start()
        return self

    def stop(self):
        self._timer.cancel()
        if self._thread.is_alive():
            self.httpd.shutdown()
        self.httpd.server_close()

    def __exit__(self, *exc):
        self.stop()
        return False


# --- routes ---------------------------------------------------------------------------------


def ok(payload: bytes, content_type: str = "application/octet-stream"):
    """A proper reply with Content-Length."""

    def route(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)

    return route


def redirect(location: str, code: int = 302):
    def route(handler):
        handler.send_response(code)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return route


def cut_short(payload: bytes, keep: int):
    """Announces the whole payload, sends ``keep`` bytes and closes the connection cleanly."""

    def route(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload[:keep])
        handler.wfile.flush()

    return route


def chunked_cut(payload: bytes, keep: int):
    """A chunked reply that stops in the middle of a chunk (http.client raises IncompleteRead)."""

    def route(handler):
        handler.send_response(200)
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        handler.wfile.write(b"%x\r\n" % len(payload) + payload[:keep])
        handler.wfile.flush()

    return route


def not_http(reply: bytes = b"SSH-2.0-OpenSSH_9.6\r\n"):
    """Answers with something that is not HTTP (http.client raises BadStatusLine)."""

    def route(handler):
        handler.wfile.write(reply)
        handler.wfile.flush()

    return route


def trickle(size: int, every: float, limit: float = 10.0):
    """Announces ``size`` bytes, then sends one every ``every`` seconds (for at most ``limit`` seconds)."""

    def route(handler):
        handler.send_response(200)
        handler.send_header("Content-Length", str(size))
        handler.end_headers()
        handler.wfile.flush()
        end = time.monotonic() + limit
        while time.monotonic() < end:
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(every)

    return route
