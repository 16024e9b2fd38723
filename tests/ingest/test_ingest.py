"""Ingest: text with per-character geometry, re-joined hyphenation, and clear failures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest

from redactor.config import OcrConfig
from redactor.decide.policy import line_rects
from redactor.errors import DocumentError
from redactor.ingest.pdf import load


def test_every_character_has_a_box_or_is_a_separator(make_pdf: Callable[..., Path]) -> None:
    doc, problems = load(make_pdf(["Dear Siân ap Gruffydd,", "Thank you."]), "doc.pdf")
    page = doc.pages[0]
    assert problems == []
    assert "Dear Si" in page.text and "Thank you." in page.text
    for ch, box, line in zip(page.text, page.boxes, page.lines, strict=True):
        assert (box is None) == (line == -1)
        if box is None:
            assert ch.isspace()


def test_hyphenated_word_is_rejoined_and_covers_both_lines(make_pdf: Callable[..., Path]) -> None:
    doc, _ = load(make_pdf(["Our neighbour Mr Llywel-", "lyn Pritchard complained."]), "doc.pdf")
    page = doc.pages[0]
    start = page.text.index("Llywellyn Pritchard")
    rects = line_rects(page, start, start + len("Llywellyn Pritchard"))
    assert len(rects) == 2  # one piece on each line
    assert rects[0][1] < rects[1][1]


def test_hyphen_before_capital_is_kept(make_pdf: Callable[..., Path]) -> None:
    doc, _ = load(make_pdf(["the Bowen-", "Jones family"]), "doc.pdf")
    assert "Bowen-\nJones" in doc.pages[0].text


def test_name_over_line_break_gives_one_rect_per_line(make_pdf: Callable[..., Path]) -> None:
    doc, _ = load(make_pdf(["a letter from Gwenllian", "Pritchard of Bangor"]), "doc.pdf")
    page = doc.pages[0]
    start = page.text.index("Gwenllian")
    end = page.text.index("Pritchard") + len("Pritchard")
    assert len(line_rects(page, start, end)) == 2


def test_sha256_is_of_the_input_bytes(make_pdf: Callable[..., Path]) -> None:
    import hashlib

    path = make_pdf(["x"])
    doc, _ = load(path, "doc.pdf")
    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_not_a_pdf_fails_clearly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\nthis is not really a pdf")
    with pytest.raises(DocumentError, match=r"bad\.pdf: cannot be opened"):
        load(bad, "bad.pdf")


def test_encrypted_pdf_fails_with_what_to_do(tmp_path: Path, make_pdf: Callable[..., Path]) -> None:
    src = pymupdf.open(make_pdf(["secret"]))
    path = tmp_path / "locked.pdf"
    src.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    with pytest.raises(DocumentError, match=r"password-protected; save an unencrypted copy"):
        load(path, "locked.pdf")


def test_image_only_page_needs_review(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 280), False)
    pix.set_rect(pix.irect, (200, 200, 200))
    page.insert_image(page.rect, pixmap=pix)
    path = tmp_path / "scan.pdf"
    doc.save(path)
    # With OCR off (the default OCRs scans; see tests/test_ocr.py), a scan is left for a person.
    _, problems = load(path, "scan.pdf", OcrConfig(enabled=False))
    assert problems and "needs OCR" in problems[0]


def test_form_field_values_are_read(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "applicant"
    widget.field_value = "Dafydd Rhys-Evans"
    widget.rect = pymupdf.Rect(72, 72, 300, 92)
    page.add_widget(widget)
    path = tmp_path / "form.pdf"
    doc.save(path)
    loaded, _ = load(path, "form.pdf")
    assert "Dafydd Rhys-Evans" in loaded.pages[0].text


def test_zero_width_characters_do_not_split_words(tmp_path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    writer = pymupdf.TextWriter(page.rect)
    writer.append((72, 72), "Contact eleanor.prit\u200bchard@example.com today", font=pymupdf.Font("helv"))
    writer.write_text(page)
    path = tmp_path / "zw.pdf"
    doc.save(path)
    loaded, _ = load(path, "zw.pdf")
    assert "eleanor.pritchard@example.com" in loaded.pages[0].text
