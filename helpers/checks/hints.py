"""Tiered hints for every exercise, and the three-question self-check that ends a notebook.

Hints come in tiers: tier 1 points at the idea and never contains the answer, later tiers
narrow in, and ``show_solution`` stays for the very end. A notebook's topic module registers
its hints and questions (``register_hints``, ``register_self_check``); the notebook calls
``hint("name")``, ``hint("name", 2)`` and displays ``make_self_check("topic")``.
Introduced in 00_start_here.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from helpers.checks._core import CheckResult, correct, not_yet

__all__ = ["Question", "answer_self_check", "display_order", "hint", "hint_tiers",
           "register_hints", "register_self_check", "self_check_questions"]

_HINTS: dict[str, tuple[str, ...]] = {}
_SELF_CHECKS: dict[str, tuple[Question, ...]] = {}


def register_hints(name: str, *tiers: str) -> None:
    """Record the hints of exercise ``name``, gentlest first (at least two tiers)."""
    if len(tiers) < 2 or not all(isinstance(t, str) and t.strip() for t in tiers):
        raise ValueError(f"hints for {name!r}: give at least two non-empty tiers, gentlest "
                         "first")
    _HINTS[name] = tuple(tiers)


def hint_tiers(name: str) -> tuple[str, ...]:
    """Every hint tier of exercise ``name``, gentlest first."""
    if not isinstance(name, str) or name not in _HINTS:
        raise ValueError(f"name must be one of {sorted(_HINTS)}; got {name!r}")
    return _HINTS[name]


def hint(name: str, tier: int = 1) -> None:
    """Print hint number ``tier`` (1 = gentlest) of exercise ``name``. In 00_start_here."""
    tiers = hint_tiers(name)
    if isinstance(tier, bool) or not isinstance(tier, int) or not 1 <= tier <= len(tiers):
        raise ValueError(f"tier must be a whole number from 1 to {len(tiers)} for {name!r}; "
                         f"got {tier!r}")
    more = (f'   (still stuck? hint("{name}", {tier + 1}))' if tier < len(tiers)
            else f'   (last hint; the full answer: show_solution("{name}"))')
    print(f"💡 Hint {tier} of {len(tiers)}: {tiers[tier - 1]}\n{more}")


@dataclass(frozen=True)
class Question:
    """One multiple-choice self-check question; ``why[i]`` explains option i."""

    prompt: str
    options: tuple[str, ...]
    answer: int
    why: tuple[str, ...]

    def __post_init__(self):
        if len(self.options) < 2 or len(self.why) != len(self.options):
            raise ValueError(f"{self.prompt!r}: give two or more options and one 'why' each")
        if not 0 <= self.answer < len(self.options):
            raise ValueError(f"{self.prompt!r}: answer must index options, got {self.answer}")


def register_self_check(topic: str, *questions: Question) -> None:
    """Record the end-of-notebook self-check of ``topic`` (three questions)."""
    if len(questions) != 3 or not all(isinstance(q, Question) for q in questions):
        raise ValueError(f"self-check {topic!r}: give exactly three Question objects")
    _SELF_CHECKS[topic] = tuple(questions)


def self_check_questions(topic: str) -> tuple[Question, ...]:
    """The three questions of ``topic``'s self-check."""
    if not isinstance(topic, str) or topic not in _SELF_CHECKS:
        raise ValueError(f"topic must be one of {sorted(_SELF_CHECKS)}; got {topic!r}")
    return _SELF_CHECKS[topic]


def display_order(topic: str, question: Question) -> list[int]:
    """The order in which to show ``question``'s options: a shuffle seeded by the topic and the
    prompt, the same on every machine and every run, so the right answer is not always first
    (authors tend to write it first)."""
    seed = hashlib.sha256(f"{topic}\n{question.prompt}".encode()).digest()
    order = list(range(len(question.options)))
    random.Random(int.from_bytes(seed[:8], "big")).shuffle(order)
    return order


def answer_self_check(topic: str, number: int, choice: int) -> CheckResult:
    """Feedback on option ``choice`` (0-based) of question ``number`` (1-based) of ``topic``."""
    questions = self_check_questions(topic)
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= 3:
        raise ValueError(f"number must be 1, 2 or 3; got {number!r}")
    question = questions[number - 1]
    if (isinstance(choice, bool) or not isinstance(choice, int)
            or not 0 <= choice < len(question.options)):
        raise ValueError(f"choice must be from 0 to {len(question.options) - 1}; got {choice!r}")
    if choice == question.answer:
        return correct(question.why[choice])
    return not_yet(question.why[choice])
