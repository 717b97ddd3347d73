"""Exercises of week07_higgs: the learning-rate schedule, parameter counts by hand, the best regulariser, loss vs metric."""

import numpy as np

from . import Exercise, Wrong, choice, code, number

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"results": "results", "build_model": "build_model", "lr_schedule": "lr_schedule",
           "steps_per_epoch": "STEPS_PER_EPOCH", "features": "FEATURES"}

SIZES = ("Tiny", "Small", "Medium", "Large")


def learning_rate_at(ctx, epoch=3000):
    import keras

    return float(keras.ops.convert_to_numpy(ctx.lr_schedule(epoch * ctx.steps_per_epoch)))


def diagnose_learning_rate(value, ctx):
    start = learning_rate_at(ctx, 0)
    mistakes = [
        (learning_rate_at(ctx, 2000), "that is a third of the start, the rate after 2,000 epochs (or η_0 divided by t / T "
                                      "alone); after 3,000 epochs the divisor is 1 + t / T = 4"),
        (start / 2**3, "that halves the rate every 1,000 epochs, which is exponential decay; InverseTimeDecay divides the "
                       "starting rate by 1 + t / T"),
        (start / (1 + 3000), "t / T counts in periods of 1,000 epochs: after 3,000 epochs t / T = 3"),
    ]
    for wrong, sentence in mistakes:
        if np.isclose(value, wrong, rtol=0.01):
            return sentence
    return None


def count_params(features, units, depth, batch_norm=False):
    per_layer_extra = 4 * units if batch_norm else 0  # gamma, beta, moving mean, moving variance
    first = (features + 1) * units + per_layer_extra
    others = (depth - 1) * ((units + 1) * units + per_layer_extra)
    return first + others + (units + 1)


def check_count_params(function, ctx):
    # No single-layer model: for one layer, leaving out the biases and leaving out the output layer miss the same count.
    cases = [(16, 2, False), (64, 3, False), (64, 3, True)]
    for units, depth, batch_norm in cases:
        want = ctx.build_model(units, depth=depth, batch_norm=batch_norm).count_params()
        got = function(ctx.features, units, depth, batch_norm=batch_norm)
        if isinstance(got, (bool, np.bool_)) or not isinstance(got, (int, np.integer)):
            raise Wrong(f"your function returns {type(got).__name__} {got!r}; a parameter count is an int")
        if got == want:
            continue
        model = f"{depth} × {units}{' with batch normalisation' if batch_norm else ''}"
        where = f"for {model} your function gives {got:,}; `build_model` has {want:,} parameters"
        plain = count_params(ctx.features, units, depth)
        if got == want - depth * units - 1:
            raise Wrong(f"{where}: you left out the biases, one per unit of every Dense layer, the logit's included")
        if got == want - (units + 1):
            raise Wrong(f"{where}: you left out the output layer, Dense(1): `units` weights and 1 bias")
        if batch_norm and got == plain + 2 * units * depth:
            raise Wrong(f"{where}: count_params() also counts each BatchNormalization layer's moving mean and variance, "
                        "which are weights too (non-trainable): 4 per unit, not 2")
        if batch_norm and got == plain:
            raise Wrong(f"{where}: each BatchNormalization layer adds 4 weights per unit (scale, offset, moving mean, moving variance)")
        raise Wrong(f"{where}. Add up, layer by layer, (inputs + 1) × units")
    return ""


def _regularised(ctx):
    return [name for name in ctx.results if name not in SIZES]


def most_accurate(ctx):
    names = _regularised(ctx)
    return max(names, key=lambda name: ctx.results[name]["val accuracy"])


def check_most_accurate(value, ctx):
    if not isinstance(value, str):
        raise Wrong(f'answer with a model\'s name in quotes, as the table writes it, e.g. "{_regularised(ctx)[0]}"')
    names = {name.lower(): name for name in ctx.results}
    name = names.get(value.strip().lower())
    if name is None:
        raise Wrong(f"{value!r} is not a row of the table; the regularised models are {', '.join(_regularised(ctx))}")
    if name in SIZES:
        raise Wrong(f"{name} is one of the four plain sizes; the question asks which regularised variant of Large is best")
    best = max(ctx.results[n]["val accuracy"] for n in _regularised(ctx))
    if ctx.results[name]["val accuracy"] == best:
        lowest = min(_regularised(ctx), key=lambda n: ctx.results[n]["best val BCE"])
        same = "the same model" if ctx.results[lowest]["val accuracy"] == best else f"not the same model: {lowest}"
        return f"The one with the lowest validation BCE is {same}."
    accuracy = ctx.results[name]["val accuracy"]
    if name == min(_regularised(ctx), key=lambda n: ctx.results[n]["best val BCE"]):
        raise Wrong(f"{name} has the lowest validation BCE, but its validation accuracy, {accuracy:.4f}, is not the highest: "
                    "cross-entropy also rewards confident right answers and punishes confident wrong ones, accuracy only counts them")
    if name == min(_regularised(ctx), key=lambda n: ctx.results[n]["overfitting gap"]):
        raise Wrong(f"{name} narrows the overfitting gap most, but its validation accuracy, {accuracy:.4f}, is not the highest "
                    "of the regularised models")
    raise Wrong(f"{name}'s validation accuracy, {accuracy:.4f}, is not the highest of the regularised models; sort the "
                "table by its 'val accuracy' column")


EXERCISES = [
    number(
        "The learning rate later on",
        "With `InverseTimeDecay` as set up above, what is the learning rate after 3,000 epochs? Work it out from the "
        "formula, then check it with `lr_schedule(3000 * STEPS_PER_EPOCH)`.",
        solution=learning_rate_at,
        diagnose=diagnose_learning_rate,
        relative=0.01,
        answer="rate",
        hints=[
            "η_t = η_0 / (1 + t / T), where T is 1,000 epochs' worth of steps.",
            "After 3,000 epochs, t / T = 3.",
        ],
        explain="{answer:g}: a quarter of the starting rate. The steps shrink slowly, so the late epochs of a long run "
                "refine rather than jump.",
    ),
    code(
        "Parameters by hand",
        "Write `count_params(features, units, depth, batch_norm=False)` that returns, without Keras, the number of "
        "parameters of `build_model(units, depth, batch_norm=batch_norm)` for `features` inputs: `depth` Dense layers "
        "of `units` units and one logit, and with `batch_norm=True` a `BatchNormalization` layer after each Dense layer. "
        "The check compares it with `count_params()` of the models `build_model` makes.",
        starter="def count_params(features, units, depth, batch_norm=False):\n    ...  # your code: return an int",
        solution=count_params,
        check=check_count_params,
        hints=[
            "A Dense layer from n inputs to m units has (n + 1) × m parameters; the first has `features` inputs, the others `units`.",
            "A BatchNormalization layer over m units holds 4 × m: a scale and an offset that train, and a moving mean and "
            "variance that do not; count_params() counts all four.",
        ],
    ),
    Exercise(
        "Which regularisation helped most?",
        "Read the table of all models. Of the five regularised variants of the Large model, which has the highest "
        "validation accuracy (the table's `val accuracy`, measured at each model's best epoch)? Give its name as the "
        "table writes it. Is it also the one with the lowest validation BCE?",
        check=check_most_accurate,
        solution=most_accurate,
        hints=[
            "`table.sort_values('val accuracy')` orders the rows; only L2, Dropout, L2 + dropout, Batch norm and "
            "Gaussian noise count.",
            "`table.drop(index=['Tiny', 'Small', 'Medium', 'Large'])['val accuracy'].idxmax()` gives it.",
        ],
        starter='answer = ...  # a name from the table, in quotes',
        explain="Cross-entropy and accuracy need not rank the models alike: the first rewards well-calibrated "
                "probabilities, the second only which side of 0.5 they fall.",
    ),
    choice(
        "Loss or metric?",
        "For the L2 model, `val_loss` is higher than `val_binary_crossentropy` at every epoch, although both are "
        "binary cross-entropy on the same validation rows. Why, and why does early stopping watch the metric?",
        options={
            "a": "The loss is averaged over batches and the metric over rows, so they differ a little.",
            "b": "The loss includes the L2 penalty, 0.001 × the sum of the squared weights; the metric is the "
                 "cross-entropy alone, so only the metric compares fairly across models with and without L2.",
            "c": "The loss is computed with dropout and noise switched on, the metric without.",
            "d": "The metric thresholds the logit at 0, the loss does not.",
        },
        correct="b",
        why={
            "a": "Keras weights the batches by their size, so both are means over rows; and a few rounding errors could "
                 "not make the loss higher at every epoch.",
            "c": "validation runs in inference mode for loss and metrics alike; besides, the L2 model has neither dropout nor noise.",
            "d": "that is the accuracy metric (BinaryAccuracy(threshold=0.0)); the cross-entropy metric uses the logit as the loss does.",
        },
        hints=["What does `kernel_regularizer` add, and to which of the two?"],
        explain="Regularisation penalties are part of the loss that is minimised, not of the error that is measured; "
                "compare models by the metric.",
    ),
]
