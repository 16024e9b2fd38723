"""`redact run INBOX OUT` (the default command): the main job."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from redactor.cli.app import config_option, jobs_option, main
from redactor.errors import RedactorError
from redactor.pipeline import DEFAULT_LIMITS, BatchSummary, Limits, RunOptions, run_batch
from redactor.types import DocumentResult, Status


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    def report(result: DocumentResult, done: int, total: int) -> None:
        if quiet:
            return
        mark = {
            Status.RELEASED: "released",
            Status.FAILED: "FAILED",
            Status.CHECK_FAILED: "CHECK FAILED",
            Status.NEEDS_REVIEW: "needs review",
            Status.SKIPPED: "skipped",
        }[result.status]
        click.echo(f"[{done}/{total}] {mark:12} {result.relpath}", err=True)

    return report


def _print_summary(summary: BatchSummary, out: Path) -> None:
    pages = sum(r.pages for r in summary.results)
    click.echo(
        f"\n{len(summary.results)} file(s), {pages} page(s) in {summary.seconds:.1f}s: "
        f"{summary.count(Status.RELEASED)} released, {summary.count(Status.FAILED)} failed, "
        f"{summary.count(Status.CHECK_FAILED)} failed checks, {summary.count(Status.NEEDS_REVIEW)} need review, "
        f"{summary.count(Status.SKIPPED)} hidden file(s) skipped"
    )
    problems = [r for r in summary.results if r.status not in (Status.RELEASED, Status.SKIPPED)]
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
@click.option("--quiet", "-q", is_flag=True, help="Do not show progress; print only the summary.")
def run(
    inbox: Path,
    out: Path,
    config_file: Path | None,
    jobs: int,
    requester: tuple[str, ...],
    time_limit: float,
    memory_limit: int,
    quiet: bool,
) -> None:
    """Redact every PDF and e-mail under INBOX (a folder, or one file) into OUT (the main job).

    Writes OUT/released/ (send it), OUT/annex.md (send it) and OUT/logs/ (internal: one
    JSON justification log per document, and summary.json). A document that cannot be fully
    processed, or fails its pre-release checks, is not released, and the summary says why.
    """
    options = RunOptions(
        config_file=config_file,
        requester=requester,
        jobs=jobs,
        limits=Limits(seconds=time_limit, memory_mb=memory_limit),
    )
    try:
        summary = run_batch(inbox, out, options, on_result=_progress(quiet))
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
