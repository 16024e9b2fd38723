"""Review end to end: decide from the command line, re-run, and the output honours it."""

from __future__ import annotations

import csv
import json
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from click.testing import CliRunner, Result

from redactor.cli import main
from tests.conftest import write_lines

pytestmark = pytest.mark.slow

LINES = [
    "Dear Mr Peredur Gwynfryn,",
    "I met Ceridwen Talfryn at the depot on Tuesday.",
    "Ceridwen Talfryn said the bins were late.",
    "Reference number QX-778812.",
    "Yours sincerely,",
    "Elfed Marchog",
]


def redact(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def run(inbox: Path, out: Path) -> Result:
    result = redact(inbox, out, "--jobs", "1", "--quiet")
    assert result.exit_code == 0, result.output
    return result


def log_of(out: Path, rel: str = "letter.pdf") -> dict[str, Any]:
    return json.loads((out / "logs" / f"{rel}.json").read_text(encoding="utf-8"))


def items(out: Path, rel: str = "letter.pdf") -> dict[str, dict[str, Any]]:
    log = log_of(out, rel)
    return {i["id"]: i for i in log["redactions"] + log["kept"]}


def label(item: dict[str, Any]) -> str:
    """An item's text, or for a drawn box (which has none) the words under it."""
    return str(item["text"] or item["explanation"].rsplit(": ", 1)[-1])


def released_text(out: Path, rel: str = "letter.pdf") -> str:
    with pymupdf.open(out / "released" / rel) as doc:
        return " ".join(" ".join(page.get_text().split()) for page in doc)


def id_of(out: Path, text: str, nth: int = 0, rel: str = "letter.pdf") -> str:
    return [i for i, item in items(out, rel).items() if item["text"] == text][nth]


@pytest.fixture
def batch(tmp_path: Path) -> tuple[Path, Path]:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    write_lines(inbox / "letter.pdf", [LINES])
    write_lines(inbox / "other.pdf", [["Minutes: Ceridwen Talfryn attended.", "Item 2: depot hours."]])
    run(inbox, out)
    return inbox, out


def word_rect(path: Path, word: str) -> list[float]:
    with pymupdf.open(path) as doc:
        [x0, y0, x1, y1] = next(list(w[:4]) for w in doc[0].get_text("words") if w[4].strip(".,") == word)
    return [x0 - 1, y0 - 1, x1 + 1, y1 + 1]


def test_ids_are_the_same_on_a_re_run(batch: tuple[Path, Path]) -> None:
    inbox, out = batch
    before = sorted(items(out))
    run(inbox, out)
    assert sorted(items(out)) == before and len(before) >= 4


def test_release_withhold_more_add_by_text_and_box_then_re_run(batch: tuple[Path, Path]) -> None:
    inbox, out = batch
    assert "Peredur" not in released_text(out) and "Ceridwen" not in released_text(out, "other.pdf")
    peredur = id_of(out, "Peredur Gwynfryn")
    result = redact("decide", out, "--id", peredur, "--release", "--reason", "the addressee", "--reviewer", "A. Tester")
    assert result.exit_code == 0, result.output
    assert redact("decide", out, "--text", "Ceridwen Talfryn", "--release", "--scope", "bundle").exit_code == 0
    result = redact("decide", out, "--text", "QX-778812", "--withhold", "--document", "letter.pdf",
                    "--exemption", "s40(1)", "--reviewer", "A. Tester")  # fmt: skip
    assert result.exit_code == 0, result.output
    drawn = {
        "decision": "withhold", "scope": "box", "document": "letter.pdf", "page": 1,
        "rect": word_rect(inbox / "letter.pdf", "depot"), "reviewer": "A. Tester", "time": "2026-01-01T10:00:00+00:00",
        "document_sha256": log_of(out)["document"]["input_sha256"],
    }  # fmt: skip
    export = out.parent / "export.jsonl"
    export.write_text(json.dumps(drawn) + "\n", encoding="utf-8")
    assert "1 decision(s) recorded" in redact("decide", out, "--import", export).output
    assert "0 decision(s) recorded (1 already there)" in redact("decide", out, "--import", export).output

    status = redact("status", out)
    assert status.exit_code == 5 and "not yet applied" in status.output
    run(inbox, out)

    text = released_text(out)
    assert "Peredur Gwynfryn" in text and "Ceridwen Talfryn" in text  # released: readable
    assert "QX-778812" not in text and "depot" not in text  # added: removed for real
    assert "Elfed" not in text  # untouched proposal still redacted
    assert "Ceridwen Talfryn" in released_text(out, "other.pdf")  # the bundle-wide release
    assert "depot" in released_text(out, "other.pdf")  # a drawn box is one box
    by_text = {label(i): i for i in items(out).values()}
    assert by_text["Peredur Gwynfryn"]["origin"] == "changed" and by_text["Peredur Gwynfryn"]["reviewer"] == "A. Tester"
    assert by_text["QX-778812"]["origin"] == "added" and by_text["QX-778812"]["exemption"] == "s40(1)"
    assert by_text["depot"]["origin"] == "added" and by_text["depot"]["decision"] == "redact"
    assert by_text["Elfed Marchog"]["origin"] == "proposed"
    check = redact("check", out / "released" / "letter.pdf", "--no-detect")
    assert check.exit_code == 0, check.output

    status = redact("status", out)
    assert status.exit_code == 5 and "not yet applied" not in status.output and "Not yet reviewed" in status.output
    for rel in ("letter.pdf", "other.pdf"):
        assert redact("decide", out, "--document", rel, "--reviewed").exit_code == 0
    status = redact("status", out)
    assert status.exit_code == 0, status.output

    raw = (out / "review" / "schedule.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    peredur_row = next(r for r in rows if r["redaction id"] == peredur)
    assert peredur_row["decision"] == "released" and peredur_row["who"] == "A. Tester" and peredur_row["when"]
    assert any(r["text (INTERNAL - NOT FOR RELEASE)"] == "QX-778812" and r["exemption"] == "s40(1)" for r in rows)
    released = [p.name for p in (out / "released").rglob("*")]
    assert sorted(released) == ["letter.pdf", "other.pdf"]
    assert "QX-778812" not in (out / "annex.md").read_text(encoding="utf-8")


def test_a_later_decision_supersedes_and_a_changed_document_orphans(batch: tuple[Path, Path]) -> None:
    inbox, out = batch
    peredur = id_of(out, "Peredur Gwynfryn")
    redact("decide", out, "--id", peredur, "--release")
    redact("decide", out, "--id", peredur, "--withhold", "--reason", "changed my mind")
    run(inbox, out)
    assert "Peredur" not in released_text(out)
    assert items(out)[peredur]["origin"] == "confirmed"
    redact("decide", out, "--id", peredur, "--release")
    write_lines(inbox / "letter.pdf", [[*LINES, "PS: one more line."]])  # the input changes
    status = redact("status", out)
    run(inbox, out)
    assert "Peredur" not in released_text(out)  # never applied to the new input
    status = redact("status", out)
    assert status.exit_code == 5 and "Orphaned" in status.output and peredur in status.output


def test_decide_refuses_what_it_cannot_record(batch: tuple[Path, Path]) -> None:
    _, out = batch
    assert redact("decide", out, "--id", "p1-0000000000", "--release").exit_code == 2
    assert redact("decide", out, "--text", "x", "--release", "--scope", "box").exit_code == 2
    assert redact("decide", out, "--text", "x", "--withhold", "--exemption", "s99").exit_code == 2
    assert redact("decide", out, "--text", "x", "--document", "nope.pdf", "--release").exit_code == 2
    assert not (out / "review" / "decisions.jsonl").exists()


@pytest.fixture
def served(batch: tuple[Path, Path]) -> Iterator[tuple[str, Path]]:
    from redactor.review.server import make_server

    _, out = batch
    assert redact("review", out).exit_code == 0
    server = make_server(out, out / "review" / "index.html")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", out
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def post(url: str, body: bytes, kind: str = "application/json", host: str | None = None) -> int:
    request = urllib.request.Request(url + "decisions", data=body, method="POST", headers={"Content-Type": kind})
    if host:
        request.add_header("Host", host)
    try:
        with urllib.request.urlopen(request) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_server_saves_decisions_and_refuses_other_hosts_and_forms(served: tuple[str, Path]) -> None:
    url, out = served
    with urllib.request.urlopen(url) as response:
        assert b"Review the proposed redactions" in response.read()
    good = json.dumps([{"decision": "release", "scope": "bundle", "text": "Elfed Marchog", "reviewer": "A"}]).encode()
    assert post(url, good, host="evil.example:80") == 403
    assert post(url, good, kind="application/x-www-form-urlencoded") == 415
    assert post(url, b'[{"decision": "maybe"}]') == 400
    assert not (out / "review" / "decisions.jsonl").exists()
    assert post(url, good) == 200
    assert "Elfed Marchog" in (out / "review" / "decisions.jsonl").read_text(encoding="utf-8")


def test_review_page_is_self_contained(batch: tuple[Path, Path]) -> None:
    inbox, out = batch
    moved = inbox.parent / "elsewhere"
    shutil.copytree(inbox, moved)
    assert redact("review", out, "--inbox", moved).exit_code == 0
    page = (out / "review" / "index.html").read_text(encoding="utf-8")
    assert "data:image/jpeg;base64," in page and "Peredur Gwynfryn" in page
    assert "http://" not in page and "https://" not in page and 'src="http' not in page


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed (setup.sh installs it)")
def test_release_and_add_on_a_scanned_page(tmp_path: Path) -> None:
    from devtools.synthetic import write_scan
    from redactor.config import OcrConfig
    from redactor.ingest import ocr

    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    typed = write_lines(tmp_path / "typed.pdf", [LINES], fontsize=13)
    write_scan(typed, inbox / "letter.pdf", 300)
    run(inbox, out)
    assert log_of(out)["ocr_pages"], "the page was read by OCR"
    peredur = id_of(out, "Peredur Gwynfryn")
    assert redact("decide", out, "--id", peredur, "--release").exit_code == 0
    assert redact("decide", out, "--text", "Tuesday", "--withhold", "--document", "letter.pdf").exit_code == 0
    rect = word_rect(typed, "bins")  # the scan has the typed page's geometry
    drawn = {"decision": "withhold", "scope": "box", "document": "letter.pdf", "page": 1, "rect": rect,
             "reviewer": "A. Tester", "document_sha256": log_of(out)["document"]["input_sha256"]}  # fmt: skip
    (tmp_path / "export.jsonl").write_text(json.dumps(drawn) + "\n", encoding="utf-8")
    assert redact("decide", out, "--import", tmp_path / "export.jsonl").exit_code == 0
    run(inbox, out)

    with pymupdf.open(out / "released" / "letter.pdf") as doc:
        pix = doc[0].get_pixmap(dpi=300, colorspace=pymupdf.csGRAY)
        layer = " ".join(doc[0].get_text().split())
    seen = " ".join(w.text for w in ocr.parse_tsv(ocr._run_tesseract(pix.tobytes("pnm"), OcrConfig())))
    assert "Peredur" in seen and "Gwynfryn" in seen  # released: still in the picture
    assert "Tuesday" not in seen and "bins" not in seen  # added: gone from the pixels
    assert "Tuesday" not in layer and "bins" not in layer  # nor in the text layer
    origins = {label(i): i["origin"] for i in items(out).values()}
    assert origins["Peredur Gwynfryn"] == "changed" and origins["Tuesday"] == "added" and origins["bins"] == "added"


def test_a_re_run_redoes_only_documents_whose_inputs_or_decisions_changed(batch: tuple[Path, Path]) -> None:
    inbox, out = batch
    run(inbox, out)
    assert log_of(out)["seconds"] == {"reused": 0.0} and log_of(out, "other.pdf")["seconds"] == {"reused": 0.0}
    assert "Peredur" not in released_text(out)  # the reused output is the redacted one
    redact("decide", out, "--id", id_of(out, "Peredur Gwynfryn"), "--release")
    run(inbox, out)
    assert "ingest" in log_of(out)["seconds"] and "Peredur Gwynfryn" in released_text(out)
    assert log_of(out, "other.pdf")["seconds"] == {"reused": 0.0}
    (out / "released" / "other.pdf").unlink()  # the output is gone: redone
    run(inbox, out)
    assert "ingest" in log_of(out, "other.pdf")["seconds"] and (out / "released" / "other.pdf").is_file()
    assert log_of(out)["seconds"] == {"reused": 0.0} and "Peredur Gwynfryn" in released_text(out)
    result = redact(inbox, out, "--jobs", "1", "--quiet", "--requester", "Elfed Marchog")  # another run key
    assert result.exit_code == 0 and "ingest" in log_of(out)["seconds"]


def test_decisions_on_an_e_mail_name_the_e_mail_and_are_applied(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "mail.eml").write_text(
        "From: office@example.org\nTo: team@example.org\nSubject: Depot visit\n"
        "Content-Type: text/plain; charset=utf-8\n\n" + "\n".join(LINES) + "\n",
        encoding="utf-8",
    )
    run(inbox, out)
    ids = sorted(items(out, "mail.eml"))
    assert log_of(out, "mail.eml")["document"]["input_sha256"]
    peredur = id_of(out, "Peredur Gwynfryn", rel="mail.eml")
    assert redact("decide", out, "--id", peredur, "--release").exit_code == 0
    assert redact("decide", out, "--text", "QX-778812", "--withhold", "--document", "mail.eml").exit_code == 0
    run(inbox, out)
    text = released_text(out, "mail.pdf")
    assert "Peredur Gwynfryn" in text and "QX-778812" not in text and "Elfed" not in text
    assert set(ids) <= set(items(out, "mail.eml"))  # the same ids: derived from the e-mail, not its printout
    status = redact("status", out)
    assert "Orphaned" not in status.output and "not yet applied" not in status.output
    assert redact("review", out).exit_code == 0
    assert "data:image/jpeg" in (out / "review" / "index.html").read_text(encoding="utf-8")
