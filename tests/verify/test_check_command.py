"""`redact check`: plain and JSON output, exit codes, and our own released outputs passing it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner

from redactor.cli import main
from redactor.errors import ExitCode
from tests.conftest import write_lines

SAMPLE = Path(__file__).resolve().parents[2] / "sample_docs"


def _covered(path: Path) -> Path:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 120), "Eleanor Pritchard", fontsize=11)
    page.draw_rect(pymupdf.Rect(70, 108, 200, 124), color=None, fill=(0, 0, 0))
    doc.save(path)
    doc.close()
    return path


def test_plain_output_and_exit_codes(tmp_path: Path) -> None:
    clean = write_lines(tmp_path / "clean.pdf", [["Nothing personal here."]])
    _covered(tmp_path / "bad.pdf")
    runner = CliRunner()
    ok = runner.invoke(main, ["check", "--no-detect", str(clean)])
    assert ok.exit_code == ExitCode.OK and "PASS" in ok.output
    failed = runner.invoke(main, ["check", "--no-detect", str(tmp_path)])
    assert failed.exit_code == ExitCode.CHECKS_FAILED
    assert "FAIL  " in failed.output and "covered-text: page 1 at" in failed.output


def test_json_output(tmp_path: Path) -> None:
    _covered(tmp_path / "bad.pdf")
    (tmp_path / "broken.pdf").write_bytes(b"not a pdf")
    result = CliRunner().invoke(main, ["check", "--no-detect", "--json", str(tmp_path)])
    assert result.exit_code == ExitCode.CHECKS_FAILED
    payload = json.loads(result.output)
    by_name = {Path(f["path"]).name: f for f in payload["files"]}
    assert payload["checked"] == 2 and payload["failed"] == 2
    assert by_name["broken.pdf"]["findings"][0]["code"] == "unreadable"
    finding = next(f for f in by_name["bad.pdf"]["findings"] if f["code"] == "covered-text")
    assert finding["page"] == 1 and finding["severity"] == "fail" and len(finding["rect"]) == 4


def test_bad_arguments_exit_2(tmp_path: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["check", str(tmp_path / "missing.pdf")]).exit_code == ExitCode.USAGE
    assert runner.invoke(main, ["check", "--no-detect", str(tmp_path)]).exit_code == ExitCode.USAGE  # no PDF
    assert runner.invoke(main, ["check"]).exit_code == ExitCode.USAGE


@pytest.mark.slow
def test_released_outputs_pass_check(tmp_path: Path) -> None:
    """`redact` output, checked with detection and the logs it wrote: warnings at most."""
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLE / "letters", inbox / "letters")
    shutil.copytree(SAMPLE / "replies", inbox / "replies")
    out = tmp_path / "out"
    runner = CliRunner()
    run = runner.invoke(main, [str(inbox), str(out), "--jobs", "1", "--quiet"])
    assert run.exit_code == ExitCode.OK, run.output
    result = runner.invoke(main, ["check", "--json", str(out / "released")])
    payload = json.loads(result.output)
    assert result.exit_code == ExitCode.OK, [f for f in payload["files"] if f["verdict"] == "fail"]
    assert all(f["log"] for f in payload["files"])
