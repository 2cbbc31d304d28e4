"""Tiered hints and the end-of-notebook self-check: the mechanism, on registered test data."""

import pytest

from helpers.checks import hints
from helpers.checks.hints import (
    Question,
    answer_self_check,
    display_order,
    hint,
    register_hints,
    register_self_check,
)
from helpers.widgets import make_self_check

QUESTIONS = (
    Question("2 + 2?", ("3", "4"), 1, ("one short", "right: two and two")),
    Question("Slope of x² at 1?", ("1", "2", "0"), 1, ("that is x", "right: 2x", "that is at 0")),
    Question("Is σ′ ever above 1/4?", ("yes", "no"), 1, ("its peak is σ′(0) = 1/4", "right")),
)


@pytest.fixture(autouse=True)
def registered(monkeypatch):
    monkeypatch.setattr(hints, "_HINTS", {})
    monkeypatch.setattr(hints, "_SELF_CHECKS", {})
    register_hints("demo", "Think of the idea.", "Use the method.", "Nearly the answer.")
    register_self_check("demo", *QUESTIONS)


def test_hints_print_one_tier_and_point_to_the_next(capsys):
    hint("demo")
    first = capsys.readouterr().out
    assert "Hint 1 of 3: Think of the idea." in first and 'hint("demo", 2)' in first
    assert "Use the method" not in first
    hint("demo", 3)
    last = capsys.readouterr().out
    assert "Nearly the answer." in last and 'show_solution("demo")' in last


@pytest.mark.parametrize("bad", [0, 4, 1.0, True, "1"])
def test_a_hint_tier_out_of_range_names_the_argument(bad):
    with pytest.raises(ValueError, match="tier must be a whole number from 1 to 3"):
        hint("demo", bad)


def test_an_unknown_exercise_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"name must be one of \['demo'\]"):
        hint("dmeo")


def test_hints_need_two_tiers_and_self_checks_three_questions():
    with pytest.raises(ValueError, match="at least two"):
        register_hints("x", "only one")
    with pytest.raises(ValueError, match="exactly three"):
        register_self_check("x", *QUESTIONS[:2])
    with pytest.raises(ValueError, match="one 'why' each"):
        Question("?", ("a", "b"), 0, ("only one why",))


def test_self_check_feedback_says_why_for_right_and_wrong_choices():
    right = answer_self_check("demo", 2, 1)
    wrong = answer_self_check("demo", 2, 2)
    assert right.passed and "2x" in repr(right)
    assert not wrong.passed and "that is at 0" in repr(wrong)
    with pytest.raises(ValueError, match="choice must be from 0 to 2"):
        answer_self_check("demo", 2, 3)


def test_self_check_widget_shows_feedback_on_each_pick_and_reads_well_without_a_kernel():
    quiz = make_self_check("demo")
    assert all(f.value == "" for f in quiz.feedback)
    shown = list(quiz.choices[0].options)
    assert sorted(shown) == ["3", "4"]  # both options, in the shuffled order
    quiz.choices[0].index = shown.index("3")
    assert "Not yet" in quiz.feedback[0].value and "one short" in quiz.feedback[0].value
    quiz.choices[0].index = shown.index("4")
    assert "Correct" in quiz.feedback[0].value
    text = repr(quiz)
    assert text.startswith("Self-check (demo)") and "   ( ) 4" in text and "0x" not in text


def test_self_check_order_is_a_fixed_shuffle_that_keeps_feedback_with_its_option():
    order = display_order("demo", QUESTIONS[1])
    assert sorted(order) == [0, 1, 2] and order == display_order("demo", QUESTIONS[1])
    quiz = make_self_check("demo")
    for k, option in enumerate(quiz.choices[1].options):
        quiz.choices[1].index = k
        right = option == "2"
        assert ("Correct" in quiz.feedback[1].value) == right


def test_right_answers_are_not_always_in_the_same_place_across_the_course(monkeypatch):
    """Authors write the right answer first; the shown order must not give it away."""
    monkeypatch.undo()  # the real questions of notebooks 00–10, not the demo
    import helpers.checks  # noqa: F401  (registers every notebook's self-check)

    positions = [display_order(topic, q).index(q.answer)
                 for topic, questions in hints._SELF_CHECKS.items() for q in questions]
    assert len(positions) >= 30
    share = {p: positions.count(p) / len(positions) for p in (0, 1, 2)}
    assert all(0.15 < s < 0.55 for s in share.values()), share
