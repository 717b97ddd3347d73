"""What every notebook's exercise tests assert: right answers pass, typical wrong answers fail as intended."""

import helpers.exercises as exercises


def assert_exercises(notebook, context, wrong_answers):
    """Check ``notebook``'s exercises on ``context`` (the data a run would bind).

    Every reference answer must pass its own check (``load`` asserts this in test mode), and every
    exercise must have at least one typical wrong answer in ``wrong_answers`` (``{"q1": [(answer,
    "part of the message"), ...]}``) that the check rejects with a message containing that text.

    Example::

        assert_exercises("week03_imdb", context, {"q2": [(3, "validation loss")]})
    """
    bound = exercises.load(notebook, **context)
    labels = [f"q{i}" for i in range(1, len(list(bound)) + 1)]
    assert sorted(wrong_answers) == sorted(labels), f"{notebook}: give wrong answers for exactly {labels}, not {sorted(wrong_answers)}"
    for label, cases in wrong_answers.items():
        assert cases, f"{notebook} {label}: no typical wrong answer"
        for answer, fragment in cases:
            feedback = getattr(bound, label).check(answer)
            assert feedback.status == "wrong", f"{notebook} {label}: {answer!r} was judged {feedback.status}: {feedback.message}"
            assert fragment.lower() in feedback.message.lower(), f"{notebook} {label}: message {feedback.message!r} lacks {fragment!r}"
    for q in bound:  # the solution is shown without error, and an unanswered cell is reported, not raised
        assert str(q.solution())
        assert q.check(...).status == "unanswered"
