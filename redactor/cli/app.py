"""The `redact` command group and the options its commands share.

Thin glue: the library raises, the CLI prints and picks exit codes. Each command lives in a
module of its own in this package and registers itself on `main`.
"""

from __future__ import annotations

from pathlib import Path

import click

from redactor import __version__

MAIN_HELP = """\
Remove third-party personal data from FOI correspondence, for real, and justify it.

\b
The main job:
    redact INBOX OUT [OPTIONS]      (the same as: redact run INBOX OUT)

Every PDF under INBOX is redacted into OUT/released/ (same relative paths), with an
internal justification log per document in OUT/logs/ and a release-safe annex,
OUT/annex.md, explaining the section 40(2) exemption to the requester. INBOX is never
modified. See `redact run --help` for the options.

\b
Exit codes:
    0  every document was released and passed its checks
    2  bad arguments or configuration
    3  at least one document could not be processed
    4  at least one output failed its pre-release checks (it was not released)
    5  something needs a person's review (it was not released)
    6  a model or program the tool needs is not installed
    7  (redact eval) a measured figure is below its threshold
"""


class MainJobGroup(click.Group):
    """A group whose default command is `run`, so that `redact INBOX OUT` works."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


@click.group(cls=MainJobGroup, help=MAIN_HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="redactor")
def main() -> None:
    pass


# Options several commands share.
config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A YAML file merged over the shipped configuration (models/redactor.yaml).",
)
jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True, help="Worker processes; 0: every core."
)
