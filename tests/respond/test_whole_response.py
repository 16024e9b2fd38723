"""Issue 13 end to end, through the command line only: decide, re-run, status, letter.

A bundle where one document is withheld whole under s35(1)(a), one passage under s43(2), names
under s40(2), a senior official's name released and the requester's own name under s40(1).
Every name is invented.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from click.testing import CliRunner, Result

from redactor.cli import main
from redactor.errors import ExitCode
from tests.conftest import write_lines

pytestmark = pytest.mark.slow

REQUESTER = "Ceridwen Invented"
REPLY = [
    "Example Borough Council, Town Hall, Exampleton",
    f"Dear Ms {REQUESTER},",
    "Thank you for your letter about the Example Road bridge. Our engineer",
    "Mr Rhydian Madeup will inspect the bridge next week.",
    "The tender price agreed was 41,500 pounds for the first phase.",
    "Yours sincerely,",
    "Gwenllian Fictional",
    "Director of Housing",
]
ASSESSMENT = ["Impact assessment: options for the Example Road bridge", "Option A costs more than option B."]
PRICE = "41,500 pounds"


def public_interest(release: str) -> str:
    return (
        f"## In favour of release\n{release}\n\n"
        "## In favour of withholding\nThe body needs room to consider options.\n\n"
        "## Conclusion\nThe balance favours withholding for now.\n"
    )


def redact(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def log_of(out: Path, rel: str) -> dict[str, Any]:
    return json.loads((out / "logs" / f"{rel}.json").read_text(encoding="utf-8"))


def by_text(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {" ".join(str(i["text"]).split()): i for i in items}


def test_whole_response_withholds_labels_gates_and_writes_the_letter(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    (inbox / "letters").mkdir(parents=True)
    (inbox / "policy").mkdir()
    write_lines(inbox / "letters" / "reply.pdf", [REPLY])
    write_lines(inbox / "policy" / "assessment.pdf", [ASSESSMENT, ASSESSMENT])
    run = [inbox, out, "--jobs", "1", "--quiet", "--requester", REQUESTER]
    assert redact(*run).exit_code == ExitCode.OK

    # The tool's proposals: the requester s40(1), a junior officer s40(2), the director released.
    log = log_of(out, "letters/reply.pdf")
    redactions, kept = by_text(log["redactions"]), by_text(log["kept"])
    assert redactions[REQUESTER]["exemption"] == "s40(1)"
    assert redactions["Rhydian Madeup"]["exemption"] == "s40(2)"
    senior = kept["Gwenllian Fictional"]
    assert "senior official" in senior["reason"] and "Director of Housing" in senior["reason"]
    assert senior["flag"]

    # An unknown code is a usage error; then the decisions.
    bad = redact("decide", out, "--document", "policy/assessment.pdf", "--withhold", "--whole", "--exemption", "s99")
    assert bad.exit_code == ExitCode.USAGE
    whole = ["--document", "policy/assessment.pdf", "--withhold", "--whole", "--exemption", "s35(1)(a)"]
    assert redact("decide", out, *whole, "--reason", "policy in development").exit_code == 0
    passage = ["--text", PRICE, "--withhold", "--document", "letters/reply.pdf", "--exemption", "s43(2)"]
    assert redact("decide", out, *passage, "--reason", "commercial").exit_code == 0
    assert redact(*run).exit_code == ExitCode.OK  # withholding on purpose is a decision, not a failure

    summary = {d["input"]: d for d in json.loads((out / "logs" / "summary.json").read_text())["documents"]}
    assert summary["policy/assessment.pdf"]["status"] == "withheld"
    assert summary["policy/assessment.pdf"]["exemption"] == "s35(1)(a)"
    assert log_of(out, "policy/assessment.pdf")["withheld"]["exemption"] == "s35(1)(a)"
    assert not (out / "released" / "policy" / "assessment.pdf").exists()

    # Each box carries its own code, read from the released page; the text under it is gone.
    redactions = by_text(log_of(out, "letters/reply.pdf")["redactions"])
    assert redactions[PRICE]["exemption"] == "s43(2)"
    with pymupdf.open(out / "released" / "letters" / "reply.pdf") as doc:
        page = doc[0]
        words = " ".join(page.get_text().split())
        for text, code in ((REQUESTER, "s40(1)"), ("Rhydian Madeup", "s40(2)"), (PRICE, "s43(2)")):
            assert text not in words
            labels = [" ".join(page.get_textbox(pymupdf.Rect(r)).split()) for r in redactions[text]["rects"]]
            assert any(code in label for label in labels), (text, labels)
            others = {"s40(1)", "s40(2)", "s43(2)"} - {code}
            assert not any(other in label for label in labels for other in others), (text, labels)
        assert "Gwenllian Fictional" in words

    # A run with nothing new reuses the outputs, and the flag on the senior official's name stays.
    assert redact(*run).exit_code == ExitCode.OK
    assert by_text(log_of(out, "letters/reply.pdf")["kept"])["Gwenllian Fictional"]["flag"] == senior["flag"]

    # Status fails while the s35 and s43 public interest tests are missing, passes once written.
    for rel in ("letters/reply.pdf", "policy/assessment.pdf"):
        assert redact("decide", out, "--document", rel, "--reviewed").exit_code == 0
    status = redact("status", out)
    assert status.exit_code == ExitCode.NEEDS_REVIEW
    assert "s35(1)(a)" in status.output and "s43(2)" in status.output
    for code, text in (("s35(1)(a)", "Open policy making."), ("s43(2)", "Value for public money.")):
        source = tmp_path / f"{code}.md"
        source.write_text(public_interest(text), encoding="utf-8")
        assert redact("decide", out, "--exemption", code, "--public-interest", source).exit_code == 0
    status = redact("status", out)
    assert status.exit_code == ExitCode.OK, status.output

    # The annex and the letter list exactly what was decided, and hold no withheld value.
    result = redact("letter", out, "--reference", "FOI-13", "--received", "2026-11-03", "--dear", "Requester")
    # Only the body's own details (not configured in this test) are left to complete.
    assert "public interest" not in result.output and "body's name" in result.output, result.output
    letter = (out / "response.md").read_text(encoding="utf-8")
    annex = (out / "annex.md").read_text(encoding="utf-8")
    for text in (letter, annex):
        assert "policy/assessment.pdf" in text
        for code in ("35(1)(a)", "43(2)", "40(2)", "40(1)"):
            assert code in text, code
        for other in ("section 36", "section 41", "section 42"):
            assert other not in text.lower()
        for value in (REQUESTER, "Rhydian Madeup", PRICE):
            assert value not in text
    assert "- Withheld in full: 1 document(s)." in letter
    assert "Open policy making." in letter and "Value for public money." in letter


def test_a_page_withheld_is_one_labelled_box_with_its_text_removed(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    second = ["Tender evaluation: the weighting and every bidder's score.", "Bidder B scored 71 of 100."]
    write_lines(inbox / "tender.pdf", [ASSESSMENT, second])
    assert redact(inbox, out, "--jobs", "1", "--quiet").exit_code == ExitCode.OK
    page = ["--document", "tender.pdf", "--withhold", "--page", "2", "--exemption", CODE]
    assert redact("decide", out, *page[:4], "9", *page[5:]).exit_code == ExitCode.USAGE  # no page 9
    assert redact("decide", out, *page).exit_code == ExitCode.USAGE  # not in the shipped library
    body = tmp_path / "own.yaml"
    body.write_text(BODY_LIBRARY, encoding="utf-8")
    assert redact("decide", out, *page, "--exemptions", body, "--reason", "scores").exit_code == 0
    assert redact(inbox, out, "--jobs", "1", "--quiet").exit_code == ExitCode.OK
    with pymupdf.open(out / "released" / "tender.pdf") as doc:
        assert "Option A costs more" in doc[0].get_text()
        assert " ".join(doc[1].get_text().split()) == CODE
    boxes = log_of(out, "tender.pdf")["redactions"]
    assert [(b["page"], b["exemption"]) for b in boxes] == [(2, CODE)]
    assert "31(1)(g)" in (out / "annex.md").read_text(encoding="utf-8")  # the run knows the body's code


CODE = "s31(1)(g)"
BODY_LIBRARY = """\
schema: 1
exemptions:
  - code: s31(1)(g)
    act: FOIA
    name: Law enforcement (regulatory functions)
    kind: qualified
    explanation: >-
      Section 31(1)(g) exempts information whose release would prejudice the exercise of our
      regulatory functions. It is a qualified exemption, so the public interest test applies.
"""
