"""For any generated document, no labelled personal item can be read back from the released file.

Read back three ways: text extraction, every stream of the file decoded, and OCR of the rendered
pages (when Tesseract is installed). Hypothesis draws the generator's seed; derandomised, so a
run is repeatable, and the examples still cover letters, e-mails, forms and notes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pymupdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from devtools.synthetic import write_corpus
from redactor.evaluate.labels import LABELS_FILE, load_labels
from redactor.pipeline import Task, Worker
from redactor.types import Status

pytestmark = pytest.mark.slow

LITERAL = re.compile(rb"\((?:\\.|[^\\)])*\)")


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def _stream_text(doc: pymupdf.Document) -> str:
    """Every literal string of every stream in the file, decoded, joined without spaces."""
    parts: list[str] = []
    for xref in range(1, doc.xref_length()):
        if not doc.xref_is_stream(xref):
            continue
        try:
            data = doc.xref_stream(xref) or b""
        except RuntimeError:  # an image stream MuPDF will not decode: no text there
            continue
        parts.extend(m.group()[1:-1].decode("latin-1") for m in LITERAL.finditer(data))
    return _squash("".join(parts))


def _ocr_text(doc: pymupdf.Document) -> str:
    words: list[str] = []
    for page in doc:
        png = page.get_pixmap(dpi=200).tobytes("png")
        done = subprocess.run(["tesseract", "-", "-"], input=png, capture_output=True, check=True, timeout=120)
        words.append(done.stdout.decode("utf-8", "replace"))
    return _squash(" ".join(words))


@settings(max_examples=4, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=2**31))
def test_no_labelled_item_is_readable_in_the_release(seed: int, detection_worker: Worker, tmp_path: Path) -> None:
    folder = tmp_path / f"s{seed}"
    shutil.rmtree(folder, ignore_errors=True)
    write_corpus(folder / "in", count=1, seed=seed, font="helv")
    ((relpath, labels),) = load_labels(folder / "in" / LABELS_FILE).items()
    out = folder / "out.pdf"
    result = detection_worker.process(Task(str(folder / "in" / relpath), relpath, str(out), relpath))
    assert result.status is Status.RELEASED, result.reason
    values = [i.text for i in labels.personal if len(_squash(i.text)) >= 4]
    with pymupdf.open(out) as doc:
        text = _squash(" ".join(page.get_text() for page in doc))
        streams = _stream_text(doc)
        ocr = _ocr_text(doc) if shutil.which("tesseract") else ""
    for value in values:
        assert _squash(value) not in text, ("text layer", value)
        assert _squash(value) not in streams, ("streams", value)
        assert _squash(value) not in ocr, ("OCR of the rendered page", value)
