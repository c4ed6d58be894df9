"""The versioned prompt: a template file and few-shot examples in a YAML data file.

``prompts/<name>.v<N>.md`` holds a ``=== system ===`` and a ``=== user ===`` part with
``string.Template`` placeholders (``$schema``, ``$document_kind``, ``$chart_text``);
``prompts/<name>.v<N>.examples.yaml`` holds the examples, each a document text and the
answer the model should give for it. The version is the file stem (``chart-facts.v2``)
and :attr:`Prompt.sha256` covers the template, the examples and the response schema, so
changing any of them changes the hash in the record and invalidates the answer cache.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from string import Template
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, ConfigDict, field_validator

from core.errors import ExtractionError
from core.yamlio import load_model
from extract.llm.schema import NarrativeFacts, response_schema

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"
DEFAULT_PROMPT = "chart-facts.v3"

#: What the header block holds when the excerpt starts its document.
NO_HEADER = "(none: the excerpt starts the document)"
_SYSTEM = "=== system ===\n"
_USER = "=== user ===\n"


class Example(BaseModel):
    """One few-shot example: a document text and the answer for it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    document_kind: str
    text: str
    output: NarrativeFacts

    @field_validator("output", mode="before")
    @classmethod
    def _fill_empty_lists(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return {**NarrativeFacts.empty().model_dump(), **value}
        return value


class ExampleFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    examples: tuple[Example, ...]


@dataclass(frozen=True)
class Prompt:
    """A loaded prompt: render it with :meth:`messages`."""

    version: str
    system_template: str
    user_template: str
    examples: tuple[Example, ...]
    sha256: str

    def messages(self, document_kind: str, chart_text: str, header: str = "") -> list[BaseMessage]:
        """System prompt, the few-shot examples as user/assistant turns, then the chunk
        (with its document's header, when the chunk does not hold it)."""
        schema = json.dumps(response_schema(), ensure_ascii=False, separators=(",", ":"))
        out: list[BaseMessage] = [
            SystemMessage(Template(self.system_template).substitute(schema=schema))
        ]
        for example in self.examples:
            out.append(HumanMessage(self.user_message(example.document_kind, example.text)))
            out.append(AIMessage(example.output.model_dump_json()))
        out.append(HumanMessage(self.user_message(document_kind, chart_text, header)))
        return out

    def user_message(self, document_kind: str, chart_text: str, header: str = "") -> str:
        return Template(self.user_template).substitute(
            document_kind=document_kind,
            chart_text=chart_text,
            document_header=header.strip("\n") or NO_HEADER,
        )


def load_prompt(version: str = DEFAULT_PROMPT, directory: Path = PROMPTS_DIR) -> Prompt:
    """Load ``<directory>/<version>.md`` and its examples; :class:`ExtractionError` if a
    file is missing or malformed."""
    template_path = directory / f"{version}.md"
    examples_path = directory / f"{version}.examples.yaml"
    try:
        template_bytes = template_path.read_bytes()
    except OSError as e:
        raise ExtractionError(f"prompt template {template_path} cannot be read: {e}") from e
    template = template_bytes.decode("utf-8")
    if not template.startswith(_SYSTEM) or template.count(_USER) != 1:
        raise ExtractionError(
            f"prompt template {template_path.name} must start with '=== system ===' and "
            "contain one '=== user ===' line"
        )
    system, user = template[len(_SYSTEM) :].split(_USER)
    user_names = ("document_kind", "document_header", "chart_text")
    for part, names in ((system, ("schema",)), (user, user_names)):
        found = {m.group("named") or m.group("braced") for m in Template.pattern.finditer(part)}
        if found - {None} != set(names):
            raise ExtractionError(
                f"prompt template {template_path.name}: placeholders {sorted(found - {None})} "
                f"where {list(names)} are expected"
            )
    examples = load_model(examples_path, ExampleFile, "prompt examples", ExtractionError)
    schema_bytes = json.dumps(response_schema(), sort_keys=True, separators=(",", ":")).encode()
    digest = hashlib.sha256()
    for part_bytes in (template_bytes, examples_path.read_bytes(), schema_bytes):
        digest.update(hashlib.sha256(part_bytes).digest())
    return Prompt(
        version=version,
        system_template=system.rstrip("\n"),
        user_template=user.rstrip("\n"),
        examples=examples.examples,
        sha256=digest.hexdigest(),
    )
