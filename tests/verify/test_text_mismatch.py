"""`redact check` reports a page whose text layer does not say what is drawn on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from redactor.config import OcrConfig
from redactor.types import Severity
from redactor.verify.checks import check_file
from tests.ingest.test_text_trust import one_word_remapped, outlines, plain, shifted_map

needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")


def _mismatches(path: Path, cfg: OcrConfig | None = None, log: Path | None = None) -> list[tuple[str, int | None]]:
    report = check_file(path, log=log, ocr_cfg=cfg)
    return [(f.severity.value, f.page) for f in report.findings if f.code == "text-mismatch"]


@needs_tesseract
@pytest.mark.parametrize("build", [shifted_map, outlines, one_word_remapped])
def test_a_mismatched_text_layer_fails_the_check(tmp_path: Path, build: object) -> None:
    path = build(tmp_path / "m.pdf")  # type: ignore[operator]
    assert _mismatches(path) == [(Severity.FAIL.value, 0)]
    assert not check_file(path).passed


@needs_tesseract
def test_on_our_own_output_it_is_a_warning(tmp_path: Path) -> None:
    path = shifted_map(tmp_path / "m.pdf")
    log = tmp_path / "m.pdf.json"
    log.write_text("{}", encoding="utf-8")
    assert _mismatches(path, log=log) == [(Severity.WARN.value, 0)]


def test_a_sound_page_has_no_finding(tmp_path: Path) -> None:
    assert _mismatches(plain(tmp_path / "p.pdf")) == []


def test_without_ocr_a_suspect_page_is_a_warning(tmp_path: Path) -> None:
    assert _mismatches(shifted_map(tmp_path / "m.pdf"), OcrConfig(enabled=False)) == [(Severity.WARN.value, 0)]


def test_redact_check_uses_the_ocr_settings_of_config(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from redactor.cli import main

    path = shifted_map(tmp_path / "m.pdf")
    config = tmp_path / "no-ocr.yaml"
    config.write_text("ocr:\n  enabled: false\n", encoding="utf-8")
    done = CliRunner().invoke(main, ["check", "--no-detect", "--config", str(config), str(path)])
    assert "text-mismatch" in done.output and "OCR is off" in done.output, done.output
