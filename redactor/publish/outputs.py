"""Publish: move released documents into place and write the logs, the summary and the annex.

The output folder keeps what may be sent apart from what must not:

    OUT/released/   the redacted documents, mirroring the inbox (send this folder)
    OUT/annex.md    the release-safe annex explaining the exemption (send this too)
    OUT/logs/       internal: one justification log per document, and summary.json
"""

from __future__ import annotations

import fcntl
import glob
import hashlib
import json
import os
import platform
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from typing import Any

from redactor import __version__
from redactor.config import LoadedConfig
from redactor.errors import ExitCode, RedactorError
from redactor.publish.annex import annex_from_outputs
from redactor.respond.library import library_for
from redactor.types import Action, Decision, DocumentResult, Status

LOG_VERSION = 1
MARKER = ".redactor-output"
LOCK = ".redactor-lock"
INTERNAL_NOTICE = (
    "INTERNAL DOCUMENT - NOT FOR RELEASE. This log contains the text that was redacted, "
    "so that the decisions can be reviewed. Send only the released/ folder and annex.md."
)


class OutputError(RedactorError):
    """The output folder cannot be written (full, read-only, or in use by another run)."""

    exit_code = ExitCode.USAGE


@dataclass
class Layout:
    """Where everything in OUT goes; the one place that names output files."""

    root: Path
    # relpath -> log path under logs/, planned so that no two documents share a log (see `log_path`)
    _logs: dict[str, str] = field(default_factory=dict)
    _folders: set[str] = field(default_factory=set)

    @property
    def released(self) -> Path:
        return self.root / "released"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def annex(self) -> Path:
        return self.root / "annex.md"

    @property
    def summary(self) -> Path:
        return self.logs / "summary.json"

    @classmethod
    def create(cls, root: Path, inbox: Path | None = None) -> Layout:
        """Create OUT, refusing a folder that is not ours or that holds another inbox's output."""
        if root.exists():
            if not root.is_dir():
                raise OutputError(f"the output path {root} exists and is not a folder")
            if any(root.iterdir()) and not (root / MARKER).exists():
                raise OutputError(
                    f"the output folder {root} is not empty and was not written by redactor; "
                    "choose an empty or new folder"
                )
        layout = cls(root)
        marker = root / MARKER
        try:
            for folder in (root, layout.released, layout.logs):
                folder.mkdir(parents=True, exist_ok=True)
            previous = _marker_inbox(marker)
            if inbox is not None and previous is not None and previous != str(inbox.resolve()):
                raise OutputError(
                    f"the output folder {root} holds the output of another inbox ({previous}); "
                    "choose a new output folder for this inbox, so that neither summary loses documents"
                )
            if inbox is not None and previous is None:
                write_atomic(marker, f"This folder is written by redactor.\ninbox: {inbox.resolve()}\n")
        except OSError as exc:
            raise OutputError(f"the output folder {root} cannot be written ({exc.strerror}); choose another") from exc
        return layout

    def plan_logs(self, relpaths: list[str]) -> None:
        """Reserve the folders the logs of these inputs need, so no log takes a folder's name."""
        for rel in relpaths:
            parts = PurePosixPath(rel).parts[:-1]
            self._folders.update("/".join(parts[: i + 1]).lower() for i in range(len(parts)))

    def released_path(self, output_relpath: str) -> Path:
        return self.released.joinpath(*PurePosixPath(output_relpath).parts)

    def log_relpath(self, relpath: str) -> str:
        """`<relpath>.json`, unless another input's log or folder has that name (then numbered)."""
        if relpath not in self._logs:
            taken = {v.lower() for v in self._logs.values()} | self._folders
            name, n = relpath + ".json", 2
            while name.lower() in taken:
                name, n = f"{relpath} ({n}).json", n + 1
            self._logs[relpath] = name
        return self._logs[relpath]

    def log_path(self, relpath: str) -> Path:
        return self.logs.joinpath(*PurePosixPath(self.log_relpath(relpath)).parts)


def _marker_inbox(marker: Path) -> str | None:
    try:
        text = marker.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return next((line[len("inbox: ") :] for line in text.splitlines() if line.startswith("inbox: ")), None)


@contextmanager
def locked(layout: Layout) -> Iterator[None]:
    """Hold OUT for this run: a second run into the same folder stops at once with a clear message."""
    lock_file = layout.root / LOCK
    try:
        fh = lock_file.open("a+")
    except OSError as exc:
        raise OutputError(f"the output folder {layout.root} cannot be written ({exc.strerror})") from exc
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise OutputError(
                f"another redact run is writing to {layout.root}; wait for it to finish, or choose another folder"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def clean_interrupted(layout: Layout) -> None:
    """Remove what an interrupted run left: work folders, half-written temporary files, unlogged releases."""
    for work in layout.root.glob(".work-*"):
        shutil.rmtree(work, ignore_errors=True)
    for folder in (layout.logs, layout.released):
        for tmp in folder.rglob(".tmp-*"):
            tmp.unlink(missing_ok=True)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _dist_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def environment(loaded: LoadedConfig) -> dict[str, Any]:
    package = loaded.config.nlp.package
    return {
        "tool": {"name": "redactor", "version": __version__},
        "model": {"spacy_package": package, "package_version": _dist_version(package.replace("_", "-"))},
        "libraries": {
            name: _dist_version(name) for name in ("spacy", "presidio-analyzer", "presidio-anonymizer", "pymupdf")
        },
        "python": platform.python_version(),
        "configuration": {"sha256": loaded.sha256, "files": list(loaded.sources)},
    }


def decision_record(d: Decision) -> dict[str, Any]:
    f = d.finding
    return {
        "id": d.id,
        "page": f.page + 1,
        "rects": [[round(v, 2) for v in r] for r in d.rects],
        "entity_type": f.entity_type,
        "text": f.text,
        "score": f.score,
        "recognizer": f.recognizer,
        "explanation": f.explanation,
        "decision": d.action.value,
        "exemption": d.exemption,
        "condition": d.condition,
        "category": d.category,
        "reason": d.reason,
        "origin": d.origin,
        "reviewer": d.reviewer,
        "review_reason": d.review_reason,
        "flag": d.flag,  # what a reviewer must confirm
    }


def document_log(result: DocumentResult, loaded: LoadedConfig, output_sha256: str | None) -> dict[str, Any]:
    policy = loaded.config.policy
    return {
        "log_version": LOG_VERSION,
        "notice": INTERNAL_NOTICE,
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        "document": {
            "input": result.relpath,
            "attachment_name": result.attachment_name,
            "input_sha256": result.input_sha256 or None,
            "output": f"released/{result.output_relpath}" if output_sha256 else None,
            "output_sha256": output_sha256,
            "pages": result.pages,
        },
        "status": result.status.value,
        "reason": result.reason or None,
        "withheld": result.withheld,  # withheld in full: the exemption, reason, reviewer and time
        "warnings": list(result.warnings),
        "ocr_pages": [{"page": p, "confidence": c} for p, c in result.ocr_pages],
        **environment(loaded),
        "legal_basis": {
            "exemption": policy.exemption,
            "condition": policy.condition,
            "condition_text": "disclosure to a member of the public would contravene a data protection "
            "principle: UK GDPR Article 5(1)(a), lawfulness, fairness and transparency",
            "requester_exemption": policy.requester_exemption,
        },
        "redactions": [decision_record(d) for d in result.decisions if d.action is Action.REDACT],
        "kept": [decision_record(d) for d in result.decisions if d.action is Action.KEEP],
        "checks": [
            {
                "code": c.code,
                "severity": c.severity.value,
                "page": None if c.page is None else c.page + 1,
                "message": c.message,
            }
            for c in result.checks
        ],
        # An e-mail's attachments: each is a document with its own log; this says what became of it.
        "attachments": [
            {
                "name": a.attachment_name,
                "input": a.relpath,
                "status": a.status.value,
                "reason": a.reason or None,
                "output": f"released/{a.output_relpath}" if a.status is Status.RELEASED else None,
            }
            for a in result.attachments
        ],
        "seconds": result.seconds,
        # The reviewer's decisions applied (redactor.review), and the key of everything the
        # output depends on: a later run reuses the output while the key is the same.
        "review": {"fingerprint": result.review_fingerprint or None, "redo_key": result.redo_key or None},
    }


def publish(layout: Layout, result: DocumentResult, loaded: LoadedConfig) -> DocumentResult:
    """Move a released document into place (atomically) and write its log.

    A document that is not released has no file in released/, including one left there by an
    earlier run, so that the release folder only ever holds documents that passed this run.
    """
    released = result.status is Status.RELEASED and result.work_output and result.output_relpath
    output_sha = sha256_file(Path(result.work_output)) if released and result.work_output else None
    log = document_log(result, loaded, output_sha)
    try:
        # The log goes first: a run stopped between the two leaves a log without its file (the
        # re-run redoes it), never a released file without its log.
        write_atomic(layout.log_path(result.relpath), json.dumps(log, indent=2, ensure_ascii=False) + "\n")
        if released and result.work_output and result.output_relpath:
            target = layout.released_path(result.output_relpath)
            target.parent.mkdir(parents=True, exist_ok=True)
            Path(result.work_output).replace(target)
        elif result.output_relpath:
            layout.released_path(result.output_relpath).unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot write the output of {result.relpath} into {layout.root} ({exc.strerror}); "
            "free some space or choose another output folder, then run again"
        ) from exc
    return result


def remove_stale(layout: Layout, results: list[DocumentResult]) -> list[Path]:
    """Remove released files an earlier run made from this run's inputs that this run did not.

    An e-mail that fails now must not leave the attachments an earlier run released beside it.
    Only names derived from this run's inputs are touched: a file's own PDF name, and the
    `<stem>.attachment-N...pdf` names of its attachments.
    """
    produced = {
        layout.released_path(r.output_relpath) for r in results if r.status is Status.RELEASED and r.output_relpath
    }
    removed: list[Path] = []
    for r in results:
        if r.attachment_name is not None or not r.output_relpath:  # an attachment: its parent's name covers it
            continue
        own = layout.released_path(r.output_relpath)
        candidates = [own, *own.parent.glob(glob.escape(own.stem) + ".attachment-*.pdf")]
        for path in candidates:
            if path not in produced and path.is_file():
                path.unlink()
                removed.append(path)
    return removed


def write_batch_files(layout: Layout, results: list[DocumentResult], loaded: LoadedConfig, seconds: float) -> None:
    counts = {s.value: sum(1 for r in results if r.status is s) for s in Status}
    summary = {
        "log_version": LOG_VERSION,
        "notice": INTERNAL_NOTICE,
        "written": datetime.now(UTC).isoformat(timespec="seconds"),
        **environment(loaded),
        "counts": counts,
        "pages": sum(r.pages for r in results),
        "seconds": round(seconds, 3),
        "documents": [
            {
                "input": r.relpath,
                "status": r.status.value,
                "reason": r.reason or None,
                "output": f"released/{r.output_relpath}" if r.status is Status.RELEASED else None,
                "exemption": r.withheld["exemption"] if r.withheld else None,
                "log": layout.log_path(r.relpath).relative_to(layout.root).as_posix(),
                "redactions": sum(1 for d in r.decisions if d.action is Action.REDACT),
                "kept": sum(1 for d in r.decisions if d.action is Action.KEEP),
            }
            for r in results
        ],
    }
    write_atomic(layout.summary, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    # The annex is read back from the logs just written, so it says what was decided (documents
    # withheld in full too) and the public interest tests recorded so far.
    library = library_for(layout.root)
    write_atomic(layout.annex, annex_from_outputs(layout.root, library, condition=loaded.config.policy.condition))
