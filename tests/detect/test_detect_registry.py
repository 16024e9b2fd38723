"""Recognizers are built from typed options through a registry, with the configuration's lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from redactor.config import load_config, models_dir
from redactor.config.lexicon import Gazetteer, fold
from redactor.decide.propagation import NameWords
from redactor.detect.engine import our_peers
from redactor.detect.recognizers import (
    REGISTRY,
    HomePostcodeRecognizer,
    LabelledFieldRecognizer,
    Peers,
    PersonalEmailRecognizer,
    TitledNameRecognizer,
    UkStreetAddressRecognizer,
)
from redactor.errors import ConfigError


def _user_recognizers(tmp_path: Path, edit: dict[str, dict[str, object]]) -> Path:
    """A user configuration whose recognizers file is the shipped one with `edit` options."""
    specs = yaml.safe_load((models_dir() / "recognizers.yaml").read_text(encoding="utf-8"))
    for spec in specs["recognizers"]:
        if spec["name"] in edit:
            spec["options"] = {**spec.get("options", {}), **edit[spec["name"]]}
    (tmp_path / "recs.yaml").write_text(yaml.safe_dump(specs, allow_unicode=True), encoding="utf-8")
    user = tmp_path / "mine.yaml"
    user.write_text("detection:\n  recognizers: recs.yaml\n", encoding="utf-8")
    return user


def test_fold_is_one_comparison_key() -> None:
    assert fold("  O’Neill  Jones ") == fold("o'neill jones") == "o'neill jones"
    assert fold("Siân", ascii=True) == "sian" and fold("Łukasz", ascii=True) == "lukasz"
    assert fold("Siân") == "siân"
    g = Gazetteer(["Ynys Môn"])
    assert "YNYS MON" in g and "ynys  môn" in g


def test_the_registry_names_every_configured_recognizer_of_ours() -> None:
    loaded = load_config()
    ours = {s.name for s in loaded.recognizers if s.source == "redactor"}
    assert ours <= set(REGISTRY)
    peers = our_peers(loaded)
    for name in ours:
        assert peers.get(REGISTRY[name]).name == name


def test_an_unknown_recognizer_option_is_a_configuration_error(tmp_path: Path) -> None:
    loaded = load_config(_user_recognizers(tmp_path, {"TitledNameRecognizer": {"honorfics": ["Mr"]}}))
    with pytest.raises(ConfigError, match="honorfics"):
        our_peers(loaded)


def test_a_mistyped_recognizer_option_is_a_configuration_error(tmp_path: Path) -> None:
    loaded = load_config(_user_recognizers(tmp_path, {"UkPhoneRecognizer": {"score": "high"}}))
    with pytest.raises(ConfigError, match="UkPhoneRecognizer"):
        our_peers(loaded)


def test_options_models_forbid_unknown_keys() -> None:
    with pytest.raises(ValueError):
        TitledNameRecognizer.Options.model_validate({"scroe": 0.9})


def test_form_fields_and_postcodes_read_streets_with_the_configured_street_options() -> None:
    peers = Peers(options={"UkStreetAddressRecognizer": {"english_types": ["Wynd", "Ginnel"]}})
    fields = peers.get(LabelledFieldRecognizer)
    postcodes = peers.get(HomePostcodeRecognizer)
    streets = peers.get(UkStreetAddressRecognizer)
    assert fields._streets is streets and postcodes._streets is streets
    text = "Address: 12 Tannery Ginnel, Hebden CF14 3AB"
    assert [text[r.start : r.end] for r in fields.analyze(text, ["STREET_ADDRESS"])] == ["12 Tannery Ginnel"]
    assert not UkStreetAddressRecognizer().find_streets(text)
    assert streets.find_streets(text)


def test_places_are_read_through_the_user_configuration(tmp_path: Path) -> None:
    (tmp_path / "my_places.txt").write_text("# invented\nZorbanton\n", encoding="utf-8")
    user = tmp_path / "mine.yaml"
    user.write_text("detection:\n  places: my_places.txt\n", encoding="utf-8")
    loaded = load_config(user)
    assert "Zorbanton" in loaded.lexicon.place_gazetteer
    assert "Aberystwyth" not in loaded.lexicon.place_gazetteer
    assert str(tmp_path / "my_places.txt") in loaded.sources
    assert "Zorbanton" in NameWords.from_lexicon(loaded.lexicon).places
    names = Peers(loaded.lexicon).get(TitledNameRecognizer)
    text = "Yours sincerely,\n\nZorbanton\n"
    assert not names.analyze(text, ["PERSON"])
    assert [text[r.start : r.end] for r in TitledNameRecognizer().analyze(text, ["PERSON"])] == ["Zorbanton"]


def test_honorifics_are_listed_once_and_shared() -> None:
    lexicon = load_config().lexicon
    assert "Cllr" in lexicon.honorifics
    words = NameWords.from_lexicon(lexicon)
    assert words.title_before.search("said Cllr ")
    assert "mr" in lexicon.honorific_words


# --------------------------------------------------------------------------------------
# Organisational e-mail addresses (invented addresses)
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "widget-users@lists.example.org",  # on a list server
        "frobnicate-devel@example.net",  # a list suffix
        "linux-quux@vger.example.org",  # a list family prefix
        "stable@mail.example.org",  # one list word on a list server's host
        "123456@bugs.example.org",  # a tracker's numbered address
        "123456-submitter@bugs.example.org",
        "submit@bugs.example.org",  # tracker commands are role words
        "mailer-daemon@mx.example.org",
    ],
)
def test_list_and_tracker_addresses_are_organisational(address: str) -> None:
    mailboxes = PersonalEmailRecognizer()
    assert mailboxes.organisational(address) is not None
    text = f"Cc: {address}"
    (result,) = mailboxes.analyze(text, ["EMAIL_ADDRESS"])
    assert result.score < 0.5 and "not a person's" in result.analysis_explanation.textual_explanation


@pytest.mark.parametrize(
    "address",
    ["debian@zorbel.example", "linux@quabbit.example", "gwion-users@example.org", "gareth.jones@example.org"],
)
def test_personal_addresses_stay_personal(address: str) -> None:
    assert PersonalEmailRecognizer().organisational(address) is None


def test_business_function_mailboxes_are_roles() -> None:
    assert PersonalEmailRecognizer().organisational("sales@quillby.example") is not None
    assert PersonalEmailRecognizer().organisational("morwenna@quillby.example") is None
