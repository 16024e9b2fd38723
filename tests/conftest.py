"""Shared fixtures: PDFs built on the fly, the shipped configuration, and one loaded worker."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pymupdf
import pytest

from redactor.config import LoadedConfig, load_config

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@pytest.fixture(scope="session")
def loaded_config() -> LoadedConfig:
    return load_config()


def write_lines(path: Path, pages: Sequence[Sequence[str]], fontsize: float = 11, **metadata: str) -> Path:
    """A PDF with base-14 Helvetica text, one line per entry, so strings are literal in the streams."""
    doc = pymupdf.open()
    for lines in pages:
        page = doc.new_page()
        y = 72.0
        for line in lines:
            page.insert_text((72, y), line, fontsize=fontsize, fontname="helv")
            y += fontsize * 1.5
    if metadata:
        doc.set_metadata(metadata)
    doc.save(path)
    doc.close()
    return path


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    def make(lines: Sequence[str] | Sequence[Sequence[str]], name: str = "doc.pdf", **metadata: str) -> Path:
        pages = [lines] if lines and isinstance(lines[0], str) else lines
        return write_lines(tmp_path / name, pages, **metadata)  # type: ignore[arg-type]

    return make


# A configuration with the officials' release rule off, for the generated corpora (see the file).
DETECTION_ONLY = Path(__file__).parent / "detection_only.yaml"


@pytest.fixture(scope="session")
def detection_worker():  # type: ignore[no-untyped-def]
    """A real worker with the officials' release rule off (for labels that mark every name go)."""
    from redactor.config import load_config
    from redactor.pipeline import Worker

    return Worker(load_config(DETECTION_ONLY), requester=())


@pytest.fixture(scope="session")
def worker(loaded_config: LoadedConfig):  # type: ignore[no-untyped-def]
    """A real worker (spaCy model loaded once for the whole test session)."""
    from redactor.pipeline import Worker

    return Worker(loaded_config, requester=())
