"""week07_higgs's exercises: right answers pass, typical wrong answers get the intended sentence."""

import keras
from exercise_checks import assert_exercises
from keras import layers

from helpers.exercises.week07_higgs import count_params

FEATURES = 28


def build_model(units, depth, l2=None, dropout=None, batch_norm=False, noise=None):
    """The notebook's builder."""
    stack = [keras.Input((FEATURES,))]
    if noise:
        stack.append(layers.GaussianNoise(noise))
    for _ in range(depth):
        regulariser = keras.regularizers.l2(l2) if l2 else None
        if batch_norm:
            stack += [layers.Dense(units, kernel_regularizer=regulariser), layers.BatchNormalization(), layers.Activation("elu")]
        else:
            stack.append(layers.Dense(units, activation="elu", kernel_regularizer=regulariser))
        if dropout:
            stack.append(layers.Dropout(dropout))
    return keras.Sequential(stack + [layers.Dense(1)])


def row(bce, accuracy, gap):
    return {"epochs run": 300, "best epoch": 100, "best val BCE": bce, "val accuracy": accuracy, "final train BCE": bce - gap,
            "overfitting gap": gap}


def test_week07_higgs_exercises(standin_mode):
    results = {"Tiny": row(0.62, 0.66, 0.01), "Small": row(0.60, 0.68, 0.02), "Medium": row(0.59, 0.69, 0.05),
               "Large": row(0.60, 0.70, 0.40), "L2": row(0.59, 0.68, 0.03), "Dropout": row(0.58, 0.70, 0.08),
               "L2 + dropout": row(0.585, 0.69, 0.01), "Batch norm": row(0.61, 0.71, 0.30), "Gaussian noise": row(0.60, 0.69, 0.2)}
    steps = 20
    schedule = keras.optimizers.schedules.InverseTimeDecay(0.001, decay_steps=steps * 1000, decay_rate=1, staircase=False)
    context = dict(results=results, build_model=build_model, lr_schedule=schedule, steps_per_epoch=steps, features=FEATURES)

    def no_biases(features, units, depth, batch_norm=False):
        return count_params(features, units, depth, batch_norm) - depth * units - 1

    def no_output(features, units, depth, batch_norm=False):
        return count_params(features, units, depth, batch_norm) - units - 1

    def trainable_only(features, units, depth, batch_norm=False):
        return count_params(features, units, depth) + (2 * units * depth if batch_norm else 0)

    def ignores_batch_norm(features, units, depth, batch_norm=False):
        return count_params(features, units, depth)

    assert_exercises("week07_higgs", context, {
        "q1": [(0.001 / 3, "1 + t / T = 4"), (0.001 / 8, "exponential decay"), (0.001 / 3001, "periods of 1,000"),
               (0.001, "too high")],
        "q2": [(no_biases, "biases"), (no_output, "output layer"), (trainable_only, "not 2"), (ignores_batch_norm, "4 weights per unit"),
               (lambda features, units, depth, batch_norm=False: 1.5, "int")],
        "q3": [("Dropout", "lowest validation BCE"), ("L2 + dropout", "narrows the overfitting gap"), ("Large", "plain sizes"),
               ("L2", "not the highest"), ("Huge", "not a row"), (3, "in quotes")],
        "q4": [("a", "batch"), ("c", "inference mode"), ("d", "BinaryAccuracy")],
    })
