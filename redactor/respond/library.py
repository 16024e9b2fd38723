"""The exemption library: models/exemptions.yaml, validated, with a body's own entries merged over it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from redactor.config import models_dir
from redactor.errors import ConfigError

LIBRARY_FILE = "exemptions.yaml"
# "s40(2)", "s35(1)(a)", "s36(2)(b)(ii)", "reg12(5)(e)", "reg13": what boxes and logs carry.
CODE = re.compile(r"^(?:s|reg)\d+[A-Z]?(?:\([0-9a-z]+\))*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Prompts(_Strict):
    """Neutral questions for each part of the public interest test (never arguments)."""

    release: tuple[str, ...] = Field(min_length=1)
    withholding: tuple[str, ...] = Field(min_length=1)
    conclusion: tuple[str, ...] = Field(min_length=1)


class Welsh(_Strict):
    name: str
    explanation: str


class Exemption(_Strict):
    code: str
    act: Literal["FOIA", "EIR"]
    name: str = Field(min_length=3)
    kind: Literal["absolute", "qualified"]
    condition: str | None = None
    qualified_person: bool = False  # s36: the reasonable opinion of a qualified person is needed
    explanation: str = Field(min_length=20)
    prompts: Prompts | None = None
    cy: Welsh | None = None

    @field_validator("code")
    @classmethod
    def _code_shape(cls, code: str) -> str:
        if not CODE.match(code):
            raise ValueError(f"exemption code {code!r} must look like s43(2), s35(1)(a) or reg12(5)(e)")
        return code

    @property
    def qualified(self) -> bool:
        return self.kind == "qualified"

    @property
    def reference(self) -> str:
        """The code as the annex writes it: "section 43(2)", "regulation 12(5)(e)"."""
        return reference(self.code)


class LibraryFile(_Strict):
    schema_version: int = Field(alias="schema")
    prompts: Prompts | None = None
    exemptions: tuple[Exemption, ...] = ()

    @field_validator("exemptions")
    @classmethod
    def _no_duplicates(cls, entries: tuple[Exemption, ...]) -> tuple[Exemption, ...]:
        seen: set[str] = set()
        for entry in entries:
            if entry.code in seen:
                raise ValueError(f"exemption {entry.code!r} is listed twice")
            seen.add(entry.code)
        return entries


class Library(_Strict):
    """The merged library: shipped entries, then the body's (which add or replace by code)."""

    prompts: Prompts
    exemptions: dict[str, Exemption]
    sources: tuple[str, ...]

    def get(self, code: str) -> Exemption:
        try:
            return self.exemptions[code]
        except KeyError:
            raise ConfigError(
                f"exemption {code!r} is not in the exemption library ({', '.join(self.sources)}); "
                "add it to your own exemptions file"
            ) from None

    def prompts_for(self, code: str) -> Prompts:
        return self.get(code).prompts or self.prompts


def reference(code: str) -> str:
    if code.startswith("reg"):
        return "regulation " + code.removeprefix("reg")
    return "section " + code.removeprefix("s")


def _read(path: Path) -> LibraryFile:
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read the exemption library {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc
    try:
        return LibraryFile.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"invalid exemption library {path}:\n{exc}") from exc


def load_library(body_file: Path | None = None) -> Library:
    """The shipped library, with the entries (and prompts) of `body_file` added or replacing by code."""
    shipped_path = models_dir() / LIBRARY_FILE
    shipped = _read(shipped_path)
    if shipped.prompts is None:
        raise ConfigError(f"{shipped_path} must define the default public interest prompts")
    prompts = shipped.prompts
    entries = {e.code: e for e in shipped.exemptions}
    sources = [str(shipped_path)]
    if body_file is not None:
        own = _read(body_file)
        prompts = own.prompts or prompts
        entries.update({e.code: e for e in own.exemptions})
        sources.append(str(body_file))
    return Library(prompts=prompts, exemptions=entries, sources=tuple(sources))


# A body's own exemption file given to `redact decide --exemptions`, kept with the decisions so
# that the run's annex, `redact status` and `redact letter` know the same codes.
SAVED_BODY_FILE = Path("review") / "exemptions.yaml"


def body_file_of(out: Path, body_file: Path | None = None) -> Path | None:
    """The body's own exemption file: the one given, else the one saved in OUT, else none."""
    saved = out / SAVED_BODY_FILE
    return body_file or (saved if saved.is_file() else None)


def library_for(out: Path, body_file: Path | None = None) -> Library:
    """The library for the response in OUT (the shipped one with the body's own codes)."""
    return load_library(body_file_of(out, body_file))


def save_body_file(out: Path, body_file: Path) -> None:
    """Validate a body's own exemption file and keep a copy of it in OUT/review/."""
    load_library(body_file)
    target = out / SAVED_BODY_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body_file.read_bytes())
