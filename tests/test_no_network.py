"""Nothing in the course reaches the network at run time (a classroom may have none)."""

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NETWORK = re.compile(r"\b(urllib|requests|httpx|http\.client|urlopen|socket|aiohttp|"
                     r"pooch|fetch_openml|load_dataset)\b|https?://")


def _code_of_notebooks():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text())["cells"]:
            if cell["cell_type"] == "code":
                yield path.name, "".join(cell["source"])


def test_helpers_never_open_a_connection():
    for path in sorted((ROOT / "helpers").rglob("*.py")):
        hits = NETWORK.findall(path.read_text())
        assert not hits, f"{path.relative_to(ROOT)} mentions {hits}"


def test_notebook_code_never_opens_a_connection():
    for name, source in _code_of_notebooks():
        assert not NETWORK.search(source), f"{name}: {source[:80]!r}"
