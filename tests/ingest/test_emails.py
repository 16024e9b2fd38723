"""E-mail input: parsing and printing (.eml built here), and the whole pipeline on e-mails."""

from __future__ import annotations

import json
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pymupdf
import pytest

from redactor.errors import DocumentError
from redactor.ingest import emails
from redactor.ingest.pdf import load
from redactor.pipeline import output_relpaths
from redactor.types import Status

SENDER = "Gwenllian Prosser"
SENDER_ADDRESS = "gwen.prosser@example.com"
TO_NAME = "Łukasz Świątek"
TO_ADDRESS = "lukasz.swiatek@example.org"
CC_NAME = "Mr Dafydd Rhys-Jenkins"
PHONE = "07700 900123"
ATTACHED_NAME = "Siobhan McAllister"


def _pdf_bytes(lines: list[str]) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(lines):
        page.insert_text((72, 72 + 16 * i), line, fontname="helv", fontsize=11)
    data: bytes = doc.tobytes()
    doc.close()
    return data


def _message(subject: str = "Complaint about the planning application") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = f"{SENDER} <{SENDER_ADDRESS}>"
    msg["To"] = f'"{TO_NAME}" <{TO_ADDRESS}>'
    msg["Cc"] = f"{CC_NAME} <d.rhys-jenkins@example.net>"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 04 Mar 2025 10:15:00 +0000"
    return msg


BODY = (
    f"Dear Mr Świątek,\n\nPlease call me on {PHONE} about the application.\n"
    "Cardiff Council refused it in January.\n\nRegards,\nGwenllian Prosser\n\n"
    "> On 1 March 2025 Dafydd Rhys-Jenkins wrote:\n> Please send me the plans.\n"
)


def rich_email() -> bytes:
    """multipart/mixed: alternative (plain + HTML with a table), a PDF, an e-mail and a .docx attached."""
    msg = _message()
    msg.set_content(BODY, cte="quoted-printable")
    rows = "".join(f"<tr><td>{a}</td><td>{b}</td></tr>" for a, b in (("Ward", "Canton"), ("Telephone", PHONE)))
    msg.add_alternative(
        f"<html><body><p>Dear Mr Świątek,</p><p>Please call me on {PHONE}.<br>"
        f"Cardiff Council refused it.</p><table>{rows}</table>"
        f"<p>Regards,<br>Gwenllian Prosser</p><blockquote>On 1 March 2025 Dafydd Rhys-Jenkins wrote:"
        f"<br>Please send me the plans.</blockquote></body></html>",
        subtype="html",
        cte="base64",
    )
    msg.add_attachment(
        _pdf_bytes(["Witness statement", f"Name: {ATTACHED_NAME}", f"Telephone: {PHONE}"]),
        maintype="application",
        subtype="pdf",
        filename="statement.pdf",
    )
    inner = _message("Fwd: site visit")
    inner.replace_header("From", f"{ATTACHED_NAME} <s.mcallister@example.com>")
    inner.set_content(f"Dear Gwenllian,\nThe site visit is on Monday. Ring me on {PHONE}.\nSiobhan McAllister\n")
    msg.add_attachment(inner)
    msg.add_attachment(
        b"PK\x03\x04 not really a document",
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename="notes.docx",
    )
    return msg.as_bytes(policy=SMTP)


def _render_text(message: emails.Email, tmp_path: Path) -> str:
    out = tmp_path / "printed.pdf"
    emails.render_pdf(message, out)
    doc, problems = load(out, "printed.pdf")
    assert problems == []
    return " ".join(" ".join(p.text.split()) for p in doc.pages)


# --------------------------------------------------------------------------- parsing and printing


def test_headers_body_and_attachments_are_parsed() -> None:
    message = emails.parse_eml(rich_email(), "mail.eml")
    assert message.sender == f"{SENDER} <{SENDER_ADDRESS}>"
    assert message.to == f"{TO_NAME} <{TO_ADDRESS}>"  # plainly, without the quotes
    assert CC_NAME in message.cc
    assert [kind for kind, _ in message.body] == ["html"]  # the richer alternative only
    assert [a.kind for a in message.attachments] == ["pdf", "email", "other"]
    assert message.attachments[1].message is not None
    assert message.attachments[1].message.sender.startswith(ATTACHED_NAME)
    assert message.attachments[2].name == "notes.docx"


def test_printout_has_header_block_table_quote_and_attachment_list(tmp_path: Path) -> None:
    message = emails.parse_eml(rich_email(), "mail.eml")
    text = _render_text(message, tmp_path)
    for expected in (
        f"From: {SENDER} <{SENDER_ADDRESS}>",
        f"To: {TO_NAME} <{TO_ADDRESS}>",
        "Cc:",
        "Subject: Complaint about the planning application",
        "Telephone",  # a table cell
        "On 1 March 2025 Dafydd Rhys-Jenkins wrote:",  # the quoted earlier message
        "1. attachment (application/pdf",
        "3. attachment (application/vnd.openxmlformats",
    ):
        assert expected in text
    assert "notes.docx" not in text  # attachment names stay in the log


@pytest.mark.parametrize("cte", ["quoted-printable", "base64", "8bit"])
def test_transfer_encodings_and_welsh_polish_diacritics(tmp_path: Path, cte: str) -> None:
    msg = _message()
    msg.set_content("Gŵyl Dewi, dŷ, Łódź, świeca — Siân Wrŷ\nsecond line", cte=cte)
    message = emails.parse_eml(msg.as_bytes(policy=SMTP), "mail.eml")
    text = _render_text(message, tmp_path)
    assert "Gŵyl Dewi, dŷ, Łódź, świeca — Siân Wrŷ second line" in text


def test_iso_8859_1_charset_and_encoded_headers(tmp_path: Path) -> None:
    raw = (
        "From: =?iso-8859-1?q?Se=E1n_=D3_Br=EDain?= <sean@example.com>\r\n"
        "To: foi@example.gov.uk\r\nSubject: =?iso-8859-1?q?Caf=E9?=\r\n"
        "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    ).encode("ascii") + "Dear Siân, the café is closed.\r\n".encode("iso-8859-1")
    message = emails.parse_eml(raw, "mail.eml")
    assert message.sender == "Seán Ó Bríain <sean@example.com>"
    assert message.subject == "Café"
    assert "Dear Siân, the café is closed." in _render_text(message, tmp_path)


def test_html_only_body_keeps_table_cells_and_line_breaks(tmp_path: Path) -> None:
    msg = _message()
    msg.set_content(
        "<table><tr><td>Name</td><td>Rhiannon Pugh</td></tr></table><p>one<br>two</p>"
        '<img src="cid:logo" alt="Council logo"><script>alert(1)</script>',
        subtype="html",
    )
    doc_text = _render_text(emails.parse_eml(msg.as_bytes(policy=SMTP), "m.eml"), tmp_path)
    assert "Name Rhiannon Pugh" in doc_text
    assert "one two" in doc_text
    assert "[image: Council logo]" in doc_text  # images are not printed, only marked
    assert "alert" not in doc_text


def test_malformed_and_truncated_files_raise_a_named_document_error() -> None:
    with pytest.raises(DocumentError, match=r"empty\.eml: .*empty"):
        emails.load_email(b"", "empty.eml")
    with pytest.raises(DocumentError, match=r"junk\.eml: no e-mail headers"):
        emails.load_email(b"\x00\x01\x02 this is not mail at all", "junk.eml")
    with pytest.raises(DocumentError, match=r"fake\.msg: is not an Outlook"):
        emails.load_email(b"From: a@example.com\r\n\r\nhi", "fake.msg")
    with pytest.raises(DocumentError, match=r"bad\.msg: the Outlook .msg file cannot be read"):
        emails.load_email(emails.OLE_MAGIC + b"\x00" * 600, "bad.msg")


def test_nested_messages_beyond_the_depth_limit_are_not_opened() -> None:
    msg = _message()
    msg.set_content("innermost")
    for _ in range(emails.MAX_DEPTH + 1):
        outer = _message()
        outer.set_content("wrapper")
        outer.add_attachment(msg)
        msg = outer
    message = emails.parse_eml(msg.as_bytes(policy=SMTP), "deep.eml")
    depth = 0
    att = message.attachments[0]
    while att.message is not None:
        depth += 1
        att = att.message.attachments[0]
    assert depth == emails.MAX_DEPTH
    assert "nested more than" in att.note


def test_extensionless_mail_is_recognised(tmp_path: Path) -> None:
    mail = tmp_path / "mail_1"
    mail.write_bytes(b"Return-Path: <a@example.com>\r\nReceived: from x\r\nSubject: hi\r\n\r\nbody")
    other = tmp_path / "notes"
    other.write_bytes(b"Shopping list: milk\nbread\n")
    assert emails.is_email_path(mail)
    assert not emails.is_email_path(other)


def test_released_names_do_not_collide() -> None:
    outputs = output_relpaths(["a/mail.eml", "a/mail.pdf", "b/other.msg"])
    assert outputs == {"a/mail.eml": "a/mail.eml.pdf", "a/mail.pdf": "a/mail.pdf", "b/other.msg": "b/other.pdf"}


# --------------------------------------------------------------------------- end to end


@pytest.fixture(scope="module")
def email_batch(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from redactor.pipeline import RunOptions, run_batch

    inbox = tmp_path_factory.mktemp("inbox")
    (inbox / "mail.eml").write_bytes(rich_email())
    latin = _message()
    latin.set_content(f"Dear Ms Prosser,\nPlease ring {PHONE}.\n".encode("iso-8859-1"), "text", "plain", cte="8bit")
    latin.set_param("charset", "iso-8859-1")
    (inbox / "latin.eml").write_bytes(latin.as_bytes(policy=SMTP))
    (inbox / "broken.eml").write_bytes(b"\x00\x01 truncated")
    out = tmp_path_factory.mktemp("out")
    return out, run_batch(inbox, out, RunOptions(jobs=1))


def _released_text(path: Path) -> str:
    doc, _ = load(path, path.name)
    return " ".join(" ".join(p.text.split()) for p in doc.pages)


@pytest.mark.slow
def test_header_and_body_personal_data_is_gone(email_batch) -> None:  # type: ignore[no-untyped-def]
    out, _ = email_batch
    text = _released_text(out / "released" / "mail.pdf")
    for value in (SENDER, SENDER_ADDRESS, TO_ADDRESS, "Świątek", "Rhys-Jenkins", PHONE, "Prosser"):
        assert value not in text, value
    assert "Cardiff Council" in text  # not personal data: still readable
    assert "Attachments (3)" in text


@pytest.mark.slow
def test_attachments_are_released_beside_the_email_or_held_for_review(email_batch) -> None:  # type: ignore[no-untyped-def]
    out, summary = email_batch
    by_input = {r.relpath: r for r in summary.results}
    pdf = by_input["mail.eml#attachment-1-statement.pdf"]
    assert pdf.status is Status.RELEASED and pdf.output_relpath == "mail.attachment-1.pdf"
    pdf_text = _released_text(out / "released" / "mail.attachment-1.pdf")
    assert ATTACHED_NAME not in pdf_text and PHONE not in pdf_text and "Witness statement" in pdf_text
    inner = [r for r in summary.results if r.relpath.startswith("mail.eml#attachment-2-")]
    assert len(inner) == 1 and inner[0].status is Status.RELEASED
    inner_text = _released_text(out / "released" / "mail.attachment-2.pdf")
    assert ATTACHED_NAME not in inner_text and PHONE not in inner_text
    docx = by_input["mail.eml#attachment-3-notes.docx"]
    assert docx.status is Status.NEEDS_REVIEW and "needs manual review" in docx.reason
    assert not (out / "released" / "mail.attachment-3.pdf").exists()
    log = json.loads((out / "logs" / "mail.eml.json").read_text(encoding="utf-8"))
    assert [(a["name"], a["status"]) for a in log["attachments"]] == [
        ("statement.pdf", "released"),
        ("Fwd: site visit", "released"),
        ("notes.docx", "needs_review"),
    ]
    listed = json.loads((out / "logs" / "summary.json").read_text(encoding="utf-8"))
    assert {d["input"] for d in listed["documents"]} == set(by_input)


@pytest.mark.slow
def test_latin1_mail_released_and_broken_mail_fails_alone(email_batch) -> None:  # type: ignore[no-untyped-def]
    out, summary = email_batch
    by_input = {r.relpath: r for r in summary.results}
    assert by_input["latin.eml"].status is Status.RELEASED
    assert PHONE not in _released_text(out / "released" / "latin.pdf")
    broken = by_input["broken.eml"]
    assert broken.status is Status.FAILED and broken.reason.startswith("broken.eml: ")
    assert int(summary.exit_code) == 3  # a failed document outranks the attachment needing review


@pytest.mark.slow
def test_a_failing_email_takes_its_old_attachments_out_of_the_release(tmp_path: Path) -> None:
    from redactor.pipeline import RunOptions, run_batch

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "mail.eml").write_bytes(rich_email())
    run_batch(inbox, out, RunOptions(jobs=1))
    assert (out / "released" / "mail.attachment-1.pdf").is_file()
    (inbox / "mail.eml").write_bytes(b"\x00\x01 no longer an e-mail")
    summary = run_batch(inbox, out, RunOptions(jobs=1))
    assert {r.status for r in summary.results} == {Status.FAILED}
    assert sorted(p.name for p in (out / "released").rglob("*") if p.is_file()) == []
