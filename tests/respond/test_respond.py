"""The response pack from published outputs: facts, public interest records, the letter (Markdown and PDF).

The output folders here are written by hand in the published log format, with invented names,
so that each test states exactly what was decided.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pymupdf
import pytest
from click.testing import CliRunner

from redactor.cli import main
from redactor.errors import ConfigError, ExitCode
from redactor.publish.annex import annex_from_outputs
from redactor.respond.facts import OutputsError, read_facts
from redactor.respond.letter import LetterRequest, load_response_config, render_letter, write_response
from redactor.respond.library import load_library
from redactor.respond.public_interest import (
    PublicInterestError,
    QualifiedOpinion,
    missing_public_interest,
    parse_record,
    public_interest_problems,
    public_interest_template,
    read_public_interest,
    record_path,
    record_public_interest,
)

# Invented values standing for what was withheld: none may reach the letter or the annex.
WITHHELD_VALUES = (
    "Gwenllian Example-Parry",
    "gwen.parry@example.net",
    "07700 900123",
    "Project Nightjar unit price 41.7",
    "Tomos Invented",
)
PI_43 = """\
# Public interest test: section 43(2)

## In favour of release
Openness about how the council spends public money on the Example Road bridge.

## In favour of withholding
The supplier's unit prices would let competitors undercut it in the retender this spring.

## Conclusion
The balance favours withholding the unit prices while the retender is open.
"""
PI_35 = PI_43.replace("section 43(2)", "section 35(1)(a)").replace(
    "The balance favours", "Policy on bridge funding is still being formed, so the balance favours"
)


def redaction(exemption: str, category: str, text: str, page: int = 1) -> dict[str, Any]:
    return {
        "id": f"R{abs(hash(text)) % 10000:04d}",
        "page": page,
        "rects": [[72.0, 72.0, 150.0, 84.0]],
        "entity_type": "PERSON",
        "text": text,
        "decision": "redact",
        "exemption": exemption,
        "category": category,
        "reason": f"withheld: {text}",  # the internal log may hold the value anywhere
    }


def write_out(root: Path, documents: list[dict[str, Any]]) -> Path:
    """An output folder: summary.json and one log per document, in the published format."""
    entries = []
    for doc in documents:
        relpath, status = doc["input"], doc.get("status", "released")
        log_rel = f"logs/{relpath}.json"
        log = {
            "log_version": 1,
            "document": {"input": relpath, "pages": doc.get("pages", 2)},
            "status": status,
            "redactions": doc.get("redactions", []),
            "kept": [],
        }
        if "withheld" in doc:
            log["withheld"] = doc["withheld"]
        path = root / log_rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(log), encoding="utf-8")
        entries.append(
            {
                "input": relpath,
                "status": status,
                "output": f"released/{relpath}" if status == "released" else None,
                "log": log_rel,
            }
        )
    (root / "logs").mkdir(parents=True, exist_ok=True)
    (root / "logs" / "summary.json").write_text(json.dumps({"documents": entries}), encoding="utf-8")
    return root


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """Names under s40(2), the requester under s40(1), prices under s43(2), an assessment withheld in full."""
    return write_out(
        tmp_path / "out",
        [
            {
                "input": "letters/complaint.pdf",
                "redactions": [
                    redaction("s40(2)", "Names of third parties", WITHHELD_VALUES[0]),
                    redaction("s40(2)", "Personal contact details (e-mail addresses)", WITHHELD_VALUES[1]),
                    redaction("s40(1)", "Names of third parties", WITHHELD_VALUES[4]),
                ],
            },
            {
                "input": "contracts/quote.pdf",
                "redactions": [
                    redaction("s43(2)", "Commercially sensitive prices", WITHHELD_VALUES[3]),
                    redaction("s40(2)", "Personal contact details (telephone numbers)", WITHHELD_VALUES[2]),
                ],
            },
            {"input": "notes/public.pdf", "pages": 1},
            {
                "input": "policy/impact-assessment.pdf",
                "status": "withheld",
                "pages": 7,
                "withheld": {"exemption": "s35(1)(a)", "reason": "draft policy advice"},
            },
            {"input": ".labels.json", "status": "skipped"},
        ],
    )


def request(**kw: Any) -> LetterRequest:
    return LetterRequest(
        reference="FOI-2026-0042",
        received=date(2026, 11, 3),
        request_text=kw.pop("text", "All correspondence about the Example Road bridge since 1 January 2026."),
        letter_date=date(2026, 11, 29),
        **kw,
    )


def test_facts_come_from_the_logs(bundle: Path) -> None:
    facts = read_facts(bundle)
    assert [d.relpath for d in facts.released] == ["letters/complaint.pdf", "contracts/quote.pdf", "notes/public.pdf"]
    assert [(w.relpath, w.exemption, w.pages) for w in facts.withheld_whole] == [
        ("policy/impact-assessment.pdf", "s35(1)(a)", 7)
    ]
    assert facts.documents == 4 and not facts.undecided
    assert set(facts.exemptions) == {"s40(2)", "s40(1)", "s43(2)", "s35(1)(a)"}
    assert facts.items_under("s40(2)") == 3 and facts.documents_under("s40(2)") == 2


def test_facts_refuse_a_folder_without_logs_and_a_withheld_document_without_exemption(tmp_path: Path) -> None:
    with pytest.raises(OutputsError, match="redact INBOX OUT"):
        read_facts(tmp_path)
    out = write_out(tmp_path / "o", [{"input": "a.pdf", "status": "withheld"}])
    with pytest.raises(OutputsError, match="names no exemption"):
        read_facts(out)


def test_a_record_keeps_the_words_and_reads_back(bundle: Path) -> None:
    path = record_public_interest(bundle, "s43(2)", PI_43)
    assert path == bundle / "review" / "public-interest" / "s43-2.md"
    record = read_public_interest(bundle)["s43(2)"]
    assert (
        record.withholding
        == "The supplier's unit prices would let competitors undercut it in the retender this spring."
    )
    assert record.release.startswith("Openness about") and record.conclusion.startswith("The balance")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (PI_43.replace("## Conclusion", "## Summary"), "Conclusion"),
        (
            PI_43.replace("Openness about how the council spends public money on the Example Road bridge.", ""),
            "release",
        ),
        (PI_43 + "\n## Conclusion\nagain\n", "twice"),
        ("Some words first.\n" + PI_43, "before the first heading"),
    ],
)
def test_a_malformed_record_is_refused(bundle: Path, text: str, message: str) -> None:
    with pytest.raises(PublicInterestError, match=message):
        record_public_interest(bundle, "s43(2)", text)
    assert not record_path(bundle, "s43(2)").exists()


def test_prompts_never_count_as_arguments(bundle: Path) -> None:
    template = public_interest_template("s43(2)")
    assert "In favour of release" in template and "openness" in template.lower()
    with pytest.raises(PublicInterestError, match="missing or empty"):
        parse_record("s43(2)", template)


def test_absolute_exemptions_have_no_public_interest_test(bundle: Path) -> None:
    with pytest.raises(PublicInterestError, match="absolute"):
        record_public_interest(bundle, "s40(2)", PI_43)
    with pytest.raises(ConfigError, match="not in the exemption library"):
        record_public_interest(bundle, "s99", PI_43)


def test_section_36_needs_the_qualified_persons_opinion(bundle: Path) -> None:
    with pytest.raises(PublicInterestError, match="qualified person"):
        record_public_interest(bundle, "s36(2)(c)", PI_43)
    opinion = QualifiedOpinion("the Permanent Secretary", date(2026, 11, 20))
    record_public_interest(bundle, "s36(2)(c)", PI_43, opinion=opinion)
    assert read_public_interest(bundle)["s36(2)(c)"].opinion == opinion
    written = (
        PI_43 + "\n## Qualified person's opinion\nQualified person: the Chief Executive\nDate of opinion: 2026-11-21\n"
    )
    record = parse_record("s36(2)(b)(i)", written, needs_opinion=True)
    assert record.opinion == QualifiedOpinion("the Chief Executive", date(2026, 11, 21))
    blank = written.replace("Qualified person: the Chief Executive", "Qualified person: ")
    with pytest.raises(PublicInterestError, match="Qualified person: WHO"):
        parse_record("s36(2)(b)(i)", blank, needs_opinion=True)


def test_missing_public_interest_until_each_is_written(bundle: Path) -> None:
    assert missing_public_interest(bundle) == ["s43(2)", "s35(1)(a)"]
    record_public_interest(bundle, "s43(2)", PI_43)
    assert missing_public_interest(bundle) == ["s35(1)(a)"]
    record_path(bundle, "s35(1)(a)").write_text("## In favour of release\nonly this\n", encoding="utf-8")
    assert missing_public_interest(bundle) == ["s35(1)(a)"]  # a malformed file is not a record
    assert public_interest_problems(bundle) == [
        (
            "s35(1)(a)",
            f"{record_path(bundle, 's35(1)(a)')}: the public interest test for s35(1)(a) needs words "
            "under each heading: '## In favour of withholding', '## Conclusion' is missing or empty",
        )
    ]
    record_public_interest(bundle, "s35(1)(a)", PI_35)
    assert missing_public_interest(bundle) == [] and public_interest_problems(bundle) == []


def test_the_annex_prints_the_reviewers_words_or_a_marked_placeholder(bundle: Path) -> None:
    record_public_interest(bundle, "s43(2)", PI_43)
    annex = annex_from_outputs(bundle)
    assert "## Section 43(2): Commercial interests" in annex
    assert "The supplier's unit prices would let competitors undercut it in the retender this spring." in annex
    assert "## Section 35(1)(a): Formulation or development of government policy" in annex
    assert (
        "[TO COMPLETE BEFORE SENDING: the public interest test for section 35(1)(a) has not been recorded. "
        "Write it in OUT/review/public-interest/s35-1-a.md.]"
    ) in annex
    assert "| The whole of policy/impact-assessment.pdf (7 page(s)) | Section 35(1)(a)" in annex
    assert "subject access request" in annex and "Necessity" in annex  # s40(1) and the s40(2) test
    assert annex.count("### The public interest test") == 2  # only the qualified exemptions


def _letter_and_annex(out: Path, **kw: Any) -> tuple[str, str]:
    library = load_library()
    return render_letter(
        read_facts(out), library, read_public_interest(out, library), load_response_config(), request(**kw)
    )


def test_the_letter_says_what_was_decided(bundle: Path) -> None:
    letter, _ = _letter_and_annex(bundle)
    assert "# Request for information: FOI-2026-0042" in letter
    assert "> All correspondence about the Example Road bridge since 1 January 2026." in letter
    assert "received on 3 November 2026" in letter and "Date: 29 November 2026" in letter
    assert "We hold information" in letter and "We identified 4 document(s)" in letter
    assert "- Released in full: 1 document(s)." in letter
    assert "- Released with some information withheld: 2 document(s)." in letter
    assert "- Withheld in full: 1 document(s)." in letter
    assert "- Section 40(2): Personal information (third parties) — 3 item(s) in 2 document(s)" in letter
    assert (
        "- Section 35(1)(a): Formulation or development of government policy — 1 document(s) withheld in full" in letter
    )
    assert "- policy/impact-assessment.pdf (section 35(1)(a))" in letter
    assert "within 40 working days" in letter and "Wycliffe House" in letter and "SK9 5AF" in letter
    assert "https://ico.org.uk/" in letter


def test_the_letter_says_nothing_the_outputs_do_not_support(tmp_path: Path) -> None:
    only_names = write_out(
        tmp_path / "a", [{"input": "a.pdf", "redactions": [redaction("s40(2)", "Names of third parties", "X Y")]}]
    )
    letter, annex = _letter_and_annex(only_names)
    both = letter + annex
    for absent in ("40(1)", "43(2)", "35(1)", "in full", "### The public interest test", "subject access"):
        assert absent not in both, absent
    headings = re.findall(r"^## (Section [^:]+):", annex, re.MULTILINE)
    assert headings == ["Section 40(2)"]

    nothing = write_out(tmp_path / "b", [{"input": "a.pdf"}])
    letter, annex = _letter_and_annex(nothing)
    assert "nothing has been withheld" in letter and "following exemptions" not in letter
    assert "| None | |" in annex and "## Section" not in annex

    empty = write_out(tmp_path / "c", [])
    letter, _ = _letter_and_annex(empty)
    assert "We do not hold information" in letter and "We hold information" not in letter

    undecided = write_out(tmp_path / "d", [{"input": "a.pdf", "status": "needs_review"}])
    letter, annex = _letter_and_annex(undecided)
    assert "[TO COMPLETE BEFORE SENDING: 1 document(s) have no decision yet" in letter
    assert "[TO COMPLETE BEFORE SENDING: 1 document(s)" in annex


# Ligatures expanded ("fi", not U+FB01), so that a search for a value cannot miss it.
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP


def _pdf_text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return "\n".join(page.get_text(flags=TEXT_FLAGS) for page in doc)


def test_no_withheld_value_reaches_the_response(bundle: Path) -> None:
    record_public_interest(bundle, "s43(2)", PI_43)
    pack = write_response(bundle, request())
    texts = [pack.markdown.read_text(encoding="utf-8"), pack.annex.read_text(encoding="utf-8"), _pdf_text(pack.pdf)]
    for text in texts:
        for value in WITHHELD_VALUES:
            assert value not in text and value.lower() not in text.lower(), value
    assert "draft policy advice" not in texts[0]  # the reviewer's internal reason stays in the log


def test_the_pdf_layout_holds(bundle: Path, tmp_path: Path) -> None:
    long_request = "\n".join(
        f"{i}. Every record of inspection number {i} of the Example Road bridge." for i in range(60)
    )
    pack = write_response(bundle, request(text=long_request))
    with pymupdf.open(pack.pdf) as doc:
        assert 3 <= len(doc) <= 12  # the letter runs over pages, then the annex starts a page of its own
        annex_starts = [i for i, page in enumerate(doc) if "Annex: information withheld" in page.get_text()]
        assert annex_starts and doc[annex_starts[0]].get_text().lstrip().startswith("Annex")
        for page in doc:
            r = page.rect
            inside = pymupdf.Rect(r.x0 + 20, r.y0 + 20, r.x1 - 20, r.y1 - 20)  # within the margins, not only the paper
            for x0, y0, x1, y1, text, *_ in page.get_text("words"):
                assert pymupdf.Rect(x0, y0, x1, y1) in inside, (page.number, text)
            pixmap = page.get_pixmap(dpi=40)
            assert len(set(pixmap.samples)) > 1  # something is drawn on every page
    assert "Wycliffe House" in _pdf_text(pack.pdf)


def test_a_welsh_letter_when_the_body_configures_it(bundle: Path, tmp_path: Path) -> None:
    own = tmp_path / "response.yaml"
    own.write_text(
        "language: cy\nbody:\n  name: Cyngor Sir Enghraifft\n  unit: Uned Hawliau Gwybodaeth\n"
        "  address: [Swyddfeydd y Cyngor, Stryd yr Enghraifft, Tref Enghraifft, EX1 1EX]\n"
        "  email: rhyddid.gwybodaeth@example.gov.uk\n",
        encoding="utf-8",
    )
    pack = write_response(bundle, request(addressee="Mr Ŵyn Invented"), response_file=own)
    letter = pack.markdown.read_text(encoding="utf-8")
    for phrase in (
        "Annwyl Mr Ŵyn Invented,",
        "Tachwedd 2026",
        "Y camau nesaf",
        "Swyddfa'r Comisiynydd Gwybodaeth",
        "adolygiad mewnol",
        "Yn gywir,",
        "Buddiant dilys",
    ):
        assert phrase in letter, phrase
    assert "Buddiannau masnachol" in letter and "cyfieithu" not in letter  # the library's Welsh texts
    assert "| Enwau trydydd partïon: nifer yr eitemau: 1" in letter  # the categories' Welsh names
    assert "Ŵyn" in _pdf_text(pack.pdf)  # the PDF's fonts carry Welsh letters


def test_the_response_configuration_is_validated(tmp_path: Path) -> None:
    own = tmp_path / "response.yaml"
    own.write_text("language: cy\nbody:\n  nmae: typo\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="nmae"):
        load_response_config(own)
    own.write_text("language: fr\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="language"):
        load_response_config(own)


def test_letter_command_fails_until_complete(bundle: Path, tmp_path: Path) -> None:
    request_file = tmp_path / "request.txt"
    request_file.write_text("All correspondence about the Example Road bridge.\n", encoding="utf-8")
    own = tmp_path / "body.yaml"
    own.write_text(
        "body:\n  name: Example Borough Council\n  unit: Information Rights Team\n"
        "  address: [Town Hall, Example Street, Exampleton, EX1 1EX]\n  email: foi@example.gov.uk\n",
        encoding="utf-8",
    )
    args = ["letter", str(bundle), "--reference", "FOI-1", "--received", "2026-11-03", "--request", str(request_file)]
    args += ["--response-config", str(own), "--dear", "Requester"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == ExitCode.NEEDS_REVIEW, result.output
    assert "s43(2)" in result.output and "s35(1)(a)" in result.output
    assert (bundle / "response.md").is_file() and (bundle / "response.pdf").is_file()
    started = record_path(bundle, "s43(2)").read_text(encoding="utf-8")
    assert "## In favour of withholding" in started and "<!--" in started  # the template, prompts as comments
    assert "s43-2.md" in result.output
    record_public_interest(bundle, "s43(2)", PI_43)
    record_public_interest(bundle, "s35(1)(a)", PI_35)
    result = CliRunner().invoke(main, args)
    assert result.exit_code == ExitCode.OK, result.output
    assert "[TO COMPLETE" not in (bundle / "response.md").read_text(encoding="utf-8")
    bad = CliRunner().invoke(main, ["letter", str(bundle), "--reference", "X", "--received", "3/11/2026"])
    assert bad.exit_code == ExitCode.USAGE and "YYYY-MM-DD" in bad.output


def test_names_and_paths_are_printed_as_written(tmp_path: Path) -> None:
    out = write_out(
        tmp_path / "o", [{"input": "drafts/*options*_v2.pdf", "status": "withheld", "withheld": {"exemption": "s22"}}]
    )
    letter, _ = _letter_and_annex(out, text="Please send *all* notes_2026.")
    assert "- drafts/\\*options\\*\\_v2.pdf (section 22)" in letter
    assert "> Please send \\*all\\* notes\\_2026." in letter
    pack = write_response(out, request(text="Please send *all* notes_2026."))
    text = _pdf_text(pack.pdf)
    assert "drafts/*options*_v2.pdf" in text and "Please send *all* notes_2026." in text


def test_the_word_document_holds_the_letter_and_annex(bundle: Path) -> None:
    record_public_interest(bundle, "s43(2)", PI_43)
    pack = write_response(bundle, request(addressee="Requester"))
    document = docx.Document(str(pack.docx))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    text = "\n".join(paragraphs + cells)
    assert "Request for information: FOI-2026-0042" in paragraphs
    assert "Annex: information withheld and the exemptions applied" in paragraphs
    assert "Section 35(1)(a): Formulation or development of government policy" in cells
    assert "The supplier's unit prices would let competitors undercut it in the retender this spring." in paragraphs
    assert "Wycliffe House" in text and "Dear Requester," in paragraphs
    for value in WITHHELD_VALUES:
        assert value not in text, value


def test_welsh_headings_are_read_too() -> None:
    record = parse_record(
        "s43(2)",
        "## O blaid rhyddhau\nTryloywder.\n## O blaid cadw’r eithriad\nNiwed masnachol.\n## Casgliad:\nAtal.\n",
    )
    assert (record.release, record.withholding, record.conclusion) == ("Tryloywder.", "Niwed masnachol.", "Atal.")


def test_an_eir_response_cites_the_regulations(tmp_path: Path) -> None:
    out = write_out(
        tmp_path / "o", [{"input": "a.pdf", "redactions": [redaction("reg12(5)(e)", "Commercial terms", "Z")]}]
    )
    letter, annex = _letter_and_annex(out)
    assert "**Environmental Information Regulations 2004**" in letter and "Freedom of Information Act" not in letter
    assert "following exceptions" in letter
    assert "## Regulation 12(5)(e): Confidentiality of commercial or industrial information" in annex
