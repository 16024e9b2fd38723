"""What every document kind writes with: the context, and the paragraphs kinds share."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from devtools.synthetic.layout import LINES_PER_PAGE, Builder
from devtools.synthetic.values import DOB_STYLES, Person, Values, fmt_date, fmt_dob, rand_date
from devtools.synthetic.words import (
    ART6,
    DPA,
    JOBS,
    OTHER_ORGS,
    R5,
    R13,
    S1,
    S10,
    S17,
    S40,
    SENIOR_JOBS,
    TOWNS,
    Org,
    Topic,
)


@dataclass
class Ctx:
    b: Builder
    v: Values
    org: Org
    topic: Topic
    date: dt.date
    ref: str
    target_pages: int
    date_style: int

    @property
    def rng(self) -> random.Random:
        return self.b.rng

    def d(self, date: dt.date | None = None, style: int | None = None) -> str:
        """Return a labelled date that is not a birth date."""
        chosen = date or rand_date(self.rng, self.date - dt.timedelta(days=200), self.date)
        return self.b.lab(fmt_date(chosen, self.date_style if style is None else style), "DATE")

    def name(self, text: str, chance: float) -> str:
        """Label a name; with probability `chance` force a line break inside it."""
        if " " in text and self.rng.random() < chance:
            return self.b.split(text)
        return self.b.lab(text, "PERSON")

    def later(self, person: Person) -> str:
        """Return the topic's follow-up sentence about `person`, labelled."""
        reg = ""
        if "{REG}" in self.topic.later:
            reg = self.b.lab(self.v.vehicle(), "UK_VEHICLE_REGISTRATION")
        return self.topic.later.format(T=f"{person.title} {self.b.lab(person.surname, 'PERSON')}", REG=reg)

    def dob(self, person: Person) -> str:
        return self.b.lab(fmt_dob(person.dob, self.rng.randrange(DOB_STYLES)), "DATE_OF_BIRTH")

    def statute_request(self) -> str:
        return self.b.lab(R5 if self.topic.eir else S1, "STATUTE")

    def statute_personal(self) -> str:
        return self.b.lab(R13 if self.topic.eir else S40, "STATUTE")

    def job(self, *holder: Person) -> str:
        """A job title; written beside `holder`'s name, a senior one makes them an official."""
        title = self.rng.choice(JOBS[self.org.sector])
        if title in SENIOR_JOBS:
            self.b.officials.extend(p.tokens for p in holder)
        return self.b.lab(title, "JOB_TITLE")

    def official(self, person: Person) -> str:
        """A senior official's full name, written beside their role (a councillor's title)."""
        self.b.officials.append(person.tokens)
        return self.b.lab(person.full, "PERSON")

    def place(self) -> str:
        return self.b.lab(self.rng.choice(list(TOWNS)[:20]), "PLACE")

    def other_ref(self) -> str:
        r, yy = self.rng, self.date.year % 100
        options = [f"CAS-{r.randint(100000, 999999)}", f"COMP-{yy}-{r.randint(1, 9999):04d}"]
        if self.org.sector == "council":
            options += [f"PL/{r.randint(1000, 9999)}/{yy}", f"{yy}/{r.randint(100, 2999):05d}/FUL"]
        elif self.org.sector == "environment":
            options += [f"ENV/{self.date.year}/{r.randint(1, 999):04d}", f"PAN-{r.randint(10000, 99999)}"]
        elif self.org.sector == "health":
            options += [f"DATIX {r.randint(100000, 999999)}", f"CONC/{yy}/{r.randint(1, 9999):04d}"]
        else:
            options += [f"WG{r.randint(10000, 99999)}", f"ATISN {r.randint(10000, 29999)}"]
        return self.b.lab(r.choice(options), "REFERENCE")

    def address_block(self, person: Person) -> tuple[str, str, str]:
        town, postcode = self.v.town_postcode()
        return (
            self.b.lab(self.v.street(house_names=True), "STREET_ADDRESS"),
            self.b.lab(town, "PLACE"),
            self.b.lab(postcode, "UK_POSTCODE"),
        )

    def org_name(self, welsh: bool = False) -> str:
        name = self.org.welsh if welsh and self.org.welsh else self.org.name
        return self.b.lab(name, "ORGANISATION")

    def filler(self, people: Sequence[Person], public: bool = False) -> None:
        """Add paragraphs until the document reaches its target length.

        `public` picks the voice of a member of the public rather than of the public body.
        """
        target = (self.target_pages - 1) * LINES_PER_PAGE + 12
        makers = list(_PUBLIC_FILLERS if public else _FILLERS)
        self.rng.shuffle(makers)
        index = 0
        while self.target_pages > 1 and len(self.b.lines) < target:
            makers[index % len(makers)](self, people)
            index += 1


def _filler_service(c: Ctx, _: Sequence[Person]) -> None:
    c.b.para(
        f"{c.org_name()} aims to answer requests for information promptly and in any event "
        f"within 20 working days, as {c.b.lab(S10, 'STATUTE')} requires. Where we need more "
        f"time to consider the public interest we will say so in writing, and where "
        f"information is withheld we will explain which exemption applies and why, in line "
        f"with {c.b.lab(S17, 'STATUTE')}."
    )


def _filler_visit(c: Ctx, people: Sequence[Person]) -> None:
    who = people[-1] if people else None
    tail = f" {c.b.lab(who.surname, 'PERSON')} was not present on that occasion." if who else ""
    c.b.para(
        f"On {c.d()} officers attended the area again and recorded the conditions they "
        f"found, including photographs and notes of conversations with residents. The "
        f"notes were added to the case file under reference {c.other_ref()}.{tail}"
    )


def _filler_partner(c: Ctx, _: Sequence[Person]) -> None:
    other = c.b.lab(c.rng.choice(OTHER_ORGS), "ORGANISATION")
    c.b.para(
        f"The matter was also raised with {other}, who confirmed on {c.d()} that it falls "
        f"outside their remit. No further information about their involvement is held by "
        f"{c.org_name()}."
    )


def _filler_privacy(c: Ctx, _: Sequence[Person]) -> None:
    c.b.para(
        f"Information about how {c.org_name()} handles personal data is set out in its "
        f"privacy notice, which explains that the lawful basis for processing is "
        f"{c.b.lab(ART6, 'STATUTE')}, together with {c.b.lab(DPA, 'STATUTE')} for special "
        f"category data. Copies are available from "
        f"{c.b.lab(c.org.mailbox, 'PUBLIC_EMAIL')}."
    )


def _filler_welsh(c: Ctx, _: Sequence[Person]) -> None:
    c.b.para(
        f"{c.org_name(welsh=True)} welcomes correspondence in Welsh. We will respond to "
        f"correspondence received in Welsh in Welsh, and corresponding in Welsh will not "
        f"lead to a delay. Rydym yn croesawu gohebiaeth yn Gymraeg."
    )


def _filler_meeting(c: Ctx, people: Sequence[Person]) -> None:
    mention = ""
    if people:
        p = c.rng.choice(list(people))
        mention = (
            f" It was noted that {p.title} {c.b.lab(p.surname, 'PERSON')} had asked to be kept informed of progress."
        )
    c.b.para(
        f"The case was discussed at the {c.place()} area team meeting on {c.d()}. Officers "
        f"agreed to review the available evidence, to check whether any similar reports had "
        f"been received from neighbouring streets, and to report back at the next meeting."
        f"{mention}"
    )


def _filler_chronology(c: Ctx, _: Sequence[Person]) -> None:
    events = (
        "report received by the contact centre",
        "acknowledgement sent",
        "case allocated to an officer",
        "site visit carried out",
        "further information requested",
        "evidence reviewed by the team leader",
        "internal review requested",
        "case closed with advice given",
    )
    chosen = sorted(c.rng.sample(range(len(events)), 4))
    dates = sorted(rand_date(c.rng, c.date - dt.timedelta(days=200), c.date) for _ in chosen)
    c.b.line("Summary of events:")
    for index, date in zip(chosen, dates, strict=True):
        c.b.line(f"- {c.d(date)}: {events[index]}")
    c.b.blank()


def _filler_publication(c: Ctx, _: Sequence[Person]) -> None:
    c.b.para(
        f"Much of the information requested is already published in our disclosure log and "
        f"publication scheme. Copies may be obtained by writing to "
        f"{c.org_name()}, {c.b.lab(c.org.address, 'PUBLIC_ADDRESS')}, quoting reference "
        f"{c.b.lab(c.ref, 'REFERENCE')}."
    )


_FILLERS: tuple[Callable[[Ctx, Sequence[Person]], None], ...] = (
    _filler_service,
    _filler_visit,
    _filler_partner,
    _filler_privacy,
    _filler_welsh,
    _filler_meeting,
    _filler_chronology,
    _filler_publication,
)


def _public_rights(c: Ctx, _: Sequence[Person]) -> None:
    c.b.para(
        f"I understand that you must normally respond within 20 working days under "
        f"{c.b.lab(S10, 'STATUTE')}, and that if you refuse any part of my request you "
        f"must explain why under {c.b.lab(S17, 'STATUTE')}."
    )


def _public_seen(c: Ctx, people: Sequence[Person]) -> None:
    if not people:
        return _public_rights(c, people)
    p = people[0]
    c.b.para(
        f"On {c.d()} I saw {p.title} {c.b.lab(p.surname, 'PERSON')} again, and "
        f"{p.pronoun} told me that nobody from {c.org_name()} had been in touch. I made a "
        f"note of the conversation at the time and can provide a copy if it would help."
    )


def _public_partner(c: Ctx, _: Sequence[Person]) -> None:
    other = c.b.lab(c.rng.choice(OTHER_ORGS), "ORGANISATION")
    c.b.para(
        f"I have also contacted {other}, who told me on {c.d()} that the matter was outside "
        f"their remit and that I should write to {c.org_name()} instead."
    )


def _public_privacy(c: Ctx, _: Sequence[Person]) -> None:
    c.b.para(
        f"I have read your privacy notice, which says that the lawful basis for processing "
        f"is {c.b.lab(ART6, 'STATUTE')}. I do not object to my own details being shared "
        f"with the officers dealing with this, but with nobody else."
    )


def _public_welsh(c: Ctx, _: Sequence[Person]) -> None:
    c.b.para(
        f"I am happy to receive a reply in Welsh or in English. I understand that "
        f"{c.org_name(welsh=True)} welcomes correspondence in Welsh. Diolch yn fawr."
    )


def _public_work(c: Ctx, _: Sequence[Person]) -> None:
    c.b.para(
        f"I work in {c.place()} during the week, so the best time to reach me is after six "
        f"in the evening. I was away from {c.d()} for a fortnight, which is why I did not "
        f"write sooner."
    )


def _public_log(c: Ctx, _: Sequence[Person]) -> None:
    c.b.para(
        f"If some of this is already in your disclosure log, a link will do. When you reply, "
        f"please quote {c.b.lab(c.ref, 'REFERENCE')} so that it reaches the right team."
    )


_PUBLIC_FILLERS: tuple[Callable[[Ctx, Sequence[Person]], None], ...] = (
    _public_rights,
    _public_seen,
    _public_partner,
    _public_privacy,
    _public_welsh,
    _public_work,
    _public_log,
    _filler_chronology,
)
