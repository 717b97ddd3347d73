"""week09_segmentation's exercises: right answers pass, typical wrong answers get the intended sentence."""

import numpy as np
from exercise_checks import assert_exercises


def test_week09_segmentation_exercises(standin_mode):
    rng = np.random.default_rng(0)
    truth = rng.choice(3, size=(4, 16, 16), p=[0.3, 0.6, 0.1]).astype("uint8")
    predicted = np.where(rng.random(truth.shape) < 0.7, truth, 1)
    context = dict(true_masks=truth, predicted_masks=predicted, trivial_class_iou=[0.0, 0.62, 0.0], trivial_iou=0.62 / 3,
                   majority_class=1, class_shares=np.array([0.3, 0.58, 0.12]), num_train_pairs=311, batch_size=8, epochs=6)

    def recall(t, p, c):
        return np.sum((t == c) & (p == c)) / np.sum(t == c)

    def dice(t, p, c):
        return 2 * np.sum((t == c) & (p == c)) / (np.sum(t == c) + np.sum(p == c))

    def sum_of_counts(t, p, c):
        return np.sum((t == c) & (p == c)) / (np.sum(t == c) + np.sum(p == c))

    assert_exercises("week09_segmentation", context, {
        "q1": [(recall, "in the truth only"), (dice, "Dice"), (sum_of_counts, "intersection twice"), (lambda t, p, c: None, "one number")],
        "q2": [(0.62 / 3, "mean IoU"), (0.58, "training masks"), (62, "percentage")],
        "q3": [("a", "any number of classes"), ("c", "cross-entropy")],
        "q4": [(311 // 16 * 6, "ceil"), (20, "6 epochs"), (39 * 6, "batch 8")],
    })
