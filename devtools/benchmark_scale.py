"""Speed and scale benchmarks: stages, short correspondence, one long PDF, Dask against the pool.

    python -m devtools.benchmark_scale stages   # one core: each stage per page and per document,
                                                # and the whole job against the NER component alone
    python -m devtools.benchmark_scale short    # pages a second on every core (--jobs)
    python -m devtools.benchmark_scale big      # a 1,200-page PDF: in page ranges and whole
    python -m devtools.benchmark_scale cluster  # a LocalCluster of 2 workers against the pool
    python -m devtools.benchmark_scale all --json

"Short correspondence" is the generator's letters and e-mail printouts (one to three pages)
plus, when present, the real short documents of the labelled set (../shared/corpus/realworld_dev).
Peak memory per worker is the largest resident set of any worker process (getrusage of the
children, taken in a fresh process per measurement). Wall-clock figures vary with the machine's
load, so every benchmark also reports the CPU time it used (this process and its worker
processes, user + system) and the load average before and after it: on a shared machine the
CPU time is the fairer comparison between two versions.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pymupdf
import spacy

from devtools.synthetic import write_corpus
from redactor.config import load_config
from redactor.pipeline import RunOptions, Task, default_jobs, discover, run_batch
from redactor.pipeline.recipe import RunContext, worker_for
from redactor.types import DocumentResult

REALWORLD = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "realworld_dev" / "inbox"


def short_inbox(folder: Path, documents: int, seed: int, realworld_copies: int = 1) -> Path:
    """Generated letters and e-mail printouts, plus copies of the real short documents if present."""
    write_corpus(folder / "generated", documents, seed=seed)
    if REALWORLD.is_dir():
        for n in range(realworld_copies):
            shutil.copytree(REALWORLD, folder / f"realworld-{n}")
    return folder


def _cpu() -> float:
    """CPU seconds (user + system) of this process and of its finished child processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _pages(results: list[DocumentResult]) -> int:
    return sum(r.pages for r in results)


def _fit(points: list[tuple[int, float]]) -> tuple[float, float]:
    """Least squares seconds = per_document + per_page * pages."""
    n = len(points)
    mx = sum(p for p, _ in points) / n
    my = sum(s for _, s in points) / n
    var = sum((p - mx) ** 2 for p, _ in points)
    slope = sum((p - mx) * (s - my) for p, s in points) / var if var else 0.0
    return my - slope * mx, slope


def stages(args: argparse.Namespace) -> dict[str, Any]:
    """One core, model loaded: every stage per page and per document, and the ratio to bare NER."""
    with tempfile.TemporaryDirectory(prefix="redactor-bench-") as tmp:
        inbox = short_inbox(Path(tmp) / "inbox", args.documents, args.seed)
        documents, _, _ = discover(inbox)
        loaded = load_config()
        worker = worker_for(RunContext(loaded))  # as a pool worker has it
        work = Path(tmp) / "work"
        work.mkdir()
        tasks = [Task(str(inbox / rel), rel, str(work / f"{i}.pdf"), rel) for i, rel in enumerate(documents)]
        for task in tasks[:3]:
            worker.process(task)  # warm caches
        best = best_cpu = float("inf")
        results: list[DocumentResult] = []
        for _ in range(args.repeat):
            started, cpu = time.perf_counter(), time.process_time()
            run = [worker.process(task) for task in tasks]
            elapsed = time.perf_counter() - started
            best_cpu = min(best_cpu, time.process_time() - cpu)
            if elapsed < best:
                best, results = elapsed, run
        # The same page texts through the NER component alone (its own tok2vec), model loaded.
        texts = [p.text for task in tasks for p in _texts(task)]
        package = loaded.config.nlp.package
        pipeline = spacy.util.get_model_meta(spacy.util.get_package_path(package)).get("pipeline", [])
        ner = spacy.load(package, exclude=[c for c in pipeline if c != "ner"])
        ner_seconds = ner_cpu = float("inf")
        for _ in range(args.repeat):
            started, cpu = time.perf_counter(), time.process_time()
            for _doc in ner.pipe(texts, batch_size=loaded.config.nlp.batch_size):
                pass
            ner_seconds = min(ner_seconds, time.perf_counter() - started)
            ner_cpu = min(ner_cpu, time.process_time() - cpu)
    pages = _pages(results)
    per_stage: dict[str, dict[str, float]] = {}
    for stage in sorted({s for r in results for s in r.seconds}):
        points = [(r.pages, r.seconds.get(stage, 0.0)) for r in results if r.pages]
        fixed, per_page = _fit(points)
        total = sum(s for _, s in points)
        per_stage[stage] = {
            "seconds": round(total, 2),
            "ms_per_page": round(1000 * total / pages, 1),
            "fit_ms_per_document": round(1000 * fixed, 1),
            "fit_ms_per_page": round(1000 * per_page, 1),
        }
    return {
        "documents": len(results),
        "pages": pages,
        "one_core_seconds": round(best, 2),
        "one_core_pages_per_second": round(pages / best, 1),
        "one_core_cpu_seconds": round(best_cpu, 2),
        "pages_per_cpu_second": round(pages / best_cpu, 1),
        "bare_ner_seconds": round(ner_seconds, 2),
        "bare_ner_cpu_seconds": round(ner_cpu, 2),
        "ratio_whole_job_to_bare_ner": round(best / ner_seconds, 2),
        "cpu_ratio_whole_job_to_bare_ner": round(best_cpu / ner_cpu, 2),
        "stages": per_stage,
    }


def _texts(task: Task) -> list[Any]:
    """The page texts detection read: of the PDF, or of the e-mail as printed (attachments aside)."""
    from redactor.ingest import emails
    from redactor.ingest.pdf import load

    source = Path(task.source)
    if emails.is_email_path(source):
        source = Path(task.work_output).with_suffix(".email.pdf")
    return list(load(source, task.relpath)[0].pages) if source.exists() else []


def short(args: argparse.Namespace) -> dict[str, Any]:
    """The whole job as a user runs it, on every core (includes starting workers, loading the model)."""
    jobs = args.jobs or default_jobs()
    with tempfile.TemporaryDirectory(prefix="redactor-bench-") as tmp:
        inbox = short_inbox(Path(tmp) / "inbox", args.documents, args.seed, realworld_copies=2)
        best, best_cpu, summary = float("inf"), float("inf"), None
        for attempt in range(args.repeat):
            cpu = _cpu()
            s = run_batch(inbox, Path(tmp) / f"out{attempt}", RunOptions(jobs=jobs))
            best_cpu = min(best_cpu, _cpu() - cpu)  # the pool's workers have ended: counted
            if s.seconds < best:
                best, summary = s.seconds, s
    assert summary is not None
    pages = _pages(summary.results)
    return {
        "documents": len(summary.results),
        "pages": pages,
        "jobs": jobs,
        "seconds": round(best, 2),
        "pages_per_second": round(pages / best, 1),
        "cpu_seconds": round(best_cpu, 2),
        "pages_per_cpu_second": round(pages / best_cpu, 1),
    }


def long_pdf(path: Path, pages: int, seed: int) -> Path:
    """One PDF of `pages` pages made of generated letters, end to end."""
    with tempfile.TemporaryDirectory(prefix="redactor-bench-") as tmp:
        write_corpus(Path(tmp), max(pages // 4, 10), seed=seed)
        parts = sorted(Path(tmp).rglob("*.pdf"))
        out = pymupdf.open()
        while out.page_count < pages:
            for part in parts:
                with pymupdf.open(part) as doc:
                    out.insert_pdf(doc, to_page=min(doc.page_count, pages - out.page_count) - 1)
                if out.page_count >= pages:
                    break
        out.save(path, garbage=3, deflate=True)
        out.close()
    return path


def _child(mode: str, inbox: Path, out: Path, jobs: int, range_pages: int) -> dict[str, Any]:
    """Run one measurement in a fresh process, so that the peak memory of its workers is its own."""
    code = (
        "import json, resource, sys; from pathlib import Path; "
        "from redactor.pipeline import RunOptions, run_batch; "
        f"s = run_batch(Path({str(inbox)!r}), Path({str(out)!r}), "
        f"RunOptions(jobs={jobs}, range_pages={range_pages}, scheduler={mode!r})); "
        "r = s.results; "
        "print(json.dumps({'seconds': s.seconds, 'pages': sum(x.pages for x in r), "
        "'statuses': sorted({x.status.value for x in r}), "
        "'decisions': [[d.id, d.finding.page, d.finding.start, d.finding.end, d.action.value] "
        "for x in r for d in x.decisions], "
        "'worker_peak_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, "
        "'main_cpu': sum(resource.getrusage(resource.RUSAGE_SELF)[:2]), "
        "'workers_cpu': sum(resource.getrusage(resource.RUSAGE_CHILDREN)[:2]), "
        "'main_peak_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))"
    )
    if mode == "local":
        # LocalCluster workers are children of the nanny, which is a child of this process.
        code = "if __name__ == '__main__':\n    " + code.replace("; ", "\n    ")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def big(args: argparse.Namespace) -> dict[str, Any]:
    jobs = args.jobs or default_jobs()
    with tempfile.TemporaryDirectory(prefix="redactor-bench-") as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        long_pdf(inbox / "bundle.pdf", args.pages, args.seed)
        ranged = _child("", inbox, Path(tmp) / "ranges", jobs, args.range_pages)
        whole = _child("", inbox, Path(tmp) / "whole", jobs, 0)
    figures: dict[str, Any] = {"pages": ranged["pages"], "jobs": jobs, "range_pages": args.range_pages}
    for name, run in (("ranges", ranged), ("whole", whole)):
        figures[name] = {
            "seconds": round(run["seconds"], 2),
            "pages_per_second": round(run["pages"] / run["seconds"], 1),
            "worker_peak_mb": round(run["worker_peak_mb"]),
            "main_peak_mb": round(run["main_peak_mb"]),
            "main_cpu_seconds": round(run["main_cpu"], 1),
            "workers_cpu_seconds": round(run["workers_cpu"], 1),
            "statuses": run["statuses"],
        }
    figures["same_redactions"] = ranged["decisions"] == whole["decisions"]
    return figures


def cluster(args: argparse.Namespace) -> dict[str, Any]:
    jobs = args.jobs or default_jobs()
    with tempfile.TemporaryDirectory(prefix="redactor-bench-") as tmp:
        inbox = Path(tmp) / "inbox"
        write_corpus(inbox, args.documents, seed=args.seed)
        # Alternated, the best of each kept: the machine's load drifts over minutes.
        pools, dasks = [], []
        for attempt in range(args.repeat):
            pools.append(_child("", inbox, Path(tmp) / f"pool{attempt}", jobs, 0))
            dasks.append(_child("local", inbox, Path(tmp) / f"dask{attempt}", jobs, 0))
        pool = min(pools, key=lambda run: float(run["seconds"]))
        dask = min(dasks, key=lambda run: float(run["seconds"]))
    return {
        "runs": args.repeat,
        "pool_seconds_each": [round(run["seconds"], 1) for run in pools],
        "local_cluster_seconds_each": [round(run["seconds"], 1) for run in dasks],
        "pages": pool["pages"],
        "jobs": jobs,
        "pool_seconds": round(pool["seconds"], 2),
        "pool_pages_per_second": round(pool["pages"] / pool["seconds"], 1),
        "local_cluster_seconds": round(dask["seconds"], 2),
        "local_cluster_pages_per_second": round(dask["pages"] / dask["seconds"], 1),
        "cluster_over_pool": round(dask["seconds"] / pool["seconds"], 3),
        "pool_cpu_seconds": round(pool["main_cpu"] + pool["workers_cpu"], 1),
        "local_cluster_cpu_seconds": round(dask["main_cpu"] + dask["workers_cpu"], 1),
        "identical_decisions": all(run["decisions"] == pools[0]["decisions"] for run in pools + dasks),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", choices=["stages", "short", "big", "cluster", "all"])
    parser.add_argument("--documents", type=int, default=0, help="generated documents (default: per benchmark)")
    parser.add_argument("--pages", type=int, default=1200, help="pages of the long PDF (big)")
    parser.add_argument("--range-pages", type=int, default=50, help="pages per range (big)")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes; 0: every core")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the best is kept")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    defaults = {"stages": 100, "short": 150, "cluster": 1300}
    figures: dict[str, Any] = {"load_before": os.getloadavg()[0], "started": time.strftime("%H:%M")}
    for name, run in (("stages", stages), ("short", short), ("big", big), ("cluster", cluster)):
        if args.what in (name, "all"):
            args_for = argparse.Namespace(**{**vars(args), "documents": args.documents or defaults.get(name, 0)})
            load = os.getloadavg()[0]
            figures[name] = {**run(args_for), "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2)}
            print(json.dumps({name: figures[name]}), file=sys.stderr, flush=True)
    figures["load_after"] = os.getloadavg()[0]
    figures["peak_mb_this_process"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(figures, indent=2 if args.json else None))
    return 0


if __name__ == "__main__":
    sys.exit(main())
