"""Verify: pre-release checks on a redacted PDF. A document that fails one is not released.

Each check is a small function that returns CheckFindings; `verify_output` runs them all on
one of our own outputs, with the values that were redacted so it can prove they are gone, plus
the generic page-content leak detectors of `redactor.leaks` (geometry first; a page is rendered
only when something on it looks hidden). `check_file` is `redact check`: the generic detectors
on any PDF, with every page rendered, and optionally the personal-data detection of `redact`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pymupdf

from redactor.decide.propagation import case_compatible
from redactor.errors import ConfigError, DocumentError
from redactor.ingest.pdf import ZERO_WIDTH
from redactor.types import Action, CheckFinding, Decision, Severity
from redactor.verify import leaks

if TYPE_CHECKING:
    from redactor.config import LoadedConfig

# Redacted values shorter than this are not searched for: "Li" would match everywhere.
MIN_SEARCH_LEN = 3
# Content-stream search only for values long enough that a byte match is meaningful.
MIN_STREAM_LEN = 4

Check = Callable[[pymupdf.Document, bytes], list[CheckFinding]]


def _fail(code: str, message: str, page: int | None = None) -> CheckFinding:
    return CheckFinding(code=code, severity=Severity.FAIL, message=message, page=page)


def check_metadata(doc: pymupdf.Document, data: bytes) -> list[CheckFinding]:
    meta = doc.metadata or {}
    filled = sorted(k for k, v in meta.items() if v and k not in ("format", "encryption"))
    out = [_fail("metadata", f"document information fields are not empty: {', '.join(filled)}")] if filled else []
    if doc.get_xml_metadata().strip():
        out.append(_fail("xmp", "the document carries XMP metadata"))
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Type") == ("name", "/Metadata") and doc.xref_is_stream(xref):
            out.append(_fail("xmp", f"an XMP metadata stream survives in object {xref}"))
            break
    return out


def check_annotations(doc: pymupdf.Document, data: bytes) -> list[CheckFinding]:
    out: list[CheckFinding] = []
    for page in doc:
        n = page.number or 0
        if page.first_annot is not None:
            out.append(_fail("annotations", "the page has annotations (comments, unapplied redactions...)", n))
        if page.first_widget is not None:
            out.append(_fail("form-fields", "the page has form fields", n))
        if page.get_links():
            out.append(_fail("links", "the page has links (their targets can hold e-mail addresses)", n))
    return out


def check_attachments(doc: pymupdf.Document, data: bytes) -> list[CheckFinding]:
    count = doc.embfile_count()
    return [_fail("embedded-files", f"{count} embedded file(s)")] if count else []


def check_scripts_and_layers(doc: pymupdf.Document, data: bytes) -> list[CheckFinding]:
    out: list[CheckFinding] = []
    for xref in range(1, doc.xref_length()):
        source = doc.xref_object(xref, compressed=True)
        if "/JavaScript" in source or "/JS" in source.split():
            out.append(_fail("javascript", f"JavaScript in object {xref}"))
            break
    if doc.get_ocgs():
        out.append(_fail("layers", "optional-content layers survive (content can be hidden in them)"))
    if doc.get_toc(simple=True):
        out.append(_fail("outline", "bookmarks survive (they can hold names)"))
    return out


def check_revisions(doc: pymupdf.Document, data: bytes) -> list[CheckFinding]:
    count = len(re.findall(rb"startxref\s", data))
    if count > 1:
        return [_fail("revisions", f"the file has {count} revisions: earlier versions survive an incremental save")]
    return []


STRUCTURE_CHECKS: tuple[Check, ...] = (
    check_metadata,
    check_annotations,
    check_attachments,
    check_scripts_and_layers,
    check_revisions,
)


def _alternation(values: Iterable[str], separator: str) -> str:
    """One regex alternative per value (blanks matching `separator`), merged into a character trie.

    A long document redacts thousands of values; as a plain alternation each would be tried at
    every position of every page, as a trie each character is tried once. Longer values win,
    as the first of a longest-first alternation would.
    """
    trie: dict[str, Any] = {}
    for value in values:
        node = trie
        for ch in " ".join(value.split()):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        branches = [(separator if ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(node) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body

    return emit(trie)


def check_residual(doc: pymupdf.Document, redacted: Iterable[str], kept: Iterable[str]) -> list[CheckFinding]:
    """Every redacted value must be gone from the text layer and from the content streams."""
    kept_keys = {" ".join(k.split()).casefold() for k in kept}
    values = {
        v.casefold(): v
        for v in (" ".join(r.split()) for r in redacted)
        if len(v) >= MIN_SEARCH_LEN and v.casefold() not in kept_keys
    }
    if not values:
        return []
    out: list[CheckFinding] = []
    in_text = re.compile(r"(?<!\w)(?:" + _alternation(values.values(), r"\s+") + r")(?!\w)", re.IGNORECASE)
    reported: set[str] = set()
    for page in doc:
        text = "".join(c for c in page.get_text("text") if c not in ZERO_WIDTH)  # no hiding in between
        for m in in_text.finditer(text):
            value = values.get(" ".join(m.group(0).split()).casefold())
            if value is not None and value not in reported and case_compatible(value, m.group(0)):
                reported.add(value)
                message = f"a redacted item ({len(value)} characters) is still in the text layer"
                out.append(_fail("residual-text", message, page.number))
    long_values = [v for v in values.values() if len(v) >= MIN_STREAM_LEN]
    if long_values:
        # Case-sensitive, and words may run together (TJ arrays space words by offsets), but a
        # match must not continue into a lower-case letter ("Jones" is not in "Jonesborough").
        in_stream = re.compile(r"(?<![a-z])(?:" + _alternation(long_values, r"\s*") + r")(?![a-z])")
        found = {m.group(0) for s in _content_streams(doc) for m in in_stream.finditer(s)}
        for text in sorted(found):
            message = f"a redacted item ({len(text)} characters) is still in a content stream"
            out.append(_fail("residual-stream", message))
    return out


_STRING = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>(?!>)", re.DOTALL)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(m: re.Match[bytes]) -> bytes:
    code = m.group(1)
    if code[:1] in b"01234567":
        return bytes([int(code, 8) & 0xFF])
    return _ESCAPES.get(code, code)


def _decode_string(token: bytes) -> bytes:
    if token.startswith(b"<"):
        digits = re.sub(rb"\s", b"", token[1:-1])
        return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))
    body = token[1:-1]
    return re.sub(rb"\\([0-7]{1,3}|.)", _unescape, body, flags=re.DOTALL)


def stream_strings(stream: bytes) -> str:
    """The string operands of a content stream, decoded as single-byte text and run together.

    This is what a byte-level reader sees of text drawn with simple fonts, including pieces of a
    word split across a TJ array. Two-byte (CID) fonts give glyph numbers here, which the
    text-layer check covers instead.
    """
    return "".join(_decode_string(m.group(0)).decode("latin-1") for m in _STRING.finditer(stream))


def _content_streams(doc: pymupdf.Document) -> list[str]:
    """The decoded strings of every stream that draws page content: pages and form XObjects."""
    xrefs = {x for page in doc for x in page.get_contents()}
    for xref in range(1, doc.xref_length()):
        if doc.xref_get_key(xref, "Subtype")[1] == "/Form" and doc.xref_is_stream(xref):
            xrefs.add(xref)
    texts: list[str] = []
    for xref in sorted(xrefs):
        try:
            stream = doc.xref_stream(xref)
        except (RuntimeError, ValueError):  # a stream MuPDF cannot decode is not text we can read
            continue
        if stream:
            texts.append(stream_strings(stream))
    return texts


def verify_output(path: Path, decisions: Sequence[Decision]) -> list[CheckFinding]:
    """Run every pre-release check on one of our redacted outputs."""
    data = path.read_bytes()
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        findings: list[CheckFinding] = []
        for check in STRUCTURE_CHECKS:
            findings.extend(check(doc, data))
        findings.extend(
            check_residual(
                doc,
                (d.finding.text for d in decisions if d.action is Action.REDACT),
                (d.finding.text for d in decisions if d.action is Action.KEEP),
            )
        )
        for page in doc:
            # Our boxes are fitted to the gap by design (apply.draw_boxes), so the length warning
            # would fire on every document; `redact check` reports it.
            findings.extend(leaks.page_findings(page, data, full=False, geometry=False))
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


@dataclass
class PersonalDataScanner:
    """The detection and policy of `redact`, loaded on first use (the spaCy model is slow to load)."""

    config_file: Path | None = None
    _loaded: LoadedConfig | None = field(default=None, init=False)
    _detector: Any = field(default=None, init=False)
    _policy: Any = field(default=None, init=False)

    def _load(self) -> None:
        from redactor.config import load_config
        from redactor.decide.policy import Policy
        from redactor.detect.engine import Detector, ensure_model_installed

        self._loaded = load_config(self.config_file)
        ensure_model_installed(self._loaded.config.nlp)
        self._detector = Detector(self._loaded)
        self._policy = Policy(self._loaded, ())

    def scan(self, path: Path, released: set[str], reviewed: bool = False) -> list[CheckFinding]:
        """Personal data `redact` would remove that is still readable, minus what a reviewer released.

        On a file `redact` wrote (`reviewed`: its log was found) a new hit is a warning: the
        decisions were made on the whole original text, and detection on redacted text sees
        shifted context (a title left beside a removed name), so it is a pointer, not a verdict.
        """
        from redactor.ingest import pdf as ingest

        if self._detector is None:
            self._load()
        document, problems = ingest.load(path, path.name)
        out: list[CheckFinding] = [leaks.LeakFinding("not-checked", Severity.WARN, p) for p in problems]
        decisions = self._policy.decide(document, self._detector.detect(document))
        assert self._loaded is not None
        stop = self._loaded.name_stopwords | {"dear"}
        for d in decisions:
            if d.action is not Action.REDACT or _key(d.finding.text) in released:
                continue
            words = [w.strip(".,").casefold() for w in d.finding.text.split()]
            if d.finding.entity_type == "PERSON" and all(w in stop for w in words):
                continue  # a title or greeting left beside a name that was removed
            rect = d.rects[0] if d.rects else None
            message = f"personal data still readable ({d.finding.entity_type}): '{d.finding.text}'"
            severity = Severity.WARN if reviewed else Severity.FAIL
            out.append(leaks.LeakFinding("personal-data", severity, message, d.finding.page, rect))
        return out


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


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


def released_items(log: Path) -> set[str]:
    """The texts a reviewer chose to release (decision "keep") in a justification log."""
    try:
        record = json.loads(log.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"the justification log {log} cannot be read ({exc})") from exc
    items = record.get("kept", []) + record.get("redactions", [])
    return {_key(str(i.get("text", ""))) for i in items if i.get("decision") == Action.KEEP.value and i.get("text")}


def check_file(path: Path, scanner: PersonalDataScanner | None = None, log: Path | None = None) -> FileReport:
    """Every check on one PDF. An unreadable file is a failed file, with the reason."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return FileReport(str(path), (leaks.LeakFinding("unreadable", Severity.FAIL, f"cannot be read: {exc}"),))
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except (RuntimeError, ValueError) as exc:
        reason = f"not a PDF that can be opened ({exc}); it cannot be checked"
        return FileReport(str(path), (leaks.LeakFinding("unreadable", Severity.FAIL, reason),))
    try:
        if doc.needs_pass:
            reason = "the PDF is encrypted and needs a password; it cannot be checked"
            return FileReport(str(path), (leaks.LeakFinding("unreadable", Severity.FAIL, reason),))
        findings: list[CheckFinding] = list(leaks.inspect_document(doc, data, full=True))
    except (RuntimeError, ValueError) as exc:
        reason = f"the PDF breaks while it is checked ({exc})"
        return FileReport(str(path), (leaks.LeakFinding("unreadable", Severity.FAIL, reason),))
    finally:
        doc.close()
    log = log or find_log(path)
    if scanner is not None:
        released = released_items(log) if log else set()
        try:
            findings.extend(scanner.scan(path, released, reviewed=log is not None))
        except DocumentError as exc:
            findings.append(leaks.LeakFinding("not-checked", Severity.FAIL, f"personal data not checked: {exc}"))
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
