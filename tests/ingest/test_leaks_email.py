"""Crafted e-mails that would print personal data where detection cannot read it (invented data)."""

from __future__ import annotations

import base64
import time
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pymupdf
import pytest

from redactor.ingest import emails
from redactor.ingest.html_clean import clean_html

NAME = "Eleanor Pritchard"


def _png_of_text(text: str) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=300, height=40)
    page.insert_text((5, 25), text, fontsize=14)
    data = bytes(page.get_pixmap(dpi=150).tobytes("png"))
    doc.close()
    return data


def _mail(html_body: str, attachment: str | None = None) -> emails.Email:
    msg = EmailMessage()
    msg["From"] = "Records Office <records@example.org>"
    msg["To"] = "FOI Team <foi@example.org>"
    msg["Subject"] = "Your request"
    msg.set_content("See the HTML part.")
    msg.add_alternative(html_body, subtype="html")
    if attachment:
        msg.add_attachment(b"%PDF-1.4 not really", maintype="application", subtype="pdf", filename=attachment)
    return emails.parse_eml(msg.as_bytes(policy=SMTP), "mail.eml")


def _printed(message: emails.Email, tmp_path: Path) -> pymupdf.Document:
    out = tmp_path / "printed.pdf"
    emails.render_pdf(message, out)
    return pymupdf.open(out)


PNG = base64.b64encode(_png_of_text(f"{NAME} AB 12 34 56 C")).decode("ascii")
PICTURES = [
    f'<p>Before</p><image src="data:image/png;base64,{PNG}" width="300" height="40"/><p>After</p>',
    f'<p>Before</p><IMAGE href="data:image/png;base64,{PNG}"><p>After</p>',
    f'<p>Before</p><svg width="300" height="40"><text x="5" y="25">{NAME}</text></svg><p>After</p>',
    f'<p>Before</p><svg width="300" height="40"><image href="data:image/png;base64,{PNG}"/></svg><p>After</p>',
    f'<p>Before</p><picture><source srcset="data:image/png;base64,{PNG}"><img alt="" src="x"></picture><p>After</p>',
    f'<p>Before</p><p style="background:url(data:image/png;base64,{PNG})">After</p>',
]


@pytest.mark.parametrize("body", PICTURES)
def test_pictures_in_html_mail_are_not_printed(tmp_path: Path, body: str) -> None:
    with _printed(_mail(body), tmp_path) as doc:
        text = " ".join(page.get_text() for page in doc)
        assert "Before" in text and "After" in text
        assert NAME not in text
        assert all(not page.get_images() for page in doc)
        # Nothing but the header rule and text is drawn: no vector picture either.
        assert all(len(page.get_drawings()) <= 2 for page in doc)


def test_attachment_file_names_are_not_printed(tmp_path: Path) -> None:
    message = _mail("<p>Notes attached.</p>", attachment="eleanor_pritchard_gp_notes.pdf")
    assert message.attachments[0].name == "eleanor_pritchard_gp_notes.pdf"  # kept for the log
    with _printed(message, tmp_path) as doc:
        text = " ".join(page.get_text() for page in doc).casefold()
    assert "attachment (application/pdf" in text
    assert "pritchard" not in text


@pytest.mark.parametrize(
    "markup",
    ["<script " * 200_000, "<!--" * 200_000, '<a href="' * 200_000, "<svg>" * 200_000, "<p>" * 100_000],
)
def test_html_cleaning_is_linear(markup: str) -> None:
    started = time.perf_counter()
    clean_html(markup)
    assert time.perf_counter() - started < 10


def test_html_cleaning_keeps_layout_and_text_only() -> None:
    cleaned = clean_html(
        '<p style="color:red;background:url(http://x.example/a.png)">Hi <b>Ann</b></p>'
        "<script>alert(1)</script><o:p>kept</o:p>x &lt; y<img alt='logo' src='http://x.example/l.png'>"
    )
    assert cleaned == '<p style="color:red;background:">Hi <b>Ann</b></p>keptx &lt; y[image: logo]'
