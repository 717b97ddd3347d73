"""The raw Large Movie Review Dataset (aclImdb): reviews streamed from the extracted folders.

The archive (``aclImdb_v1.tar.gz``, verified by :func:`helpers.download.fetch`) is extracted
once beside it; its layout is ``aclImdb/{train,test}/{pos,neg}/<id>_<rating>.txt``, plus
``aclImdb/train/unsup/`` (50,000 unlabelled reviews), which is ignored: only the ``neg`` and
``pos`` folders are read, as labels 0 and 1. Reviews break lines with HTML (``<br />``),
which :func:`load_reviews` replaces by a space before anything else sees the text.

Example::

    train, validation = load_reviews("train", batch_size=32, validation_split=0.2)
    test = load_reviews("test", batch_size=32)
    texts, labels = next(iter(train))        # 32 strings, 32 labels (0 negative, 1 positive)
"""

from __future__ import annotations

from pathlib import Path

import keras

from .download import DataError, extract, fetch

ARCHIVE = "aclImdb_v1.tar.gz"
CLASS_NAMES = ("neg", "pos")  # label 0, label 1; "unsup" is left out
HTML_BREAK = r"<br\s*/?>"


def reviews_folder() -> Path:
    """The extracted ``aclImdb`` folder (fetched and extracted on first use).

    Example::

        (reviews_folder() / "train" / "pos").is_dir()   # True
    """
    folder = extract(fetch(ARCHIVE)) / "aclImdb"
    for split in ("train", "test"):
        for name in CLASS_NAMES:
            if not (folder / split / name).is_dir():
                raise DataError(
                    f"{ARCHIVE} extracted to {folder.parent}, but {folder / split / name} is missing: the archive "
                    f"is not the Large Movie Review Dataset. Delete {ARCHIVE} and the folder, then run again."
                )
    return folder


def count_reviews(split: str) -> dict[str, int]:
    """How many review files each folder of a split holds (``unsup`` included, to show it is left out).

    Example::

        count_reviews("train")   # {'neg': 12500, 'pos': 12500, 'unsup': 50000} on the real data
    """
    root = reviews_folder() / split
    return {d.name: sum(1 for _ in d.glob("*.txt")) for d in sorted(root.iterdir()) if d.is_dir()}


def strip_html(texts):
    """Replace the reviews' HTML line breaks with a space (works on a batch of strings in tf.data).

    Example::

        strip_html(["Good.<br /><br />Very."])   # [b'Good.  Very.'] as a tensor
    """
    import tensorflow as tf  # tf.data runs the input pipeline on every Keras backend

    return tf.strings.regex_replace(texts, HTML_BREAK, " ")


def load_reviews(split: str, batch_size: int = 32, validation_split: float | None = None, seed: int = 42):
    """Batches of (review text, label) streamed from disk; a (train, validation) pair with ``validation_split``.

    Files are read by ``keras.utils.text_dataset_from_directory`` batch by batch, never all at once.

    Example::

        train, validation = load_reviews("train", batch_size=32, validation_split=0.2)
    """
    folder = reviews_folder() / split
    kwargs = dict(class_names=list(CLASS_NAMES), batch_size=batch_size, seed=seed, shuffle=True, verbose=False)
    if validation_split:
        train, validation = keras.utils.text_dataset_from_directory(
            folder, validation_split=validation_split, subset="both", **kwargs
        )
        return train.map(_clean), validation.map(_clean)
    return keras.utils.text_dataset_from_directory(folder, **kwargs).map(_clean)


def _clean(texts, labels):
    return strip_html(texts), labels

