"""Apply: true removal of text, pixels and leaky structures; the output is a clean full rewrite."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactor.apply.redact import redact_pdf
from redactor.config import RedactionConfig
from redactor.decide.policy import line_rects
from redactor.ingest.pdf import load
from redactor.types import Action, Decision, Document, Finding
from redactor.verify.checks import stream_strings, verify_output
from tests.conftest import write_lines


def decisions_for(doc: Document, *values: str) -> list[Decision]:
    out = []
    for value in values:
        for page in doc.pages:
            for m in re.finditer(re.escape(value), page.text):
                f = Finding(page.number, m.start(), m.end(), "PERSON", value, 0.9, "Test", "test")
                out.append(
                    Decision(
                        f"R{len(out):04d}",
                        f,
                        Action.REDACT,
                        "Names of third parties",
                        "test",
                        "s40(2)",
                        "s40(3A)(a)",
                        line_rects(page, m.start(), m.end()),
                    )
                )
    assert out, f"none of {values} found"
    return out


def redact(src: Path, tmp_path: Path, *values: str) -> tuple[Path, list[Decision]]:
    doc, _ = load(src, src.name)
    decisions = decisions_for(doc, *values)
    out = tmp_path / "out.pdf"
    redact_pdf(src, doc, decisions, out, RedactionConfig())
    return out, decisions


def all_text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return "\n".join(page.get_text() for page in doc)


def raw_streams(path: Path) -> bytes:
    with pymupdf.open(path) as doc:
        return b"".join(doc.xref_stream(x) or b"" for x in range(1, doc.xref_length()) if doc.xref_is_stream(x))


def test_text_is_removed_and_neighbours_survive(make_pdf: Callable[..., Path], tmp_path: Path) -> None:
    src = make_pdf(["Line above stays here", "Complaint from Eleanor Pritchard about noise", "Line below stays too"])
    out, decisions = redact(src, tmp_path, "Eleanor Pritchard")
    text = all_text(out)
    assert "Eleanor" not in text and "Pritchard" not in text
    assert b"Pritchard" not in raw_streams(out)
    for kept in ("Line above stays here", "Complaint from", "about noise", "Line below stays too"):
        assert kept in text
    assert verify_output(out, decisions) == []


def test_boxes_are_labelled_with_the_exemption(make_pdf: Callable[..., Path], tmp_path: Path) -> None:
    src = make_pdf(["Complaint from Eleanor Pritchard about noise"])
    out, _ = redact(src, tmp_path, "Eleanor Pritchard")
    assert "s40(2)" in all_text(out)


def test_metadata_xmp_outline_and_annotations_are_removed(make_pdf: Callable[..., Path], tmp_path: Path) -> None:
    src = make_pdf(["Letter from Eleanor Pritchard", "page text"], author="Eleanor Pritchard", title="Pritchard")
    doc = pymupdf.open(src)
    doc.set_xml_metadata("<x:xmpmeta xmlns:x='adobe:ns:meta/'><dc>Eleanor Pritchard</dc></x:xmpmeta>")
    doc.set_toc([[1, "Letter from Eleanor Pritchard", 1]])
    page = doc[0]
    page.add_text_annot((300, 300), "Comment: phone Eleanor on 07700 900123")
    page.insert_link(
        {"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 60, 200, 80), "uri": "mailto:eleanor@example.com"}
    )
    doc.embfile_add("notes.txt", b"Eleanor Pritchard, 14 Heol y Deri")
    doc.set_page_labels([{"startpage": 0, "prefix": "Pritchard-", "style": "D"}])
    js_xref = doc.get_new_xref()
    doc.update_object(js_xref, "<< /S /JavaScript /JS (app.alert('hi')) >>")
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"{js_xref} 0 R")
    rich = tmp_path / "rich.pdf"
    doc.save(rich)
    out, decisions = redact(rich, tmp_path, "Eleanor Pritchard")
    with pymupdf.open(out) as result:
        assert all(not v for k, v in result.metadata.items() if k not in ("format", "encryption"))
        assert result.get_xml_metadata() == ""
        assert result.get_toc() == []
        assert result.embfile_count() == 0
        assert result[0].first_annot is None and result[0].get_links() == []
        assert result.get_page_labels() == []
        assert "/JavaScript" not in "".join(result.xref_object(x) for x in range(1, result.xref_length()))
    assert b"Pritchard" not in out.read_bytes()
    assert verify_output(out, decisions) == []


def test_output_is_a_full_rewrite_even_after_incremental_saves(make_pdf: Callable[..., Path], tmp_path: Path) -> None:
    src = make_pdf(["First version names Eleanor Pritchard"])
    doc = pymupdf.open(src)
    doc[0].insert_text((72, 200), "added later", fontname="helv")
    doc.save(src, incremental=True, encryption=pymupdf.PDF_ENCRYPT_KEEP)
    doc.close()
    assert src.read_bytes().count(b"startxref") == 2
    out, _ = redact(src, tmp_path, "Eleanor Pritchard")
    assert out.read_bytes().count(b"startxref") == 1


def test_image_pixels_under_the_box_are_removed(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 100, 100), False)
    pix.set_rect(pix.irect, (255, 0, 0))
    page.insert_image(pymupdf.Rect(72, 60, 272, 260), pixmap=pix)
    page.insert_text((80, 150), "Signed: Eleanor Pritchard", fontname="helv", fontsize=11)
    src = tmp_path / "img.pdf"
    doc.save(src)
    out, _ = redact(src, tmp_path, "Eleanor Pritchard")
    with pymupdf.open(out) as result:
        xref = result[0].get_images()[0][0]
        image = pymupdf.Pixmap(result, xref)
        # The name sits around x=150..230, y=140..152 on the page: image pixels (scale 2) near (50, 43).
        assert image.pixel(60, 42) != (255, 0, 0)
        assert image.pixel(5, 5) == (255, 0, 0)  # far from the box: untouched


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_pages_are_redacted_in_the_right_place(tmp_path: Path, rotation: int) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Keep this line", fontname="helv")
    page.insert_text((72, 130), "Resident Eleanor Pritchard", fontname="helv")
    page.set_rotation(rotation)
    src = tmp_path / "rot.pdf"
    doc.save(src)
    out, _ = redact(src, tmp_path, "Eleanor Pritchard")
    text = all_text(out)
    assert "Pritchard" not in text and "Eleanor" not in text
    assert "Keep this line" in text and "Resident" in text


def test_form_field_values_are_removed(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "applicant"
    widget.field_value = "Eleanor Pritchard"
    widget.rect = pymupdf.Rect(72, 72, 300, 92)
    page.add_widget(widget)
    src = tmp_path / "form.pdf"
    doc.save(src)
    out, decisions = redact(src, tmp_path, "Eleanor Pritchard")
    assert b"Pritchard" not in out.read_bytes()
    assert verify_output(out, decisions) == []


NAME = st.builds(
    lambda first, last: f"{first} {last}",
    st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True),
    st.from_regex(r"[A-Z][a-z]{3,10}", fullmatch=True),
)


# Derandomised: every run draws the same examples, so a failure is repeatable and a green run is too.
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(NAME, min_size=1, max_size=4, unique=True), size=st.sampled_from([8, 10, 11, 14]))
def test_property_redacted_names_are_gone_everywhere(tmp_path: Path, names: list[str], size: int) -> None:
    lines = [f"{i}. a note about {name} and the planning committee" for i, name in enumerate(names)]
    lines += [f"Signed for {names[-1]}"]
    src = write_lines(tmp_path / "p.pdf", [lines], fontsize=size)
    out, decisions = redact(src, tmp_path, *names)
    text = all_text(out)
    streams = raw_strings(out)
    for name in names:
        for word in name.split():
            assert not re.search(rf"\b{word}\b", text), word
        assert name.replace(" ", "") not in streams.replace(" ", "")
    assert text.count("planning committee") == len(names)
    assert verify_output(out, decisions) == []
    # Redacting the output again with nothing to remove changes no text.
    again = tmp_path / "again.pdf"
    redact_pdf(out, load(out, "out.pdf")[0], [], again, RedactionConfig())
    assert all_text(again) == text


def raw_strings(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return "".join(
            stream_strings(doc.xref_stream(x) or b"") for x in range(1, doc.xref_length()) if doc.xref_is_stream(x)
        )


def test_vertical_text_is_redacted_along_the_line(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((100, 500), "Keep this line", fontname="helv")
    page.insert_text((60, 500), "Filed by Eleanor Pritchard today", fontname="helv", rotate=90)
    src = tmp_path / "vertical.pdf"
    doc.save(src)
    out, decisions = redact(src, tmp_path, "Eleanor Pritchard")
    text = all_text(out)
    assert "Eleanor" not in text and "Pritchard" not in text
    assert "Keep this line" in text and "today" in text
    assert [c for c in verify_output(out, decisions) if c.severity.value == "fail"] == []
