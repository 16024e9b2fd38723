"""Documents built to exhaust memory: a lying page tree, and a page of tens of thousands of shapes."""

from __future__ import annotations

import re
import tracemalloc
from pathlib import Path

import numpy as np
import pymupdf
import pytest

from redactor.errors import DocumentError
from redactor.ingest.pdf import load
from redactor.verify.checks import check_file
from redactor.verify.page import _Char, _Cover, _Layers, _Span


def _one_page() -> bytes:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), "A short letter.", fontsize=11)
    data: bytes = doc.tobytes()
    doc.close()
    return data


def _huge_count(path: Path) -> Path:
    path.write_bytes(re.sub(rb"/Count 1\b", b"/Count 2147483647", _one_page()))
    return path


def _repeated_page(path: Path) -> Path:
    data = _one_page()
    kid = re.search(rb"/Kids\s*\[\s*(\d+) 0 R\s*\]", data)
    assert kid is not None
    refs = (kid.group(1) + b" 0 R ") * 10_000
    path.write_bytes(re.sub(rb"/Count 1\s*/Kids\s*\[[^\]]*\]", b"/Count 10000/Kids[" + refs + b"]", data))
    return path


@pytest.mark.parametrize("build", [_huge_count, _repeated_page])
def test_a_lying_page_tree_is_a_document_failure(tmp_path: Path, build: object) -> None:
    path = build(tmp_path / "tree.pdf")  # type: ignore[operator]
    with pytest.raises(DocumentError, match=r"page tree|pages"):
        load(path, "tree.pdf")
    report = check_file(path)
    assert not report.passed and report.findings[0].code == "unreadable"


def test_page_check_memory_is_bounded_for_many_shapes() -> None:
    """3,000 characters against 30,000 rectangles: a full matrix would need gigabytes."""
    span = _Span(seqno=0, mode=0, opacity=1.0, color=(0.0, 0.0, 0.0), size=8.0)
    chars = [
        _Char("a", (10 + (i % 100) * 5.0, 10 + (i // 100) * 9.0, 14 + (i % 100) * 5.0, 18 + (i // 100) * 9.0), 0)
        for i in range(3000)
    ]
    covers = [
        _Cover(1, pymupdf.Rect(x, y, x + 3, y + 3), "box", (0.5, 0.5, 0.5))
        for x, y in ((10 + (i % 150) * 3.8, 10 + (i // 150) * 3.7) for i in range(30_000))
    ]
    covers.append(_Cover(2, pymupdf.Rect(0, 0, 20, 30), "box", (0.0, 0.0, 0.0)))  # over the first character
    tracemalloc.start()
    layers = _Layers.of(np.array([c.box for c in chars]), np.full(len(chars), span.seqno), covers)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 400 * 2**20, peak
    assert len(layers.covering) == 3000
    assert layers.covering[0] == len(covers) - 1 and layers.covering[-1] == -1
