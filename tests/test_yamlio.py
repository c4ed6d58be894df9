"""The one strict YAML loader every data file goes through."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from core.data import Frozen
from core.errors import ExtractionError
from core.yamlio import load_model, load_yaml


class _Model(Frozen):
    name: str


def test_a_repeated_key_is_rejected_not_silently_overwritten() -> None:
    with pytest.raises(yaml.YAMLError, match="duplicate key 'a'"):
        load_yaml("a: 1\nb: 2\na: 3\n")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("name: x\nname: y\n", "duplicate key"),
        ("name: x\nextra: 1\n", "Extra inputs are not permitted"),
        ("name: [unclosed\n", "while parsing"),
    ],
)
def test_load_model_names_the_file_and_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "vocab.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        ExtractionError, match=rf"(?s)test vocabulary vocab\.yaml is invalid: .*{problem}"
    ):
        load_model(path, _Model, "test vocabulary", ExtractionError)


def test_load_model_returns_the_validated_model(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text("name: x\n", encoding="utf-8")
    assert load_model(path, _Model, "test vocabulary", ExtractionError) == _Model(name="x")
