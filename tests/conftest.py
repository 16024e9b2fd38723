"""Shared fixtures: PDFs built on the fly, the shipped configuration, loaded workers, a fake NLP engine."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from redactor.config import LoadedConfig, load_config

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

# Tesseract's OpenMP threads contend with the other test processes on a small machine (the
# product sets this for its own OCR; the tests' read-backs run Tesseract directly too).
os.environ.setdefault("OMP_THREAD_LIMIT", "1")


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


def _shared_with_pools(worker: Any) -> Any:
    """Make `worker` this process's worker for runs with its configuration and no requester.

    Pool workers are forked from the test process, so a run's workers then start with the
    model already loaded instead of loading it again in every pool of every test (the load
    in a fresh worker process is still exercised: by runs with a requester or another
    configuration, the command-line subprocess runs and the Dask workers).
    """
    from redactor.pipeline import RunContext, recipe

    recipe._WORKERS.setdefault(RunContext(worker.loaded, ()).key, worker)
    return worker


@pytest.fixture(scope="session")
def detection_worker():  # type: ignore[no-untyped-def]
    """A real worker with the officials' release rule off (for labels that mark every name go)."""
    from redactor.config import load_config
    from redactor.pipeline import Worker

    return _shared_with_pools(Worker(load_config(DETECTION_ONLY), requester=()))


@pytest.fixture(scope="session")
def worker(loaded_config: LoadedConfig):  # type: ignore[no-untyped-def]
    """A real worker (spaCy model loaded once for the whole test session)."""
    from redactor.pipeline import Worker

    return _shared_with_pools(Worker(loaded_config, requester=()))


@pytest.fixture(scope="session", autouse=True)
def _pools_start_loaded(worker: Any) -> None:
    """The pools that tests start share the session's loaded worker (see `_shared_with_pools`)."""


@pytest.fixture(scope="session")
def _fake_detector(loaded_config: LoadedConfig):  # type: ignore[no-untyped-def]
    from redactor.detect.engine import Detector
    from tests.fakes.nlp import FakeNlpEngine

    return Detector(loaded_config, nlp_engine=FakeNlpEngine())


@pytest.fixture
def fake_detector(_fake_detector: Any) -> Iterator[Callable[[Mapping[str, str]], Any]]:
    """The shipped recognizers over a `FakeNlpEngine`: `fake_detector({"Ann Quill": "PERSON"})`.

    The named phrases are what "the model" tags in this test, and nothing else is; the
    detector is built once per session (its recognizers are the costly part).
    """
    engine = _fake_detector.nlp_engine

    def tagging(entities: Mapping[str, str]) -> Any:
        engine.entities = dict(entities)
        return _fake_detector

    yield tagging
    engine.entities = {}
    engine.texts.clear()
