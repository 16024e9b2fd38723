"""Personal-data detector: the detection and policy of `redact`, run again on a finished PDF."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from redactor.errors import ConfigError
from redactor.types import Action, Severity
from redactor.verify.codes import Code, LeakFinding, finding

if TYPE_CHECKING:
    from redactor.config import LoadedConfig


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

    def scan(self, path: Path, released: set[str], reviewed: bool = False) -> list[LeakFinding]:
        """Personal data `redact` would remove that is still readable, minus what a reviewer released.

        On a file `redact` wrote (`reviewed`: its log was found) a new hit is a warning: the
        decisions were made on the whole original text, and detection on redacted text sees
        shifted context (a title left beside a removed name), so it is a pointer, not a verdict.
        """
        from redactor.ingest import pdf as ingest

        if self._detector is None:
            self._load()
        assert self._loaded is not None
        document, problems = ingest.load(path, path.name, self._loaded.config.ocr)
        out = [finding(Code.NOT_CHECKED, p, severity=Severity.WARN) for p in problems]
        decisions = self._policy.decide(document, self._detector.detect(document))
        stop = self._loaded.name_stopwords | {"dear"}
        for d in decisions:
            if d.action is not Action.REDACT or item_key(d.finding.text) in released:
                continue
            words = [w.strip(".,").casefold() for w in d.finding.text.split()]
            if d.finding.entity_type == "PERSON" and all(w in stop for w in words):
                continue  # a title or greeting left beside a name that was removed
            rect = d.rects[0] if d.rects else None
            message = f"personal data still readable ({d.finding.entity_type}): '{d.finding.text}'"
            severity = Severity.WARN if reviewed else Severity.FAIL
            out.append(finding(Code.PERSONAL_DATA, message, d.finding.page, rect, severity))
        return out


def item_key(text: str) -> str:
    return " ".join(text.split()).casefold()


def released_items(log: Path) -> set[str]:
    """The texts a reviewer chose to release (decision "keep") in a justification log."""
    try:
        record = json.loads(log.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"the justification log {log} cannot be read ({exc})") from exc
    items = record.get("kept", []) + record.get("redactions", [])
    return {item_key(str(i.get("text", ""))) for i in items if i.get("decision") == Action.KEEP.value and i.get("text")}
