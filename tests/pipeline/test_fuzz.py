"""Mutated inputs: no traceback, every input accounted for, nothing released half-done or leaking.

Generated letters and e-mails are mutated (bytes flipped, cut short, chunks repeated or dropped)
with a fixed seed, a bounded number per run, and the batch is run over them all at once.
"""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pymupdf
import pytest

from devtools.synthetic import write_corpus
from devtools.synthetic_mail import write_mail_corpus
from redactor.evaluate.labels import LABELS_FILE, load_labels
from redactor.pipeline import RunOptions, run_batch
from redactor.types import Status
from tests.conftest import DETECTION_ONLY

pytestmark = pytest.mark.slow

MUTANTS_PER_FILE = 3
SEED = 20261129


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One of the damage patterns real files show: flipped bytes, truncation, repeated or lost chunks."""
    size = len(data)
    kind = rng.choice(("flip", "truncate", "repeat", "drop"))
    at = rng.randrange(size)
    if kind == "flip":
        out = bytearray(data)
        for _ in range(rng.randint(1, 16)):
            out[rng.randrange(size)] = rng.randrange(256)
        return bytes(out)
    if kind == "truncate":
        return data[: max(at, 1)]
    span = rng.randint(1, max(size // 20, 2))
    if kind == "repeat":
        return data[:at] + data[at : at + span] * rng.randint(2, 50) + data[at:]
    return data[:at] + data[at + span :]


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, list[str]]]:
    root = tmp_path_factory.mktemp("fuzz")
    originals = root / "originals"
    write_corpus(originals / "pdf", count=4, seed=SEED, font="helv")
    write_mail_corpus(originals / "mail", count=4, seed=SEED)
    personal: dict[str, list[str]] = {}
    for labels_path in originals.rglob(LABELS_FILE):
        for rel, labels in load_labels(labels_path).items():
            personal[str(labels_path.parent.relative_to(originals) / rel)] = [i.text for i in labels.personal]
    inbox = root / "inbox"
    rng = random.Random(SEED)
    expected: dict[str, list[str]] = {}
    for source in sorted(p for p in originals.rglob("*") if p.is_file() and p.name != LABELS_FILE):
        rel = source.relative_to(originals)
        for n in range(MUTANTS_PER_FILE):
            target = inbox / rel.parent / f"{rel.stem}.m{n}{rel.suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(mutate(source.read_bytes(), rng))
            expected[target.relative_to(inbox).as_posix()] = personal.get(str(rel), [])
    return inbox, expected


def test_mutated_inputs_are_all_accounted_for_and_nothing_leaks(
    fuzzed: tuple[Path, dict[str, list[str]]], tmp_path: Path, detection_worker: Any
) -> None:
    # detection_worker: the pool's workers start with this configuration's model loaded.
    inbox, personal = fuzzed
    out = tmp_path / "out"
    summary = run_batch(inbox, out, RunOptions(jobs=2, config_file=DETECTION_ONLY))
    top_level = {r.relpath for r in summary.results if "#" not in r.relpath}
    assert top_level == set(personal)
    for result in summary.results:
        assert result.reason or result.status is Status.RELEASED, result.relpath
        assert "unexpected error" not in result.reason, (result.relpath, result.reason)
        if result.status is not Status.RELEASED or "#" in result.relpath:
            continue
        path = out / "released" / (result.output_relpath or "")
        with pymupdf.open(path) as doc:
            assert doc.page_count > 0
            text = " ".join(" ".join(page.get_text().split()) for page in doc)
        for value in personal[result.relpath]:
            words = value.split()
            # A value the mutation broke is not there to find; one still whole must be gone.
            pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)"
            assert len(value) < 4 or not re.search(pattern, text), (result.relpath, value)
