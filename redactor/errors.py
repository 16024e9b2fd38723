"""Exceptions raised by the library, and the exit codes the CLI maps them to.

click already uses 1 (error) and 2 (usage), so the domain codes start at 3.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes of the `redact` command."""

    OK = 0
    ERROR = 1
    USAGE = 2  # bad arguments or configuration
    DOCUMENTS_FAILED = 3  # at least one document could not be processed
    CHECKS_FAILED = 4  # at least one output failed its pre-release checks
    NEEDS_REVIEW = 5  # everything processed, but a person must look at something
    ENVIRONMENT = 6  # a model or program the tool needs is not installed
    BELOW_TARGET = 7  # `redact eval`: a measured figure is below its threshold


class RedactorError(Exception):
    """Base class: every error the library raises on purpose."""

    exit_code: ExitCode = ExitCode.ERROR


class ConfigError(RedactorError):
    """The configuration (models/ or --config) is invalid."""

    exit_code = ExitCode.USAGE


class ModelNotInstalledError(RedactorError):
    """The spaCy model package named in the configuration is not installed."""

    exit_code = ExitCode.ENVIRONMENT


class DocumentError(RedactorError):
    """One document could not be processed; the batch goes on without it."""

    exit_code = ExitCode.DOCUMENTS_FAILED
