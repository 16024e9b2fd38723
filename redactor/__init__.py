"""redactor: remove third-party personal data from FOI correspondence, and justify it.

The public Python API is what `__all__` lists; everything else may change without notice.

    from redactor import RunOptions, run_batch
    summary = run_batch(Path("inbox"), Path("out"), RunOptions(jobs=2))
    raise SystemExit(summary.exit_code)

The pipeline, configuration and checks are imported on first use, so that importing the
package (and `redact --help`) does not load spaCy or PyMuPDF.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from redactor.errors import ConfigError, DocumentError, ExitCode, ModelNotInstalledError, RedactorError

if TYPE_CHECKING:
    from redactor.config import LoadedConfig, load_config
    from redactor.pipeline import BatchSummary, RunOptions, run_batch
    from redactor.types import DocumentResult, Status
    from redactor.verify.checks import FileReport, check_file

try:
    __version__ = version("redactor")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+unknown"

# Public name -> the module that defines it, imported when the name is first used.
_LAZY = {
    "BatchSummary": "redactor.pipeline",
    "DocumentResult": "redactor.types",
    "FileReport": "redactor.verify.checks",
    "LoadedConfig": "redactor.config",
    "RunOptions": "redactor.pipeline",
    "Status": "redactor.types",
    "check_file": "redactor.verify.checks",
    "load_config": "redactor.config",
    "run_batch": "redactor.pipeline",
}

__all__ = [
    "BatchSummary",
    "ConfigError",
    "DocumentError",
    "DocumentResult",
    "ExitCode",
    "FileReport",
    "LoadedConfig",
    "ModelNotInstalledError",
    "RedactorError",
    "RunOptions",
    "Status",
    "__version__",
    "check_file",
    "load_config",
    "run_batch",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'redactor' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
