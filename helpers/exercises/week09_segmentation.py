"""Exercises of week09_segmentation: IoU of one class by hand, accuracy against IoU, steps per epoch."""

import math

import numpy as np

from . import Wrong, choice, code, number

#: What the checks use, and the notebook expression that provides each.
CONTEXT = {
    "true_masks": "true_masks[:SHOW]",
    "predicted_masks": "predicted_masks",
    "trivial_class_iou": "trivial_class_iou",
    "trivial_iou": "trivial_iou",
    "majority_class": "majority_class",
    "class_shares": "class_shares",
    "num_train_pairs": "len(train_pairs)",
    "batch_size": "BATCH_SIZE",
    "epochs": "EPOCHS",
}

CLASS_NAMES = ["pet", "background", "border"]


def iou(true_mask, predicted_mask, class_id):
    true_c, predicted_c = np.asarray(true_mask) == class_id, np.asarray(predicted_mask) == class_id
    return float(np.sum(true_c & predicted_c) / np.sum(true_c | predicted_c))


def _cases(ctx):
    """(description, true, predicted, class) for each class over the shown images, then image by image."""
    truth, predicted = np.asarray(ctx.true_masks), np.asarray(ctx.predicted_masks)
    cases = [(f"the {len(truth)} shown validation images", truth, predicted, c) for c in range(3)]
    cases += [(f"validation image {i}", truth[i], predicted[i], c) for i in range(len(truth)) for c in range(3)]
    return [case for case in cases if np.any(case[1] == case[3]) or np.any(case[2] == case[3])]


def check_iou(function, ctx):
    for where, truth, predicted, c in _cases(ctx):
        got, want = function(truth, predicted, c), iou(truth, predicted, c)
        if not isinstance(got, (float, int, np.floating, np.integer)):
            raise Wrong(f"your function returns {type(got).__name__} {got!r}; it should return one number between 0 and 1")
        if math.isclose(got, want, rel_tol=1e-6, abs_tol=1e-9):
            continue
        true_c, predicted_c = truth == c, predicted == c
        both, n_true, n_predicted = np.sum(true_c & predicted_c), np.sum(true_c), np.sum(predicted_c)
        place = f"for class {c} ({CLASS_NAMES[c]}) on {where} your IoU is {got:.4f}, the right one {want:.4f}"
        mistakes = [
            (both / n_true if n_true else None, "you divided by the pixels of the class in the truth only; the union also counts the pixels wrongly predicted as the class"),
            (both / n_predicted if n_predicted else None, "you divided by the pixels predicted as the class only; the union also counts the pixels of the class that were missed"),
            (2 * both / (n_true + n_predicted), "that is the Dice coefficient, 2 × intersection / (true + predicted); IoU divides by the union"),
            (both / (n_true + n_predicted), "adding the two counts counts the intersection twice; the union is true + predicted − intersection"),
            (float(np.mean(truth == predicted)), "that is the share of all pixels predicted right, over every class; IoU looks at one class"),
        ]
        for value, remark in mistakes:
            if value is not None and math.isclose(got, value, rel_tol=1e-6):
                raise Wrong(f"{place}: {remark}")
        raise Wrong(f"{place}")


def trivial_accuracy(ctx):
    return float(ctx.trivial_class_iou[ctx.majority_class])


def diagnose_trivial_accuracy(value, ctx):
    close = lambda other: math.isclose(value, other, rel_tol=2e-3)
    if close(ctx.trivial_iou) and not close(trivial_accuracy(ctx)):
        return "that is the trivial model's mean IoU, averaged over the three classes; the question asks for the share of pixels it gets right"
    if close(ctx.class_shares[ctx.majority_class]):
        return "that is the share of the class in the training masks; the question asks about the validation images"
    if close(100 * trivial_accuracy(ctx)):
        return "give a fraction between 0 and 1, not a percentage"
    return None


def steps_at_batch_16(ctx):
    return math.ceil(ctx.num_train_pairs / 16) * ctx.epochs


def diagnose_steps(value, ctx):
    if value == ctx.num_train_pairs // 16 * ctx.epochs:
        return "PetsBatches keeps the last, smaller batch: it has ceil(pairs / batch size) batches, not floor"
    if value == math.ceil(ctx.num_train_pairs / 16):
        return f"that is one epoch's steps; the run trains for {ctx.epochs} epochs"
    if value == math.ceil(ctx.num_train_pairs / ctx.batch_size) * ctx.epochs:
        return f"that is this run's count at batch {ctx.batch_size}; the question asks about batches of 16"
    return None


EXERCISES = [
    code(
        "Intersection over union of one class",
        "Write `iou(true_mask, predicted_mask, class_id)`: the IoU of one class between two integer masks of the "
        "same shape (one image, or a stack of them), as a float: the pixels that are `class_id` in both, divided "
        "by the pixels that are `class_id` in either. You may assume the class occurs in at least one of the two. "
        "The check runs it on this run's `true_masks` and `predicted_masks`, for each class.",
        starter="def iou(true_mask, predicted_mask, class_id):\n    ...  # your code: return a float",
        solution=iou,
        check=check_iou,
        hints=[
            "`true_mask == class_id` is a boolean mask of the class's pixels.",
            "With two boolean masks a and b, `np.sum(a & b)` is the intersection and `np.sum(a | b)` the union.",
        ],
    ),
    number(
        "Accuracy of the trivial model",
        "What share of the validation pixels (a fraction between 0 and 1) does the trivial model, which predicts "
        "the most frequent training class everywhere, get right? You can count it over `val_batches`, or find it "
        "among the IoUs already printed (why is it there?).",
        solution=trivial_accuracy,
        diagnose=diagnose_trivial_accuracy,
        relative=2e-3,
        answer="accuracy",
        hints=[
            "Its correct pixels are the pixels of the majority class; the union of that class is every pixel.",
            "So the IoU of the majority class, `trivial_class_iou[majority_class]`, is exactly its pixel accuracy.",
        ],
        explain="{answer:.3f} of the pixels are right, yet its mean IoU averages in an IoU of 0 for each class it never predicts.",
    ),
    choice(
        "Why report IoU rather than accuracy",
        "Segmentation results are usually reported as mean IoU, not as the share of pixels predicted right. Why?",
        options={
            "a": "Pixel accuracy cannot be computed when there are more than two classes.",
            "b": "Pixel accuracy is dominated by the most frequent class: ignoring the small classes costs little; "
                 "mean IoU weighs every class alike and gives 0 to a class never found.",
            "c": "IoU is what the network is trained to maximise, so it is the natural score.",
            "d": "IoU is cheaper to compute than accuracy.",
        },
        correct="b",
        why={
            "a": "it can: it is the share of pixels whose predicted class equals the true one, for any number of classes.",
            "c": "this network is trained on the pixel-wise cross-entropy; IoU of an argmax is not even differentiable.",
            "d": "both come from the same counts of pixels; neither is cheaper in any way that matters.",
        },
        hints=["Compare the trivial model's pixel accuracy (previous exercise) with its mean IoU."],
        explain="The trivial model shows it: many pixels right, yet an IoU of 0 for every class but one, which mean IoU exposes.",
    ),
    number(
        "Steps with smaller batches",
        "Section 4 says that the number of optimiser steps matters more than the number of epochs. How many "
        "RMSprop steps in all would this run take with batches of 16 photos instead of `BATCH_SIZE`, for the "
        "same `EPOCHS` on the same `train_pairs`?",
        solution=steps_at_batch_16,
        diagnose=diagnose_steps,
        answer="steps",
        hints=[
            "`len(train_batches)` is the number of steps per epoch: PetsBatches keeps the last, smaller batch.",
            "math.ceil(len(train_pairs) / 16) × EPOCHS.",
        ],
        explain="{answer} steps: smaller batches give more updates for the same epochs, each on a noisier gradient.",
    ),
]
