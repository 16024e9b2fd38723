"""Data carried inside a PDF but not drawn: sanitised away by allow-list, and found by `redact check`.

Each case hides an invented name in a place viewers do not show. The released copy must not
hold it in any object or any decoded stream; `redact check` must report the original.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest

from redactor.apply.redact import redact_pdf
from redactor.apply.sanitise import strip_marked_text
from redactor.config import RedactionConfig
from redactor.ingest.pdf import load
from redactor.types import Severity
from redactor.verify.checks import check_file, verify_output

SURNAME = "Pritchard"
NAME = f"Eleanor {SURNAME}"
XMP = (
    "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
    f"<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:creator>{NAME}</dc:creator>"
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def _utf16_hex(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _stream_object(doc: pymupdf.Document, dictionary: str, data: bytes) -> int:
    xref = doc.get_new_xref()
    doc.update_object(xref, dictionary)
    doc.update_stream(xref, data)
    return xref


def _associated_file(doc: pymupdf.Document, holder: int) -> None:
    stream = _stream_object(doc, "<< /Type /EmbeddedFile >>", f"Notes about {NAME}".encode())
    spec = doc.get_new_xref()
    doc.update_object(spec, f"<< /Type /Filespec /F (notes.txt) /UF (notes.txt) /EF << /F {stream} 0 R >> >>")
    doc.xref_set_key(holder, "AF", f"[{spec} 0 R]")


def _af_on_page(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    _associated_file(doc, page.xref)


def _af_on_catalog(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    _associated_file(doc, doc.pdf_catalog())


def _xmp_on_image(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 20, 20), False)
    pix.clear_with(200)
    xref = page.insert_image(pymupdf.Rect(300, 300, 320, 320), pixmap=pix)
    meta = _stream_object(doc, "<< /Subtype /XML >>", XMP.encode())
    doc.xref_set_key(xref, "Metadata", f"{meta} 0 R")


def _marked_content(properties: str) -> Callable[[pymupdf.Document, pymupdf.Page], None]:
    def build(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        xref = page.get_contents()[0]
        stream = doc.xref_stream(xref)
        doc.update_stream(xref, f"/Span << {properties} >> BDC\n".encode() + stream + b"\nEMC\n")

    return build


def _private_keys(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    doc.xref_set_key(page.xref, "ReviewerNote", f"({NAME} to approve)")
    doc.xref_set_key(doc.pdf_catalog(), "AppPrivate", f"<< /Owner ({NAME}) >>")


def _named_destinations(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    doc.xref_set_key(doc.pdf_catalog(), "Dests", f"<< /{SURNAME}Eleanor [{page.xref} 0 R /Fit] >>")


CASES = [
    (_af_on_page, "associated-files", Severity.FAIL),
    (_af_on_catalog, "associated-files", Severity.FAIL),
    (_xmp_on_image, "object-metadata", Severity.FAIL),
    (_marked_content(f"/Alt ({NAME})"), "alt-text", Severity.FAIL),
    (_marked_content(f"/ActualText {_utf16_hex(NAME)}"), "alt-text", Severity.FAIL),
    (_marked_content(f"/E (Dr {NAME} \\(GP\\))"), "alt-text", Severity.FAIL),
    (_private_keys, "private-data", Severity.FAIL),
    (_named_destinations, "named-destinations", Severity.WARN),
]


def _build(path: Path, change: Callable[[pymupdf.Document, pymupdf.Page], None]) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "The committee met on Tuesday and agreed the plan.", fontsize=11, fontname="helv")
    change(doc, page)
    doc.save(path)
    doc.close()
    return path


def everything_in(path: Path) -> str:
    """Every object and every decoded stream of a PDF, as text (single-byte and UTF-16 readings)."""
    parts = [path.read_bytes().decode("latin-1")]
    with pymupdf.open(path) as doc:
        for xref in range(1, doc.xref_length()):
            parts.append(doc.xref_object(xref, compressed=True))
            if doc.xref_is_stream(xref):
                data = doc.xref_stream(xref) or b""
                parts += [data.decode("latin-1"), data.decode("utf-16-be", "ignore")]
    text = "\n".join(parts)
    for m in re.finditer(r"<([0-9A-Fa-f\s]{4,})>", text):  # hex strings, read both ways
        raw = bytes.fromhex(re.sub(r"\s", "", m.group(1)) + "0" * (len(re.sub(r"\s", "", m.group(1))) % 2))
        text += "\n" + raw.decode("latin-1") + raw.decode("utf-16-be", "ignore")
    return text


@pytest.mark.parametrize(("change", "code", "severity"), CASES)
def test_check_finds_data_outside_the_page(
    tmp_path: Path, change: Callable[[pymupdf.Document, pymupdf.Page], None], code: str, severity: Severity
) -> None:
    report = check_file(_build(tmp_path / "in.pdf", change))
    assert (code, severity) in {(f.code, f.severity) for f in report.findings}, report.findings


@pytest.mark.parametrize(("change", "code", "severity"), CASES)
def test_released_copy_keeps_none_of_it(
    tmp_path: Path, change: Callable[[pymupdf.Document, pymupdf.Page], None], code: str, severity: Severity
) -> None:
    source = _build(tmp_path / "in.pdf", change)
    assert SURNAME in everything_in(source)
    document, _ = load(source, "in.pdf")
    out = tmp_path / "out.pdf"
    redact_pdf(source, document, [], out, RedactionConfig())
    assert SURNAME not in everything_in(out)
    assert [f for f in verify_output(out, []) if f.severity is Severity.FAIL] == []
    with pymupdf.open(out) as doc:
        assert "committee met on Tuesday" in doc[0].get_text()


def test_marked_text_is_cut_without_breaking_the_stream() -> None:
    stream = b"/Span << /Alt (a \\) (nested) b) /Lang (en) >> BDC BT /F1 11 Tf (Hello) Tj ET EMC"
    assert strip_marked_text(stream) == b"/Span <<  /Lang (en) >> BDC BT /F1 11 Tf (Hello) Tj ET EMC"


def test_fonts_named_after_a_person_are_renamed_and_drawn_the_same(tmp_path: Path) -> None:
    fontfile = Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf")
    doc = pymupdf.open()
    page = doc.new_page()
    if fontfile.is_file():
        page.insert_font(fontname=SURNAME, fontfile=str(fontfile))
    else:
        page.insert_font(fontname=SURNAME, fontbuffer=pymupdf.Font("helv").buffer)
    page.insert_text((72, 72), "The committee met on Tuesday.", fontname=SURNAME)
    source = tmp_path / "in.pdf"
    doc.save(source)
    with pymupdf.open(source) as original:
        drawn = original[0].get_pixmap().samples
    document, _ = load(source, "in.pdf")
    out = tmp_path / "out.pdf"
    redact_pdf(source, document, [], out, RedactionConfig())
    assert SURNAME not in everything_in(out)
    with pymupdf.open(out) as released:
        assert "committee met on Tuesday" in " ".join(released[0].get_text().split())
        assert released[0].get_pixmap().samples == drawn
