"""GloVe word vectors (Pennington et al. 2014), read from ``glove.6B.zip`` without extracting it.

The zip holds four text files, ``glove.6B.{50,100,200,300}d.txt``, one line per word:
``word v1 v2 ... vd``. :func:`embedding_matrix` streams the one member it needs line by
line (the 100-d file alone is 330 MB, the zip 822 MB) and keeps only the words of a vocabulary.

Example::

    matrix, found = embedding_matrix(vectorizer.get_vocabulary(), dim=100)
    embedding = keras.layers.Embedding(len(matrix), 100, weights=[matrix], trainable=False)
"""

from __future__ import annotations

import io
import zipfile

import numpy as np

from .download import BadFileError, fetch

ARCHIVE = "glove.6B.zip"
DIMENSIONS = (50, 100, 200, 300)


def embedding_matrix(vocabulary, dim: int = 100) -> tuple[np.ndarray, int]:
    """A ``(len(vocabulary), dim)`` float32 matrix of GloVe vectors, and how many words were found.

    Row ``i`` is the vector of ``vocabulary[i]``; words GloVe lacks (and the padding ``""``
    and ``"[UNK]"`` entries of a ``TextVectorization`` vocabulary) get zeros.

    Example::

        >>> matrix, found = embedding_matrix(["", "[UNK]", "the"], dim=50)   # doctest: +SKIP
        >>> matrix.shape, found                                             # doctest: +SKIP
        ((3, 50), 1)
    """
    if dim not in DIMENSIONS:
        raise ValueError(f"glove.6B has vectors of {DIMENSIONS} dimensions, not {dim}")
    index = {word: i for i, word in enumerate(vocabulary) if word not in ("", "[UNK]")}
    matrix = np.zeros((len(vocabulary), dim), dtype="float32")
    found = 0
    path = fetch(ARCHIVE)
    member = f"glove.6B.{dim}d.txt"
    try:
        with zipfile.ZipFile(path) as zf, zf.open(member) as raw:
            for number, line in enumerate(io.TextIOWrapper(raw, encoding="utf-8"), start=1):
                word, _, rest = line.rstrip("\n").partition(" ")
                row = index.get(word)
                if row is None:
                    continue
                values = np.array(rest.split(" "), dtype="float32")
                if values.shape != (dim,):
                    raise BadFileError(
                        f"{path}: line {number} of {member} has {values.size} numbers, not {dim}. "
                        f"The file is not GloVe 6B: delete it and run again to download it afresh."
                    )
                matrix[row] = values
                found += 1
    except KeyError:
        raise BadFileError(f"{path} has no member {member}: it is not glove.6B.zip. Delete it and run again.") from None
    except (zipfile.BadZipFile, ValueError) as error:
        raise BadFileError(f"{path} is corrupt ({error}): delete it and run again to download it afresh.") from None
    return matrix, found
