"""`redact letter OUT --reference REF --received DATE`: the draft response letter, with its annex."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from redactor.cli.app import main
from redactor.errors import ExitCode, RedactorError

LETTER_HELP = """Write the draft response letter for the output folder OUT.

\b
Writes OUT/response.md, OUT/response.pdf and OUT/response.docx (to finish in a word
processor): the reference and title, the request quoted, whether the information is
held, what is released and what is withheld under which exemptions (with counts, and
the documents withheld in full), next steps (internal review, then the Information
Commissioner) and the body's details, then the annex. It also refreshes OUT/annex.md.
Everything comes from OUT's logs and the public interest tests recorded under
OUT/review/public-interest/; no withheld value is ever written.
A test not yet written is started there for you: its three headings, with neutral
questions as comments (they never reach the annex).

\b
The body's details and the language (en, or cy for Welsh) are in models/response.yaml;
give your own with --response-config. Placeholders left to fill start with "[TO COMPLETE".

\b
Exit codes: 0 written and complete; 5 written, but something is left to fill in (a
public interest test, the request, the body's details, an undecided document);
2 bad arguments or OUT is not a redactor output.
"""


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: use YYYY-MM-DD") from None


@main.command("letter", help=LETTER_HELP)
@click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--reference", required=True, help="The request's reference, e.g. ATISN 12345.")
@click.option("--received", required=True, callback=_date, help="When the request was received (YYYY-MM-DD).")
@click.option(
    "--request",
    "request_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A text file holding the request as received; it is quoted in the letter.",
)
@click.option("--dear", "addressee", help="The requester's name as the letter greets them (default: a placeholder).")
@click.option("--date", "letter_date", callback=_date, help="The letter's date (YYYY-MM-DD); default: today.")
@click.option(
    "--response-config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your body's details and language, merged over models/response.yaml.",
)
@click.option(
    "--exemptions",
    "exemptions_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own exemption entries, added to (or replacing by code) models/exemptions.yaml.",
)
def letter_command(
    out: Path,
    reference: str,
    received: date,
    request_file: Path | None,
    addressee: str | None,
    letter_date: date | None,
    response_config: Path | None,
    exemptions_file: Path | None,
) -> None:
    from redactor.respond.letter import LetterRequest, write_response
    from redactor.respond.library import body_file_of
    from redactor.respond.public_interest import record_path

    try:
        text = request_file.read_text(encoding="utf-8") if request_file else None
        pack = write_response(
            out,
            LetterRequest(reference, received, text, letter_date, addressee),
            body_file_of(out, exemptions_file),
            response_config,
        )
    except (RedactorError, UnicodeDecodeError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(int(getattr(exc, "exit_code", ExitCode.USAGE)))
    click.echo(f"Wrote {pack.markdown}, {pack.pdf} and {pack.docx} (annex refreshed: {pack.annex})")
    for code in pack.missing_public_interest:
        click.echo(f"  to do: write the public interest test for {code} in {record_path(out, code)}")
    if pack.unfilled:
        fields = ", ".join(pack.unfilled)
        click.echo(f"  to do: fill in the body's {fields} (models/response.yaml or --response-config)")
    if pack.todo:
        click.echo(f"  to do: {pack.todo} placeholder(s) marked [TO COMPLETE ...] in the letter and annex")
    incomplete = pack.todo or pack.unfilled or pack.missing_public_interest
    sys.exit(int(ExitCode.NEEDS_REVIEW if incomplete else ExitCode.OK))
