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


def _lock(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements" / name).read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            package, sep, version = line.partition("==")
            assert sep and version, f"requirements/{name}: {line!r} is not an exact pin"
            pins[package.lower().replace("_", "-")] = version
    return pins


def test_lab_lock_is_the_test_lock_without_the_test_tools():
    lab, test = _lock("lab.txt"), _lock("test.txt")
    assert set(lab) < set(test)
    assert {name: test[name] for name in lab} == lab, "make lock: the two locks disagree"


def test_grading_lock_agrees_with_the_test_lock_where_they_share_packages():
    grading, test = _lock("grading.txt"), _lock("test.txt")
    shared = set(grading) & set(test)
    assert "numpy" in shared and "nbgrader" in grading
    assert {name: grading[name] for name in shared} == {name: test[name] for name in shared}


def test_every_declared_dependency_is_locked_within_its_bounds():
    from packaging.requirements import Requirement

    project = _pyproject()
    extras = project["optional-dependencies"]
    for lock, requirements in [("lab.txt", project["dependencies"]),
                               ("test.txt", project["dependencies"] + extras["test"]
                                + extras["classroom"]),
                               ("grading.txt", project["dependencies"] + extras["grading"])]:
        pins = _lock(lock)
        for text in requirements:
            requirement = Requirement(text)
            name = requirement.name.lower().replace("_", "-")
            assert name in pins, f"{name} is missing from requirements/{lock}: run make lock"
            assert requirement.specifier.contains(pins[name], prereleases=True), (
                f"requirements/{lock} pins {name}=={pins[name]}, outside {text!r}: make lock")


def test_both_readme_commands_install_from_the_locks():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet -r $(TEST_LOCK)" in makefile
    assert "pip install --quiet -r $(LAB_LOCK)" in makefile
    assert "pip install --quiet -r $(GRADING_LOCK)" in makefile
    assert re.search(r"^lab: install-lab$", makefile, re.M)
    assert re.search(r"^test: install\b", makefile, re.M)
