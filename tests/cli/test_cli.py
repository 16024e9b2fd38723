"""The `redact` command end to end: outputs, logs, annex, summary, exit codes, bad input."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner

from redactor.cli import main
from redactor.errors import ExitCode
from tests.conftest import write_lines

LETTER = [
    "Cardiff Council, County Hall, Cardiff CF10 4UW",
    "Date: 14 March 2026",
    "Dear Mr Gareth Williams,",
    "Thank you for your letter about your neighbour, Mrs Eleanor Pritchard.",
    "You can reach her at eleanor.pritchard@example.com or on 029 2018 0123.",
    "Her NHS number is 943 476 5919.",
    "Under section 40(2) of the Freedom of Information Act 2000 we cannot say more.",
    "Yours sincerely,",
    "Rhian Llewellyn",
    "Head of Planning",
]
PERSONAL = ["Eleanor Pritchard", "eleanor.pritchard@example.com", "943 476 5919", "Rhian Llewellyn"]
KEPT = ["Cardiff Council", "Head of Planning", "Freedom of Information Act 2000", "14 March 2026"]


def tree_hash(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def pdf_text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return "\n".join(page.get_text() for page in doc)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    root = tmp_path / "inbox"
    (root / "letters").mkdir(parents=True)
    write_lines(root / "letters" / "reply.pdf", [LETTER], author="Rhian Llewellyn")
    return root


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def test_help_and_version() -> None:
    code, out = run("--help")
    assert code == 0 and "redact INBOX OUT" in out and "Exit codes" in out
    for command in main.commands:
        code, out = run(command, "--help")
        assert code == 0 and len(out) > 200, command
    code, out = run("--version")
    assert code == 0 and "redactor" in out


@pytest.mark.slow
def test_main_job_redacts_logs_and_annexes(inbox: Path, tmp_path: Path) -> None:
    before = tree_hash(inbox)
    out = tmp_path / "out"
    code, output = run(str(inbox), str(out), "--jobs", "1")
    assert code == ExitCode.OK, output
    assert tree_hash(inbox) == before  # the inbox is never modified

    released = out / "released" / "letters" / "reply.pdf"
    text = pdf_text(released)
    for value in PERSONAL:
        assert value not in text, value
    for value in KEPT:
        assert value in text, value
    with pymupdf.open(released) as doc:
        assert not doc.metadata["author"]

    log = json.loads((out / "logs" / "letters" / "reply.pdf.json").read_text(encoding="utf-8"))
    assert log["status"] == "released"
    assert log["document"]["input_sha256"] == before["letters/reply.pdf"]
    assert log["document"]["output_sha256"] == hashlib.sha256(released.read_bytes()).hexdigest()
    assert "NOT FOR RELEASE" in log["notice"]
    assert log["model"]["spacy_package"] and log["configuration"]["sha256"]
    redacted = [r["text"] for r in log["redactions"]]
    for r in log["redactions"]:
        assert {
            "id",
            "page",
            "rects",
            "entity_type",
            "recognizer",
            "explanation",
            "score",
            "exemption",
            "condition",
            "category",
            "decision",
        } <= r.keys()
        assert r["exemption"] == "s40(2)" and r["rects"]

    annex = (out / "annex.md").read_text(encoding="utf-8")
    assert "three" not in annex.lower() or "Legitimate interest" in annex
    for word in ("Legitimate interest", "Necessity", "Balancing", "section 40(2)"):
        assert word in annex
    for value in redacted:
        assert value not in annex

    summary = json.loads((out / "logs" / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["released"] == 1
    assert not list(out.glob(".work-*"))  # the work folder is gone


@pytest.mark.slow
def test_bad_inputs_are_listed_and_the_batch_goes_on(inbox: Path, tmp_path: Path) -> None:
    (inbox / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (inbox / "empty.pdf").write_bytes(b"")
    (inbox / "notes.docx").write_bytes(b"PK\x03\x04")
    locked = pymupdf.open(inbox / "letters" / "reply.pdf")
    locked.save(inbox / "locked.pdf", encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="x", owner_pw="y")
    out = tmp_path / "out"
    code, output = run(str(inbox), str(out), "-j", "1", "-q")
    assert code == ExitCode.DOCUMENTS_FAILED
    assert (out / "released" / "letters" / "reply.pdf").exists()
    for name in ("broken.pdf", "empty.pdf", "locked.pdf"):
        assert not (out / "released" / name).exists()
        assert name in output
    assert "password-protected" in output
    summary = json.loads((out / "logs" / "summary.json").read_text(encoding="utf-8"))
    statuses = {d["input"]: d["status"] for d in summary["documents"]}
    assert statuses == {
        "broken.pdf": "failed",
        "empty.pdf": "failed",
        "locked.pdf": "failed",
        "letters/reply.pdf": "released",
        "notes.docx": "needs_review",
    }


@pytest.mark.slow
def test_parallel_run_and_rerun_into_the_same_folder(inbox: Path, tmp_path: Path) -> None:
    for i in range(3):
        write_lines(inbox / f"copy{i}.pdf", [LETTER])
    out = tmp_path / "out"
    code, output = run(str(inbox), str(out), "--jobs", "2", "-q")
    assert code == ExitCode.OK, output
    assert len(list((out / "released").rglob("*.pdf"))) == 4
    # A document that now fails must not keep its earlier released copy.
    (inbox / "copy0.pdf").write_bytes(b"not a pdf any more")
    code, _ = run(str(inbox), str(out), "--jobs", "2", "-q")
    assert code == ExitCode.DOCUMENTS_FAILED
    assert not (out / "released" / "copy0.pdf").exists()


@pytest.mark.slow
def test_redacting_a_redacted_output_finds_nothing_new(inbox: Path, tmp_path: Path) -> None:
    out1, out2 = tmp_path / "out1", tmp_path / "out2"
    assert run(str(inbox), str(out1), "-j", "1", "-q")[0] == ExitCode.OK
    assert run(str(out1 / "released"), str(out2), "-j", "1", "-q")[0] == ExitCode.OK
    log = json.loads((out2 / "logs" / "letters" / "reply.pdf.json").read_text(encoding="utf-8"))
    assert log["redactions"] == []


@pytest.mark.slow
def test_requester_option_marks_their_data_s40_1(inbox: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _ = run(str(inbox), str(out), "-j", "1", "-q", "--requester", "Gareth Williams")
    assert code == ExitCode.OK
    log = json.loads((out / "logs" / "letters" / "reply.pdf.json").read_text(encoding="utf-8"))
    exemptions = {r["text"]: r["exemption"] for r in log["redactions"]}
    assert exemptions.get("Gareth Williams") == "s40(1)"
    assert "section 40(1)" in (out / "annex.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("case", ["out-inside-inbox", "missing-inbox", "foreign-out", "bad-config"])
def test_bad_arguments_exit_2_with_a_message(inbox: Path, tmp_path: Path, case: str) -> None:
    args = {
        "out-inside-inbox": [str(inbox), str(inbox / "out")],
        "missing-inbox": [str(tmp_path / "nope"), str(tmp_path / "out")],
        "foreign-out": [str(inbox), str(tmp_path / "foreign")],
        "bad-config": [str(inbox), str(tmp_path / "out"), "--config", str(tmp_path / "bad.yaml")],
    }[case]
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "thesis.docx").write_text("mine", encoding="utf-8")
    (tmp_path / "bad.yaml").write_text("detection: {treshold: 1}\n", encoding="utf-8")
    code, output = run(*args)
    assert code == ExitCode.USAGE, output
    assert "rror" in output


def test_make_pdf_fixture_is_usable(make_pdf: Callable[..., Path]) -> None:
    assert make_pdf(["x"]).exists()
