"""Pre-release checks on outputs: each leak class is caught, and a clean file passes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest

from redactor.checks import verify_output
from redactor.model import Action, Decision, Finding, Severity


def redacted(value: str) -> Decision:
    return Decision("R0001", Finding(0, 0, len(value), "PERSON", value, 0.9, "Test", "t"), Action.REDACT, "Names", "t")


def codes(path: Path, *decisions: Decision) -> set[str]:
    found = verify_output(path, decisions)
    assert all(c.severity is Severity.FAIL for c in found)
    return {c.code for c in found}


def test_clean_file_passes(make_pdf: Callable[..., Path]) -> None:
    assert codes(make_pdf(["Nothing personal here."])) == set()


def test_residual_text_and_stream_are_caught(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(["A letter from Eleanor Pritchard."])
    assert codes(path, redacted("Eleanor Pritchard")) == {"residual-text", "residual-stream"}


def test_lower_case_word_is_not_a_residual_name(make_pdf: Callable[..., Path]) -> None:
    path = make_pdf(["We hope to reply soon."])
    assert codes(path, redacted("Hope")) == set()


def _mutate(path: Path, change: Callable[[pymupdf.Document], None], incremental: bool = False) -> Path:
    doc = pymupdf.open(path)
    change(doc)
    if incremental:
        doc.save(path, incremental=True, encryption=pymupdf.PDF_ENCRYPT_KEEP)
        out = path
    else:
        out = path.with_name("changed.pdf")
        doc.save(out)
    doc.close()
    return out


def _add_layer(doc: pymupdf.Document) -> None:
    ocg = doc.add_ocg("hidden", on=False)
    doc[0].insert_text((72, 300), "layer text", oc=ocg)


def _add_js(doc: pymupdf.Document) -> None:
    xref = doc.get_new_xref()
    doc.update_object(xref, "<< /S /JavaScript /JS (app.alert(1)) >>")
    doc.xref_set_key(doc.pdf_catalog(), "OpenAction", f"{xref} 0 R")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda d: d.set_metadata({"author": "Eleanor Pritchard"}), "metadata"),
        (lambda d: d.set_xml_metadata("<x:xmpmeta xmlns:x='adobe:ns:meta/'/>"), "xmp"),
        (lambda d: d[0].add_text_annot((100, 100), "note"), "annotations"),
        (lambda d: d[0].add_redact_annot(pymupdf.Rect(70, 60, 200, 80)), "annotations"),
        (
            lambda d: d[0].insert_link(
                {"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(0, 0, 50, 50), "uri": "mailto:a@b.c"}
            ),
            "links",
        ),
        (lambda d: d.embfile_add("a.txt", b"secret"), "embedded-files"),
        (_add_js, "javascript"),
        (_add_layer, "layers"),
        (lambda d: d.set_toc([[1, "Eleanor Pritchard", 1]]), "outline"),
    ],
)
def test_each_leak_class_is_caught(
    make_pdf: Callable[..., Path], change: Callable[[pymupdf.Document], None], code: str
) -> None:
    path = _mutate(make_pdf(["Plain text."]), change)
    assert code in codes(path)


def test_incremental_revision_is_caught(make_pdf: Callable[..., Path]) -> None:
    path = _mutate(make_pdf(["Plain text."]), lambda d: d[0].insert_text((72, 200), "more"), incremental=True)
    assert "revisions" in codes(path)
