"""The Keras datasets, read from verified files by Keras' own loading code.

Each ``load_*`` runs the matching ``keras.datasets`` function unchanged, with
only its download step pointed at :func:`helpers.download.fetch`: the file comes
from ``COURSE_DATA_DIR`` (checked against the registry's checksum) in a full
run, or from a stand-in of the same format in test mode. Arguments are the ones
Keras documents (``num_words``, ``seed``, ``test_split``, ...).

Example::

    (x_train, y_train), (x_test, y_test) = load_imdb(num_words=10_000)
    word_index = imdb_word_index()
"""

from __future__ import annotations

import importlib
from contextlib import contextmanager
from unittest import mock

from .download import fetch


@contextmanager
def _reading_verified_files(dataset: str):
    module = importlib.import_module(f"keras.src.datasets.{dataset}")

    def get_file(fname=None, origin=None, **kwargs):
        return str(fetch(origin.rsplit("/", 1)[-1]))

    with mock.patch.object(module, "get_file", get_file):
        yield module


def load_imdb(**kwargs):
    """``keras.datasets.imdb.load_data(**kwargs)`` on the verified ``imdb.npz``.

    Example::

        (x_train, y_train), (x_test, y_test) = load_imdb(num_words=10_000)
    """
    with _reading_verified_files("imdb") as imdb:
        return imdb.load_data(**kwargs)


def imdb_word_index() -> dict[str, int]:
    """``keras.datasets.imdb.get_word_index()`` on the verified ``imdb_word_index.json``.

    Example::

        reverse = {rank + 3: word for word, rank in imdb_word_index().items()}
    """
    with _reading_verified_files("imdb") as imdb:
        return imdb.get_word_index()


def load_reuters(**kwargs):
    """``keras.datasets.reuters.load_data(**kwargs)`` on the verified ``reuters.npz``.

    Example::

        (x_train, y_train), (x_test, y_test) = load_reuters(num_words=10_000)
    """
    with _reading_verified_files("reuters") as reuters:
        return reuters.load_data(**kwargs)


def reuters_word_index() -> dict[str, int]:
    """``keras.datasets.reuters.get_word_index()`` on the verified ``reuters_word_index.json``.

    Example::

        reverse = {rank + 3: word for word, rank in reuters_word_index().items()}
    """
    with _reading_verified_files("reuters") as reuters:
        return reuters.get_word_index()


def load_boston_housing(**kwargs):
    """``keras.datasets.boston_housing.load_data(**kwargs)`` on the verified file.

    Example::

        (x_train, y_train), (x_test, y_test) = load_boston_housing()
    """
    with _reading_verified_files("boston_housing") as boston_housing:
        return boston_housing.load_data(**kwargs)


def load_mnist():
    """``keras.datasets.mnist.load_data()`` on the verified ``mnist.npz``.

    Example::

        (x_train, y_train), (x_test, y_test) = load_mnist()
    """
    with _reading_verified_files("mnist") as mnist:
        return mnist.load_data()


def load_fashion_mnist():
    """``keras.datasets.fashion_mnist.load_data()`` on the four verified IDX files.

    Example::

        (x_train, y_train), (x_test, y_test) = load_fashion_mnist()
    """
    with _reading_verified_files("fashion_mnist") as fashion_mnist:
        return fashion_mnist.load_data()
