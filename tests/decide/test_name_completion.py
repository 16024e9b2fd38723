"""A name completed with the word beside it stays within its form field."""

from __future__ import annotations

from redactor.config import LoadedConfig
from redactor.types import Action, Finding
from tests.decide.test_decide import decide


def test_a_field_value_is_not_completed_with_the_next_label(loaded_config: LoadedConfig) -> None:
    text = "Surname: Pemberton-Lyle\nForename(s): Caoimhe\nAddress line 1: 4 Oak Road\nTown: Newtown"
    start = text.index("Caoimhe")
    given = Finding(0, start, start + 7, "PERSON", "Caoimhe", 0.9, "LabelledFieldRecognizer", "t")
    redacted = {d.finding.text for d in decide(loaded_config, text, given) if d.action is Action.REDACT}
    assert redacted == {"Caoimhe"}


def test_running_text_is_still_completed_across_a_line_break(loaded_config: LoadedConfig) -> None:
    text = "Yesterday I met Dr Meiling\nLam, who said so."
    start = text.index("Meiling")
    given = Finding(0, start, start + 7, "PERSON", "Meiling", 0.85, "TitledNameRecognizer", "t")
    redacted = {d.finding.text for d in decide(loaded_config, text, given) if d.action is Action.REDACT}
    assert "Meiling\nLam" in redacted
