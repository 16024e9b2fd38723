"""Document kinds: letter, reply, memo, e-mail printout, form."""

from __future__ import annotations

import datetime as dt

from devtools.synthetic.context import Ctx
from devtools.synthetic.values import WEEKDAYS, Person, rand_date
from devtools.synthetic.words import ICO, ICO_ADDRESS, S50

POSSESSIVE = {"she": "her", "he": "his", "they": "their"}


def child_word(child: Person) -> str:
    return {"f": "daughter", "m": "son"}.get(child.sex, "child")


def make_letter(c: Ctx) -> tuple[str | None, str, str]:
    b, v, rng, t = c.b, c.v, c.rng, c.topic
    me = v.person()
    neighbour = v.person()
    child = v.person(adult=False, surname=me.surname)
    b.line(b.lab(me.full, "PERSON"))
    for part in c.address_block(me):
        b.line(part)
    b.line(f"{rng.choice(('Tel:', 'Telephone:', 'Mobile:', 'Ffôn:'))} {b.lab(v.phone(), 'PHONE_NUMBER')}")
    b.line(b.lab(v.email(me), "EMAIL_ADDRESS"))
    b.blank()
    b.line(c.d(c.date))
    b.blank()
    b.line(b.lab(rng.choice(("Freedom of Information Officer", "Information Rights Officer")), "JOB_TITLE"))
    b.line(c.org_name())
    b.line(b.lab(c.org.address, "PUBLIC_ADDRESS"))
    b.blank()
    b.line(rng.choice(("Dear Sir or Madam,", "Dear Sir/Madam,", "Annwyl Syr/Fadam,")))
    b.blank()
    b.line(f"Request for information: {t.subject}")
    b.blank()
    b.para(
        f"I am writing to ask for information about {t.about_for('my')}. Please treat this letter as a "
        f"request under {c.statute_request()}."
    )
    name = c.name(neighbour.full, 0.5)
    b.para(
        f"My neighbour, {neighbour.title} {name}, of {b.lab(v.street(), 'STREET_ADDRESS')}, "
        f"{t.neighbour}. I first reported this to {c.org_name()} on {c.d()} and was given "
        f"the reference {c.other_ref()}. {c.later(neighbour)}."
    )
    b.para(
        f"This has affected my family. My {child_word(child)} "
        f"{b.lab(child.first, 'PERSON')}, who was born on {c.dob(child)}, {t.child}. "
        f"{b.lab(child.first, 'PERSON')}'s school in {c.place()} is aware of the situation."
    )
    b.line("Please provide:")
    for n, ask in enumerate(t.asks, start=1):
        b.line(f"{n}. {ask[0].upper()}{ask[1:]}.")
    b.blank()
    if rng.random() < 0.5:
        b.para(
            "I understand that some information may need to be with-\nheld, but I would "
            "ask that as much as possible is released."
        )
    c.filler([neighbour], public=True)
    b.para(
        f"I would prefer to receive the information by e-mail. If you need to clarify "
        f"anything, please telephone me on {b.lab(v.phone(), 'PHONE_NUMBER')}. "
        f"I remember that {b.lab(neighbour.first, 'PERSON')} said {neighbour.pronoun} had "
        f"written to you too."
    )
    b.line("Yours faithfully,")
    b.blank()
    b.line(b.lab(me.full, "PERSON"))
    return me.full, me.full, f"Request for information - {c.org.name}"


def make_reply(c: Ctx) -> tuple[str | None, str, str]:
    b, v, rng, t = c.b, c.v, c.rng, c.topic
    officer = v.person()
    requester = v.person()
    third = v.person()
    senior = v.person()
    b.line(c.org_name())
    if c.org.welsh:
        b.line(c.org_name(welsh=True))
    b.line(b.lab(c.org.address, "PUBLIC_ADDRESS"))
    b.line(f"E-mail: {b.lab(c.org.mailbox, 'PUBLIC_EMAIL')}")
    b.blank()
    b.line(f"Our ref: {b.lab(c.ref, 'REFERENCE')}")
    if rng.random() < 0.5:
        b.line(f"Your ref: {c.other_ref()}")
    b.line(f"Date: {c.d(c.date)}")
    b.blank()
    if rng.random() < 0.7:
        b.line(f"{requester.title} {b.lab(requester.full, 'PERSON')}")
        for part in c.address_block(requester):
            b.line(part)
    else:
        b.line(f"{b.lab(requester.full, 'PERSON')}")
        b.line(f"By e-mail: {b.lab(v.email(requester), 'EMAIL_ADDRESS')}")
    b.blank()
    b.line(f"Dear {requester.title} {b.lab(requester.surname, 'PERSON')},")
    b.blank()
    b.line(f"Request for information - {b.lab(c.ref, 'REFERENCE')}")
    b.blank()
    received = c.date - dt.timedelta(days=rng.randint(8, 27))
    b.para(
        f"Thank you for your request received on {c.d(received)}, in which you asked for "
        f"{t.about_for('your')}. Your request has been handled under {c.statute_request()}."
    )
    b.para(
        f"I can confirm that {c.org_name()} holds information falling within the scope of "
        f"your request. Our response to each part is set out below."
    )
    for n, ask in enumerate(t.asks, start=1):
        b.para(
            f"{n}. You asked for {ask}. "
            + rng.choice(
                (
                    "The information is enclosed.",
                    "A summary is provided in the attached table.",
                    "This information is not held.",
                    "Some of this information has been withheld, as explained below.",
                )
            )
        )
    third_name = c.name(third.full, 0.5)
    b.para(
        f"Some of the information relates to an identifiable individual, {third.title} "
        f"{third_name}. We consider that disclosure of {third.title} "
        f"{b.lab(third.surname, 'PERSON')}'s details would be unfair and would contravene "
        f"the data protection principles. The information is therefore withheld under "
        f"{c.statute_personal()}."
    )
    b.para(
        f"The handling of your request was reviewed by {b.lab(senior.full, 'PERSON')}, "
        f"{c.job(senior)}, who agreed with this approach. {senior.title} "
        f"{b.lab(senior.surname, 'PERSON')} also asked me to apologise for the delay in "
        f"responding."
    )
    c.filler([third])
    b.para(
        f"If you are dissatisfied with the handling of your request, you may ask for an "
        f"internal review by writing to {b.lab(c.org.mailbox, 'PUBLIC_EMAIL')} within 40 "
        f"working days. If you remain dissatisfied, you may complain to the "
        f"{b.lab(ICO, 'ORGANISATION')}, {b.lab(ICO_ADDRESS, 'PUBLIC_ADDRESS')}, under "
        f"{b.lab(S50, 'STATUTE')}."
    )
    b.line("Yours sincerely,")
    b.blank()
    b.line(b.lab(officer.full, "PERSON"))
    b.line(c.job(officer))
    b.line(f"Direct dial: {b.lab(v.phone(mobile=False), 'PHONE_NUMBER')}")
    b.line(f"E-mail: {b.lab(v.email(officer, c.org.domain), 'EMAIL_ADDRESS')}")
    return requester.full, officer.full, f"Response to request {c.ref}"


def make_memo(c: Ctx) -> tuple[str | None, str, str]:
    b, v, rng, t = c.b, c.v, c.rng, c.topic
    author = v.person()
    to = v.person()
    resident = v.person()
    other = v.person()
    child = v.person(adult=False, surname=resident.surname)
    b.line(rng.choice(("INTERNAL MEMORANDUM", "MEMORANDWM MEWNOL / INTERNAL MEMORANDUM", "FILE NOTE")))
    b.line(c.org_name())
    b.blank()
    b.line(f"From: {b.lab(author.full, 'PERSON')}, {c.job(author)}")
    b.line(f"To: {b.lab(to.initials, 'PERSON')}, {c.job(to)}")
    if rng.random() < 0.5:
        b.line(f"Cc: {b.lab(other.initials, 'PERSON')}")
    b.line(f"Date: {c.d(c.date)}")
    b.line(f"Subject: {t.subject} - {b.lab(c.ref, 'REFERENCE')}")
    b.line("Classification: OFFICIAL-SENSITIVE")
    b.blank()
    b.line("1. Background")
    b.line(f"Case: {b.lab(f'{resident.surname.upper()}, {resident.first}', 'PERSON')} (DOB {c.dob(resident)})")
    street, town, postcode = c.address_block(resident)
    b.line(f"Address: {street}, {town} {postcode}")
    if rng.random() < 0.6:
        b.line(f"NI number: {b.lab(v.nino(), 'UK_NINO')}")
    b.line(f"Tel: {b.lab(v.phone(), 'PHONE_NUMBER')}")
    b.blank()
    b.para(
        f"On {c.d()} {resident.title} {b.lab(resident.full, 'PERSON')} contacted the team "
        f"about {t.about_for('the resident' + chr(39) + 's')}. The complaint concerns the "
        f"occupier of the neighbouring property, "
        f"{c.name(other.full.upper(), 0.4)}, "
        f"{t.neighbour if t.neighbour.startswith('who') else 'who ' + t.neighbour}."
    )
    b.line("2. Actions")
    b.para(
        f"I visited with {b.lab(to.first, 'PERSON')} on {c.d()}. {resident.title} "
        f"{b.lab(resident.surname, 'PERSON')}'s {child_word(child)}, "
        f"{b.lab(child.first, 'PERSON')}, was present for part of the visit. "
        f"{b.lab(other.surname, 'PERSON')} was not at home. We left a card asking "
        f"{b.lab(other.first, 'PERSON')} to contact the office."
    )
    if rng.random() < 0.5:
        b.para(
            "The photographs taken during the visit show significant deterio-\nration since the previous inspection."
        )
    b.line("3. Recommendation")
    b.para(
        f"Please treat this note as confidential. It should not be disclosed in response to "
        f"any request without first considering {c.statute_personal()}. "
        f"{b.lab(resident.first, 'PERSON')} has asked for a call back on "
        f"{b.lab(v.phone(mobile=True), 'PHONE_NUMBER')}."
    )
    c.filler([resident, other])
    b.line(b.lab(author.initials, "PERSON"))
    return (resident.full if rng.random() < 0.7 else None), author.full, f"File note {c.ref}"


def make_email(c: Ctx) -> tuple[str | None, str, str]:
    b, v, rng, t = c.b, c.v, c.rng, c.topic
    me = v.person()
    officer = v.person()
    neighbour = v.person()
    child = v.person(adult=False, surname=me.surname)
    my_email = v.email(me)
    sent = c.date
    earlier = sent - dt.timedelta(days=rng.randint(3, 20))
    b.line(f"From: {b.lab(me.full, 'PERSON')} <{b.lab(my_email, 'EMAIL_ADDRESS')}>")
    b.line(f"Sent: {WEEKDAYS[sent.weekday()]}, {c.d(sent, 0)} {rng.randint(7, 22):02d}:{rng.randrange(60):02d}")
    b.line(f"To: Information Rights <{b.lab(c.org.mailbox, 'PUBLIC_EMAIL')}>")
    b.line(f"Subject: RE: {b.lab(c.ref, 'REFERENCE')} - {t.subject}")
    b.blank()
    b.line(f"Dear {b.lab(officer.first, 'PERSON')},")
    b.blank()
    b.para(
        f"Thank you for your reply of {c.d(earlier)}. I am not satisfied with it. You say "
        f"that the names of the people involved must be withheld under "
        f"{c.statute_personal()}, but {neighbour.title} {c.name(neighbour.full, 0.4)} "
        f"has told everyone on the street about the complaint. {c.later(neighbour)}."
    )
    b.para(
        f"My {child_word(child)} {b.lab(child.first, 'PERSON')} {t.child}. I would like an "
        f"internal review. You can call me on {b.lab(v.phone(), 'PHONE_NUMBER')} during the "
        f"day."
    )
    b.line(rng.choice(("Regards,", "Diolch,", "Kind regards,", "Best wishes,")))
    b.line(b.lab(me.first, "PERSON"))
    b.blank()
    b.line("-----Original Message-----")
    b.line(f"From: {b.lab(officer.full, 'PERSON')} <{b.lab(v.email(officer, c.org.domain), 'EMAIL_ADDRESS')}>")
    b.line(f"Sent: {WEEKDAYS[earlier.weekday()]}, {c.d(earlier, 0)} {rng.randint(8, 17):02d}:{rng.randrange(60):02d}")
    b.line(f"To: {b.lab(my_email, 'EMAIL_ADDRESS')}")
    b.line(f"Subject: {b.lab(c.ref, 'REFERENCE')} - {t.subject}")
    b.blank()
    b.line(f"Dear {me.title} {b.lab(me.surname, 'PERSON')},")
    b.blank()
    b.para(
        f"Please find attached our response to your request for information about "
        f"{t.about_for('your')}. Some names have been removed under {c.statute_personal()}."
    )
    c.filler([neighbour])
    b.line("Kind regards,")
    b.line(b.lab(officer.full, "PERSON"))
    b.line(c.job(officer))
    b.line(c.org_name())
    b.line(f"Ffôn/Tel: {b.lab(v.phone(mobile=False), 'PHONE_NUMBER')}")
    return me.full, me.full, f"RE: {c.ref}"


def make_form(c: Ctx) -> tuple[str | None, str, str]:
    b, v, rng = c.b, c.v, c.rng
    me = v.person()
    staff = v.person()
    neighbour = v.person()
    receiver = v.person()
    b.line(c.org_name())
    if c.org.welsh:
        b.line(c.org_name(welsh=True))
    b.line(rng.choice(("COMPLAINT FORM", "FFURFLEN GWYNO / COMPLAINT FORM", "CONCERNS FORM")))
    b.line("Please complete all sections. Use BLOCK CAPITALS where possible.")
    b.line(f"Reference: {b.lab(c.ref, 'REFERENCE')}")
    b.blank()
    b.line("Section 1: Your details")
    b.line(f"Title: {me.title}")
    name = me.full.upper() if rng.random() < 0.4 else me.full
    b.line(f"Name: {b.lab(name, 'PERSON')}")
    street, town, postcode = c.address_block(me)
    b.line(f"Address: {street}, {town}, {postcode}")
    b.line(f"Date of birth: {c.dob(me)}")
    b.line(f"NI number: {b.lab(v.nino(), 'UK_NINO')}")
    if c.org.sector == "health" or rng.random() < 0.5:
        b.line(f"NHS number: {b.lab(v.nhs(), 'UK_NHS')}")
    b.line(f"Telephone: {b.lab(v.phone(mobile=False), 'PHONE_NUMBER')}")
    b.line(f"Mobile: {b.lab(v.phone(mobile=True), 'PHONE_NUMBER')}")
    b.line(f"E-mail: {b.lab(v.email(me), 'EMAIL_ADDRESS')}")
    if rng.random() < 0.6:
        b.line(f"Vehicle registration (if relevant): {b.lab(v.vehicle(), 'UK_VEHICLE_REGISTRATION')}")
    if rng.random() < 0.5:
        b.line(f"Driving licence number: {b.lab(v.driving_licence(me), 'UK_DRIVING_LICENCE')}")
    else:
        b.line(f"Passport number (proof of identity): {b.lab(v.passport(), 'UK_PASSPORT')}")
    b.blank()
    b.line("Section 2: Details of your complaint")
    first_call = rand_date(rng, c.date - dt.timedelta(days=120), c.date - dt.timedelta(days=60))
    second_call = rand_date(rng, c.date - dt.timedelta(days=50), c.date - dt.timedelta(days=1))
    b.para(
        f"On {c.d(first_call)} I contacted {c.org_name()} about {c.topic.about_for('my')}. The "
        f"member of staff I spoke to, {c.name(staff.full, 0.4)}, told me that nothing could be done "
        f"until my neighbour, {b.lab(neighbour.full, 'PERSON')}, had been interviewed. "
        f"{staff.title} {b.lab(staff.surname, 'PERSON')} said that someone would call me "
        f"back within a week, but nobody did."
    )
    b.para(
        f"When I called again on {c.d(second_call)}, I was told that {b.lab(staff.first, 'PERSON')} "
        f"had left and that my case had not been passed on. {neighbour.title} "
        f"{b.lab(neighbour.surname, 'PERSON')} has since told me that {neighbour.pronoun} "
        f"was never contacted at all."
    )
    b.line("Section 3: What would resolve your complaint?")
    b.para("An apology, a named officer to deal with the case, and a written explanation of what will happen next.")
    c.filler([staff, neighbour], public=True)
    b.line("Section 4: Declaration")
    b.line("I confirm that the information I have given is correct.")
    b.line(f"Signed: {b.lab(me.full, 'PERSON')}")
    b.line(f"Date: {c.d(c.date)}")
    b.blank()
    b.line(
        f"Office use only: received {c.d(c.date + dt.timedelta(days=rng.randint(1, 5)))} "
        f"by {b.lab(receiver.initials, 'PERSON')}; logged as {c.other_ref()}"
    )
    return me.full, me.full, f"Complaint form {c.ref}"
