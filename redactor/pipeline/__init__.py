"""The pipeline: the per-document recipe, the executors that schedule it, and the batch.

- `recipe`: `process_document(context, task)`, ingest -> detect -> decide -> apply -> verify.
- `executors`: the `Executor` seam (`SerialExecutor`, `PoolExecutor`; a distributed one plugs in here).
- `batch`: `run_batch`, which discovers documents, names outputs, runs an executor and publishes.
"""

from redactor.pipeline.batch import BatchSummary, RunOptions, default_jobs, discover, run_batch
from redactor.pipeline.executors import DEFAULT_LIMITS, Executor, Limits, PoolExecutor, SerialExecutor
from redactor.pipeline.inbox import output_relpaths, scan_inbox
from redactor.pipeline.recipe import RunContext, Task, Worker, process_document, safe_process

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
