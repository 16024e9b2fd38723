"""Officials' names: the seniority rule, as pure functions over a page's text.

A name beside a senior role (models/officials.yaml: senior civil service, chief officers, elected
members) or on the body's published list is proposed as released, with the reason, for the
reviewer to confirm. Anything else is left to the ordinary rule (withheld under section 40(2)).
The requester's own data (section 40(1)) must be decided before this rule is asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from redactor.config import models_dir
from redactor.errors import ConfigError

OFFICIALS_FILE = "officials.yaml"
GUIDANCE = (
    "the Information Commissioner's guidance expects the names of senior and public-facing officials "
    "acting in their public role to be released more often than not"
)
# What may stand between a role and the name on one line: punctuation, "the", a courtesy title.
_GAP_BEFORE_NAME = re.compile(r"[\s,:;.\-–—]*(?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?\s+)?", re.IGNORECASE)
_GAP_AFTER_NAME = re.compile(r"[\s,(\-–—:]*(?:the\s+)?", re.IGNORECASE)
# The rest of a role's title on its line, for the reason: "Director" + " of Finance and Resources".
_ROLE_TAIL = re.compile(
    r"[^\S\n]+(?:of|for)[^\S\n]+(?:the[^\S\n]+)?[A-Z][\w&'-]*(?:[^\S\n]+(?:and[^\S\n]+)?[A-Z][\w&'-]*)*"
)
SIGNATURE_SLACK = 30  # characters a signature's name line may hold besides the name


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RoleGroup(_Strict):
    group: str
    phrases: tuple[str, ...] = Field(min_length=1)


class OfficialsRule(_Strict):
    schema_version: int = Field(alias="schema")
    lines_after: int = Field(default=2, ge=0, le=5)
    roles: tuple[RoleGroup, ...]
    exclude_before: tuple[str, ...] = ()
    published_names: tuple[str, ...] = ()

    @field_validator("roles")
    @classmethod
    def _no_duplicate_groups(cls, groups: tuple[RoleGroup, ...]) -> tuple[RoleGroup, ...]:
        names = [g.group for g in groups]
        if len(names) != len(set(names)):
            raise ValueError("a role group is listed twice")
        return groups


class OfficialsExtension(_Strict):
    """A body's own officials file that extends the shipped rule: every part is optional."""

    schema_version: int = Field(alias="schema")
    lines_after: int | None = Field(default=None, ge=0, le=5)
    roles: tuple[RoleGroup, ...] = ()
    exclude_before: tuple[str, ...] = ()
    published_names: tuple[str, ...] = ()


Mode = Literal["extend", "replace"]
_Model = TypeVar("_Model", OfficialsRule, OfficialsExtension)


@dataclass(frozen=True)
class SeniorityVerdict:
    """A name proposed as released: why, and that a reviewer must confirm it."""

    reason: str
    group: str
    role: str | None  # the role phrase found, None for a published name
    confirm: bool = True


def load_officials_rule(body_file: Path | None = None, mode: Mode = "replace") -> OfficialsRule:
    """models/officials.yaml, or with a body's own file: that file instead ("replace") or merged over it ("extend").

    Extending adds the file's role phrases (to the group of the same name, or as a new group),
    its exclusions and its published names; its lines_after, if given, wins.
    """
    shipped = models_dir() / OFFICIALS_FILE
    if body_file is None or mode == "replace":
        return _read(body_file or shipped, OfficialsRule)
    return extend_rule(_read(shipped, OfficialsRule), _read(body_file, OfficialsExtension))


def extend_rule(rule: OfficialsRule, own: OfficialsExtension) -> OfficialsRule:
    """The rule with a body's additions: phrases join the group of the same name, or a new group."""
    groups = {g.group: list(g.phrases) for g in rule.roles}
    for g in own.roles:
        groups.setdefault(g.group, []).extend(p for p in g.phrases if p not in groups[g.group])
    return OfficialsRule.model_validate(
        {
            "schema": rule.schema_version,
            "lines_after": rule.lines_after if own.lines_after is None else own.lines_after,
            "roles": [{"group": name, "phrases": phrases} for name, phrases in groups.items()],
            "exclude_before": list(dict.fromkeys((*rule.exclude_before, *own.exclude_before))),
            "published_names": list(dict.fromkeys((*rule.published_names, *own.published_names))),
        }
    )


def _read(path: Path, model: type[_Model]) -> _Model:
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"invalid officials rule {path}:\n{exc}") from exc


def _phrase(phrase: str) -> str:
    body = r"\s+".join(re.escape(word) for word in phrase.split())
    flags = "" if phrase.isupper() else "(?i:"
    return rf"(?<!\w){flags}{body}{')' if flags else ''}(?!\w)"


@lru_cache(maxsize=8)
def _compiled(rule: OfficialsRule) -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str] | None]:
    """One pattern for every role (longest first), the group of each role, and the exclusions."""
    groups = {p.casefold(): g.group for g in rule.roles for p in g.phrases}
    phrases = sorted({p for g in rule.roles for p in g.phrases}, key=len, reverse=True)
    roles = re.compile("|".join(_phrase(p) for p in phrases))
    excluded = None
    if rule.exclude_before:
        alternatives = "|".join(_phrase(p) for p in sorted(rule.exclude_before, key=len, reverse=True))
        excluded = re.compile(rf"(?:{alternatives})\s+(?:the\s+)?$")
    return roles, groups, excluded


def _verdict(match: re.Match[str], groups: dict[str, str]) -> SeniorityVerdict:
    phrase = " ".join(match.group(0).split())
    group = groups[phrase.casefold()]
    tail = _ROLE_TAIL.match(match.string, match.end())
    role = " ".join([phrase, *tail.group(0).split()]) if tail else phrase
    reason = (
        f"the name of a senior official ({role}; {group}) acting in their public role: {GUIDANCE}; "
        "proposed as released, for the reviewer to confirm"
    )
    return SeniorityVerdict(reason=reason, group=group, role=role)


def _line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    return text.rfind("\n", 0, start) + 1, (text.find("\n", end) + 1 or len(text) + 1) - 1


def senior_official(text: str, start: int, end: int, rule: OfficialsRule) -> SeniorityVerdict | None:
    """Whether the name at text[start:end] is a senior official's, by the rule; None if not."""
    name = " ".join(text[start:end].split()).casefold()
    published = {" ".join(n.split()).casefold() for n in rule.published_names}
    if name in published:
        reason = f"a name the body publishes (officials' published names list): {GUIDANCE}; for the reviewer to confirm"
        return SeniorityVerdict(reason=reason, group="published names", role=None)
    roles, groups, excluded = _compiled(rule)
    line_start, line_end = _line_bounds(text, start, end)

    def allowed(m: re.Match[str], line_from: int) -> bool:
        return excluded is None or not excluded.search(text[line_from : m.start()])

    for m in roles.finditer(text, line_start, line_end):
        if m.end() <= start and _GAP_BEFORE_NAME.fullmatch(text, m.end(), start) and allowed(m, line_start):
            return _verdict(m, groups)
        if m.start() >= end and _GAP_AFTER_NAME.fullmatch(text, end, m.start()) and allowed(m, line_start):
            return _verdict(m, groups)
    if line_end - line_start > (end - start) + SIGNATURE_SLACK:
        return None  # the name is in running text, not a signature block
    position = line_end + 1
    for _ in range(rule.lines_after):
        if position >= len(text):
            break
        next_end = text.find("\n", position)
        next_end = len(text) if next_end < 0 else next_end
        line = text[position:next_end]
        below = roles.match(text, position + len(line) - len(line.lstrip()), next_end)
        if below:
            return _verdict(below, groups)
        position = next_end + 1
    return None
