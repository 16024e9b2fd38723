"""A configured pattern that backtracks forever fails its document; it never passes in silence.

The worker reads a real PDF with the configured recognizers over a fake NLP engine
(tests/fakes/nlp.py): the pattern's time limit is what is tested, not the model.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.config import load_config
from redactor.detect import patterns
from redactor.detect.engine import Detector
from redactor.pipeline import Task, Worker, recipe
from redactor.types import Status
from tests.conftest import write_lines
from tests.fakes.nlp import FakeNlpEngine


def test_a_backtracking_pattern_fails_the_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "recognizers.yaml").write_text(
        "recognizers:\n"
        "  - name: Backtracker\n"
        "    source: pattern\n"
        "    entity: PERSON\n"
        "    patterns: [[nested, '(a|aa)+$', 0.9]]\n",
        encoding="utf-8",
    )
    config = tmp_path / "config.yaml"
    config.write_text("detection:\n  recognizers: recognizers.yaml\n", encoding="utf-8")
    monkeypatch.setattr(patterns, "PATTERN_SECONDS", 0.2)
    monkeypatch.setattr(recipe, "Detector", lambda loaded: Detector(loaded, nlp_engine=FakeNlpEngine()))
    source = write_lines(tmp_path / "doc.pdf", [["a" * 40 + "!", "A letter with nothing personal in it."]])
    worker = Worker(load_config(config), ())
    result = worker.process(Task(str(source), "doc.pdf", str(tmp_path / "out.pdf"), "doc.pdf"))
    assert result.status is Status.FAILED
    assert "Backtracker" in result.reason and "backtracks" in result.reason
