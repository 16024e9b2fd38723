"""Publish: move released documents into place and write the logs, the summary and the annex.

The output folder keeps what may be sent apart from what must not:

    OUT/released/   the redacted documents, mirroring the inbox (send this folder)
    OUT/annex.md    the release-safe annex explaining the exemption (send this too)
    OUT/logs/       internal: one justification log per document, and summary.json
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import platform
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from typing import Any

from redactor import __version__
from redactor.config import LoadedConfig
from redactor.errors import ConfigError
from redactor.publish.annex import render_annex
from redactor.types import Action, Decision, DocumentResult, Status

LOG_VERSION = 1
MARKER = ".redactor-output"
INTERNAL_NOTICE = (
    "INTERNAL DOCUMENT - NOT FOR RELEASE. This log contains the text that was redacted, "
    "so that the decisions can be reviewed. Send only the released/ folder and annex.md."
)


@dataclass(frozen=True)
class Layout:
    root: Path

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
    def create(cls, root: Path) -> Layout:
        """Create OUT, refusing a non-empty folder that is not an earlier redactor output."""
        if root.exists():
            if not root.is_dir():
                raise ConfigError(f"the output path {root} exists and is not a folder")
            if any(root.iterdir()) and not (root / MARKER).exists():
                raise ConfigError(
                    f"the output folder {root} is not empty and was not written by redactor; "
                    "choose an empty or new folder"
                )
        layout = cls(root)
        for folder in (root, layout.released, layout.logs):
            folder.mkdir(parents=True, exist_ok=True)
        (root / MARKER).write_text("This folder is written by redactor.\n", encoding="utf-8")
        return layout

    def released_path(self, output_relpath: str) -> Path:
        return self.released.joinpath(*PurePosixPath(output_relpath).parts)

    def log_path(self, relpath: str) -> Path:
        return self.logs.joinpath(*PurePosixPath(relpath).parts).with_name(PurePosixPath(relpath).name + ".json")


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
        # The reviewer's decisions applied (redactor.review), and the configuration they were
        # applied with: a later run redoes the document only when either changes.
        "review": {"fingerprint": result.review_fingerprint or None, "configuration": loaded.sha256},
    }


def publish(layout: Layout, result: DocumentResult, loaded: LoadedConfig) -> DocumentResult:
    """Move a released document into place (atomically) and write its log.

    A document that is not released has no file in released/, including one left there by an
    earlier run, so that the release folder only ever holds documents that passed this run.
    """
    output_sha = None
    if result.status is Status.RELEASED and result.work_output and result.output_relpath:
        target = layout.released_path(result.output_relpath)
        target.parent.mkdir(parents=True, exist_ok=True)
        output_sha = sha256_file(Path(result.work_output))
        Path(result.work_output).replace(target)
    elif result.output_relpath:
        layout.released_path(result.output_relpath).unlink(missing_ok=True)
    log = document_log(result, loaded, output_sha)
    write_atomic(layout.log_path(result.relpath), json.dumps(log, indent=2, ensure_ascii=False) + "\n")
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
        if "#" in r.relpath:  # an attachment: its parent's name covers it
            continue
        own = layout.released_path(str(PurePosixPath(r.relpath).with_suffix(".pdf")))
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
                "log": layout.log_path(r.relpath).relative_to(layout.root).as_posix(),
                "redactions": sum(1 for d in r.decisions if d.action is Action.REDACT),
                "kept": sum(1 for d in r.decisions if d.action is Action.KEEP),
            }
            for r in results
        ],
    }
    write_atomic(layout.summary, json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    write_atomic(layout.annex, render_annex(results, loaded.config.policy))
