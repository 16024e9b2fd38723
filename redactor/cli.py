"""The `redact` command. Thin glue: the library raises, this module prints and picks exit codes."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click

from redactor import __version__
from redactor.errors import ExitCode, RedactorError
from redactor.evaluate import GROUPS, EvalReport, evaluate
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
    7  (redact eval) a measured figure is below its threshold
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


# Options several commands share.
config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A YAML file merged over the shipped configuration (models/redactor.yaml).",
)
jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True, help="Worker processes; 0: every core."
)


@main.command("run")
@click.argument("inbox", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@config_option
@jobs_option
@click.option(
    "--requester",
    multiple=True,
    metavar="NAME",
    help="The requester's name: their own data is marked section 40(1), not 40(2). Repeatable.",
)
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


def _print_eval(report: EvalReport, show: int) -> None:
    click.echo(f"{report.documents} document(s), {report.pages} page(s) released and scored in {report.seconds:.1f}s\n")
    click.echo(f"{'personal data':28} {'items':>7} {'gone':>7} {'recall':>8}")
    for category, t in sorted(report.recall.items()):
        click.echo(f"{category:28} {t.total:7} {t.hit:7} {t.share:8.3f}")
    for group in GROUPS:
        t = report.group_recall(group)
        click.echo(f"{'[' + group + ']':28} {t.total:7} {t.hit:7} {t.share:8.3f}")
    t = report.overall_recall()
    click.echo(f"{'ALL PERSONAL DATA':28} {t.total:7} {t.hit:7} {t.share:8.3f}\n")
    click.echo(f"{'non-personal text':28} {'items':>7} {'kept':>7} {'share':>8}")
    for category, t in sorted(report.kept.items()):
        click.echo(f"{category:28} {t.total:7} {t.hit:7} {t.share:8.3f}")
    t = report.overall_kept()
    click.echo(f"{'ALL NON-PERSONAL TEXT':28} {t.total:7} {t.hit:7} {t.share:8.3f}")
    for title, rows in (("Missed (still readable)", report.missed), ("Over-redacted", report.over_redacted)):
        if rows and show:
            click.echo(f"\n{title}, first {min(show, len(rows))} of {len(rows)}:")
            for doc, category, text in rows[:show]:
                click.echo(f"  {doc}: {category}: {text!r}")
    if report.failed:
        click.echo("\nNot released (not scored):")
        for doc, reason in report.failed:
            click.echo(f"  {doc}: {reason}")


@main.command("eval")
@click.argument("inbox", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--labels",
    "labels_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The label file (default: INBOX/.labels.json, the format sample_docs/ uses).",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the redacted output here (default: a temporary folder, removed afterwards).",
)
@config_option
@jobs_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON, for machines.")
@click.option("--show", type=click.IntRange(min=0), default=15, show_default=True, help="How many misses to list.")
@click.option(
    "--min-structured", type=click.FloatRange(0, 1), default=0.0, help="Fail below this recall on identifiers."
)
@click.option("--min-names", type=click.FloatRange(0, 1), default=0.0, help="Fail below this recall on people's names.")
@click.option(
    "--min-addresses", type=click.FloatRange(0, 1), default=0.0, help="Fail below this recall on home addresses."
)
@click.option(
    "--min-kept", type=click.FloatRange(0, 1), default=0.0, help="Fail below this share of non-personal text kept."
)
def eval_command(
    inbox: Path,
    labels_path: Path | None,
    out: Path | None,
    config_file: Path | None,
    jobs: int,
    as_json: bool,
    show: int,
    min_structured: float,
    min_names: float,
    min_addresses: float,
    min_kept: float,
) -> None:
    """Measure detection on labelled documents: recall per category, and non-personal text kept.

    Runs the real pipeline on INBOX, then reads the released PDFs back: recall is the share of
    labelled personal data that is gone, "kept" the share of labelled organisations, places,
    roles, references and citations still readable. Exits 7 if a figure is below its --min-*.
    """
    labels_path = labels_path or inbox / ".labels.json"
    if not labels_path.is_file():
        raise click.UsageError(f"no label file: {labels_path} does not exist (give one with --labels)")
    options = RunOptions(config_file=config_file, jobs=jobs)
    try:
        if out is None:
            with tempfile.TemporaryDirectory(prefix="redactor-eval-") as tmp:
                report = evaluate(inbox, labels_path, Path(tmp) / "out", options)
        else:
            report = evaluate(inbox, labels_path, out, options)
    except RedactorError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(int(exc.exit_code))
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        _print_eval(report, show)
    shortfalls = [
        f"{name} {value:.3f} < {target:.3f}"
        for name, value, target in (
            ("structured recall", report.group_recall("structured").share, min_structured),
            ("name recall", report.group_recall("names").share, min_names),
            ("address recall", report.group_recall("addresses").share, min_addresses),
            ("non-personal kept", report.overall_kept().share, min_kept),
        )
        if value < target
    ]
    if shortfalls:
        click.echo("below target: " + "; ".join(shortfalls), err=True)
        sys.exit(int(ExitCode.BELOW_TARGET))


CHECK_HELP = """Check PDFs (ours or anyone's) for every known way a redacted document still leaks.

\b
PATH is a file or a folder (every PDF under it). Each file gets a verdict:
    pass   nothing found
    warn   nothing leaks, but a reviewer should look (does not fail)
    fail   something leaks; do not release it

\b
FAIL (a leak):
    covered-text        text still in the file under a filled box, a dark highlight,
                        a black picture, a cross-hatch or an opaque annotation
    unapplied-redaction a redaction annotation that was never applied
    invisible-text      render mode 3 text that is not a scan's OCR layer
    ocr-under-redaction an OCR layer under a blacked-out area of a scan
    low-contrast-text   white or background-coloured text
    transparent-text    text painted at zero opacity
    hidden-text         text that does not show when the page is drawn (clipped...)
    off-page-text       text outside the visible page (a whole line)
    tiny-text           text smaller than 1 pt
    hidden-layer        an optional-content layer switched off
    metadata / xmp      an author in the document information; XMP naming a person,
                        holding an e-mail address, or disagreeing with the information
    comments            comments and other annotation text that is not on the page
    form-fields         form fields holding values
    embedded-files      attachments
    javascript          JavaScript, launch, submit-form or import actions
    links               mailto: links and actions (e-mail addresses)
    earlier-revision    an incremental update whose earlier revision had content
                        the last one lacks
    personal-data       personal data `redact` would remove, still readable (skip with
                        --no-detect; items a reviewer released in the log are not findings)
    unreadable          the file cannot be opened or read

\b
WARN (look at it; does not fail):
    length-revealing    boxes fitted to the gap in a line: the width, and the words
                        left where they were, reveal the length of what was removed
    ocr-layer           an OCR text layer over a scan (check it matches the picture)
    text-under-image    text under a picture that shows something (a scan's layer?)
    faint-text          text so faint it can hardly be seen
    hidden-text / off-page-text, part of a line only (a word overflowing its cell)
    metadata            title, subject or keywords in the document information
    outline, page-labels, revisions (incremental updates with nothing lost)

\b
Exit codes: 0 every file passed (warnings allowed); 4 at least one failed;
2 bad arguments.
"""


@main.command("check", help=CHECK_HELP)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON, for machines.")
@click.option("--no-detect", is_flag=True, help="Skip the personal-data detection (fast; no model needed).")
@click.option(
    "--log",
    "log_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A justification log whose released (kept) items are not findings (default: found beside OUT/released).",
)
@config_option
def check_command(
    paths: tuple[Path, ...], as_json: bool, no_detect: bool, log_path: Path | None, config_file: Path | None
) -> None:
    from redactor.checks import PersonalDataScanner, check_file, collect_pdfs

    files = collect_pdfs(paths)
    if not files:
        raise click.UsageError("no PDF found under the paths given")
    if log_path is not None and len(files) > 1:
        raise click.UsageError("--log names the log of one file; give one file with it")
    scanner = None if no_detect else PersonalDataScanner(config_file)
    try:
        reports = [check_file(f, scanner, log_path) for f in files]
    except RedactorError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(int(exc.exit_code))
    if as_json:
        failed = sum(1 for r in reports if not r.passed)
        payload = {"files": [r.as_dict() for r in reports], "checked": len(reports), "failed": failed}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
    else:
        for report in reports:
            click.echo(f"{report.verdict.upper():4}  {report.path}")
            for f in report.findings:
                where = "document" if f.page is None else f"page {f.page + 1}"
                rect = getattr(f, "rect", None)
                if rect:
                    where += " at ({:.0f}, {:.0f}, {:.0f}, {:.0f})".format(*rect)
                click.echo(f"      {f.severity.value.upper():4} {f.code}: {where}: {f.message}")
        failed = sum(1 for r in reports if not r.passed)
        click.echo(f"\n{len(reports)} file(s) checked: {len(reports) - failed} passed, {failed} failed")
    sys.exit(int(ExitCode.CHECKS_FAILED if any(not r.passed for r in reports) else ExitCode.OK))


if __name__ == "__main__":
    main()

__all__ = ["ExitCode", "main"]
