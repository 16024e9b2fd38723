"""Verify: the pre-release checks, in two profiles over one set of detectors.

`OWN_OUTPUT` is what `redact` runs on each of its outputs before releasing it (`verify_output`):
structure strictly (anything sanitising should have removed fails), the values that were
redacted searched for in the text layer and the content streams, and the page-content
detectors with rendering only where geometry makes something suspect. `ANY_PDF` is `redact
check` (`check_file`): structure as it can disclose, every page rendered, and optionally the
personal-data detection of `redact`. A document with a FAIL finding is not released.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pymupdf

from redactor.config import OcrConfig
from redactor.errors import DocumentError
from redactor.types import Action, CheckFinding, Decision, Severity
from redactor.verify.codes import Code, LeakFinding, finding
from redactor.verify.drawn import drawn_findings
from redactor.verify.page import page_findings
from redactor.verify.personal import PersonalDataScanner, released_items
from redactor.verify.residual import check_residual, stream_strings
from redactor.verify.structure import structure_findings

__all__ = [
    "ANY_PDF",
    "OWN_OUTPUT",
    "FileReport",
    "PersonalDataScanner",
    "Profile",
    "check_file",
    "collect_pdfs",
    "find_log",
    "inspect",
    "stream_strings",
    "verify_output",
]


@dataclass(frozen=True)
class Profile:
    """Which detectors run, and how strictly."""

    name: str
    strict: bool  # structure: anything that survived sanitising fails, warnings included
    render_all: bool  # confirm every character by rendering, not only the suspect ones
    geometry: bool  # warn about boxes fitted to the gap (ours are, by design)


OWN_OUTPUT = Profile("own output", strict=True, render_all=False, geometry=False)
ANY_PDF = Profile("any PDF", strict=False, render_all=True, geometry=True)


def inspect(doc: pymupdf.Document, data: bytes, profile: Profile) -> list[LeakFinding]:
    """The structure and page-content findings of one open document under a profile."""
    # On our outputs the structure should be empty: whatever is left is a failure.
    out = own_structure(doc, data) if profile.strict else structure_findings(doc, data, False)
    for page in doc:
        out.extend(page_findings(page, data, full=profile.render_all, geometry=profile.geometry))
    return out


def own_structure(doc: pymupdf.Document, data: bytes) -> list[LeakFinding]:
    """The structure findings of one of our outputs (a joined document's, for one)."""
    return [_escalate(f) for f in structure_findings(doc, data, True)]


def _escalate(f: LeakFinding) -> LeakFinding:
    if f.severity is Severity.FAIL:
        return f
    return LeakFinding(f.code, Severity.FAIL, f.message, f.page, f.rect)


def verify_output(path: Path, decisions: Sequence[Decision]) -> list[CheckFinding]:
    """Run every pre-release check on one of our redacted outputs."""
    data = path.read_bytes()
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        findings: list[CheckFinding] = list(inspect(doc, data, OWN_OUTPUT))
        findings.extend(
            check_residual(
                doc,
                (d.finding.text for d in decisions if d.action is Action.REDACT),
                (d.finding.text for d in decisions if d.action is Action.KEEP),
            )
        )
        return findings
    finally:
        doc.close()


# ---------------------------------------------------------------------------------------------
# `redact check`: any PDF, ours or anyone's


@dataclass(frozen=True)
class FileReport:
    """The verdict on one file: it passes when no finding is a FAIL."""

    path: str
    findings: tuple[CheckFinding, ...] = ()
    log: str | None = None  # the justification log whose "keep" decisions were honoured

    @property
    def passed(self) -> bool:
        return not any(f.severity is Severity.FAIL for f in self.findings)

    @property
    def verdict(self) -> str:
        if not self.passed:
            return "fail"
        return "warn" if self.findings else "pass"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "verdict": self.verdict,
            "log": self.log,
            "findings": [
                {
                    "code": f.code,
                    "severity": f.severity.value,
                    "page": None if f.page is None else f.page + 1,
                    "rect": list(getattr(f, "rect", None) or []) or None,
                    "message": f.message,
                }
                for f in self.findings
            ],
        }


def find_log(path: Path) -> Path | None:
    """Where `redact` put the justification log of a released file: OUT/released/x.pdf -> OUT/logs/x.pdf.json."""
    resolved = path.resolve()
    for parent in resolved.parents:
        if parent.name != "released":
            continue
        out = parent.parent
        rel = resolved.relative_to(parent).as_posix()
        summary = out / "logs" / "summary.json"
        if summary.is_file():
            try:
                documents = json.loads(summary.read_text(encoding="utf-8")).get("documents", [])
            except (OSError, ValueError):
                documents = []
            for entry in documents:
                if entry.get("output") == f"released/{rel}" and entry.get("log"):
                    return out / str(entry["log"])
        candidate = out / "logs" / (rel + ".json")
        return candidate if candidate.is_file() else None
    return None


def _unreadable(path: Path, reason: str) -> FileReport:
    return FileReport(str(path), (finding(Code.UNREADABLE, reason),))


def check_file(
    path: Path, scanner: PersonalDataScanner | None = None, log: Path | None = None, ocr_cfg: OcrConfig | None = None
) -> FileReport:
    """Every check on one PDF. An unreadable file is a failed file, with the reason.

    Pages whose text layer may not say what is drawn are compared with OCR (`ocr_cfg`, the
    shipped settings when None).
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        return _unreadable(path, f"cannot be read: {exc}")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except (RuntimeError, ValueError) as exc:
        return _unreadable(path, f"not a PDF that can be opened ({exc}); it cannot be checked")
    try:
        if doc.needs_pass:
            return _unreadable(path, "the PDF is encrypted and needs a password; it cannot be checked")
        log = log or find_log(path)
        findings: list[CheckFinding] = list(inspect(doc, data, ANY_PDF))
        findings.extend(drawn_findings(doc, ocr_cfg or OcrConfig(), ours=log is not None))
    except (RuntimeError, ValueError) as exc:
        return _unreadable(path, f"the PDF breaks while it is checked ({exc})")
    finally:
        doc.close()
    if scanner is not None:
        released = released_items(log) if log else set()
        try:
            findings.extend(scanner.scan(path, released, reviewed=log is not None))
        except DocumentError as exc:
            findings.append(finding(Code.NOT_CHECKED, f"personal data not checked: {exc}"))
    order = {Severity.FAIL: 0, Severity.WARN: 1}
    findings.sort(key=lambda f: (order[f.severity], -1 if f.page is None else f.page, f.code))
    return FileReport(str(path), tuple(findings), str(log) if log else None)


def collect_pdfs(paths: Sequence[Path]) -> list[Path]:
    """The PDFs named, and those under the folders named (hidden files skipped), in a stable order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file()
                and p.suffix.lower() == ".pdf"
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            out.append(path)
    return out
