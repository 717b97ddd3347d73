"""The exercise machinery (helpers.exercises), and every course-map notebook ending with its exercises."""

import re
from pathlib import Path

import numpy as np
import pytest

import helpers.exercises as exercises
from helpers.exercises import Wrong, choice, code, number
from helpers.exercises.__main__ import cells, notebooks, sync

ROOT = Path(__file__).resolve().parents[1]


def _course_map_notebooks():
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Course map", 1)[1].split("\n## ", 1)[0]
    return sorted(set(re.findall(r"\]\(notebooks/(\w+)\.ipynb\)", section)))


def double(values):
    return [2 * v for v in values]


def check_double(function, ctx):
    got = function(ctx.values)
    if list(got) != double(ctx.values):
        raise Wrong(f"for {ctx.values} you return {list(got)}")


def _bound(exercise, **context):
    from types import SimpleNamespace

    return exercises.Bound(exercise, SimpleNamespace(**context), "exercises.q1")


CODE = code("Double", "Write double(values).", starter="def double(values):\n    ...", solution=double,
            check=check_double, hints=["Multiply.", "Use a list comprehension."])
NUMBER = number("Sum", "What is the sum?", solution=lambda ctx: sum(ctx.values), tolerance=0.01,
                diagnose=lambda value, ctx: "that is the count, not the sum" if value == len(ctx.values) else None)
CHOICE = choice("Pick", "Which?", options={"a": "one", "b": "two"}, correct="b", why={"a": "one is too few."}, explain="Two it is.")


def test_a_right_answer_passes():
    assert _bound(CODE, values=[1, 2]).check(double).ok
    assert _bound(NUMBER, values=[1, 2]).check(3.001).ok
    assert _bound(CHOICE).check(" B ").ok


def test_a_wrong_answer_gets_a_sentence_not_an_exception():
    feedback = _bound(CODE, values=[1, 2]).check(lambda values: values)
    assert feedback.status == "wrong" and feedback.message.startswith("For [1, 2] you return [1, 2]"), "a sentence, capitalised"
    assert "hint()" in feedback.message, "a wrong answer should point to the hints"
    assert "too high" in _bound(NUMBER, values=[1, 2]).check(4).message
    assert "the count, not the sum" in _bound(NUMBER, values=[1, 2, 5]).check(3).message
    assert "Give a number" in _bound(NUMBER, values=[1]).check("1").message
    assert "one is too few" in _bound(CHOICE).check("a").message
    assert "not one of the options" in _bound(CHOICE).check("z").message


def test_an_answer_that_raises_is_reported_with_its_error():
    feedback = _bound(CODE, values=[1]).check(lambda values: 1 / 0)
    assert feedback.status == "wrong" and "ZeroDivisionError" in feedback.message


def test_an_unanswered_exercise_says_so():
    assert _bound(NUMBER, values=[1]).check(...).status == "unanswered"
    assert _bound(CODE, values=[1]).check(double_stub).status == "unanswered"
    assert repr(_bound(CODE, values=[1]).check(double_stub)).startswith("… Not answered yet.")


def double_stub(values):
    """Not written yet."""
    ...


def test_hints_come_one_at_a_time_then_point_to_the_solution():
    q = _bound(CODE, values=[1])
    assert q.hint() == "Hint 1 of 2: Multiply."
    assert q.hint() == "Hint 2 of 2: Use a list comprehension."
    assert "solution()" in q.hint()


def test_the_solution_shows_the_reference_code_or_value():
    assert "return [2 * v for v in values]" in _bound(CODE, values=[1]).solution()
    assert _bound(NUMBER, values=[1, 2]).solution() == "answer = 3"
    assert _bound(CHOICE).solution() == "answer = 'b'\n\nTwo it is."


def test_a_choice_needs_a_reason_for_every_wrong_option():
    with pytest.raises(ValueError, match="missing"):
        choice("Pick", "Which?", options={"a": "one", "b": "two", "c": "three"}, correct="b", why={"a": "no"})


def test_load_names_missing_data():
    with pytest.raises(TypeError, match="missing"):
        exercises.load("week03_imdb", history={})


def test_every_course_map_notebook_has_exercises():
    missing = sorted(set(_course_map_notebooks()) - set(notebooks()))
    assert not missing, f"no exercises yet for {missing}: add helpers/exercises/<notebook>.py"


@pytest.mark.parametrize("notebook", notebooks())
def test_exercises_are_three_to_six_with_hints_and_tested(notebook):
    source = exercises.module(notebook)
    assert 3 <= len(source.EXERCISES) <= 6, f"{notebook}: {len(source.EXERCISES)} exercises"
    assert all(e.hints for e in source.EXERCISES), f"{notebook}: every exercise needs at least one hint"
    assert (ROOT / "tests" / f"test_exercises_{notebook}.py").exists(), f"{notebook}: its wrong answers need a test file"


@pytest.mark.parametrize("notebook", notebooks())
def test_the_notebook_ends_with_its_exercise_cells(notebook):
    assert not sync(notebook, write=False), f"{notebook}: run `make exercises` to write its exercise cells"
    assert cells(notebook)[1].source.startswith("exercises = helpers.exercises.load(")
