"""The stand-in for timemachine.txt: layout of the real file, deterministic, the d2l vocabulary."""

import re
import string

import pytest

from helpers import download, registry, standins
from helpers.standins.text import TITLE, make_timemachine


def d2l_preprocess(text: str) -> str:
    """What d2l (and the Week 11 notebook) does: non-letters become spaces, then lower case."""
    return re.sub("[^A-Za-z]+", " ", text).lower()


@pytest.fixture
def text(tmp_path):
    path = tmp_path / "timemachine.txt"
    make_timemachine(path)
    return path.read_text(encoding="ascii")


def test_the_generator_is_registered_for_a_registered_file():
    assert "timemachine.txt" in standins.GENERATORS
    assert registry.find("timemachine.txt").checksum.startswith("sha1:")


def test_it_opens_like_the_gutenberg_text(text):
    lines = text.splitlines()
    assert lines[0] == TITLE == "The Time Machine, by H. G. Wells [1898]"
    assert lines[1:5] == ["", "", "", ""]
    assert lines[5] == "I"  # the first chapter number, alone on its line
    assert "II" in lines and "III" in lines


def test_it_is_a_few_thousand_characters_of_wrapped_ascii_prose(text):
    assert 3_000 <= len(text) <= 20_000
    assert text.isascii()
    assert max(len(line) for line in text.splitlines()) <= 72
    paragraphs = [p for p in text.split("\n\n") if len(p) > 100]
    assert len(paragraphs) >= 10


def test_after_d2l_preprocessing_the_vocabulary_is_the_real_one(text):
    clean = d2l_preprocess(text)
    assert set(clean) == set(string.ascii_lowercase + " ")  # 27 characters, 28 tokens with <unk>
    assert clean.count("the time traveller") >= 20


def test_it_is_deterministic(tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    make_timemachine(first)
    make_timemachine(second)
    assert first.read_bytes() == second.read_bytes()


def test_fetch_returns_the_stand_in_in_test_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_MODE", "test")
    monkeypatch.setenv("COURSE_BUILD_DIR", str(tmp_path / "build"))
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))  # stays empty: no network, no data folder
    path = download.fetch("timemachine.txt")
    assert path == tmp_path / "build" / "standin-data" / "timemachine.txt"
    assert path.read_text(encoding="ascii").startswith(TITLE + "\n")
    assert not (tmp_path / "data").exists()
