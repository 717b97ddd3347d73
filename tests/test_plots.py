"""plot_history draws whole-number epoch ticks, and markers only on short curves."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.plots import MARKERS_UP_TO_EPOCHS, plot_history  # noqa: E402


def history(n_epochs):
    loss = np.linspace(1.0, 0.1, n_epochs)
    return {"loss": list(loss), "val_loss": list(loss + 0.05)}


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def tick_positions(ax):
    ax.figure.canvas.draw()
    low, high = ax.get_xlim()
    return [t for t in ax.get_xticks() if low <= t <= high]


@pytest.mark.parametrize("n_epochs", [2, 5, 100])
def test_epoch_ticks_are_whole_numbers(n_epochs):
    ax = plot_history({"run": history(n_epochs)}, "loss")
    ticks = tick_positions(ax)
    assert len(ticks) >= 2, f"too few epoch ticks: {ticks}"
    assert all(float(t).is_integer() for t in ticks), f"fractional epoch ticks for {n_epochs} epochs: {ticks}"


def test_short_history_gets_markers_on_every_epoch():
    ax = plot_history({"run": history(5)}, "loss")
    lines = ax.get_lines()
    assert len(lines) == 2, "expected a training and a validation curve"
    for line in lines:
        assert line.get_marker() == "o", f"{line.get_label()} has no markers"
        assert list(line.get_xdata()) == [1, 2, 3, 4, 5]


def test_long_history_has_no_markers():
    ax = plot_history({"run": history(100)}, "loss")
    for line in ax.get_lines():
        assert line.get_marker() in ("None", "", None), f"{line.get_label()} has markers at 100 epochs"


def test_marker_rule_is_per_curve_at_the_threshold():
    ax = plot_history({"short": history(MARKERS_UP_TO_EPOCHS), "long": history(MARKERS_UP_TO_EPOCHS + 1)}, "val_loss", validation_only=True)
    markers = {line.get_label(): line.get_marker() for line in ax.get_lines()}
    assert markers["short: validation"] == "o"
    assert markers["long: validation"] in ("None", "", None)


def test_styles_and_legend_unchanged():
    ax = plot_history({"a": history(5), "b": history(5)}, "loss", title="t", ylabel="y")
    styles = {line.get_label(): (line.get_linestyle(), line.get_color()) for line in ax.get_lines()}
    assert styles == {
        "a: training": ("--", "C0"),
        "a: validation": ("-", "C0"),
        "b: training": ("--", "C1"),
        "b: validation": ("-", "C1"),
    }
    assert ax.get_title() == "t" and ax.get_xlabel() == "epoch" and ax.get_ylabel() == "y"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == list(styles)
