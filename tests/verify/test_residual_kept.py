"""The residual check: a redacted word inside a longer value that was kept is not a leak."""

from __future__ import annotations

import pymupdf

from redactor.verify.residual import check_residual


def _doc(text: str) -> pymupdf.Document:
    doc = pymupdf.open()
    doc.new_page().insert_text((72, 72), text, fontsize=11)
    return doc


def test_inside_a_kept_name_it_is_not_reported() -> None:
    with _doc("Signed by Rhian Ellis-Jones, Chief Executive.") as doc:
        assert check_residual(doc, ["Jones"], ["Rhian Ellis-Jones"]) == []


def test_standing_alone_it_is_reported_even_beside_the_kept_name() -> None:
    with _doc("Rhian Ellis-Jones met Mr Jones.") as doc:
        found = check_residual(doc, ["Jones"], ["Rhian Ellis-Jones"])
    assert {f.code for f in found} == {"residual-text", "residual-stream"}


def test_without_a_kept_value_it_is_reported() -> None:
    with _doc("Signed by Rhian Ellis-Jones, Chief Executive.") as doc:
        found = check_residual(doc, ["Jones"], [])
    assert {f.code for f in found} == {"residual-text", "residual-stream"}
