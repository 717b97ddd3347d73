"""Plots shared by several notebooks: training curves and decision boundaries.

Training curves follow the Keras book: one colour per model, training dashed,
validation solid, a title, labelled axes and a legend.

Example::

    plot_history({"16-16": history.history}, "loss", title="IMDB: loss")
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import MaxNLocator

# A curve with at most this many epochs gets a marker on each one: with few points the
# reader should see where the measurements are, with many the markers would only clutter.
MARKERS_UP_TO_EPOCHS = 30


def plot_history(histories: dict, metric: str = "loss", title: str | None = None, ax=None, validation_only=False, ylabel=None):
    """Plot ``metric`` per epoch for each run in ``histories`` (name -> ``history.history``).

    One colour per run, training dashed and validation solid (``validation_only``
    leaves the training curves out). The epoch axis gets whole-number ticks only, and
    a curve of at most ``MARKERS_UP_TO_EPOCHS`` (30) epochs gets a small marker on
    each epoch; longer curves are drawn as plain lines. Returns ``ax``.

    Example::

        plot_history({"original": h1.history, "L2": h2.history}, "val_loss", title="IMDB: L2")
    """
    ax = ax or plt.figure(figsize=(7, 4)).gca()
    for i, (name, history) in enumerate(histories.items()):
        colour = f"C{i}"
        base = metric.removeprefix("val_")
        if not validation_only and base in history:
            _plot_curve(ax, history[base], "--", color=colour, label=f"{name}: training")
        if f"val_{base}" in history:
            _plot_curve(ax, history[f"val_{base}"], "-", color=colour, label=f"{name}: validation")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title or metric)
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel or metric.removeprefix("val_").replace("_", " "))
    ax.legend()
    return ax


def _plot_curve(ax, values, style, **kwargs):
    """Draw one per-epoch curve (epochs counted from 1), with markers when it has few points."""
    if len(values) <= MARKERS_UP_TO_EPOCHS:
        kwargs.update(marker="o", markersize=3)
    ax.plot(range(1, len(values) + 1), values, style, **kwargs)


def plot_decision_boundary(ax, predict, x, y, title: str, extent: float = 6.0, resolution: int = 100,
                           point_size: float = 10, colorbar_label: str | None = None, label_name: str = "label"):
    """Shade ``predict``'s output over the plane and scatter the points coloured by label.

    ``predict`` maps an (n, 2) array to one score per point; the boundary is
    drawn where the score crosses the midpoint between the two label values.
    With ``colorbar_label`` a colour bar says what the shading means; a large
    ``point_size`` suits a few points (XOR's four corners), drawn with dark edges.

    Example::

        plot_decision_boundary(ax, lambda p: model.predict(p, verbose=0), x_test, y_test, "3 ReLU")
        plot_decision_boundary(ax, predict, X, Y, "XOR", extent=1.5, point_size=200,
                               colorbar_label="network output p", label_name="y")
    """
    grid = np.linspace(-extent, extent, resolution)
    xx, yy = np.meshgrid(grid, grid)
    points = np.stack([xx.ravel(), yy.ravel()], axis=1).astype("float32")
    scores = np.asarray(predict(points)).reshape(xx.shape)
    low, high = float(np.min(y)), float(np.max(y))
    levels = np.linspace(min(low, float(scores.min())), max(high, float(scores.max())), 21)
    shading = ax.contourf(xx, yy, scores, levels=levels, cmap="RdBu", vmin=low, vmax=high, alpha=0.6)
    ax.contour(xx, yy, scores, levels=[(low + high) / 2], colors="k", linewidths=1)
    large = point_size >= 50
    for value, colour, marker in ((high, "tab:blue", "o"), (low, "tab:orange", "s")):
        mask = y == value
        ax.scatter(x[mask, 0], x[mask, 1], s=point_size, c=colour, marker=marker, zorder=3,
                   edgecolors="black" if large else "white", linewidths=1.5 if large else 0.3,
                   label=f"{label_name} {value:g}")
    ax.set(title=title, xlabel="$x_1$", ylabel="$x_2$", xlim=(-extent, extent), ylim=(-extent, extent))
    ax.grid(False)  # no grid lines across the coloured map
    ax.legend(loc="best" if large else "upper right", fontsize="small", markerscale=0.5 if large else 1)
    if colorbar_label:
        ax.figure.colorbar(shading, ax=ax, label=colorbar_label, ticks=np.linspace(low, high, 5))
    return ax
