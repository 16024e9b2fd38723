"""The README stays true: its first two commands, and every command documented with help."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from redactor.cli import main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    commands = README.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert commands == [
        "bash scripts/setup.sh && .venv/bin/redact sample_docs/ out/",
        "bash scripts/setup.sh --dev && .venv/bin/python -m pytest -n 2",
    ]
    assert README.index("```sh") < 20  # right under the title
    assert (ROOT / "scripts" / "setup.sh").is_file() and (ROOT / "sample_docs").is_dir()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/setup.sh --dev" in ci and "\n.venv/bin/python -m pytest -n 2\n" in ci


def test_every_command_is_documented_and_has_help() -> None:
    for name, command in main.commands.items():
        assert command.help, name
        assert f"redact {name}" in README or name == "run", name
        result = CliRunner().invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output
