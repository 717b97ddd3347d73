"""Helpers for the course notebooks: run settings, data, plots and results.

The first cell of every notebook is::

    import helpers
    helpers.setup("week01_neurons")

after which ``helpers.epochs(20)`` gives 20 epochs in a full run and 2 in test
mode, ``helpers.download.fetch("imdb.npz")`` a verified file, and
``helpers.record(...)`` writes the notebook's key numbers for ``make run``.
"""

from __future__ import annotations

from .settings import start_keras_quietly

start_keras_quietly()

from . import datasets, download, exercises, plots, registry, results, settings, toydata
from .results import record, save_spreadsheet
from .settings import backend, by_mode, epochs, is_test, mode, set_seed

REPOSITORY = "https://github.com/dl-course/keras-course"

__all__ = [
    "backend", "by_mode", "datasets", "download", "epochs", "exercises", "is_test", "mode", "plots",
    "record", "registry", "results", "save_spreadsheet", "set_seed", "settings", "setup", "toydata",
]


def setup(notebook: str, seed: int = 42) -> None:
    """Prepare a notebook: fix the seeds, start recording results, say how it will run.

    Example::

        helpers.setup("week02_and_perceptron")
    """
    import matplotlib.pyplot as plt

    set_seed(seed)
    results.start(notebook)
    plt.rcParams.update({"figure.dpi": 100, "axes.grid": True, "grid.alpha": 0.3})
    print(f"{notebook}: {mode()} mode, Keras backend {backend()}, seed {seed}, {settings.data_line()}")
