"""Crafted PDFs that hide personal data where a redaction tool may not look (invented data).

Each test builds the document, runs `redact` on it, and asserts the data is not readable in
what is released; `redact check` must report the same document as a failure.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner

from redactor.cli import main
from redactor.errors import ExitCode
from redactor.types import Severity
from redactor.verify.checks import PersonalDataScanner, check_file

NAME = "Mrs Margaret Okonkwo"
PHONE = "07700 900461"

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")


def _redact(tmp_path: Path, build: Callable[[Path], None], name: str = "doc.pdf") -> tuple[int, str, Path]:
    """Run `redact` on one built PDF: the exit code, the released text (all pages), and the released file."""
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    build(inbox / name)
    result = CliRunner().invoke(main, [str(inbox), str(out), "--jobs", "1", "--quiet"])
    released = out / "released" / name
    text = ""
    if released.exists():
        with pymupdf.open(released) as doc:
            text = " ".join(" ".join(page.get_text().split()) for page in doc)
    return result.exit_code, text, released


def _hidden_layer(path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "Thank you for your letter about the planning application.", fontsize=11)
    ocg = doc.add_ocg("Reviewer notes", on=False)
    page.insert_text((72, 300), f"Reviewer: call {NAME} on {PHONE}", fontsize=11, oc=ocg)
    doc.save(path)
    doc.close()


def test_hidden_layer_text_is_detected_and_redacted(tmp_path: Path) -> None:
    code, text, released = _redact(tmp_path, _hidden_layer)
    assert code in (ExitCode.OK, ExitCode.NEEDS_REVIEW)
    assert released.exists() and "Reviewer: call" in text  # the layer's content is shown...
    assert PHONE not in text and "Okonkwo" not in text  # ...and redacted


def test_check_reports_a_hidden_layer(tmp_path: Path) -> None:
    path = tmp_path / "layer.pdf"
    _hidden_layer(path)
    report = check_file(path)
    assert any(f.code == "layers" and f.severity is Severity.FAIL for f in report.findings)


def _picture_of_text(lines: list[str]) -> bytes:
    src = pymupdf.open()
    page = src.new_page(width=400, height=40 + 30 * len(lines))
    for i, line in enumerate(lines):
        page.insert_text((10, 40 + 30 * i), line, fontsize=14)
    png = bytes(page.get_pixmap(dpi=200).tobytes("png"))
    src.close()
    return png


def _scan_with_footer(path: Path) -> None:
    """A scanned letter with a typed 68-character footer: more text than a 'scan' is allowed."""
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_image(pymupdf.Rect(0, 0, 595, 780), stream=_picture_of_text([f"Patient: {NAME}", f"Telephone {PHONE}"]))
    page.insert_text((72, 820), "Scanned by the records office on 3 March 2024, page 1 of 1, ref 42.", fontsize=9)
    doc.save(path)
    doc.close()


def _screenshot_on_typed_page(path: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page()
    lines = ["Dear Sir or Madam,", "Please find below the screenshot of the booking you asked about.", "Regards"]
    for i, line in enumerate(lines):
        page.insert_text((72, 72 + 16 * i), line, fontsize=11)
    page.insert_image(
        pymupdf.Rect(72, 140, 372, 230), stream=_picture_of_text([f"Booked by {NAME}", f"Mobile {PHONE}"])
    )
    doc.save(path)
    doc.close()


def _ocr_of_render(path: Path) -> str:
    from redactor.config import OcrConfig
    from redactor.ingest import ocr

    with pymupdf.open(path) as doc:
        pix = doc[0].get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
        words = ocr.parse_tsv(ocr._run_tesseract(pix.tobytes("pnm"), OcrConfig()))
    return " ".join(w.text for w in words)


@needs_tesseract
@pytest.mark.parametrize("build", [_scan_with_footer, _screenshot_on_typed_page])
def test_text_in_a_picture_on_a_text_page_is_read_and_redacted(tmp_path: Path, build: Callable[[Path], None]) -> None:
    code, _, released = _redact(tmp_path, build)
    assert code in (ExitCode.OK, ExitCode.NEEDS_REVIEW) and released.exists()
    seen = _ocr_of_render(released)
    assert "Okonkwo" not in seen and "900461" not in seen.replace(" ", ""), seen


@needs_tesseract
def test_check_reads_the_picture_on_a_text_page(tmp_path: Path) -> None:
    path = tmp_path / "mixed.pdf"
    _scan_with_footer(path)
    report = check_file(path, PersonalDataScanner())
    found = [f for f in report.findings if f.code == "personal-data" and f.severity is Severity.FAIL]
    assert any(PHONE in f.message for f in found), report.findings
