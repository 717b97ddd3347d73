"""Exercises of week06_generalisation: the L2 penalty by hand and in the run, capacity in parameters, dropout at inference."""

import numpy as np

from . import Wrong, choice, code, number
from ._sizes import dense_parameters

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"imdb_regularised": "imdb_regularised", "get_imdb_model": "get_imdb_model", "num_words": "NUM_WORDS"}

L2_NAME, ORIGINAL = "L2 (0.002)", "original 16-16"


def l2_penalty(model, factor):
    penalty = 0.0
    for layer in model.layers:
        if getattr(layer, "kernel_regularizer", None) is not None:  # the hidden layers; the output layer has none
            penalty += factor * float(np.sum(layer.kernel.numpy() ** 2))
    return penalty


def _sums(model):
    """Sums over the model's weights that typical wrong answers compute: {what: value}."""
    def values(variable):
        return variable.numpy().astype("float64")

    dense = [layer for layer in model.layers if hasattr(layer, "kernel")]
    regularised = [layer for layer in dense if layer.kernel_regularizer is not None]
    return {
        "squares": sum(np.sum(values(layer.kernel) ** 2) for layer in regularised),
        "biases": sum(np.sum(values(layer.bias) ** 2) for layer in regularised),
        "output": sum(np.sum(values(layer.kernel) ** 2) for layer in dense if layer.kernel_regularizer is None),
        "absolute": sum(np.sum(np.abs(values(layer.kernel))) for layer in regularised),
        "mean": np.mean([np.mean(values(layer.kernel) ** 2) for layer in regularised]),
    }


def check_l2_penalty(function, ctx):
    import keras

    for units, factor in (((16, 16), 0.002), ((4, 4), 0.01)):
        model = ctx.get_imdb_model(units, regularizer=keras.regularizers.l2(factor))
        model.build((None, ctx.num_words))
        rng = np.random.default_rng(0)
        for layer in model.layers:  # biases start at 0; make them count, so that including them shows
            if getattr(layer, "bias", None) is not None:
                layer.bias.assign(rng.normal(0, 0.1, layer.bias.shape).astype("float32"))
        want = float(np.sum([keras.ops.convert_to_numpy(loss) for loss in model.losses]))
        got = function(model, factor)
        try:
            got = float(keras.ops.convert_to_numpy(got))
        except (TypeError, ValueError):
            raise Wrong(f"your function returns {type(got).__name__} {got!r}; it should return one number") from None
        if np.isclose(got, want, rtol=1e-4):
            continue
        sums = _sums(model)
        where = f"for the {'-'.join(map(str, units))} model with factor {factor}, you return {got:.6g} and Keras adds {want:.6g}"
        mistakes = [
            (sums["squares"], "you left out the factor: the penalty is factor × (sum of the squared weights)"),
            (factor * (sums["squares"] + sums["biases"]), "you included the biases; Keras' kernel_regularizer penalises only the kernels (the weight matrices)"),
            (factor * (sums["squares"] + sums["output"]), "you included the output layer; only the layers built with kernel_regularizer are penalised"),
            (factor * sums["absolute"], "that is the L1 penalty (sum of |w|); L2 sums the squares, w²"),
            (factor * sums["squares"] / 2, "you halved it; Keras' l2(factor) adds factor × sum(w²), with no ½"),
            (factor * sums["mean"], "you averaged the squares; the penalty sums them over every weight"),
        ]
        for value, sentence in mistakes:
            if np.isclose(got, value, rtol=1e-4):
                raise Wrong(f"{where}: {sentence}")
        raise Wrong(f"{where}. Sum factor × w² over the kernel of every layer that has a kernel_regularizer")
    return "Keras adds exactly this to the loss at every step, and to the validation loss."


def final_penalty(ctx):
    history = ctx.imdb_regularised[L2_NAME]
    return history["val_loss"][-1] - history["val_cross_entropy"][-1]


def diagnose_final_penalty(value, ctx):
    l2, original = ctx.imdb_regularised[L2_NAME], ctx.imdb_regularised[ORIGINAL]
    mistakes = [
        (-final_penalty(ctx), "that has the wrong sign: the loss is the cross-entropy plus the penalty, so it is the larger"),
        (l2["val_loss"][0] - l2["val_cross_entropy"][0], "that is after the first epoch; the question asks about the last"),
        (l2["loss"][-1] - l2["cross_entropy"][-1], "that is from the training loss, averaged over the epoch while the weights "
                                                   "changed; the validation numbers are computed with the epoch's final weights"),
        (l2["val_loss"][-1] - original["val_loss"][-1], "that compares two different models; take both numbers from the L2 model's history"),
        (l2["val_loss"][-1], "that is the whole validation loss; subtract the validation cross-entropy"),
    ]
    for wrong, sentence in mistakes:
        if np.isclose(value, wrong, rtol=1e-6, atol=1e-9):
            return sentence
    return None


def params(num_words, units):
    return dense_parameters([num_words, *units, 1])


def capacity_ratio(ctx):
    return params(ctx.num_words, (512, 512)) / params(ctx.num_words, (16, 16))


def diagnose_capacity_ratio(value, ctx):
    if np.isclose(value, 1 / capacity_ratio(ctx), rtol=0.01):
        return "that is the ratio the other way round: the 512-512 network has more parameters, so the answer is above 1"
    if np.isclose(value, 32, rtol=0.001):
        return "32 is the ratio of the units; count the parameters: the first layer's grow with the units, the second's with their square"
    if np.isclose(value, 1024, rtol=0.001):
        return "1,024 is the ratio of the second hidden layers' weights only; most parameters sit in the first layer, with its inputs"
    return None


EXERCISES = [
    code(
        "The L2 penalty by hand",
        "Write `l2_penalty(model, factor)` that returns the number L2 regularisation adds to a model's loss: "
        "`factor` times the sum of the squares of the weights of every layer built with a `kernel_regularizer` (the "
        "IMDB models' hidden layers). The check builds `get_imdb_model(..., regularizer=keras.regularizers.l2(factor))` "
        "and compares your number with the one Keras adds (`sum(model.losses)`).",
        starter="def l2_penalty(model, factor):\n    ...  # your code: return one number",
        solution=l2_penalty,
        check=check_l2_penalty,
        hints=[
            "A Dense layer's weight matrix is `layer.kernel`; `layer.kernel.numpy()` is it as a NumPy array.",
            "Loop over `model.layers` and keep those whose `kernel_regularizer` is not None; the biases are not penalised.",
        ],
    ),
    number(
        "The penalty in the run",
        "The L2 model's validation loss includes the penalty; its validation cross-entropy does not. From "
        "`imdb_regularised['L2 (0.002)']`, how large is the penalty after the last epoch?",
        solution=final_penalty,
        diagnose=diagnose_final_penalty,
        tolerance=1e-6,
        relative=1e-4,
        answer="penalty",
        hints=[
            "The history holds 'val_loss' and 'val_cross_entropy', one value per epoch.",
            "Take the last value of each (index -1) and subtract.",
        ],
        explain="{answer:.4f}: 0.002 × the sum of the hidden layers' squared weights at the end of training. It is why the "
                "plot above compares validation cross-entropies, not validation losses.",
    ),
    number(
        "Capacity in parameters",
        "How many times as many parameters as the original 16-16 network does the larger 512-512 IMDB network "
        "have (both with `NUM_WORDS` inputs and one sigmoid output)? Count weights and biases.",
        solution=capacity_ratio,
        diagnose=diagnose_capacity_ratio,
        relative=0.01,
        answer="ratio",
        hints=[
            "A Dense layer from n inputs to m units has (n + 1) × m parameters.",
            "16-16: NUM_WORDS → 16 → 16 → 1. Compute both totals, then divide.",
        ],
        explain="About {answer:.1f} times: almost all of both networks' parameters are in the first layer, whose size "
                "grows with the number of units.",
    ),
    choice(
        "Dropout at inference",
        "During training, `Dropout(0.5)` sets half of its inputs to zero at random. What does it do when the model "
        "is evaluated on the validation reviews, or used to predict?",
        options={
            "a": "It zeroes half of its inputs at random, as in training, so the validation accuracy is measured on a handicapped network.",
            "b": "It passes its inputs through unchanged. In training it multiplied the kept ones by 2 (1 / (1 − 0.5)), so "
                 "each unit's average output is the same in both modes.",
            "c": "It multiplies every input by 0.5, to make up for all units now being active.",
            "d": "Keras removes the layer from the model once training has finished.",
        },
        correct="b",
        why={
            "a": "dropout acts only when the layer is called with training=True, which fit does and evaluate and predict do not.",
            "c": "that is the scheme of the original dropout paper; Keras scales in training instead (inverted dropout), so inference needs nothing.",
            "d": "the layer stays in the model (model.summary() lists it); it is simply inactive when training=False.",
        },
        hints=["Keras layers receive a `training` argument: `fit` passes True, `evaluate` and `predict` pass False."],
        explain="Inverted dropout: the scaling happens during training, so the trained network is used as it is.",
    ),
]
