"""AG News (Zhang, Zhao and LeCun 2015): news titles and descriptions in four topics.

The two files ``train.csv`` (120,000 rows) and ``test.csv`` (7,600 rows), verified by
:func:`helpers.download.fetch` against torchtext's published MD5s, have no header and three
quoted columns: the class index 1-4, the title and the description. The descriptions keep
the source's escaped line breaks as a backslash, which :func:`load_ag_news` turns into a space.

Example::

    texts, labels = load_ag_news("train")   # 120,000 strings "title. description", labels 0-3
    CLASS_NAMES[labels[0]]                  # 'Business'
"""

from __future__ import annotations

import csv

import numpy as np

from .download import BadFileError, fetch

CLASS_NAMES = ("World", "Sports", "Business", "Sci/Tech")  # class index 1-4 in the files, 0-3 here


def load_ag_news(split: str) -> tuple[list[str], np.ndarray]:
    """The texts (title and description joined) and labels 0-3 of ``"train"`` or ``"test"``.

    Example::

        texts, labels = load_ag_news("test")
    """
    if split not in ("train", "test"):
        raise ValueError(f"split is 'train' or 'test', not {split!r}")
    path = fetch(f"{split}.csv")
    texts, labels = [], []
    with open(path, newline="", encoding="utf-8") as f:
        for number, row in enumerate(csv.reader(f), start=1):
            if len(row) != 3 or row[0] not in ("1", "2", "3", "4"):
                raise BadFileError(
                    f"{path}, row {number}: expected 3 fields with a class index 1-4 first, got {row[:3]!r}. "
                    f"It is not AG News' {split}.csv: delete it and run again to download it afresh."
                )
            title, description = (field.replace("\\", " ") for field in row[1:])
            texts.append(f"{title}. {description}")
            labels.append(int(row[0]) - 1)
    return texts, np.array(labels, dtype="int64")
