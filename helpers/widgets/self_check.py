"""The end-of-notebook self-check: three multiple-choice questions with feedback on each
choice, the options shown in a fixed shuffled order. Introduced in 00_start_here."""

from __future__ import annotations

import html

import ipywidgets as widgets

from helpers.checks.hints import answer_self_check, display_order, self_check_questions

__all__ = ["make_self_check"]


class SelfCheck(widgets.VBox):
    """Three questions; picking an option shows why it is right or wrong."""

    def __init__(self, topic: str):
        self.topic = topic
        self.questions = self_check_questions(topic)
        # orders[i][k]: which authored option question i shows in position k
        self.orders = [display_order(topic, q) for q in self.questions]
        self.choices = []
        self.feedback = []
        rows = [widgets.HTML("<b>Self-check</b>: pick an answer to see why it is right or "
                             "wrong.")]
        for number, (question, order) in enumerate(zip(self.questions, self.orders,
                                                       strict=True), start=1):
            choice = widgets.RadioButtons(options=[question.options[i] for i in order],
                                          value=None,
                                          layout={"width": "auto"})
            choice.add_class("self-check-choice")
            feedback = widgets.HTML()
            choice.observe(self._make_handler(number, order, feedback), names="index")
            self.choices.append(choice)
            self.feedback.append(feedback)
            rows += [widgets.HTML(f"<b>{number}.</b> {html.escape(question.prompt)}"),
                     choice, feedback]
        super().__init__(rows)

    def _make_handler(self, number: int, order: list[int], feedback: widgets.HTML):
        def show(change):
            if change["new"] is None:
                feedback.value = ""
                return
            result = answer_self_check(self.topic, number, order[change["new"]])
            feedback.value = f"<pre style='white-space:pre-wrap'>{html.escape(repr(result))}</pre>"
        return show

    def __repr__(self) -> str:
        # Stable text for readers without a kernel (and for strict nbval).
        lines = [f"Self-check ({self.topic}): three questions"]
        for number, (question, order) in enumerate(zip(self.questions, self.orders,
                                                       strict=True), start=1):
            lines.append(f"{number}. {question.prompt}")
            lines += [f"   ( ) {question.options[i]}" for i in order]
        return "\n".join(lines)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/plain"] = repr(self)
        return bundle


def make_self_check(topic: str) -> SelfCheck:
    """The self-check of ``topic`` as a widget (questions from helpers.checks).

    Introduced in 00_start_here.
    """
    return SelfCheck(topic)
