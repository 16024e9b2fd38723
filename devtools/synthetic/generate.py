"""Generation: one consistent document per index, the same for the same seed."""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable

from devtools.synthetic.context import Ctx
from devtools.synthetic.layout import Builder
from devtools.synthetic.letters import make_email, make_form, make_letter, make_memo, make_reply
from devtools.synthetic.text import (
    KIND_CYCLE,
    KIND_FOLDERS,
    SyntheticDocument,
    document_text,
    fold_document,
    normalise_space,
)
from devtools.synthetic.threads import make_complaint, make_cutting, make_note, make_thread
from devtools.synthetic.values import Values, rand_date
from devtools.synthetic.words import ORGS, TOPICS

_MAKERS: dict[str, Callable[[Ctx], tuple[str | None, str, str]]] = {
    "letter": make_letter,
    "reply": make_reply,
    "memo": make_memo,
    "email": make_email,
    "form": make_form,
    "thread": make_thread,
    "complaint": make_complaint,
    "note": make_note,
    "cutting": make_cutting,
}


# --------------------------------------------------------------------------- generation


def _word_in(needle: str, haystack: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack) is not None


def _problems(doc: SyntheticDocument) -> list[str]:
    """List internal inconsistencies: labels not in the text, personal/non-personal overlaps."""
    text = document_text(doc)
    problems = [f"{i.category} {i.text!r} not in text" for i in doc.items if normalise_space(i.text) not in text]
    personal = [i for i in doc.items if i.personal]
    public = [i for i in doc.items if not i.personal]
    for p in personal:
        for n in public:
            if _word_in(p.text, n.text) or _word_in(n.text, p.text):
                problems.append(f"{p.text!r} overlaps {n.text!r}")
    return problems


def _generate_one(index: int, kind: str, seed: int, serial: int) -> SyntheticDocument:
    rng = random.Random(f"redactor.synthetic:{seed}:{index}")
    target_pages = 3 if index % 7 == 5 else 2 if index % 3 == 0 else 1
    for _attempt in range(50):
        topic = rng.choice(TOPICS)
        org = rng.choice([o for o in ORGS if o.sector in topic.sectors])
        date = rand_date(rng, dt.date(2025, 6, 1), dt.date(2026, 5, 29))
        ref = rng.choice(
            (
                f"{org.ref_prefix}-{date.year}-{rng.randint(1, 2999):04d}",
                f"{org.ref_prefix}/{date.year % 100}/{rng.randint(1, 999):03d}",
                f"{org.ref_prefix} {rng.randint(10000, 29999)}",
            )
        )
        builder = Builder(rng)
        ctx = Ctx(builder, Values(rng), org, topic, date, ref, target_pages, rng.choice((0, 0, 1, 2)))
        requester, author, title = _MAKERS[kind](ctx)
        doc = SyntheticDocument(
            relpath=f"{KIND_FOLDERS[kind]}/{kind}_{serial:03d}.pdf",
            kind=kind,
            pages=builder.pages(),
            items=tuple(builder.labelled()),
            metadata_personal=(author,),
            requester=requester,
            title=title,
        )
        if not _problems(doc) and not _problems(fold_document(doc)):
            return doc
    raise RuntimeError(f"could not generate a consistent document {index} for seed {seed}")


def generate_documents(count: int, seed: int = 0) -> list[SyntheticDocument]:
    """Generate `count` documents; the same seed always gives the same documents."""
    if count < 0:
        raise ValueError("count must not be negative")
    serials: dict[str, int] = {}
    docs = []
    for index in range(count):
        kind = KIND_CYCLE[index % len(KIND_CYCLE)]
        serials[kind] = serials.get(kind, 0) + 1
        docs.append(_generate_one(index, kind, seed, serials[kind]))
    return docs
