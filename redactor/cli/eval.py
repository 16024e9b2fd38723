"""`redact eval INBOX`: detection figures on labelled documents."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click

from redactor.cli.app import config_option, jobs_option, main
from redactor.errors import ExitCode, RedactorError
from redactor.evaluate.scoring import GROUPS, EvalReport, evaluate
from redactor.pipeline import RunOptions


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
