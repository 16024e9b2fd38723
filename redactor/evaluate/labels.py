"""The label file format: which text in each document is personal data, and which is not.

`sample_docs/.labels.json` uses it, the generators in devtools/ write it (through
`write_labels`, so there is one schema) and `redact eval` reads it. The file is hidden (a
dot name) so that the main job does not take it for a document.

    {"schema": 1, "documents": {"letters/letter_001.pdf": {
        "kind": "letter", "requester": "...",
        "personal": [{"text": "...", "category": "PERSON"}],
        "non_personal": [{"text": "Cardiff Council", "category": "ORGANISATION"}],
        "metadata_personal": ["..."]}}}
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

LABELS_FILE = ".labels.json"
SCHEMA = 1


@dataclass(frozen=True)
class LabelledItem:
    """A span of document text and what it is."""

    text: str  # as extracted from the PDF, whitespace-normalised to single spaces
    category: str
    personal: bool


@dataclass(frozen=True)
class DocumentLabels:
    """The labels of one document."""

    kind: str
    requester: str | None
    personal: tuple[LabelledItem, ...]
    non_personal: tuple[LabelledItem, ...]
    metadata_personal: tuple[str, ...]


def _items(raw: list[dict[str, str]], personal: bool) -> tuple[LabelledItem, ...]:
    return tuple(LabelledItem(r["text"], r["category"], personal) for r in raw)


def load_labels(path: Path) -> dict[str, DocumentLabels]:
    """Read a label file, keyed by the documents' paths relative to the inbox."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if data.get("schema") != SCHEMA:
        raise ValueError(f"{path}: unsupported labels schema {data.get('schema')!r}")
    return {
        relpath: DocumentLabels(
            kind=entry.get("kind", ""),
            requester=entry.get("requester"),
            personal=_items(entry["personal"], True),
            non_personal=_items(entry["non_personal"], False),
            metadata_personal=tuple(entry.get("metadata_personal", ())),
        )
        for relpath, entry in data["documents"].items()
    }


def labels_entry(labels: DocumentLabels) -> dict[str, Any]:
    """One document's labels as the file holds them."""

    def as_list(items: tuple[LabelledItem, ...]) -> list[dict[str, str]]:
        return [{"text": i.text, "category": i.category} for i in items]

    return {
        "kind": labels.kind,
        "requester": labels.requester,
        "personal": as_list(labels.personal),
        "non_personal": as_list(labels.non_personal),
        "metadata_personal": list(labels.metadata_personal),
    }


def write_labels(path: Path, documents: Mapping[str, DocumentLabels], generator: str, seed: int) -> Path:
    """Write a label file; documents are written in the mapping's order, UTF-8 unescaped."""
    data = {
        "schema": SCHEMA,
        "generator": generator,
        "seed": seed,
        "documents": {relpath: labels_entry(labels) for relpath, labels in documents.items()},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
