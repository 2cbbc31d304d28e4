"""What strict nbval compares in a notebook, and numpy's SIMD dispatch levels to run it under.

Used by the notebook tests: ``compared_outputs`` reduces a notebook to what
``pytest --nbval --nbval-sanitize-with tools/nbval_sanitize.cfg`` compares (text-like outputs,
sanitized, no pictures, no widget ids); ``simd_levels`` lists the settings of
``NPY_DISABLE_CPU_FEATURES`` that make numpy on *this* CPU take the code paths of older CPUs.
"""

from __future__ import annotations

import configparser
import re
from pathlib import Path

import nbformat
from slides import cell_source

ROOT = Path(__file__).resolve().parent.parent
SANITIZE_CONFIG = ROOT / "tools" / "nbval_sanitize.cfg"

# Keys nbval never compares (its own skip list, plus pictures, which it skips without --nbdime).
NOT_COMPARED = {"metadata", "traceback", "prompt_number", "output_type", "name",
                "execution_count", "application/vnd.jupyter.widget-view+json",
                "image/png", "image/jpeg"}
IGNORE_TAGS = {"nbval-ignore-output", "nbval-skip"}


def sanitizers(path: Path = SANITIZE_CONFIG) -> list[tuple[re.Pattern, str]]:
    """The (regex, replacement) pairs of an nbval sanitize file, in file order."""
    parser = configparser.ConfigParser()
    parser.read(path)
    return [(re.compile(parser[s]["regex"]), parser[s]["replace"]) for s in parser.sections()]



def _ignored(cell) -> bool:
    first_line = cell_source(cell).lstrip().split("\n", 1)[0]
    return (bool(IGNORE_TAGS & set(cell.metadata.get("tags", [])))
            or first_line.startswith(("# NBVAL_IGNORE_OUTPUT", "# NBVAL_SKIP")))


def compared_outputs(nb, patterns=None) -> list[list[str]]:
    """Per code cell, the sanitized texts strict nbval compares: each stream joined (a print
    may arrive in several chunks) and each text-like value of a displayed result."""
    patterns = sanitizers() if patterns is None else patterns

    def clean(text: str) -> str:
        for regex, replacement in patterns:
            text = regex.sub(replacement, text)
        return text

    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        if _ignored(cell):
            cells.append([])
            continue
        streams: dict[str, str] = {}
        shown = []
        for output in cell.outputs:
            if output.output_type == "stream":
                streams[output.name] = streams.get(output.name, "") + output.text
            for mime, value in output.get("data", {}).items():
                if mime not in NOT_COMPARED:
                    text = value if isinstance(value, str) else str(value)
                    shown.append(f"{mime}: {clean(text)}")
        cells.append([f"{name}: {clean(text)}" for name, text in sorted(streams.items())] + shown)
    return cells


def differences(stored, fresh, label: str) -> list[str]:
    """Human-readable lines for every code cell whose compared outputs differ."""
    found = []
    for index, (old, new) in enumerate(zip(stored, fresh, strict=True)):
        if old != new:
            found.append(f"{label} code cell {index}:\n    stored: {old!r}\n    now:    {new!r}")
    return found


def read(path: Path):
    return nbformat.read(path, as_version=4)


def simd_levels() -> list[tuple[str, str]]:
    """(label, NPY_DISABLE_CPU_FEATURES value) for this CPU's best SIMD level and each below it.

    numpy picks its loops at run time among the dispatch targets it was built with
    (``__cpu_dispatch__``) that the CPU has (``__cpu_features__``). Disabling the AVX-512
    targets makes an AVX-512 machine compute like an AVX2 one; disabling the AVX2/FMA3 targets
    as well makes it compute like a CPU with only numpy's baseline. Levels that disable
    nothing this CPU has are left out, so on an old CPU the list may hold only the first.
    """
    try:
        from numpy._core import _multiarray_umath as umath
    except ImportError:  # numpy 1.x
        from numpy.core import _multiarray_umath as umath

    have = {name for name, present in umath.__cpu_features__.items() if present}
    targets = [t for t in umath.__cpu_dispatch__ if t in have]

    def is_avx512(name: str) -> bool:
        return "512" in name or name == "X86_V4"

    def is_avx2_level(name: str) -> bool:
        return name in {"X86_V3", "AVX", "F16C", "FMA3", "AVX2"}

    levels = [("this CPU's best", "")]
    no_avx512 = [t for t in targets if is_avx512(t)]
    if no_avx512:
        levels.append(("without AVX-512", " ".join(no_avx512)))
    no_avx2 = no_avx512 + [t for t in targets if is_avx2_level(t)]
    if len(no_avx2) > len(no_avx512):
        levels.append(("without AVX-512 and AVX2/FMA3", " ".join(no_avx2)))
    return levels
