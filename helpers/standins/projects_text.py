"""Stand-ins for the text projects: raw IMDB reviews, AG News and GloVe, in their real formats.

- ``aclImdb_v1.tar.gz``: the real archive's layout, ``aclImdb/{train,test}/{pos,neg}/<id>_<rating>.txt``
  (ratings 7-10 positive, 1-4 negative), ``aclImdb/train/unsup/<id>_0.txt`` (unlabelled reviews a
  loader must ignore), ``aclImdb/imdb.vocab`` and ``aclImdb/README``; reviews hold ``<br /><br />``
  line breaks as the real ones do.
- ``train.csv`` / ``test.csv`` (AG News, Zhang et al.): no header, every field quoted, columns class
  index (1-4), title, description; quotes doubled inside fields and a backslash where the real text
  has its escaped line breaks. Classes balanced, as in the real files.
- ``glove.6B.zip``: the four members ``glove.6B.{50,100,200,300}d.txt``, one ``word v1 ... vd`` line
  per word, lower case. Topic words lie near a direction of their own, so that frozen vectors carry
  the signal a classifier needs, as the real ones do.

Everything is drawn with fixed seeds, and archives carry fixed timestamps, so a stand-in is
byte-identical from one run to the next.
"""

from __future__ import annotations

import csv
import gzip
import io
import random
import tarfile
import zipfile
from pathlib import Path

import numpy as np

POSITIVE = ["great", "wonderful", "brilliant", "moving", "superb", "loved", "beautiful", "funny", "excellent"]
NEGATIVE = ["awful", "boring", "terrible", "dull", "waste", "worst", "poor", "stupid", "disappointing"]
FILLER = (
    "the film movie story actor actress plot scene director music ending was is and a of it this "
    "with at by an in on character script camera role cast time first two"
).split()

TOPICS = {  # AG News class index -> words of that topic
    1: "minister president election government troops peace iraq talks united nations war leaders".split(),
    2: "team season game coach win cup championship players league match score olympic".split(),
    3: "shares profit company market stocks oil prices quarter sales investors deal bank".split(),
    4: "software internet computer microsoft space scientists users online technology web google research".split(),
}
NEWS_FILLER = "the a of to in on for with said new reuters ap monday tuesday after two its has".split()


def _review(rng: random.Random, words: list[str], other: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(3, 5)):
        sentence = rng.sample(FILLER, rng.randint(5, 9)) + [rng.choice(words)]
        if rng.random() < 0.1:  # real reviews hedge: now and then a word of the other side
            sentence.append(rng.choice(other))
        rng.shuffle(sentence)
        sentences.append(" ".join(sentence).capitalize() + ".")
    # the real reviews break lines with HTML: "<br /><br />"
    return " ".join(sentences[:2]) + "<br /><br />" + " ".join(sentences[2:])


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), 1_309_000_000, 0o644
    tar.addfile(info, io.BytesIO(data))


def make_aclimdb(path: Path, per_class: int = 240, test_per_class: int = 96, unsup: int = 30) -> None:
    """Write a small ``aclImdb_v1.tar.gz`` in the real layout (with an ``unsup`` folder to ignore).

    480 training reviews split 384/96 and 192 test reviews: whole batches of 32, so that in test
    mode TensorFlow traces each step function once instead of again for a smaller last batch.
    """
    rng = random.Random(2011)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
        with tarfile.open(fileobj=gz, mode="w", format=tarfile.GNU_FORMAT) as tar:
            _add(tar, "aclImdb/README", b"Large Movie Review Dataset v1.0 (a small stand-in for tests)\n")
            _add(tar, "aclImdb/imdb.vocab", "\n".join(sorted(set(POSITIVE + NEGATIVE + FILLER))).encode() + b"\n")
            for split, n in (("train", per_class), ("test", test_per_class)):
                for label, words, other, ratings in (
                    ("neg", NEGATIVE, POSITIVE, (1, 2, 3, 4)),
                    ("pos", POSITIVE, NEGATIVE, (7, 8, 9, 10)),
                ):
                    for i in range(n):
                        text = _review(rng, words, other)
                        _add(tar, f"aclImdb/{split}/{label}/{i}_{rng.choice(ratings)}.txt", text.encode())
            for i in range(unsup):
                text = _review(rng, rng.choice([POSITIVE, NEGATIVE]), FILLER)
                _add(tar, f"aclImdb/train/unsup/{i}_0.txt", text.encode())


def _news_rows(rng: random.Random, per_class: int) -> list[list[str]]:
    rows = []
    for i in range(per_class):
        for label, words in TOPICS.items():
            title = rng.sample(words, 2) + rng.sample(NEWS_FILLER, 3)
            rng.shuffle(title)
            body = rng.sample(words, 4) + rng.sample(NEWS_FILLER, 8)
            rng.shuffle(body)
            description = " ".join(body)
            if i % 7 == 0:  # the real descriptions have escaped line breaks and quoted words
                description = description.replace(" ", " \\", 1) + ' "quoted"'
            rows.append([str(label), " ".join(title).title(), description.capitalize() + "."])
    rng.shuffle(rows)
    return rows


def _write_news(path: Path, per_class: int, seed: int) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n").writerows(_news_rows(random.Random(seed), per_class))


def make_ag_news_train(path: Path) -> None:
    """Write a small AG News ``train.csv`` (160 rows per class; the real one has 30,000).

    640 rows split 576/64 by the notebook: whole batches of 32, so each step is traced once.
    """
    _write_news(path, 160, 2015)


def make_ag_news_test(path: Path) -> None:
    """Write a small AG News ``test.csv`` (40 rows per class; the real one has 1,900)."""
    _write_news(path, 40, 7600)


def make_glove(path: Path) -> None:
    """Write a small ``glove.6B.zip``: the four real member names, vectors in the real text format."""
    words = sorted({w for ws in TOPICS.values() for w in ws} | set(NEWS_FILLER) | {"quoted", "unrelated", "words"})
    words.remove("olympic")  # a word GloVe lacks, as it lacks some of any real vocabulary
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for dim in (50, 100, 200, 300):
            rng = np.random.default_rng(dim)
            directions = rng.standard_normal((5, dim))
            lines = []
            for word in words:
                topic = next((t for t, ws in TOPICS.items() if word in ws), 0)
                vector = directions[topic] * (1.0 if topic else 0.2) + 0.4 * rng.standard_normal(dim)
                lines.append(word + " " + " ".join(f"{v:.5f}" for v in vector))
            info = zipfile.ZipInfo(f"glove.6B.{dim}d.txt", date_time=(2014, 8, 4, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, "\n".join(lines) + "\n")


GENERATORS = {
    "aclImdb_v1.tar.gz": make_aclimdb,
    "train.csv": make_ag_news_train,
    "test.csv": make_ag_news_test,
    "glove.6B.zip": make_glove,
}
