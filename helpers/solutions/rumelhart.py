"""Reference answers for 08_rumelhart_1986."""

import numpy as np


def is_symmetric(x):
    """True when the pattern reads the same backwards: x_i = x_{7−i} for every i.

    Introduced in 08_rumelhart_1986.
    """
    x = np.asarray(x)
    return bool(np.all(x == x[::-1]))
