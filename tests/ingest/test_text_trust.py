"""Pages whose text layer does not say what is drawn: checked cheaply, compared with OCR, read like scans.

Each document is built here with PyMuPDF: a ToUnicode map shifted by one letter ("Kbof" where
the page shows "Jane") for the whole page or for one name's font, glyphs drawn at random or
right to left, overprinted as fake bold, the letter drawn as vector outlines (no text layer
where the words are seen). The released page is read back by OCR.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from redactor.apply.redact import glyph_paths_astride
from redactor.config import OcrConfig, TextCheckConfig
from redactor.ingest import ocr, trust
from redactor.ingest import pdf as ingest
from redactor.pipeline import Task
from redactor.types import PageText, Status

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")

NAME = "Jane Pemberton"
BODY = [
    f"Dear {NAME},",
    "Thank you for your letter about the library opening hours in the town.",
    "We will reply to your request within twenty working days of receiving it.",
    "If you have any questions about this, please write to us again.",
    "Yours sincerely",
]
# Letters only, shifted by one: A->B ... y->z (the spaces and punctuation stay right).
SHIFTED_CMAP = (
    b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Shifted def "
    b"1 begincodespacerange <00> <FF> endcodespacerange "
    b"2 beginbfrange <41> <59> <0042> <61> <79> <0062> endbfrange endcmap "
    b"CMapName currentdict /CMap defineresource pop end end"
)


# Every letter mapped into the private use area, as a Type 3 or symbol font without Unicode reads.
PRIVATE_CMAP = SHIFTED_CMAP.replace(b"<41> <59> <0042> <61> <79> <0062>", b"<41> <5A> <E041> <61> <7A> <E061>")


def _typed(page: pymupdf.Page) -> None:
    for i, line in enumerate(BODY):
        page.insert_text((72, 100 + 20 * i), line, fontsize=11)


def _save(doc: pymupdf.Document, path: Path) -> Path:
    doc.save(path)
    doc.close()
    return path


def plain(path: Path) -> Path:
    doc = pymupdf.open()
    _typed(doc.new_page())
    return _save(doc, path)


def _set_unicode_map(doc: pymupdf.Document, font: int, to_unicode: bytes) -> None:
    cmap = doc.get_new_xref()
    doc.update_object(cmap, "<<>>")
    doc.update_stream(cmap, to_unicode)
    doc.xref_set_key(font, "ToUnicode", f"{cmap} 0 R")


def _mapped(path: Path, to_unicode: bytes) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    _typed(page)
    for xref, *_ in page.get_fonts():
        _set_unicode_map(doc, xref, to_unicode)
    return _save(doc, path)


def shifted_map(path: Path) -> Path:
    return _mapped(path, SHIFTED_CMAP)


def private_use_map(path: Path) -> Path:
    return _mapped(path, PRIVATE_CMAP)


def _glyph_by_glyph(path: Path, order: Callable[[list[tuple[float, str]]], None]) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    font = pymupdf.Font("helv")
    for i, line in enumerate(BODY):
        glyphs, x = [], 72.0
        for c in line:
            glyphs.append((x, c))
            x += font.text_length(c, fontsize=11)
        order(glyphs)
        writer = pymupdf.TextWriter(page.rect)
        for gx, c in glyphs:
            writer.append((gx, 100 + 20 * i), c, font=font, fontsize=11)
        writer.write_text(page)
    return _save(doc, path)


def random_order(path: Path) -> Path:
    return _glyph_by_glyph(path, random.Random(7).shuffle)


def right_to_left(path: Path) -> Path:
    return _glyph_by_glyph(path, lambda glyphs: glyphs.reverse())


def outlines(path: Path) -> Path:
    """The letter drawn as vector paths (text turned into outlines), with one typed line."""
    source = pymupdf.open()
    _typed(source.new_page())
    svg = source[0].get_svg_image(text_as_path=True)
    drawn = pymupdf.open("pdf", pymupdf.open("svg", svg.encode()).convert_to_pdf())
    doc = pymupdf.open()
    page = doc.new_page()
    page.show_pdf_page(page.rect, drawn, 0)
    page.insert_text((72, 400), "Reference FOI 2024/118", fontsize=11)
    return _save(doc, path)


def one_word_remapped(path: Path) -> Path:
    """A sound letter in Helvetica; only the name, in Times, is drawn through a shifted map."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 100), "Dear", fontsize=11)
    page.insert_text((100, 100), NAME, fontsize=11, fontname="tiro")
    for i, line in enumerate(BODY[1:], start=1):
        page.insert_text((72, 100 + 20 * i), line, fontsize=11)
    for xref, _ext, _kind, basefont, *_ in page.get_fonts():
        if basefont == "Times-Roman":
            _set_unicode_map(doc, xref, SHIFTED_CMAP)
    return _save(doc, path)


def fake_bold(path: Path) -> Path:
    """Every glyph drawn twice, 0.35 pt apart: bold faked by overprinting (extractors merge the pairs)."""
    doc = pymupdf.open()
    page = doc.new_page()
    font = pymupdf.Font("helv")
    for i, line in enumerate(BODY):
        writer, x = pymupdf.TextWriter(page.rect), 72.0
        for c in line:
            for dx in (0.0, 0.35):
                writer.append((x + dx, 100 + 20 * i), c, font=font, fontsize=11)
            x += font.text_length(c, fontsize=11)
        writer.write_text(page)
    return _save(doc, path)


MISMATCHED = {
    "shifted map": (shifted_map, "does not read as words"),
    "private-use map": (private_use_map, "cannot be decoded"),
    "random order": (random_order, "out of reading order"),
    "right to left": (right_to_left, "out of reading order"),
    "outlines": (outlines, "text as outlines"),
    "one word remapped": (one_word_remapped, "reads other letters than it draws (Times-Roman)"),
}


def _first_page(path: Path) -> tuple[pymupdf.Document, pymupdf.Page, PageText]:
    doc = pymupdf.open(path)
    ingest.prepare(doc)
    return doc, doc[0], ingest.page_text_of(doc[0])


# --------------------------------------------------------------------------- without Tesseract


def test_a_sound_page_is_not_suspect(tmp_path: Path) -> None:
    doc, page, text = _first_page(plain(tmp_path / "plain.pdf"))
    assert trust.suspicion(page, text, TextCheckConfig()) is None
    doc.close()


@pytest.mark.parametrize("kind", list(MISMATCHED))
def test_each_mismatch_is_suspect(tmp_path: Path, kind: str) -> None:
    build, why = MISMATCHED[kind]
    doc, page, text = _first_page(build(tmp_path / "m.pdf"))
    assert NAME not in text.text  # the text layer really does not say what is drawn
    reason = trust.suspicion(page, text, TextCheckConfig())
    assert reason is not None and why in reason
    doc.close()


def test_links_and_addresses_are_not_judged_as_prose(tmp_path: Path) -> None:
    """A footer of links and mailboxes has no common words, and is sound: it is not OCR'd."""
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(
        [
            "https://lists.example.org/mailman/listinfo/planning-users_lists.example.org",
            "planning-users@lists.example.org www.example.gov.uk/planning/applications/search",
            "foi.requests@council.example.gov.uk http://www.example.gov.uk/foi/disclosure-log",
            "Follow us: www.example.gov.uk/news/latest https://social.example.com/councilnews",
        ]
    ):
        page.insert_text((40, 100 + 20 * i), line, fontsize=9)
    text = ingest.page_text_of(page)
    assert len(trust.words_of(text.text)) >= 20
    assert trust.suspicion(page, text, TextCheckConfig()) is None
    doc.close()


def test_letter_sized_shapes_are_counted_in_bounded_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 small filled shapes with no text on them, and one line of text over a few others."""
    doc = pymupdf.open()
    page = doc.new_page()
    for i in range(2000):
        x, y = 20 + (i % 50) * 10.0, 30 + (i // 50) * 16.0
        page.draw_rect(pymupdf.Rect(x, y, x + 6, y + 8), fill=(0, 0, 0), width=0)
    page.insert_text((20, 37), "A page of many small shapes, and one line of text.", fontsize=11)
    text = ingest.page_text_of(page)
    whole = trust.signals(page, text, TextCheckConfig()).outline_paths
    assert 1900 < whole < 2000  # those under the line of text are not counted
    monkeypatch.setattr(trust, "MATRIX_CELLS", 7)
    assert trust.signals(page, text, TextCheckConfig()).outline_paths == whole
    assert trust.suspicion(page, text, TextCheckConfig()) is not None
    doc.close()


def test_comparison_counts_ocr_words_missing_from_the_layer() -> None:
    def page(text: str) -> PageText:
        return PageText(0, text, (None,) * len(text), (-1,) * len(text), 595, 842)

    cfg = TextCheckConfig()
    agree = trust.compare(page("Dear Jane, thank you"), page("Dear Jane, thank you."))
    assert agree.missing == () and not trust.disagrees(agree, cfg)
    differ = trust.compare(page("Efbs Kbof, uibol zpv"), page("Dear Jane, thank you"))
    assert differ.missing == ("dear", "jane", "thank", "you") and trust.disagrees(differ, cfg)


def test_ocr_off_leaves_a_suspect_page_for_review(tmp_path: Path) -> None:
    path = shifted_map(tmp_path / "s.pdf")
    _, problems = ingest.load(path, "s.pdf", OcrConfig(enabled=False))
    assert len(problems) == 1 and "page 1" in problems[0] and "OCR is off" in problems[0]


def test_check_off_keeps_the_old_behaviour(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_ocr(*_: Any) -> None:
        raise AssertionError("OCR must not run")

    monkeypatch.setattr(ocr, "ocr_page", no_ocr)
    path = shifted_map(tmp_path / "s.pdf")
    cfg = OcrConfig(text_check=TextCheckConfig(enabled=False))
    document, problems = ingest.load(path, "s.pdf", cfg)
    assert not problems and NAME not in document.pages[0].text


def test_sound_pages_are_not_ocred(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_ocr(*_: Any) -> None:
        raise AssertionError("OCR must not run on a sound page")

    monkeypatch.setattr(ocr, "ocr_page", no_ocr)
    document, problems = ingest.load(plain(tmp_path / "p.pdf"), "p.pdf")
    assert not problems and NAME in document.pages[0].text


# --------------------------------------------------------------------------- with Tesseract


@needs_tesseract
@pytest.mark.parametrize("kind", list(MISMATCHED))
def test_mismatched_page_is_read_by_ocr(tmp_path: Path, kind: str) -> None:
    path = MISMATCHED[kind][0](tmp_path / "m.pdf")
    document, problems = ingest.load(path, "m.pdf")
    assert not problems
    assert NAME in document.pages[0].text
    assert any("does not match what is drawn" in w and "read by OCR" in w for w in document.warnings)


@needs_tesseract
def test_unconfident_ocr_of_a_mismatched_page_needs_review(tmp_path: Path) -> None:
    path = shifted_map(tmp_path / "s.pdf")
    _, problems = ingest.load(path, "s.pdf", OcrConfig(min_confidence=99.9))
    assert len(problems) == 1 and "does not match what is drawn" in problems[0] and "review" in problems[0]


def _ocr_of(path: Path) -> str:
    doc = pymupdf.open(path)
    image = doc[0].get_pixmap(dpi=200).tobytes("png")
    doc.close()
    done = subprocess.run(["tesseract", "stdin", "stdout"], input=image, capture_output=True, check=True)
    return done.stdout.decode("utf-8", "replace")


@needs_tesseract
@pytest.mark.parametrize("kind", list(MISMATCHED))
def test_the_name_drawn_on_a_mismatched_page_is_not_released(tmp_path: Path, worker: Any, kind: str) -> None:
    path = MISMATCHED[kind][0](tmp_path / "m.pdf")
    assert "Pemberton" in _ocr_of(path)  # the drawing shows the name
    out = tmp_path / "out.pdf"
    result = worker.process(Task(str(path), "m.pdf", str(out), "m.pdf"))
    assert result.status is Status.RELEASED, result.reason
    seen = _ocr_of(out)
    assert "Pemberton" not in seen and "library" in seen


@needs_tesseract
def test_no_letter_drawn_as_an_outline_is_left_half_under_a_box(tmp_path: Path, worker: Any) -> None:
    """A letter's outline that sticks out of its word's box is removed whole, not left in the file."""
    path = outlines(tmp_path / "m.pdf")
    out = tmp_path / "out.pdf"
    assert worker.process(Task(str(path), "m.pdf", str(out), "m.pdf")).status is Status.RELEASED
    doc = pymupdf.open(out)
    page = doc[0]
    drawn = [pymupdf.Rect(d["rect"]) for d in page.get_drawings()]
    boxes = [r for r in drawn if r.width > 40 and 8 < r.height < 20]  # the name's box
    assert boxes
    # Every path that reaches into a box is wholly inside it (the box itself) or clear of it.
    assert not [r for r in drawn for b in boxes if r.intersects(b) and not b.contains(r) and abs(r & b) > 1]
    assert glyph_paths_astride(page, boxes) == []
    doc.close()


def test_a_name_overprinted_as_fake_bold_is_redacted(tmp_path: Path, worker: Any) -> None:
    path = fake_bold(tmp_path / "b.pdf")
    doc, _page, text = _first_page(path)
    assert NAME in text.text  # each pair of glyphs is read once
    doc.close()
    out = tmp_path / "out.pdf"
    assert worker.process(Task(str(path), "b.pdf", str(out), "b.pdf")).status is Status.RELEASED
    released = pymupdf.open(out)
    assert "Pemberton" not in released[0].get_text() and "library" in released[0].get_text()
    released.close()
    if shutil.which("tesseract"):
        assert "Pemberton" not in _ocr_of(out)
