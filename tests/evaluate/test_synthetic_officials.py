"""The generator labels senior officials' names beside their role, and their other mentions, OFFICIAL.

The seniority rule releases such names, so they are labelled to stay (non-personal); a junior
officer's name stays PERSON.
"""

from __future__ import annotations

import random
import re

from devtools.synthetic import NON_PERSONAL_CATEGORIES, generate_documents, normalise_space
from devtools.synthetic.layout import Builder
from devtools.synthetic.values import name_tokens
from devtools.synthetic.words import SENIOR_JOBS


def test_every_mention_of_an_official_is_relabelled() -> None:
    b = Builder(random.Random(1))
    for text in ("Sarah Wynne Robinson", "S. W. Robinson", "Robinson", "Sarah", "Tomos Robin", "Ms Robinson-Jones"):
        b.lab(text, "PERSON")
    b.lab("Chief Executive", "JOB_TITLE")
    b.officials.append(name_tokens("Sarah Wynne Robinson"))
    labels = {i.text: (i.category, i.personal) for i in b.labelled()}
    for text in ("Sarah Wynne Robinson", "S. W. Robinson", "Robinson", "Sarah"):
        assert labels[text] == ("OFFICIAL", False), text
    assert labels["Tomos Robin"] == ("PERSON", True) and labels["Ms Robinson-Jones"] == ("PERSON", True)
    assert labels["Chief Executive"] == ("JOB_TITLE", False)
    assert "OFFICIAL" in NON_PERSONAL_CATEGORIES


def test_generated_officials_are_those_beside_a_senior_role() -> None:
    docs = generate_documents(45, seed=2026)
    senior = "|".join(re.escape(j) for j in sorted(SENIOR_JOBS, key=len, reverse=True))
    beside = re.compile(rf"(?:From|To|Call taken by): (.+?), (?:{senior})\b|Councillor (\S+ \S+), who")
    found = 0
    for doc in docs:
        officials = {i.text for i in doc.items if i.category == "OFFICIAL"}
        personal = {i.text for i in doc.items if i.personal}
        assert not officials & personal, doc.relpath
        for line in (normalise_space(line) for page in doc.pages for line in page):
            m = beside.search(line)
            if m:
                found += 1
                assert (m.group(1) or m.group(2)) in officials, (doc.relpath, line)
        junior = re.compile(r"From: (.+?), (?!" + senior + r")")
        for line in (normalise_space(line) for page in doc.pages for line in page):
            m = junior.match(line)
            if m and not officials:
                assert m.group(1) in personal, (doc.relpath, line)
    assert found >= 3
