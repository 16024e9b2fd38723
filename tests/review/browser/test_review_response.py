"""The review page offers the response decisions the command line does, in a real browser.

A reviewer withholds a document whole under s35(1)(a) and another under s36(2)(c), a page
under s43(2), then writes each public interest test on the page (for s36, with the qualified
person and the date of their opinion). From file:// the decisions and tests are exported and
imported; under `redact review --serve` they are saved as made. The re-run's outputs are then
checked, and `redact status` fails until the tests are written and passes after.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from click.testing import CliRunner

from redactor.cli import main
from redactor.errors import ExitCode
from tests.conftest import write_lines
from tests.review.browser.test_review_page import ARGS, CHROMIUM, redact, shots

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (.[dev])")
expect = playwright_api.expect
pytestmark = [
    pytest.mark.slow,
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="chromium is not installed (scripts/setup.sh --dev installs it)"),
]
WORDS = {
    "s35(1)(a)": (
        "Openness about policy options.",
        "A safe space to develop policy.",
        "The balance favours withholding.",
    ),
    "s36(2)(c)": ("Transparency of the board.", "Candour of frank advice.", "Withholding is in the public interest."),
    "s43(2)": ("Value for money.", "Harm to the bidder's position.", "The commercial harm outweighs it."),
}


@pytest.fixture
def batch(tmp_path: Path) -> tuple[Path, Path]:
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    write_lines(inbox / "draft.pdf", [["Draft policy options for bus franchising.", "Option B is preferred."]])
    write_lines(inbox / "minutes.pdf", [["Board minutes: frank advice on the budget gap."]])
    write_lines(inbox / "tender.pdf", [["Tender evaluation summary."], ["Bidder pricing schedule: 41,250 per lot."]])
    redact(inbox, out, "--jobs", "1", "--quiet")
    redact("review", out, "--reviewer", "B. Browser")
    return inbox, out


@pytest.fixture
def browser() -> Any:
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def status(out: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["status", str(out)])
    return result.exit_code, result.output


def decide_on_page(page: Any) -> None:
    """Withhold two documents whole and one page, by keyboard where it matters."""
    page.get_by_role("button", name="draft.pdf").click()
    page.get_by_label("Exemption (when withheld)").select_option("s35(1)(a)")
    page.get_by_label("Reason", exact=True).fill("policy still in development")
    page.get_by_role("button", name="Withhold the whole document").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="draft.pdf")).to_contain_text("withheld in full by decision")
    page.get_by_role("button", name="minutes.pdf").click()
    page.get_by_label("Exemption (when withheld)").select_option("s36(2)(c)")
    page.get_by_role("button", name="Withhold the whole document").click()
    page.get_by_role("button", name="tender.pdf").click()
    page.get_by_label("Exemption (when withheld)").select_option("s43(2)")
    page.get_by_label("Page to withhold").fill("3")
    page.get_by_role("button", name="Withhold this page").click()
    expect(page.locator("#status")).to_contain_text("1 to 2")  # tender.pdf has two pages
    page.get_by_label("Page to withhold").fill("2")
    page.get_by_role("button", name="Withhold this page").click()
    expect(page.locator(".page[data-page='2'] .box.pending")).to_have_count(1)
    expect(page.locator(".page[data-page='2'] .box.pending")).to_have_attribute("title", re.compile(r"s43\(2\)"))
    expect(page.locator("#session li")).to_have_count(3)
    assert [t.removesuffix(" (not saved yet)") for t in page.locator("#session li").all_inner_texts()] == [
        "draft.pdf: withhold the whole document under s35(1)(a)",
        "minutes.pdf: withhold the whole document under s36(2)(c)",
        "tender.pdf: withhold page 2 under s43(2)",
    ]


def write_tests_on_page(page: Any) -> None:
    """The public interest tests, one form per qualified exemption, starting from the prompts."""
    forms = page.locator("#pit-forms fieldset")
    assert sorted(forms.evaluate_all("fs => fs.map(f => f.dataset.code)")) == sorted(WORDS)
    for code, (release, withholding, conclusion) in WORDS.items():
        form = page.locator(f"#pit-forms fieldset[data-code='{code}']")
        assert form.locator(".prompts li").count() >= 3  # the library's neutral prompts, as descriptions
        form.get_by_label("Arguments in favour of release").fill(release)
        form.get_by_label("Arguments in favour of withholding").fill(withholding)
        save = form.get_by_role("button", name=f"Save the public interest test for {code}")
        save.click()
        expect(page.locator("#status")).to_contain_text("needs your words under: Conclusion")
        form.get_by_label("Conclusion").fill(conclusion)
        if code == "s36(2)(c)":
            save.click()
            expect(page.locator("#status")).to_contain_text("qualified person")
            form.get_by_label("Qualified person who gave the reasonable opinion").fill("the Chief Executive")
            form.get_by_label("Date of the qualified person's opinion").fill("2026-03-02")
        save.focus()
        page.keyboard.press("Enter")
        # Wait for this form's answer: a save still in flight would overwrite the next form's message.
        done = re.compile(rf"(Saved|Recorded) the public interest test for {re.escape(code)}")
        expect(page.locator("#status")).to_contain_text(done)


def check_outputs(inbox: Path, out: Path) -> None:
    redact(inbox, out, "--jobs", "1", "--quiet")
    released = out / "released"
    assert not (released / "draft.pdf").exists() and not (released / "minutes.pdf").exists()
    with pymupdf.open(released / "tender.pdf") as doc:
        assert "Tender evaluation summary" in doc[0].get_text()
        assert "41,250" not in doc[1].get_text()
        assert "s43(2)" in doc[1].get_text()  # the page's box is labelled with its code
        assert "pricing" not in doc[1].get_text()


def run_review(
    batch: tuple[Path, Path],
    browser: Any,
    tmp_path: Path,
    open_page: Callable[[Any], None],
    save: Callable[[Any], None],
) -> None:
    inbox, out = batch
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    open_page(page)
    assert page.locator("#pit-none").is_visible()  # nothing qualified relied on yet
    decide_on_page(page)
    expect(page.locator("#pit-forms fieldset")).to_have_count(3)  # a form as soon as a qualified code is chosen
    save(page)
    check_outputs(inbox, out)
    code, said = status(out)
    assert code == ExitCode.NEEDS_REVIEW and all(c in said for c in WORDS), said
    # Next day: the page made again from the re-run lists the exemptions relied on.
    redact("review", out, "--reviewer", "B. Browser")
    open_page(page)
    write_tests_on_page(page)
    page.screenshot(path=str(shots(tmp_path) / "public-interest.png"), full_page=True)
    save(page)
    assert not errors, errors
    written = out / "review" / "public-interest"
    assert sorted(p.name for p in written.iterdir()) == ["s35-1-a.md", "s36-2-c.md", "s43-2.md"]
    s36 = (written / "s36-2-c.md").read_text(encoding="utf-8")
    assert "Candour of frank advice." in s36 and "Qualified person: the Chief Executive" in s36
    assert "Date of opinion: 2026-03-02" in s36
    for rel in ("draft.pdf", "minutes.pdf", "tender.pdf"):
        redact("decide", out, "--document", rel, "--reviewed")
    code, said = status(out)
    assert code == ExitCode.OK, said
    # The letter exits 5 only for the body's own details, which this test does not configure.
    CliRunner().invoke(main, ["letter", str(out), "--reference", "FOI-2026-0042", "--received", "2026-02-01"])
    response = (out / "response.md").read_text(encoding="utf-8")
    assert all(w in response for words in WORDS.values() for w in words)  # the words as written


def test_response_decisions_from_file_export_then_import(
    batch: tuple[Path, Path], browser: Any, tmp_path: Path
) -> None:
    _, out = batch
    exports = [0]

    def open_page(page: Any) -> None:
        page.goto((out / "review" / "index.html").resolve().as_uri())

    def save(page: Any) -> None:
        with page.expect_download() as info:
            page.keyboard.press("e")
        exports[0] += 1
        exported = tmp_path / f"export-{exports[0]}.jsonl"
        info.value.save_as(exported)
        assert not (out / "review" / "public-interest").exists() or exports[0] == 2
        redact("decide", out, "--import", exported)

    run_review(batch, browser, tmp_path, open_page, save)


def test_response_decisions_served(batch: tuple[Path, Path], browser: Any, tmp_path: Path) -> None:
    from redactor.review.server import make_server

    _, out = batch
    server = make_server(out, out / "review" / "index.html")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def open_page(page: Any) -> None:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/")

    def save(page: Any) -> None:  # each was saved as made: wait for the last answer
        decisions, tests = out / "review" / "decisions.jsonl", out / "review" / "public-interest"
        for _ in range(100):
            made = decisions.is_file() and len(decisions.read_text(encoding="utf-8").splitlines()) == 3
            written = not tests.exists() or len(list(tests.iterdir())) == 3
            if made and written and page.locator("#status").inner_text().startswith("Saved"):
                return
            page.wait_for_timeout(100)
        raise AssertionError(page.locator("#status").inner_text())

    try:
        run_review(batch, browser, tmp_path, open_page, save)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
