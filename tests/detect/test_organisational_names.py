"""Names of lists, services and clocks that are not people's (invented names and addresses)."""

from __future__ import annotations

import pytest

from redactor.config import LoadedConfig
from redactor.detect.recognizers import (
    FilteredSpacyRecognizer,
    NhsNumberRecognizer,
    PersonalEmailRecognizer,
    TitledNameRecognizer,
)
from redactor.detect.recognizers.uk.nhs import in_issued_range
from redactor.types import Action
from tests.decide.test_decide import decide, finding


def titled_names(text: str) -> set[str]:
    return {text[r.start : r.end] for r in TitledNameRecognizer().analyze(text, ["PERSON"], None)}


def test_the_display_name_of_a_mailing_list_is_not_a_person() -> None:
    text = "Cc: Wenna Quillby <wenna@quillby.org>,\n    WOMBATFS <linux-wombatfs@lists.quillby.org>"
    assert titled_names(text) == {"Wenna Quillby"}


def test_a_person_writing_from_a_role_mailbox_keeps_her_name_personal() -> None:
    # People send from shared mailboxes under their own names: the name is still hers.
    text = "From: Cathy QUORIN <commercial@quillby.fr>"
    assert titled_names(text) == {"Cathy QUORIN"}
    assert PersonalEmailRecognizer().names_organisational_address(text, 6, 18) is None


def test_a_service_named_beside_its_role_mailbox_is_not_a_person() -> None:
    mailboxes = PersonalEmailRecognizer()
    # A printout wrapped the header line inside the display name.
    text = "To: 12345@bugs.quillby.org, Quillby Bug Tracking\nSystem <submit@bugs.quillby.org>"
    start = text.index("Quillby Bug")
    assert mailboxes.names_organisational_address(text, start, start + len("Quillby Bug Tracking")) is not None
    veto = FilteredSpacyRecognizer()._veto
    assert veto(text, start, start + len("Quillby Bug Tracking")) is not None


def test_a_given_name_beside_a_list_address_is_a_person() -> None:
    text = "From: Gareth Quillby <wombat-users@lists.quillby.org>"
    start = text.index("Gareth")
    assert PersonalEmailRecognizer().names_organisational_address(text, start, start + 14) is None


def test_a_job_title_line_under_a_name_is_not_part_of_it() -> None:
    veto = FilteredSpacyRecognizer()._veto
    text = "--\nMichael Quillby\nWombat man-pages maintainer; http://wombat.example/\n"
    start = text.index("Wombat")
    assert veto(text, start, start + len("Wombat"), continued=True) is not None
    # The same word as the first line of spaCy's finding, or before capitalised words, stands.
    assert veto(text, start, start + len("Wombat")) is None
    signed = "Regards,\nAnn\nQuillby\nPlanning Officer\n"
    start = signed.index("Quillby")
    assert veto(signed, start, start + len("Quillby"), continued=True) is None


@pytest.mark.parametrize(
    ("digits", "issued"),
    [
        ("4857773456", True),  # England and Wales
        ("6543210987", True),
        ("3301234567", True),  # Northern Ireland
        ("1503701234", True),  # Scotland's CHI: born 15 March 2001
        ("9991234567", True),  # the NHS's own range for examples
        ("1558028250", False),  # a Unix time in May 2019
        ("5123456789", False),
    ],
)
def test_issued_ranges(digits: str, issued: bool) -> None:
    assert in_issued_range(digits) is issued


def nhs_numbers(text: str) -> set[str]:
    return {text[r.start : r.end] for r in NhsNumberRecognizer().analyze(text, ["UK_NHS"], None)}


def test_a_clock_reading_that_passes_the_checksum_is_not_an_nhs_number() -> None:
    # 1558028250 passes the mod-11 checksum, as one ten-digit number in eleven does.
    assert NhsNumberRecognizer().validate_result("1558028250")
    assert nhs_numbers("After 100 seconds the device time is\n1558028250\n") == set()
    # Without a clock word, or spaced as the NHS prints it, it is still reported.
    assert nhs_numbers("Reference 1558028250 attached.") == {"1558028250"}
    assert nhs_numbers("The time given was 155 802 8250.") == {"155 802 8250"}


def test_an_issued_number_after_a_clock_word_is_still_reported() -> None:
    assert nhs_numbers("Seen at the time: 4010232137") == {"4010232137"}


def test_a_permanent_under_secretary_signing_is_a_senior_official(loaded_config: LoadedConfig) -> None:
    text = "Yours sincerely,\n\nQuentin Example-Quillby,\nPermanent Under-Secretary,\nDepartment for Wombats"
    (d,) = decide(loaded_config, text, finding(text, "Quentin Example-Quillby"))
    assert d.action is Action.KEEP and d.flag
    assert "Permanent Under-Secretary" in d.reason
