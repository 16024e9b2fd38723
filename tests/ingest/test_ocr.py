"""OCR of scanned pages: personal data found in the pixels is removed from the pixels.

The scans are made here: a generated letter (or a few lines of text) rendered to an image-only
PDF. The end-to-end tests read the released page back the way a requester could, with
Tesseract on a render of it and from its text layer.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from devtools.synthetic import generate_documents, write_pdf, write_scan
from redactor.apply.redact import redact_pdf
from redactor.config import OcrConfig, RedactionConfig
from redactor.ingest import ocr
from redactor.ingest import pdf as ingest
from redactor.types import Action, Decision, Finding, PageText, Status
from redactor.verify.checks import verify_output

HAS_TESSERACT = shutil.which("tesseract") is not None
needs_tesseract = pytest.mark.skipif(
    not HAS_TESSERACT, reason=f"Tesseract is not installed (CI installs it: {ocr.INSTALL_HINT})"
)

TSV = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
    "4\t1\t1\t1\t1\t0\t100\t100\t400\t40\t-1\t\n"
    "5\t1\t1\t1\t1\t1\t100\t100\t80\t40\t96.0\tDear\n"
    "5\t1\t1\t1\t1\t2\t200\t100\t90\t40\t90.0\tMrs\n"
    "5\t1\t1\t1\t1\t3\t310\t100\t190\t40\t60.0\tGwenllian-\n"
    "4\t1\t1\t1\t2\t0\t100\t160\t300\t40\t-1\t\n"
    "5\t1\t1\t1\t2\t1\t100\t160\t120\t40\t88.0\tjones,\n"
    "5\t1\t1\t1\t2\t2\t240\t160\t60\t40\t-1\t \n"
    "4\t1\t2\t1\t1\t0\t100\t300\t300\t40\t-1\t\n"
    "5\t1\t2\t1\t1\t1\t100\t300\t120\t40\t92.0\tCardiff\n"
)


# --------------------------------------------------------------------------- without Tesseract


def test_tsv_words_lines_and_confidence() -> None:
    words = ocr.parse_tsv(TSV)
    assert [w.text for w in words] == ["Dear", "Mrs", "Gwenllian-", "jones,", "Cardiff"]
    assert words[0].line_box == (100, 100, 500, 140)
    conf = ocr.confidence(words)
    assert conf is not None and 60 < conf < 96
    assert ocr.confidence([]) is None


def test_page_text_maps_pixels_to_page_and_rejoins_hyphenation() -> None:
    words = ocr.parse_tsv(TSV)
    to_page = pymupdf.Matrix(72 / 300, 72 / 300)
    page = ocr.build_page_text(0, words, to_page, pymupdf.Rect(0, 0, 595, 842), ocr.confidence(words))
    assert page.ocr and page.has_images
    assert page.text == "Dear Mrs Gwenllianjones,\n\nCardiff"
    start = page.text.index("Gwenllian")
    boxes = [b for b in page.boxes[start : start + len("Gwenllianjones")] if b is not None]
    # Both line pieces are covered, each over the whole line height (plus a margin), in points.
    assert {round(b[1]) for b in boxes} == {round((100 - 4.8) * 72 / 300), round((160 - 4.8) * 72 / 300)}
    assert min(b[0] for b in boxes) < 310 * 72 / 300 and max(b[2] for b in boxes) >= 500 * 72 / 300
    # The hyphen's box is folded into the last letter of the first piece.
    first_line = [b for b in boxes if b[1] < 30]
    assert max(b[2] for b in first_line) >= 500 * 72 / 300


def test_rotated_page_boxes_come_back_to_page_space() -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.set_rotation(90)
    zoom = 300 / 72
    to_page = pymupdf.Matrix(1 / zoom, 1 / zoom) * page.derotation_matrix
    words = ocr.parse_tsv(TSV)
    text = ocr.build_page_text(0, words, to_page, page.rect, 90.0)
    i = text.text.index("Cardiff")
    box = pymupdf.Rect(text.boxes[i])
    # Shown at (100, 300) px on the rotated page: turned back with the page's own rotation.
    assert (box * page.rotation_matrix).contains(pymupdf.Point(110 / zoom, 320 / zoom))


def _finding(page: PageText, value: str) -> Finding:
    start = page.text.index(value)
    return Finding(0, start, start + len(value), "PERSON", value, 0.9, "test", "test")


def test_kept_words_never_include_a_redacted_word() -> None:
    words = ocr.parse_tsv(TSV)
    page = ocr.build_page_text(0, words, pymupdf.Matrix(0.24, 0.24), pymupdf.Rect(0, 0, 595, 842), 90.0)
    f = _finding(page, "Gwenllianjones")
    kept = [w for w, _ in ocr.kept_words(page, set(range(f.start, f.end)), [])]
    assert kept == ["Dear", "Mrs", "Cardiff"]
    # A word under a box is not written either, even if the finding did not cover it.
    mrs = page.text.index("Mrs")
    under = [pymupdf.Rect(page.boxes[mrs])]  # type: ignore[arg-type]
    assert "Mrs" not in [w for w, _ in ocr.kept_words(page, set(), under)]


def test_missing_tesseract_says_how_to_install(tmp_path: Path) -> None:
    path = _scan_of_lines(tmp_path, ["Mr Idris Pryce-Jenkins"], dpi=100)
    cfg = OcrConfig(tesseract="no-such-tesseract-here")
    with pytest.raises(ocr.OcrUnavailableError, match=r"sudo apt-get install tesseract-ocr") as info:
        ingest.load(path, "scan.pdf", cfg)
    assert info.value.exit_code == 6 and "not released" in str(info.value)


def test_ocr_disabled_leaves_the_scan_for_review(tmp_path: Path) -> None:
    path = _scan_of_lines(tmp_path, ["Mr Idris Pryce-Jenkins"], dpi=100)
    _, problems = ingest.load(path, "scan.pdf", OcrConfig(enabled=False))
    assert problems and "needs OCR" in problems[0]


def test_text_pdfs_are_not_ocred(tmp_path: Path, make_pdf: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> None:
        raise AssertionError("a text page was OCR'd")

    monkeypatch.setattr(ocr, "ocr_page", boom)
    document, problems = ingest.load(make_pdf(["Dear Mrs Evans,", "Thank you."]), "t.pdf")
    assert not problems and not document.ocr_pages


# --------------------------------------------------------------------------- helpers


def _scan_of_lines(tmp_path: Path, lines: list[str], dpi: int = 300) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(lines):
        page.insert_text((72, 100 + 22 * i), line, fontsize=13, fontname="helv")
    doc.save(tmp_path / "text.pdf")
    return write_scan(tmp_path / "text.pdf", tmp_path / "scan.pdf", dpi)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w@.]+", " ", text.casefold()).split())


def _readable(item: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(_norm(item)) + r"(?!\w)", text) is not None


def _ocr_render(path: Path) -> str:
    """What Tesseract reads on a 300 dpi render of every page, normalised."""
    cfg = OcrConfig()
    with pymupdf.open(path) as doc:
        parts = []
        for page in doc:
            pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
            parts.append(" ".join(w.text for w in ocr.parse_tsv(ocr._run_tesseract(pix.tobytes("pnm"), cfg))))
    return _norm(" ".join(parts))


def _text_layer(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return _norm(" ".join(page.get_text() for page in doc))


# --------------------------------------------------------------------------- with Tesseract


@needs_tesseract
def test_scan_is_read_with_confidence_and_logged(tmp_path: Path) -> None:
    path = _scan_of_lines(tmp_path, ["Dear Mrs Gwenllian Pryce,", "Cardiff Council"])
    document, problems = ingest.load(path, "scan.pdf")
    assert not problems
    page = document.pages[0]
    assert page.ocr and page.ocr_confidence is not None and page.ocr_confidence > 80
    assert "Gwenllian Pryce" in page.text
    assert document.ocr_pages == ((1, page.ocr_confidence),)
    assert any("read by OCR" in w for w in document.warnings)


@needs_tesseract
def test_low_confidence_page_needs_review(tmp_path: Path) -> None:
    path = _scan_of_lines(tmp_path, ["Dear Mrs Gwenllian Pryce,"])
    _, problems = ingest.load(path, "scan.pdf", OcrConfig(min_confidence=100))
    assert problems and "needs manual review" in problems[0]


@needs_tesseract
def test_blank_scan_is_not_a_problem_but_an_unreadable_one_is(tmp_path: Path) -> None:
    doc = pymupdf.open()
    blank = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 200, 280), False)
    blank.set_rect(blank.irect, (255,))
    doc.new_page().insert_image(pymupdf.Rect(0, 0, 595, 842), pixmap=blank)
    scribble = doc.new_page()
    scribble.insert_image(scribble.rect, pixmap=blank)
    scribble.draw_circle((300, 400), 150, color=(0, 0, 0), width=20)
    doc.save(tmp_path / "s.pdf")
    # A vector circle is not an image: put the second page through a render to make it one.
    path = write_scan(tmp_path / "s.pdf", tmp_path / "scan.pdf", dpi=100)
    document, problems = ingest.load(path, "scan.pdf")
    assert [p.ocr for p in document.pages] == [True, True]
    assert len(problems) == 1 and problems[0].startswith("page 2") and "review" in problems[0]


def _redact_items(tmp_path: Path, scan: Path, items: list[str]) -> Path:
    """Redact `items` as found in the OCR text (detection is tested elsewhere) and verify."""
    document, problems = ingest.load(scan, scan.name)
    assert not problems
    decisions = []
    for page in document.pages:
        for item in items:
            for m in re.finditer(re.escape(item), page.text):
                f = Finding(page.number, m.start(), m.end(), "PERSON", item, 0.9, "test", "test")
                decisions.append(Decision(f"r{len(decisions)}", f, Action.REDACT, "Names", "test", "s40(2)"))
    assert decisions, f"OCR did not read the items: {document.pages[0].text!r}"
    out = tmp_path / "out.pdf"
    redact_pdf(scan, document, decisions, out, RedactionConfig())
    return out


def _assert_checks_pass(out: Path, decisions: list[Decision] | None = None) -> None:
    failed = [c for c in verify_output(out, decisions or []) if c.severity.value == "fail"]
    assert not failed, failed


@needs_tesseract
@pytest.mark.parametrize(("rotate", "how"), [(0, "page"), (90, "image"), (90, "page"), (270, "page")])
def test_pixels_are_removed_on_a_scan_and_a_rotated_one(tmp_path: Path, rotate: int, how: str) -> None:
    """Image: pixels stored sideways, drawn turned on an upright page; page: shown via /Rotate."""
    lines = ["Dear Mrs Gwenllian Pryce,", "Reference FOI/2024/118 from Cardiff Council"]
    doc = pymupdf.open()
    page = doc.new_page()
    for i, line in enumerate(lines):
        page.insert_text((72, 100 + 22 * i), line, fontsize=13, fontname="helv")
    doc.save(tmp_path / "text.pdf")
    if how == "page":
        scan = write_scan(tmp_path / "text.pdf", tmp_path / "scan.pdf", dpi=200, rotate=rotate)
    else:
        pix = page.get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
        # Store the pixels turned by `rotate` and draw them turned back: the page shows upright.
        img = pymupdf.open()
        img.new_page(width=842, height=595).insert_image(pymupdf.Rect(0, 0, 842, 595), pixmap=pix, rotate=rotate)
        stored = img[0].get_pixmap(dpi=200, colorspace=pymupdf.csGRAY)
        out_doc = pymupdf.open()
        out_doc.new_page().insert_image(pymupdf.Rect(0, 0, 595, 842), pixmap=stored, rotate=-rotate)
        out_doc.save(tmp_path / "scan.pdf")
        scan = tmp_path / "scan.pdf"
    out = _redact_items(tmp_path, scan, ["Gwenllian Pryce"])
    seen, layer = _ocr_render(out), _text_layer(out)
    assert not _readable("Gwenllian", seen) and not _readable("Pryce", seen)
    assert "gwenllian" not in layer and "pryce" not in layer
    assert _readable("Cardiff Council", seen) and _readable("Cardiff Council", layer)
    _assert_checks_pass(out)


@needs_tesseract
def test_pixels_are_removed_from_a_scaled_image(tmp_path: Path) -> None:
    """A scan placed scaled down in part of the page (still most of it): boxes map into the image."""
    src = pymupdf.open()
    page = src.new_page()
    page.insert_text((72, 100), "Dear Mr Idris Pryce-Jenkins,", fontsize=13, fontname="helv")
    page.insert_text((72, 122), "Swansea Council", fontsize=13, fontname="helv")
    pix = page.get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
    doc = pymupdf.open()
    target = doc.new_page()
    target.insert_image(pymupdf.Rect(40, 60, 560, 796), pixmap=pix)  # scaled, off the origin
    doc.save(tmp_path / "scan.pdf")
    out = _redact_items(tmp_path, tmp_path / "scan.pdf", ["Idris Pryce-Jenkins"])
    seen = _ocr_render(out)
    assert not _readable("Idris", seen) and "pryce" not in seen and "jenkins" not in seen
    assert _readable("Swansea Council", seen)
    _assert_checks_pass(out)


@needs_tesseract
def test_text_layer_can_be_left_out(tmp_path: Path) -> None:
    scan = _scan_of_lines(tmp_path, ["Swansea Council"])
    document, _ = ingest.load(scan, "scan.pdf")
    out = tmp_path / "out.pdf"
    redact_pdf(scan, document, [], out, RedactionConfig(), OcrConfig(text_layer="none"))
    assert _text_layer(out) == ""
    redact_pdf(scan, document, [], out, RedactionConfig(), OcrConfig(text_layer="kept"))
    assert _readable("Swansea Council", _text_layer(out))


@pytest.mark.slow
@needs_tesseract
@pytest.mark.parametrize(("dpi", "rotate"), [(300, 0), (150, 0), (200, 90)])
def test_generated_letter_scan_end_to_end(tmp_path: Path, worker: Any, dpi: int, rotate: int) -> None:
    """The whole pipeline on a scanned generated letter: its personal data can no longer be read."""
    from redactor.pipeline import Task

    doc = generate_documents(1, seed=5)[0]
    write_pdf(doc, tmp_path / "text.pdf")
    scan = write_scan(tmp_path / "text.pdf", tmp_path / "scan.pdf", dpi=dpi, rotate=rotate)
    before = _ocr_render(scan)
    out = tmp_path / "out.pdf"
    result = worker.process(Task(str(scan), "scan.pdf", str(out), "scan.pdf"))
    seen, layer = _ocr_render(out), _text_layer(out)
    personal = [i.text for i in doc.items if i.personal and _readable(i.text, before)]
    leaked = [t for t in personal if _readable(t, seen) or _readable(t, layer)]
    assert personal and len(leaked) <= 0.1 * len(personal), leaked
    non_personal = [i.text for i in doc.items if not i.personal and _readable(i.text, before)]
    kept = [t for t in non_personal if _readable(t, seen)]
    assert non_personal and len(kept) >= 0.6 * len(non_personal)
    assert result.status is Status.RELEASED, result.reason
