"""Progress on stderr: a live line on a terminal, one line per document elsewhere, nothing with --quiet."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from redactor.cli import main
from redactor.cli.run import Progress
from redactor.types import DocumentResult, Status
from tests.conftest import write_lines

RESULTS = [
    DocumentResult("a.pdf", Status.RELEASED, pages=2),
    DocumentResult("b.pdf", Status.FAILED, "b.pdf: broken", pages=0),
    DocumentResult("c.pdf", Status.RELEASED, pages=3),
]


def _feed(progress: Progress) -> None:
    with progress:
        for done, result in enumerate(RESULTS, start=1):
            progress(result, done, len(RESULTS))


def test_a_terminal_gets_a_live_line_with_pages_rate_and_only_the_problems_listed() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120, color_system=None)
    progress = Progress(quiet=False, console=console)
    assert progress.live
    _feed(progress)
    progress.bar.refresh()
    text = out.getvalue()
    assert "[2/3] FAILED       b.pdf" in text  # a problem stays on screen
    assert "released     a.pdf" not in text  # released documents only move the counter
    assert "3/3 documents" in text and "5 pages" in text and "pages/s" in text


def test_not_a_terminal_gets_one_plain_line_per_document(capsys: pytest.CaptureFixture[str]) -> None:
    console = Console(file=io.StringIO(), force_terminal=False)
    progress = Progress(quiet=False, console=console)
    assert not progress.live
    _feed(progress)
    err = capsys.readouterr().err.splitlines()
    assert err == ["[1/3] released     a.pdf", "[2/3] FAILED       b.pdf", "[3/3] released     c.pdf"]


def test_quiet_prints_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    progress = Progress(quiet=True, console=Console(file=out, force_terminal=True))
    assert not progress.live
    _feed(progress)
    assert capsys.readouterr().err == "" and "documents" not in out.getvalue()


@pytest.mark.slow
def test_the_run_command_reports_per_document_when_piped_and_nothing_when_quiet(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("one.pdf", "two.pdf"):
        write_lines(inbox / name, [["A letter about the planning application.", "Yours sincerely,"]])
    runner = CliRunner()
    piped = runner.invoke(main, ["run", str(inbox), str(tmp_path / "out1"), "--jobs", "1"])
    assert piped.exit_code == 0, piped.output
    lines = [line for line in piped.stderr.splitlines() if line.startswith("[")]
    assert len(lines) == 2 and {line.split()[-1] for line in lines} == {"one.pdf", "two.pdf"}
    assert all(" released " in line for line in lines)
    quiet = runner.invoke(main, ["run", str(inbox), str(tmp_path / "out2"), "--jobs", "1", "--quiet"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stderr == ""
    assert "2 file(s), 2 page(s)" in quiet.stdout
