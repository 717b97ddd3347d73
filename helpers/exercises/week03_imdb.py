"""Exercises of week03_imdb: count encoding, reading the curves, memory, the final model."""

import numpy as np

from . import Wrong, choice, code, number

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"train_data": "train_data", "history": "history_dict", "x_train": "x_train", "num_words": "NUM_WORDS"}


def count_encode(sequences, num_words):
    counts = np.zeros((len(sequences), num_words), dtype="float32")
    rows = np.repeat(np.arange(len(sequences)), [len(s) for s in sequences])
    np.add.at(counts, (rows, np.concatenate(sequences).astype("int64")), 1)
    return counts


def check_count_encode(function, ctx):
    sequences = list(ctx.train_data[:100])
    got = function(sequences, ctx.num_words)
    want = count_encode(sequences, ctx.num_words)
    if not hasattr(got, "shape"):
        raise Wrong(f"your function returns a {type(got).__name__}; it should return a NumPy array")
    if got.shape != want.shape:
        raise Wrong(f"for 100 reviews your array has shape {got.shape}; it should be (100, {ctx.num_words}): one row per review, one column per word index")
    if np.array_equal(got, np.minimum(want, 1)) and want.max() > 1:
        raise Wrong("your rows hold only 0 and 1: a word that occurs 3 times in a review should count 3. "
                    "Fancy assignment `x[rows, cols] = 1` writes a repeated index once; `np.add.at` adds every repeat")
    wrong_rows = np.flatnonzero(np.any(got != want, axis=1))
    if len(wrong_rows):
        i = wrong_rows[0]
        raise Wrong(f"row {i} differs: review {i} has {len(sequences[i])} words, so its row should sum to that, "
                    f"but yours sums to {float(np.sum(got[i])):g}")


def best_epoch(ctx):
    return int(np.argmin(ctx.history["val_loss"])) + 1


def diagnose_best_epoch(value, ctx):
    if value == best_epoch(ctx) - 1:
        return "Keras numbers epochs from 1 in its log and on the plot; np.argmin counts from 0, so add 1"
    if value == int(np.argmin(ctx.history["loss"])) + 1 and value != best_epoch(ctx):
        return "that is where the training loss is lowest; the question asks about the validation loss (val_loss)"
    return None


def float32_gb(ctx):
    return ctx.x_train.size * 4 / 1e9


def diagnose_float32_gb(value, ctx):
    if np.isclose(value, ctx.x_train.nbytes / 1e9, rtol=0.01):
        return "that is the size of the uint8 matrix (1 byte per entry); float32 takes 4 bytes per entry"
    if np.isclose(value, ctx.x_train.size * 8 / 1e9, rtol=0.01):
        return "that is float64 (8 bytes per entry); float32 takes 4"
    if np.isclose(value, ctx.x_train.size * 4 / 2**30, rtol=0.01):
        return "that is in GiB (2**30 bytes); give it in GB (10**9 bytes), as the notebook prints"
    return None


def build_three_layer_model(num_words):
    import keras

    model = keras.Sequential(
        [keras.Input((num_words,))]
        + [keras.layers.Dense(32, activation="relu") for _ in range(3)]
        + [keras.layers.Dense(1, activation="sigmoid")]
    )
    model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
    return model


def check_three_layer_model(function, ctx):
    import keras

    model = function(ctx.num_words)
    if not isinstance(model, keras.Model):
        raise Wrong(f"your function returns a {type(model).__name__}; it should return a Keras model")
    if not model.built:
        model.build((None, ctx.num_words))
    dense = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    hidden, out = dense[:-1], dense[-1] if dense else None
    if out is None or out.units != 1 or out.activation.__name__ != "sigmoid":
        raise Wrong("the last layer should be Dense(1, activation='sigmoid'): one probability that the review is positive")
    shape = [(layer.units, layer.activation.__name__) for layer in hidden]
    if shape != [(32, "relu")] * 3:
        raise Wrong(f"your hidden layers are {shape}; the exercise asks for three Dense layers of 32 units with ReLU")
    if getattr(model, "optimizer", None) is None or not model.compiled:
        raise Wrong("compile the model before returning it (model.compile(...))")
    if str(model.loss) not in ("binary_crossentropy", "BinaryCrossentropy") and not isinstance(model.loss, keras.losses.BinaryCrossentropy):
        raise Wrong(f"the loss is {model.loss!r}; a single sigmoid output is trained with binary cross-entropy")
    small = (ctx.num_words + 1) * 16 + 17 * 16 + 17
    return f"It has {model.count_params():,} parameters, against {small:,} for 16-16-1."


EXERCISES = [
    code(
        "Count words instead of marking them",
        "Multi-hot encoding records *whether* a word occurs. Write `count_encode(sequences, num_words)` that "
        "records *how often*: a float32 array of shape `(len(sequences), num_words)` whose entry `[i, w]` is the "
        "number of times word index `w` occurs in review `i`. Use no Python loop over words (a loop over reviews "
        "to get their lengths is fine).",
        starter="def count_encode(sequences, num_words):\n    ...  # your code: return the count matrix",
        solution=count_encode,
        check=check_count_encode,
        hints=[
            "Build `rows` and `cols` as in `multi_hot_encode` above.",
            "`x[rows, cols] += 1` still counts a repeated index only once; `np.add.at(x, (rows, cols), 1)` counts every repeat.",
        ],
    ),
    number(
        "Read the curves",
        "At which epoch (counting from 1, as the plot does) is this run's validation loss lowest? "
        "Read it from `history_dict` with NumPy, not by eye.",
        solution=best_epoch,
        diagnose=diagnose_best_epoch,
        answer="best",
        hints=["`history_dict['val_loss']` is a list with one value per epoch.", "`np.argmin` gives the position of the smallest value, counted from 0."],
        explain="Validation loss is lowest after epoch {answer}; training for longer only fits the training reviews better.",
    ),
    number(
        "What float32 would cost",
        "`x_train` is stored as uint8. How many GB (10⁹ bytes) would the same matrix take as float32? "
        "Compute it from `x_train`'s shape.",
        solution=float32_gb,
        diagnose=diagnose_float32_gb,
        relative=0.01,
        unit=" GB",
        answer="gigabytes",
        hints=["`x_train.size` is the number of entries.", "float32 is 4 bytes per entry."],
        explain="{answer:.3g} GB: four times the uint8 matrix, for the same zeros and ones.",
    ),
    choice(
        "Choosing the final model",
        "Validation loss is lowest after a few epochs and rises after that, while training loss keeps falling. "
        "Which final model should you report a test accuracy for?",
        options={
            "a": "The model after the last epoch, because its training accuracy is highest.",
            "b": "A fresh model trained on all 25,000 training reviews for about the best epoch count, evaluated once on the test set.",
            "c": "The epoch with the highest test accuracy, found by evaluating on the test set after every epoch.",
        },
        correct="b",
        why={
            "a": "high training accuracy with rising validation loss is overfitting: that model does worse on new reviews.",
            "c": "choosing by the test set makes its score optimistic; the test set is for one final measurement.",
        },
        hints=["Which curve tells you about reviews the model has not seen?"],
        explain="The validation set chose the epoch count; the test set is then used once, so its accuracy is an honest estimate.",
    ),
    code(
        "A deeper network",
        "Write `build_model(num_words)` that returns a compiled `keras.Sequential` model with three hidden "
        "`Dense` layers of 32 ReLU units and one sigmoid output, RMSprop and binary cross-entropy. (Then, if you "
        "like, train it as above and compare its validation loss curve with 16-16-1's.)",
        starter="def build_model(num_words):\n    ...  # your code: return the compiled model",
        solution=build_three_layer_model,
        check=check_three_layer_model,
        hints=["Start the list of layers with `keras.Input((num_words,))`.", "`get_model` above builds 16-16-1 the same way."],
    ),
]
