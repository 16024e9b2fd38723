"""E-mail: parse .eml (RFC 822/MIME) and Outlook .msg files, and print them to PDF.

An e-mail becomes a PDF the way a person would print it (header block, body, list of
attachments), and that PDF then goes through the ordinary pipeline. Attachments are kept
as bytes (or, for attached e-mails, already parsed) so the pipeline can process the PDF and
e-mail ones as documents of their own and list the rest for manual review.
"""

from __future__ import annotations

import binascii
import contextlib
import email
import email.policy
import html
import mimetypes
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from email.header import decode_header, make_header
from email.message import Message
from email.utils import format_datetime, getaddresses
from pathlib import Path
from typing import Any

import pymupdf

from redactor.errors import DocumentError
from redactor.ingest.html_clean import breakable, clean_html

EML_SUFFIXES = frozenset({".eml"})
MSG_SUFFIXES = frozenset({".msg"})
EMAIL_SUFFIXES = EML_SUFFIXES | MSG_SUFFIXES
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# Nested e-mails beyond this depth are listed, not opened (a message-in-message bomb).
MAX_DEPTH = 3
# Bodies and attachments above these sizes are not parsed or rendered automatically.
MAX_EMAIL_BYTES = 50 * 1024 * 1024
MAX_BODY_CHARS = 2_000_000
MAX_PAGES = 300
# Detached signatures of the message itself: no readable content, and void once it is redacted.
SIGNATURE_TYPES = frozenset(
    {"application/pgp-signature", "application/pkcs7-signature", "application/x-pkcs7-signature"}
)

# Headers that make an extensionless file recognisably an e-mail (mail-parser's fixtures,
# maildir files): at least two of them in the first header block.
_SNIFF_HEADERS = frozenset(
    {"from", "to", "subject", "date", "received", "return-path", "message-id", "mime-version", "delivered-to"}
)
_HEADER_LINE = re.compile(rb"^([A-Za-z][A-Za-z0-9-]*):")

PAGE = pymupdf.paper_rect("a4")
MARGIN = 54.0
CSS = """
* { font-family: sans-serif; font-size: 10pt; line-height: 1.25; }
table { border-collapse: collapse; }
td, th { border: 0.5pt solid #888; padding: 2pt; vertical-align: top; }
table.headers td { border: none; padding: 1pt 6pt 1pt 0; }
.label { font-weight: bold; }
.plain { white-space: pre-wrap; }
td, th, p, span, a, font { white-space: normal; }
h2 { font-size: 11pt; margin: 6pt 0 2pt 0; }
hr { margin: 4pt 0; }
"""


@dataclass(frozen=True)
class Attachment:
    """One attachment: its bytes, or for an attached e-mail the parsed message."""

    name: str
    content_type: str
    data: bytes = b""
    message: Email | None = None
    note: str = ""  # why it was not opened (needs a person)
    error: str = ""  # why it could not be read (an attached e-mail that is broken)

    @property
    def kind(self) -> str:
        """'email', 'pdf', 'text', 'signature' or 'other': what the pipeline can do with it."""
        if self.message is not None:
            return "email"
        lower = self.name.lower()
        if self.data[:1024].lstrip().startswith(b"%PDF-") or (
            self.data and (self.content_type == "application/pdf" or lower.endswith(".pdf"))
        ):
            return "pdf"
        if self.content_type in SIGNATURE_TYPES:
            return "signature"
        if self.data and self.content_type.startswith("text/") and b"\x00" not in self.data[:4096]:
            return "text"  # a note, a diff, source code, a CSV: printed like a plain-text body
        return "other"


@dataclass(frozen=True)
class Email:
    """An e-mail reduced to what a printout shows."""

    sender: str
    to: str
    cc: str
    date: str
    subject: str
    body: tuple[tuple[str, str], ...]  # ("html" | "text", content), in message order
    attachments: tuple[Attachment, ...] = ()
    warnings: tuple[str, ...] = field(default=())


# --------------------------------------------------------------------------- decoding


def _fix_surrogates(text: str) -> str:
    # compat32 keeps undecodable header bytes as surrogates; recover them as UTF-8 or cp1252.
    if not any("\udc80" <= c <= "\udcff" for c in text):
        return text
    raw = text.encode("utf-8", "surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", "replace")


def decode_bytes(data: bytes, charset: str | None) -> tuple[str, bool]:
    """Decode body bytes by their declared charset, with fallbacks; returns (text, clean)."""
    declared = (charset or "").strip().strip('"').lower()
    candidates: list[str] = []
    # A body labelled Latin-1 or ASCII that is valid UTF-8 with non-ASCII bytes is UTF-8
    # mislabelled (a common client bug); decoding it as Latin-1 would garble every accent.
    if declared in ("", "us-ascii", "ascii", "iso-8859-1", "latin-1", "latin1") and not data.isascii():
        candidates.append("utf-8")
    if declared:
        candidates.append(declared)
    candidates += ["utf-8", "cp1252"]
    for name in candidates:
        try:
            return data.decode(name), True
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("utf-8", "replace"), False


def _header_text(value: Any) -> str:
    text = str(value)
    with contextlib.suppress(LookupError, UnicodeError, ValueError, email.errors.HeaderParseError):
        text = str(make_header(decode_header(text)))
    return " ".join(_fix_surrogates(text).split())


def format_addresses(raw: str) -> str:
    """Addresses as 'Name <address>', plainly (no quotes), so detection reads the name as text."""
    if not raw:
        return ""
    try:
        pairs = getaddresses([raw])
    except (TypeError, ValueError, IndexError):
        return raw
    if not pairs or any(not name and not addr for name, addr in pairs):
        return raw  # unparseable: show it as written rather than lose any of it
    parts = [f"{name} <{addr}>" if name and addr else (name or addr) for name, addr in pairs]
    return ", ".join(parts)


# --------------------------------------------------------------------------- .eml


def looks_like_email(path: Path) -> bool:
    """Whether an extensionless file starts with an RFC 822 header block."""
    try:
        with path.open("rb") as fh:
            head = fh.read(8192)
    except OSError:
        return False
    found: set[str] = set()
    for line in head.splitlines():
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t") or line.startswith(b"From "):
            continue
        m = _HEADER_LINE.match(line)
        if not m:
            return False
        found.add(m.group(1).decode("ascii").lower())
    return len(found & _SNIFF_HEADERS) >= 2


def parse_eml(data: bytes, name: str, depth: int = 0) -> Email:
    """Parse RFC 822 bytes; a file that is not an e-mail at all raises DocumentError."""
    if not data.strip():
        raise DocumentError(f"{name}: the e-mail file is empty; check that it was saved completely")
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    return _from_message(msg, name, depth)


def _from_message(msg: Message, name: str, depth: int) -> Email:
    keys = {k.lower() for k in msg}
    if not keys:
        raise DocumentError(
            f"{name}: no e-mail headers could be read (the file is truncated or not an e-mail); "
            "export the message again as .eml or .msg"
        )
    warnings: list[str] = []
    if msg.defects:
        defects = "; ".join(sorted({type(d).__name__ for d in msg.defects}))
        warnings.append(f"the e-mail's MIME structure is damaged: {defects}")
    body: list[tuple[str, str]] = []
    attachments: list[Attachment] = []
    _walk(msg, name, depth, body, attachments, warnings)

    def header(key: str) -> str:
        return ", ".join(_header_text(v) for v in msg.get_all(key, []))

    return Email(
        sender=format_addresses(header("from")),
        to=format_addresses(header("to")),
        cc=format_addresses(header("cc")),
        date=header("date"),
        subject=header("subject"),
        body=tuple(body),
        attachments=tuple(attachments),
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _filename(part: Message) -> str:
    raw = part.get_filename() or part.get_param("name") or ""
    if isinstance(raw, tuple):  # RFC 2231 triple
        raw = email.utils.collapse_rfc2231_value(raw)
    return _header_text(raw).replace("/", "_").replace("\\", "_")


def _payload(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except (ValueError, TypeError, AssertionError):
        data = None
    return data if isinstance(data, bytes) else b""


def _walk(
    part: Message,
    name: str,
    depth: int,
    body: list[tuple[str, str]],
    attachments: list[Attachment],
    warnings: list[str],
) -> None:
    ctype = part.get_content_type()
    disposition = str(part.get("content-disposition") or "").split(";")[0].strip().lower()
    filename = _filename(part)
    if ctype == "message/rfc822" or (ctype.startswith("message/") and ctype != "message/delivery-status"):
        inner = part.get_payload()
        if isinstance(inner, list) and inner and isinstance(inner[0], Message):
            label = filename or _header_text(inner[0].get("subject", "")) or "attached message"
            attachments.append(_nested(inner[0].as_bytes(), label, "eml", depth))
        else:
            attachments.append(Attachment(filename or "attached message", ctype, _payload(part)))
        return
    if part.is_multipart():
        children = [p for p in part.get_payload() if isinstance(p, Message)]
        if ctype == "multipart/alternative" and children:
            # Alternatives are renderings of one content: print the richest one only, and
            # treat any file inside the others (rare) as attachments.
            best = _best_alternative(children)
            for child in children:
                if child is best:
                    _walk(child, name, depth, body, attachments, warnings)
                elif child.is_multipart():
                    _walk(child, name, depth, [], attachments, warnings)
            return
        for child in children:
            _walk(child, name, depth, body, attachments, warnings)
        return
    is_body_text = part.get_content_maintype() in ("text", "message") and disposition != "attachment" and not filename
    if is_body_text:
        if ctype == "message/delivery-status":
            payload = part.get_payload()
            text = payload if isinstance(payload, str) else part.as_string().split("\n\n", 1)[-1]
            body.append(("text", _fix_surrogates(text)))
            return
        raw = _payload(part)
        text, clean = decode_bytes(raw, part.get_content_charset())
        if not clean:
            warnings.append("part of the body is in an unknown character set; undecodable bytes are shown as \ufffd")
        if ctype != "text/html":
            text = _split_uuencoded(text, attachments)
        body.append(("html" if ctype == "text/html" else "text", text))
        return
    data = _payload(part)
    lower = filename.lower()
    if lower.endswith(".eml"):
        attachments.append(_nested(data, filename, "eml", depth))
    elif (lower.endswith(".msg") or ctype == "application/vnd.ms-outlook") and data.startswith(OLE_MAGIC):
        attachments.append(_nested(data, filename, "msg", depth))
    else:
        attachments.append(Attachment(filename or f"unnamed {ctype} part", ctype, data))


_UUENCODED = re.compile(r"^begin [0-7]{3,4} ([^\n]+)\n(.*?)^end[ \t]*$", re.MULTILINE | re.DOTALL)


def _split_uuencoded(text: str, attachments: list[Attachment]) -> str:
    """Files pasted into a plain-text body as uuencoded blocks become attachments of their own.

    Old mailers send attachments this way ("begin 666 reply.doc" ... "end"); printed, a block is
    pages of noise read as text, and the file inside is never looked at.
    """

    def extract(m: re.Match[str]) -> str:
        name = m.group(1).strip().replace("/", "_").replace("\\", "_")
        data = bytearray()
        for line in m.group(2).splitlines():
            with contextlib.suppress(binascii.Error):  # a damaged line is skipped; the file is reviewed by hand
                data += binascii.a2b_uu(line)
        ctype = mimetypes.guess_type(name)[0] or "application/octet-stream"
        attachments.append(Attachment(name, ctype, bytes(data)))
        return f"[uuencoded attachment {len(attachments)}: see the list of attachments]"

    if "begin " not in text:
        return text
    return _UUENCODED.sub(extract, text.replace("\r\n", "\n"))


def _best_alternative(children: Sequence[Message]) -> Message:
    for wanted in ("text/html", "multipart/related", "multipart/mixed", "text/plain"):
        for child in reversed(children):  # the last alternative is the preferred one (RFC 2046)
            if child.get_content_type() == wanted:
                return child
    return children[-1]


def _nested(data: bytes, name: str, fmt: str, depth: int) -> Attachment:
    ctype = "message/rfc822" if fmt == "eml" else "application/vnd.ms-outlook"
    if depth + 1 > MAX_DEPTH:
        return Attachment(name, ctype, data, note=f"e-mails nested more than {MAX_DEPTH} deep are not opened")
    try:
        inner = parse_eml(data, name, depth + 1) if fmt == "eml" else parse_msg(data, name, depth + 1)
    except DocumentError as exc:
        return Attachment(name, ctype, data, error=str(exc))
    return Attachment(name, ctype, data, message=inner)


# --------------------------------------------------------------------------- .msg


def parse_msg(data: bytes, name: str, depth: int = 0) -> Email:
    """Parse an Outlook .msg file (an OLE compound file) with extract-msg."""
    import extract_msg  # imported here: it is slow to import and only e-mail needs it

    if not data.startswith(OLE_MAGIC):
        raise DocumentError(f"{name}: is not an Outlook .msg file (no OLE header); export the message again")
    try:
        msg = extract_msg.openMsg(data, strict=False, delayAttachments=False)
    except Exception as exc:  # extract-msg raises many unrelated types for a damaged file
        raise DocumentError(
            f"{name}: the Outlook .msg file cannot be read ({type(exc).__name__}: {exc}); "
            "open it in Outlook and save it again, or export it as .eml"
        ) from exc
    try:
        return _from_msg_object(msg, name, depth)
    except DocumentError:
        raise
    except Exception as exc:  # as above, for properties read lazily
        raise DocumentError(
            f"{name}: the Outlook .msg file is damaged ({type(exc).__name__}: {exc}); "
            "open it in Outlook and save it again, or export it as .eml"
        ) from exc
    finally:
        msg.close()


def _safe(getter: Any, warnings: list[str], what: str) -> Any:
    try:
        return getter()
    except Exception as exc:  # noqa: BLE001 - one unreadable property must not lose the rest
        warnings.append(f"the {what} could not be read ({type(exc).__name__})")
        return None


def _from_msg_object(msg: Any, name: str, depth: int) -> Email:
    warnings: list[str] = []

    def text(attr: str) -> str:
        value = _safe(lambda: getattr(msg, attr, None), warnings, attr)
        if isinstance(value, datetime):
            return format_datetime(value)
        return " ".join(_fix_surrogates(str(value)).replace("\x00", "").split()) if value else ""

    body: list[tuple[str, str]] = []
    html_body = _safe(lambda: msg.htmlBody, warnings, "HTML body")
    if isinstance(html_body, bytes) and html_body.strip():
        declared = re.search(rb"charset=[\"']?([A-Za-z0-9_-]+)", html_body[:4096])
        decoded, _ = decode_bytes(html_body, declared.group(1).decode("ascii") if declared else None)
        body.append(("html", decoded))
    else:
        plain = _safe(lambda: msg.body, warnings, "body")
        if isinstance(plain, bytes):
            plain, _ = decode_bytes(plain, None)
        if isinstance(plain, str) and plain.strip():
            body.append(("text", plain.replace("\x00", "")))
        elif _safe(lambda: msg.rtfBody, warnings, "RTF body"):
            warnings.append("the body is in RTF only and could not be converted; it is not in this printout")
            raise DocumentError(
                f"{name}: the body is stored as RTF that cannot be converted to text; "
                "open it in Outlook, save it as HTML or .eml, and run again"
            )

    attachments: list[Attachment] = []
    for att in _safe(lambda: list(msg.attachments), warnings, "attachment list") or []:
        attachments.append(_msg_attachment(att, depth, warnings))
    return Email(
        sender=format_addresses(text("sender")),
        to=format_addresses(text("to").replace(";", ",")),
        cc=format_addresses(text("cc").replace(";", ",")),
        date=text("date"),
        subject=text("subject"),
        body=tuple(body),
        attachments=tuple(attachments),
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _msg_attachment(att: Any, depth: int, warnings: list[str]) -> Attachment:
    names = [getattr(att, a, None) for a in ("longFilename", "shortFilename", "displayName", "name")]
    name = next((str(n).replace("\x00", "") for n in names if isinstance(n, str) and n.strip()), "")
    name = name.replace("/", "_").replace("\\", "_")
    ctype = str(getattr(att, "mimetype", None) or "application/octet-stream")
    data = _safe(lambda: att.data, warnings, f"attachment {name or '(unnamed)'}")
    if data is not None and not isinstance(data, bytes | str) and hasattr(data, "attachments"):
        label = name or "attached message"
        if depth + 1 > MAX_DEPTH:
            deep = f"e-mails nested more than {MAX_DEPTH} deep are not opened"
            return Attachment(label, "application/vnd.ms-outlook", note=deep)
        try:
            return Attachment(label, "application/vnd.ms-outlook", message=_from_msg_object(data, label, depth + 1))
        except DocumentError as exc:
            return Attachment(label, "application/vnd.ms-outlook", error=str(exc))
        except Exception as exc:  # noqa: BLE001 - a damaged embedded message fails alone
            return Attachment(label, "application/vnd.ms-outlook", error=f"cannot be read ({type(exc).__name__})")
    raw = data if isinstance(data, bytes) else b""
    if name.lower().endswith(".eml"):
        return _nested(raw, name, "eml", depth)
    if name.lower().endswith(".msg") and raw.startswith(OLE_MAGIC):
        return _nested(raw, name, "msg", depth)
    return Attachment(name or f"unnamed {ctype} attachment", ctype, raw)


# --------------------------------------------------------------------------- loading


def is_email_path(path: Path) -> bool:
    return path.suffix.lower() in EMAIL_SUFFIXES or (path.suffix == "" and looks_like_email(path))


def load_email(data: bytes, name: str) -> Email:
    """Parse an e-mail file's bytes, choosing the format by content (a .msg is an OLE file)."""
    if len(data) > MAX_EMAIL_BYTES:
        raise DocumentError(
            f"{name}: the e-mail is larger than {MAX_EMAIL_BYTES // (1024 * 1024)} MB; split or review it by hand"
        )
    if data.startswith(OLE_MAGIC):
        return parse_msg(data, name)
    if name.lower().endswith(".msg"):
        raise DocumentError(f"{name}: is not an Outlook .msg file (no OLE header); export the message again")
    return parse_eml(data, name)


# --------------------------------------------------------------------------- rendering


def _clean_html(markup: str) -> str:
    # Images are not printed (see html_clean); the printout marks where they were.
    return clean_html(markup[:MAX_BODY_CHARS])


def _text_html(text: str) -> str:
    body = breakable(html.escape(text[:MAX_BODY_CHARS].replace(chr(13) + chr(10), chr(10))))
    return f'<div class="plain">{body}</div>'


def header_html(message: Email) -> str:
    rows = [
        ("From", message.sender),
        ("To", message.to),
        ("Cc", message.cc),
        ("Date", message.date),
        ("Subject", message.subject),
    ]
    cells = "".join(
        f'<tr><td class="label">{label}:</td><td>{html.escape(value)}</td></tr>'
        for label, value in rows
        if value or label != "Cc"
    )
    return f'<table class="headers">{cells}</table><hr/>'


def attachments_html(message: Email, notes: Sequence[str]) -> str:
    if not message.attachments:
        return ""
    items = []
    for i, att in enumerate(message.attachments):
        note = notes[i] if i < len(notes) else ""
        size = f", {len(att.data):,} bytes" if att.data else ""
        # The file's name is not printed: it can name a person ("j_smith_gp_notes.pdf"). It
        # stays in the internal log, beside the attachment's own record.
        line = f"{i + 1}. attachment ({att.content_type}{size})" + (f" - {note}" if note else "")
        items.append(f"<div>{html.escape(line)}</div>")
    return f"<hr/><h2>Attachments ({len(items)})</h2>{''.join(items)}"


def render_pdf(message: Email, out: Path, notes: Sequence[str] = (), name: str = "e-mail") -> int:
    """Print the e-mail to a PDF at `out`; returns the number of pages.

    Each part is laid out by its own `pymupdf.Story`, one after the other, so that broken
    markup in one HTML part cannot swallow the header block or the attachment list.
    """
    fragments = [header_html(message)]
    for kind, content in message.body:
        fragments.append(_clean_html(content) if kind == "html" else _text_html(content))
    if not message.body:
        fragments.append("<p><i>(This e-mail has no body text.)</i></p>")
    fragments.append(attachments_html(message, notes))
    return _write_pdf(fragments, out, name)


def render_text_attachment(att: Attachment, out: Path, name: str) -> tuple[int, str]:
    """Print a text attachment to a PDF at `out`, like a plain-text body; returns (pages, warning)."""
    text, clean = decode_bytes(att.data, None)
    warning = "" if clean else f"{name}: in an unknown character set; undecodable bytes are shown as \ufffd"
    fragment = _clean_html(text) if att.content_type == "text/html" else _text_html(text)
    return _write_pdf([fragment], out, name), warning


def _write_pdf(fragments: Sequence[str], out: Path, name: str) -> int:
    frame = pymupdf.Rect(PAGE.x0 + MARGIN, PAGE.y0 + MARGIN, PAGE.x1 - MARGIN, PAGE.y1 - MARGIN)
    pages = 0
    try:
        writer = pymupdf.DocumentWriter(str(out))
        device = None
        where = frame
        for fragment in fragments:
            if not fragment:
                continue
            story = pymupdf.Story(html=fragment, user_css=CSS)
            more = 1
            while more:
                if device is None:
                    if pages >= MAX_PAGES:
                        raise DocumentError(
                            f"{name}: the printout would be longer than {MAX_PAGES} pages; review it by hand"
                        )
                    device = writer.begin_page(PAGE)
                    pages += 1
                    where = frame
                more, filled = story.place(where)
                story.draw(device)
                if more:
                    writer.end_page()
                    device = None
                else:
                    where = pymupdf.Rect(frame.x0, pymupdf.Rect(filled).y1 + 6, frame.x1, frame.y1)
                    if where.height < 40:
                        writer.end_page()
                        device = None
        if device is not None:
            writer.end_page()
        writer.close()
    except (RuntimeError, ValueError) as exc:
        raise DocumentError(f"{name}: could not be printed to PDF ({exc}); review it by hand") from exc
    return pages
