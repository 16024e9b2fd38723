"""What a response can say, read from the published outputs (summary.json and the per-document logs).

Only statuses, relative paths, page numbers, exemption codes, categories and counts are read:
never the redacted text the internal logs hold, so nothing built from these facts can leak it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redactor.errors import ExitCode, RedactorError

SUMMARY = Path("logs") / "summary.json"
RELEASED = "released"
# Summary statuses of a document withheld in full by a decision (not released at all). If the
# review step names it differently, add the name here: nothing else depends on the spelling.
WITHHELD_STATUSES = frozenset({"withheld"})
NOT_DOCUMENTS = frozenset({"skipped"})
# An attachment's path names its file as sent ("mail.eml#attachment-2-J_Smith_CV.pdf"), which may
# itself be personal data: the response lists it by its number only ("mail.eml#attachment-2").
_ATTACHMENT_NAME = re.compile(r"(#attachment-\d+)-[^#]*")


def listed_path(relpath: str) -> str:
    return _ATTACHMENT_NAME.sub(r"\1", relpath)  # hidden files: listed in the summary, not part of the response


class OutputsError(RedactorError):
    """OUT is not a redactor output, or its logs cannot be read."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class WithheldDocument:
    relpath: str
    exemption: str
    pages: int


@dataclass(frozen=True)
class ReleasedDocument:
    relpath: str  # the released file, relative to released/
    pages: int
    items: int  # redactions in it


@dataclass(frozen=True)
class WithheldItems:
    """How many items of one category were withheld under one exemption, and in how many documents."""

    exemption: str
    category: str
    items: int
    documents: int


@dataclass(frozen=True)
class ResponseFacts:
    released: tuple[ReleasedDocument, ...]
    withheld_whole: tuple[WithheldDocument, ...]
    undecided: tuple[tuple[str, str], ...]  # (relpath, status): failed, failed its checks, needs review
    items: tuple[WithheldItems, ...]
    # (exemption, how many released documents have at least one item withheld under it)
    documents_with_items: tuple[tuple[str, int], ...] = ()

    @property
    def documents(self) -> int:
        return len(self.released) + len(self.withheld_whole) + len(self.undecided)

    @property
    def exemptions(self) -> tuple[str, ...]:
        """Every exemption relied on, in the order first met (passages, then whole documents)."""
        codes = [i.exemption for i in self.items] + [w.exemption for w in self.withheld_whole]
        return tuple(dict.fromkeys(codes))

    def items_under(self, exemption: str) -> int:
        return sum(i.items for i in self.items if i.exemption == exemption)

    def documents_under(self, exemption: str) -> int:
        return dict(self.documents_with_items).get(exemption, 0)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise OutputsError(f"cannot read {path}: {exc.strerror}; run `redact INBOX OUT` first") from exc
    except json.JSONDecodeError as exc:
        raise OutputsError(f"{path} is not valid JSON ({exc}); run `redact INBOX OUT` again") from exc
    if not isinstance(data, dict):
        raise OutputsError(f"{path} is not a redactor log")
    return data


def whole_document_exemption(entry: dict[str, Any], log: dict[str, Any]) -> str:
    """The exemption a document withheld in full rests on: in its summary entry or its log."""
    withheld = log.get("withheld")
    candidates = (
        entry.get("exemption"),
        log.get("exemption"),
        withheld.get("exemption") if isinstance(withheld, dict) else None,
    )
    for code in candidates:
        if isinstance(code, str) and code:
            return code
    raise OutputsError(
        f"{entry.get('input')} is withheld in full but its log names no exemption; "
        "decide it again with --exemption CODE"
    )


def read_facts(out: Path) -> ResponseFacts:
    """The response facts of the output folder OUT."""
    summary = _read_json(out / SUMMARY)
    entries = summary.get("documents")
    if not isinstance(entries, list):
        raise OutputsError(f"{out / SUMMARY} lists no documents; run `redact INBOX OUT` again")
    released: list[ReleasedDocument] = []
    withheld: list[WithheldDocument] = []
    undecided: list[tuple[str, str]] = []
    items: Counter[tuple[str, str]] = Counter()
    docs: dict[tuple[str, str], set[str]] = {}
    for entry in entries:
        status, relpath = str(entry.get("status")), str(entry.get("input"))
        if status in NOT_DOCUMENTS:
            continue
        if status not in WITHHELD_STATUSES and status != RELEASED:
            undecided.append((relpath, status))
            continue
        log = _read_json(out / str(entry.get("log")))
        pages = int(log.get("document", {}).get("pages") or 0)
        if status in WITHHELD_STATUSES:
            withheld.append(WithheldDocument(listed_path(relpath), whole_document_exemption(entry, log), pages))
            continue
        redactions = [r for r in log.get("redactions", []) if r.get("decision", "redact") == "redact"]
        output = str(entry.get("output") or "").removeprefix("released/") or relpath
        released.append(ReleasedDocument(output, pages, len(redactions)))
        for r in redactions:
            key = (str(r.get("exemption")), str(r.get("category")))
            items[key] += 1
            docs.setdefault(key, set()).add(relpath)
    return ResponseFacts(
        released=tuple(released),
        withheld_whole=tuple(withheld),
        undecided=tuple(undecided),
        items=tuple(WithheldItems(e, c, n, len(docs[(e, c)])) for (e, c), n in items.items()),
        documents_with_items=_documents_by_exemption(docs),
    )


def _documents_by_exemption(docs: dict[tuple[str, str], set[str]]) -> tuple[tuple[str, int], ...]:
    by_code: dict[str, set[str]] = {}
    for (code, _), paths in docs.items():
        by_code.setdefault(code, set()).update(paths)
    return tuple((code, len(paths)) for code, paths in by_code.items())
