"""Document kinds: e-mail thread, complaint, file note, press cutting."""

from __future__ import annotations

import datetime as dt

from devtools.synthetic.context import Ctx
from devtools.synthetic.letters import POSSESSIVE, child_word
from devtools.synthetic.values import WEEKDAYS, Person
from devtools.synthetic.words import NEWSPAPERS, OTHER_ORGS


def _mail_name(c: Ctx, person: Person, address: str, *, public: bool = False) -> str:
    """A From/To/Cc value the way mail programs write it: "Name <addr>", "Surname, First <addr>"."""
    rng, b = c.rng, c.b
    mail = b.lab(address, "PUBLIC_EMAIL" if public else "EMAIL_ADDRESS")
    style = rng.random()
    if style < 0.25:
        return f"{b.lab(f'{person.surname}, {person.first}', 'PERSON')} <{mail}>"
    if style < 0.4:
        return f"'{b.lab(person.full, 'PERSON')}' <{mail}>"
    if style < 0.5:
        return f"{b.lab(person.full.upper(), 'PERSON')} <{mail}>"
    return f"{b.lab(person.full, 'PERSON')} <{mail}>"


def _sent(c: Ctx, when: dt.date) -> str:
    return f"{WEEKDAYS[when.weekday()]}, {c.d(when, 0)} {c.rng.randint(7, 22):02d}:{c.rng.randrange(60):02d}"


def _signature_block(c: Ctx, person: Person, address: str) -> None:
    """A public body's e-mail signature: name, role, body, direct line, mobile, address."""
    b, v, rng = c.b, c.v, c.rng
    pronouns = {"f": " (she/her)", "m": " (he/him)"}.get(person.sex, " (they/them)") if rng.random() < 0.3 else ""
    b.line(f"{b.lab(person.full, 'PERSON')}{pronouns}")
    b.line(c.job(person))
    if c.org.welsh and rng.random() < 0.5:
        b.line(f"{c.org_name()} | {c.org_name(welsh=True)}")
    else:
        b.line(c.org_name())
    label = rng.choice(("Direct line", "Tel", "Ffôn/Tel", "Direct dial"))
    b.line(f"{label}: {b.lab(v.phone(mobile=False), 'PHONE_NUMBER')}")
    if rng.random() < 0.5:
        b.line(f"{rng.choice(('Mobile', 'Mob', 'Symudol/Mobile'))}: {b.lab(v.phone(mobile=True), 'PHONE_NUMBER')}")
    b.line(b.lab(address, "EMAIL_ADDRESS"))
    if rng.random() < 0.5:
        b.line(b.lab(c.org.address, "PUBLIC_ADDRESS"))


def make_thread(c: Ctx) -> tuple[str | None, str, str]:
    """An e-mail thread as printed.

    Headers with "Name <address>", a signature block, and the earlier message quoted below it
    ("> " lines or an Outlook "Original Message").
    """
    b, v, rng, t = c.b, c.v, c.rng, c.topic
    me = v.person()
    officer = v.person()
    colleague = v.person()
    neighbour = v.person()
    child = v.person(adult=False, surname=me.surname)
    my_email = v.email(me)
    officer_email = v.email(officer, c.org.domain)
    sent = c.date
    earlier = sent - dt.timedelta(days=rng.randint(2, 12))
    b.line(f"From: {_mail_name(c, officer, officer_email)}")
    b.line(f"Sent: {_sent(c, sent)}")
    b.line(f"To: {_mail_name(c, me, my_email)}")
    cc = [_mail_name(c, colleague, v.email(colleague, c.org.domain))]
    if rng.random() < 0.6:
        team = rng.choice(("Information Rights", "FOI Team", "Rhyddid Gwybodaeth"))
        cc.append(f"{team} <{b.lab(c.org.mailbox, 'PUBLIC_EMAIL')}>")
    b.line(f"Cc: {'; '.join(cc)}")
    b.line(f"Subject: RE: {b.lab(c.ref, 'REFERENCE')} - {t.subject}")
    b.blank()
    if rng.random() < 0.6:
        b.line(f"Dear {b.lab(me.first, 'PERSON')},")
    else:
        b.line(f"{rng.choice(('Hi', 'Hello', 'Dear'))} {me.title} {b.lab(me.surname, 'PERSON')},")
    b.blank()
    b.para(
        f"Thank you for your e-mail of {c.d(earlier)}. I have discussed your request with my colleague "
        f"{b.lab(colleague.first, 'PERSON')}, who is copied in, and we will send a full response by "
        f"{c.d(sent + dt.timedelta(days=20))}."
    )
    b.para(
        f"I was sorry to read that your {child_word(child)} {b.lab(child.first, 'PERSON')} {t.child}. "
        f"Any information about {neighbour.title} {b.lab(neighbour.surname, 'PERSON')} will be considered "
        f"under {c.statute_personal()} before it is released."
    )
    c.filler([neighbour])
    b.line(rng.choice(("Kind regards,", "Best wishes,", "Regards,", "Cofion,", "Many thanks,")))
    b.blank()
    _signature_block(c, officer, officer_email)
    b.blank()
    # The earlier message, quoted.
    mark = "> "
    if rng.random() < 0.5:
        b.line("-----Original Message-----")
        b.line(f"From: {_mail_name(c, me, my_email)}")
        b.line(f"Sent: {_sent(c, earlier)}")
        b.line(f"To: {rng.choice(('Information Rights', 'FOI'))} <{b.lab(c.org.mailbox, 'PUBLIC_EMAIL')}>")
        b.line(f"Subject: {b.lab(c.ref, 'REFERENCE')} - {t.subject}")
        b.blank()
        mark = ""
    else:
        b.line(
            f"On {WEEKDAYS[earlier.weekday()][:3]}, {c.d(earlier, 0)} at {rng.randint(7, 22):02d}:"
            f"{rng.randrange(60):02d}, {b.lab(me.full, 'PERSON')} <{b.lab(my_email, 'EMAIL_ADDRESS')}> wrote:"
        )
    b.quoted(f"Dear {officer.title} {b.lab(officer.surname, 'PERSON')},", mark)
    b.quoted("", mark)
    name = b.lab(neighbour.full, "PERSON")
    b.quoted(
        f"I am writing again about my request for {t.about_for('my')}. My neighbour, {name}, of "
        f"{b.lab(v.street(), 'STREET_ADDRESS')}, {t.neighbour}. {c.later(neighbour)}.",
        mark,
    )
    b.quoted("", mark)
    which = rng.randrange(3)  # only the chosen sentence may label its value
    if which == 0:
        detail = f"My date of birth is {c.dob(me)} if you need it to find my file."
    elif which == 1:
        detail = f"My NHS number is {b.lab(v.nhs(), 'UK_NHS')} if you need it."
    else:
        detail = f"My National Insurance number is {b.lab(v.nino(), 'UK_NINO')}, if that helps."
    b.quoted(f"{detail} {b.lab(neighbour.first, 'PERSON')} has also written to you.", mark)
    b.quoted("", mark)
    b.quoted(rng.choice(("Thanks,", "Regards,", "Diolch,", "Yours sincerely,")), mark)
    b.quoted(b.lab(me.full, "PERSON"), mark)
    town, postcode = v.town_postcode()
    b.quoted(b.lab(v.street(house_names=True), "STREET_ADDRESS"), mark)
    b.quoted(f"{b.lab(town, 'PLACE')} {b.lab(postcode, 'UK_POSTCODE')}", mark)
    b.quoted(f"Mobile: {b.lab(v.phone(mobile=True), 'PHONE_NUMBER')}", mark)
    return me.full, officer.full, f"RE: {c.ref}"


def make_complaint(c: Ctx) -> tuple[str | None, str, str]:
    """A structured complaint form.

    Separate boxes for surname, forenames, address lines, postcode and identifiers, someone
    complained about, and a declaration.
    """
    b, v, rng = c.b, c.v, c.rng
    me = v.person()
    child = v.person(adult=False, surname=me.surname)
    staff = v.person()
    neighbour = v.person()
    b.line(c.org_name())
    if c.org.welsh:
        b.line(c.org_name(welsh=True))
    b.line(rng.choice(("COMPLAINTS FORM", "FFURFLEN GWYNO / COMPLAINTS FORM", "CONCERNS AND COMPLAINTS")))
    b.line(f"Reference: {b.lab(c.ref, 'REFERENCE')}")
    b.blank()
    b.line("Part 1 - Your details")
    b.line(f"Title: {me.title}")
    surname = me.surname.upper() if rng.random() < 0.6 else me.surname
    b.line(f"Surname: {b.lab(surname, 'PERSON')}")
    forenames = f"{me.first} {me.middle}" if me.middle else me.first
    b.line(f"Forename(s): {b.lab(forenames, 'PERSON')}")
    town, postcode = v.town_postcode()
    b.line(f"Address line 1: {b.lab(v.street(house_names=True), 'STREET_ADDRESS')}")
    b.line(f"Town: {b.lab(town, 'PLACE')}")
    b.line(f"Postcode: {b.lab(postcode, 'UK_POSTCODE')}")
    b.line(f"Date of birth: {c.dob(me)}")
    b.line(f"Daytime telephone: {b.lab(v.phone(mobile=False), 'PHONE_NUMBER')}")
    b.line(f"Mobile: {b.lab(v.phone(mobile=True), 'PHONE_NUMBER')}")
    b.line(f"Email: {b.lab(v.email(me), 'EMAIL_ADDRESS')}")
    b.line(f"National Insurance number: {b.lab(v.nino(), 'UK_NINO')}")
    if c.org.sector == "health" or rng.random() < 0.4:
        b.line(f"NHS number (if about health care): {b.lab(v.nhs(), 'UK_NHS')}")
    if rng.random() < 0.3:
        b.line(f"Passport no. (for identification): {b.lab(v.passport(), 'UK_PASSPORT')}")
    b.blank()
    b.line("Part 2 - Are you complaining on behalf of someone else?")
    if rng.random() < 0.6:
        b.para(
            f"Yes - my {child_word(child)}, {b.lab(child.full, 'PERSON')}, date of birth {c.dob(child)}, who "
            f"lives with me."
        )
    else:
        b.para("No.")
    b.line("Part 3 - Who or what is your complaint about?")
    b.line(f"Name of member of staff (if known): {staff.title} {b.lab(staff.full, 'PERSON')}")
    b.line(f"Job title (if known): {c.job()}")
    b.blank()
    b.line("Part 4 - Your complaint")
    b.para(
        f"I first contacted {c.org_name()} on {c.d()} about {c.topic.about_for('my')}. "
        f"{b.lab(staff.first, 'PERSON')} promised to visit {b.lab(neighbour.full, 'PERSON')} but never did, "
        f"and {staff.pronoun} has not returned my calls. {c.later(neighbour)}."
    )
    c.filler([staff, neighbour], public=True)
    b.line("Part 5 - Declaration")
    b.line(f"Signature: {b.lab(me.initials, 'PERSON')}")
    b.line(f"Date: {c.d(c.date)}")
    # The complainant's name is never written whole (surname and forenames are separate boxes).
    return None, me.full, f"Complaint {c.ref}"


def make_note(c: Ctx) -> tuple[str | None, str, str]:
    """An officer's note of a telephone call: caller, who took it, first names in the text."""
    b, v, rng, t = c.b, c.v, c.rng, c.topic
    caller = v.person()
    officer = v.person()
    neighbour = v.person()
    relative = v.person(adult=rng.random() < 0.5, surname=caller.surname)
    b.line(rng.choice(("TELEPHONE NOTE", "NODYN FFÔN / TELEPHONE NOTE", "CASE NOTE", "NOTE OF CALL")))
    b.line(c.org_name())
    b.line(f"Case ref: {b.lab(c.ref, 'REFERENCE')}")
    b.line(f"Date: {c.d(c.date)}  Time: {rng.randint(9, 16):02d}:{rng.randrange(60):02d}")
    caller_name = caller.full if rng.random() < 0.5 else f"{caller.first} {caller.surname.upper()}"
    b.line(f"Caller: {caller.title} {b.lab(caller_name, 'PERSON')}")
    b.line(f"Telephone: {b.lab(v.phone(), 'PHONE_NUMBER')}")
    b.line(f"Call taken by: {b.lab(officer.full, 'PERSON')}, {c.job(officer)}")
    b.blank()
    pro = caller.pronoun
    whose = pro if pro == "their" else "the caller's"
    b.para(
        f"{b.lab(caller.first, 'PERSON')} called about {t.about_for(whose)}. "
        f"{pro.capitalize()} said that {b.lab(neighbour.first, 'PERSON')} "
        f"{b.lab(neighbour.surname, 'PERSON')}, who lives next door, {t.neighbour}."
    )
    relation = {"f": "daughter", "m": "son"}.get(relative.sex, "child") if relative.dob.year > 2005 else "partner"
    b.para(
        f"{b.lab(caller.first, 'PERSON')} asked that we do not contact {POSSESSIVE[pro]} "
        f"{relation}, {b.lab(relative.first, 'PERSON')}, directly. {c.later(neighbour)}."
    )
    b.para(
        f"For security I confirmed the caller's date of birth ({c.dob(caller)}) and postcode "
        f"({b.lab(v.town_postcode()[1], 'UK_POSTCODE')}). I agreed to call back on "
        f"{b.lab(v.phone(mobile=True), 'PHONE_NUMBER')} by {c.d(c.date + dt.timedelta(days=3))}."
    )
    c.filler([neighbour])
    b.line(f"Action: {b.lab(officer.initials, 'PERSON')} to review the file and reply.")
    return caller_name, officer.full, f"Telephone note {c.ref}"


def make_cutting(c: Ctx) -> tuple[str | None, str, str]:
    """A press cutting kept on file: news prose full of names, ages and places."""
    b, v, rng, t = c.b, c.v, c.rng, c.topic
    resident = v.person()
    child = v.person(adult=False, surname=resident.surname)
    neighbour = v.person()
    reporter = v.person()
    councillor = v.person()
    paper = b.lab(rng.choice(NEWSPAPERS), "ORGANISATION")
    b.line(f"{paper}, {c.d()}")
    headline = rng.choice(
        (
            f"FAMILY'S FURY OVER {t.subject.upper()}",
            f"{b.lab(child.first.upper(), 'PERSON')}, {2026 - child.dob.year}, AT CENTRE OF ROW",
            "RESIDENTS DEMAND ANSWERS",
        )
    )
    b.line(headline)
    b.line(f"By {b.lab(reporter.full, 'PERSON')}")
    b.blank()
    family = {"f": "Mother", "m": "Father"}.get(resident.sex, "Parent")
    whose = "their" if resident.pronoun == "they" else "the family's"
    place = c.place()
    b.para(
        f"{family}-of-{rng.choice(('two', 'three'))} {b.lab(resident.full, 'PERSON')}, "
        f"{2026 - resident.dob.year}, of {place}, says {resident.pronoun} has complained to "
        f"{c.org_name()} about {t.about_for(whose)} "
        f"more than a dozen times."
    )
    b.para(
        f'"My {child_word(child)} {b.lab(child.first, "PERSON")} {t.child}," said '
        f'{resident.title} {b.lab(resident.surname, "PERSON")}. "Nobody listens."'
    )
    b.para(
        f"Neighbour {b.lab(neighbour.full, 'PERSON')}, {2026 - neighbour.dob.year}, said the problem had gone on "
        f"for years. {neighbour.title} {b.lab(neighbour.surname, 'PERSON')} added that {neighbour.pronoun} had "
        f"written to {b.lab(c.rng.choice(OTHER_ORGS), 'ORGANISATION')} as well."
    )
    b.para(
        f'Councillor {c.official(councillor)}, who represents the area, said: "I have asked officers '
        f'for a full report." A spokesperson for {c.org_name()} said it could not comment on individual cases.'
    )
    return None, reporter.full, f"Press cutting {c.ref}"
