"""Random values: invented people, dates, phone numbers, identifiers, addresses."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from devtools.synthetic.text import ascii_fold
from devtools.synthetic.words import (
    ART6,
    DPA,
    ENGLISH_STREETS,
    EPA,
    HOUSE_NAMES,
    HOUSE_STREETS,
    ICO,
    ICO_ADDRESS,
    INWARD_LETTERS,
    JOBS,
    MIDDLE,
    NAMES,
    NEWSPAPERS,
    ORGS,
    OTHER_ORGS,
    R5,
    R7,
    R13,
    S1,
    S10,
    S17,
    S40,
    S50,
    TOWNS,
    TRADITION_WEIGHTS,
    WELSH_MONTHS,
    WELSH_STREETS,
)


@dataclass(frozen=True)
class Person:
    first: str
    surname: str
    sex: str  # "f", "m" or "x"
    title: str
    middle: str | None
    dob: dt.date

    @property
    def full(self) -> str:
        return f"{self.first} {self.surname}"

    @property
    def titled(self) -> str:
        return f"{self.title} {self.surname}"

    @property
    def initials(self) -> str:
        middle = f" {self.middle[0]}." if self.middle else ""
        return f"{self.first[0]}.{middle} {self.surname}"

    @property
    def tokens(self) -> set[str]:
        return name_tokens(f"{self.first} {self.surname} {self.middle or ''}")

    @property
    def pronoun(self) -> str:
        return {"f": "she", "m": "he"}.get(self.sex, "they")


def name_tokens(text: str) -> set[str]:
    """Return the words of a name that could identify it (longer than two letters)."""
    return {w.casefold() for w in re.split(r"[\s\-']+", text) if len(w) > 2}


def _reserved_words() -> frozenset[str]:
    texts = [o.name for o in ORGS] + [o.welsh or "" for o in ORGS] + [o.address for o in ORGS]
    texts += list(OTHER_ORGS) + list(TOWNS) + [t for v in JOBS.values() for t in v]
    texts += [ICO, ICO_ADDRESS, S40, R13, S1, R5, S10, S17, S50, R7, ART6, DPA, EPA]
    texts += list(WELSH_STREETS) + list(ENGLISH_STREETS) + list(HOUSE_NAMES) + list(HOUSE_STREETS)
    texts += list(NEWSPAPERS) + list(WELSH_MONTHS)
    return frozenset(w.casefold() for t in texts for w in re.split(r"[\s,\-'()]+", t) if w)


_RESERVED = _reserved_words()
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def fmt_date(d: dt.date, style: int) -> str:
    month = _MONTHS[d.month - 1]
    return (
        f"{d.day} {month} {d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{_ordinal(d.day)} {month} {d.year}",
        d.isoformat(),
        f"{d.day:02d}.{d.month:02d}.{d.year}",
        f"{month} {d.day}, {d.year}",
        f"{d.day} {month[:3]} {d.year}",
        f"{d.day:02d}-{d.month:02d}-{d.year}",
    )[style]


DOB_STYLES = 14


def fmt_dob(d: dt.date, style: int) -> str:
    """A date of birth in one of the ways people write them (a superset of fmt_date's styles)."""
    if style < 8:
        return fmt_date(d, style)
    month = _MONTHS[d.month - 1]
    return (
        f"{_ordinal(d.day)} of {month} {d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        f"{month} {_ordinal(d.day)}, {d.year}",
        f"{d.day}-{month[:3]}-{d.year}",
        f"{d.day} {WELSH_MONTHS[d.month - 1]} {d.year}",
        f"{d.day}.{d.month}.{d.year}",
    )[style - 8]


def rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


class Values:
    """Random personal values for one document, kept distinct from each other."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: list[Person] = []
        self._used: set[str] = set()

    def person(self, *, adult: bool = True, surname: str | None = None) -> Person:
        """Invent a person whose name shares no word with anyone else in the document.

        `surname` makes a relative of someone already invented (only their forename is used).
        """
        rng = self.rng
        shared = name_tokens(surname) if surname else set()
        for _attempt in range(10_000):
            tradition = rng.choices(list(TRADITION_WEIGHTS), list(TRADITION_WEIGHTS.values()))[0]
            females, males, surnames = NAMES[tradition]
            sex = rng.choices(("f", "m", "x"), (48, 48, 4))[0]
            pool = females if sex == "f" else males if sex == "m" else females + males
            first = rng.choice(pool)
            if surname is None:
                family = NAMES[rng.choice(list(NAMES))][2] if rng.random() < 0.15 else surnames
                last = rng.choice(family)
                if sex == "f" and last.endswith(("ski", "cki")):  # Polish feminine form
                    last = last[:-1] + "a"
            else:
                last = surname
            middle = rng.choice(MIDDLE) if rng.random() < 0.35 else None
            if sex == "f":
                title = rng.choice(("Mrs", "Ms", "Ms", "Miss", "Dr"))
            elif sex == "m":
                title = rng.choice(("Mr", "Mr", "Mr", "Dr"))
            else:
                title = "Mx"
            if adult:
                dob = rand_date(rng, dt.date(1940, 1, 1), dt.date(2004, 12, 31))
            else:
                dob = rand_date(rng, dt.date(2011, 1, 1), dt.date(2019, 12, 31))
            person = Person(first, last, sex, title, middle, dob)
            if (person.tokens - shared) & (self._used | _RESERVED):
                continue
            self._used |= person.tokens
            self.people.append(person)
            return person
        raise RuntimeError("ran out of distinct invented names")

    def street(self, *, house_names: bool = False) -> str:
        """A house number and street; sometimes a flat, or (`house_names`) a named house."""
        rng = self.rng
        if house_names and rng.random() < 0.15:
            return f"{rng.choice(HOUSE_NAMES)}, {rng.choice(HOUSE_STREETS)}"
        streets = WELSH_STREETS if rng.random() < 0.6 else ENGLISH_STREETS
        number = f"{rng.randint(1, 148)}{rng.choice(('', '', '', '', 'A', 'B'))}"
        street = f"{number} {rng.choice(streets)}"
        if rng.random() < 0.12:
            return f"{rng.choice(('Flat', 'Flat', 'Fflat', 'Apartment'))} {rng.randint(1, 12)}, {street}"
        return street

    def town_postcode(self) -> tuple[str, str]:
        town = self.rng.choice(list(TOWNS))
        outward = self.rng.choice(TOWNS[town])
        inward = f"{self.rng.randint(1, 9)}{self.rng.choice(INWARD_LETTERS)}{self.rng.choice(INWARD_LETTERS)}"
        return town, f"{outward} {inward}"

    def phone(self, mobile: bool | None = None) -> str:
        rng = self.rng
        n = rng.randrange(1000)
        if mobile is None:
            mobile = rng.random() < 0.5
        if mobile:
            return rng.choice(
                (
                    f"07700 900{n:03d}",
                    f"07700900{n:03d}",
                    f"+44 7700 900{n:03d}",
                    f"+447700900{n:03d}",
                    f"07700 900 {n:03d}",
                    f"+44 (0)7700 900{n:03d}",
                    f"+44 (0) 7700 900 {n:03d}",
                    f"0044 7700 900{n:03d}",
                    f"07700-900-{n:03d}",
                    f"(07700) 900{n:03d}",
                )
            )
        return rng.choice(
            (
                f"029 2018 0{n:03d}",
                f"(029) 2018 0{n:03d}",
                f"+44 (0)29 2018 0{n:03d}",
                f"02920180{n:03d}",
                f"+44 29 2018 0{n:03d}",
                f"0113 496 0{n:03d}",
                f"01632 960{n:03d}",
                f"01632 960 {n:03d}",
                f"020 7946 0{n:03d}",
                f"0161 496 0{n:03d}",
                f"028 9649 6{n:03d}",
                f"01222 555 {n:03d}",
                f"029-2018-0{n:03d}",
                f"(01632) 960{n:03d}",
                f"+44 1632 960{n:03d}",
                f"01632-960-{n:03d}",
                f"0044 29 2018 0{n:03d}",
                f"029 20180{n:03d}",
            )
        )

    def email(self, person: Person, domain: str | None = None) -> str:
        rng = self.rng
        first = person.first.casefold()
        last = re.sub(r"[\s']", "", person.surname.casefold())
        if domain is not None:
            return ascii_fold(f"{first}.{last}@{domain}")
        local = rng.choice(
            (
                f"{first}.{last}{rng.randint(1, 99)}",
                f"{first[0]}{last}",
                f"{last}.{first[0]}",
                f"{first}_{last}",
                f"{first}{rng.randint(1960, 2005)}",
            )
        )
        if rng.random() < 0.8:
            local = ascii_fold(local)
        host = rng.choice(("example.com", "example.org", "example.net", "mail.example.com", "post.example.net"))
        return f"{local}@{host}"

    def nino(self) -> str:
        rng = self.rng
        while True:
            a = rng.choice("ABCEGHJKLMNOPRSTWXYZ")
            b = rng.choice("ABCEGHJKLMNPRSTWXYZ")
            if a + b not in {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"}:
                break
        digits = f"{rng.randrange(10**6):06d}"
        suffix = rng.choice("ABCD")
        return rng.choice(
            (
                f"{a}{b} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}",
                f"{a}{b} {digits[:2]} {digits[2:4]} {digits[4:]} {suffix}",
                f"{a}{b}{digits}{suffix}",
                f"{a}{b}{digits}{suffix}",
                f"{a}{b} {digits} {suffix}",
                f"{a}{b}-{digits[:2]}-{digits[2:4]}-{digits[4:]}-{suffix}",
            )
        )

    def nhs(self) -> str:
        rng = self.rng
        while True:
            body = "999" + f"{rng.randrange(10**6):06d}"  # 999 is the NHS range for test data
            check = 11 - sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True)) % 11
            check = 0 if check == 11 else check
            if check != 10:
                number = f"{body}{check}"
                break
        layout = rng.random()
        if layout < 0.6:
            return f"{number[:3]} {number[3:6]} {number[6:]}"
        if layout < 0.7:
            return f"{number[:3]}-{number[3:6]}-{number[6:]}"
        return number

    def passport(self) -> str:
        return f"{self.rng.randint(1, 9)}{self.rng.randrange(10**8):08d}"

    def driving_licence(self, person: Person) -> str:
        rng = self.rng
        letters = re.sub(r"[^A-Z]", "", ascii_fold(person.surname).upper())
        head = (letters[:5] + "99999")[:5]
        month = person.dob.month + (50 if person.sex == "f" else 0)
        year = f"{person.dob.year % 100:02d}"
        initials = ascii_fold(person.first[0] + (person.middle[0] if person.middle else "9")).upper()
        check = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
        return f"{head}{year[0]}{month:02d}{person.dob.day:02d}{year[1]}{initials}9{check}"

    def vehicle(self) -> str:
        rng = self.rng
        area = "".join(rng.choice("ABCDEFGHJKLMNOPRSTUVWXY") for _ in range(2))
        age = rng.choice(("15", "65", "18", "68", "21", "71", "24", "74", "25"))
        tail = "".join(rng.choice("ABCDEFGHJKLMNOPRSTUVWXY") for _ in range(3))
        return f"{area}{age} {tail}" if rng.random() < 0.8 else f"{area}{age}{tail}"
