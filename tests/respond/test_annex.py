"""The annex: built from facts and the reviewer's records, one section per exemption, never a withheld value."""

from __future__ import annotations

from datetime import date

import pytest

from redactor.config import LoadedConfig
from redactor.errors import ConfigError
from redactor.publish.annex import cell, render_annex, render_response_annex
from redactor.respond.facts import ReleasedDocument, ResponseFacts, WithheldDocument, WithheldItems
from redactor.respond.library import load_library
from redactor.respond.public_interest import PublicInterestRecord, QualifiedOpinion
from redactor.types import Action, Decision, DocumentResult, Finding, Status

NAMES = ("Ffion Invented", "Dafydd Madeup", "Osian Example")


def decision(value: str, exemption: str, category: str, keep: bool = False) -> Decision:
    finding = Finding(0, 0, len(value), "PERSON", value, 0.9, "Test", f"found {value}")
    action = Action.KEEP if keep else Action.REDACT
    return Decision("R1", finding, action, category, f"reason naming {value}", exemption)


def facts(*items: WithheldItems, whole: tuple[WithheldDocument, ...] = ()) -> ResponseFacts:
    return ResponseFacts((ReleasedDocument("a.pdf", 2, sum(i.items for i in items)),), whole, (), items)


def test_the_annex_written_with_the_run_covers_both_parts_of_section_40(loaded_config: LoadedConfig) -> None:
    results = [
        DocumentResult(
            "letters/a.pdf",
            Status.RELEASED,
            output_relpath="letters/a.pdf",
            pages=2,
            decisions=(
                decision(NAMES[0], "s40(2)", "Names of third parties"),
                decision(NAMES[1], "s40(2)", "Names of third parties"),
                decision(NAMES[2], "s40(1)", "Names of third parties"),
                decision("Example Council", "s40(2)", "Names of third parties", keep=True),
            ),
        ),
        DocumentResult("broken.pdf", Status.FAILED, reason="cannot open"),
        DocumentResult(".hidden", Status.SKIPPED),
    ]
    annex = render_annex(results, loaded_config.config.policy)
    assert "| Names of third parties: 2 item(s) in 1 document(s) | Section 40(2)" in annex
    assert "| Names of third parties: 1 item(s) in 1 document(s) | Section 40(1)" in annex
    for words in ("Legitimate interest", "Necessity", "Balancing", "subject access request"):
        assert words in annex
    assert "| letters/a.pdf | 2 | 3 |" in annex
    assert "1 document(s) have no decision yet" in annex  # the failed one; the hidden file is not a document
    for value in (*NAMES, "Example Council", "cannot open"):
        assert value not in annex


def test_exemptions_follow_the_library_order_and_only_those_used() -> None:
    annex = render_response_annex(
        facts(WithheldItems("s43(2)", "Prices", 2, 1), WithheldItems("s40(2)", "Names of third parties", 3, 1)),
        load_library(),
        {},
    )
    sections = [line for line in annex.splitlines() if line.startswith("## Section")]
    assert sections == [
        "## Section 40(2): Personal information (third parties)",
        "## Section 43(2): Commercial interests",
    ]
    assert annex.index("| Names of third parties") < annex.index("| Prices")


def test_the_qualified_persons_opinion_and_the_words_as_written() -> None:
    record = PublicInterestRecord(
        "s36(2)(b)(ii)",
        release="Line one for release.\n\n- a point *as written*",
        withholding="Officials must be able to deliberate.",
        conclusion="Withhold.",
        opinion=QualifiedOpinion("the Permanent Secretary", date(2026, 10, 1)),
    )
    annex = render_response_annex(
        facts(whole=(WithheldDocument("drafts/options.pdf", "s36(2)(b)(ii)", 4),)),
        load_library(),
        {"s36(2)(b)(ii)": record},
    )
    assert "Line one for release.\n\n- a point *as written*" in annex
    assert (
        "qualified person (the Permanent Secretary) on which this exemption rests was given on 1 October 2026" in annex
    )
    assert "#### In favour of withholding\n\nOfficials must be able to deliberate." in annex
    assert "TO COMPLETE" not in annex


def test_an_unknown_exemption_is_refused_with_the_way_out() -> None:
    with pytest.raises(ConfigError, match="add it to your own exemptions file"):
        render_response_annex(facts(WithheldItems("s99(9)", "Things", 1, 1)), load_library(), {})


def test_table_cells_cannot_break_the_table() -> None:
    assert cell("a|b\nc") == "a\\|b c"
    annex = render_response_annex(facts(whole=(WithheldDocument("odd|name.pdf", "s21", 1),)), load_library(), {})
    assert "| The whole of odd\\|name.pdf (1 page(s)) | Section 21: Information accessible" in annex


def test_a_welsh_annex() -> None:
    annex = render_response_annex(
        facts(
            WithheldItems("s40(2)", "Names of third parties", 1, 1),
            WithheldItems("s43(2)", "Prices", 1, 1),
            WithheldItems("s31", "Patrol times", 1, 1),
        ),
        load_library(),
        {},
        language="cy",
    )
    for phrase in (
        "# Atodiad",
        "Gwybodaeth sy'n cael ei hatal",
        "Adran 40(2)",
        "Buddiant dilys",
        "Prawf budd y cyhoedd",
    ):
        assert phrase in annex, phrase
    assert "Adran 43(2): Buddiannau masnachol" in annex and "Mae adran 43(2) yn eithrio" in annex
    # s31 has no Welsh text in the library: its English explanation is marked for translation.
    assert "Section 31 exempts" in annex and "I'W GWBLHAU CYN ANFON: cyfieithu i'r Gymraeg" in annex


def test_regulation_13_walks_the_same_test_under_the_regulations() -> None:
    annex = render_response_annex(facts(WithheldItems("reg13", "Names of third parties", 2, 1)), load_library(), {})
    assert "## Regulation 13: Personal data" in annex and "Necessity" in annex
    assert "regulation 13 requires us not to disclose" in annex
    assert "section 40" not in annex and "section reg13" not in annex
