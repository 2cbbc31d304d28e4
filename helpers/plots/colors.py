"""The course's colours: one colour-blind-safe palette (Okabe & Ito, 2008), one meaning each.

Every figure takes its colours from here, so a colour means the same thing in every notebook:

- the sign of a weight: ``POSITIVE`` (blue) and ``NEGATIVE`` (vermillion);
- the two classes of a data set: ``CLASS_COLORS`` (class 0 blue, class 1 vermillion) and the
  map ``CLASS_CMAP`` between them (white at 0.5) for a network's output;
- several series on one plot: ``series_style(i)``, a colour *and* a line style, so series
  stay apart in grey print and for every kind of colour vision;
- verdicts: ``GOOD`` (bluish green) and ``BAD`` (vermillion); ``HIGHLIGHT`` (orange) for
  "the point you are moving"; ``MUTED`` grey for guides and context;
- the boxes of a computational graph (``GRAPH_NODE_COLORS``) and a loss surface
  (``LANDSCAPE_CMAP``).

Introduced in 00_start_here (behind every figure of the course).
"""

from __future__ import annotations

from matplotlib.colors import LinearSegmentedColormap

__all__ = [
    "ACTIVATION_STYLES",
    "BAD",
    "BLACK",
    "BLUE",
    "BLUISH_GREEN",
    "CLASS_CMAP",
    "CLASS_COLORS",
    "GOOD",
    "OKABE_ITO",
    "GRAPH_EDGE",
    "GRAPH_EDGE_ACTIVE",
    "GRAPH_NODE_COLORS",
    "LANDSCAPE_CMAP",
    "HIGHLIGHT",
    "LINE_STYLES",
    "MUTED",
    "NEGATIVE",
    "ORANGE",
    "POSITIVE",
    "REDDISH_PURPLE",
    "SERIES",
    "SKY_BLUE",
    "VERMILLION",
    "YELLOW",
    "series_style",
    "sign_color",
]

# The eight colours of Okabe & Ito's palette, distinguishable with every common colour-vision
# deficiency.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
# The same eight by name, for figures that pick several at once (09, 10).
OKABE_ITO = {
    "black": BLACK, "orange": ORANGE, "sky_blue": SKY_BLUE, "green": BLUISH_GREEN,
    "yellow": YELLOW, "blue": BLUE, "vermillion": VERMILLION, "purple": REDDISH_PURPLE,
}

POSITIVE, NEGATIVE = BLUE, VERMILLION  # the sign of a weight, in every plot
CLASS_COLORS = (BLUE, VERMILLION)  # class 0, class 1
CLASS_CMAP = LinearSegmentedColormap.from_list("course_classes", [BLUE, "#FFFFFF", VERMILLION])
GOOD, BAD = BLUISH_GREEN, VERMILLION  # fixed / broken, acceptable / wrong
HIGHLIGHT = ORANGE  # the current point, the thing a slider moves
MUTED = "0.45"  # guides, context curves
LANDSCAPE_CMAP = "Blues_r"  # a loss surface: one hue, dark = low (reads in grey too)

# Boxes of a computational graph (01_chain_rule): light tints, so black text stays readable.
GRAPH_NODE_COLORS = {
    "input": "#D4E6F4",     # a leaf with a label: an input or a parameter (light blue)
    "constant": "#FFFFFF",  # a leaf without a label: a number written in the expression
    "op": "#EEEEEE",        # an operation
    "output": "#F9E0B0",    # the root, whose gradient starts the backward pass (light orange)
    "current": ORANGE,      # stepping: the node passing its gradient on right now
    "receiving": "#A6DCC9",  # stepping: parents receiving a contribution (light bluish green)
}
GRAPH_EDGE, GRAPH_EDGE_ACTIVE = "0.55", VERMILLION

SERIES = (BLUE, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, VERMILLION, BLACK)
LINE_STYLES = ("-", "--", "-.", ":")

# The three activations keep one colour and one line style each, across notebooks.
ACTIVATION_STYLES = {
    "sigmoid": {"color": BLUE, "ls": "-"},
    "tanh": {"color": BLUISH_GREEN, "ls": "--"},
    "relu": {"color": REDDISH_PURPLE, "ls": "-."},
}


def series_style(i: int) -> dict[str, str]:
    """Colour and line style of series ``i`` on a plot (``ax.plot(..., **series_style(i))``).

    Introduced in 00_start_here. Colour and style both change, so series differ in grey too.
    """
    return {"color": SERIES[i % len(SERIES)], "ls": LINE_STYLES[i % len(LINE_STYLES)]}


def sign_color(value: float) -> str:
    """``POSITIVE`` for a weight >= 0, else ``NEGATIVE``. Introduced in 03_forward_pass."""
    return POSITIVE if value >= 0 else NEGATIVE
