"""The release-safe annex: why personal data was withheld, in the style of a UK FOI response.

It names the exemption, walks the three-part test in plain words, and gives categories of
data with counts. It never contains a redacted value; it is built from categories and counts
only, so there is nothing to leak (a test holds this).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from redactor.config import PolicyConfig
from redactor.types import Action, DocumentResult, Status

S40_2 = """\
## Section 40(2): personal data of third parties

Some of the information within the scope of your request is the personal data of people other
than you: members of the public and staff whose names, contact details and other identifying
details appear in the correspondence. We have withheld it under section 40(2) of the Freedom of
Information Act 2000, by virtue of the condition in section {condition_ref}: disclosing it would
contravene a data protection principle, namely the principle in Article 5(1)(a) of the UK GDPR
that personal data must be processed lawfully, fairly and in a transparent manner.

A disclosure under the Freedom of Information Act is a disclosure to the world at large, not only
to you. It is lawful only if one of the conditions in Article 6(1) of the UK GDPR applies. The
only condition that could apply is Article 6(1)(f), legitimate interests, which requires us to
consider three questions.

1. **Legitimate interest.** Is a legitimate interest being pursued by the request? We accept that
   there is a legitimate interest in transparency about how public bodies handle correspondence
   and reach their decisions, and that you may have a personal interest in the matter as well.
2. **Necessity.** Is disclosure of the personal data necessary to meet that interest? The
   correspondence itself has been released with only the personal data removed, so what was said
   and decided, and by which organisation, can be seen. Knowing who the private individuals were,
   or how to contact them, would add little to that understanding, and the interest can be met
   by less intrusive means: disclosure of the personal data is not necessary.
3. **Balancing.** Even if disclosure were necessary, would the interest outweigh the rights and
   freedoms of the people concerned? Those individuals wrote to, or were mentioned in
   correspondence with, a public body in the reasonable expectation that their details would not
   be published to the world. Disclosure could cause them distress or unwarranted intrusion, and
   they have not consented to it. We consider that their rights override the legitimate interest.

There is therefore no lawful basis for disclosure, and the information is exempt under section
40(2). This exemption is absolute (section 2(3)(fa)), so no public interest test applies.
"""

S40_1 = """\
## Section 40(1): your own personal data

Some of the withheld information is your own personal data. It is exempt from disclosure under
the Freedom of Information Act by section 40(1). This is not a refusal to let you have it: you
can ask for your own personal data through a subject access request under Article 15 of the UK
GDPR, and we will be happy to help you make one.
"""


def _category_counts(results: Sequence[DocumentResult], exemption: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for r in results:
        for d in r.decisions:
            if d.action is Action.REDACT and d.exemption == exemption:
                counts[d.category] += 1
    return counts


def render_annex(results: Sequence[DocumentResult], policy: PolicyConfig) -> str:
    released = [r for r in results if r.status is Status.RELEASED]
    s402 = _category_counts(released, policy.exemption)
    s401 = _category_counts(released, policy.requester_exemption)
    lines = [
        "# Annex: information withheld under section 40 of the Freedom of Information Act 2000",
        "",
        f"This annex covers {len(released)} released document(s). Each box in them is labelled with the "
        "exemption that applies to the information it covers.",
        "",
        S40_2.format(condition_ref=policy.condition.removeprefix("s")),
    ]
    if s401:
        lines += [S40_1]
    lines += [
        "## Categories of information withheld",
        "",
        "| Category | Exemption | Items withheld |",
        "|---|---|---:|",
    ]
    for exemption, counts in ((policy.exemption, s402), (policy.requester_exemption, s401)):
        for category, n in sorted(counts.items()):
            lines.append(f"| {category} | section {exemption.removeprefix('s')} | {n} |")
    if not (s402 or s401):
        lines.append("| None | | 0 |")
    lines += ["", "## By document", "", "| Document | Pages | Items withheld |", "|---|---:|---:|"]
    for r in released:
        n = sum(1 for d in r.decisions if d.action is Action.REDACT)
        lines.append(f"| {r.output_relpath} | {r.pages} | {n} |")
    lines.append("")
    return "\n".join(lines)
