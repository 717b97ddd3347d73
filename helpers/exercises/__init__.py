"""Exercises a student can check inside the notebook: ``check``, ``hint`` and ``solution``.

Every notebook ends with a few exercises. Each has a prompt, an answer cell with a starter, and
one line that checks the answer against this run's own data and says, in a sentence, what is
wrong; hints come one at a time, and the reference solution only when asked for::

    exercises = helpers.exercises.load("week03_imdb", train_data=train_data, history=history_dict)
    exercises.q1.check(multi_hot)   # ✓ correct / ✗ a sentence saying what is wrong / not answered yet
    exercises.q1.hint()             # the next hint
    exercises.q1.solution()         # the reference answer, computed on this run's data

The exercises of notebook ``NAME`` are ``EXERCISES`` in ``helpers/exercises/NAME.py``, built
with :func:`code`, :func:`number` or :func:`choice`; ``CONTEXT`` there maps each name the checks
use to the notebook expression that provides it. ``python -m helpers.exercises`` (``make
exercises``) writes the exercise cells at the end of each notebook from those modules.

In test mode :func:`load` also runs every reference solution through its own check on the run's
(stand-in) data, so CI proves that each check accepts the right answer on the notebook's data.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import math
import textwrap
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Callable, Sequence

from .. import settings

UNANSWERED, CORRECT, WRONG = "unanswered", "correct", "wrong"
_MARKS = {CORRECT: "✓ Correct.", WRONG: "✗ Not yet.", UNANSWERED: "… Not answered yet."}


class Wrong(Exception):
    """Raised by a check; its message is the sentence the student reads.

    Example::

        if answer.dtype != "uint8":
            raise Wrong(f"your rows are {answer.dtype}; a multi-hot row needs only 0 and 1, so use uint8")
    """


@dataclass(frozen=True)
class Feedback:
    """What a check says: ``status`` is "correct", "wrong" or "unanswered"; ``message`` the sentence."""

    status: str
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status == CORRECT

    def __repr__(self) -> str:
        return f"{_MARKS[self.status]} {self.message}".strip()


@dataclass
class Exercise:
    """One exercise: its text, the starter of its answer cell, a check, hints and a solution.

    ``check(answer, ctx)`` raises :class:`Wrong` with a sentence for the student, or returns an
    optional remark for a right answer; ``solution(ctx)`` returns the reference answer on the
    run's data (for a code exercise, the reference function itself, whose source is shown).
    Build one with :func:`code`, :func:`number` or :func:`choice` rather than directly.
    """

    title: str
    prompt: str
    check: Callable
    solution: Callable
    hints: Sequence[str] = ()
    starter: str = "answer = ...  # your answer"
    answer: str = "answer"
    explain: str = ""
    show_source: bool = False


def code(title: str, prompt: str, *, starter: str, solution: Callable, check: Callable, hints: Sequence[str] = (), explain: str = "") -> Exercise:
    """An exercise whose answer is a function the student writes; ``solution`` is the reference function.

    The answer's name is the function that ``starter`` defines; the check calls it on the run's data.

    Example::

        code("Multi-hot without a loop", "Write `multi_hot(sequences, num_words)` ...",
             starter="def multi_hot(sequences, num_words):\\n    ...  # your code",
             solution=reference_multi_hot, check=check_multi_hot, hints=["Start from np.zeros."])
    """
    name = ast.parse(starter).body[0].name
    return Exercise(title, prompt, check, lambda ctx: solution, hints, starter, name, explain, show_source=True)


def number(title: str, prompt: str, *, solution: Callable, hints: Sequence[str] = (), tolerance: float = 1e-9,
           relative: float = 0.0, diagnose: Callable | None = None, explain: str = "", unit: str = "",
           answer: str = "answer") -> Exercise:
    """An exercise whose answer is a number read from, or computed on, the run.

    ``solution(ctx)`` computes the right number; an answer within ``tolerance`` (or ``relative``
    times it) is right. ``diagnose(answer, ctx)`` may return a sentence for a typical mistake
    (the training loss read instead of the validation loss, an epoch counted from 0, ...).

    Example::

        number("The best epoch", "At which epoch (counting from 1) is validation loss lowest?",
               solution=lambda ctx: int(np.argmin(ctx.history["val_loss"])) + 1)
    """

    def check(value, ctx):
        if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__float__"):
            raise Wrong(f"give a number, not {type(value).__name__} {value!r}")
        value = float(value)
        right = float(solution(ctx))
        if math.isclose(value, right, abs_tol=tolerance, rel_tol=relative):
            return ""
        remark = diagnose(value, ctx) if diagnose else None
        if remark:
            raise Wrong(remark)
        direction = "too high" if value > right else "too low"
        raise Wrong(f"{_format(value)}{unit} is {direction} for this run.")

    return Exercise(title, prompt, check, solution, hints, f"{answer} = ...  # a number", answer, explain)


def choice(title: str, prompt: str, *, options: dict, correct: str, why: dict, hints: Sequence[str] = (),
           explain: str = "", answer: str = "answer") -> Exercise:
    """A multiple-choice exercise: each wrong option says why it is wrong when picked.

    ``options`` maps letters to texts, ``why`` each wrong letter to the reason it is wrong, and
    ``explain`` says why ``correct`` is right (shown with the solution and after a right answer).

    Example::

        choice("Why uint8?", "Why are the multi-hot rows stored as uint8?",
               options={"a": "Keras needs integers", "b": "they hold only 0 and 1"}, correct="b",
               why={"a": "Keras converts each batch to float32 anyway."}, explain="One byte per entry is enough.")
    """
    missing = set(options) - set(why) - {correct}
    if missing or correct not in options:
        raise ValueError(f"choice {title!r}: every wrong option needs a reason in why (missing: {sorted(missing)})")

    def check(value, ctx):
        if not isinstance(value, str):
            raise Wrong(f"answer with one of the letters {', '.join(options)} in quotes, e.g. {answer} = \"{next(iter(options))}\"")
        letter = value.strip().lower().strip("().")
        if letter not in options:
            raise Wrong(f"{value!r} is not one of the options {', '.join(options)}.")
        if letter != correct:
            raise Wrong(f"({letter}) is not right: {why[letter]}")
        return explain

    listed = "\n".join(f"- **({letter})** {text}" for letter, text in options.items())
    return Exercise(title, f"{prompt}\n\n{listed}", check, lambda ctx: correct, hints,
                    f'{answer} = ...  # one of {", ".join(repr(k) for k in options)}', answer, explain)


def _sentence(text: str) -> str:
    """``text`` as a sentence: a capital first letter (checks write their reasons in lower case)."""
    return text[:1].upper() + text[1:]


def _format(value: float) -> str:
    return f"{value:g}"


def _is_stub(function) -> bool:
    """True when a function's body is only ``...`` or ``pass`` (after an optional docstring)."""
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError, SyntaxError):
        return False
    if not tree.body or not isinstance(tree.body[0], (ast.FunctionDef, ast.AsyncFunctionDef)):
        return False  # a lambda, or a callable object: never a stub
    body = tree.body[0].body
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    return all(isinstance(s, ast.Pass) or isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant) and s.value.value is Ellipsis for s in body)


class Bound:
    """An exercise bound to one run's data: what ``exercises.q1`` is in a notebook."""

    def __init__(self, exercise: Exercise, ctx, label: str):
        self.exercise, self.ctx, self.label = exercise, ctx, label
        self._hints_given = 0

    def check(self, answer) -> Feedback:
        """Check ``answer`` against this run's data; never raises, says what is wrong instead."""
        if answer is ... or callable(answer) and _is_stub(answer):
            return Feedback(UNANSWERED, f"Replace the `...` in the cell above with your answer, then run it again to check it ({self.label}).")
        try:
            remark = self.exercise.check(answer, self.ctx)
        except Wrong as wrong:
            return Feedback(WRONG, _sentence(str(wrong)) + (f" ({self.label}.hint() gives a hint.)" if self.exercise.hints else ""))
        except Exception as error:  # the student's own code failed: say how, without a long traceback
            return Feedback(WRONG, f"Running your answer raised {type(error).__name__}: {error}")
        return Feedback(CORRECT, remark or "")

    def hint(self) -> str:
        """The next hint, one at a time; then a pointer to the solution."""
        hints = self.exercise.hints
        if self._hints_given >= len(hints):
            text = f"No more hints: {self.label}.solution() shows the answer."
        else:
            self._hints_given += 1
            text = f"Hint {self._hints_given} of {len(hints)}: {hints[self._hints_given - 1]}"
        return _Text(text)

    def solution(self) -> str:
        """The reference answer on this run's data (and the source of a reference function)."""
        answer = self.exercise.solution(self.ctx)
        if self.exercise.show_source:
            text = textwrap.dedent(inspect.getsource(answer)).rstrip()
        else:
            shown = _format(answer) if isinstance(answer, (int, float)) and not isinstance(answer, bool) else repr(answer)
            text = f"{self.exercise.answer} = {shown}"
        if self.exercise.explain:
            text += "\n\n" + self.exercise.explain.format(answer=answer, ctx=self.ctx)
        return _Text(text)

    def __repr__(self) -> str:
        return f"{self.label}: {self.exercise.title}"


class _Text(str):
    """A string that a notebook shows as plain text (no quotes, line breaks kept)."""

    def __repr__(self) -> str:
        return str(self)


class ExerciseSet(SimpleNamespace):
    """A notebook's exercises, bound to its data: ``q1``, ``q2``, ... in order."""

    def __iter__(self):
        return iter(vars(self).values())

    def __repr__(self) -> str:
        return "\n".join(repr(q) for q in self)


def module(notebook: str):
    """The module holding ``notebook``'s exercises (``helpers/exercises/<notebook>.py``)."""
    return importlib.import_module(f"{__name__}.{notebook}")


def load(notebook: str, **context) -> ExerciseSet:
    """Bind ``notebook``'s exercises to this run's data, given as keyword arguments.

    In test mode every reference solution is run through its own check on that data, and an
    ``AssertionError`` names any that fails.

    Example::

        exercises = helpers.exercises.load("week03_imdb", train_data=train_data, history=history_dict)
    """
    source = module(notebook)
    needed = set(getattr(source, "CONTEXT", {}))
    if needed != set(context):
        raise TypeError(
            f"the exercises of {notebook} need {', '.join(sorted(needed)) or 'no data'}; "
            f"missing {sorted(needed - set(context))}, unexpected {sorted(set(context) - needed)}"
        )
    ctx = SimpleNamespace(**context)
    bound = ExerciseSet(**{f"q{i}": Bound(e, ctx, f"exercises.q{i}") for i, e in enumerate(source.EXERCISES, 1)})
    if settings.is_test():
        for q in bound:
            verdict = q.check(q.exercise.solution(ctx))
            assert verdict.ok, f"{notebook} {q.label}: the reference answer fails its own check on this run's data: {verdict.message}"
    print(f"{len(source.EXERCISES)} exercises: answer each in its cell, then run the check line below it.")
    return bound
