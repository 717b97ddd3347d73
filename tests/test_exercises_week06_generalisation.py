"""week06_generalisation's exercises: right answers pass, typical wrong answers get the intended sentence."""

import keras
import numpy as np
from exercise_checks import assert_exercises

from helpers.exercises.week06_generalisation import l2_penalty, params


def get_imdb_model(units=(16, 16), regularizer=None, dropout=0.0):
    """The notebook's builder, without its compile arguments that the checks do not use."""
    layers = []
    for n in units:
        layers.append(keras.layers.Dense(n, activation="relu", kernel_regularizer=regularizer))
        if dropout:
            layers.append(keras.layers.Dropout(dropout))
    return keras.Sequential(layers + [keras.layers.Dense(1, activation="sigmoid")])


def test_week06_generalisation_exercises(standin_mode):
    history = {"loss": [0.6, 0.4, 0.3], "cross_entropy": [0.55, 0.36, 0.27], "val_loss": [0.5, 0.45, 0.47],
               "val_cross_entropy": [0.46, 0.40, 0.41]}
    original = {key: list(np.array(values) - 0.01) for key, values in history.items()}
    context = dict(imdb_regularised={"original 16-16": original, "L2 (0.002)": history}, get_imdb_model=get_imdb_model, num_words=60)

    def without_factor(model, factor):
        return l2_penalty(model, factor) / factor

    def with_biases(model, factor):
        return l2_penalty(model, factor) + factor * sum(float(np.sum(layer.bias.numpy() ** 2))
                                                        for layer in model.layers[:-1])

    def every_layer(model, factor):
        return factor * sum(float(np.sum(layer.kernel.numpy() ** 2)) for layer in model.layers)

    def l1(model, factor):
        return factor * sum(float(np.sum(np.abs(layer.kernel.numpy()))) for layer in model.layers[:-1])

    def hard_coded(model, factor):
        return l2_penalty(model, 0.002)

    ratio = params(60, (512, 512)) / params(60, (16, 16))
    assert_exercises("week06_generalisation", context, {
        "q1": [(without_factor, "left out the factor"), (with_biases, "included the biases"), (every_layer, "output layer"),
               (l1, "L1 penalty"), (hard_coded, "factor 0.01"), (lambda model, factor: None, "one number")],
        "q2": [(-0.06, "wrong sign"), (0.04, "first epoch"), (0.03, "training loss"), (0.01, "two different models"),
               (0.47, "whole validation loss")],
        "q3": [(1 / ratio, "other way round"), (32, "ratio of the units"), (ratio * 1.1, "too high")],
        "q4": [("a", "training=True"), ("c", "inverted dropout"), ("d", "inactive")],
    })
