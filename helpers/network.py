"""The network: opening a registered file's official URL, safely and under time limits.

Redirects are followed only within https (http may become https, never the
reverse) and to hosts the registry names (:class:`UnsafeDownloadError`
otherwise); a download that stalls or passes its deadline is abandoned
(:class:`DownloadTimeoutError`). :func:`_urlopen` is the one place that touches
the network (tests replace it).

Example::

    with open_url(find("HIGGS.csv.gz")) as stream:
        head = stream.read(1024)
    network_reason(TimeoutError())              # 'no answer within 60 s'
"""

from __future__ import annotations

import http.client
import io
import os
import time
import urllib.error
import urllib.parse
import urllib.request

from . import settings
from .errors import DataError, DownloadTimeoutError, UnsafeDownloadError
from .registry import RemoteFile

_CHUNK = 1 << 20
# A download that brings fewer than STALL_BYTES in STALL_SECONDS is abandoned (one byte every
# 20 s would otherwise be waited on forever); none may take longer than DEADLINE_SECONDS in all.
STALL_SECONDS = 60.0
STALL_BYTES = 16 * 1024
DEADLINE_SECONDS: float | None = None  # None: COURSE_DOWNLOAD_TIMEOUT (seconds), else 6 hours


def allowed_hosts(remote: RemoteFile) -> set[str]:
    """The hosts a download of ``remote`` may be redirected to: its URL's host and those the registry names.

    Example::

        allowed_hosts(find("mnist.npz"))   # {'storage.googleapis.com'}
    """
    return {urllib.parse.urlsplit(remote.url).hostname.lower(), *(h.lower() for h in remote.hosts)}


class _SafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects only within https (http may become https, never the reverse) and known hosts."""

    def __init__(self, remote: RemoteFile):
        super().__init__()
        self.remote = remote

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        problem = None
        if old.scheme == "https" and new.scheme != "https":
            problem = f"it redirected from https to plain {new.scheme} ({newurl}), which anyone on the way could alter"
        elif (new.hostname or "").lower() not in allowed_hosts(self.remote):
            problem = f"it redirected to {new.hostname}, a host the registry does not name for this file ({newurl})"
        if problem:
            fp.close()
            raise UnsafeDownloadError(
                f"Refused to download {self.remote.filename} from {self.remote.url}: {problem}.\n"
                f"Nothing was kept. If the publisher really moved the file, download it by hand from a "
                f"trusted source into {settings.data_dir()}, or add the new host to the entry's `hosts` "
                f"in helpers/registry.py."
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _urlopen(remote: RemoteFile, timeout: float):
    """Open ``remote.url`` with the safe redirect rules (the one place that touches the network)."""
    opener = urllib.request.build_opener(_SafeRedirects(remote))
    return opener.open(remote.url, timeout=timeout)


def _deadline() -> float:
    if DEADLINE_SECONDS is not None:
        return DEADLINE_SECONDS
    value = os.environ.get("COURSE_DOWNLOAD_TIMEOUT") or "21600"
    try:
        return float(value)
    except ValueError:
        raise DataError(f"COURSE_DOWNLOAD_TIMEOUT must be a number of seconds, not {value!r}.") from None


class GuardedStream(io.RawIOBase):
    """A response read under a deadline and a stall limit (DownloadTimeoutError when either is passed).

    Example::

        with open_url(find("HIGGS.csv.gz")) as stream:
            first = stream.read(100)
    """

    def __init__(self, response, remote: RemoteFile, deadline: float | None = None):
        self.response, self.remote = response, remote
        self.deadline = _deadline() if deadline is None else deadline
        self.start = self.window_start = time.monotonic()
        self.window_bytes = 0
        self.bytes_read = 0

    def readable(self):
        return True

    def _check(self):
        now = time.monotonic()
        if now - self.start > self.deadline:
            raise DownloadTimeoutError(
                f"Gave up on {self.remote.filename} from {self.remote.url}: not finished after "
                f"{self.deadline:.0f} s ({self.bytes_read} bytes arrived). Nothing was kept.\n"
                f"Try again later, set COURSE_DOWNLOAD_TIMEOUT (seconds) to wait longer, or download it "
                f"by hand into {settings.data_dir()}."
            )
        if now - self.window_start >= STALL_SECONDS:
            if self.window_bytes < STALL_BYTES:
                raise DownloadTimeoutError(
                    f"Gave up on {self.remote.filename} from {self.remote.url}: the download stalled "
                    f"({self.window_bytes} bytes in the last {now - self.window_start:.0f} s, "
                    f"{self.bytes_read} in all). Nothing was kept.\n"
                    f"Try again later, or download it by hand into {settings.data_dir()}."
                )
            self.window_start, self.window_bytes = now, 0

    def readinto(self, buffer):
        self._check()
        read = getattr(self.response, "read1", None) or self.response.read
        data = read(min(len(buffer), _CHUNK))
        n = len(data)
        buffer[:n] = data
        self.bytes_read += n
        self.window_bytes += n
        if n:
            self._check()
        return n

    def close(self):
        try:
            self.response.close()
        finally:
            super().close()


def open_url(remote: RemoteFile) -> GuardedStream:
    """Open the official URL of ``remote`` with safe redirects, a stall limit and a deadline.

    Network failures are raised as they come (OSError, http.client.HTTPException); the caller
    turns them into a message with :func:`network_reason`.

    Example::

        with open_url(find("HIGGS.csv.gz")) as stream:
            head = stream.read(1024)
    """
    deadline = _deadline()  # a bad COURSE_DOWNLOAD_TIMEOUT is reported before connecting
    response = _urlopen(remote, timeout=STALL_SECONDS)
    return GuardedStream(response, remote, deadline)


def network_reason(error: BaseException) -> str:
    """A short, plain reason for a network failure (for messages).

    Example::

        network_reason(TimeoutError())   # 'no answer within 60 s'
    """
    if isinstance(error, http.client.IncompleteRead):
        return f"the connection broke off mid-transfer after {len(error.partial)} bytes of a chunk"
    if isinstance(error, http.client.BadStatusLine | http.client.LineTooLong):
        return f"the server's reply is not HTTP ({type(error).__name__}: {str(error)[:80]!r})"
    if isinstance(error, http.client.HTTPException):
        return f"the server's reply was broken ({type(error).__name__}: {error})"
    if isinstance(error, urllib.error.HTTPError):
        return f"HTTP {error.code} {error.reason}"
    if isinstance(error, urllib.error.URLError):
        return str(error.reason)
    if isinstance(error, TimeoutError):
        return f"no answer within {STALL_SECONDS:.0f} s"
    return str(error) or type(error).__name__
