"""environment.yml (conda, Binder) and pyproject.toml (pip, make) must install the same things."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _split(requirement: str) -> tuple[str, str]:
    match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
    assert match, f"cannot parse requirement {requirement!r}"
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def _pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _conda():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    specs = {}
    for entry in env["dependencies"]:
        assert isinstance(entry, str), "keep environment.yml to conda packages (no pip section)"
        name, version = _split(entry)
        specs[name] = version
    return env, specs


def test_environment_yml_uses_conda_forge_only():
    env, _ = _conda()
    assert env["channels"] == ["conda-forge"]


def test_runtime_dependencies_agree_with_pyproject():
    _, conda = _conda()
    pip = dict(_split(r) for r in _pyproject()["dependencies"])
    conda_runtime = {k: v for k, v in conda.items() if k not in {"python", "pip"}}
    assert conda_runtime == pip


def test_python_version_agrees_with_pyproject():
    _, conda = _conda()
    assert conda["python"] == _pyproject()["requires-python"]


def test_binder_installs_the_package_itself():
    post_build = (ROOT / "postBuild").read_text()
    assert "pip install" in post_build and "-e ." in post_build
