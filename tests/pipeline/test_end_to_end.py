"""End to end on generated correspondence: the invariants a release must hold.

The documents are written in base-14 Helvetica with literal strings, so that a redacted value
left in a content stream would be visible to a byte search as well as to text extraction.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pymupdf
import pytest

from devtools.synthetic import write_corpus
from redactor.evaluate.labels import load_labels
from redactor.pipeline import BatchSummary, RunOptions, run_batch
from redactor.types import Action, DocumentResult, Status
from redactor.verify.checks import stream_strings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, BatchSummary]:
    root = tmp_path_factory.mktemp("e2e")
    inbox = root / "inbox"
    write_corpus(inbox, count=10, seed=424242, font="helv")
    out = root / "out"
    return inbox, out, run_batch(inbox, out, RunOptions(jobs=2))


def _released(summary: BatchSummary) -> list[DocumentResult]:
    return [r for r in summary.results if r.status is Status.RELEASED]


def test_every_generated_document_is_released(batch: tuple[Path, Path, BatchSummary]) -> None:
    _, _, summary = batch
    pdfs = [r for r in summary.results if r.relpath.endswith(".pdf")]
    assert len(pdfs) == 10
    assert all(r.status is Status.RELEASED for r in pdfs), [(r.relpath, r.reason) for r in pdfs]


def test_redacted_values_are_gone_from_text_and_streams(batch: tuple[Path, Path, BatchSummary]) -> None:
    _, out, summary = batch
    for result in _released(summary):
        path = out / "released" / (result.output_relpath or "")
        with pymupdf.open(path) as doc:
            text = " ".join(" ".join(page.get_text().split()) for page in doc)
            streams = "".join(stream_strings(doc.xref_stream(x) or b"") for page in doc for x in page.get_contents())
        kept = {" ".join(d.finding.text.split()) for d in result.decisions if d.action is Action.KEEP}
        for d in result.decisions:
            value = " ".join(d.finding.text.split())
            if d.action is not Action.REDACT or len(value) < 4 or value in kept:
                continue
            pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, value.split())) + r"(?!\w)")
            assert not pattern.search(text), (result.relpath, value)
            assert value.replace(" ", "") not in streams.replace(" ", ""), (result.relpath, value)


def test_metadata_is_empty_of_personal_data(batch: tuple[Path, Path, BatchSummary]) -> None:
    inbox, out, summary = batch
    labels = load_labels(inbox / ".labels.json")
    for result in _released(summary):
        data = (out / "released" / (result.output_relpath or "")).read_bytes()
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            assert not any(v for k, v in doc.metadata.items() if k not in ("format", "encryption"))
            assert doc.get_xml_metadata() == ""
        for value in labels[result.relpath].metadata_personal:
            assert value.encode("latin-1", "ignore") not in data


def test_logs_and_annex(batch: tuple[Path, Path, BatchSummary]) -> None:
    _, out, summary = batch
    annex = (out / "annex.md").read_text(encoding="utf-8")
    for result in _released(summary):
        log = json.loads((out / "logs" / (result.relpath + ".json")).read_text(encoding="utf-8"))
        assert log["status"] == "released" and log["redactions"]
        for r in log["redactions"]:
            assert r["text"] not in annex or len(r["text"]) < 4, r["text"]
            assert r["rects"] and r["page"] >= 1


def test_redacting_the_release_again_finds_nothing_new(batch: tuple[Path, Path, BatchSummary], tmp_path: Path) -> None:
    _, out, _ = batch
    again = run_batch(out / "released", tmp_path / "again", RunOptions(jobs=2))
    new = {
        r.relpath: [d.finding.text for d in r.decisions if d.action is Action.REDACT]
        for r in again.results
        if any(d.action is Action.REDACT for d in r.decisions)
    }
    assert new == {}
