"""Public interest test records: one Markdown file per qualified exemption under OUT/review/public-interest/.

The reviewer writes the arguments in favour of release, those in favour of withholding, and the
conclusion, each under its own heading. The annex prints those words as written and never
invents an argument: an exemption used without a record is a marked gap, and
`missing_public_interest` lets `redact status` fail until it is filled. Section 36 also needs the
qualified person's opinion: who gave it and when.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from redactor.errors import ExitCode, RedactorError
from redactor.respond._files import write_atomic
from redactor.respond.facts import read_facts
from redactor.respond.library import Library, load_library

FOLDER = Path("review") / "public-interest"
PARTS = ("release", "withholding", "conclusion")
HEADINGS = {"release": "In favour of release", "withholding": "In favour of withholding", "conclusion": "Conclusion"}
OPINION = "Qualified person's opinion"
# Headings accepted when reading (case and a trailing colon do not matter), Welsh ones included.
_ALIASES = {
    "in favour of release": "release",
    "in favour of disclosure": "release",
    "o blaid rhyddhau": "release",
    "o blaid datgelu": "release",
    "in favour of withholding": "withholding",
    "in favour of maintaining the exemption": "withholding",
    "o blaid atal": "withholding",
    "o blaid cadw'r eithriad": "withholding",
    "conclusion": "conclusion",
    "casgliad": "conclusion",
    "qualified person's opinion": "opinion",
    "barn y person cymwys": "opinion",
}
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_WHO = re.compile(
    r"^[^\S\n]*(?:qualified person|given by|y person cymwys)[^\S\n]*:[^\S\n]*(\S.*?)[^\S\n]*$", re.I | re.M
)
_WHEN = re.compile(
    r"^[^\S\n]*(?:date of opinion|date|given on|dyddiad)[^\S\n]*:[^\S\n]*(\d{4}-\d{2}-\d{2})[^\S\n]*$", re.I | re.M
)


class PublicInterestError(RedactorError):
    """A public interest record is malformed, or is not wanted for that exemption."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class QualifiedOpinion:
    person: str  # who gave it, e.g. "the Permanent Secretary, Jane Example"
    given_on: date


@dataclass(frozen=True)
class PublicInterestRecord:
    code: str
    release: str
    withholding: str
    conclusion: str
    opinion: QualifiedOpinion | None = None


def record_path(out: Path, code: str) -> Path:
    """OUT/review/public-interest/s35-1-a.md for s35(1)(a): a file name without brackets."""
    slug = re.sub(r"[()]+", "-", code).strip("-")
    return out / FOLDER / f"{slug}.md"


def _sections(text: str) -> dict[str, str]:
    """The body under each known heading (another heading inside a section is part of its text)."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in _COMMENT.sub("", text).splitlines():
        m = _HEADING.match(line)
        key = _ALIASES.get(m.group(2).replace("’", "'").rstrip(":").strip().casefold()) if m else None
        if m and key:
            if key in sections:
                raise PublicInterestError(f"the heading {m.group(2)!r} appears twice")
            sections[key], current = [], key
        elif m and current is None:
            continue  # a title above the first section
        elif current is not None:
            sections[current].append(line)
        elif line.strip():
            raise PublicInterestError("text before the first heading: put it under one of the headings")
    return {k: "\n".join(v).strip() for k, v in sections.items()}


def _opinion(body: str) -> QualifiedOpinion:
    who, when = _WHO.search(body), _WHEN.search(body)
    if not who or not when:
        raise PublicInterestError(
            f"the {OPINION!r} section needs a line 'Qualified person: WHO' and a line 'Date of opinion: YYYY-MM-DD'"
        )
    try:
        return QualifiedOpinion(who.group(1), date.fromisoformat(when.group(1)))
    except ValueError as exc:
        raise PublicInterestError(f"the date of the qualified person's opinion is not a date: {exc}") from exc


def parse_record(code: str, text: str, needs_opinion: bool = False) -> PublicInterestRecord:
    """Validate a record: the three headings, each with words under it (prompts in <!-- --> do not count)."""
    sections = _sections(text)
    empty = [HEADINGS[p] for p in PARTS if not sections.get(p)]
    if empty:
        raise PublicInterestError(
            f"the public interest test for {code} needs words under each heading: "
            + ", ".join(f"'## {h}'" for h in empty)
            + " is missing or empty"
        )
    opinion = _opinion(sections["opinion"]) if sections.get("opinion") else None
    if needs_opinion and opinion is None:
        raise PublicInterestError(f"{code} needs the qualified person's opinion: add a '## {OPINION}' section")
    return PublicInterestRecord(code, sections["release"], sections["withholding"], sections["conclusion"], opinion)


def render_record(record: PublicInterestRecord, library: Library) -> str:
    exemption = library.get(record.code)
    lines = [f"# Public interest test: {exemption.reference} ({exemption.name})", ""]
    for part in PARTS:
        lines += [f"## {HEADINGS[part]}", "", getattr(record, part), ""]
    if record.opinion:
        lines += [
            f"## {OPINION}",
            "",
            f"Qualified person: {record.opinion.person}",
            f"Date of opinion: {record.opinion.given_on.isoformat()}",
            "",
        ]
    return "\n".join(lines)


def record_public_interest(
    out: Path, code: str, text: str, library: Library | None = None, opinion: QualifiedOpinion | None = None
) -> Path:
    """Validate and store the public interest test for `code` in OUT; returns the file written."""
    library = library or load_library()
    exemption = library.get(code)
    if not exemption.qualified:
        raise PublicInterestError(f"{code} is an absolute exemption: there is no public interest test to record")
    record = parse_record(code, text, needs_opinion=exemption.qualified_person and opinion is None)
    if opinion is not None:
        record = PublicInterestRecord(record.code, record.release, record.withholding, record.conclusion, opinion)
    path = record_path(out, code)
    write_atomic(path, render_record(record, library))
    return path


def public_interest_template(code: str, library: Library | None = None) -> str:
    """A record to start from: the headings, with the library's neutral prompts as comments."""
    library = library or load_library()
    exemption, prompts = library.get(code), library.prompts_for(code)
    lines = [f"# Public interest test: {exemption.reference} ({exemption.name})", ""]
    for part in PARTS:
        questions = "\n".join(f"  - {q}" for q in getattr(prompts, part))
        prompt = f"<!-- Questions to consider (replace them with your own words):\n{questions}\n-->"
        lines += [f"## {HEADINGS[part]}", "", prompt, ""]
    if exemption.qualified_person:
        lines += [f"## {OPINION}", "", "Qualified person: ", "Date of opinion: YYYY-MM-DD", ""]
    return "\n".join(lines)


def read_public_interest(out: Path, library: Library | None = None) -> dict[str, PublicInterestRecord]:
    """The valid records in OUT, by exemption code (a malformed or incomplete file is left out)."""
    library = library or load_library()
    records: dict[str, PublicInterestRecord] = {}
    for code, exemption in library.exemptions.items():
        path = record_path(out, code)
        if not exemption.qualified or not path.is_file():
            continue
        try:
            records[code] = parse_record(code, path.read_text(encoding="utf-8"), exemption.qualified_person)
        except PublicInterestError:
            continue
    return records


def public_interest_problems(out: Path, library: Library | None = None) -> list[tuple[str, str]]:
    """(code, what is wrong) for each qualified exemption OUT relies on without a valid record."""
    library = library or load_library()
    problems: list[tuple[str, str]] = []
    for code in read_facts(out).exemptions:
        exemption = library.get(code)
        path = record_path(out, code)
        if not exemption.qualified:
            continue
        if not path.is_file():
            problems.append((code, f"no public interest test: write {path}"))
            continue
        try:
            parse_record(code, path.read_text(encoding="utf-8"), exemption.qualified_person)
        except PublicInterestError as exc:
            problems.append((code, f"{path}: {exc}"))
    return problems


def missing_public_interest(out: Path, library: Library | None = None) -> list[str]:
    """The qualified exemptions OUT relies on whose public interest test is not (validly) recorded."""
    return [code for code, _ in public_interest_problems(out, library)]


def start_missing_records(out: Path, library: Library | None = None) -> list[Path]:
    """Write the template (headings and neutral prompts) where a needed record has no file yet."""
    library = library or load_library()
    written = []
    for code in missing_public_interest(out, library):
        path = record_path(out, code)
        if not path.exists():
            write_atomic(path, public_interest_template(code, library))
            written.append(path)
    return written


# The review page sends a public interest test as one JSON object: the exemption code under
# this key, the three parts, and for s36 the qualified person and the date of their opinion.
FORM_KEY = "public_interest"
_FORM_FIELDS = frozenset({FORM_KEY, *PARTS, "qualified_person", "opinion_date", "reviewer", "time"})


def is_form(data: object) -> bool:
    """Whether a line of an exported decisions file is a public interest test, not a decision."""
    return isinstance(data, dict) and FORM_KEY in data


def record_from_form(out: Path, data: dict[str, object], library: Library | None = None) -> Path:
    """Store a public interest test sent by the review page: the same file `redact decide` writes."""
    unknown = set(data) - _FORM_FIELDS
    if unknown:
        raise PublicInterestError(f"unknown field(s) in a public interest test: {', '.join(sorted(unknown))}")
    code = data.get(FORM_KEY)
    if not isinstance(code, str) or not code:
        raise PublicInterestError("a public interest test needs its exemption code")
    text = "\n".join(f"## {HEADINGS[part]}\n\n{str(data.get(part) or '').strip()}\n" for part in PARTS)
    person, given_on = str(data.get("qualified_person") or "").strip(), str(data.get("opinion_date") or "").strip()
    opinion = None
    if person or given_on:
        if not (person and given_on):
            raise PublicInterestError(f"{code}: the qualified person and the date of their opinion go together")
        try:
            opinion = QualifiedOpinion(person, date.fromisoformat(given_on))
        except ValueError as exc:
            raise PublicInterestError(f"{code}: the date of the opinion {given_on!r} is not a date") from exc
    return record_public_interest(out, code, text, library, opinion=opinion)
