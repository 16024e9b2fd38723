"""Labelled sets in the two formats `redact eval` reads, as one list of labelled documents.

- The project's own label file (`.labels.json`, see `labels`): the documents sit in the
  folder beside it, at their relative paths.
- A shared-corpus key (`key.json`, the format of ../shared/corpus/realworld_dev): per
  document a "set" name, "go" strings (personal data that must be removed) and "stay"
  strings (text that must stay readable), each a [category, string] pair; a document is
  read from FOLDER/inbox/<relpath>, or from its "source" path relative to FOLDER.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redactor.errors import ConfigError
from redactor.evaluate.labels import LABELS_FILE, DocumentLabels, LabelledItem, load_labels

KEY_FILE = "key.json"


@dataclass(frozen=True)
class LabelledDocument:
    relpath: str  # where the document sits in the inbox the tool is run on
    source: Path  # where the file is read from
    group: str  # the sub-set it belongs to (a key's "set", or the document kind)
    labels: DocumentLabels


@dataclass(frozen=True)
class LabelledSet:
    label_file: Path
    folder: Path  # the folder relative paths start from
    documents: tuple[LabelledDocument, ...]
    subset: bool = False  # only some of the file's sets were asked for

    def inbox_in_place(self) -> Path | None:
        """The folder that already is the inbox: the whole set, each document at its relpath in it."""
        if not self.subset and all(d.source == self.folder / d.relpath for d in self.documents):
            return self.folder
        return None


def _key_items(pairs: list[list[str]], personal: bool) -> tuple[LabelledItem, ...]:
    return tuple(LabelledItem(text, category, personal) for category, text in pairs)


def _from_key(path: Path, data: dict[str, Any], sets: Collection[str]) -> LabelledSet:
    folder = path.parent.resolve()
    documents = []
    for relpath, entry in data.items():
        if sets and entry["set"] not in sets:
            continue
        source = folder / entry["source"] if "source" in entry else folder / "inbox" / relpath
        labels = DocumentLabels(
            kind=entry["set"],
            requester=None,
            personal=_key_items(entry["go"], True),
            non_personal=_key_items(entry["stay"], False),
            metadata_personal=(),
        )
        documents.append(LabelledDocument(relpath, source.resolve(), entry["set"], labels))
    return LabelledSet(path, folder / "inbox", tuple(documents), subset=bool(sets))


def _from_labels(path: Path, folder: Path, sets: Collection[str]) -> LabelledSet:
    documents = tuple(
        LabelledDocument(relpath, folder / relpath, labels.kind, labels)
        for relpath, labels in load_labels(path).items()
        if not sets or labels.kind in sets
    )
    return LabelledSet(path, folder, documents, subset=bool(sets))


def find_label_file(folder: Path) -> Path:
    """The label file of a folder: its key.json, else its .labels.json."""
    for name in (KEY_FILE, LABELS_FILE):
        if (folder / name).is_file():
            return folder / name
    raise ConfigError(f"{folder} has neither {KEY_FILE} nor {LABELS_FILE}; give the label file with --labels")


def open_set(path: Path, sets: Collection[str] = (), documents_in: Path | None = None) -> LabelledSet:
    """Read a labelled set from a folder or a label file of either format.

    `sets` keeps only those groups (a key's sets, or document kinds). A `.labels.json` file's
    documents are looked for in `documents_in` (default: the label file's folder).
    """
    label_file = find_label_file(path) if path.is_dir() else path
    try:
        data = json.loads(label_file.read_text(encoding="utf-8"))
        if isinstance(data, dict) and "schema" in data:
            labelled = _from_labels(label_file, (documents_in or label_file.parent).resolve(), sets)
        else:
            labelled = _from_key(label_file, data, sets)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot read the label file {label_file}: {exc}") from exc
    if not labelled.documents:
        raise ConfigError(f"{label_file}: no labelled documents" + (f" in the sets {', '.join(sets)}" if sets else ""))
    missing = [str(d.source) for d in labelled.documents if not d.source.is_file()]
    if missing:
        raise ConfigError(f"{label_file}: labelled documents not found: {', '.join(missing[:5])}")
    return labelled
