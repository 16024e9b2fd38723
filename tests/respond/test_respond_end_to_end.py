"""The response pack on real outputs of `redact INBOX OUT`.

The review step (withholding a document in full) is stood in for by editing the published logs
the way it records a decision: the summary's status "withheld" and the exemption in the log.
"""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner

from redactor.cli import main
from redactor.errors import ExitCode
from redactor.respond.public_interest import missing_public_interest, record_public_interest
from tests.conftest import write_lines

LETTER = [
    "Example Borough Council, Town Hall, Exampleton",
    "Dear Ms Ceridwen Invented,",
    "Thank you for your letter about the Example Road bridge. Our engineer",
    "Mr Rhydian Madeup will call you on 07700 900456 next week.",
    "Yours sincerely, Housing Services",
]
ASSESSMENT = ["Impact assessment: options for the Example Road bridge", "Option A costs more than option B."]
PI = """\
## In favour of release
The public has a clear interest in how options for the bridge were weighed.

## In favour of withholding
Ministers need space to consider options before a decision is announced.

## Conclusion
The policy is still being developed, so the balance favours withholding for now.
"""


def withhold_whole(out: Path, relpath: str, exemption: str) -> None:
    summary_path = out / "logs" / "summary.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8"))
    for entry in summary["documents"]:
        if entry["input"] == relpath:
            entry["status"], entry["output"] = "withheld", None
            log_path = out / entry["log"]
            log = json.loads(log_path.read_text(encoding="utf-8"))
            log["status"], log["withheld"] = "withheld", {"exemption": exemption, "reason": "policy in development"}
            log_path.write_text(json.dumps(log), encoding="utf-8")
    summary_path.write_text(json.dumps(summary), encoding="utf-8")
    (out / "released" / relpath).unlink()


@pytest.mark.slow
def test_the_response_pack_on_real_outputs(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "letters").mkdir(parents=True)
    (inbox / "policy").mkdir()
    write_lines(inbox / "letters" / "reply.pdf", [LETTER])
    write_lines(inbox / "policy" / "assessment.pdf", [ASSESSMENT, ASSESSMENT])
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [str(inbox), str(out), "-j", "1", "-q"])
    assert result.exit_code == ExitCode.OK, result.output
    redacted = [
        r["text"]
        for r in json.loads((out / "logs" / "letters" / "reply.pdf.json").read_text(encoding="utf-8"))["redactions"]
    ]
    assert redacted
    withhold_whole(out, "policy/assessment.pdf", "s35(1)(a)")
    assert missing_public_interest(out) == ["s35(1)(a)"]

    args = ["letter", str(out), "--reference", "FOI-9", "--received", "2026-11-03", "--dear", "Requester"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == ExitCode.NEEDS_REVIEW and "s35(1)(a)" in result.output
    record_public_interest(out, "s35(1)(a)", PI)
    assert missing_public_interest(out) == []
    CliRunner().invoke(main, args)

    letter = (out / "response.md").read_text(encoding="utf-8")
    assert "- Released with some information withheld: 1 document(s)." in letter
    assert "- Withheld in full: 1 document(s)." in letter
    assert "- policy/assessment.pdf (section 35(1)(a))" in letter
    assert "| The whole of policy/assessment.pdf (2 page(s)) | Section 35(1)(a)" in letter
    assert "Ministers need space to consider options before a decision is announced." in letter
    with pymupdf.open(out / "response.pdf") as doc:
        text = "\n".join(p.get_text(flags=pymupdf.TEXT_PRESERVE_WHITESPACE) for p in doc)
    for value in redacted:
        assert value not in letter and value not in text, value
    assert not (out / "released" / "policy" / "assessment.pdf").exists()
