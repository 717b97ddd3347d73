"""Shared fixtures: no test reaches the network, and each test has its own data and build folders.

Only the loopback address 127.0.0.1 may be reached, for the local servers that some tests
start (``tests/local_server.py``); every other address is refused.
"""

import socket

import pytest

LOOPBACK = "127.0.0.1"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    real_connect = socket.socket.connect
    real_create_connection = socket.create_connection
    real_getaddrinfo = socket.getaddrinfo

    def refuse(where):
        raise OSError(f"tests must not touch the network ({where!r}); only {LOOPBACK} is allowed")

    def connect(self, address, *args, **kwargs):
        if isinstance(address, tuple) and address[0] == LOOPBACK:
            return real_connect(self, address, *args, **kwargs)
        refuse(address)

    def create_connection(address, *args, **kwargs):
        if address[0] == LOOPBACK:
            return real_create_connection(address, *args, **kwargs)
        refuse(address)

    def getaddrinfo(host, *args, **kwargs):
        if host == LOOPBACK:
            return real_getaddrinfo(host, *args, **kwargs)
        refuse(host)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """Empty data and build folders, in full mode unless a test says otherwise."""
    data, build = tmp_path / "data", tmp_path / "build"
    data.mkdir()
    monkeypatch.setenv("COURSE_DATA_DIR", str(data))
    monkeypatch.setenv("COURSE_BUILD_DIR", str(build))
    monkeypatch.setenv("COURSE_MODE", "full")
    return data, build


@pytest.fixture
def standin_mode(monkeypatch, tmp_path):
    """Test mode with fresh data and build folders, so loaders read stand-ins generated for this test."""
    monkeypatch.setenv("COURSE_MODE", "test")
    monkeypatch.setenv("COURSE_BUILD_DIR", str(tmp_path / "build"))
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
