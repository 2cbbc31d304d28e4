"""The benchmark stays runnable: a tiny run builds and drives every explorer once."""

import importlib.util
from pathlib import Path

from helpers.explorer_testing import all_builders

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_reports_every_explorer(capsys):
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--quick"]) == 0
    output = capsys.readouterr().out
    for name in all_builders():
        assert f"| {name} |" in output
    assert "2-2-1 XOR, 500 epochs" in output
    assert "| retrain on lr release" in output and "| epoch scrub (replay), wall clock" in output
    assert "| scikit-learn MLPClassifier |" in output and "| helpers.train |" in output
