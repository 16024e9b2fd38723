"""Pre-release checks on outputs: each leak class is caught, and a clean file passes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pymupdf
import pytest

from redactor.types import Action, Decision, Finding, Severity
from redactor.verify.checks import PersonalDataScanner, check_file, verify_output
from redactor.verify.page import _PageScan, page_findings
from tests.conftest import write_lines


def redacted(value: str) -> Decision:
    return Decision("R0001", Finding(0, 0, len(value), "PERSON", value, 0.9, "Test", "t"), Action.REDACT, "Names", "t")


def codes(path: Path, *decisions: Decision) -> set[str]:
    return {c.code for c in verify_output(path, decisions) if c.severity is Severity.FAIL}


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
        (lambda d: d[0].add_text_annot((100, 100), "note"), "comments"),
        (lambda d: d[0].add_line_annot((100, 100), (200, 100)), "annotations"),
        (lambda d: d[0].add_redact_annot(pymupdf.Rect(70, 60, 200, 80)), "unapplied-redaction"),
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


# --- Generic leak detectors (`redact check`), on PDFs built here -----------------------------

SECRET = "Eleanor Pritchard 07700 900123"


def _doc_with_secret(build: Callable[[pymupdf.Document, pymupdf.Page], None]) -> pymupdf.Document:
    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_text((72, 72), "An ordinary visible line of the letter.", fontsize=11)
    build(doc, page)
    return doc


def _save(doc: pymupdf.Document, path: Path, **options: object) -> Path:
    doc.save(path, **options)
    doc.close()
    return path


def _black_png(width: int = 40, height: int = 10) -> bytes:
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), False)
    pix.clear_with(0)
    return bytes(pix.tobytes("png"))


def _scan_png() -> bytes:
    """A 'scan': grey paper with dark strokes, so its regions are not a single colour."""
    pix = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 200, 100), False)
    pix.clear_with(230)
    for x in range(0, 200, 3):
        for y in range(0, 100, 2):
            pix.set_pixel(x, y, (20, 20, 20))
    return bytes(pix.tobytes("png"))


def _box_over(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    page.insert_text((72, 120), SECRET, fontsize=11)
    page.draw_rect(pymupdf.Rect(70, 108, 260, 124), color=None, fill=(0, 0, 0))


def _highlight(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    page.insert_text((72, 120), SECRET, fontsize=11)
    annot = page.add_highlight_annot(pymupdf.Rect(70, 108, 260, 124))
    annot.set_colors(stroke=(0, 0, 0))
    annot.update()


def _image_over(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    page.insert_text((72, 120), SECRET, fontsize=11)
    page.insert_image(pymupdf.Rect(70, 108, 260, 124), stream=_black_png(), keep_proportion=False)


def _cross_hatch(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    page.insert_text((72, 120), SECRET, fontsize=11)
    rect = pymupdf.Rect(70, 108, 260, 124)
    page.draw_rect(rect, color=None, fill=(0, 0, 0))
    for x in range(70, 260, 6):
        page.draw_line((x, 108), (x + 16, 124), color=(0.5, 0.5, 0.5), width=0.5)


def _redact_annot(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    page.insert_text((72, 120), SECRET, fontsize=11)
    page.add_redact_annot(pymupdf.Rect(70, 108, 260, 124), fill=(0, 0, 0))


def _text(**options: object) -> Callable[[pymupdf.Document, pymupdf.Page], None]:
    def build(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        point = options.pop("point", (72, 120))
        page.insert_text(point, SECRET, **{"fontsize": 11, **options})

    return build


def _under_image(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    page.insert_text((72, 120), SECRET, fontsize=11)
    page.insert_image(pymupdf.Rect(60, 100, 300, 130), stream=_scan_png(), keep_proportion=False)


def _ocr_layer(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    page.insert_image(pymupdf.Rect(60, 100, 300, 130), stream=_scan_png(), keep_proportion=False)
    page.insert_text((72, 120), SECRET, fontsize=11, render_mode=3)


def _ocr_under_box(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    page.insert_image(pymupdf.Rect(60, 100, 300, 130), stream=_black_png(), keep_proportion=False)
    page.insert_text((72, 120), SECRET, fontsize=11, render_mode=3)


def _zero_opacity(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    page.insert_text((72, 120), SECRET, fontsize=11, fill_opacity=0)


def _hidden_layer(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    page.insert_text((72, 120), SECRET, fontsize=11, oc=doc.add_ocg("hidden", on=False))


def _form_field(doc: pymupdf.Document, page: pymupdf.Page) -> None:
    widget = pymupdf.Widget()
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.field_name = "applicant"
    widget.field_value = SECRET
    widget.rect = pymupdf.Rect(72, 200, 300, 220)
    page.add_widget(widget)


PAGE_CASES = [
    (_box_over, "covered-text", Severity.FAIL),
    (_highlight, "covered-text", Severity.FAIL),
    (_image_over, "covered-text", Severity.FAIL),
    (_cross_hatch, "covered-text", Severity.FAIL),
    (_redact_annot, "unapplied-redaction", Severity.FAIL),
    (_text(color=(1, 1, 1)), "low-contrast-text", Severity.FAIL),
    (_text(render_mode=3), "invisible-text", Severity.FAIL),
    (_zero_opacity, "transparent-text", Severity.FAIL),
    (_text(point=(72, 900)), "off-page-text", Severity.FAIL),
    (_text(fontsize=0.5), "tiny-text", Severity.FAIL),
    (_under_image, "text-under-image", Severity.WARN),
    (_ocr_layer, "ocr-layer", Severity.WARN),
    (_ocr_under_box, "ocr-under-redaction", Severity.FAIL),
    (_hidden_layer, "layers", Severity.FAIL),
    (_form_field, "form-fields", Severity.FAIL),
    (lambda d, p: d.embfile_add("note.txt", b"secret"), "embedded-files", Severity.FAIL),
    (lambda d, p: _add_js(d), "javascript", Severity.FAIL),
    (
        lambda d, p: p.insert_link(
            {"kind": pymupdf.LINK_URI, "from": pymupdf.Rect(72, 60, 200, 75), "uri": "mailto:e.p@example.org"}
        ),
        "links",
        Severity.FAIL,
    ),
    (
        lambda d, p: d.set_page_labels([{"startpage": 0, "prefix": "Pritchard-", "style": "D"}]),
        "page-labels",
        Severity.WARN,
    ),
    (lambda d, p: d.set_toc([[1, "Eleanor Pritchard", 1]]), "outline", Severity.WARN),
    (lambda d, p: p.add_text_annot((100, 100), "Do not release"), "comments", Severity.FAIL),
    (lambda d, p: d.set_metadata({"author": "Eleanor Pritchard"}), "metadata", Severity.FAIL),
]


@pytest.mark.parametrize(("build", "code", "severity"), PAGE_CASES)
def test_each_leak_class_is_found_by_check(
    tmp_path: Path, build: Callable[[pymupdf.Document, pymupdf.Page], None], code: str, severity: Severity
) -> None:
    path = _save(_doc_with_secret(build), tmp_path / "leak.pdf")
    report = check_file(path)
    found = {(f.code, f.severity) for f in report.findings}
    assert (code, Severity(severity)) in found, report.findings
    assert report.passed is (Severity(severity) is Severity.WARN and all(s is Severity.WARN for _, s in found))


def test_clean_document_passes_check(tmp_path: Path) -> None:
    assert check_file(_save(_doc_with_secret(lambda d, p: None), tmp_path / "clean.pdf")).verdict == "pass"


def test_text_drawn_on_top_of_a_box_is_not_a_finding(tmp_path: Path) -> None:
    def label(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        page.draw_rect(pymupdf.Rect(70, 108, 130, 124), color=None, fill=(0, 0, 0))
        page.insert_text((80, 120), "s40(2)", fontsize=9, color=(1, 1, 1))

    report = check_file(_save(_doc_with_secret(label), tmp_path / "label.pdf"))
    assert report.passed and not [f for f in report.findings if f.code == "covered-text"]


def test_xmp_disagreeing_with_info_fails(tmp_path: Path) -> None:
    xmp = (
        "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
        "<rdf:Description xmlns:dc='http://purl.org/dc/elements/1.1/'><dc:title><rdf:Alt><rdf:li>HOLD until legal "
        "clears</rdf:li></rdf:Alt></dc:title></rdf:Description></rdf:RDF></x:xmpmeta>"
    )

    def build(doc: pymupdf.Document, page: pymupdf.Page) -> None:
        doc.set_metadata({"title": "Statement"})
        doc.set_xml_metadata(xmp)

    report = check_file(_save(_doc_with_secret(build), tmp_path / "xmp.pdf"))
    assert any(f.code == "xmp" and f.severity is Severity.FAIL and "disagrees" in f.message for f in report.findings)


def test_incremental_save_keeping_removed_text_fails(tmp_path: Path) -> None:
    path = _save(_doc_with_secret(_text()), tmp_path / "inc.pdf")
    doc = pymupdf.open(path)
    doc[0].add_redact_annot(pymupdf.Rect(60, 100, 400, 130))
    doc[0].apply_redactions()
    doc.save(path, incremental=True, encryption=pymupdf.PDF_ENCRYPT_KEEP)
    doc.close()
    report = check_file(path)
    assert any(f.code == "earlier-revision" and f.severity is Severity.FAIL for f in report.findings)


def test_unreadable_file_is_a_failure_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"this is not a pdf")
    report = check_file(path)
    assert not report.passed and report.findings[0].code == "unreadable"


def test_verify_output_flags_a_box_drawn_over_live_text(tmp_path: Path) -> None:
    path = _save(_doc_with_secret(_box_over), tmp_path / "ours.pdf")
    assert "covered-text" in codes(path)


def test_personal_data_left_visible_is_found(tmp_path: Path, loaded_config: object) -> None:
    path = write_lines(tmp_path / "pd.pdf", [["Dear Mr Jonathan Whitfield,", "Call me on 07700 900123."]])
    report = check_file(path, PersonalDataScanner())
    assert any(f.code == "personal-data" and f.severity is Severity.FAIL for f in report.findings)


@pytest.mark.parametrize(("build", "code", "severity"), PAGE_CASES)
def test_only_suspect_characters_are_judged_and_nothing_is_missed(
    monkeypatch: pytest.MonkeyPatch,
    build: Callable[[pymupdf.Document, pymupdf.Page], None],
    code: str,
    severity: Severity,
) -> None:
    """Our own outputs are checked by judging only what geometry makes suspect: the same findings."""
    doc = _doc_with_secret(build)
    data = doc.tobytes()
    with pymupdf.open(stream=data, filetype="pdf") as copy:
        quick = page_findings(copy[0], data, full=False)
        monkeypatch.setattr(_PageScan, "suspects", lambda scan: range(len(scan.chars)))
        every = page_findings(copy[0], data, full=False)
    doc.close()
    assert [(f.code, f.severity, f.message) for f in quick] == [(f.code, f.severity, f.message) for f in every]
    if code in ("covered-text", "low-contrast-text", "invisible-text", "transparent-text", "tiny-text"):
        assert code in {f.code for f in quick}  # what the page check itself reports
