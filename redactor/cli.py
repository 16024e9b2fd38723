"""The `redact` command. Thin glue: the library raises, this module prints and picks exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from redactor import __version__
from redactor.errors import ExitCode, RedactorError
from redactor.model import DocumentResult, Status
from redactor.pipeline import BatchSummary, RunOptions, run_batch

MAIN_HELP = """\
Remove third-party personal data from FOI correspondence, for real, and justify it.

\b
The main job:
    redact INBOX OUT [OPTIONS]      (the same as: redact run INBOX OUT)

Every PDF under INBOX is redacted into OUT/released/ (same relative paths), with an
internal justification log per document in OUT/logs/ and a release-safe annex,
OUT/annex.md, explaining the section 40(2) exemption to the requester. INBOX is never
modified. See `redact run --help` for the options.

\b
Exit codes:
    0  every document was released and passed its checks
    2  bad arguments or configuration
    3  at least one document could not be processed
    4  at least one output failed its pre-release checks (it was not released)
    5  something needs a person's review (it was not released)
    6  a model or program the tool needs is not installed
"""


class MainJobGroup(click.Group):
    """A group whose default command is `run`, so that `redact INBOX OUT` works."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@click.group(cls=MainJobGroup, help=MAIN_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="redactor")
def main() -> None:
    pass


def _progress(quiet: bool):  # type: ignore[no-untyped-def]
    def report(result: DocumentResult, done: int, total: int) -> None:
        if quiet:
            return
        mark = {Status.RELEASED: "released", Status.FAILED: "FAILED", Status.CHECK_FAILED: "CHECK FAILED",
                Status.NEEDS_REVIEW: "needs review"}[result.status]
        click.echo(f"[{done}/{total}] {mark:12} {result.relpath}", err=True)

    return report


def _print_summary(summary: BatchSummary, out: Path) -> None:
    pages = sum(r.pages for r in summary.results)
    click.echo(
        f"\n{len(summary.results)} file(s), {pages} page(s) in {summary.seconds:.1f}s: "
        f"{summary.count(Status.RELEASED)} released, {summary.count(Status.FAILED)} failed, "
        f"{summary.count(Status.CHECK_FAILED)} failed checks, {summary.count(Status.NEEDS_REVIEW)} need review"
    )
    problems = [r for r in summary.results if r.status is not Status.RELEASED]
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
@click.argument("inbox", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A YAML file merged over the shipped configuration (models/redactor.yaml).")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes; 0 uses every core.")
@click.option("--requester", multiple=True, metavar="NAME",
              help="The requester's name: their own data is marked section 40(1), not 40(2). Repeatable.")
@click.option("--quiet", "-q", is_flag=True, help="Do not show progress; print only the summary.")
def run(inbox: Path, out: Path, config_file: Path | None, jobs: int, requester: tuple[str, ...], quiet: bool) -> None:
    """Redact every PDF under INBOX into OUT (the main job).

    Writes OUT/released/ (send it), OUT/annex.md (send it) and OUT/logs/ (internal: one
    JSON justification log per document, and summary.json). A document that cannot be fully
    processed, or fails its pre-release checks, is not released, and the summary says why.
    """
    options = RunOptions(config_file=config_file, requester=requester, jobs=jobs)
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


if __name__ == "__main__":
    main()

__all__ = ["ExitCode", "main"]
