"""The fixed text of the annex and the letter, in English and in Welsh (a translation made for this project).

Counts are written as "label: N" in Welsh, so that no number has to mutate the noun after it.
Placeholders the officer must fill before sending start with TODO_MARK, so they can be found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Language = Literal["en", "cy"]
TODO_MARK = "[TO COMPLETE"  # every placeholder starts with this (in Welsh too, so a search finds all)


@dataclass(frozen=True)
class Wording:
    section: str
    regulation: str
    # The annex
    annex_title: str
    annex_released: str  # {n}
    annex_withheld: str  # {n}
    boxes_labelled: str
    table_heading: str
    col_information: str
    col_exemption: str
    row_items: str  # {category} {items} {documents}
    row_whole: str  # {relpath} {pages}
    row_none: str
    whole_heading: str
    col_document: str
    col_pages: str
    col_items: str
    col_code: str
    released_heading: str
    pit_heading: str
    pit_release: str
    pit_withholding: str
    pit_conclusion: str
    opinion: str  # {person} {date}
    todo_pit: str  # {reference} {path}
    todo_undecided: str  # {n}
    todo_translate: str
    s40_2_intro: str  # {condition_ref}
    three_part_test: str  # legitimate interest, necessity, balancing (s40(2) and EIR regulation 13 alike)
    s40_2_close: str
    reg13_close: str
    # The letter
    title: str  # {reference}
    foia: str
    eir: str
    date_label: str
    dear: str  # {name}
    dear_todo: str
    received: str  # {date}
    todo_request: str
    our_response: str
    held: str
    not_held: str
    considered: str  # {n}
    released_full: str  # {n}
    released_redacted: str  # {n}
    withheld_whole: str  # {n}
    exemptions_intro: str
    exceptions_intro: str  # the same under the EIR, whose grounds are "exceptions"
    exemption_items: str  # {items} {documents}
    exemption_whole: str  # {n}
    whole_list: str
    nothing_withheld: str
    next_steps: str
    review: str  # {days}
    regulator: str
    regulator_first: str
    website: str
    telephone: str
    email: str
    sign_off: str
    annex_follows: str
    months: tuple[str, ...]


EN = Wording(
    section="section",
    regulation="regulation",
    annex_title="Annex: information withheld and the exemptions applied",
    annex_released="This annex covers {n} released document(s).",
    annex_withheld="{n} document(s) are withheld in full.",
    boxes_labelled="Each box in the released documents is labelled with the exemption that applies to the "
    "information it covers.",
    table_heading="Information being withheld",
    col_information="Information being withheld",
    col_exemption="Section number and exemption name",
    row_items="{category}: {items} item(s) in {documents} document(s)",
    row_whole="The whole of {relpath} ({pages} page(s))",
    row_none="None",
    whole_heading="Documents withheld in full",
    col_document="Document",
    col_pages="Pages",
    col_items="Items withheld",
    col_code="Exemption",
    released_heading="Released documents",
    pit_heading="The public interest test",
    pit_release="In favour of release",
    pit_withholding="In favour of withholding",
    pit_conclusion="Conclusion",
    opinion="The opinion of the qualified person ({person}) on which this exemption rests was given on {date}.",
    todo_pit="[TO COMPLETE BEFORE SENDING: the public interest test for {reference} has not been recorded. "
    "Write it in OUT/{path}.]",
    todo_undecided="[TO COMPLETE BEFORE SENDING: {n} document(s) have no decision yet (they failed, failed "
    "their checks, or need review) and are not covered by this response.]",
    todo_translate="[TO COMPLETE BEFORE SENDING: translate into Welsh.]",
    s40_2_intro="""\
Some of the information within the scope of your request is the personal data of people other
than you: members of the public and staff whose names, contact details and other identifying
details appear in the correspondence. We have withheld it under section 40(2) of the Freedom of
Information Act 2000, by virtue of the condition in section {condition_ref}: disclosing it would
contravene a data protection principle, namely the principle in Article 5(1)(a) of the UK GDPR
that personal data must be processed lawfully, fairly and in a transparent manner.
""",
    three_part_test="""\
A disclosure in answer to an information request is a disclosure to the world at large, not only
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
""",
    s40_2_close="There is therefore no lawful basis for disclosure, and the information is exempt under section "
    "40(2). This exemption is absolute (section 2(3)(fa)), so no public interest test applies.",
    reg13_close="There is therefore no lawful basis for disclosure, and regulation 13 requires us not to "
    "disclose the information.",
    title="Request for information: {reference}",
    foia="Freedom of Information Act 2000",
    eir="Environmental Information Regulations 2004",
    date_label="Date",
    dear="Dear {name},",
    dear_todo="Dear [TO COMPLETE: the requester's name],",
    received="Thank you for your request, which we received on {date}. You asked for the following information:",
    todo_request="[TO COMPLETE BEFORE SENDING: quote the request as received.]",
    our_response="Our response",
    held="We hold information within the scope of your request.",
    not_held="We do not hold information within the scope of your request.",
    considered="We identified {n} document(s) within the scope of your request.",
    released_full="Released in full: {n} document(s).",
    released_redacted="Released with some information withheld: {n} document(s).",
    withheld_whole="Withheld in full: {n} document(s).",
    exemptions_intro="We have withheld information under the following exemptions. Our reasons are set out "
    "in the annex to this letter.",
    exceptions_intro="We have withheld information under the following exceptions. Our reasons are set out "
    "in the annex to this letter.",
    exemption_items="{items} item(s) in {documents} document(s)",
    exemption_whole="{n} document(s) withheld in full",
    whole_list="The documents withheld in full are:",
    nothing_withheld="We are releasing the information in full: nothing has been withheld.",
    next_steps="Next steps",
    review="If you are dissatisfied with the handling of your request, you have the right to ask for an "
    "internal review. Please make your request for an internal review in writing, within {days} working days "
    "of the date of this letter, to:",
    regulator="If you remain dissatisfied after the internal review, you have the right to apply to the "
    "Information Commissioner. You can contact the Commissioner at:",
    regulator_first="The Commissioner will not normally investigate a complaint until it has been through "
    "our internal review procedure.",
    website="Website",
    telephone="Telephone",
    email="E-mail",
    sign_off="Yours sincerely,",
    annex_follows="The annex to this letter explains the exemptions we have applied.",
    months=(
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
    ),
)

CY = Wording(
    section="adran",
    regulation="rheoliad",
    annex_title="Atodiad: gwybodaeth a ataliwyd a'r eithriadau a gymhwyswyd",
    annex_released="Nifer y dogfennau a ryddhawyd y mae'r atodiad hwn yn ymdrin â hwy: {n}.",
    annex_withheld="Nifer y dogfennau a ataliwyd yn llawn: {n}.",
    boxes_labelled="Mae pob blwch yn y dogfennau a ryddhawyd wedi'i labelu â'r eithriad sy'n berthnasol i'r "
    "wybodaeth y mae'n ei chuddio.",
    table_heading="Gwybodaeth sy'n cael ei hatal",
    col_information="Gwybodaeth sy'n cael ei hatal",
    col_exemption="Rhif yr adran ac enw'r eithriad",
    row_items="{category}: nifer yr eitemau: {items}; nifer y dogfennau: {documents}",
    row_whole="Y cyfan o {relpath} (nifer y tudalennau: {pages})",
    row_none="Dim",
    whole_heading="Dogfennau a ataliwyd yn llawn",
    col_document="Dogfen",
    col_pages="Tudalennau",
    col_items="Eitemau a ataliwyd",
    col_code="Eithriad",
    released_heading="Dogfennau a ryddhawyd",
    pit_heading="Prawf budd y cyhoedd",
    pit_release="O blaid rhyddhau",
    pit_withholding="O blaid atal",
    pit_conclusion="Casgliad",
    opinion="Rhoddwyd barn y person cymwys ({person}) y mae'r eithriad hwn yn dibynnu arni ar {date}.",
    todo_pit="[TO COMPLETE BEFORE SENDING / I'W GWBLHAU CYN ANFON: nid yw prawf budd y cyhoedd ar gyfer "
    "{reference} wedi'i gofnodi. Ysgrifennwch ef yn OUT/{path}.]",
    todo_undecided="[TO COMPLETE BEFORE SENDING / I'W GWBLHAU CYN ANFON: nifer y dogfennau heb benderfyniad "
    "eto (wedi methu, wedi methu'r gwiriadau, neu angen adolygiad), nad yw'r ymateb hwn yn ymdrin â hwy: {n}.]",
    todo_translate="[TO COMPLETE BEFORE SENDING / I'W GWBLHAU CYN ANFON: cyfieithu i'r Gymraeg.]",
    s40_2_intro="""\
Mae peth o'r wybodaeth sy'n dod o fewn cwmpas eich cais yn ddata personol am bobl heblaw
amdanoch chi: aelodau o'r cyhoedd a staff y mae eu henwau, eu manylion cyswllt a manylion eraill
sy'n eu hadnabod yn ymddangos yn yr ohebiaeth. Rydym wedi atal y wybodaeth hon o dan adran 40(2)
o Ddeddf Rhyddid Gwybodaeth 2000, yn rhinwedd yr amod yn adran {condition_ref}: byddai ei datgelu
yn mynd yn groes i un o egwyddorion diogelu data, sef yr egwyddor yn Erthygl 5(1)(a) o GDPR y DU
bod yn rhaid prosesu data personol yn gyfreithlon, yn deg ac mewn modd tryloyw.
""",
    three_part_test="""\
Mae datgelu gwybodaeth mewn ymateb i gais am wybodaeth yn golygu ei datgelu i'r byd yn
gyffredinol, nid i chi yn unig. Dim ond os yw un o'r amodau yn Erthygl 6(1) o GDPR y DU yn
berthnasol y mae datgelu'n gyfreithlon. Yr unig amod a allai fod yn berthnasol yw Erthygl 6(1)(f),
buddiannau dilys, ac mae hwnnw'n gofyn inni ystyried tri chwestiwn.

1. **Buddiant dilys.** A yw'r cais yn dilyn buddiant dilys? Rydym yn derbyn bod buddiant dilys
   mewn tryloywder ynghylch y ffordd y mae cyrff cyhoeddus yn ymdrin â gohebiaeth ac yn gwneud eu
   penderfyniadau, ac y gall fod gennych fuddiant personol yn y mater hefyd.
2. **Angenrheidrwydd.** A yw datgelu'r data personol yn angenrheidiol er mwyn diwallu'r buddiant
   hwnnw? Mae'r ohebiaeth ei hun wedi'i rhyddhau, gyda'r data personol yn unig wedi'i dynnu
   ohoni, felly gellir gweld beth a ddywedwyd ac a benderfynwyd, a chan ba sefydliad. Ychydig a
   fyddai gwybod pwy oedd yr unigolion preifat, neu sut i gysylltu â hwy, yn ei ychwanegu at y
   ddealltwriaeth honno, a gellir diwallu'r buddiant mewn ffyrdd llai ymwthiol: nid yw datgelu'r
   data personol yn angenrheidiol.
3. **Cydbwyso.** Hyd yn oed pe bai datgelu'n angenrheidiol, a fyddai'r buddiant yn drech na
   hawliau a rhyddid yr unigolion dan sylw? Ysgrifennodd yr unigolion hynny at gorff cyhoeddus,
   neu fe'u crybwyllwyd mewn gohebiaeth ag ef, gan ddisgwyl yn rhesymol na fyddai eu manylion yn
   cael eu cyhoeddi i'r byd. Gallai datgelu achosi gofid iddynt neu ymyrryd yn ddiangen â'u
   preifatrwydd, ac nid ydynt wedi cydsynio i hynny. Ein barn ni yw bod eu hawliau yn drech na'r
   buddiant dilys.
""",
    s40_2_close="Nid oes sail gyfreithlon felly dros ddatgelu, ac mae'r wybodaeth wedi'i heithrio o dan adran "
    "40(2). Mae'r eithriad hwn yn absoliwt (adran 2(3)(fa)), felly nid yw prawf budd y cyhoedd yn berthnasol.",
    reg13_close="Nid oes sail gyfreithlon felly dros ddatgelu, ac mae rheoliad 13 yn ei gwneud yn ofynnol inni "
    "beidio â datgelu'r wybodaeth.",
    title="Cais am wybodaeth: {reference}",
    foia="Deddf Rhyddid Gwybodaeth 2000",
    eir="Rheoliadau Gwybodaeth Amgylcheddol 2004",
    date_label="Dyddiad",
    dear="Annwyl {name},",
    dear_todo="Annwyl [TO COMPLETE / I'W GWBLHAU: enw'r ceisydd],",
    received="Diolch am eich cais, a ddaeth i law ar {date}. Gofynnoch am y wybodaeth ganlynol:",
    todo_request="[TO COMPLETE BEFORE SENDING / I'W GWBLHAU CYN ANFON: dyfynnwch y cais fel y daeth i law.]",
    our_response="Ein hymateb",
    held="Rydym yn dal gwybodaeth sy'n dod o fewn cwmpas eich cais.",
    not_held="Nid ydym yn dal gwybodaeth sy'n dod o fewn cwmpas eich cais.",
    considered="Nifer y dogfennau a nodwyd sy'n dod o fewn cwmpas eich cais: {n}.",
    released_full="Wedi'u rhyddhau'n llawn: {n}.",
    released_redacted="Wedi'u rhyddhau gyda pheth gwybodaeth wedi'i hatal: {n}.",
    withheld_whole="Wedi'u hatal yn llawn: {n}.",
    exemptions_intro="Rydym wedi atal gwybodaeth o dan yr eithriadau canlynol. Mae ein rhesymau wedi'u nodi yn "
    "yr atodiad i'r llythyr hwn.",
    exceptions_intro="Rydym wedi atal gwybodaeth o dan yr eithriadau canlynol. Mae ein rhesymau wedi'u nodi yn "
    "yr atodiad i'r llythyr hwn.",
    exemption_items="nifer yr eitemau: {items}; nifer y dogfennau: {documents}",
    exemption_whole="nifer y dogfennau a ataliwyd yn llawn: {n}",
    whole_list="Y dogfennau a ataliwyd yn llawn yw:",
    nothing_withheld="Rydym yn rhyddhau'r wybodaeth yn llawn: nid oes dim wedi'i atal.",
    next_steps="Y camau nesaf",
    review="Os ydych yn anfodlon â'r ffordd yr ymdriniwyd â'ch cais, mae gennych hawl i ofyn am adolygiad "
    "mewnol. Gofynnwch am adolygiad mewnol yn ysgrifenedig, cyn pen {days} diwrnod gwaith ar ôl dyddiad y "
    "llythyr hwn, at:",
    regulator="Os ydych yn dal yn anfodlon ar ôl yr adolygiad mewnol, mae gennych hawl i wneud cais i'r "
    "Comisiynydd Gwybodaeth. Gallwch gysylltu â'r Comisiynydd yn:",
    regulator_first="Ni fydd y Comisiynydd fel arfer yn ymchwilio i gŵyn hyd nes iddi fynd drwy ein "
    "gweithdrefn adolygu mewnol.",
    website="Gwefan",
    telephone="Ffôn",
    email="E-bost",
    sign_off="Yn gywir,",
    annex_follows="Mae'r atodiad i'r llythyr hwn yn esbonio'r eithriadau a gymhwyswyd gennym.",
    months=(
        "Ionawr",
        "Chwefror",
        "Mawrth",
        "Ebrill",
        "Mai",
        "Mehefin",
        "Gorffennaf",
        "Awst",
        "Medi",
        "Hydref",
        "Tachwedd",
        "Rhagfyr",
    ),
)

WORDING: dict[str, Wording] = {"en": EN, "cy": CY}


def wording(language: str) -> Wording:
    return WORDING[language]


def long_date(day: date, w: Wording) -> str:
    """3 November 2026, 3 Tachwedd 2026."""
    return f"{day.day} {w.months[day.month - 1]} {day.year}"
