"""The exemption library (models/exemptions.yaml) and a body's own entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.errors import ConfigError
from redactor.respond.library import load_library

REQUIRED = {
    "s21": "absolute",
    "s22": "qualified",
    "s23": "absolute",
    "s24": "qualified",
    "s26": "qualified",
    "s27": "qualified",
    "s30": "qualified",
    "s31": "qualified",
    "s32": "absolute",
    "s35(1)(a)": "qualified",
    "s35(1)(b)": "qualified",
    "s35(1)(c)": "qualified",
    "s35(1)(d)": "qualified",
    "s36(2)(b)(i)": "qualified",
    "s36(2)(b)(ii)": "qualified",
    "s36(2)(c)": "qualified",
    "s37(1)(a)": "absolute",
    "s38": "qualified",
    "s40(1)": "absolute",
    "s40(2)": "absolute",
    "s41": "absolute",
    "s42": "qualified",
    "s43(1)": "qualified",
    "s43(2)": "qualified",
    "s44": "absolute",
    "reg12(4)(e)": "qualified",
    "reg12(5)(e)": "qualified",
    "reg13": "absolute",
}


def test_the_shipped_library_holds_every_exemption_with_its_kind() -> None:
    library = load_library()
    for code, kind in REQUIRED.items():
        entry = library.get(code)
        assert entry.kind == kind, code
        assert entry.explanation.strip() and entry.name.strip()
        assert entry.code.removeprefix("s").removeprefix("reg") in entry.explanation or code.startswith("s40")
    assert {c for c, e in library.exemptions.items() if e.qualified_person} == {
        "s36(2)(b)(i)",
        "s36(2)(b)(ii)",
        "s36(2)(c)",
    }
    assert library.get("s40(2)").condition == "s40(3A)(a)"
    assert library.get("s43(2)").reference == "section 43(2)" and library.get("reg12(5)(e)").reference == (
        "regulation 12(5)(e)"
    )


def test_prompts_are_questions_not_arguments() -> None:
    library = load_library()
    for part in ("release", "withholding", "conclusion"):
        for prompt in getattr(library.prompts, part):
            assert prompt.rstrip().endswith(("?", ".")) and "?" in prompt, prompt


def test_a_body_adds_and_replaces_codes(tmp_path: Path) -> None:
    own = tmp_path / "exemptions.yaml"
    own.write_text(
        "schema: 1\nexemptions:\n"
        "  - code: s22A\n    act: FOIA\n    name: Research\n    kind: qualified\n"
        "    explanation: Section 22A exempts information obtained in a programme of research.\n"
        "  - code: s21\n    act: FOIA\n    name: Reasonably accessible\n    kind: absolute\n"
        "    explanation: Our own words for section 21, which is absolute.\n",
        encoding="utf-8",
    )
    library = load_library(own)
    assert library.get("s22A").qualified and library.get("s21").name == "Reasonably accessible"
    assert library.get("s43(2)").name == "Commercial interests"  # the rest is still there
    assert library.sources[-1] == str(own)


ENTRY = "  - code: {code}\n    act: FOIA\n    name: Some name\n    kind: {kind}\n    explanation: {text}\n"
TEXT = "An explanation long enough to pass."


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (ENTRY.format(code="s43(2)", kind="qualified", text=TEXT) + "    typo: 1\n", "typo"),
        (ENTRY.format(code="section 43", kind="qualified", text=TEXT), "must look like"),
        (ENTRY.format(code="s43(2)", kind="maybe", text=TEXT), "kind"),
        (ENTRY.format(code="s43(2)", kind="qualified", text="Too short."), "explanation"),
        (ENTRY.format(code="s1", kind="absolute", text=TEXT) * 2, "listed twice"),
    ],
)
def test_a_bad_body_file_is_refused(tmp_path: Path, entry: str, message: str) -> None:
    own = tmp_path / "exemptions.yaml"
    own.write_text("schema: 1\nexemptions:\n" + entry, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_library(own)
