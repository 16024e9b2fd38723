"""An e-mail withheld whole takes its attachments with it, at every depth: none is released.

They are logged as withheld under the e-mail's exemption and listed in the annex and the letter
by number, never by the attachment's own file name (which may be personal data).
"""

from __future__ import annotations

import json
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from click.testing import CliRunner, Result

from redactor.cli import main

pytestmark = pytest.mark.slow

CV_NAME = "Bronwen_Invented_CV.pdf"


def pdf_bytes(line: str) -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), line, fontname="helv", fontsize=11)
    data: bytes = doc.tobytes()
    doc.close()
    return data


def message(subject: str, body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Policy Team <policy@example.gov.uk>"
    msg["To"] = "Board <board@example.gov.uk>"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 03 Mar 2026 10:00:00 +0000"
    msg.set_content(body)
    return msg


def write_inbox(inbox: Path) -> None:
    inbox.mkdir()
    outer = message("Draft options paper", "Please see the draft options paper and the forwarded note.")
    outer.add_attachment(pdf_bytes("Draft options: close the Example Road depot."), "application", "pdf",
                         filename="options.pdf")  # fmt: skip
    inner = message("Costings", "Costings attached.")
    inner.add_attachment(pdf_bytes("Costings: 2.4 million over three years."), "application", "pdf",
                         filename=CV_NAME)  # fmt: skip
    outer.add_attachment(inner)
    (inbox / "draft.eml").write_bytes(outer.as_bytes())
    kept = message("Opening hours", "The depot opens at eight.")
    kept.add_attachment(pdf_bytes("Opening hours: eight to four."), "application", "pdf", filename="hours.pdf")
    (inbox / "hours.eml").write_bytes(kept.as_bytes())


def redact(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def summary(out: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((out / "logs" / "summary.json").read_text(encoding="utf-8"))
    return {d["input"]: d for d in data["documents"]}


def test_an_email_withheld_whole_withholds_its_attachments(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    write_inbox(inbox)
    assert redact(inbox, out, "--jobs", "1", "--quiet").exit_code == 0
    before = sorted(p.name for p in (out / "released").iterdir())
    assert len(before) == 6  # three e-mails (one forwarded), their three PDFs
    whole = ["--document", "draft.eml", "--withhold", "--whole", "--exemption", "s35(1)(a)", "--reason", "policy"]
    assert redact("decide", out, *whole).exit_code == 0
    assert redact(inbox, out, "--jobs", "1", "--quiet").exit_code == 0

    assert sorted(p.name for p in (out / "released").iterdir()) == ["hours.attachment-1.pdf", "hours.pdf"]
    docs = summary(out)
    draft = {rel: d for rel, d in docs.items() if rel.startswith("draft.eml")}
    assert len(draft) == 4  # the e-mail, its PDF, the forwarded e-mail and that one's PDF
    assert {d["status"] for d in draft.values()} == {"withheld"}
    for rel, entry in draft.items():
        log = json.loads((out / entry["log"]).read_text(encoding="utf-8"))
        assert log["withheld"]["exemption"] == "s35(1)(a)", rel
    nested = next(rel for rel in draft if rel.endswith(CV_NAME))
    assert "withheld in full with the e-mail it is attached to" in docs[nested]["reason"]

    redact("letter", out, "--reference", "FOI-2026-0099", "--received", "2026-03-10")
    for name in ("annex.md", "response.md"):
        text = (out / name).read_text(encoding="utf-8")
        assert "draft.eml#attachment-1" in text and "draft.eml#attachment-2#attachment-1" in text, name
        assert "Bronwen" not in text and "options.pdf" not in text, name  # listed by number only
    # Released again: the e-mail and its attachments come back.
    assert redact("decide", out, "--document", "draft.eml", "--release", "--whole").exit_code == 0
    assert redact(inbox, out, "--jobs", "1", "--quiet").exit_code == 0
    assert sorted(p.name for p in (out / "released").iterdir()) == before
