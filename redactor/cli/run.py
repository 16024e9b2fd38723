"""`redact run INBOX OUT` (the default command): the main job."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.progress import BarColumn, TextColumn, TimeRemainingColumn
from rich.progress import Progress as RichProgress

from redactor.cli.app import config_option, jobs_option, main
from redactor.errors import RedactorError
from redactor.pipeline.limits import DEFAULT_LIMITS, Limits
from redactor.types import DocumentResult, Status

if TYPE_CHECKING:
    from redactor.pipeline.batch import BatchSummary

MARKS = {
    Status.RELEASED: "released",
    Status.FAILED: "FAILED",
    Status.CHECK_FAILED: "CHECK FAILED",
    Status.NEEDS_REVIEW: "needs review",
    Status.SKIPPED: "skipped",
    Status.WITHHELD: "withheld in full",
}


def _line(result: DocumentResult, done: int, total: int) -> str:
    return f"[{done}/{total}] {MARKS[result.status]:12} {result.relpath}"


class Progress:
    """What a person watching a run sees on stderr.

    On a terminal: one live line (documents and pages done, pages a second, time left), with
    every document that is not released printed above it as it happens. Elsewhere (a log file,
    a pipe, CI): one plain line per document, which is a record and needs no terminal. With
    --quiet: nothing.
    """

    def __init__(self, quiet: bool, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)
        self.quiet = quiet
        self.live = not quiet and self.console.is_terminal
        self.pages = 0
        self.bar = RichProgress(
            TextColumn("{task.completed}/{task.total} documents"),
            BarColumn(),
            TextColumn("{task.fields[pages]} pages, {task.fields[rate]} pages/s"),
            TimeRemainingColumn(),
            TextColumn("left"),
            console=self.console,
            transient=True,
            disable=not self.live,
        )
        self.task = self.bar.add_task("redact", total=None, pages=0, rate="-")
        self.started = time.monotonic()

    def __enter__(self) -> Progress:
        self.bar.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self.bar.__exit__(None, None, None)

    def __call__(self, result: DocumentResult, done: int, total: int) -> None:
        if self.quiet:
            return
        if not self.live:
            click.echo(_line(result, done, total), err=True)
            return
        self.pages += result.pages
        if result.status not in (Status.RELEASED, Status.SKIPPED, Status.WITHHELD):
            self.bar.console.print(_line(result, done, total), markup=False, highlight=False)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        self.bar.update(self.task, completed=done, total=total, pages=self.pages, rate=f"{self.pages / elapsed:.1f}")


def _print_summary(summary: BatchSummary, out: Path) -> None:
    pages = sum(r.pages for r in summary.results)
    click.echo(
        f"\n{len(summary.results)} file(s), {pages} page(s) in {summary.seconds:.1f}s: "
        f"{summary.count(Status.RELEASED)} released, {summary.count(Status.FAILED)} failed, "
        f"{summary.count(Status.CHECK_FAILED)} failed checks, {summary.count(Status.NEEDS_REVIEW)} need review, "
        f"{summary.count(Status.SKIPPED)} skipped (hidden files, signatures)"
        + (f", {summary.count(Status.WITHHELD)} withheld in full" if summary.count(Status.WITHHELD) else "")
    )
    problems = [r for r in summary.results if r.status not in (Status.RELEASED, Status.SKIPPED, Status.WITHHELD)]
    if problems:
        click.echo("\nNot released:")
        for r in problems:
            click.echo(f"  {r.relpath}: {r.status.value}: {r.reason}")
    click.echo(f"\nRelease folder: {out / 'released'}")
    click.echo(f"Annex for the requester: {out / 'annex.md'}")
    click.echo(f"Internal logs (do not release): {out / 'logs'}")
    if problems:
        click.echo("Fix or review the documents above, then run again; the logs say why each was held back.")


@main.command("run")
@click.argument("inbox", type=click.Path(exists=True, path_type=Path))
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@config_option
@jobs_option
@click.option(
    "--requester",
    multiple=True,
    metavar="NAME",
    help="The requester's name: their own data is marked section 40(1), not 40(2). Repeatable.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0),
    default=DEFAULT_LIMITS.seconds,
    show_default=True,
    metavar="SECONDS",
    help="Stop a document that takes longer than this (it fails; the batch goes on). 0: no limit.",
)
@click.option(
    "--memory-limit",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMITS.memory_mb,
    show_default=True,
    metavar="MB",
    help="Memory a worker process may use; a document that needs more fails. 0: no limit.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default="",
    help="Run the documents on a Dask cluster: tcp://HOST:8786, or 'local' for a one-machine trial "
    "(needs redactor[dask]; --jobs is then the number of local workers).",
)
@click.option(
    "--quiet",
    "-q",
    is_flag=True,
    help="Do not show progress; print only the summary. (Progress is a live line on a terminal, "
    "one line per document otherwise.)",
)
def run(
    inbox: Path,
    out: Path,
    config_file: Path | None,
    jobs: int,
    requester: tuple[str, ...],
    time_limit: float,
    memory_limit: int,
    scheduler: str,
    quiet: bool,
) -> None:
    """Redact every PDF and e-mail under INBOX (a folder, or one file) into OUT (the main job).

    Writes OUT/released/ (send it), OUT/annex.md (send it) and OUT/logs/ (internal: one
    JSON justification log per document, and summary.json). A document that cannot be fully
    processed, or fails its pre-release checks, is not released, and the summary says why.
    """
    from redactor.pipeline.batch import RunOptions, run_batch  # heavy: spaCy, PyMuPDF

    options = RunOptions(
        config_file=config_file,
        requester=requester,
        jobs=jobs,
        limits=Limits(seconds=time_limit, memory_mb=memory_limit),
        scheduler=scheduler,
    )
    try:
        with Progress(quiet) as progress:
            summary = run_batch(inbox, out, options, on_result=progress)
    except RedactorError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        click.echo(
            "\ninterrupted: documents already in the release folder are complete; nothing was half-written. "
            "Run again to finish.",
            err=True,
        )
        sys.exit(130)
    _print_summary(summary, out)
    sys.exit(int(summary.exit_code))
