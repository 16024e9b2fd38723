"""The release-safe annex: what was withheld, under which exemption, and why, in the style of a UK FOI response.

It is built from response facts (exemption codes, categories, counts, relative paths, pages) and
the reviewer's public interest records, never from a redacted value, so there is nothing to leak
(a test holds this). Each exemption relied on gets its explanation from the exemption library:
section 40(2) the three-part test, section 40(1) a pointer to a subject access request, and each
qualified exemption its public interest test in the reviewer's words, or a marked placeholder.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from redactor.config import PolicyConfig
from redactor.respond.facts import (
    RELEASED,
    ReleasedDocument,
    ResponseFacts,
    WithheldItems,
    read_facts,
)
from redactor.respond.library import Exemption, Library, load_library
from redactor.respond.public_interest import PublicInterestRecord, read_public_interest, record_path
from redactor.respond.wording import Wording, long_date, wording
from redactor.types import Action, DocumentResult, Status

_MARKDOWN = re.compile(r"([\\`*_<])")


def md_text(text: str) -> str:
    """Text printed as written, not read as Markdown (a file name with * or _ stays as it is)."""
    return _MARKDOWN.sub(r"\\\1", text)


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(md_text(text).replace("|", "\\|").split())


def code_reference(code: str, w: Wording) -> str:
    if code.startswith("reg"):
        return f"{w.regulation} {code.removeprefix('reg')}"
    return f"{w.section} {code.removeprefix('s')}"


def exemption_title(exemption: Exemption, w: Wording, language: str) -> str:
    name = exemption.cy.name if language == "cy" and exemption.cy else exemption.name
    ref = code_reference(exemption.code, w)
    return f"{ref[0].upper()}{ref[1:]}: {name}"


def ordered_exemptions(codes: Sequence[str], library: Library) -> list[Exemption]:
    """The exemptions used, in the library's order (section number order), unknown codes refused."""
    wanted = {library.get(code).code for code in codes}
    return [e for code, e in library.exemptions.items() if code in wanted]


def _table(
    facts: ResponseFacts, exemptions: list[Exemption], w: Wording, language: str, categories: Mapping[str, str]
) -> list[str]:
    lines = [f"## {w.table_heading}", "", f"| {w.col_information} | {w.col_exemption} |", "|---|---|"]
    for exemption in exemptions:
        title = cell(exemption_title(exemption, w, language))
        for item in sorted((i for i in facts.items if i.exemption == exemption.code), key=lambda i: i.category):
            category = categories.get(item.category, item.category)
            row = w.row_items.format(category=category, items=item.items, documents=item.documents)
            lines.append(f"| {cell(row)} | {title} |")
        for doc in facts.withheld_whole:
            if doc.exemption == exemption.code:
                lines.append(f"| {cell(w.row_whole.format(relpath=doc.relpath, pages=doc.pages))} | {title} |")
    if not exemptions:
        lines.append(f"| {w.row_none} | |")
    return [*lines, ""]


def _public_interest(exemption: Exemption, record: PublicInterestRecord | None, w: Wording) -> list[str]:
    lines = [f"### {w.pit_heading}", ""]
    if record is None:
        ref = code_reference(exemption.code, w)
        path = record_path(Path(), exemption.code).as_posix()
        return [*lines, f"**{w.todo_pit.format(reference=ref, path=md_text(path))}**", ""]
    if record.opinion is not None:
        lines += [w.opinion.format(person=record.opinion.person, date=long_date(record.opinion.given_on, w)), ""]
    for heading, text in (
        (w.pit_release, record.release),
        (w.pit_withholding, record.withholding),
        (w.pit_conclusion, record.conclusion),
    ):
        lines += [f"#### {heading}", "", text, ""]
    return lines


def _explanation(exemption: Exemption, w: Wording, language: str, condition: str) -> list[str]:
    if exemption.code == "s40(2)":
        intro = w.s40_2_intro.format(condition_ref=condition.removeprefix("s"))
        return [intro, w.three_part_test, w.s40_2_close, ""]
    text = exemption.explanation
    if language == "cy":  # a Welsh text where the library has one, else marked for translation
        text = exemption.cy.explanation if exemption.cy else f"{text}\n\n**{w.todo_translate}**"
    if exemption.code == "reg13":
        return [text, "", w.three_part_test, w.reg13_close, ""]
    return [text, ""]


def render_response_annex(
    facts: ResponseFacts,
    library: Library,
    records: Mapping[str, PublicInterestRecord],
    language: str = "en",
    condition: str | None = None,
    categories: Mapping[str, str] | None = None,
) -> str:
    """The annex for these facts.

    `condition` overrides the library's s40(2) condition reference; `categories` renames data
    categories (their Welsh names in a Welsh annex).
    """
    w = wording(language)
    exemptions = ordered_exemptions(facts.exemptions, library)
    lines = [f"# {w.annex_title}", "", w.annex_released.format(n=len(facts.released))]
    if facts.withheld_whole:
        lines[-1] += " " + w.annex_withheld.format(n=len(facts.withheld_whole))
    lines += ["", w.boxes_labelled, ""]
    if facts.undecided:
        lines += [f"**{w.todo_undecided.format(n=len(facts.undecided))}**", ""]
    lines += _table(facts, exemptions, w, language, categories or {})
    if facts.withheld_whole:
        lines += [f"## {w.whole_heading}", "", f"| {w.col_document} | {w.col_pages} | {w.col_code} |", "|---|---:|---|"]
        for doc in facts.withheld_whole:
            lines.append(f"| {cell(doc.relpath)} | {doc.pages} | {cell(code_reference(doc.exemption, w))} |")
        lines.append("")
    for exemption in exemptions:
        lines += [f"## {exemption_title(exemption, w, language)}", ""]
        lines += _explanation(exemption, w, language, condition or exemption.condition or "")
        if exemption.qualified:
            lines += _public_interest(exemption, records.get(exemption.code), w)
    lines += [f"## {w.released_heading}", "", f"| {w.col_document} | {w.col_pages} | {w.col_items} |"]
    lines.append("|---|---:|---:|")
    for released in facts.released:
        lines.append(f"| {cell(released.relpath)} | {released.pages} | {released.items} |")
    lines.append("")
    return "\n".join(lines)


def annex_from_outputs(
    out: Path,
    library: Library | None = None,
    language: str = "en",
    categories: Mapping[str, str] | None = None,
    condition: str | None = None,
) -> str:
    """The annex of the output folder OUT, from its published logs and its public interest records."""
    library = library or load_library()
    records = read_public_interest(out, library)
    return render_response_annex(read_facts(out), library, records, language, condition, categories)


def facts_from_results(results: Sequence[DocumentResult]) -> ResponseFacts:
    """Response facts straight from the pipeline's results (for the annex written with the run)."""
    released: list[ReleasedDocument] = []
    counts: dict[tuple[str, str], list[int]] = {}
    per_code: dict[str, int] = {}
    undecided: list[tuple[str, str]] = []
    for r in results:
        if r.status is Status.SKIPPED:
            continue
        if r.status.value != RELEASED:  # a document withheld in full is only known from its log
            undecided.append((r.relpath, r.status.value))
            continue
        redacted = [d for d in r.decisions if d.action is Action.REDACT]
        released.append(ReleasedDocument(r.output_relpath or r.relpath, r.pages, len(redacted)))
        seen: set[tuple[str, str]] = set()
        for code in {d.exemption or "" for d in redacted}:
            per_code[code] = per_code.get(code, 0) + 1
        for d in redacted:
            key = (d.exemption or "", d.category)
            entry = counts.setdefault(key, [0, 0])
            entry[0] += 1
            if key not in seen:
                entry[1] += 1
                seen.add(key)
    items = tuple(WithheldItems(e, c, n, docs) for (e, c), (n, docs) in counts.items())
    return ResponseFacts(tuple(released), (), tuple(undecided), items, tuple(per_code.items()))


def render_annex(results: Sequence[DocumentResult], policy: PolicyConfig) -> str:
    """The annex written with the run (before any review): the pipeline's results, no public interest records yet."""
    return render_response_annex(facts_from_results(results), load_library(), {}, condition=policy.condition)
