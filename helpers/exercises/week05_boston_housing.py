"""Exercises of week05_boston_housing: normalising, K-fold indices, the smoothed best epoch, a parameter count."""

import numpy as np

from . import Wrong, choice, code, number
from ._sizes import dense_parameters

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {"train_data": "train_data", "test_data": "test_data", "val_mae": "val_mae", "skip": "SKIP", "k": "K"}

BOOK, LOGBOOK = "book 64-64-1 ReLU", "logbook 13-64-64-64-1 ELU"


def normalise(train, test):
    mean = train.mean(axis=0)
    std = train.std(axis=0)
    std = np.where(std == 0, 1.0, std)  # a column constant in training: shift it, do not divide by 0
    return (train - mean) / std, (test - mean) / std


def _with_constant_column(train, test):
    """The run's arrays plus a column that is 0 in every training row and 1 in every third test row."""
    flag = np.zeros(len(test))
    flag[::3] = 1
    return np.column_stack([train, np.zeros(len(train))]), np.column_stack([test, flag])


def _scaled(data, mean, std):
    return (data - mean) / np.where(std == 0, 1.0, std)


def check_normalise(function, ctx):
    train, test = np.array(ctx.train_data, dtype="float64"), np.array(ctx.test_data, dtype="float64")
    given = train.copy(), test.copy()  # the student's function gets copies, so the run's arrays stay as they are
    result = function(*given)
    if not isinstance(result, tuple) or len(result) != 2:
        raise Wrong("return two arrays, the normalised training data and the normalised test data: `return x_train, x_test`")
    got_train, got_test = (np.asarray(a, dtype="float64") for a in result)
    if not (np.array_equal(train, given[0]) and np.array_equal(test, given[1])):
        raise Wrong("your function changed the arrays it was given; compute new ones (`x = (data - mean) / std`) instead of `-=` on the input")
    if got_train.shape != train.shape or got_test.shape != test.shape:
        raise Wrong(f"your arrays have shapes {got_train.shape} and {got_test.shape}; they should keep the input shapes "
                    f"{train.shape} and {test.shape}")
    want_train, want_test = normalise(train, test)
    both = np.concatenate([train, test])
    if not np.allclose(got_train, want_train):
        if np.allclose(got_train, _scaled(train, both.mean(axis=0), both.std(axis=0))):
            raise Wrong("your training data is normalised with the statistics of training and test data together; "
                        "the test data must play no part: use the training rows' mean and standard deviation only")
        if np.allclose(got_train, _scaled(train, train.mean(), train.std())):
            raise Wrong("you used one mean and one standard deviation for the whole array; each feature (column) needs "
                        "its own: `train.mean(axis=0)`")
        if np.allclose(got_train, _scaled(train, train.mean(axis=1, keepdims=True), train.std(axis=1, keepdims=True))):
            raise Wrong("you computed a mean per row (suburb); the statistics belong to each column (feature): axis=0")
        if np.allclose(got_train, _scaled(train, train.mean(axis=0), train.std(axis=0, ddof=1))):
            ddof_remark = True
        else:
            raise Wrong("your normalised training data is not (train - mean) / std with the training columns' mean and "
                        f"standard deviation: its column means are {np.round(got_train.mean(axis=0)[:3], 3)}... (should be 0)")
    else:
        ddof_remark = False
    if not np.allclose(got_test, want_test, rtol=2e-3 if ddof_remark else 1e-5):
        if np.allclose(got_test, _scaled(test, test.mean(axis=0), test.std(axis=0)), rtol=2e-3):
            raise Wrong("your test data is normalised with its own mean and standard deviation: a model is trained on "
                        "inputs scaled one way, and new data must be scaled the same way, with the training statistics")
        if np.allclose(got_test, _scaled(test, both.mean(axis=0), both.std(axis=0)), rtol=2e-3):
            raise Wrong("your test data is normalised with the statistics of training and test data together; use the "
                        "training rows' mean and standard deviation only")
        raise Wrong("your normalised training data is right but the test data is not: subtract the *training* mean "
                    "and divide by the *training* standard deviation")
    train, test = _with_constant_column(train, test)
    got_train, got_test = (np.asarray(a, dtype="float64") for a in function(train, test))
    want_train, want_test = normalise(train, test)
    if not (np.isfinite(got_train).all() and np.isfinite(got_test).all()):
        raise Wrong("with a feature that is 0 in every training row, your function divides by a standard deviation of 0 "
                    "and returns nan or inf; divide by 1 where the training standard deviation is 0 (`np.where(std == 0, 1, std)`)")
    if not np.allclose(got_test[:, -1], want_test[:, -1]) or not np.allclose(got_train[:, -1], 0):
        raise Wrong("for a feature that is 0 in every training row, the training column should become all 0 and the test "
                    f"column (test - training mean) / 1, here {want_test[:3, -1]}...; yours gives {got_test[:3, -1]}...")
    if ddof_remark:
        return ("You divided by the sample standard deviation (ddof=1); NumPy's default, ddof=0, is what the notebook "
                "uses. With 404 rows the two differ by 0.1 %, so either is fine.")
    return ""


def fold_indices(n, k, fold):
    fold_size = n // k
    val = np.arange(fold * fold_size, (fold + 1) * fold_size)
    train = np.concatenate([np.arange(0, fold * fold_size), np.arange((fold + 1) * fold_size, n)])
    return train, val


def check_fold_indices(function, ctx):
    n = len(ctx.train_data)
    for k in sorted({ctx.k, 3}):  # 3 does not divide 404: the left-over rows must stay in training
        for fold in range(k):
            result = function(n, k, fold)
            if not isinstance(result, tuple) or len(result) != 2:
                raise Wrong("return two arrays of row indices: `return train_indices, val_indices`")
            got_train, got_val = (np.asarray(a) for a in result)
            if not (np.issubdtype(got_train.dtype, np.integer) and np.issubdtype(got_val.dtype, np.integer)):
                raise Wrong(f"your indices are {got_train.dtype} and {got_val.dtype}; index arrays must hold integers "
                            "(np.arange gives them)")
            want_train, want_val = fold_indices(n, k, fold)
            where = f"for n={n}, k={k}, fold {fold}"
            common = np.intersect1d(got_train, got_val)
            if len(common):
                raise Wrong(f"{where}, row {common[0]} is both a training and a validation row: a model would be "
                            "validated on a suburb it was trained on")
            if len(got_val) != len(want_val):
                raise Wrong(f"{where}, your validation fold has {len(got_val)} rows; as in the notebook it should hold "
                            f"n // k = {n // k} rows (np.array_split and rounding up give other sizes)")
            if not np.array_equal(got_val, want_val):
                raise Wrong(f"{where}, the validation rows should be {want_val[0]} to {want_val[-1]}, the notebook's "
                            f"slice fold * fold_size to (fold + 1) * fold_size; yours start at {got_val[0] if len(got_val) else None}")
            missing = np.setdiff1d(want_train, got_train)
            if len(missing):
                raise Wrong(f"{where}, rows {missing[:3].tolist()}... are in neither set; every row that is not "
                            f"validating trains, including the {n - k * (n // k)} left over at the end when k does not divide n")
            if not np.array_equal(got_train, want_train):
                raise Wrong(f"{where}, your training rows have {len(got_train)} entries where {len(want_train)} are "
                            "expected, in increasing order with no repeats")
    return ""


def smoothed_best_epoch(ctx, name=BOOK, factor=0.8):
    average = ctx.val_mae[name].mean(axis=0)[ctx.skip :]
    smoothed = [average[0]]
    for point in average[1:]:
        smoothed.append(smoothed[-1] * factor + point * (1 - factor))
    return int(np.argmin(smoothed)) + ctx.skip + 1


def diagnose_smoothed_best_epoch(value, ctx):
    right = smoothed_best_epoch(ctx)
    mistakes = [
        (right - 1, "np.argmin counts from 0; the plot counts epochs from 1, so add 1"),
        (right - ctx.skip, f"the smoothed curve starts after the {ctx.skip} skipped epochs: add SKIP to the position np.argmin gives, and 1"),
        (right - ctx.skip - 1, f"that position counts from 0 and from the first kept epoch; add SKIP + 1 = {ctx.skip + 1}"),
        (smoothed_best_epoch(ctx, factor=0.9), "that is the best epoch with the notebook's factor 0.9; the question asks for 0.8"),
        (int(np.argmin(ctx.val_mae[BOOK].mean(axis=0)[ctx.skip :])) + ctx.skip + 1,
         "that is where the unsmoothed average is lowest; smooth it first, with factor 0.8"),
        (smoothed_best_epoch(ctx, name=LOGBOOK), "that is the ELU network's best epoch; the question is about the book's 64-64-1 ReLU network"),
    ]
    for wrong, sentence in mistakes:
        if value == wrong and wrong != right:
            return sentence
    return None


def dense_params(n_features, units):
    return dense_parameters([n_features, *units, 1])


def logbook_params(ctx):
    return dense_params(ctx.train_data.shape[1], (64, 64, 64))


def diagnose_logbook_params(value, ctx):
    n = ctx.train_data.shape[1]
    if value == logbook_params(ctx) - (64 * 3 + 1):
        return "that leaves out the biases: every Dense unit has one bias besides its weights, so a layer has (inputs + 1) × units"
    if value == dense_params(n, (64, 64)):
        return "that is the book's 64-64-1 network; the logbook's has three hidden layers of 64"
    if value == logbook_params(ctx) - 65:
        return "that leaves out the output layer, Dense(1): 64 weights and 1 bias"
    return None


EXERCISES = [
    code(
        "Normalise, safely",
        "Write `normalise(train, test)` that returns the pair `(x_train, x_test)`, both normalised with the mean and "
        "standard deviation of each column of `train` only, as above, and that also copes with a feature that is "
        "constant in the training rows (a flag never set in training, say): there the standard deviation is 0, so "
        "divide by 1 instead, as scikit-learn's `StandardScaler` does. Do not change the arrays passed in.",
        starter="def normalise(train, test):\n    ...  # your code: return x_train, x_test",
        solution=normalise,
        check=check_normalise,
        hints=[
            "`train.mean(axis=0)` gives one mean per column; the test data uses the same two vectors.",
            "`np.where(std == 0, 1.0, std)` replaces the zeros of `std` by 1.",
        ],
        explain="The test data is scaled with the training statistics because the test set must play no part in any "
                "choice, and because at prediction time a new suburb arrives alone, with no statistics of its own.",
    ),
    code(
        "K-fold as index arrays",
        "The K-fold loop above slices the arrays. Write `fold_indices(n, k, fold)` that returns two integer arrays, "
        "`(train_indices, val_indices)`, naming the same rows as the notebook's slices for fold `fold` (from 0) of `k`: "
        "the validation rows are `fold * (n // k)` up to, not including, `(fold + 1) * (n // k)`; every other row trains, "
        "in increasing order, including the rows left over when `k` does not divide `n`. Then "
        "`x_train[train_indices]` is the fold's training data.",
        starter="def fold_indices(n, k, fold):\n    ...  # your code: return train_indices, val_indices",
        solution=fold_indices,
        check=check_fold_indices,
        hints=[
            "`np.arange(a, b)` gives the integers a, a + 1, ..., b - 1.",
            "The training rows are two ranges, before and after the validation fold: `np.concatenate` joins them.",
        ],
    ),
    number(
        "A smoother curve",
        "Smooth the book network's average validation MAE (`val_mae['book 64-64-1 ReLU'].mean(axis=0)`, first `SKIP` "
        "epochs left out, as above) with factor 0.8 instead of 0.9. At which epoch, counting from 1 as the plot does, "
        "is the smoothed curve lowest?",
        solution=smoothed_best_epoch,
        diagnose=diagnose_smoothed_best_epoch,
        answer="best_epoch",
        hints=[
            "`smooth_curve(points, factor=0.8)` does the smoothing.",
            "`np.argmin` gives a position counted from 0 in the shortened curve: add SKIP, then 1.",
        ],
        explain="Epoch {answer}. A smaller factor follows the noisy average more closely, so the reading can move; the "
                "flat range printed above says how much that matters.",
    ),
    number(
        "Parameters by hand",
        "How many parameters (weights and biases) does the logbook's 13-64-64-64-1 network have? Work it out from "
        "the layer sizes, then compare with `build_model((64, 64, 64), 'elu').count_params()`.",
        solution=logbook_params,
        diagnose=diagnose_logbook_params,
        answer="parameters",
        hints=[
            "A Dense layer from n inputs to m units has n × m weights and m biases.",
            "Four Dense layers: 13 → 64, 64 → 64, 64 → 64 and 64 → 1.",
        ],
        explain="{answer:,} parameters, for 404 training suburbs: one reason the network must be watched for overfitting.",
    ),
    choice(
        "Which statistics for the test data?",
        "The test data is normalised with the mean and standard deviation of the *training* data. Why?",
        options={
            "a": "Because the test set is too small to estimate a mean and a standard deviation.",
            "b": "Because the model learned on inputs scaled one fixed way; new data must be scaled the same way, and the "
                 "test set must play no part in any choice, the scaling included.",
            "c": "So that the test features come out with mean exactly 0 and standard deviation exactly 1.",
            "d": "It makes no difference: with its own statistics the test data would come out the same.",
        },
        correct="b",
        why={
            "a": "102 rows estimate a mean quite well; the reason is not their number but that the test set must stay unseen.",
            "c": "with the training statistics the test means are close to 0 but not exactly 0, as the notebook prints.",
            "d": "a test set whose statistics differ from the training set's would be shifted differently, and a single "
                 "new suburb has no statistics of its own at all.",
        },
        hints=["Think of a model in use: it is asked about one new suburb at a time."],
        explain="The normalisation is part of the model: its mean and standard deviation are learned from the training "
                "data like the weights, and applied unchanged to every new input.",
    ),
]
