"""The benchmark stays runnable and honest: a tiny run builds and drives every explorer once,
and its exit status says whether every explorer met its target (so `make bench` fails on a
miss). The timings themselves are not judged here: this machine may be busy."""

import importlib.util
import re
from pathlib import Path

from explorer_testing import all_builders

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_reports_every_explorer_and_exits_with_its_verdict(capsys):
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks" / "run.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    status = bench.main(["--quick"])
    output = capsys.readouterr().out
    rows = {name: re.search(rf"^\| {name} \|.*\| (met|MISSED) \|$", output, re.M)
            for name in all_builders()}
    assert all(rows.values()), [name for name, row in rows.items() if row is None]
    missed = [name for name, row in rows.items() if row.group(1) == "MISSED"]
    assert status == (1 if missed else 0), (status, missed)
    assert ("did NOT all meet" in output) == bool(missed)
    assert "2-2-1 XOR, 500 epochs" in output
    assert "| retrain on lr release" in output and "| epoch scrub (replay), wall clock" in output
    assert "| scikit-learn MLPClassifier |" in output and "| helpers.train |" in output
