"""E-mail attachments beyond PDF: text printed like a body, signatures listed, uuencoded files."""

from __future__ import annotations

import binascii
import json
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pymupdf
import pytest

from redactor.ingest import emails
from redactor.ingest.pdf import load
from redactor.types import Status

PHONE = "07700 900461"
ADDRESS = "c.pennock@example.net"
DIFF = (
    "--- a/report.c\n+++ b/report.c\n@@ -1,3 +1,3 @@\n-int limit = 10;\n+int limit = 12;\n"
    f"\nTested-by: Ceridwen Pennock <{ADDRESS}>, ring {PHONE}\n"
)
SIGNATURE = b"-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEEexample\n-----END PGP SIGNATURE-----\n"


def _signed_mail() -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Ceridwen Pennock <{ADDRESS}>"
    msg["To"] = "Patches <patches@lists.example.org>"
    msg["Subject"] = "[PATCH] raise the limit"
    msg["Date"] = "Tue, 04 Mar 2025 10:15:00 +0000"
    msg.set_content("The patch is attached.\n")
    msg.add_attachment(DIFF.encode(), maintype="text", subtype="x-diff", filename="limit.diff")
    msg.add_attachment(SIGNATURE, maintype="application", subtype="pgp-signature", filename="signature.asc")
    return msg.as_bytes(policy=SMTP)


def test_attachment_kinds() -> None:
    message = emails.parse_eml(_signed_mail(), "patch.eml")
    assert [a.kind for a in message.attachments] == ["text", "signature"]


@pytest.mark.slow
def test_a_diff_is_redacted_and_released_and_the_signature_is_not(tmp_path: Path) -> None:
    from redactor.pipeline import RunOptions, run_batch

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "patch.eml").write_bytes(_signed_mail())
    out = tmp_path / "out"
    summary = run_batch(inbox, out, RunOptions(jobs=1))
    by_input = {r.relpath: r for r in summary.results}

    diff = by_input["patch.eml#attachment-1-limit.diff"]
    assert diff.status is Status.RELEASED and diff.output_relpath == "patch.attachment-1.pdf"
    doc, _ = load(out / "released" / "patch.attachment-1.pdf", "x.pdf")
    text = " ".join(" ".join(p.text.split()) for p in doc.pages)
    assert "int limit = 12;" in text  # the code stays readable
    for value in (ADDRESS, PHONE, "Pennock"):
        assert value not in text, value

    signature = by_input["patch.eml#attachment-2-signature.asc"]
    assert signature.status is Status.SKIPPED and "digital signature" in signature.reason
    assert not (out / "released" / "patch.attachment-2.pdf").exists()
    assert int(summary.exit_code) == 0
    log = json.loads((out / "logs" / "patch.eml.json").read_text(encoding="utf-8"))
    assert [(a["name"], a["status"]) for a in log["attachments"]] == [
        ("limit.diff", "released"),
        ("signature.asc", "skipped"),
    ]


def _uuencoded(name: str, data: bytes) -> str:
    lines = [binascii.b2a_uu(data[i : i + 45]).decode("ascii") for i in range(0, len(data), 45)]
    return f"begin 644 {name}\n" + "".join(lines) + "`\nend\n"


def test_a_uuencoded_file_in_the_body_becomes_an_attachment() -> None:
    pdf = pymupdf.open()
    pdf.new_page().insert_text((72, 72), f"Witness: Ceridwen Pennock, {PHONE}")
    data = pdf.tobytes()
    msg = EmailMessage()
    msg["From"] = "FOI Team <foi@example.gov.uk>"
    msg["Subject"] = "Your request"
    msg.set_content("A reply is attached.\n\n" + _uuencoded("reply.pdf", data) + "\nRegards\n")
    message = emails.parse_eml(msg.as_bytes(policy=SMTP), "reply.eml")
    [att] = message.attachments
    assert (att.name, att.kind, att.data) == ("reply.pdf", "pdf", data)
    body = message.body[0][1]
    assert "begin 644" not in body and "uuencoded attachment 1" in body and "Regards" in body
