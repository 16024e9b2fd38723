"""Synthetic labelled e-mails: the generator's correspondence sent as .eml files.

Each generated document (`devtools.synthetic`) becomes the body of an e-mail whose From
header is a person already labelled in it, so the labels stay valid and `redact eval` can
score the released PDF of each e-mail. The transfer encodings, charsets and body types vary
(plain, HTML-only, multipart/alternative; quoted-printable, base64, 8-bit, ISO-8859-1) so
that recall is measured through every path of the parser.

    python -m devtools.synthetic_mail OUT --count 20 --seed 7
"""

from __future__ import annotations

import argparse
import html
from collections.abc import Sequence
from dataclasses import replace
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path, PurePosixPath

from devtools.synthetic import SyntheticDocument, generate_documents
from redactor.evaluate.labels import LABELS_FILE, DocumentLabels, write_labels

STYLES = ("plain-qp", "html-only", "alternative-b64", "latin1-8bit")
MAILBOX = "foi@example.gov.uk"


def _lines(doc: SyntheticDocument) -> list[str]:
    return [line for page in doc.pages for line in page]


def _first(doc: SyntheticDocument, category: str) -> str | None:
    return next((i.text for i in doc.items if i.personal and i.category == category), None)


def _html(lines: Sequence[str]) -> str:
    paragraphs = "<br>\n".join(html.escape(line) for line in lines)
    return f"<html><body><p>{paragraphs}</p></body></html>"


def build_email(doc: SyntheticDocument, style: str, index: int) -> bytes:
    """One labelled document as the bytes of an .eml file, in the given style."""
    import datetime as dt

    msg = EmailMessage()
    name, address = _first(doc, "PERSON"), _first(doc, "EMAIL_ADDRESS")
    msg["From"] = f"{name} <{address}>" if name and address else (address or MAILBOX)
    msg["To"] = f"Information Rights <{MAILBOX}>"
    msg["Subject"] = doc.title or f"Correspondence {index + 1}"
    msg["Date"] = format_datetime(dt.datetime(2025, 1, 1, 9, 0, tzinfo=dt.UTC) + dt.timedelta(days=index))
    msg["Message-ID"] = f"<synthetic-{index}@example.gov.uk>"
    lines = _lines(doc)
    text = "\n".join(lines) + "\n"
    if style == "plain-qp":
        msg.set_content(text, cte="quoted-printable")
    elif style == "html-only":
        msg.set_content(_html(lines), subtype="html", cte="quoted-printable")
    elif style == "alternative-b64":
        msg.set_content(text, cte="base64")
        msg.add_alternative(_html(lines), subtype="html", cte="base64")
        msg.set_boundary(f"synthetic-{index}")  # not a random one: the same seed gives the same bytes
    else:
        try:
            text.encode("iso-8859-1")
            msg.set_content(text.encode("iso-8859-1"), maintype="text", subtype="plain", cte="8bit")
            msg.set_param("charset", "iso-8859-1")
        except UnicodeEncodeError:  # names outside Latin-1 (Ł, ŵ): send as UTF-8 instead
            msg.set_content(text, cte="8bit")
    return msg.as_bytes(policy=SMTP)


def write_mail_corpus(out_dir: Path, count: int, seed: int = 0) -> Path:
    """Write `count` labelled .eml files under `out_dir` and their labels to out_dir/.labels.json."""
    documents: dict[str, DocumentLabels] = {}
    for i, doc in enumerate(generate_documents(count, seed)):
        relpath = str(PurePosixPath(doc.relpath).with_suffix(".eml"))
        path = out_dir / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(build_email(doc, STYLES[i % len(STYLES)], i))
        # an e-mail has no document metadata; the printout's is written by the tool
        documents[relpath] = replace(doc.labels(), kind=f"email/{doc.kind}", metadata_personal=())
    return write_labels(out_dir / LABELS_FILE, documents, generator="redactor.synthetic_mail", seed=seed)


def mail_main(argv: list[str] | None = None) -> int:
    """Write synthetic labelled .eml files."""
    parser = argparse.ArgumentParser(
        prog="python -m devtools.synthetic_mail",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_mail_corpus(args.out, args.count, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(mail_main())
