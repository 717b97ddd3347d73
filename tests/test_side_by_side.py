"""fit_copies trains copies side by side exactly as each would train alone."""

import keras
import numpy as np
import pytest

from helpers.side_by_side import fit_copies


def half_squared_error(y_true, y_pred):
    return 0.5 * (y_true - y_pred) ** 2


def data(n=60, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-6, 6, size=(n, 2)).astype("float32")
    y = np.where(np.hypot(x[:, 0], x[:, 1]) < 3, 1.0, -1.0).astype("float32")
    return x, y


def test_copies_get_the_same_weights_as_networks_trained_one_at_a_time():
    x, y = data()
    rates = [0.03, 0.1, 0.01]
    initial = []

    def build():
        network = keras.Sequential([keras.Input((2,)), keras.layers.Dense(3, "relu"), keras.layers.Dense(1, "tanh")])
        initial.append([w.copy() for w in network.get_weights()])
        return network

    copies, curves = fit_copies(build, rates, x, y, half_squared_error, batch_size=10, epochs=4, shuffle=False, watch=(x, y))
    assert curves.shape == (4, len(rates))
    for copy, rate, weights in zip(copies, rates, initial):
        alone = build()
        alone.set_weights(weights)
        alone.compile(optimizer=keras.optimizers.SGD(learning_rate=rate), loss=lambda t, p: keras.ops.mean(half_squared_error(t, p), axis=-1))
        alone.fit(x, y[:, None], batch_size=10, epochs=4, shuffle=False, verbose=0)
        for together_w, alone_w, start in zip(copy.get_weights(), alone.get_weights(), weights):
            assert not np.allclose(alone_w, start), "training must have moved the weights"
            np.testing.assert_allclose(together_w, alone_w, rtol=1e-4, atol=1e-6)
    assert np.allclose(curves[-1, 0], np.mean(half_squared_error(y, keras.ops.convert_to_numpy(copies[0](x))[:, 0])))


def test_the_same_seed_gives_the_same_copies_and_a_different_seed_others():
    x, y = data()

    def build():
        return keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, "relu"), keras.layers.Dense(1, "tanh")])

    first = fit_copies(build, [0.03, 0.03], x, y, half_squared_error, batch_size=10, epochs=2, seed=3, watch=(x, y))[1]
    again = fit_copies(build, [0.03, 0.03], x, y, half_squared_error, batch_size=10, epochs=2, seed=3, watch=(x, y))[1]
    other = fit_copies(build, [0.03, 0.03], x, y, half_squared_error, batch_size=10, epochs=2, seed=4, watch=(x, y))[1]
    np.testing.assert_array_equal(first, again)
    assert not np.allclose(first[-1, 0], first[-1, 1]), "copies must start from different initial weights"
    assert not np.allclose(first, other)


def test_no_learning_rates_is_a_clear_error():
    with pytest.raises(ValueError, match="learning rate"):
        fit_copies(lambda: None, [], np.zeros((1, 2)), np.zeros(1), half_squared_error, batch_size=1, epochs=1)
