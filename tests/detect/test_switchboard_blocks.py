"""A "Tel:" line in a contact block headed by an organisation is its switchboard (invented text)."""

from __future__ import annotations

from redactor.detect.recognizers import (
    CuedPhoneRecognizer,
    FilteredSpacyRecognizer,
    GivenNameRecognizer,
    LabelledFieldRecognizer,
)


def phones(text: str) -> dict[str, float]:
    results = LabelledFieldRecognizer().analyze(text, ["PHONE_NUMBER"], None)
    return {text[r.start : r.end]: r.score for r in results}


def test_a_line_under_an_organisation_heading_is_kept() -> None:
    text = "Thanks,\nAnna\n\nQuillby Research Centre (QRC)\n7 Fenwick Avenue, Quillby\nTel: +34 91 555 01 23\n"
    (score,) = phones(text).values()
    assert score < 0.5


def test_a_public_body_heading_is_kept_too() -> None:
    text = "Quillby County Council\nCounty Hall\nTel: 01632 960 123\n"
    assert phones(text) == {"01632 960 123": 0.35}


def test_a_block_headed_by_a_person_keeps_her_line_personal() -> None:
    text = "Anna Pengelly\nQuillby County Council\nTel: 01632 960 123\n"
    assert phones(text) == {"01632 960 123": 0.9}


def test_a_mobile_under_an_organisation_is_still_personal() -> None:
    text = "Quillby Research Centre (QRC)\nMobile: +34 655 01 23 45\n"
    assert list(phones(text).values()) == [0.9]


def test_a_heading_above_a_blank_line_does_not_count() -> None:
    text = "Quillby County Council\n\nTel: 01632 960 123\n"
    assert list(phones(text).values()) == [0.9]


def test_a_foreign_switchboard_under_an_acronym_heading_is_not_cued_as_personal() -> None:
    text = "Quillby Research Centre (QRC)\n7 Fenwick Avenue, Quillby\nTel: +34 91 555 01 23\n"
    assert CuedPhoneRecognizer().analyze(text, ["PHONE_NUMBER"], None) == []
    alone = "Anna Pengelly\nTel: +34 91 555 01 23\n"
    assert len(CuedPhoneRecognizer().analyze(alone, ["PHONE_NUMBER"], None)) == 1


def test_a_given_name_after_a_street_type_written_first_is_a_street() -> None:
    for text in ("Av. Isaac Newton, 7\n08860 Quillby", "12 Rue Isaac Hugo, Quillby"):
        assert GivenNameRecognizer().analyze(text, ["PERSON"], None) == []
    (person,) = GivenNameRecognizer().analyze("We met Isaac Newton there.", ["PERSON"], None)
    assert person.end - person.start == len("Isaac Newton")


def test_the_model_s_name_after_a_street_type_is_vetoed() -> None:
    veto = FilteredSpacyRecognizer()._veto
    text = "Av. Isaac Newton, 7\nQuillby"
    assert veto(text, text.index("Isaac"), text.index(",")) is not None
    prose = "We wrote to Isaac Newton about it."
    assert veto(prose, prose.index("Isaac"), prose.index(" about")) is None
