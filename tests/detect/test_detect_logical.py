"""Detection on logical text: items wrapped over a line break or a page break (invented text).

The detector runs the shipped recognizers over a fake NLP engine (tests/fakes/nlp.py): the
names "the model" tags are stated by each test, so what is tested is the reading across
breaks, not what a statistical model happens to tag.
"""

from __future__ import annotations

from typing import Any

from redactor.detect import logical
from redactor.types import Document, PageText

FILLER = "We have considered your request under the Act and the records we hold, and"


def page(number: int, text: str) -> PageText:
    lines, line = [], 0
    for char in text:
        lines.append(line)
        line += char == "\n"
    return PageText(number, text, tuple(None for _ in text), tuple(lines), 595.0, 842.0)


def test_running_text_is_joined_and_blocks_are_not() -> None:
    text = (
        f"{FILLER} the tenant living at 11\nPenrhyn Terrace, Llanfoo, told us of this.\n\n"
        "Mr A Tester\n12 Quill Lane\nLlanfoo"
    )
    breaks = logical.joinable_breaks(text)
    assert breaks == [text.index("\nPenrhyn")]
    reflowed = logical.reflow(text, breaks)
    assert len(reflowed) == len(text) and "at 11 Penrhyn Terrace" in reflowed
    assert "Tester\n12 Quill Lane\nLlanfoo" in reflowed


def test_headers_bullets_and_quoted_lines_start_a_new_block() -> None:
    for following in ("From: Someone Else", "- a bullet", "> quoted reply", "2. the next point"):
        assert logical.joinable_breaks(f"{FILLER} more words here\n{following}") == []
    assert logical.joinable_breaks(f"{FILLER} the details are as follows:\nnext line") == []


def found(detector: Any, *texts: str) -> list[tuple[int, str, str]]:
    document = Document("x.pdf", "0" * 64, tuple(page(i, t) for i, t in enumerate(texts)))
    return [(f.page, f.entity_type, f.text) for f in detector.detect(document)]


def test_a_wrapped_phone_number_and_street_address_are_found_whole(fake_detector: Any) -> None:
    text = (
        f"{FILLER} the resident can be reached on 029 2087\n"
        f"8903 and was living at number 11 in the same street, {FILLER.lower()} at 11\n"
        f"Penrhyn Terrace when we wrote, {FILLER.lower()}\n"
        "the matter is now closed as far as this office is concerned."
    )
    hits = found(fake_detector({}), text)
    assert (0, "PHONE_NUMBER", "029 2087\n8903") in hits
    assert (0, "STREET_ADDRESS", "11\nPenrhyn Terrace") in hits


def test_a_phone_number_over_a_page_break_is_split_per_page(fake_detector: Any) -> None:
    first = f"Dear Sir\n\n{FILLER} the resident can be reached on 029 2087"
    second = "8903 at any time, and we have told them about this reply to you in full."
    hits = found(fake_detector({}), first, second)
    assert any(p == 0 and text == "029 2087" for p, _, text in hits)
    assert any(p == 1 and text == "8903" for p, _, text in hits)


def test_a_name_over_a_break_needs_capitals_on_both_lines() -> None:
    text = f"{FILLER} je suis de ce matin sur\nla commune de Fooville"
    breaks = logical.joinable_breaks(text)
    cut = text.index("\nla")
    assert not logical.crosses(cut - 20, cut + 10, breaks, text, "PERSON")
    wrapped = f"{FILLER} and we wrote to Morwenna\nQuillby about it"
    cut = wrapped.index("\nQuillby")
    assert logical.crosses(cut - 8, cut + 8, logical.joinable_breaks(wrapped), wrapped, "PERSON")


def test_a_line_of_its_own_is_not_joined_to_the_next_page(fake_detector: Any) -> None:
    hits = found(fake_detector({}), "Dear Sir\n\nYours faithfully\n029 2087", "8903 is a number on its own line.")
    assert not any(p == 1 for p, _, _ in hits)


def test_a_lower_case_run_over_a_page_break_is_not_a_name(fake_detector: Any) -> None:
    first = f"Dear Sir\n\n{FILLER} je suis de ce matin sur la commune avec"
    second = "la commune de Fooville et nous avons vu les choses qui sont arrivées hier."
    # As if the model took the run over the break for a person: it is still not one.
    hits = found(fake_detector({"avec la commune": "PERSON"}), first, second)
    assert not any(kind == "PERSON" and p == 1 for p, kind, _ in hits)


def test_a_name_wrapped_over_a_line_and_a_page_break_is_found_in_pieces(fake_detector: Any) -> None:
    detector = fake_detector({"Morwenna Quillby": "PERSON"})
    wrapped = f"{FILLER} and we wrote to Morwenna\nQuillby about it, {FILLER.lower()} too."
    assert (0, "PERSON", "Morwenna\nQuillby") in found(detector, wrapped)
    first = f"Dear Sir\n\n{FILLER} and we wrote to Morwenna"
    hits = found(detector, first, "Quillby about it and have had no reply from them since then.")
    assert (0, "PERSON", "Morwenna") in hits and (1, "PERSON", "Quillby") in hits
    # Without the model's tag, neither piece is a name: the test can fail.
    assert not any(kind == "PERSON" for _, kind, _ in found(fake_detector({}), first, "Quillby about it."))
