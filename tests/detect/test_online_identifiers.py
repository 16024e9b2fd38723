"""Profile links and radio call signs (invented identifiers)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers import OnlineIdentifierRecognizer


def found(text: str) -> list[str]:
    results = OnlineIdentifierRecognizer().analyze(text, ["ONLINE_IDENTIFIER"], None)
    return [text[r.start : r.end] for r in results]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("LinkedIn: www.linkedin.com/in/quorin-ashdale-42", ["www.linkedin.com/in/quorin-ashdale-42"]),
        ("see https://uk.linkedin.com/pub/qashdale/ for more", ["https://uk.linkedin.com/pub/qashdale/"]),
        ("Best regards,\n\nQuorin\n\nResearcher, Fenwick Lab. GW7QXZ\n", ["GW7QXZ"]),
        ("73 de 2E0QXZ", ["2E0QXZ"]),
        ("my call sign: M0QXZ", ["M0QXZ"]),
    ],
)
def test_identifiers_are_found(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Follow us: www.linkedin.com/company/quillby-council",  # an organisation's page
        "We build B2B and P2P links with the GW7QXZ board in the lab today.",  # no signature
        "Regards,\nQuorin\nThe H2O level was fine",  # too short and not at a line end
        "Thanks,\nQuorin\n" + "\n" * 12 + "GW7QXZ",  # far below the sign-off
    ],
)
def test_organisation_pages_and_codes_elsewhere_are_not(text: str) -> None:
    assert found(text) == []
