"""The pipeline: the per-document recipe, the executors that schedule it, and the batch.

- `recipe`: `process_document(context, task)`, ingest -> detect -> decide -> apply -> verify.
- `executors`: the `Executor` seam (`SerialExecutor`, `PoolExecutor`; a distributed one plugs in here).
- `batch`: `run_batch`, which discovers documents, names outputs, runs an executor and publishes.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from redactor.pipeline.batch import BatchSummary, RunOptions, default_jobs, discover, run_batch
    from redactor.pipeline.executors import Executor, PoolExecutor, SerialExecutor
    from redactor.pipeline.inbox import output_relpaths, scan_inbox
    from redactor.pipeline.limits import DEFAULT_LIMITS, Limits
    from redactor.pipeline.recipe import RunContext, Task, Worker, process_document, safe_process

# Imported on first use, so that `redact --help` does not load spaCy and PyMuPDF.
_LAZY = {
    "BatchSummary": "batch",
    "RunOptions": "batch",
    "default_jobs": "batch",
    "discover": "batch",
    "run_batch": "batch",
    "Executor": "executors",
    "PoolExecutor": "executors",
    "SerialExecutor": "executors",
    "output_relpaths": "inbox",
    "scan_inbox": "inbox",
    "DEFAULT_LIMITS": "limits",
    "Limits": "limits",
    "RunContext": "recipe",
    "Task": "recipe",
    "Worker": "recipe",
    "process_document": "recipe",
    "safe_process": "recipe",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)


__all__ = [
    "DEFAULT_LIMITS",
    "BatchSummary",
    "Executor",
    "Limits",
    "PoolExecutor",
    "RunContext",
    "RunOptions",
    "SerialExecutor",
    "Task",
    "Worker",
    "default_jobs",
    "discover",
    "output_relpaths",
    "process_document",
    "run_batch",
    "safe_process",
    "scan_inbox",
]
