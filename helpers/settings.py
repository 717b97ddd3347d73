"""Run settings: test or full mode, epoch scaling, seeds and where files go.

Every notebook states its full-run values in its own code, e.g.
``epochs = helpers.epochs(20)``; in test mode (``COURSE_MODE=test``, used by
``make test``) the helpers shrink them so the whole course runs in minutes.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import numpy as np

MODES = ("full", "test")
REPO_ROOT = Path(__file__).resolve().parents[1]
#: Set by the runner (helpers.run) for the notebook it executes: the file the kernel notes data in.
SERVED_LOG = "COURSE_SERVED_LOG"


def mode() -> str:
    """The run mode, from ``COURSE_MODE`` (``full`` unless set).

    >>> os.environ["COURSE_MODE"] = "test"; mode()
    'test'
    """
    value = os.environ.get("COURSE_MODE", "full").strip().lower() or "full"
    if value not in MODES:
        raise ValueError(f"COURSE_MODE must be one of {MODES}, not {value!r}")
    return value


def is_test() -> bool:
    """True in test mode (``COURSE_MODE=test``).

    >>> os.environ["COURSE_MODE"] = "full"; is_test()
    False
    """
    return mode() == "test"


def by_mode(full, test):
    """``full`` in a full run, ``test`` in test mode.

    >>> os.environ["COURSE_MODE"] = "test"; by_mode(full=10_000, test=200)
    200
    """
    return test if is_test() else full


def epochs(full: int, test: int = 2) -> int:
    """The number of epochs to train: ``full`` in a full run, at most ``test`` in test mode.

    >>> os.environ["COURSE_MODE"] = "test"; epochs(20)
    2
    """
    return min(full, test) if is_test() else full


def backend() -> str:
    """The Keras backend in use (``KERAS_BACKEND``, TensorFlow by default).

    >>> backend() in {"tensorflow", "jax", "torch", "numpy"}
    True
    """
    import keras

    return keras.backend.backend()


def set_seed(seed: int = 42) -> None:
    """Seed Python, NumPy and the Keras backend so a run repeats exactly.

    On TensorFlow it also asks for deterministic kernels, which CPU runs get
    at almost no cost.

    >>> set_seed(0); a = np.random.rand(); set_seed(0); a == np.random.rand()
    True
    """
    import keras

    random.seed(seed)
    np.random.seed(seed)
    keras.utils.set_random_seed(seed)
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()


def start_keras_quietly() -> None:
    """Import Keras with TensorFlow's C++ start-up messages hidden.

    On a machine without a GPU, TensorFlow writes "Could not find cuda drivers"
    and "failed call to cuInit" straight to the process's stderr, before its
    log settings apply, and Jupyter shows them in the first cell. ``import
    helpers`` comes first in every notebook so that they are silenced here;
    Python errors are not affected. TensorFlow's C++ log is silenced too
    (level 3): TensorFlow 2.21 logs a harmless "NodeDef mentions attribute
    use_unbounded_threadpool" error on predict/evaluate with Keras 3.15. Set
    ``TF_CPP_MIN_LOG_LEVEL=0`` before starting Jupyter to see everything.
    """
    import importlib.util
    import sys

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if "keras" in sys.modules:
        return  # too late to hide anything; Keras imports TensorFlow (when installed) on every backend
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            import keras

            keras.ops.convert_to_numpy(keras.ops.add(1, 1))  # the first op probes for CUDA
            if importlib.util.find_spec("tensorflow"):
                import tensorflow  # noqa: F401  (on JAX and torch too, Keras loads it to seed and feed data)
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _folder(variable: str, default: Path) -> Path:
    return Path(os.environ.get(variable) or default).expanduser().resolve()


def _default_root() -> Path:
    # In a checkout the data and build folders sit beside helpers/; when helpers
    # is pip-installed (Colab), they go under the working directory instead.
    return REPO_ROOT if (REPO_ROOT / "pyproject.toml").exists() else Path.cwd()


def data_dir() -> Path:
    """Where datasets are cached: ``COURSE_DATA_DIR``, else the repository's ``data/``.

    >>> data_dir().name
    'data'
    """
    return _folder("COURSE_DATA_DIR", _default_root() / "data")


def build_dir() -> Path:
    """Where outputs go (results, spreadsheets, stand-in data): ``COURSE_BUILD_DIR`` or ``build/``.

    >>> build_dir().name
    'build'
    """
    return _folder("COURSE_BUILD_DIR", _default_root() / "build")


def for_readers() -> bool:
    """Whether this run's outputs go into a copy for other readers (``make run`` / ``make publish``).

    The runner names a served-files log for the kernel (:mod:`helpers.publish`); a student's own
    run in Jupyter and pytest's nbval do not.

    Example::

        helpers.settings.for_readers()   # False in your own notebook
    """
    return bool(os.environ.get(SERVED_LOG))


def shown(path) -> str:
    """``path`` as outputs print it, without this machine's folders where they tell a reader nothing.

    Inside the repository (or the working folder, when helpers is pip-installed): relative to it,
    e.g. ``build/week02_and_perceptron.xlsx``. Inside a data or build folder set by
    ``COURSE_DATA_DIR`` / ``COURSE_BUILD_DIR`` elsewhere: under the variable's name, e.g.
    ``COURSE_DATA_DIR/names`` (``helpers.setup`` prints where that is in your own run). Anywhere
    else: the path as it is. Error messages keep absolute paths: they are for the person running.

    Example::

        shown(build_dir() / "week02.xlsx")   # 'build/week02.xlsx', or 'COURSE_BUILD_DIR/week02.xlsx'
    """
    named = [("COURSE_DATA_DIR", data_dir()), ("COURSE_BUILD_DIR", build_dir())]
    roots = [(name, root) for name, root in named if os.environ.get(name)] + [("", _default_root())]
    found = relative_to_first(path, [root for _, root in roots])
    if found is None:
        return str(Path(os.path.abspath(Path(path).expanduser())))
    index, relative = found
    name = roots[index][0]
    if not name:
        return relative
    return name if relative == "." else f"{name}/{relative}"


def relative_to_first(path, roots) -> tuple[int, str] | None:
    """(index in ``roots``, relative POSIX path) of the first root that holds ``path``; None if none does.

    The path as given is tried before its resolved form, so that a folder linked into the data
    folder is named where it is linked, not where the link points.

    Example::

        relative_to_first(data_dir() / "names", [data_dir(), REPO_ROOT])   # (0, 'names')
    """
    path = Path(os.path.abspath(Path(path).expanduser()))
    for candidate in (path, path.resolve()):
        for index, root in enumerate(roots):
            if candidate == root or root in candidate.parents:
                return index, candidate.relative_to(root).as_posix()
    return None


def data_line() -> str:
    """Where data is read from, as ``helpers.setup`` says it.

    In your own run: the folder as outputs name it (``data/``, or ``COURSE_DATA_DIR``) and, in
    brackets, where it is on your machine. In a copy for other readers (:func:`for_readers`),
    only the name: this machine's folders tell them nothing.

    Example::

        data_line()   # 'data in COURSE_DATA_DIR (/home/you/datasets)'; in a published copy 'data in COURSE_DATA_DIR'
    """
    folder = data_dir()
    where = shown(folder)  # the repository's data/ unless COURSE_DATA_DIR names a folder
    where = where if where == "COURSE_DATA_DIR" else f"{where}/"
    return f"data in {where}" + ("" if for_readers() else f" ({folder})")
