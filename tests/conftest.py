"""Shared fixtures: no test reaches the network, and each test has its own data and build folders."""

import socket

import pytest


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("tests must not touch the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture
def folders(tmp_path, monkeypatch):
    """Empty data and build folders, in full mode unless a test says otherwise."""
    data, build = tmp_path / "data", tmp_path / "build"
    data.mkdir()
    monkeypatch.setenv("COURSE_DATA_DIR", str(data))
    monkeypatch.setenv("COURSE_BUILD_DIR", str(build))
    monkeypatch.setenv("COURSE_MODE", "full")
    return data, build
