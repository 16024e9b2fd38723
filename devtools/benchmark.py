"""Benchmark the real pipeline on generated correspondence.

Prints two figures (targets on a 2-core machine in brackets):

* pages per second of the whole job, `redact INBOX OUT` with --jobs at its default (>= 25);
* the ratio of the pipeline's time to bare spaCy NER on the same page texts, both on one core
  with the model already loaded (<= 1.5). The pipeline time covers every stage: PDF parsing,
  detection (spaCy inside Presidio, plus every recognizer), decisions, redaction and the
  pre-release checks; bare NER is `nlp.pipe` of the same model over the same texts.

Usage: .venv/bin/python -m devtools.benchmark [--pages 240] [--jobs 0] [--seed 11] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import spacy

from devtools.synthetic import write_corpus
from redactor.config import load_config
from redactor.detect.engine import load_spacy
from redactor.ingest.pdf import load
from redactor.pipeline import RunOptions, Task, Worker, default_jobs, discover, run_batch


def generate(folder: Path, pages: int, seed: int) -> int:
    """Write generated documents until they hold at least `pages` pages; return the page count."""
    count = max(pages // 2, 1)
    while True:
        write_corpus(folder, count, seed=seed)
        total = sum(len(load(p, p.name)[0].pages) for p in folder.rglob("*.pdf"))
        if total >= pages:
            return total
        count = int(count * pages / max(total, 1)) + 2


def time_pipe(nlp: spacy.language.Language, texts: list[str], batch_size: int) -> float:
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=240, help="at least this many pages (default 240)")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes for the batch run; 0: every core")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=3, help="one-core runs; the best is kept (default 3)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="redactor-bench-") as tmp:
        inbox = Path(tmp) / "inbox"
        pages = generate(inbox, args.pages, args.seed)
        documents, _, _ = discover(inbox)

        # 1. The whole job, as a user runs it (includes starting workers and loading models).
        jobs = args.jobs or default_jobs()
        batch_seconds = float("inf")
        for attempt in range(args.repeat):
            summary = run_batch(inbox, Path(tmp) / f"out{attempt}", RunOptions(jobs=jobs))
            batch_seconds = min(batch_seconds, summary.seconds)

        # 2. One core, model loaded: every stage of the pipeline against bare NER on the same text.
        loaded = load_config()
        started = time.perf_counter()
        worker = Worker(loaded, requester=())
        load_seconds = time.perf_counter() - started
        work = Path(tmp) / "work"
        work.mkdir()
        tasks = [Task(str(inbox / rel), rel, str(work / f"{i}.pdf"), rel) for i, rel in enumerate(documents)]
        texts = [page.text for rel in documents for page in load(inbox / rel, rel)[0].pages]
        nlp_config = loaded.config.nlp
        ner_nlp, stock_nlp = load_spacy(nlp_config), spacy.load(nlp_config.package)
        # Best of `repeat` runs each, interleaved, so that a busy moment on the machine does not
        # decide the ratio.
        pipeline_seconds = ner_seconds = stock_seconds = float("inf")
        stage_seconds: dict[str, float] = {}
        for _ in range(args.repeat):
            started = time.perf_counter()
            results = [worker.process(task) for task in tasks]
            elapsed = time.perf_counter() - started
            if elapsed < pipeline_seconds:
                pipeline_seconds = elapsed
                stage_seconds = {}
                for r in results:
                    for stage, sec in r.seconds.items():
                        stage_seconds[stage] = stage_seconds.get(stage, 0.0) + sec
            ner_seconds = min(ner_seconds, time_pipe(ner_nlp, texts, nlp_config.batch_size))
            stock_seconds = min(stock_seconds, time_pipe(stock_nlp, texts, nlp_config.batch_size))

    figures = {
        "documents": len(documents),
        "pages": pages,
        "jobs": jobs,
        "batch_seconds": round(batch_seconds, 2),
        "pages_per_second": round(pages / batch_seconds, 1),
        "one_core_pipeline_seconds": round(pipeline_seconds, 2),
        "one_core_pages_per_second": round(pages / pipeline_seconds, 1),
        "bare_ner_seconds": round(ner_seconds, 2),
        "ratio_pipeline_to_ner": round(pipeline_seconds / ner_seconds, 2),
        "stock_pipeline_seconds": round(stock_seconds, 2),
        "ratio_pipeline_to_stock": round(pipeline_seconds / stock_seconds, 2),
        "model_load_seconds": round(load_seconds, 2),
        "stage_seconds": {k: round(v, 2) for k, v in stage_seconds.items()},
        "model": loaded.config.nlp.package,
        "released": sum(1 for r in summary.results if r.status.value == "released"),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"{pages} pages in {len(documents)} documents, model {figures['model']}")
        print(f"whole job, --jobs {jobs}: {batch_seconds:.1f}s, {figures['pages_per_second']} pages/s (target >= 25)")
        print(
            f"one core, model loaded: pipeline {pipeline_seconds:.1f}s; bare NER (the NER component alone) "
            f"{ner_seconds:.1f}s, ratio {figures['ratio_pipeline_to_ner']} (target <= 1.5); "
            f"the stock pipeline as shipped {stock_seconds:.1f}s, ratio {figures['ratio_pipeline_to_stock']}"
        )
        print("stages (one core): " + ", ".join(f"{k} {v:.1f}s" for k, v in stage_seconds.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
