"""The reviewer's decisions: `OUT/review/decisions.jsonl`, append-only, one JSON object a line.

Nothing in the file is ever rewritten. A later decision supersedes an earlier one about the
same item; a decision about a document whose input has changed since (its sha256 differs) is
orphaned: reported, never applied.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from redactor.errors import ExitCode, RedactorError
from redactor.review.ids import normalise
from redactor.types import BBox

DECISIONS_FILE = "decisions.jsonl"


class ReviewError(RedactorError):
    """A decision is malformed, or the decisions file cannot be read or written."""

    exit_code = ExitCode.USAGE


class Scope(StrEnum):
    BOX = "box"  # one item (by id), or one drawn rectangle
    DOCUMENT = "document"  # every occurrence of the text in the document
    BUNDLE = "bundle"  # every occurrence of the text in every document
    WHOLE = "whole"  # the document as a whole: withheld in full (not released), or released again


class Verdict(StrEnum):
    RELEASE = "release"
    WITHHOLD = "withhold"
    REVIEWED = "reviewed"  # the document as a whole has been reviewed


@dataclass(frozen=True)
class ReviewRecord:
    """One line of decisions.jsonl."""

    decision: Verdict
    scope: Scope
    reviewer: str
    time: str
    id: str | None = None
    text: str | None = None
    document: str | None = None  # the input's relpath
    document_sha256: str | None = None  # the input the decision was made on
    page: int | None = None  # 1-based, for a drawn rectangle
    rect: BBox | None = None
    exemption: str | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        if self.decision is Verdict.REVIEWED:
            if not self.document:
                raise ReviewError("marking a document reviewed needs the document")
            return
        if self.scope is Scope.BUNDLE:
            if not self.text:
                raise ReviewError("a decision for the whole bundle needs the text it is about")
            return
        if not self.document:
            raise ReviewError(f"a decision with scope {self.scope.value} needs the document")
        if self.scope is Scope.WHOLE:
            if self.decision is Verdict.WITHHOLD and not self.exemption:
                raise ReviewError("withholding a whole document needs its exemption")
            return
        if self.scope is Scope.DOCUMENT and not self.text:
            raise ReviewError("a decision for every occurrence in a document needs the text")
        if self.scope is Scope.BOX and not self.id and self.rect is None:
            raise ReviewError("a decision about one box needs its id, or a drawn rectangle")
        if self.rect is not None and (self.page is None or self.page < 1):
            raise ReviewError("a drawn rectangle needs its page (1-based)")
        if self.rect is not None and self.decision is not Verdict.WITHHOLD:
            raise ReviewError("a drawn rectangle can only withhold; release its id instead")

    @property
    def key(self) -> str | None:
        """The normalised text a document or bundle decision is about."""
        return normalise(self.text) if self.text else None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["decision"] = self.decision.value
        data["scope"] = self.scope.value
        data["rect"] = list(self.rect) if self.rect is not None else None
        return data

    @classmethod
    def from_json(cls, data: Any) -> ReviewRecord:
        if not isinstance(data, dict):
            raise ReviewError("a decision must be a JSON object")
        known = {f for f in cls.__dataclass_fields__}
        unknown = set(data) - known
        if unknown:
            raise ReviewError(f"unknown field(s) in a decision: {', '.join(sorted(unknown))}")
        try:
            rect = data.get("rect")
            return cls(
                decision=Verdict(data["decision"]),
                scope=Scope(data.get("scope") or Scope.BOX.value),
                reviewer=str(data.get("reviewer") or "unknown"),
                time=str(data.get("time") or now()),
                id=data.get("id") or None,
                text=data.get("text") or None,
                document=data.get("document") or None,
                document_sha256=data.get("document_sha256") or None,
                page=int(data["page"]) if data.get("page") is not None else None,
                rect=(float(rect[0]), float(rect[1]), float(rect[2]), float(rect[3])) if rect else None,
                exemption=data.get("exemption") or None,
                reason=str(data.get("reason") or ""),
            )
        except (KeyError, ValueError, TypeError, IndexError) as exc:
            raise ReviewError(f"a malformed decision ({exc!r}): {json.dumps(data)[:200]}") from exc


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def decisions_path(out: Path) -> Path:
    return out / "review" / DECISIONS_FILE


def read_records(out: Path) -> tuple[ReviewRecord, ...]:
    """Every decision in file order (the order they were made); none when there is no file."""
    path = decisions_path(out)
    if not path.is_file():
        return ()
    records: list[ReviewRecord] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ReviewError(f"cannot read {path}: {exc.strerror}") from exc
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ReviewError(f"{path}, line {n}: not JSON ({exc.msg})") from exc
        try:
            records.append(ReviewRecord.from_json(data))
        except ReviewError as exc:
            raise ReviewError(f"{path}, line {n}: {exc}") from exc
    return tuple(records)


def append_records(out: Path, records: Iterable[ReviewRecord]) -> int:
    """Append decisions to the file (created if missing), flushed to disk; returns how many."""
    path = decisions_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r.as_json(), ensure_ascii=False, sort_keys=True) + "\n" for r in records]
    with path.open("a", encoding="utf-8") as fh:
        fh.writelines(lines)
        fh.flush()
        os.fsync(fh.fileno())
    return len(lines)


def parse_lines(text: str, source: str) -> list[ReviewRecord]:
    """Decisions from JSON lines (an exported decisions file), or from a JSON array of them."""
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            items = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise ReviewError(f"{source}: not JSON ({exc.msg})") from exc
        return [ReviewRecord.from_json(i) for i in items]
    out: list[ReviewRecord] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            try:
                out.append(ReviewRecord.from_json(json.loads(line)))
            except (json.JSONDecodeError, ReviewError) as exc:
                raise ReviewError(f"{source}, line {n}: {exc}") from exc
    return out


@dataclass(frozen=True)
class DocumentReview:
    """What the reviewer decided about one document: a picklable view for its task.

    `records` are the decisions that apply to this document (its own, made on this input,
    and the bundle-wide ones), in the order they were made; `orphaned` those made on an
    earlier version of it, which are not applied.
    """

    relpath: str
    sha256: str
    records: tuple[ReviewRecord, ...] = ()
    orphaned: tuple[ReviewRecord, ...] = ()
    exemption: str = "s40(2)"  # for a withheld item the reviewer gave no code
    condition: str | None = "s40(3A)(a)"  # relied on with that exemption

    @property
    def reviewed(self) -> bool:
        return any(r.decision is Verdict.REVIEWED for r in self.records)

    @property
    def decisions(self) -> tuple[ReviewRecord, ...]:
        return tuple(r for r in self.records if r.decision is not Verdict.REVIEWED)

    @property
    def withheld_whole(self) -> ReviewRecord | None:
        """The decision withholding the whole document, unless a later one released it again."""
        last = None
        for r in self.records:
            if r.scope is Scope.WHOLE and r.document == self.relpath:
                last = r
        return last if last is not None and last.decision is Verdict.WITHHOLD else None

    @property
    def fingerprint(self) -> str:
        """Changes whenever a decision that applies to this document is made."""
        if not self.decisions:
            return ""
        payload = json.dumps([r.as_json() for r in self.decisions], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReviewBook:
    """Every decision of a batch, read once per run, from which each document gets its view."""

    records: tuple[ReviewRecord, ...] = ()
    exemption: str = "s40(2)"
    condition: str | None = "s40(3A)(a)"

    @classmethod
    def load(cls, out: Path, exemption: str = "s40(2)", condition: str | None = "s40(3A)(a)") -> ReviewBook:
        return cls.of(read_records(out), exemption, condition)

    @classmethod
    def of(
        cls, records: Sequence[ReviewRecord], exemption: str = "s40(2)", condition: str | None = "s40(3A)(a)"
    ) -> ReviewBook:
        return cls(tuple(records), exemption, condition)

    def family(self, relpath: str) -> ReviewBook:
        """The decisions a document's task needs: its own, its attachments' and the bundle's."""
        own = tuple(
            r
            for r in self.records
            if r.scope is Scope.BUNDLE or r.document == relpath or (r.document or "").startswith(relpath + "#")
        )
        return ReviewBook(own, self.exemption, self.condition)

    def view(self, relpath: str, sha256: str) -> DocumentReview:
        applies: list[ReviewRecord] = []
        orphaned: list[ReviewRecord] = []
        for r in self.records:
            if r.scope is Scope.BUNDLE and r.decision is not Verdict.REVIEWED:
                applies.append(r)  # about a text, wherever it is: never orphaned
            elif r.document == relpath:
                if r.document_sha256 and r.document_sha256 != sha256:
                    orphaned.append(r)
                else:
                    applies.append(r)
        return DocumentReview(relpath, sha256, tuple(applies), tuple(orphaned), self.exemption, self.condition)
