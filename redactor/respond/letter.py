"""The draft response letter: models/response.yaml (the body's details) and the letter built from the facts.

Every sentence about the response is chosen by the facts (held or not, released in full or in
part, withheld in full, the exemptions with their counts); nothing is said that they do not
support. The annex follows the letter. Placeholders the officer must fill start with TODO_MARK.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from redactor.config import models_dir
from redactor.errors import ConfigError
from redactor.publish.annex import (
    code_reference,
    exemption_title,
    md_text,
    ordered_exemptions,
    render_response_annex,
)
from redactor.respond._files import write_atomic
from redactor.respond.facts import ResponseFacts, read_facts
from redactor.respond.library import Library, load_library
from redactor.respond.pdf import render_pdf
from redactor.respond.public_interest import PublicInterestRecord, read_public_interest, start_missing_records
from redactor.respond.word import render_docx
from redactor.respond.wording import TODO_MARK, Wording, long_date, wording

RESPONSE_FILE = "response.yaml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Body(_Strict):
    name: str
    unit: str
    address: tuple[str, ...] = Field(min_length=1)
    email: str
    telephone: str | None = None


class Regulator(_Strict):
    name: str
    name_cy: str | None = None
    address: tuple[str, ...] = Field(min_length=1)
    website: str
    telephone: str | None = None


class ResponseConfig(_Strict):
    schema_version: int = Field(alias="schema")
    language: Literal["en", "cy"] = "en"
    body: Body
    review_working_days: int = Field(default=40, ge=1)
    regulator: Regulator
    categories_cy: dict[str, str] = Field(default_factory=dict)

    def categories(self) -> dict[str, str]:
        """How the annex names each data category in the letter's language."""
        return self.categories_cy if self.language == "cy" else {}


@dataclass(frozen=True)
class LetterRequest:
    """What the officer tells `redact letter`: the reference, when the request came, and its words."""

    reference: str
    received: date
    request_text: str | None = None
    letter_date: date | None = None  # default: today
    addressee: str | None = None  # "Dear ...": the requester's name as they signed


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{path} must hold a mapping at the top level")
    return data


def _merge(base: dict[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        old = merged.get(key)
        merged[key] = _merge(old, value) if isinstance(value, dict) and isinstance(old, dict) else value
    return merged


def load_response_config(body_file: Path | None = None) -> ResponseConfig:
    """models/response.yaml with the body's own file (same shape) merged over it."""
    raw = _read_yaml(models_dir() / RESPONSE_FILE)
    sources = [str(models_dir() / RESPONSE_FILE)]
    if body_file is not None:
        raw = _merge(raw, _read_yaml(body_file))
        sources.append(str(body_file))
    try:
        return ResponseConfig.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(f"invalid response configuration ({', '.join(sources)}):\n{exc}") from exc


def unfilled(config: ResponseConfig) -> list[str]:
    """The body's details still holding a [placeholder]."""
    body = config.body.model_dump()
    found = [k for k, v in body.items() if isinstance(v, str) and "[" in v]
    if any("[" in line for line in config.body.address):
        found.append("address")
    return found


def _acts(facts: ResponseFacts, library: Library, w: Wording) -> str:
    acts = {library.get(code).act for code in facts.exemptions}
    if acts == {"EIR"}:
        return w.eir
    return w.foia if acts <= {"FOIA"} else f"{w.foia}; {w.eir}"


def _lines(items: list[str]) -> list[str]:
    """Lines printed as written, kept apart in Markdown (a hard line break after each but the last)."""
    escaped = [md_text(line) for line in items]
    return [line + "\\" for line in escaped[:-1]] + escaped[-1:]


def _response(facts: ResponseFacts, library: Library, w: Wording, language: str) -> list[str]:
    if not facts.documents:
        return [w.not_held, ""]
    in_full = sum(1 for d in facts.released if d.items == 0)
    lines = [w.held + " " + w.considered.format(n=facts.documents), ""]
    for template, n in (
        (w.released_full, in_full),
        (w.released_redacted, len(facts.released) - in_full),
        (w.withheld_whole, len(facts.withheld_whole)),
    ):
        if n:
            lines.append("- " + template.format(n=n))
    lines.append("")
    if facts.undecided:
        lines += [f"**{w.todo_undecided.format(n=len(facts.undecided))}**", ""]
    if not facts.exemptions:
        return [*lines, w.nothing_withheld, ""]
    only_eir = all(library.get(code).act == "EIR" for code in facts.exemptions)
    lines += [w.exceptions_intro if only_eir else w.exemptions_intro, ""]
    for exemption in ordered_exemptions(facts.exemptions, library):
        code = exemption.code
        parts = []
        if facts.items_under(code):
            parts.append(w.exemption_items.format(items=facts.items_under(code), documents=facts.documents_under(code)))
        whole = sum(1 for d in facts.withheld_whole if d.exemption == code)
        if whole:
            parts.append(w.exemption_whole.format(n=whole))
        lines.append(f"- {exemption_title(exemption, w, language)} — {'; '.join(parts)}")
    lines.append("")
    if facts.withheld_whole:
        lines += [w.whole_list, ""]
        lines += [f"- {md_text(d.relpath)} ({code_reference(d.exemption, w)})" for d in facts.withheld_whole]
        lines.append("")
    return [*lines, w.annex_follows, ""]


def _next_steps(config: ResponseConfig, w: Wording, language: str) -> list[str]:
    body, ico = config.body, config.regulator
    contact = [body.unit, body.name, *body.address, f"{w.email}: {body.email}"]
    if body.telephone:
        contact.append(f"{w.telephone}: {body.telephone}")
    ico_name = ico.name_cy if language == "cy" and ico.name_cy else ico.name
    regulator = [ico_name, *ico.address, f"{w.website}: {ico.website}"]
    if ico.telephone:
        regulator.append(f"{w.telephone}: {ico.telephone}")
    return [
        f"## {w.next_steps}",
        "",
        w.review.format(days=config.review_working_days),
        "",
        *_lines(contact),
        "",
        w.regulator,
        "",
        *_lines(regulator),
        "",
        w.regulator_first,
        "",
    ]


def render_letter(
    facts: ResponseFacts,
    library: Library,
    records: Mapping[str, PublicInterestRecord],
    config: ResponseConfig,
    request: LetterRequest,
) -> tuple[str, str]:
    """The letter and its annex, as two Markdown texts."""
    language = config.language
    w = wording(language)
    body = config.body
    when = request.letter_date or date.today()
    quoted = (request.request_text or "").strip()
    lines = [
        f"# {w.title.format(reference=md_text(request.reference))}",
        "",
        f"**{_acts(facts, library, w)}**",
        "",
        *_lines([body.name, body.unit, *body.address, f"{w.email}: {body.email}"]),
        "",
        f"{w.date_label}: {long_date(when, w)}",
        "",
        w.dear.format(name=md_text(request.addressee)) if request.addressee else w.dear_todo,
        "",
        w.received.format(date=long_date(request.received, w)),
        "",
        *([f"> {md_text(line)}".rstrip() for line in quoted.splitlines()] if quoted else [f"**{w.todo_request}**"]),
        "",
        f"## {w.our_response}",
        "",
        *_response(facts, library, w, language),
        *_next_steps(config, w, language),
        w.sign_off,
        "",
        *_lines([body.unit, body.name]),
        "",
    ]
    annex = render_response_annex(facts, library, records, language, categories=config.categories())
    return "\n".join(lines), annex


def todo_count(text: str) -> int:
    """How many placeholders remain to be filled in a letter or annex."""
    return text.count(TODO_MARK)


@dataclass(frozen=True)
class ResponsePack:
    markdown: Path
    pdf: Path
    docx: Path
    annex: Path
    todo: int  # placeholders left in the letter and annex
    unfilled: tuple[str, ...]  # the body's details still holding a [placeholder]
    missing_public_interest: tuple[str, ...]


def write_response(
    out: Path,
    request: LetterRequest,
    library_file: Path | None = None,
    response_file: Path | None = None,
) -> ResponsePack:
    """Write OUT/response.md, .pdf and .docx (the letter, then the annex) and refresh OUT/annex.md."""
    library = load_library(library_file)
    config = load_response_config(response_file)
    facts = read_facts(out)
    records = read_public_interest(out, library)
    letter, annex = render_letter(facts, library, records, config, request)
    pdf = render_pdf([letter, annex])
    pack = ResponsePack(
        markdown=out / "response.md",
        pdf=out / "response.pdf",
        docx=out / "response.docx",
        annex=out / "annex.md",
        todo=todo_count(letter) + todo_count(annex),
        unfilled=tuple(unfilled(config)),
        missing_public_interest=tuple(c for c in facts.exemptions if library.get(c).qualified and c not in records),
    )
    write_atomic(pack.markdown, letter + "\n---\n\n" + annex)
    write_atomic(pack.pdf, pdf)
    write_atomic(pack.docx, render_docx([letter, annex]))
    write_atomic(pack.annex, annex)
    start_missing_records(out, library)
    return pack
