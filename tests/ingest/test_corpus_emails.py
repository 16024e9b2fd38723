"""The whole e-mail corpus (../shared/corpus/emails) through the real pipeline, once.

Every file must come out released or with a clear, named reason; none may break the batch.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.pipeline import BatchSummary, RunOptions, discover, run_batch
from redactor.types import Status
from tests.conftest import CORPUS

EMAILS = CORPUS / "emails"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.corpus,
    pytest.mark.skipif(not EMAILS.is_dir(), reason="../shared/corpus/emails is not present"),
]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BatchSummary]:
    out = tmp_path_factory.mktemp("emails-out")
    return out, run_batch(EMAILS, out, RunOptions(jobs=2))


def test_every_file_is_accounted_for(corpus_run: tuple[Path, BatchSummary]) -> None:
    _, summary = corpus_run
    documents, unsupported, hidden = discover(EMAILS)
    inputs = {r.relpath for r in summary.results if "#attachment-" not in r.relpath}
    assert inputs == set(documents) | set(unsupported) | set(hidden)
    assert sum(1 for d in documents if d.endswith(".msg")) >= 40


def test_no_crash_and_every_problem_is_named(corpus_run: tuple[Path, BatchSummary]) -> None:
    _, summary = corpus_run
    for r in summary.results:
        assert "unexpected error" not in r.reason, r.reason
        assert "crashed" not in r.reason, r.reason
        if r.status is not Status.RELEASED and r.status is not Status.SKIPPED:
            assert r.reason, r.relpath
        if r.status is Status.FAILED:
            # the reason names the file (or the attachment and its e-mail) and what to do
            assert r.relpath.split("#")[0].rsplit("/", 1)[-1] in r.reason, r.reason


def test_emails_and_their_pdf_attachments_are_released(corpus_run: tuple[Path, BatchSummary]) -> None:
    out, summary = corpus_run
    by_input = {r.relpath: r for r in summary.results}
    for rel in (
        "alaveteli_wdtk/incoming-request-pdf-attachment.eml",
        "msgreader/HtmlSampleEmail.msg",
        "msgreader/EmailWithInnerMailAndAttachments.msg",
        "apache-poi-hsmf/attachment_msg_pdf.msg",
        "mail-parser/mail_test_10",
    ):
        result = by_input[rel]
        assert result.status is Status.RELEASED, (rel, result.reason)
        assert result.output_relpath and (out / "released" / result.output_relpath).is_file()
    released_attachments = [r for r in summary.results if "#attachment-" in r.relpath and r.status is Status.RELEASED]
    assert any(
        r.relpath.startswith("alaveteli_wdtk/incoming-request-pdf-attachment.eml#") for r in released_attachments
    )
    for r in released_attachments:
        assert r.output_relpath and ".attachment-" in r.output_relpath
        assert (out / "released" / r.output_relpath).is_file()
    # nothing in released/ that the summary does not account for as released
    on_disk = {p.relative_to(out / "released").as_posix() for p in (out / "released").rglob("*.pdf")}
    assert on_disk == {r.output_relpath for r in summary.results if r.status is Status.RELEASED}
