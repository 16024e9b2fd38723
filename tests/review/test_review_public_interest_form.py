"""Public interest tests sent by the review page (served, or in an exported decisions file)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from redactor.respond.public_interest import PublicInterestError, is_form, record_from_form, record_path
from redactor.review.server import make_server

FORM = {"public_interest": "s43(2)", "release": "Value for money.", "withholding": "Harm.", "conclusion": "Withhold."}


def test_a_form_is_stored_as_the_file_the_command_line_writes(tmp_path: Path) -> None:
    path = record_from_form(tmp_path, dict(FORM))
    assert path == record_path(tmp_path, "s43(2)")
    text = path.read_text(encoding="utf-8")
    assert "## In favour of release\n\nValue for money." in text and "## Conclusion\n\nWithhold." in text
    assert is_form(FORM) and not is_form({"decision": "withhold"})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"conclusion": "  "}, "Conclusion"),
        ({"colour": "red"}, "unknown field"),
        ({"public_interest": "s40(2)"}, "absolute exemption"),
        ({"public_interest": "s36(2)(c)"}, "qualified person"),
        ({"public_interest": "s36(2)(c)", "qualified_person": "the Chief Executive"}, "go together"),
        ({"public_interest": "s36(2)(c)", "qualified_person": "X", "opinion_date": "2 March"}, "not a date"),
    ],
)
def test_an_incomplete_form_is_refused(tmp_path: Path, change: dict[str, str], message: str) -> None:
    with pytest.raises(PublicInterestError, match=message):
        record_from_form(tmp_path, {**FORM, **change})
    assert not (tmp_path / "review" / "public-interest").exists() or not any(
        (tmp_path / "review" / "public-interest").iterdir()
    )


def test_s36_keeps_the_qualified_persons_opinion(tmp_path: Path) -> None:
    form = {
        **FORM,
        "public_interest": "s36(2)(c)",
        "qualified_person": "the Chief Executive",
        "opinion_date": "2026-03-02",
    }
    text = record_from_form(tmp_path, form).read_text(encoding="utf-8")
    assert "Qualified person: the Chief Executive" in text and "Date of opinion: 2026-03-02" in text


def test_the_server_stores_a_test_and_refuses_an_incomplete_one(tmp_path: Path) -> None:
    page = tmp_path / "review" / "index.html"
    page.parent.mkdir()
    page.write_text("<!DOCTYPE html>", encoding="utf-8")
    server = make_server(tmp_path, page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def post(data: dict[str, str]) -> tuple[int, str]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{server.server_address[1]}/public-interest",
            data=json.dumps(data).encode("utf-8"),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8")

    try:
        status, body = post({**FORM, "conclusion": ""})
        assert status == 400 and "Conclusion" in body
        assert not record_path(tmp_path, "s43(2)").exists()
        status, body = post(FORM)
        assert status == 200 and json.loads(body)["saved"] == "review/public-interest/s43-2.md"
        assert "Harm." in record_path(tmp_path, "s43(2)").read_text(encoding="utf-8")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
