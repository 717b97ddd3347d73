"""helpers.windows.TimeseriesWindows: the windows of keras.utils.timeseries_dataset_from_array, one batch at a time."""

import doctest
import math

import numpy as np
import pytest

import helpers.windows
from helpers.windows import TimeseriesWindows


def _series(steps=200, features=3):
    return np.arange(steps * features, dtype="float32").reshape(steps, features)


def _keras_batches(data, targets, **kwargs):
    keras = pytest.importorskip("keras")
    pytest.importorskip("tensorflow")
    dataset = keras.utils.timeseries_dataset_from_array(data, targets, **kwargs)
    return [tuple(np.asarray(part) for part in batch) if targets is not None else (np.asarray(batch),) for batch in dataset]


def _our_batches(windows):
    return [batch if isinstance(batch, tuple) else (batch,) for batch in (windows[i] for i in range(len(windows)))]


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(sequence_length=5, batch_size=8),
        dict(sequence_length=10, sampling_rate=3, batch_size=16),
        dict(sequence_length=7, sampling_rate=2, sequence_stride=3, batch_size=5),
        dict(sequence_length=12, sampling_rate=6, batch_size=32, start_index=40, end_index=150),
        dict(sequence_length=4, sampling_rate=2, batch_size=7, start_index=120),
    ],
)
def test_same_windows_and_targets_as_keras(kwargs):
    data = _series()
    delay = 9
    expected = _keras_batches(data[:-delay], data[delay:, 1], shuffle=False, **kwargs)
    ours = _our_batches(TimeseriesWindows(data[:-delay], data[delay:, 1], shuffle=False, **kwargs))
    assert len(ours) == len(expected)
    for (x, y), (x_expected, y_expected) in zip(ours, expected):
        np.testing.assert_array_equal(x, x_expected)
        np.testing.assert_array_equal(y, y_expected)


def test_same_windows_as_keras_without_targets():
    data = _series(60, 2)
    expected = _keras_batches(data, None, sequence_length=6, sampling_rate=2, batch_size=10)
    ours = _our_batches(TimeseriesWindows(data, None, sequence_length=6, sampling_rate=2, batch_size=10))
    assert len(ours) == len(expected)
    for (x,), (x_expected,) in zip(ours, expected):
        np.testing.assert_array_equal(x, x_expected)


def test_the_jena_layout_lines_each_window_up_with_the_temperature_24_hours_after_its_last_hour():
    rows, sampling_rate, sequence_length = 3000, 6, 20
    delay = sampling_rate * (sequence_length + 24 - 1)
    data = np.arange(rows, dtype="float64")[:, None]  # each row holds its own index
    windows = TimeseriesWindows(data[:-delay], data[delay:, 0], sequence_length, sampling_rate, batch_size=64)
    x, y = windows[3]
    last_row = x[:, -1, 0]
    np.testing.assert_array_equal(y - last_row, 24 * 6)
    np.testing.assert_array_equal(np.diff(x[0, :, 0]), sampling_rate)


def test_number_of_batches_and_their_sizes():
    data = _series(1000, 4)
    windows = TimeseriesWindows(data, data[:, 0], sequence_length=50, sampling_rate=2, batch_size=64)
    expected_windows = 1000 - 49 * 2
    assert windows.num_windows == expected_windows
    assert len(windows) == math.ceil(expected_windows / 64) == windows.num_batches
    sizes = [len(windows[i][0]) for i in range(len(windows))]
    assert sizes[:-1] == [64] * (len(windows) - 1)
    assert sum(sizes) == expected_windows
    with pytest.raises(IndexError):
        windows[len(windows)]


def test_a_batch_is_the_only_thing_allocated():
    data = np.random.default_rng(0).standard_normal((20_000, 14)).astype("float32")
    targets = data[:, 1].copy()
    windows = TimeseriesWindows(data, targets, sequence_length=120, sampling_rate=6, batch_size=256, shuffle=True, seed=0)
    # The series is kept by reference, and nothing of the size of all the windows is stored.
    assert np.shares_memory(windows.data, data) and np.shares_memory(windows.targets, targets)
    stored = sum(value.nbytes for value in vars(windows).values() if isinstance(value, np.ndarray))
    all_windows = windows.num_windows * 120 * 14 * 4
    assert stored < data.nbytes + targets.nbytes + 3 * 8 * windows.num_windows + 8 * 120
    assert stored < all_windows / 20
    x, y = windows[0]
    assert x.shape == (256, 120, 14) and x.dtype == np.float32
    assert y.shape == (256,) and y.dtype == np.float32


def test_shuffle_is_reproducible_with_a_seed_and_covers_every_window_each_epoch():
    data = _series(500, 2)
    plain = TimeseriesWindows(data, data[:, 0], sequence_length=10, batch_size=32)
    first = TimeseriesWindows(data, data[:, 0], sequence_length=10, batch_size=32, shuffle=True, seed=7)
    second = TimeseriesWindows(data, data[:, 0], sequence_length=10, batch_size=32, shuffle=True, seed=7)
    other = TimeseriesWindows(data, data[:, 0], sequence_length=10, batch_size=32, shuffle=True, seed=8)

    def epoch(windows):
        return np.concatenate([windows[i][1] for i in range(len(windows))])

    in_order = epoch(plain)
    epoch_1 = epoch(first)
    np.testing.assert_array_equal(epoch_1, epoch(second))
    assert not np.array_equal(epoch_1, in_order)
    assert not np.array_equal(epoch_1, epoch(other))
    np.testing.assert_array_equal(np.sort(epoch_1), in_order)  # a permutation of all the windows

    first.on_epoch_end()
    second.on_epoch_end()
    epoch_2 = epoch(first)
    np.testing.assert_array_equal(epoch_2, epoch(second))
    assert not np.array_equal(epoch_2, epoch_1)  # a new order each epoch
    np.testing.assert_array_equal(np.sort(epoch_2), in_order)

    # Windows and targets stay paired when shuffled.
    x, y = first[0]
    np.testing.assert_array_equal(x[:, 0, 0], y)


def test_unshuffled_windows_keep_their_order_across_epochs():
    data = _series(300, 2)
    windows = TimeseriesWindows(data, data[:, 0], sequence_length=10, batch_size=32)
    before = windows[2][1].copy()
    windows.on_epoch_end()
    np.testing.assert_array_equal(windows[2][1], before)


@pytest.mark.parametrize(
    "kwargs",
    [
        dict(sequence_length=101),  # longer than the series
        dict(sequence_length=10, sampling_rate=12),  # spans 109 steps
        dict(sequence_length=10, start_index=95),
        dict(sequence_length=10, start_index=50, end_index=40),
        dict(sequence_length=10, end_index=101),
        dict(sequence_length=0),
        dict(sequence_length=5, batch_size=0),
    ],
)
def test_impossible_windows_are_refused(kwargs):
    data = _series(100, 1)
    with pytest.raises(ValueError):
        TimeseriesWindows(data, data[:, 0], **kwargs)


def test_model_fit_and_evaluate_accept_the_windows():
    keras = pytest.importorskip("keras")
    rng = np.random.default_rng(0)
    data = rng.standard_normal((600, 3)).astype("float32")
    targets = data[:, 0].copy()
    train = TimeseriesWindows(data, targets, sequence_length=8, sampling_rate=2, batch_size=64, end_index=400, shuffle=True, seed=0)
    val = TimeseriesWindows(data, targets, sequence_length=8, sampling_rate=2, batch_size=64, start_index=400)
    # The target is the first step of each window: a model that reads the window can learn it.
    model = keras.Sequential([keras.Input((8, 3)), keras.layers.Flatten(), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.Adam(0.05), loss="mse")
    history = model.fit(train, epochs=8, validation_data=val, verbose=0)
    assert len(history.history["loss"]) == 8
    assert history.history["val_loss"][-1] < 0.2 * history.history["val_loss"][0]
    assert np.isfinite(model.evaluate(val, verbose=0))


def test_docstring_examples_run():
    failures, tried = doctest.testmod(helpers.windows, extraglobs={"np": np}, optionflags=doctest.ELLIPSIS)
    assert tried > 0 and failures == 0


def test_shuffle_without_a_seed_follows_the_global_numpy_seed():
    data = _series(300, 2)

    def first_targets():
        return TimeseriesWindows(data, data[:, 0], sequence_length=10, batch_size=32, shuffle=True)[0][1]

    np.random.seed(3)
    first = first_targets()
    np.random.seed(3)
    np.testing.assert_array_equal(first_targets(), first)
