"""Decide: allow-list, thresholds, the requester's own data, released names, rectangles."""

from __future__ import annotations

import pytest

from redactor.config import LoadedConfig
from redactor.decide.policy import Policy, _phrase_pattern
from redactor.types import Action, Document, Finding, PageText


def page_of(text: str) -> PageText:
    boxes = tuple(None if c.isspace() else (float(i * 5), 10.0, float(i * 5 + 5), 20.0) for i, c in enumerate(text))
    lines = tuple(-1 if c.isspace() else 1 for c in text)
    return PageText(0, text, boxes, lines, 600.0, 800.0)


def finding(text: str, value: str, entity: str = "PERSON", score: float = 0.85) -> Finding:
    start = text.index(value)
    return Finding(0, start, start + len(value), entity, value, score, "Test", "test")


def decide(loaded: LoadedConfig, text: str, *findings: Finding, requester: tuple[str, ...] = ()) -> list:  # type: ignore[type-arg]
    doc = Document("d.pdf", "0" * 64, (page_of(text),))
    return list(Policy(loaded, requester).decide(doc, findings))


def test_third_party_name_is_redacted_under_s40_2(loaded_config: LoadedConfig) -> None:
    text = "Complaint from Eleanor Pritchard."
    [d] = decide(loaded_config, text, finding(text, "Eleanor Pritchard"))
    assert d.action is Action.REDACT
    assert (d.exemption, d.condition) == ("s40(2)", "s40(3A)(a)")
    assert d.category == "Names of third parties"
    assert d.id.startswith("p1-")  # stable: see tests/test_review.py
    assert d.rects and d.rects[0][0] == text.index("Eleanor") * 5


def test_allow_listed_phrase_is_kept_with_a_reason(loaded_config: LoadedConfig) -> None:
    text = "A reply from the Welsh Government today."
    [d] = decide(loaded_config, text, finding(text, "Welsh Government"))
    assert d.action is Action.KEEP
    assert "allow-list" in d.reason and d.id.startswith("p1-")


def test_low_score_is_kept_for_review(loaded_config: LoadedConfig) -> None:
    text = "Reference AB12 CDE noted."
    [d] = decide(loaded_config, text, finding(text, "AB12 CDE", "UK_VEHICLE_REGISTRATION", 0.35))
    assert d.action is Action.KEEP and "below" in d.reason


def test_requester_name_is_s40_1(loaded_config: LoadedConfig) -> None:
    text = "Dear Mr Gareth Jones, and Eleanor Pritchard"
    decisions = decide(
        loaded_config,
        text,
        finding(text, "Gareth Jones"),
        finding(text, "Eleanor Pritchard"),
        requester=("Gareth Jones",),
    )
    by_text = {d.finding.text: d for d in decisions}
    assert by_text["Gareth Jones"].exemption == "s40(1)"
    assert by_text["Gareth Jones"].condition is None
    assert by_text["Eleanor Pritchard"].exemption == "s40(2)"


def test_finding_inside_a_redaction_is_not_logged_twice(loaded_config: LoadedConfig) -> None:
    text = "Resident: Mrs Eleanor Pritchard, 14 Heol y Deri"
    decisions = decide(loaded_config, text, finding(text, "Eleanor Pritchard"), finding(text, "Pritchard", score=0.9))
    assert [d.finding.text for d in decisions] == ["Eleanor Pritchard"]


def test_redaction_inside_a_kept_finding_survives(loaded_config: LoadedConfig) -> None:
    text = "Note by Eleanor Pritchard Head"
    wide = finding(text, "Eleanor Pritchard Head", score=0.4)
    narrow = finding(text, "Eleanor Pritchard", score=0.9)
    decisions = decide(loaded_config, text, wide, narrow)
    assert {(d.finding.text, d.action) for d in decisions} == {
        ("Eleanor Pritchard Head", Action.KEEP),
        ("Eleanor Pritchard", Action.REDACT),
    }


# --------------------------------------------------------------------------------------
# Allow-list: compiled into one trie regex; "&" and diacritic-free forms match too
# --------------------------------------------------------------------------------------


def test_allow_list_matches_variants() -> None:
    pattern = _phrase_pattern(["Cardiff and Vale University Health Board", "Cyngor Sir Ynys Môn", "Welsh Government"])
    assert pattern is not None
    for text in (
        "Cardiff & Vale University Health Board",
        "cardiff and vale university\nhealth board",
        "Cyngor Sir Ynys Mon",
        "Cyngor Sir Ynys Môn",
    ):
        assert [m.group() for m in pattern.finditer(f"To {text}.")] == [text]
    assert [m.group() for m in pattern.finditer("Welsh Governments")] == []  # whole words only
    assert _phrase_pattern([]) is None


def test_allow_list_prefers_the_longest_phrase() -> None:
    pattern = _phrase_pattern(["Information Commissioner", "Information Commissioner's Office"])
    assert pattern is not None
    assert [m.group() for m in pattern.finditer("the Information Commissioner’s Office said")] == [
        "Information Commissioner’s Office"
    ]


def test_welsh_organisations_are_allow_listed(loaded_config: LoadedConfig) -> None:
    text = "Cyngor Caerdydd and Cyfoeth Naturiol Cymru and Bwrdd Iechyd Prifysgol Caerdydd a'r Fro"
    decisions = decide(
        loaded_config,
        text,
        finding(text, "Cyngor Caerdydd"),
        finding(text, "Cyfoeth Naturiol"),
        finding(text, "Caerdydd a'r Fro"),
    )
    assert all(d.action is Action.KEEP for d in decisions)


# --------------------------------------------------------------------------------------
# Published addresses of public bodies
# --------------------------------------------------------------------------------------


def _actions(loaded: LoadedConfig, text: str, *values: tuple[str, str]) -> dict[str, Action]:
    found = [finding(text, v, entity) for v, entity in values]
    return {d.finding.text: d.action for d in decide(loaded, text, *found)}


def test_letterhead_address_is_kept(loaded_config: LoadedConfig) -> None:
    text = "Swansea Council\nCivic Centre, Oystermouth Road, Swansea SA1 3SN\n\nDear Mrs Jones,"
    got = _actions(
        loaded_config, text, ("Civic Centre, Oystermouth Road", "STREET_ADDRESS"), ("SA1 3SN", "UK_POSTCODE")
    )
    assert got == {"Civic Centre, Oystermouth Road": Action.KEEP, "SA1 3SN": Action.KEEP}


def test_public_address_in_prose_is_kept(loaded_config: LoadedConfig) -> None:
    text = "by writing to Natural Resources Wales, Cambria House, 29 Newport Road, Cardiff CF24 0XX, quoting"
    got = _actions(loaded_config, text, ("29 Newport Road", "STREET_ADDRESS"), ("CF24 0XX", "UK_POSTCODE"))
    assert set(got.values()) == {Action.KEEP}
    [d] = decide(loaded_config, text, finding(text, "29 Newport Road", "STREET_ADDRESS"))
    assert "published address" in d.reason


@pytest.mark.parametrize(
    "text",
    [
        # a label between the body and the address
        "Cardiff Council\nAddress: 14 Heol y Deri, Cardiff CF14 3AB",
        # prose: the resident's own home
        "I wrote to Cardiff Council about my home at 14 Heol y Deri, Cardiff CF14 3AB",
        # a person between the body and the address
        "Cardiff Council\nMrs Siân Jones\n14 Heol y Deri\nCardiff CF14 3AB",
        # a blank line between the letterhead and the resident's address
        "Cardiff Council\nCounty Hall\n\n14 Heol y Deri\nCardiff CF14 3AB",
    ],
)
def test_residents_address_near_a_public_body_is_redacted(loaded_config: LoadedConfig, text: str) -> None:
    got = _actions(loaded_config, text, ("14 Heol y Deri", "STREET_ADDRESS"), ("CF14 3AB", "UK_POSTCODE"))
    assert got == {"14 Heol y Deri": Action.REDACT, "CF14 3AB": Action.REDACT}


def test_person_between_body_and_address_found_by_detection(loaded_config: LoadedConfig) -> None:
    text = "Cardiff Council\nSiân Jones\n14 Heol y Deri"
    got = _actions(loaded_config, text, ("Siân Jones", "PERSON"), ("14 Heol y Deri", "STREET_ADDRESS"))
    assert got["14 Heol y Deri"] is Action.REDACT


# --------------------------------------------------------------------------------------
# Propagation: only what is redacted spreads; names are completed from their neighbours
# --------------------------------------------------------------------------------------


def test_kept_finding_does_not_propagate(loaded_config: LoadedConfig) -> None:
    text = "Cyngor Gwynedd welcomes letters. Gwynedd Council replied."
    decisions = decide(loaded_config, text, finding(text, "Cyngor Gwynedd"))
    assert [(d.finding.text, d.action) for d in decisions] == [("Cyngor Gwynedd", Action.KEEP)]


def test_recurrence_matches_either_apostrophe(loaded_config: LoadedConfig) -> None:
    text = "Mr O'Neill called. O’Neill said so."
    decisions = decide(loaded_config, text, finding(text, "O'Neill"))
    assert sorted(d.finding.text for d in decisions if d.action is Action.REDACT) == ["O'Neill", "O’Neill"]


def test_name_completed_from_a_known_surname(loaded_config: LoadedConfig) -> None:
    text = "I spoke to, Meiling\nLam, who said so. Ms Lam agreed. Later Meiling had left."
    lam = Finding(0, text.rindex("Lam"), text.rindex("Lam") + 3, "PERSON", "Lam", 0.85, "TitledNameRecognizer", "t")
    redacted = {d.finding.text for d in decide(loaded_config, text, lam) if d.action is Action.REDACT}
    assert "Meiling\nLam" in redacted and "Meiling" in redacted


@pytest.mark.parametrize(
    ("text", "recognizer"),
    [
        ("The report was late. When Lam called, Ms Lam agreed.", "TitledNameRecognizer"),  # sentence start
        ("Head of Grants Management\nLam", "TitledNameRecognizer"),  # a signature block line
        ("I spoke to Meiling Lam yesterday.", "FilteredSpacyRecognizer"),  # a statistical guess
    ],
)
def test_name_not_completed(loaded_config: LoadedConfig, text: str, recognizer: str) -> None:
    lam = Finding(0, text.rindex("Lam"), text.rindex("Lam") + 3, "PERSON", "Lam", 0.85, recognizer, "t")
    redacted = {d.finding.text for d in decide(loaded_config, text, lam) if d.action is Action.REDACT}
    assert redacted == {"Lam"}


@pytest.mark.parametrize(
    "text",
    [
        # a firm's letterhead, not on the allow-list
        "Quillfeather Widgets Ltd\nUnit 4\n12 Foundry Road\nNewtown AB1 2CD\n",
        # a printout with a blank line after every line, under a ministry's name
        "Thank you for your email.\n\nMinistry of Quills\n\nInk Building\n\n12 Foundry Road\n\nLondon\n\nAB1 2CD\n\n"
        "Please quote the reference.\n\nWe will reply soon.\n\nKind regards\n\n",
    ],
)
def test_address_block_under_a_body_or_firm_is_kept(loaded_config: LoadedConfig, text: str) -> None:
    got = _actions(loaded_config, text, ("12 Foundry Road", "STREET_ADDRESS"), ("AB1 2CD", "UK_POSTCODE"))
    assert got == {"12 Foundry Road": Action.KEEP, "AB1 2CD": Action.KEEP}
    [d] = decide(loaded_config, text, finding(text, "12 Foundry Road", "STREET_ADDRESS"))
    assert "published address of 'Quillfeather Widgets Ltd'" in d.reason or "Ministry of Quills" in d.reason


@pytest.mark.parametrize(
    "text",
    [
        # a person's name heads the block
        "Quillfeather Widgets Ltd\nMorwenna Trelawny\n12 Foundry Road\nNewtown AB1 2CD\n",
        # the body named in a sentence above a resident's address
        "I complained to the Quill Council about noise at my home:\n12 Foundry Road\nNewtown AB1 2CD\n",
    ],
)
def test_address_block_with_a_person_or_prose_is_not_a_body_s(loaded_config: LoadedConfig, text: str) -> None:
    person = [("Morwenna Trelawny", "PERSON")] if "Morwenna" in text else []
    got = _actions(loaded_config, text, *person, ("12 Foundry Road", "STREET_ADDRESS"), ("AB1 2CD", "UK_POSTCODE"))
    assert got["12 Foundry Road"] is Action.REDACT and got["AB1 2CD"] is Action.REDACT


# --------------------------------------------------------------------------------------
# Propagation needs evidence of a person when only the statistical model found the name
# --------------------------------------------------------------------------------------


def _spacy(text: str, value: str) -> Finding:
    start = text.index(value)
    return Finding(0, start, start + len(value), "PERSON", value, 0.85, "FilteredSpacyRecognizer", "spaCy")


def _outcome(decisions: list) -> list[tuple[str, Action, str]]:  # type: ignore[type-arg]
    return sorted((d.finding.text, d.action, d.finding.recognizer) for d in decisions)


def test_a_word_the_document_shows_is_an_organisation_does_not_spread(loaded_config: LoadedConfig) -> None:
    text = "Brickwell said no. Brickwell Industries PLC replied later; Brickwell agreed."
    decisions = decide(loaded_config, text, _spacy(text, "Brickwell"))
    assert [(t, a) for t, a, _ in _outcome(decisions)] == [
        ("Brickwell", Action.KEEP),
        ("Brickwell", Action.KEEP),
        ("Brickwell", Action.REDACT),
    ]
    kept = [d for d in decisions if d.action is Action.KEEP]
    assert all("statistical model" in d.reason for d in kept)


def test_a_word_also_written_in_lower_case_does_not_spread(loaded_config: LoadedConfig) -> None:
    text = "Fenwort is installed. The fenwort tool and Fenwort again."
    decisions = decide(loaded_config, text, _spacy(text, "Fenwort"))
    assert [a for _, a, _ in _outcome(decisions)] == [Action.KEEP, Action.REDACT]


def test_a_multi_word_guess_with_a_non_name_part_spreads_whole(loaded_config: LoadedConfig) -> None:
    text = "Quantix Forgemaster builds it. Quantix Forgemaster is slow; Forgemaster crashed; forgemaster runs."
    decisions = decide(loaded_config, text, _spacy(text, "Quantix Forgemaster"))
    assert [t for t, a, _ in _outcome(decisions) if a is Action.REDACT] == ["Quantix Forgemaster"] * 2


def test_a_multi_word_guess_with_no_counter_evidence_spreads_in_parts(loaded_config: LoadedConfig) -> None:
    text = "Faina Quillby wrote. Quillby then called."
    decisions = decide(loaded_config, text, _spacy(text, "Faina Quillby"))
    assert sorted(t for t, a, _ in _outcome(decisions) if a is Action.REDACT) == ["Faina Quillby", "Quillby"]


def test_a_first_name_with_no_counter_evidence_still_spreads(loaded_config: LoadedConfig) -> None:
    text = "Ottoline wrote to us. We thanked Ottoline."
    decisions = decide(loaded_config, text, _spacy(text, "Ottoline"))
    assert [a for _, a, _ in _outcome(decisions)] == [Action.REDACT, Action.REDACT]


def test_a_guess_with_a_known_given_name_spreads_in_parts(loaded_config: LoadedConfig) -> None:
    text = "Gareth Quillby wrote. Quillby then called."
    decisions = decide(loaded_config, text, _spacy(text, "Gareth Quillby"))
    assert sorted(t for t, a, _ in _outcome(decisions) if a is Action.REDACT) == ["Gareth Quillby", "Quillby"]


def test_a_lower_case_name_from_an_email_header_is_redacted(loaded_config: LoadedConfig) -> None:
    text = "From:\nidris vosper\nThanks, idris vosper"
    start = text.index("idris vosper")
    header = Finding(0, start, start + 12, "PERSON", "idris vosper", 0.6, "EmailDisplayNameRecognizer", "header")
    got = {(d.finding.start, d.action) for d in decide(loaded_config, text, header)}
    assert got == {(start, Action.REDACT), (text.rindex("idris vosper"), Action.REDACT)}
    [guess] = decide(loaded_config, "said idris vosper", finding("said idris vosper", "idris vosper"))
    assert guess.action is Action.KEEP  # the same words from any other recognizer are not a name


def test_a_lower_case_sign_off_matches_the_lower_case_header_name(loaded_config: LoadedConfig) -> None:
    text = "From: ozzy\nYours faithfully,\nOzzy Tregear\n...\nYours sincerely,\nozzy\n"
    header = finding(text, "ozzy")
    header = Finding(0, header.start, header.end, "PERSON", "ozzy", 0.6, "EmailDisplayNameRecognizer", "header")
    signed = finding(text, "Ozzy Tregear")
    decisions = decide(loaded_config, text, header, signed)
    assert sorted(d.finding.start for d in decisions if d.action is Action.REDACT and d.finding.text == "ozzy") == [
        text.index("ozzy"),
        text.rindex("ozzy"),
    ]


def test_a_senior_officials_name_is_proposed_as_released_for_a_reviewer_to_confirm(loaded_config: LoadedConfig) -> None:
    text = "Elen Dychmygol, Director of Finance, met Tomos Ffug.\nElen Dychmygol agreed."
    first = finding(text, "Elen Dychmygol")
    again = Finding(0, text.rindex("Elen"), text.rindex("Elen") + len("Elen Dychmygol"), "PERSON", "Elen Dychmygol",
                    0.85, "test", "")  # fmt: skip
    decisions = {(d.finding.text, d.finding.start): d for d in decide(loaded_config, text, first, again,
                                                                       finding(text, "Tomos Ffug"))}  # fmt: skip
    senior = decisions[("Elen Dychmygol", 0)]
    assert senior.action is Action.KEEP and senior.exemption is None and senior.flag
    assert "Director of Finance" in senior.reason
    other = decisions[("Elen Dychmygol", again.start)]  # the same name, the same way
    assert other.action is Action.KEEP and other.flag
    junior = decisions[("Tomos Ffug", text.index("Tomos"))]
    assert junior.action is Action.REDACT and junior.exemption == "s40(2)" and junior.flag is None


def test_the_requesters_own_name_stays_s40_1_beside_a_senior_role(loaded_config: LoadedConfig) -> None:
    text = "Elen Dychmygol, Director of Finance, wrote to us."
    (d,) = decide(loaded_config, text, finding(text, "Elen Dychmygol"), requester=("Elen Dychmygol",))
    assert d.action is Action.REDACT and d.exemption == "s40(1)" and d.flag is None
