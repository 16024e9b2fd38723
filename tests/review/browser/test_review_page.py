"""The review page in a real browser (Debian's chromium, driven headless by Playwright).

From file:// (decisions exported and imported) and under `redact review --serve` (saved as
made): a reviewer releases a box, adds one by drawing and one by selecting text, decides for
every occurrence of a name in the bundle; the re-run's output is then checked. Screenshots go
to the test's temporary folder (or $REVIEW_SCREENSHOTS), never into the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from click.testing import CliRunner, Result

from redactor.cli import main
from tests.conftest import write_lines

CHROMIUM = Path("/usr/bin/chromium")
playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (.[dev])")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (scripts/setup.sh --dev installs it)"),
]
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LETTER = [
    "Dear Mr Peredur Gwynfryn,",
    "I met Ceridwen Talfryn at the depot on Tuesday.",
    "Ceridwen Talfryn said the bins were late.",
    "Reference number QX-778812 applies.",
    "Yours sincerely,",
    "Elfed Marchog",
]


def redact(*args: str | Path) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def released_text(out: Path, rel: str) -> str:
    with pymupdf.open(out / "released" / rel) as doc:
        return " ".join(" ".join(page.get_text().split()) for page in doc)


@pytest.fixture
def batch(tmp_path: Path) -> tuple[Path, Path]:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    write_lines(inbox / "letter.pdf", [LETTER])
    write_lines(inbox / "other.pdf", [["Minutes: Ceridwen Talfryn attended.", "Item 2: depot hours."]])
    redact(inbox, out, "--jobs", "1", "--quiet")
    redact("review", out, "--reviewer", "B. Browser")
    return inbox, out


@pytest.fixture
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("REVIEW_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def word_box(inbox: Path, word: str) -> tuple[float, float, float, float, float]:
    """The word's box on page 1 of letter.pdf, and the page's width."""
    with pymupdf.open(inbox / "letter.pdf") as doc:
        box = next(tuple(w[:4]) for w in doc[0].get_text("words") if w[4].strip(".,") == word)
        return (*box, doc[0].rect.width)


def review(page: Any, inbox: Path, shot_dir: Path, saved_to: Path | None) -> None:
    """What a reviewer does, by keyboard and mouse, on letter.pdf (served: each saved to `saved_to`)."""
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    made = [0]

    def done(action: str) -> None:
        made[0] += 1
        if saved_to is not None:
            for _ in range(100):
                if saved_to.is_file() and len(saved_to.read_text(encoding="utf-8").splitlines()) == made[0]:
                    break
                page.wait_for_timeout(100)
            assert len(saved_to.read_text(encoding="utf-8").splitlines()) == made[0], action
            for _ in range(100):  # the page says so once the server has answered
                if page.locator("#status").inner_text().startswith("Saved"):
                    break
                page.wait_for_timeout(100)
            assert page.locator("#status").inner_text().startswith("Saved"), action
        assert not errors, errors
        page.screenshot(path=str(shot_dir / f"{action}.png"), full_page=False)

    page.get_by_role("button", name="letter.pdf").click()
    # Release one box: select it in the list, then the key r (scope: this box).
    page.locator("#items button", has_text="Peredur Gwynfryn").click()
    page.fill("#reason", "the addressee's own name")
    page.locator("#items button", has_text="Peredur Gwynfryn").focus()
    page.keyboard.press("r")
    done("released-a-box")
    # Every occurrence of a name, in the whole bundle.
    page.locator("#items button", has_text="Ceridwen Talfryn").first.click()
    page.select_option("#scope", "bundle")
    page.get_by_role("button", name="Release (r)").click()
    done("released-a-name-everywhere")
    page.select_option("#scope", "box")
    # Add one by drawing a box over a word, with the mouse.
    page.keyboard.press("d")
    x0, y0, x1, y1, width = word_box(inbox, "depot")
    layer = page.locator(".page[data-page='1'] .layer")
    bounds = layer.bounding_box()
    scale = bounds["width"] / width

    def at(x: float, y: float) -> tuple[float, float]:
        return bounds["x"] + x * scale, bounds["y"] + y * scale

    page.mouse.move(*at(x0 - 1.5, y0 - 1))
    page.mouse.down()
    page.mouse.move(*at(x1 + 1.5, y1 + 1), steps=4)
    page.mouse.up()
    done("drew-a-box")
    # Add one by selecting its text on the page.
    page.evaluate(
        """() => {
          const span = [...document.querySelectorAll('.page[data-page="1"] .word')]
            .find((s) => s.textContent.startsWith('QX-778812'));
          const range = document.createRange();
          range.selectNodeContents(span);
          getSelection().removeAllRanges();
          getSelection().addRange(range);
        }"""
    )
    page.keyboard.press("t")
    done("added-selected-text")
    page.keyboard.press("m")
    done("marked-reviewed")
    assert "reviewed" in page.get_by_role("button", name="letter.pdf").inner_text()
    assert page.locator("#session li").count() == 5  # the reviewer sees what they decided


def check_rerun(inbox: Path, out: Path) -> None:
    redact(inbox, out, "--jobs", "1", "--quiet")
    letter, other = released_text(out, "letter.pdf"), released_text(out, "other.pdf")
    assert "Peredur Gwynfryn" in letter  # released: readable
    assert "Ceridwen Talfryn" in letter and "Ceridwen Talfryn" in other  # every occurrence, both documents
    assert "depot" not in letter and "depot" in other  # the drawn box, on its page only
    assert "QX-778812" not in letter  # the selected text
    assert "Elfed" not in letter  # what nobody touched
    log = json.loads((out / "logs" / "letter.pdf.json").read_text(encoding="utf-8"))
    origins = {
        i["text"] or i["explanation"].rsplit(": ", 1)[-1]: (i["origin"], i["reviewer"])
        for i in log["redactions"] + log["kept"]
    }
    assert origins["Peredur Gwynfryn"] == ("changed", "B. Browser")
    assert origins["depot"][0] == "added" and origins["QX-778812"][0] == "added"


def test_review_from_file_export_then_import(batch: tuple[Path, Path], browser: Any, tmp_path: Path) -> None:
    inbox, out = batch
    page = browser.new_page(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page.goto((out / "review" / "index.html").resolve().as_uri())
    assert "cannot save" in page.locator("#mode-note").inner_text()
    review(page, inbox, shots(tmp_path), None)
    with page.expect_download() as info:
        page.keyboard.press("e")
    exported = tmp_path / "decisions-export.jsonl"
    info.value.save_as(exported)
    assert len(exported.read_text(encoding="utf-8").splitlines()) == 5
    assert not (out / "review" / "decisions.jsonl").exists()  # nothing written behind the reviewer's back
    assert "5 decision(s) recorded" in redact("decide", out, "--import", exported).output
    check_rerun(inbox, out)
    redact("decide", out, "--document", "other.pdf", "--reviewed")
    assert CliRunner().invoke(main, ["status", str(out)]).exit_code == 0


def test_review_served_saves_each_decision(batch: tuple[Path, Path], browser: Any, tmp_path: Path) -> None:
    from redactor.review.server import make_server

    inbox, out = batch
    server = make_server(out, out / "review" / "index.html")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        assert "saved as you make it" in page.locator("#mode-note").inner_text()
        review(page, inbox, shots(tmp_path), out / "review" / "decisions.jsonl")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    saved = (out / "review" / "decisions.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(saved) == 5 and all(json.loads(line)["reviewer"] == "B. Browser" for line in saved)
    check_rerun(inbox, out)


def test_page_is_keyboard_navigable_and_labelled(batch: tuple[Path, Path], browser: Any) -> None:
    _, out = batch
    page = browser.new_page()
    page.goto((out / "review" / "index.html").resolve().as_uri())
    for control in ("#scope", "#exemption", "#reason", "#reviewer", "#add-text"):
        assert page.locator(f"label[for='{control[1:]}']").count() == 1
    assert page.locator("#exemption option").all_inner_texts()[:2] == ["s40(2)", "s40(1)"]
    page.keyboard.press("j")
    focused = page.evaluate("document.activeElement.closest('#items') !== null")
    assert focused
    assert page.locator("#items button.selected").count() == 1
    assert all(img.get_attribute("alt") for img in page.locator(".page img").all())
    assert shutil.which("chromium") or CHROMIUM.exists()
