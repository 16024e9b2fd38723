"""`redact check PATH...`: the pre-release disclosure checks on any PDFs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from redactor.cli.app import config_option, main
from redactor.errors import ExitCode, RedactorError

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
    from redactor.verify.checks import PersonalDataScanner, check_file, collect_pdfs

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


