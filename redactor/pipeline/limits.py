"""Per-document limits (light to import: the CLI reads the defaults for its help)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Per-document limits; a breach fails that document with a reason and the batch goes on."""

    seconds: float = 0.0  # wall-clock time per document; 0: no limit
    memory_mb: int = 0  # address space per worker process; 0: no limit


# Generous for correspondence (a 1,000-page PDF takes about a minute); they stop a document that
# would hang the run or take the machine's memory (a page tree claiming two billion pages).
DEFAULT_LIMITS = Limits(seconds=600.0, memory_mb=4096)
