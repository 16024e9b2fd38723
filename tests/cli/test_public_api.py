"""The public Python API is exactly `redactor.__all__`, and importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys

import pytest

import redactor

EXPECTED = [
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


def test_all_lists_the_public_api() -> None:
    # Adding or removing a public name is a decision: change EXPECTED (and the CHANGELOG) with it.
    assert redactor.__all__ == EXPECTED


def test_every_public_name_resolves() -> None:
    for name in redactor.__all__:
        assert getattr(redactor, name) is not None, name
    assert set(redactor.__all__) <= set(dir(redactor))


def test_public_classes_come_from_the_package() -> None:
    for name in redactor.__all__:
        value = getattr(redactor, name)
        if isinstance(value, type) or callable(value):
            assert value.__module__.startswith("redactor."), name


def test_errors_carry_exit_codes() -> None:
    assert redactor.RedactorError.exit_code is redactor.ExitCode.ERROR
    for error in (redactor.ConfigError, redactor.DocumentError, redactor.ModelNotInstalledError):
        assert issubclass(error, redactor.RedactorError)
        assert error.exit_code is not redactor.ExitCode.OK


def test_unknown_names_raise_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        redactor.no_such_name  # type: ignore[attr-defined]  # noqa: B018


def test_importing_the_package_loads_no_heavy_library() -> None:
    heavy = ("spacy", "pymupdf", "presidio_analyzer")
    code = f"import sys, redactor; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
