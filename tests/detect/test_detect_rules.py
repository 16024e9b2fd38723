"""Rules added for real correspondence: each with invented names and addresses."""

from __future__ import annotations

from redactor.detect.recognizers import (
    CuedPhoneRecognizer,
    EmailDisplayNameRecognizer,
    ObfuscatedEmailRecognizer,
    TitledNameRecognizer,
)
from tests.detect.test_recognizers import spacy_found


def names(text: str) -> list[str]:
    results = TitledNameRecognizer().analyze(text, ["PERSON"])
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


def test_an_abbreviated_weekday_is_not_a_person() -> None:
    text = "On Fri, 3 Mar 2023 at 10:04, Quentin Marlowe wrote:"
    assert spacy_found(text, "Fri", "Quentin Marlowe") == ["Quentin Marlowe"]
    assert spacy_found("Sent: Thu 4 May", "Thu") == []


def test_a_shared_mailbox_in_a_from_line_is_not_a_person() -> None:
    assert names("From: Correspondence Box, Ministry of Quills\n") == []
    assert names("From: FOI Mailbox <foi@example.org>\n") == []
    assert names("From: Quentin Marlowe, Ministry of Quills\n") == ["Quentin Marlowe"]


def display_names(text: str) -> list[str]:
    results = EmailDisplayNameRecognizer().analyze(text, ["PERSON"])
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


def test_surname_first_display_names_in_an_address_list() -> None:
    text = (
        "To: Quillby, Morwenna J <m.quillby@example.org>, Tregear, A J (Ozzy) <oz@example.org>, Penhallow,\n"
        "Rhoswen <rp@example.org>, Vosper, Idris\nK <ik@example.org>, Zennor, Tamsin A\n<tz@example.org>"
    )
    assert display_names(text) == [
        "Quillby, Morwenna J",
        "Tregear, A J (Ozzy)",
        "Penhallow,\nRhoswen",
        "Vosper, Idris\nK",
        "Zennor, Tamsin A",
    ]


def test_quoted_dotted_and_lower_case_display_names() -> None:
    assert display_names("Cc: 'Morwenna Quillby' <mq@example.org>, tamsin.zennor <tz@example.org>") == [
        "Morwenna Quillby",
        "tamsin.zennor",
    ]
    assert display_names("From:\nidris vosper\nTo:\nQuillby, Morwenna <mq@example.org>\n") == [
        "idris vosper",
        "Quillby, Morwenna",
    ]


def test_display_names_of_mailboxes_and_lists_are_not_people() -> None:
    text = "From: Planning Team <planning@example.gov.uk>\nCc: Widget Users <widget-users@lists.example.org>"
    assert display_names(text) == []
    assert display_names("From: the support desk\n") == []
    assert display_names("Subject: see Quillby, Morwenna J <m@example.org> wrote") == []


def addresses(text: str) -> list[str]:
    results = ObfuscatedEmailRecognizer().analyze(text, ["EMAIL_ADDRESS"])
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


def test_obfuscated_addresses_are_found() -> None:
    assert addresses("| morwenna @ quillby.example |") == ["morwenna @ quillby.example"]
    assert addresses("write to tamsin (at) zennor (dot) example today") == ["tamsin (at) zennor (dot) example"]
    assert addresses("or idris.vosper at example.org") == ["idris.vosper at example.org"]
    assert addresses("or idris at example dot org") == ["idris at example dot org"]


def test_at_in_prose_and_organisational_addresses_are_not() -> None:
    assert addresses("please look at example.org for details") == []
    assert addresses("meet at 10 at example.org") == []
    assert addresses("foi @ council.example.gov.uk") == []


def test_a_spacy_name_inside_an_organisation_s_name_is_vetoed() -> None:
    text = "The Quill and Ink Anti Litter Association met."
    assert spacy_found(text, "Quill") == []
    assert spacy_found("Ask Morwenna Quillby and Tamsin today.", "Morwenna Quillby") == ["Morwenna Quillby"]


def test_camel_case_words_are_not_names() -> None:
    assert names("From: QuillFeatherMail\n") == []
    assert names("Regards,\nOzzy McTregear\n") == ["Ozzy McTregear"]


def test_a_title_in_capitals_needs_a_name_in_capitals() -> None:
    assert names("Saved in MS Quillsheet format.") == []
    assert names("MS MORWENNA QUILLBY, 12 High Street") == ["MORWENNA QUILLBY"]
    assert names("Letter to Ms Quillby.") == ["Quillby"]


def test_greetings_and_maintainers_are_not_names() -> None:
    assert names("Dear Maintainer,\n") == []
    assert names("Thanks,\nHello\n") == []


def test_header_people_named_again_in_the_body() -> None:
    text = (
        "From:\nOzzy Tregear <zennor@example.org>\nCc:\nmorwenna.quillby@example.org, foi@example.gov.uk\n"
        "Subject: a test\n\nUnless you are Morwenna, ignore this. Quillby agreed.\n\nThanks\n\nzennor\n-ozzy\n"
    )
    assert display_names(text) == ["Ozzy Tregear", "Morwenna", "Quillby", "zennor", "ozzy"]


def test_role_addresses_in_headers_give_no_names() -> None:
    text = "From:\nplanning.team@example.gov.uk\nSubject: x\n\nThe Planning team replied.\n\nplanning\n"
    assert display_names(text) == []


def test_firm_suffixes_and_job_words_veto_spacy_names() -> None:
    assert spacy_found("Ask QuillGrid SAS today.", "QuillGrid SAS") == []
    assert spacy_found("Tamsin Zennor, Lead Developer", "Developer") == []


def test_a_one_word_spacy_name_the_page_writes_in_lower_case_is_vetoed() -> None:
    text = "Quillsoft crashed again. Restart quillsoft and report."
    assert spacy_found(text, "Quillsoft") == []
    # a known given name, or a title, keeps it: people's names are written in lower case too
    assert spacy_found("Gareth called. gareth is away.", "Gareth") == ["Gareth"]
    assert spacy_found("Ms Quillby called. quillby is a word here.", "Quillby") == ["Quillby"]


def phones(text: str) -> list[str]:
    results = CuedPhoneRecognizer().analyze(text, ["PHONE_NUMBER"])
    return [text[r.start : r.end] for r in sorted(results, key=lambda r: r.start)]


def test_international_numbers_after_a_cue_in_a_signature() -> None:
    text = (
        "Thanks,\nMorwenna\n--\nMorwenna Quillby\n"
        "Tel: +31 20 555 0199\nMob: (33)6 55 01 02 03\nGSM: +31 - (0)6 - 55501234"
    )
    assert phones(text) == ["+31 20 555 0199", "(33)6 55 01 02 03", "+31 - (0)6 - 55501234"]
    assert phones("Phone: +1 (555) 010-4477 | M: +33 6 55 01 02 03") == ["+1 (555) 010-4477", "+33 6 55 01 02 03"]


def test_a_switchboard_under_a_firm_or_body_stays_and_uk_numbers_are_left_to_the_uk_rule() -> None:
    text = (
        "--\nQuillby Widgets SAS\n3 rue Example\n35000 Rennes, France\nTel : (33)2 55 01 02 03\nMob: (33)6 55 01 02 04"
    )
    assert phones(text) == ["(33)6 55 01 02 04"]
    assert phones("Ministry of Quills\nTel: +32 2 555 01 99") == []
    assert phones("Tel: 029 2018 0000") == []
    assert phones("Ref: 2023/0455 and order no: 12345678") == []
