"""The `redact` command line: `main` and one module per command."""

from redactor.cli import check, eval, letter, review, run  # noqa: F401 - importing registers the commands
from redactor.cli.app import main
from redactor.errors import ExitCode

__all__ = ["ExitCode", "main"]
