"""The package list in pyproject.toml names exactly the project's packages: a package
renamed or added without it breaks the install from a fresh clone (README's commands)."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_is_listed_and_every_listed_package_exists() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    tops = {name.split(".")[0] for name in listed}
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in tops
        for init in (ROOT / top).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert sorted(found - listed) == [], "packages missing from pyproject.toml"
    assert sorted(listed - found) == [], "pyproject.toml lists packages that do not exist"
