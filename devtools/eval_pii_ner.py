"""A second opinion on detection: public labelled PII sets, run through our Detector and Policy.

The sets live in ../shared/corpus/pii_ner (see its SOURCES.md); nobody on this project wrote
them, so they check that the rules are not fitted to our own generator. Each text is treated
as a one-page document (no PDF): detection, then the policy (thresholds, allow-list,
propagation within the text), and a labelled span counts as found when redactions cover it.

* presidio_uk_recognizer_cases: Presidio's own UK identifier test tables. Recall is given
  twice: "detected" (a finding of the right type at any score) and "redacted" (above the
  threshold). A bare postcode or passport-like number is detected but, by our policy, not
  redacted without context. Negative cases count as false alarms when redacted.
* uk_postcodes_postcodesio: real postcodes, put in a home address ("redacted") and in a
  public body's published address ("kept").
* wnut17: person names in noisy social-media text (recall); locations, groups and
  corporations should stay readable (kept).
* presidio-research: synthetic, US-leaning samples. UK rules are not expected to catch US
  phone numbers or street addresses; PERSON and EMAIL_ADDRESS recall and the share of
  organisations and places kept are the useful figures.

Usage: .venv/bin/python -m devtools.eval_pii_ner [--corpus DIR] [--limit N] [--json] [--show N]
       .venv/bin/python -m devtools.eval_pii_ner --inbox DIR [--sets ...] [--limit N]; redact eval DIR
The second form writes each sample as a one-page PDF with the project's label file, so that the
whole pipeline (PDF text, line wrapping, redaction, checks) is measured, not detection alone.
Prints "skipped" and exits 0 when the corpus folder is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pymupdf

from redactor.config import LoadedConfig, load_config
from redactor.decide.policy import Policy
from redactor.detect.engine import Detector
from redactor.evaluate.labels import LABELS_FILE, DocumentLabels, LabelledItem, write_labels
from redactor.evaluate.matching import fold, readable
from redactor.types import Action, Document, Finding, PageText

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pii_ner"
# Labels of text that is not personal data in these sets: it should stay readable.
NON_PERSONAL = {"GPE", "ORGANIZATION", "location", "group", "corporation", "PUBLIC_ADDRESS"}


@dataclass
class Sample:
    """One labelled text: spans (start, end, label) of personal and of non-personal text."""

    text: str
    spans: list[tuple[int, int, str]]
    negatives: list[str] = field(default_factory=list)  # entity types that must not be redacted


@dataclass
class Tally:
    total: int = 0
    hit: int = 0

    @property
    def share(self) -> float:
        return self.hit / self.total if self.total else 1.0

    def add(self, hit: bool) -> None:
        self.total += 1
        self.hit += int(hit)


@dataclass
class SetReport:
    """Figures for one data set."""

    name: str
    samples: int = 0
    recall: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    detected: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    kept: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    precision: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    false_alarms: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    missed: list[tuple[str, str]] = field(default_factory=list)
    over: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        def table(d: dict[str, Tally]) -> dict[str, dict[str, float]]:
            return {k: {"total": t.total, "hit": t.hit, "share": round(t.share, 4)} for k, t in sorted(d.items())}

        return {
            "samples": self.samples,
            "seconds": round(self.seconds, 1),
            "recall_redacted": table(self.recall),
            "recall_detected": table(self.detected),
            "precision": table(self.precision),
            "kept": table(self.kept),
            "false_alarms": table(self.false_alarms),
        }


# --------------------------------------------------------------------------------------
# Reading the sets
# --------------------------------------------------------------------------------------


def read_uk_cases(folder: Path) -> list[Sample]:
    samples = []
    path = folder / "presidio_uk_recognizer_cases" / "presidio_uk_cases.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        (entity,) = case["entity_types"]
        spans = [(s, e, entity) for s, e in case["expected_spans"]]
        samples.append(Sample(case["text"], spans, negatives=[] if spans else [entity]))
    return samples


def read_postcodes(folder: Path) -> list[Sample]:
    """Each real postcode twice: ending a home address block, and in a council's letterhead."""
    path = folder / "uk_postcodes_postcodesio" / "postcodes_derived_list.txt"
    samples = []
    for postcode in (line.strip() for line in path.read_text(encoding="utf-8").splitlines()):
        if not postcode or postcode.startswith("#"):
            continue
        home = f"Mrs Ann Example\n12 Station Road\nAnytown\n{postcode}\n\nDear Sir or Madam,"
        labelled = ((postcode, "UK_POSTCODE"), ("Ann Example", "PERSON"), ("12 Station Road", "STREET_ADDRESS"))
        spans = [(home.index(v), home.index(v) + len(v), c) for v, c in labelled]
        samples.append(Sample(home, spans))
        public = f"Cardiff Council\nCounty Hall, Atlantic Wharf, Cardiff {postcode}\n\nDear Mrs Example,"
        start = public.index(postcode)
        name = public.rindex("Example")
        spans = [(start, start + len(postcode), "PUBLIC_ADDRESS"), (name, name + 7, "PERSON")]
        samples.append(Sample(public, spans))
    return samples


def read_wnut(folder: Path, name: str = "emerging.test.annotated") -> list[Sample]:
    samples: list[Sample] = []
    tokens: list[tuple[str, str]] = []

    def flush() -> None:
        if not tokens:
            return
        text, spans, pos = "", [], 0
        open_span: list[Any] | None = None
        for tok, tag in tokens:
            start = pos + (1 if text else 0)
            text = f"{text} {tok}" if text else tok
            pos = len(text)
            kind = tag[2:] if tag != "O" else ""
            if tag.startswith("B-") or (tag.startswith("I-") and (open_span is None or open_span[2] != kind)):
                if open_span:
                    spans.append(tuple(open_span))
                open_span = [start, pos, kind]
            elif tag.startswith("I-") and open_span is not None:
                open_span[1] = pos
            else:
                if open_span:
                    spans.append(tuple(open_span))
                open_span = None
        if open_span:
            spans.append(tuple(open_span))
        labelled = [
            (s, e, "PERSON" if k == "person" else k)
            for s, e, k in spans
            if k in ("person", "location", "group", "corporation")
        ]
        samples.append(Sample(text, labelled))
        tokens.clear()

    for line in (folder / "wnut17" / name).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
            continue
        parts = line.split("\t")
        if len(parts) >= 2:
            tokens.append((parts[0], parts[-1].strip()))
    flush()
    return samples


def read_presidio_research(folder: Path, name: str = "synth_dataset_v2.json") -> list[Sample]:
    data = json.loads((folder / "presidio-research" / name).read_text(encoding="utf-8"))
    return [
        Sample(item["full_text"], [(s["start_position"], s["end_position"], s["entity_type"]) for s in item["spans"]])
        for item in data
    ]


SETS = {
    "uk_cases": read_uk_cases,
    "uk_postcodes": read_postcodes,
    "wnut17": read_wnut,
    "presidio_research": read_presidio_research,
}


# --------------------------------------------------------------------------------------
# Running our detection on plain text
# --------------------------------------------------------------------------------------


def page_of(text: str, number: int = 0) -> PageText:
    """A page for plain text: one fake box per character, one line per text line."""
    boxes = tuple(None if c.isspace() else (float(i), 0.0, float(i + 1), 10.0) for i, c in enumerate(text))
    lines, line = [], 0
    for c in text:
        lines.append(line)
        if c == "\n":
            line += 1
    return PageText(number, text, boxes, tuple(lines), 1000.0, 1000.0)


class Runner:
    """Detector and Policy built once; texts detected in batches, decided one by one."""

    def __init__(self, loaded: LoadedConfig | None = None, batch: int = 64) -> None:
        self.loaded = loaded or load_config()
        self.detector = Detector(self.loaded)
        self.policy = Policy(self.loaded)
        self.batch = batch

    def run(self, texts: Sequence[str]) -> Iterator[tuple[list[Finding], list[Finding]]]:
        """For each text: (findings, redacted findings)."""
        for at in range(0, len(texts), self.batch):
            chunk = texts[at : at + self.batch]
            pages = tuple(page_of(t, i) for i, t in enumerate(chunk))
            findings = self.detector.detect(Document("batch", "0" * 64, pages))
            by_page: dict[int, list[Finding]] = defaultdict(list)
            for f in findings:
                by_page[f.page].append(f)
            for i, text in enumerate(chunk):
                own = [_on_page_zero(f) for f in by_page[i]]
                doc = Document("sample", "0" * 64, (page_of(text),))
                decisions = self.policy.decide(doc, own)
                yield own, [d.finding for d in decisions if d.action is Action.REDACT]


def _on_page_zero(f: Finding) -> Finding:
    return Finding(0, f.start, f.end, f.entity_type, f.text, f.score, f.recognizer, f.explanation)


def _covered(text: str, start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """True if every letter or digit of text[start:end] lies in one of the spans."""
    needed = [i for i in range(start, end) if text[i].isalnum()]
    return all(any(s <= i < e for s, e in spans) for i in needed)


def _touches(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def score_set(name: str, samples: Sequence[Sample], runner: Runner) -> SetReport:
    report = SetReport(name, samples=len(samples))
    started = time.perf_counter()
    texts = [s.text for s in samples]
    min_score = runner.loaded.config.detection.min_score
    for sample, (findings, redacted) in zip(samples, runner.run(texts), strict=True):
        red_spans = [(f.start, f.end) for f in redacted]
        for start, end, label in sample.spans:
            value = sample.text[start:end]
            if label in NON_PERSONAL:
                ok = not _touches(start, end, red_spans)
                report.kept[label].add(ok)
                if not ok:
                    report.over.append((label, value))
                continue
            hit = _covered(sample.text, start, end, red_spans)
            report.recall[label].add(hit)
            typed = [(f.start, f.end) for f in findings if f.entity_type == label and f.score >= min_score]
            report.detected[label].add(_covered(sample.text, start, end, typed) or hit)
            if not hit:
                report.missed.append((label, value))
        personal = [(s, e) for s, e, label in sample.spans if label not in NON_PERSONAL]
        for f in redacted:
            report.precision[f.entity_type].add(_touches(f.start, f.end, personal))
        for entity in sample.negatives:
            report.false_alarms[entity].add(any(f.entity_type == entity for f in redacted))
    report.seconds = time.perf_counter() - started
    return report


def evaluate(
    corpus: Path, sets: Sequence[str], limit: int | None = None, runner: Runner | None = None
) -> list[SetReport]:
    """Score the named sets; `limit` takes the first N samples of each."""
    runner = runner or Runner()
    reports = []
    for name in sets:
        samples = SETS[name](corpus)
        if limit is not None:
            samples = samples[:limit]
        reports.append(score_set(name, samples, runner))
    return reports


# --------------------------------------------------------------------------------------
# As documents: the samples through the whole pipeline (`redact eval`)
# --------------------------------------------------------------------------------------


def _write_sample_pdf(text: str, path: Path) -> str:
    """Write a sample as a one-page PDF (wrapped like running text) and return the text read back."""
    pdf: Any = pymupdf.open()
    try:
        page = pdf.new_page()
        box = pymupdf.Rect(72, 72, page.rect.width - 72, page.rect.height - 72)
        page.insert_textbox(box, text, fontname="helv", fontsize=11)
        path.parent.mkdir(parents=True, exist_ok=True)
        pdf.save(path, garbage=4, deflate=True)
        return str(page.get_text())
    finally:
        pdf.close()


def write_inbox(samples_by_set: Mapping[str, Sequence[Sample]], folder: Path) -> Path:
    """Write every sample as a PDF under folder/<set>/ and the project's label file beside them.

    A labelled string that cannot be read back from its PDF (a character the font lacks) is
    left unlabelled, so that it is not counted as removed. Returns the label file.
    """
    documents: dict[str, DocumentLabels] = {}
    for name, samples in samples_by_set.items():
        for number, sample in enumerate(samples, start=1):
            relpath = f"{name}/{name}_{number:04d}.pdf"
            written = fold(_write_sample_pdf(sample.text, folder / relpath))
            items = [
                LabelledItem(sample.text[s:e], label, label not in NON_PERSONAL)
                for s, e, label in sample.spans
                if readable(sample.text[s:e], written)
            ]
            documents[relpath] = DocumentLabels(
                kind=name,
                requester=None,
                personal=tuple(i for i in items if i.personal),
                non_personal=tuple(i for i in items if not i.personal),
                metadata_personal=(),
            )
    return write_labels(folder / LABELS_FILE, documents, generator="devtools.eval_pii_ner", seed=0)


# --------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------


def _print(report: SetReport, show: int) -> None:
    print(f"\n== {report.name}: {report.samples} samples, {report.seconds:.1f}s")
    rows = sorted(set(report.recall) | set(report.precision))
    if rows:
        print(f"  {'entity':26} {'recall':>8} {'(items)':>8} {'detected':>9} {'precision':>10} {'(redactions)':>13}")
    for entity in rows:
        r, d, p = report.recall.get(entity), report.detected.get(entity), report.precision.get(entity)
        print(
            f"  {entity:26} {r.share if r else float('nan'):8.3f} {r.total if r else 0:8} "
            f"{d.share if d else float('nan'):9.3f} {p.share if p else float('nan'):10.3f} {p.total if p else 0:13}"
        )
    for label, t in sorted(report.kept.items()):
        print(f"  kept {label:21} {t.share:8.3f} {t.total:8}")
    for entity, t in sorted(report.false_alarms.items()):
        print(f"  false alarms {entity:13} {t.hit:4} of {t.total} negative cases")
    if show:
        for title, rows_ in (("missed", report.missed), ("redacted but not personal", report.over)):
            if rows_:
                print(f"  {title}, first {min(show, len(rows_))} of {len(rows_)}:")
                for label, value in rows_[:show]:
                    print(f"    {label}: {value!r}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="the pii_ner folder")
    parser.add_argument("--sets", nargs="+", choices=list(SETS), default=list(SETS))
    parser.add_argument("--limit", type=int, default=None, help="first N samples of each set")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--show", type=int, default=10, help="misses to list per set")
    parser.add_argument(
        "--inbox", type=Path, help="instead: write the samples as labelled PDFs here, for `redact eval INBOX`"
    )
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"skipped: {args.corpus} is not there (the public corpus is optional)")
        return 0
    if args.inbox:
        samples = {name: SETS[name](args.corpus)[: args.limit] for name in args.sets}
        print(f"labels in {write_inbox(samples, args.inbox)}; score with: redact eval {args.inbox}")
        return 0
    reports = evaluate(args.corpus, args.sets, args.limit)
    if args.json:
        print(json.dumps({r.name: r.as_dict() for r in reports}, indent=2))
    else:
        for report in reports:
            _print(report, args.show)
    return 0


if __name__ == "__main__":
    sys.exit(main())
