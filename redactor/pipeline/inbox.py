"""What the inbox holds: every entry accounted for, whatever the file system puts there.

Documents are read; everything else (other file types, hidden files, links that lead out of the
inbox or nowhere, pipes and devices, folders that cannot be read) is listed with the reason it
was not, so that nothing is silently skipped and nothing outside the inbox is ever released.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path, PurePosixPath

from redactor.ingest import emails

SUPPORTED_SUFFIXES = frozenset({".pdf", *emails.EMAIL_SUFFIXES})


class EntryKind(StrEnum):
    DOCUMENT = "document"  # to be processed
    UNSUPPORTED = "unsupported"  # a file type we do not read: needs review
    NOT_READ = "not-read"  # a link, pipe, device or unreadable folder: needs review
    HIDDEN = "hidden"  # skipped


@dataclass(frozen=True)
class InboxEntry:
    relpath: str  # as shown in the summary and logs (always valid UTF-8)
    source: Path  # where to read it
    kind: EntryKind
    reason: str = ""


def display_name(name: str) -> str:
    """A file name as valid UTF-8: bytes that are not UTF-8 become U+FFFD, so logs and JSON can hold it."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def scan_inbox(inbox: Path) -> list[InboxEntry]:
    """Every entry under `inbox` (a folder, or a single file), sorted by relative path."""
    if not inbox.is_dir():
        return [_classify(inbox, inbox.parent.resolve(), PurePosixPath(display_name(inbox.name)))]
    entries: list[InboxEntry] = []
    _walk(inbox, inbox.resolve(), PurePosixPath(), entries)
    return sorted(entries, key=lambda e: e.relpath)


def _walk(folder: Path, root: Path, rel: PurePosixPath, entries: list[InboxEntry]) -> None:
    try:
        children = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        where = rel.as_posix() or "."
        entries.append(
            InboxEntry(
                where + "/",
                folder,
                EntryKind.NOT_READ,
                f"a folder that cannot be read ({exc.strerror}): its files were not processed; "
                "make it readable and run again",
            )
        )
        return
    for child in children:
        child_rel = rel / display_name(child.name)
        path = Path(child.path)
        if child.is_dir(follow_symlinks=False):
            _walk(path, root, child_rel, entries)
        else:
            entries.append(_classify(path, root, child_rel))


def _classify(path: Path, root: Path, rel: PurePosixPath) -> InboxEntry:
    relpath = rel.as_posix()
    if any(part.startswith(".") for part in rel.parts):
        return InboxEntry(relpath, path, EntryKind.HIDDEN, "a hidden file: not processed and not released")

    def not_read(why: str) -> InboxEntry:
        return InboxEntry(relpath, path, EntryKind.NOT_READ, f"{why}: not processed; review it by hand")

    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return not_read("a link to nothing (its target is missing)")
        if target.is_dir():
            return not_read("a link to a folder, which is not followed")
        if target != root and root not in target.parents:
            return not_read("a link to a file outside the inbox, which is not followed")
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return not_read(f"a file that cannot be examined ({exc.strerror})")
    if not stat.S_ISREG(mode):
        return not_read("not a regular file (a pipe, socket or device)")
    suffix = rel.suffix.lower()
    if suffix in SUPPORTED_SUFFIXES or (suffix == "" and emails.looks_like_email(path)):
        return InboxEntry(relpath, path, EntryKind.DOCUMENT)
    return InboxEntry(
        relpath,
        path,
        EntryKind.UNSUPPORTED,
        "not a supported document type (PDF, .eml, .msg): not processed; review it by hand",
    )


def output_relpaths(documents: list[str]) -> dict[str, str]:
    """Where each document is released: one name each, never shared, never a folder's name.

    A PDF keeps its path and an e-mail becomes `<stem>.pdf`, unless that name is taken: then
    `mail.eml` beside `mail.pdf` becomes `mail.eml.pdf` (and `a.PDF` beside `a.pdf`, `a.PDF.pdf`),
    and a name still taken gets a number (`mail (2).pdf`). Names are compared case-insensitively, for
    case-insensitive file systems, and a name that another output needs as a folder is not used.
    """
    folders = {p.lower() for rel in documents for p in _parents(rel)}
    taken: set[str] = set()
    plan: dict[str, str] = {}

    # A file already named `*.pdf` first, then other PDFs, so a PDF keeps its own name if it can.
    def priority(rel: str) -> tuple[int, str]:
        suffix = PurePosixPath(rel).suffix
        return (0 if suffix == ".pdf" else 1 if suffix.lower() == ".pdf" else 2, rel)

    for rel in sorted(documents, key=priority):
        path = PurePosixPath(rel)
        candidates = [str(path.with_suffix(".pdf")), rel + ".pdf"]
        name = next((c for c in candidates if c.lower() not in taken | folders), None)
        n = 2
        while name is None or name.lower() in taken | folders:
            name = str(path.with_name(f"{path.stem} ({n}).pdf"))
            n += 1
        taken.add(name.lower())
        plan[rel] = name
    return plan


def _parents(relpath: str) -> list[str]:
    parts = PurePosixPath(relpath).parts[:-1]
    return ["/".join(parts[: i + 1]) for i in range(len(parts))]
