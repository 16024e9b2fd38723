"""`redact decide OUT --exemption CODE --public-interest FILE`: the record, s36's opinion, bad input."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from redactor.cli import main
from redactor.errors import ExitCode
from redactor.respond.public_interest import read_public_interest, record_path

TEST = """\
## In favour of release
Transparency about how the scheme was run.

## In favour of withholding
Officials need a safe space for free and frank advice.

## Conclusion
The balance favours withholding.
"""


def decide(out: Path, *args: str | Path) -> Result:
    return CliRunner().invoke(main, ["decide", str(out), *(str(a) for a in args)])


def test_public_interest_is_recorded_with_the_qualified_persons_opinion(tmp_path: Path) -> None:
    out, source = tmp_path / "out", tmp_path / "pit.md"
    out.mkdir()
    source.write_text(TEST, encoding="utf-8")
    code = "s36(2)(b)(i)"
    assert decide(out, "--exemption", code, "--public-interest", source).exit_code == ExitCode.USAGE  # no opinion
    half = decide(out, "--exemption", code, "--public-interest", source, "--qualified-person", "Jo Dychmygol")
    assert half.exit_code == ExitCode.USAGE
    bad = ["--qualified-person", "Jo Dychmygol", "--opinion-date", "last week"]
    assert decide(out, "--exemption", code, "--public-interest", source, *bad).exit_code == ExitCode.USAGE
    good = ["--qualified-person", "the Permanent Secretary, Jo Dychmygol", "--opinion-date", "2026-10-01"]
    result = decide(out, "--exemption", code, "--public-interest", source, *good)
    assert result.exit_code == 0, result.output
    record = read_public_interest(out)[code]
    assert record.opinion is not None and record.opinion.given_on.isoformat() == "2026-10-01"
    assert "free and frank advice" in record_path(out, code).read_text(encoding="utf-8")


def test_public_interest_refuses_an_absolute_or_unknown_code_and_other_decisions(tmp_path: Path) -> None:
    out, source = tmp_path / "out", tmp_path / "pit.md"
    out.mkdir()
    source.write_text(TEST, encoding="utf-8")
    for code in ("s21", "s99(9)"):
        assert decide(out, "--exemption", code, "--public-interest", source).exit_code == ExitCode.USAGE, code
    mixed = decide(out, "--exemption", "s43(2)", "--public-interest", source, "--withhold")
    assert mixed.exit_code == ExitCode.USAGE
    assert read_public_interest(out) == {}
