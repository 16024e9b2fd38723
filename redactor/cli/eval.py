"""`redact eval PATH`: detection figures on labelled documents."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from redactor.cli.app import config_option, jobs_option, main
from redactor.errors import ExitCode, RedactorError

if TYPE_CHECKING:
    from redactor.evaluate.scoring import EvalReport, Tally


def _row(name: str, t: Tally) -> None:
    click.echo(f"{name:28} {t.total:7} {t.hit:7} {t.share:8.3f}")


def _print_eval(report: EvalReport, show: int) -> None:
    from redactor.evaluate.scoring import BOX_KINDS, GROUPS

    click.echo(f"{report.documents} document(s), {report.pages} page(s) released and scored in {report.seconds:.1f}s\n")
    click.echo(f"{'personal data':28} {'items':>7} {'gone':>7} {'recall':>8}")
    for category, t in sorted(report.recall.items()):
        _row(category, t)
    for group in GROUPS:
        if report.group_recall(group).total:
            _row(f"[{group}]", report.group_recall(group))
    _row("ALL PERSONAL DATA", report.overall_recall())
    click.echo(f"\n{'non-personal text':28} {'items':>7} {'kept':>7} {'share':>8}")
    for category, t in sorted(report.kept.items()):
        _row(category, t)
    _row("ALL NON-PERSONAL TEXT", report.overall_kept())
    if len(report.group_recall_by_set) > 1:
        click.echo(f"\n{'by set':28} {'recall':>15} {'kept':>16}")
        for group in sorted(set(report.group_recall_by_set) | set(report.kept_by_set)):
            r, k = report.group_recall_by_set[group], report.kept_by_set[group]
            click.echo(f"{group:28} {r.hit:>4}/{r.total:<4} {r.share:.3f} {k.hit:>5}/{k.total:<4} {k.share:.3f}")
    click.echo(f"\nredaction boxes: {report.box_count}")
    for kind in BOX_KINDS:
        click.echo(f"  on {kind.replace('_', '-')} text: {report.boxes[kind]:5} ({report.box_share(kind):.1%})")
    sections = (
        ("Missed (still readable)", report.missed),
        ("Over-redacted", report.over_redacted),
        ("Boxes not on labelled personal data", report.stray_boxes),
        ("Not scored (not readable in the original either)", report.unscorable),
    )
    for title, rows in sections:
        if rows and show:
            click.echo(f"\n{title}, first {min(show, len(rows))} of {len(rows)}:")
            for doc, kind, text in rows[:show]:
                click.echo(f"  {doc}: {kind}: {text!r}")
    if report.failed:
        click.echo("\nNot released (not scored):")
        for doc, reason in report.failed:
            click.echo(f"  {doc}: {reason}")
    for note in report.notes:
        click.echo(f"\nnote: {note}")


def _shortfalls(report: EvalReport, minimums: dict[str, float], max_stray: float) -> list[str]:
    figures = {
        "structured recall": (report.group_recall("structured").share, minimums["structured"]),
        "name recall": (report.group_recall("names").share, minimums["names"]),
        "address recall": (report.group_recall("addresses").share, minimums["addresses"]),
        "non-personal kept": (report.overall_kept().share, minimums["kept"]),
    }
    out = [f"{name} {value:.3f} < {target:.3f}" for name, (value, target) in figures.items() if value < target]
    stray = 1.0 - report.box_share("personal") if report.box_count else 0.0
    if stray > max_stray:
        out.append(f"boxes not on personal data {stray:.3f} > {max_stray:.3f}")
    return out


@main.command("eval")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--labels",
    "labels_path",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The label file, when it is not in PATH (its documents are then looked for in PATH).",
)
@click.option("--sets", default="", help="Only these sets (a key's sets, or document kinds), comma-separated.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    help="Keep the redacted output here (default: a temporary folder, removed afterwards).",
)
@config_option
@jobs_option
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON, for machines.")
@click.option("--show", type=click.IntRange(min=0), default=15, show_default=True, help="How many misses to list.")
@click.option("--min-structured", type=click.FloatRange(0, 1), default=0.0, help="Fail below this identifier recall.")
@click.option("--min-names", type=click.FloatRange(0, 1), default=0.0, help="Fail below this recall on names.")
@click.option("--min-addresses", type=click.FloatRange(0, 1), default=0.0, help="Fail below this address recall.")
@click.option("--min-kept", type=click.FloatRange(0, 1), default=0.0, help="Fail below this share of text kept.")
@click.option(
    "--max-stray-boxes",
    type=click.FloatRange(0, 1),
    default=1.0,
    help="Fail above this share of boxes not on labelled personal data.",
)
def eval_command(
    path: Path,
    labels_path: Path | None,
    sets: str,
    out: Path | None,
    config_file: Path | None,
    jobs: int,
    as_json: bool,
    show: int,
    min_structured: float,
    min_names: float,
    min_addresses: float,
    min_kept: float,
    max_stray_boxes: float,
) -> None:
    """Measure detection on labelled documents: recall, text kept, and where the boxes fall.

    PATH is a folder of documents with the project's label file (.labels.json, the format
    sample_docs/ uses), or a labelled set in the shared corpus format (a folder with key.json,
    such as ../shared/corpus/realworld_dev), or either label file itself. Runs the real
    pipeline, then reads the released PDFs back: recall is the share of labelled personal data
    gone, "kept" the share of labelled non-personal text still readable (whole words, case
    ignored); every redaction box in the logs is counted as on personal data, on text
    labelled non-personal, or on unlabelled text. Exits 7 if a figure misses its --min-*/--max-*.
    """
    from redactor.evaluate.scoring import evaluate
    from redactor.evaluate.sets import open_set
    from redactor.pipeline import RunOptions

    options = RunOptions(config_file=config_file, jobs=jobs)
    wanted = [s.strip() for s in sets.split(",") if s.strip()]
    try:
        if labels_path is not None:
            labelled = open_set(labels_path, wanted, documents_in=path if path.is_dir() else path.parent)
        else:
            labelled = open_set(path, wanted)
        if out is None:
            with tempfile.TemporaryDirectory(prefix="redactor-eval-") as tmp:
                report = evaluate(labelled, Path(tmp) / "out", options)
        else:
            report = evaluate(labelled, out, options)
    except RedactorError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(int(exc.exit_code))
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        _print_eval(report, show)
    minimums = {"structured": min_structured, "names": min_names, "addresses": min_addresses, "kept": min_kept}
    shortfalls = _shortfalls(report, minimums, max_stray_boxes)
    if shortfalls:
        click.echo("below target: " + "; ".join(shortfalls), err=True)
        sys.exit(int(ExitCode.BELOW_TARGET))
