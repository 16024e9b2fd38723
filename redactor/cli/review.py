"""`redact review OUT`, `redact decide OUT ...` and `redact status OUT`: the review step."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import click

from redactor.cli.app import config_option, main
from redactor.errors import ExitCode, RedactorError

exemptions_option = click.option(
    "--exemptions",
    "exemptions_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own exemption entries, added to (or replacing by code) models/exemptions.yaml "
    "(decide keeps a copy in OUT/review/exemptions.yaml, which the run, status and letter then use).",
)
out_argument = click.argument("out", type=click.Path(exists=True, file_okay=False, path_type=Path))


def _fail(exc: RedactorError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(int(exc.exit_code))


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


REVIEW_HELP = """Write the review page for the batch in OUT, or serve it to record decisions.

\b
Writes OUT/review/index.html: one self-contained page (page images rendered from the
originals, no network) showing every proposed redaction and kept item, lowest confidence
first. Open it from the file system to look, decide and export a decisions file, which
`redact decide OUT --import FILE` then records. With --serve it is served on 127.0.0.1
only, and every decision is saved to OUT/review/decisions.jsonl as it is made.
Then run `redact INBOX OUT` again: the run honours every decision.
Also writes OUT/review/schedule.csv, the redaction schedule (internal: it holds the text).
"""


@main.command("review", help=REVIEW_HELP)
@out_argument
@click.option(
    "--inbox",
    type=click.Path(exists=True, path_type=Path),
    help="The inbox the batch was run on (default: the one the last run recorded).",
)
@click.option("--serve", is_flag=True, help="Serve the page on 127.0.0.1 and save each decision as it is made.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port for --serve.")
@click.option("--reviewer", default=None, help="Your name, recorded with each decision (default: your login).")
@config_option
def review_command(
    out: Path, inbox: Path | None, serve: bool, port: int, reviewer: str | None, config_file: Path | None
) -> None:
    from redactor.config import load_config
    from redactor.review.page import write_page
    from redactor.review.schedule import write_schedule

    try:
        loaded = load_config(config_file)
        page = write_page(out, inbox, loaded, reviewer or _user())
        write_schedule(out)
    except RedactorError as exc:
        _fail(exc)
    if not serve:
        click.echo(f"Review page: {page}")
        click.echo("Open it in a browser; export your decisions there, then: redact decide OUT --import FILE")
        return
    from redactor.review.server import serve_review

    try:
        serve_review(out, page, port, on_ready=_announce)
    except OSError as exc:
        click.echo(f"error: cannot serve on 127.0.0.1:{port} ({exc.strerror}); try --port", err=True)
        sys.exit(int(ExitCode.USAGE))
    except KeyboardInterrupt:
        click.echo("\nstopped; decisions are saved in OUT/review/decisions.jsonl. Run `redact INBOX OUT` again.")


def _announce(url: str) -> None:
    click.echo(f"Reviewing at {url} (Ctrl+C to stop)")
    sys.stdout.flush()  # seen at once even when the output is a pipe or a file


DECIDE_HELP = """Record a reviewer's decision about a redaction, a kept item or a text.

\b
Examples:
    redact decide out --id p2-3fa9c01b2e --release --reason "officer in public role"
    redact decide out --text "Olwen Tregarth" --withhold --scope bundle
    redact decide out --text "Olwen Tregarth" --withhold --document letters/a.pdf
    redact decide out --document letters/a.pdf --reviewed
    redact decide out --document drafts/ia.pdf --withhold --whole --exemption "s35(1)(a)" --reason "policy draft"
    redact decide out --document letters/a.pdf --withhold --page 3 --exemption "s43(2)"
    redact decide out --exemption "s35(1)(a)" --public-interest pit-s35.md
    redact decide out --import decisions-export.jsonl

\b
--scope: box (the one item named by --id; the default with --id), document (every
occurrence of its text in the document; the default with --text and --document), bundle
(every occurrence in every document; the default with --text alone). Decisions are added
to OUT/review/decisions.jsonl (never rewritten: a later decision supersedes an earlier
one). Run `redact INBOX OUT` again to apply them.


--whole withholds the whole --document (not released at all, listed in the annex);
--page N withholds one page (a full-page box labelled with the code). --public-interest
records the public interest test for a qualified --exemption: a Markdown file with the
arguments for release, for withholding and the conclusion, each under its own heading
(for s36 also --qualified-person and --opinion-date). Codes come from the exemption library.
"""


@main.command("decide", help=DECIDE_HELP)
@out_argument
@click.option("--id", "item_id", metavar="ID", help="The redaction id (from the log, the schedule or the page).")
@click.option("--text", metavar="TEXT", help="A text: every occurrence of it, in the document or the bundle.")
@click.option("--release/--withhold", "release", default=None, help="Release (show) it, or withhold (redact) it.")
@click.option("--reviewed", is_flag=True, help="Mark --document as reviewed.")
@click.option("--whole", is_flag=True, help="Withhold the whole --document (not released; needs --exemption).")
@click.option("--page", type=int, default=None, help="Withhold this page (1-based) of --document.")
@click.option(
    "--public-interest",
    "public_interest",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Record the public interest test for --exemption from this Markdown file.",
)
@click.option("--qualified-person", default=None, help="s36: the qualified person who gave the opinion.")
@click.option("--opinion-date", default=None, help="s36: the date of the qualified person's opinion (YYYY-MM-DD).")
@click.option("--scope", type=click.Choice(["box", "document", "bundle"]), default=None, help="What it applies to.")
@click.option("--document", metavar="RELPATH", help="The document (its path in the inbox), for --text or --reviewed.")
@click.option("--exemption", metavar="CODE", help="Exemption code for a withheld item (default: the policy's).")
@click.option("--reason", default="", help="Why: recorded with the decision and in the log.")
@click.option("--reviewer", default=None, help="Who decides (default: your login).")
@click.option(
    "--import",
    "import_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Append the decisions in a file exported from the review page.",
)
@exemptions_option
@config_option
def decide_command(
    out: Path,
    item_id: str | None,
    text: str | None,
    release: bool | None,
    reviewed: bool,
    whole: bool,
    page: int | None,
    public_interest: Path | None,
    qualified_person: str | None,
    opinion_date: str | None,
    scope: str | None,
    document: str | None,
    exemption: str | None,
    reason: str,
    reviewer: str | None,
    import_file: Path | None,
    exemptions_file: Path | None,
    config_file: Path | None,
) -> None:
    from redactor.config import load_config
    from redactor.review.decide import import_decisions, make_record
    from redactor.review.store import append_records

    try:
        if import_file is not None:
            if item_id or text or release is not None or reviewed:
                raise click.UsageError("--import takes no other decision options")
            added, skipped, tests = import_decisions(out, import_file)
            click.echo(f"{added} decision(s) recorded ({skipped} already there). Run `redact INBOX OUT` to apply.")
            if tests:
                click.echo(f"{tests} public interest test(s) recorded in OUT/review/public-interest/.")
            return
        if exemptions_file is not None:  # kept in OUT/review/, for the run, status and letter
            from redactor.respond.library import save_body_file

            save_body_file(out, exemptions_file)
        if public_interest is not None:
            if item_id or text or release is not None or reviewed or whole or page is not None or not exemption:
                raise click.UsageError("--public-interest takes --exemption CODE and no other decision")
            written = _record_public_interest(out, exemption, public_interest, qualified_person, opinion_date)
            click.echo(f"recorded the public interest test for {exemption}: {written}")
            return
        codes = None
        if exemption is not None:
            from redactor.review.status import exemption_codes

            codes = exemption_codes(load_config(config_file).config.policy, out)
        record = make_record(
            out,
            item_id=item_id,
            text=text,
            release=release,
            reviewed=reviewed,
            scope=scope,
            document=document,
            exemption=exemption,
            allowed_exemptions=codes,
            reason=reason,
            reviewer=reviewer or _user(),
            whole=whole,
            page=page,
        )
        append_records(out, [record])
    except RedactorError as exc:
        _fail(exc)
    from redactor.review.status import describe

    click.echo(f"recorded: {describe(record)}")
    if not reviewed:
        click.echo("Run `redact INBOX OUT` again to apply it.")


def _record_public_interest(out: Path, code: str, source: Path, person: str | None, given_on: str | None) -> Path:
    """Store the public interest test for `code` (and a qualified person's opinion, for s36)."""
    from datetime import date

    from redactor.respond.library import library_for
    from redactor.respond.public_interest import QualifiedOpinion, record_public_interest

    opinion = None
    if person or given_on:
        if not (person and given_on):
            raise click.UsageError("--qualified-person and --opinion-date go together")
        try:
            opinion = QualifiedOpinion(person, date.fromisoformat(given_on))
        except ValueError as exc:
            raise click.UsageError(f"--opinion-date {given_on!r}: not a date (YYYY-MM-DD)") from exc
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise click.UsageError(f"cannot read {source}: {exc}") from exc
    return record_public_interest(out, code, text, library_for(out), opinion=opinion)


STATUS_HELP = """Say what is left to review in OUT: unreviewed documents, unapplied and orphaned decisions.

\b
Exit codes: 0 every document is reviewed, every decision applied and every qualified
exemption relied on has its public interest test (a release script can gate on it);
5 something is left (listed); 2 OUT holds no finished run.
Also writes OUT/review/schedule.csv.
"""


@main.command("status", help=STATUS_HELP)
@out_argument
@exemptions_option
def status_command(out: Path, exemptions_file: Path | None) -> None:
    from redactor.respond.library import library_for
    from redactor.respond.public_interest import public_interest_problems
    from redactor.review.schedule import write_schedule
    from redactor.review.status import describe, review_status

    try:
        status = review_status(out)
        write_schedule(out)
        # A qualified exemption relied on needs its public interest test before release.
        interest = public_interest_problems(out, library_for(out, exemptions_file))
    except RedactorError as exc:
        _fail(exc)
    click.echo(f"{status.documents} document(s); {status.documents - len(status.unreviewed)} reviewed")
    if status.unreviewed:
        click.echo("\nNot yet reviewed:")
        for rel in status.unreviewed:
            click.echo(f"  {rel}")
    if status.unapplied:
        click.echo("\nDecisions not yet applied (run `redact INBOX OUT` again):")
        for rel, n in status.unapplied:
            click.echo(f"  {rel}: {n} decision(s)" if n else f"  {rel}: decisions withdrawn since the last run")
    if status.orphaned:
        click.echo("\nOrphaned decisions (their document changed or is gone; not applied - decide again):")
        for r in status.orphaned:
            click.echo(f"  {describe(r)}")
    if status.unmatched:
        click.echo("\nDecisions about an id the last run did not have (the input or configuration changed?):")
        for r in status.unmatched:
            click.echo(f"  {describe(r)}")
    if interest:
        click.echo(
            "\nQualified exemptions without their public interest test (redact decide OUT --exemption CODE "
            "--public-interest FILE):"
        )
        for code, problem in interest:
            click.echo(f"  {code}: {problem}")
    complete = status.complete and not interest
    if complete:
        click.echo("Everything is reviewed and every decision is applied.")
    sys.exit(int(ExitCode.OK if complete else ExitCode.NEEDS_REVIEW))
