"""The page limit and the picture-region sizes come from the validated OCR/limits configuration."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from pydantic import ValidationError

from redactor.config import OcrConfig, load_config
from redactor.errors import DocumentError
from redactor.ingest.pdf import load, picture_regions


def _pdf(path: Path, pages: int, picture: tuple[float, float] | None = None) -> Path:
    doc = pymupdf.open()
    for _ in range(pages):
        page = doc.new_page()
        page.insert_text((72, 72), "A letter about the library opening hours.")
        if picture is not None:
            pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 20, 20), False)
            pix.set_rect(pix.irect, (200, 200, 200))
            page.insert_image(
                pymupdf.Rect(100, 200, 100 + picture[0], 200 + picture[1]), pixmap=pix, keep_proportion=False
            )
    doc.save(path)
    doc.close()
    return path


def test_shipped_defaults_are_unchanged() -> None:
    ocr = load_config().config.ocr
    assert (ocr.max_pages, ocr.region_min_width, ocr.region_min_height) == (5000, 24.0, 8.0)
    assert ocr == OcrConfig()


def test_max_pages_is_configurable(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "three.pdf", 3)
    with pytest.raises(DocumentError, match="3 pages, more than 2"):
        load(path, "three.pdf", OcrConfig(max_pages=2))
    document, problems = load(path, "three.pdf", OcrConfig(max_pages=3))
    assert len(document.pages) == 3 and not problems


@pytest.mark.parametrize("values", [{"max_pages": 0}, {"region_min_width": 0}, {"region_min_height": -1}])
def test_limits_are_validated(values: dict[str, float]) -> None:
    with pytest.raises(ValidationError):
        OcrConfig.model_validate(values)


def test_region_size_thresholds_are_configurable(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "pic.pdf", 1, picture=(30, 10))
    doc = pymupdf.open(path)
    try:
        assert len(picture_regions(doc[0], OcrConfig())) == 1
        assert picture_regions(doc[0], OcrConfig(region_min_width=40)) == []
        assert picture_regions(doc[0], OcrConfig(region_min_height=12)) == []
    finally:
        doc.close()
