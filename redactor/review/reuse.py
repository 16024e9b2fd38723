"""Redo only what changed: reuse a document's output from the last run while nothing it depends on moved.

A document whose input, decisions and configuration are as at the last run, and whose
released file and log are still there, is taken from that run.

The key covers the input's sha256, the reviewer's decisions that apply to it, the
configuration, the requester's names and the tool's, model's and libraries' versions. Only a released document without
attachments is reused; anything else is simply run again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from redactor import __version__
from redactor.config import LoadedConfig
from redactor.publish.outputs import Layout, environment, sha256_file
from redactor.types import Action, CheckFinding, Decision, DocumentResult, Finding, Severity, Status


def run_key(loaded: LoadedConfig, requester: Sequence[str]) -> str:
    """What every document of a run depends on: tool, model and library versions, configuration, requester."""
    payload = json.dumps([__version__, environment(loaded), sorted(requester)], sort_keys=True)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def redo_key(input_sha256: str, review_fingerprint: str, run: str) -> str:
    """What one document's output depends on: its input, the decisions about it, and the run's key."""
    return hashlib.sha256(f"{input_sha256}\x00{review_fingerprint}\x00{run}".encode()).hexdigest()


def _decision(item: dict[str, Any]) -> Decision:
    page = int(item["page"]) - 1
    # The character span is not logged; an empty span is never used again (the output exists).
    finding = Finding(
        page, 0, 0, item["entity_type"], item["text"], float(item["score"]), item["recognizer"], item["explanation"]
    )
    return Decision(
        id=item["id"],
        finding=finding,
        action=Action(item["decision"]),
        category=item["category"],
        reason=item["reason"],
        exemption=item.get("exemption"),
        condition=item.get("condition"),
        rects=tuple((r[0], r[1], r[2], r[3]) for r in item.get("rects", [])),
        origin=item.get("origin") or "proposed",
        reviewer=item.get("reviewer"),
        review_reason=item.get("review_reason"),
        flag=item.get("flag"),
    )


def reused_result(
    layout: Layout, relpath: str, output_relpath: str, key: str, work_output: Path
) -> DocumentResult | None:
    """The last run's result for this document, its released file copied to `work_output`, if still valid."""
    log_path = layout.log_path(relpath)
    try:
        log = json.loads(log_path.read_text(encoding="utf-8"))
        doc = log["document"]
        if (
            log.get("status") != Status.RELEASED.value
            or (log.get("review") or {}).get("redo_key") != key
            or log.get("attachments")
            or doc.get("output") != f"released/{output_relpath}"
        ):
            return None
        released = layout.released_path(output_relpath)
        if not released.is_file() or sha256_file(released) != doc.get("output_sha256"):
            return None
        decisions = tuple(_decision(i) for i in [*log["redactions"], *log["kept"]])
        checks = tuple(
            CheckFinding(c["code"], Severity(c["severity"]), c["message"], None if c["page"] is None else c["page"] - 1)
            for c in log.get("checks", [])
        )
        shutil.copyfile(released, work_output)
    except (OSError, ValueError, KeyError, TypeError):
        return None  # anything unexpected: run the document again
    return DocumentResult(
        relpath=relpath,
        status=Status.RELEASED,
        input_sha256=doc["input_sha256"],
        work_output=str(work_output),
        output_relpath=output_relpath,
        pages=int(doc.get("pages") or 0),
        decisions=tuple(sorted(decisions, key=lambda d: (d.finding.page, d.id))),
        checks=checks,
        warnings=tuple(log.get("warnings", [])),
        seconds={"reused": 0.0},
        ocr_pages=tuple((p["page"], p["confidence"]) for p in log.get("ocr_pages", [])),
        review_fingerprint=(log.get("review") or {}).get("fingerprint") or "",
        redo_key=key,
    )
