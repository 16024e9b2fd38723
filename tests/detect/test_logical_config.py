"""The running-text thresholds of logical-text detection come from validated configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.config import LogicalTextConfig, load_config
from redactor.detect import logical
from redactor.errors import ConfigError

TEXT = "Short line of an invented letter, wrapped 11\nQuill Lane, Llanfoo, as it was sent."


def test_shipped_configuration_gives_the_thresholds() -> None:
    rules = load_config().config.detection.logical_text
    assert (rules.min_line_chars, rules.min_share_of_longest) == (40, 0.6)


def test_thresholds_decide_which_breaks_are_joined() -> None:
    assert logical.joinable_breaks(TEXT, LogicalTextConfig(min_line_chars=40)) == [TEXT.index("\n")]
    assert logical.joinable_breaks(TEXT, LogicalTextConfig(min_line_chars=60)) == []
    # Beside a page whose longest line has 70 characters, 44 is 63%.
    page = "A" * 70 + "\n\n" + TEXT
    assert logical.joinable_breaks(page, LogicalTextConfig(min_share_of_longest=0.6)) == [72 + TEXT.index("\n")]
    assert logical.joinable_breaks(page, LogicalTextConfig(min_share_of_longest=0.7)) == []


def test_a_user_file_overrides_them(tmp_path: Path) -> None:
    user = tmp_path / "user.yaml"
    user.write_text("detection:\n  logical_text:\n    min_line_chars: 60\n", encoding="utf-8")
    rules = load_config(user).config.detection.logical_text
    assert (rules.min_line_chars, rules.min_share_of_longest) == (60, 0.6)


@pytest.mark.parametrize("bad", ["min_line_chars: 0", "min_share_of_longest: 1.5", "max_line_chars: 10"])
def test_bad_values_are_configuration_errors(tmp_path: Path, bad: str) -> None:
    user = tmp_path / "user.yaml"
    user.write_text(f"detection:\n  logical_text:\n    {bad}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(user)
