"""The controls of every explorer: labelled sliders and dropdowns with the course's layout.

Introduced in 00_start_here (every explorer's controls come from here).
"""

from __future__ import annotations

import ipywidgets as widgets

__all__ = ["dropdown", "is_choice", "log_slider", "slider"]

# A fixed label width keeps every explorer's controls aligned, and nothing re-lays-out on a move.
_CONTROL_STYLE = {"description_width": "150px"}
_CONTROL_LAYOUT = {"width": "400px"}  # a track long enough to drag on a projector


def slider(description, value, low, high, step, *, continuous_update=True, integer=False,
           readout_format=None):
    """A labelled FloatSlider (or IntSlider) with the course's layout. In 00_start_here."""
    cls = widgets.IntSlider if integer else widgets.FloatSlider
    kwargs = {} if integer or readout_format is None else {"readout_format": readout_format}
    return cls(value=value, min=low, max=high, step=step, description=description,
               continuous_update=continuous_update, style=_CONTROL_STYLE,
               layout=_CONTROL_LAYOUT, **kwargs)


def log_slider(description, value, low_exponent, high_exponent, step=0.05, *,
               continuous_update=True, readout_format=".3g"):
    """A FloatLogSlider from 10**low_exponent to 10**high_exponent (lr, ε). In 04_backward_pass."""
    return widgets.FloatLogSlider(value=value, base=10, min=low_exponent, max=high_exponent,
                                  step=step, description=description,
                                  continuous_update=continuous_update,
                                  readout_format=readout_format, style=_CONTROL_STYLE,
                                  layout=_CONTROL_LAYOUT)


def dropdown(description, options, value=None):
    """A labelled Dropdown with the course's layout. Introduced in 01_chain_rule."""
    options = list(options)
    return widgets.Dropdown(options=options, value=options[0] if value is None else value,
                            description=description, style=_CONTROL_STYLE,
                            layout=_CONTROL_LAYOUT)


# ipywidgets' public single-choice controls (their common base class is private).
_CHOICES = (widgets.Dropdown, widgets.RadioButtons, widgets.ToggleButtons, widgets.Select,
            widgets.SelectionSlider)


def is_choice(control) -> bool:
    """True for a control that picks one of ``options`` (moved by index, not by value).

    Introduced in 00_start_here (the tests and the benchmark drive controls with it).
    """
    return isinstance(control, _CHOICES)
