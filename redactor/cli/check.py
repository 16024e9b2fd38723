"""`redact check PATH...`: the pre-release disclosure checks on any PDFs."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import click

from redactor.cli.app import config_option, main
from redactor.errors import ExitCode, RedactorError

CHECK_INTRO = """Check PDFs (ours or anyone's) for every known way a redacted document still leaks.

\b
PATH is a file or a folder (every PDF under it). Each file gets a verdict:
    pass   nothing found
    warn   nothing leaks, but a reviewer should look (does not fail)
    fail   something leaks; do not release it
"""
CHECK_EXIT = """\b
Exit codes: 0 every file passed (warnings allowed); 4 at least one failed;
2 bad arguments.
"""
CODE_WIDTH = 20
HELP_WIDTH = 78


def _code_lines(code: str, text: str) -> list[str]:
    lines = textwrap.wrap(text, HELP_WIDTH - CODE_WIDTH - 4) or [""]
    first = f"    {code:<{CODE_WIDTH - 1}} {lines[0]}" if len(code) < CODE_WIDTH else f"    {code}"
    rest = lines[1:] if len(code) < CODE_WIDTH else lines
    return [first] + [" " * (CODE_WIDTH + 4) + line for line in rest]


def check_help() -> str:
    """The help of `redact check`, generated from the catalogue of finding codes."""
    from redactor.types import Severity
    from redactor.verify.codes import Code

    fail = ["\b", "FAIL (a leak; on our own outputs every structure finding fails):"]
    warn = ["\b", "WARN (look at it; does not fail):"]
    for code in Code:
        (fail if code.severity is Severity.FAIL else warn).extend(_code_lines(str(code), code.help))
        if code.warn_when and code.severity is Severity.FAIL:
            warn.extend(_code_lines(str(code), code.warn_when))
    return "\n".join([CHECK_INTRO, *fail, "", *warn, "", CHECK_EXIT])


@main.command("check", help=check_help())
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
    from redactor.config import load_config

    scanner = None if no_detect else PersonalDataScanner(config_file)
    try:
        # The configuration's OCR settings (languages, resolution, the text-layer check) apply here too.
        ocr_cfg = load_config(config_file).config.ocr
        reports = [check_file(f, scanner, log_path, ocr_cfg) for f in files]
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
