"""Configuration: the shipped files validate; mistakes are rejected with a clear message."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.config import LoadedConfig, load_config, models_dir
from redactor.errors import ConfigError


def test_shipped_configuration_is_valid(loaded_config: LoadedConfig) -> None:
    cfg = loaded_config.config
    assert "PERSON" in cfg.detection.entities
    assert cfg.policy.exemption == "s40(2)"
    assert len(loaded_config.sha256) == 64
    assert "Welsh Government" in loaded_config.allow_list


def test_uk_recognizers_are_enabled_explicitly(loaded_config: LoadedConfig) -> None:
    enabled = {spec.name for spec in loaded_config.recognizers if spec.enabled}
    for name in (
        "UkNinoRecognizer",
        "NhsNumberRecognizer",
        "UkPostcodeRecognizer",
        "UkPassportRecognizer",
        "UkDrivingLicenceRecognizer",
        "UkVehicleRegistrationRecognizer",
    ):
        assert name in enabled


def test_user_file_merges_over_the_shipped_one(tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text("detection:\n  thresholds:\n    default: 0.7\n  allow: [Planning Committee]\n", encoding="utf-8")
    loaded = load_config(user)
    assert loaded.config.detection.threshold("PERSON") == 0.7
    assert loaded.config.detection.entities  # untouched keys survive the merge
    assert "Planning Committee" in loaded.allow_list
    assert loaded.sha256 != load_config().sha256


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("detection:\n  treshold: 0.5\n", "treshold"),
        ("detection:\n  entities: [PERSON, PET_NAME]\n", "no category for PET_NAME"),
        ("detection:\n  thresholds: {NOT_AN_ENTITY: 0.3}\n", "not detected"),
        ("nlp: [not, a, mapping]\n", "nlp"),
        ("detection: {allow_lists: [missing.txt]}\n", "missing.txt"),
        ("schema: [1\n", "not valid YAML"),
    ],
)
def test_bad_configuration_is_rejected(tmp_path: Path, yaml_text: str, message: str) -> None:
    user = tmp_path / "bad.yaml"
    user.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_config(user)


def test_duplicate_recognizers_are_rejected(tmp_path: Path) -> None:
    rec = tmp_path / "rec.yaml"
    rec.write_text(
        "recognizers:\n  - {name: EmailRecognizer, source: presidio}\n  - {name: EmailRecognizer, source: presidio}\n",
        encoding="utf-8",
    )
    user = tmp_path / "c.yaml"
    user.write_text("detection: {recognizers: rec.yaml}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="listed twice"):
        load_config(user)


def test_models_folder_is_found() -> None:
    assert (models_dir() / "redactor.yaml").is_file()


def test_word_lists_named_by_recognizers_are_resolved_and_fingerprinted(tmp_path: Path) -> None:
    loaded = load_config()
    assert any(source.endswith("places.txt") for source in loaded.sources)
    for spec in loaded.recognizers:
        for value in spec.options.values():
            if isinstance(value, str) and value.endswith(".txt"):
                assert Path(value).is_absolute() and Path(value).is_file()
    # A user's own recognizer file may name its own list, found beside it.
    (tmp_path / "towns.txt").write_text("Llanfair\n", encoding="utf-8")
    (tmp_path / "rec.yaml").write_text(
        "recognizers:\n  - {name: PlaceFilter, source: pattern, entity: DENY_LIST, "
        'patterns: [["x", "zzzz", 0.5]], options: {places: towns.txt}}\n',
        encoding="utf-8",
    )
    (tmp_path / "c.yaml").write_text("detection: {recognizers: rec.yaml}\n", encoding="utf-8")
    mine = load_config(tmp_path / "c.yaml")
    assert str(tmp_path / "towns.txt") in mine.sources
    assert mine.sha256 != loaded.sha256


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("detection:\n  thresholds: {default: 5}\n", "less than or equal to 1"),
        ("a: &x [1, 2]\nb: [*x, *x]\n", "aliases"),
        ("detection:\n  allow: ['Caf\xe9']\n", "not UTF-8"),
    ],
)
def test_bad_configuration_values_are_usage_errors(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert int(info.value.exit_code) == 2
