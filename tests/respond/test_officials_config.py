"""policy.officials: a body's own officials file named in the configuration.

It extends or replaces models/officials.yaml for the seniority rule; it is validated and is part
of the run's fingerprint.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.config import load_config
from redactor.decide.officials import load_officials_rule, senior_official
from redactor.decide.policy import Policy
from redactor.errors import ConfigError

OWN = """schema: 1
roles:
  - group: chief officers
    phrases: [Pennaeth Gwasanaeth]
  - group: heads of service
    phrases: [Head of Waste]
published_names: [Tegwen Invented]
"""


def body(tmp_path: Path, own: str = OWN, mode: str = "extend") -> Path:
    (tmp_path / "officials-own.yaml").write_text(own, encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"policy:\n  officials: officials-own.yaml\n  officials_mode: {mode}\n", encoding="utf-8")
    return config


def group_of(rule: object, text: str, name: str) -> str | None:
    start = text.index(name)
    found = senior_official(text, start, start + len(name), rule)  # type: ignore[arg-type]
    return found.group if found else None


def test_the_body_file_extends_the_shipped_rule(tmp_path: Path) -> None:
    loaded = load_config(body(tmp_path))
    assert loaded.officials_file == str(tmp_path / "officials-own.yaml")
    assert str(tmp_path / "officials-own.yaml") in loaded.sources
    rule = Policy(loaded).officials
    assert rule is not None
    assert group_of(rule, "Gruff Example, Head of Waste", "Gruff Example") == "heads of service"
    assert group_of(rule, "Gruff Example, Pennaeth Gwasanaeth", "Gruff Example") == "chief officers"
    assert group_of(rule, "Gruff Example, Chief Executive", "Gruff Example") == "chief officers"  # shipped, kept
    assert group_of(rule, "Ask Tegwen Invented at the depot.", "Tegwen Invented") == "published names"
    assert group_of(rule, "Ask Gruff Example at the depot.", "Gruff Example") is None


def test_the_body_file_replaces_the_shipped_rule(tmp_path: Path) -> None:
    rule = Policy(load_config(body(tmp_path, mode="replace"))).officials
    assert rule is not None
    assert group_of(rule, "Gruff Example, Head of Waste", "Gruff Example") == "heads of service"
    assert group_of(rule, "Gruff Example, Chief Executive", "Gruff Example") is None  # the body's roles only


def test_changing_the_body_file_changes_the_fingerprint(tmp_path: Path) -> None:
    first = load_config(body(tmp_path)).sha256
    assert load_config(body(tmp_path)).sha256 == first
    assert load_config(body(tmp_path, OWN.replace("Head of Waste", "Head of Parks"))).sha256 != first
    assert load_config().sha256 != first and load_config().officials_file is None


@pytest.mark.parametrize(
    ("own", "mode", "message"),
    [
        ("schema: 1\nroles: []\npublished_nmes: [X]\n", "extend", "published_nmes"),
        ("schema: 1\npublished_names: [X]\n", "replace", "roles"),  # a replacement needs its roles
        (OWN, "merge", "officials_mode"),
    ],
)
def test_the_body_file_and_the_mode_are_validated(tmp_path: Path, own: str, mode: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_config(body(tmp_path, own, mode))


def test_a_missing_body_file_is_named(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("policy:\n  officials: nowhere.yaml\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"nowhere\.yaml"):
        load_config(config)


def test_extending_needs_no_roles_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "names.yaml").write_text("schema: 1\npublished_names: [Tegwen Invented]\n", encoding="utf-8")
    rule = load_officials_rule(tmp_path / "names.yaml", "extend")
    assert rule.published_names == ("Tegwen Invented",) and len(rule.roles) == 3
