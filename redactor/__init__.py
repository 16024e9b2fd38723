"""redactor: remove third-party personal data from FOI correspondence, and justify it."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("redactor")
except PackageNotFoundError:  # running from a checkout that was never installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
