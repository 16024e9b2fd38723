"""Deterministic generator of synthetic UK/Welsh FOI correspondence PDFs with labels.

Every person, home address, phone number, e-mail address and identifier is invented from
lists and random numbers in this module: nothing here is real personal data. Public bodies,
places, job titles and statutes are real names, because they are the non-personal text a
redaction tool must leave readable.

Run ``python -m devtools.synthetic OUT_DIR --count N --seed S [--font helv]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import pymupdf

from redactor.evaluate.labels import LABELS_FILE, DocumentLabels, LabelledItem, load_labels

# PyMuPDF ships py.typed but leaves most functions unannotated: call it through Any.
_mu: Any = pymupdf

__all__ = [
    "NON_PERSONAL_CATEGORIES",
    "PERSONAL_CATEGORIES",
    "DocumentLabels",
    "LabelledItem",
    "SyntheticDocument",
    "ascii_fold",
    "document_text",
    "fold_document",
    "generate_documents",
    "load_labels",
    "nhs_checksum_ok",
    "normalise_space",
    "write_corpus",
    "write_pdf",
    "write_scan",
]

PERSONAL_CATEGORIES = frozenset(
    {
        "PERSON",
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "UK_NINO",
        "UK_NHS",
        "UK_POSTCODE",
        "STREET_ADDRESS",
        "DATE_OF_BIRTH",
        "UK_PASSPORT",
        "UK_DRIVING_LICENCE",
        "UK_VEHICLE_REGISTRATION",
    }
)
NON_PERSONAL_CATEGORIES = frozenset(
    {
        "ORGANISATION",
        "PLACE",
        "JOB_TITLE",
        "REFERENCE",
        "STATUTE",
        "DATE",
        "PUBLIC_ADDRESS",
        "PUBLIC_EMAIL",
    }
)
FONTS = ("unicode", "helv")
KIND_FOLDERS = {
    "letter": "letters",
    "reply": "replies",
    "memo": "memos",
    "email": "emails",
    "form": "forms",
    "thread": "threads",
    "complaint": "complaints",
    "note": "notes",
    "cutting": "cuttings",
}
_KIND_CYCLE = ("letter", "reply", "memo", "email", "form", "thread", "complaint", "note", "cutting")


# --------------------------------------------------------------------------- public types


@dataclass(frozen=True)
class SyntheticDocument:
    """One generated document: its laid-out lines and its labels."""

    relpath: str
    kind: str
    pages: list[list[str]]
    items: tuple[LabelledItem, ...]
    metadata_personal: tuple[str, ...]
    requester: str | None
    title: str = ""


# --------------------------------------------------------------------------- text helpers

_FOLD = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Ø": "O",
        "ø": "o",
        "ß": "ss",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "–": "-",
        "—": "-",
        "…": "...",
        "£": "GBP ",
        "€": "EUR ",
        "\u00a0": " ",
    }
)


def ascii_fold(text: str) -> str:
    """Transliterate to plain ASCII: drop diacritics (Siân -> Sian, Ł -> L), fold punctuation."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.encode("ascii", "replace").decode("ascii")


def normalise_space(text: str) -> str:
    """Collapse every run of whitespace to one space and strip the ends."""
    return " ".join(text.split())


def document_text(doc: SyntheticDocument) -> str:
    """Return the whole text of a document as written, whitespace-normalised."""
    return normalise_space("\n".join(line for page in doc.pages for line in page))


def nhs_checksum_ok(number: str) -> bool:
    """Check the modulus-11 check digit of a 10-digit NHS number (spaces or hyphens allowed)."""
    digits = number.replace(" ", "").replace("-", "")
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def fold_document(doc: SyntheticDocument) -> SyntheticDocument:
    """Return the document transliterated to ASCII, as the helv writer prints it."""
    seen: dict[tuple[str, str], LabelledItem] = {}
    for item in doc.items:
        folded = LabelledItem(ascii_fold(item.text), item.category, item.personal)
        seen.setdefault((folded.text, folded.category), folded)
    return replace(
        doc,
        pages=[[ascii_fold(line) for line in page] for page in doc.pages],
        items=tuple(seen.values()),
        metadata_personal=tuple(dict.fromkeys(ascii_fold(m) for m in doc.metadata_personal)),
        requester=None if doc.requester is None else ascii_fold(doc.requester),
        title=ascii_fold(doc.title),
    )


# --------------------------------------------------------------------------- invented names


def _words(text: str, sep: str = ",") -> tuple[str, ...]:
    """Split a separated list written as one string (keeps the data tables compact)."""
    return tuple(w.strip() for w in text.split(sep))


# (female forenames, male forenames, surnames) per naming tradition, comma-separated.
_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "welsh": (
        _words(
            "Siân, Gwenllïan, Cerys, Eleri, Bethan, Nia, Rhiannon, Angharad, Heledd, Catrin, Ffion, Carys, Meinir, "
            "Gwyneth, Lowri, Mared, Menna, Dilys, Mabli, Tegwen, Elin, Eirlys"
        ),
        _words(
            "Dafydd, Rhys, Llŷr, Aneurin, Iolo, Geraint, Elis, Owain, Emyr, Tomos, Dylan, Hywel, Gethin, Ieuan, "
            "Alun, Rhodri, Ifan, Gwion, Ynyr, Gruffudd, Deiniol, Steffan"
        ),
        _words(
            "Jones, Williams, Davies, Evans, Thomas, Roberts, Hughes, Lewis, Morgan, Griffiths, Pritchard, Bowen, "
            "Powell, Vaughan, Llewellyn, Rees, Pugh, Parry, Prosser, Howells, Jenkins, Watkins, Owen, ap Gruffydd, "
            "ap Rhys, ab Owain, ab Iorwerth, ap Dafydd, Bowen-Jones, Lloyd-Williams, Tudur, Rhydderch, Llywelyn, "
            "Prydderch"
        ),
    ),
    "gaelic": (
        _words("Niamh, Eilidh, Siobhán, Aoife, Caoimhe, Mhairi, Seonaid, Catrìona, Róisín, Ailsa"),
        _words("Seán, Pádraig, Ruairí, Iain, Ciarán, Oisín, Eoin, Aonghas, Dòmhnall, Cathal"),
        _words(
            "Ó Briain, MacLeòid, Ní Mhurchú, O'Neill, O'Sullivan, MacDonald, McAllister, Ó Súilleabháin, O'Connor, "
            "McLaughlin, Campbell, Fraser, MacAoidh"
        ),
    ),
    "english": (
        _words("Sarah, Emily, Charlotte, Margaret, Susan, Hannah, Joanne, Claire, Lucy, Rebecca, Zoë, Chloë"),
        _words("James, Thomas, Oliver, Peter, Daniel, Kevin, Matthew, Stephen, Graham, Adrian"),
        _words(
            "Smith, Taylor, Brown, Wilson, Johnson, Clarke, Walker, Wright, Robinson, Thompson, Ashworth, "
            "Fairbrother, Harris, Turner, Fox-Talbot, D'Arcy"
        ),
    ),
    "south_asian": (
        _words("Priya, Aisha, Fatima, Harpreet, Sunita, Nusrat, Zainab, Anjali, Shabana, Kiran, Rukhsana"),
        _words("Arjun, Mohammed, Imran, Gurpreet, Rajesh, Tariq, Vikram, Farhan, Sanjay, Bilal"),
        _words(
            "Patel, Khan, Ahmed, Hussain, Begum, Singh, Kaur, Sharma, Chowdhury, Rahman, Iqbal, Malik, Gupta, "
            "Mistry, Sandhu"
        ),
    ),
    "african": (
        _words("Chiamaka, Adaeze, Abena, Nkechi, Amara, Folasade, Thandiwe, Fadumo"),
        _words("Oluwaseun, Kwame, Tendai, Chidi, Yusuf, Ayodele, Kofi, Abdirahman"),
        _words("Okafor, Mensah, Adeyemi, Okonkwo, Osei, Mwangi, Nwosu, Abdi, Boateng, Adebayo, Moyo, Diallo"),
    ),
    "polish": (
        _words("Małgorzata, Zofia, Katarzyna, Agnieszka, Bożena, Żaneta, Joanna"),
        _words("Łukasz, Wojciech, Paweł, Michał, Grzegorz, Jędrzej, Krzysztof"),
        _words(
            "Wiśniewski, Kowalski, Nowak, Wójcik, Kamiński, Lewandowski, Zieliński, Dąbrowski, Szymański, Woźniak, "
            "Kaczmarek, Grabowski"
        ),
    ),
    "chinese": (
        _words("Xiaoling, Mei, Jing, Yan, Xinyi, Hui"),
        _words("Wei, Jun, Zhiwei, Hao, Jianguo, Ming"),
        _words("Wang, Zhang, Liu, Chen, Yang, Huang, Zhao, Zhou, Chan, Wong, Cheung, Ng"),
    ),
}

# More names per tradition, many of them rarer ones, so that the evaluation measures more than
# the common names a gazetteer knows: apostrophes, hyphens, Gaelic and Welsh particles.
_MORE_NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "welsh": (
        _words("Eirwen, Gwenfair, Llio, Sulwen, Nanno, Morwenna, Elliw, Lleucu, Glesni, Mali, Nest, Buddug"),
        _words("Gwydion, Rhydwen, Cynwal, Tudno, Llywarch, Sieffre, Bedwyr, Iestyn, Cai, Macsen, Guto, Osian"),
        _words(
            "ap Siôn, ab Ifan, Gwilym, Cadwaladr, Puw, Bowen-Pryce, Llwyd, Ffowc, Meredith, Humphreys, Beynon, "
            "Gwynne, ap Hywel, Ellis-Jones"
        ),
    ),
    "gaelic": (
        _words("Bláthnaid, Clíodhna, Éabha, Raonaid, Ciorstaidh, Mòrag, Gráinne, Saoirse"),
        _words("Donnchadh, Ruadhán, Fiachra, Gilleasbuig, Tòmas, Tadhg, Lorcan, Ailig"),
        _words("Ó Ceallaigh, Nic Dhòmhnaill, MacCoinnich, O'Brien, Ní Bhriain, Mac Aoidh, O'Donnell, McGregor"),
    ),
    "english": (
        _words("Shannon, Kayla, Kerys, Leanne, Bryony, Imogen, Jodie, Tamsin"),
        _words("Jac, Lewys, Corey, Reece, Callum, Kieran, Jordan, Bradley"),
        _words("Pryce-Jones, Fitzgerald, St John, Ashby-Hughes, Oakley, Ridgeway, Collingwood, Penhaligon"),
    ),
    "south_asian": (
        _words("Tahmina, Navjot, Harleen, Rubina, Shirin, Mehreen, Ishrat, Jasleen"),
        _words("Ehsan, Shakil, Gurbaksh, Mahmud, Aziz, Jaswant, Rafiq, Nadeem"),
        _words("D'Souza, Chaudhry, Siddiqui, Bhatti, Dhillon, Uddin, Miah, Mahmood, Bains, Choudhury"),
    ),
    "african": (
        _words("Oyinkansola, Ngozi, Ebele, Ayotunde, Ifeyinwa, Nosipho"),
        _words("Chukwudi, Olamide, Kwadwo, Tobenna, Oladipo, Babajide"),
        _words("N'Diaye, Oyelaran, Achebe, Asante, Owusu, Ogunleye, Adeyemi-Cole, Eze"),
    ),
    "polish": (
        _words("Bronisława, Ludwika, Genowefa, Jadwiga, Stanisława"),
        _words("Włodzimierz, Bolesław, Lech, Zdzisław, Przemysław"),
        _words("Wróbel, Jabłoński, Pietrzak, Kołodziej, Sikora, Mazur, Król"),
    ),
    "chinese": (
        _words("Shufen, Meiling, Wing-Yee, Xiaofang, Lihua"),
        _words("Xiaodong, Guoqiang, Ka-Wai, Jianhua, Zhiqiang"),
        _words("Lam, Leung, Tang, Lau, Yip, Kwok, Tsang"),
    ),
}
_NAMES = {
    tradition: (fem + _MORE_NAMES[tradition][0], male + _MORE_NAMES[tradition][1], sur + _MORE_NAMES[tradition][2])
    for tradition, (fem, male, sur) in _NAMES.items()
}

_TRADITION_WEIGHTS = {
    "welsh": 10,
    "gaelic": 3,
    "english": 5,
    "south_asian": 3,
    "african": 2,
    "polish": 2,
    "chinese": 2,
}
_MIDDLE = ("Rhys", "Ann", "Wyn", "Mair", "James", "Elizabeth", "Rose", "Lee", "John", "Haf")

_WELSH_STREETS = _words(
    "Heol y Deri, Ffordd yr Eglwys, Stryd Fawr, Heol y Bont, Lôn Las, Ffordd Glan-y-Môr, Rhodfa'r Castell, "
    "Cilgant y Dderwen, Heol Tŷ Gwyn, Ffordd Pen-y-Bryn, Lôn y Felin, Clos Bryn Onnen, Heol Llanishen Fach, "
    "Maes yr Haf, Ffordd y Gamlas, Stryd y Castell, Rhes Fictoria, Teras Glanrafon, Maes y Llan, Heol Hir, "
    "Lôn Pen-y-Groes, Cwrt yr Orsaf, Llys Glas"
)
_ENGLISH_STREETS = _words(
    "Maple Close, Station Road, Church Street, Victoria Terrace, Heather Way, Orchard Rise, Ashfield Avenue, "
    "Mill Lane, Kingfisher Drive, Beechwood Crescent, Harbour View, Alder Grove, Chapel Row, Quarry Lane, "
    "Sycamore Court, Commercial Street, Windsor Road, Greenfield Terrace, Tudor Close, Bryn Road, "
    "St Mary's Street, Coronation Avenue, Hazel Walk"
)
# House names for addresses without a number ("Tŷ Gwyn, Lôn Isaf"); the street after the comma.
_HOUSE_NAMES = _words(
    "Tŷ Gwyn, Bryn Awel, Rose Cottage, Hafod Wen, The Old Rectory, Pen y Bryn, Ivy House, Nant y Coed"
)
_HOUSE_STREETS = _words("Lôn Isaf, Heol y Mynydd, Ffordd Uchaf, Church Lane, Mill Road, Lôn Goed")

# Town (a PLACE) -> outward codes of plausible home postcodes.
_TOWNS: dict[str, tuple[str, ...]] = {
    "Cardiff": ("CF5", "CF11", "CF14", "CF23", "CF24", "CF3"),
    "Penarth": ("CF64",),
    "Barry": ("CF62", "CF63"),
    "Pontypridd": ("CF37",),
    "Caerphilly": ("CF83",),
    "Bridgend": ("CF31",),
    "Merthyr Tydfil": ("CF47",),
    "Swansea": ("SA1", "SA2", "SA5", "SA6"),
    "Llanelli": ("SA14", "SA15"),
    "Carmarthen": ("SA31",),
    "Haverfordwest": ("SA61",),
    "Aberystwyth": ("SY23",),
    "Machynlleth": ("SY20",),
    "Brecon": ("LD3",),
    "Newport": ("NP19", "NP20"),
    "Wrexham": ("LL11", "LL12", "LL13"),
    "Bangor": ("LL57",),
    "Caernarfon": ("LL55",),
    "Llandudno": ("LL30",),
    "Rhyl": ("LL18",),
    "Birmingham": ("B15",),
    "Bristol": ("BS6",),
    "Glasgow": ("G12",),
    "Belfast": ("BT7",),
}
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class _Org:
    name: str
    welsh: str | None
    address: str
    town: str
    domain: str
    mailbox: str
    sector: str  # council | health | environment | government
    ref_prefix: str


_ORGS = (
    _Org(
        "Cardiff Council",
        "Cyngor Caerdydd",
        "County Hall, Atlantic Wharf, Cardiff CF10 4UW",
        "Cardiff",
        "cardiff.example.gov.uk",
        "foi@cardiff.example.gov.uk",
        "council",
        "FOI",
    ),
    _Org(
        "Swansea Council",
        "Cyngor Abertawe",
        "Civic Centre, Oystermouth Road, Swansea SA1 3SN",
        "Swansea",
        "swansea.example.gov.uk",
        "foi@swansea.example.gov.uk",
        "council",
        "FOI",
    ),
    _Org(
        "Wrexham County Borough Council",
        "Cyngor Bwrdeistref Sirol Wrecsam",
        "Guildhall, Wrexham LL11 1AY",
        "Wrexham",
        "wrexham.example.gov.uk",
        "informationrights@wrexham.example.gov.uk",
        "council",
        "IR",
    ),
    _Org(
        "Gwynedd Council",
        "Cyngor Gwynedd",
        "Council Offices, Shirehall Street, Caernarfon LL55 1SH",
        "Caernarfon",
        "gwynedd.example.llyw.cymru",
        "rhyddid.gwybodaeth@gwynedd.example.llyw.cymru",
        "council",
        "RG",
    ),
    _Org(
        "Ceredigion County Council",
        "Cyngor Sir Ceredigion",
        "Canolfan Rheidol, Rhodfa Padarn, Llanbadarn Fawr, Aberystwyth SY23 3UE",
        "Aberystwyth",
        "ceredigion.example.gov.uk",
        "foi@ceredigion.example.gov.uk",
        "council",
        "FOI",
    ),
    _Org(
        "Newport City Council",
        "Cyngor Dinas Casnewydd",
        "Civic Centre, Godfrey Road, Newport NP20 4UR",
        "Newport",
        "newport.example.gov.uk",
        "information.management@newport.example.gov.uk",
        "council",
        "IM",
    ),
    _Org(
        "Welsh Government",
        "Llywodraeth Cymru",
        "Cathays Park, Cardiff CF10 3NQ",
        "Cardiff",
        "gov.example.wales",
        "freedom.of.information@gov.example.wales",
        "government",
        "ATISN",
    ),
    _Org(
        "Natural Resources Wales",
        "Cyfoeth Naturiol Cymru",
        "Cambria House, 29 Newport Road, Cardiff CF24 0TP",
        "Cardiff",
        "naturalresources.example.wales",
        "foi@naturalresources.example.wales",
        "environment",
        "NRW",
    ),
    _Org(
        "Betsi Cadwaladr University Health Board",
        "Bwrdd Iechyd Prifysgol Betsi Cadwaladr",
        "Ysbyty Gwynedd, Penrhosgarnedd, Bangor LL57 2PW",
        "Bangor",
        "bcuhb.example.nhs.wales",
        "bcu.foi@bcuhb.example.nhs.wales",
        "health",
        "FOI",
    ),
    _Org(
        "Cardiff and Vale University Health Board",
        "Bwrdd Iechyd Prifysgol Caerdydd a'r Fro",
        "Woodland House, Maes-y-Coed Road, Cardiff CF14 4HH",
        "Cardiff",
        "cav.example.nhs.wales",
        "foi.cav@cav.example.nhs.wales",
        "health",
        "FOI",
    ),
)
_ICO = "Information Commissioner's Office"
_ICO_ADDRESS = "Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF"
_OTHER_ORGS = _words(
    "HM Revenue and Customs, Department for Work and Pensions, Senedd Cymru, South Wales Police, "
    "Dyfed-Powys Police, North Wales Fire and Rescue Service, Public Health Wales, Care Inspectorate Wales, Estyn, "
    "Dŵr Cymru Welsh Water"
)
_WELSH_MONTHS = (
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
)
# Newspapers and broadcasters quoted in press cuttings (organisations, not personal data).
_NEWSPAPERS = _words(
    "Western Mail, South Wales Echo, South Wales Argus, Daily Post, Cambrian News, Carmarthen Journal, "
    "Wales Online, BBC Cymru Wales, Golwg360, Pembrokeshire Herald"
)
# Job titles are separated by semicolons: some contain commas.
_JOBS: dict[str, tuple[str, ...]] = {
    "council": _words(
        "Head of Planning; Information Rights Officer; Chief Executive; Senior Planning Officer; "
        "Environmental Health Officer; Team Leader, Housing Enforcement; Licensing Manager; Senior Solicitor; "
        "Customer Services Adviser; Data Protection Officer; Corporate Director of Resources; "
        "Swyddog Hawliau Gwybodaeth",
        sep=";",
    ),
    "health": _words(
        "Information Governance Manager; Head of Patient Experience; Concerns Team Officer; Chief Executive; "
        "Data Protection Officer; Directorate Manager, Planned Care; Freedom of Information Officer",
        sep=";",
    ),
    "environment": _words(
        "Environment Officer; Senior Permitting Officer; Information Rights Officer; "
        "Team Leader, Environment Management; Data Protection Officer; Head of Operations",
        sep=";",
    ),
    "government": _words(
        "Freedom of Information Officer; Deputy Director, Local Government; Head of Grants Management; "
        "Senior Policy Adviser; Data Protection Officer; Permanent Secretary",
        sep=";",
    ),
}
_S40 = "section 40(2) of the Freedom of Information Act 2000"
_R13 = "Regulation 13 of the Environmental Information Regulations 2004"
_S1 = "section 1(1) of the Freedom of Information Act 2000"
_R5 = "Regulation 5(1) of the Environmental Information Regulations 2004"
_S10 = "section 10 of the Freedom of Information Act 2000"
_S17 = "section 17 of the Freedom of Information Act 2000"
_S50 = "section 50 of the Freedom of Information Act 2000"
_R7 = "Regulation 7 of the Environmental Information Regulations 2004"
_ART6 = "Article 6(1)(e) of the UK General Data Protection Regulation"
_DPA = "Schedule 1 to the Data Protection Act 2018"
_EPA = "section 80 of the Environmental Protection Act 1990"


@dataclass(frozen=True)
class _Topic:
    sectors: tuple[str, ...]
    eir: bool
    subject: str
    about: str
    neighbour: str  # follows "My neighbour, NAME, of ADDRESS,"
    later: str  # "{T}" = the neighbour's title and surname; "{REG}" = a vehicle registration
    child: str  # follows "my son/daughter NAME"
    asks: tuple[str, ...]

    def about_for(self, my: str) -> str:
        """Return the request's subject matter from the point of view `my` ("my", "your"...)."""
        return self.about.format(my=my)


_TOPICS = (
    _Topic(
        ("council",),
        False,
        "Noise complaints about a neighbouring property",
        "noise complaints and monitoring records for the property next to {my} home",
        "has played amplified music late into the night on most weekends since the summer",
        "{T} also parks a van (registration {REG}) across the pavement outside our house",
        "has struggled to sleep before school and is now very anxious at home",
        (
            "copies of all noise complaints logged about the property since January 2024",
            "the dates on which officers visited or installed noise monitoring equipment",
            "any warning letters or abatement notices served on the occupier",
        ),
    ),
    _Topic(
        ("council",),
        True,
        "Planning application for a neighbouring extension",
        "the planning file for the two-storey extension next to {my} home",
        "has submitted a planning application for a two-storey extension that would overlook our garden",
        "{T} started clearing the site before any decision had been made",
        "can no longer play safely in the garden because of the building works",
        (
            "the case officer's report and any notes of site visits",
            "all consultation responses received about the application",
            "correspondence between the planning department and the applicant's agent",
        ),
    ),
    _Topic(
        ("council", "environment"),
        True,
        "Fly-tipping on a rear lane",
        "reports of fly-tipping, and the enforcement action taken, on the lane behind {my} house",
        "has been seen leaving builders' waste on the lane on at least four occasions",
        "{T} told me that the waste belonged to a contractor (vehicle {REG})",
        "cut a hand on broken glass from one of the piles",
        (
            "the number of fly-tipping reports for the lane in the last two years",
            "any fixed penalty notices issued as a result",
            "photographs taken by enforcement officers",
        ),
    ),
    _Topic(
        ("council",),
        False,
        "Damp and mould in rented flats",
        "housing disrepair inspections of the block of flats where {my} home is",
        "who lives in the flat above ours, has reported the same damp problem many times",
        "{T} has also complained about the landlord's failure to repair the roof",
        "has been admitted to hospital twice with breathing problems this winter",
        (
            "the inspection reports for the building since 2023",
            "any improvement notices served on the landlord",
            "the council's policy on damp and mould in private rented homes",
        ),
    ),
    _Topic(
        ("environment",),
        True,
        "Pollution of a local river",
        "water quality sampling and pollution reports for the river near {my} home",
        "runs a caravan business upstream and I believe waste water is entering the river",
        "{T} has since installed a new pipe which discharges close to the footpath",
        "became unwell after paddling in the river during the school holidays",
        (
            "the results of any water quality samples taken in the last three years",
            "the permit held by the business and any compliance assessments",
            "records of pollution incidents reported by members of the public",
        ),
    ),
    _Topic(
        ("health",),
        False,
        "Waiting times for paediatric appointments",
        "waiting times and cancellations in the paediatric outpatient clinic",
        "who works as a nurse at the hospital, told me that clinics were being cancelled",
        "{T} suggested that I write to the health board directly",
        "has been waiting more than eighteen months for a follow-up appointment",
        (
            "the number of paediatric outpatient clinics cancelled each month in 2025",
            "the current median waiting time for a first appointment",
            "any risk assessments about the length of the waiting list",
        ),
    ),
    _Topic(
        ("council",),
        False,
        "Withdrawal of a school bus route",
        "the decision to withdraw the school bus serving {my} village",
        "whose children travel on the same bus, has also been told that the route will end",
        "{T} was told by a councillor that the decision had already been made",
        "would have to walk more than three miles along an unlit road",
        (
            "the equality impact assessment for the change",
            "the number of pupils who use the route",
            "the cost of the contract in each of the last three years",
        ),
    ),
    _Topic(
        ("government",),
        False,
        "Grant funding for a local business",
        "a business support grant paid to a company in {my} village",
        "is the director of the company that received the grant",
        "{T} has told neighbours that the grant was approved without any site visit",
        "is worried that the new unit will block the footpath to school",
        (
            "the amount of the grant and the date it was paid",
            "the scoring sheet used to assess the application",
            "any monitoring visits carried out after payment",
        ),
    ),
)


# --------------------------------------------------------------------------- random values


@dataclass(frozen=True)
class _Person:
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
        return _name_tokens(f"{self.first} {self.surname} {self.middle or ''}")

    @property
    def pronoun(self) -> str:
        return {"f": "she", "m": "he"}.get(self.sex, "they")


def _name_tokens(text: str) -> set[str]:
    """Return the words of a name that could identify it (longer than two letters)."""
    return {w.casefold() for w in re.split(r"[\s\-']+", text) if len(w) > 2}


def _reserved_words() -> frozenset[str]:
    texts = [o.name for o in _ORGS] + [o.welsh or "" for o in _ORGS] + [o.address for o in _ORGS]
    texts += list(_OTHER_ORGS) + list(_TOWNS) + [t for v in _JOBS.values() for t in v]
    texts += [_ICO, _ICO_ADDRESS, _S40, _R13, _S1, _R5, _S10, _S17, _S50, _R7, _ART6, _DPA, _EPA]
    texts += list(_WELSH_STREETS) + list(_ENGLISH_STREETS) + list(_HOUSE_NAMES) + list(_HOUSE_STREETS)
    texts += list(_NEWSPAPERS) + list(_WELSH_MONTHS)
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
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _fmt_date(d: dt.date, style: int) -> str:
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


def _fmt_dob(d: dt.date, style: int) -> str:
    """A date of birth in one of the ways people write them (a superset of _fmt_date's styles)."""
    if style < 8:
        return _fmt_date(d, style)
    month = _MONTHS[d.month - 1]
    return (
        f"{_ordinal(d.day)} of {month} {d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}",
        f"{month} {_ordinal(d.day)}, {d.year}",
        f"{d.day}-{month[:3]}-{d.year}",
        f"{d.day} {_WELSH_MONTHS[d.month - 1]} {d.year}",
        f"{d.day}.{d.month}.{d.year}",
    )[style - 8]


def _rand_date(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randrange((end - start).days + 1))


class _Values:
    """Random personal values for one document, kept distinct from each other."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: list[_Person] = []
        self._used: set[str] = set()

    def person(self, *, adult: bool = True, surname: str | None = None) -> _Person:
        """Invent a person whose name shares no word with anyone else in the document.

        `surname` makes a relative of someone already invented (only their forename is used).
        """
        rng = self.rng
        shared = _name_tokens(surname) if surname else set()
        for _attempt in range(10_000):
            tradition = rng.choices(list(_TRADITION_WEIGHTS), list(_TRADITION_WEIGHTS.values()))[0]
            females, males, surnames = _NAMES[tradition]
            sex = rng.choices(("f", "m", "x"), (48, 48, 4))[0]
            pool = females if sex == "f" else males if sex == "m" else females + males
            first = rng.choice(pool)
            if surname is None:
                family = _NAMES[rng.choice(list(_NAMES))][2] if rng.random() < 0.15 else surnames
                last = rng.choice(family)
                if sex == "f" and last.endswith(("ski", "cki")):  # Polish feminine form
                    last = last[:-1] + "a"
            else:
                last = surname
            middle = rng.choice(_MIDDLE) if rng.random() < 0.35 else None
            if sex == "f":
                title = rng.choice(("Mrs", "Ms", "Ms", "Miss", "Dr"))
            elif sex == "m":
                title = rng.choice(("Mr", "Mr", "Mr", "Dr"))
            else:
                title = "Mx"
            if adult:
                dob = _rand_date(rng, dt.date(1940, 1, 1), dt.date(2004, 12, 31))
            else:
                dob = _rand_date(rng, dt.date(2011, 1, 1), dt.date(2019, 12, 31))
            person = _Person(first, last, sex, title, middle, dob)
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
            return f"{rng.choice(_HOUSE_NAMES)}, {rng.choice(_HOUSE_STREETS)}"
        streets = _WELSH_STREETS if rng.random() < 0.6 else _ENGLISH_STREETS
        number = f"{rng.randint(1, 148)}{rng.choice(('', '', '', '', 'A', 'B'))}"
        street = f"{number} {rng.choice(streets)}"
        if rng.random() < 0.12:
            return f"{rng.choice(('Flat', 'Flat', 'Fflat', 'Apartment'))} {rng.randint(1, 12)}, {street}"
        return street

    def town_postcode(self) -> tuple[str, str]:
        town = self.rng.choice(list(_TOWNS))
        outward = self.rng.choice(_TOWNS[town])
        inward = f"{self.rng.randint(1, 9)}{self.rng.choice(_INWARD_LETTERS)}{self.rng.choice(_INWARD_LETTERS)}"
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

    def email(self, person: _Person, domain: str | None = None) -> str:
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

    def driving_licence(self, person: _Person) -> str:
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


# --------------------------------------------------------------------------- layout

PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 62.0, 64.0, 56.0
FONT_SIZE, LEADING = 10.5, 14.0
LINES_PER_PAGE = 50
_TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X - 6.0  # a little slack for the helv metrics
_NBSP = "\u00a0"  # joins the words of a labelled item so wrapping never splits it
_FOOTER = re.compile(r"^Page \d+ of \d+$")


@lru_cache(maxsize=1)
def _unicode_font() -> Any:
    """Return MuPDF's built-in Nimbus Sans: Helvetica metrics, covers Welsh, Gaelic and Polish."""
    return _mu.Font("helv")


@lru_cache(maxsize=4096)
def _advance(ch: str) -> float:
    return float(_unicode_font().text_length(ch, fontsize=FONT_SIZE))


def _width(text: str) -> float:
    return sum(_advance(" " if ch == _NBSP else ch) for ch in text)


def _wrap(text: str) -> list[str]:
    words = [w for w in text.split(" ") if w]
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and _width(candidate) > _TEXT_WIDTH:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current or not lines:
        lines.append(current)
    return lines


class _Builder:
    """Accumulates a document's lines and the labels of what it writes."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lines: list[tuple[str, bool]] = []  # (text, keep with next line)
        self.items: dict[tuple[str, str], LabelledItem] = {}

    def lab(self, text: str, category: str) -> str:
        """Record `text` as a labelled item; personal text comes back protected from wrapping."""
        personal = category in PERSONAL_CATEGORIES
        if not personal and category not in NON_PERSONAL_CATEGORIES:
            raise ValueError(f"unknown category {category!r}")
        self.items.setdefault((text, category), LabelledItem(text, category, personal))
        return text.replace(" ", _NBSP) if personal else text

    def split(self, text: str, category: str = "PERSON") -> str:
        """Label `text` but force a line break at its first space (a name over two lines)."""
        return self.lab(text, category).replace(_NBSP, "\n", 1).replace(" ", "\n", 1)

    def line(self, text: str = "") -> None:
        for piece in _wrap(text):
            self.lines.append((piece.replace(_NBSP, " "), False))

    def blank(self) -> None:
        if self.lines and self.lines[-1][0]:
            self.lines.append(("", False))

    def para(self, text: str) -> None:
        segments = text.split("\n")
        for index, segment in enumerate(segments):
            wrapped = _wrap(segment)
            for j, piece in enumerate(wrapped):
                keep = index < len(segments) - 1 and j == len(wrapped) - 1
                self.lines.append((piece.replace(_NBSP, " "), keep))
        self.lines.append(("", False))

    def quoted(self, text: str = "", mark: str = "> ") -> None:
        """A paragraph of a quoted e-mail: every wrapped line starts with the quote mark."""
        if not text:
            self.lines.append((mark.rstrip(), False))
            return
        for piece in _wrap(text):
            self.lines.append((mark + piece.replace(_NBSP, " "), False))

    def pages(self) -> list[list[str]]:
        lines = list(self.lines)
        while lines and not lines[-1][0]:
            lines.pop()
        pages: list[list[str]] = [[]]
        i = 0
        while i < len(lines):
            text, keep = lines[i]
            page = pages[-1]
            room = LINES_PER_PAGE - len(page)
            if room <= 0 or (keep and room == 1):
                pages.append([])
                continue
            if not page and not text:
                i += 1  # no blank line at the top of a page
                continue
            page.append(text)
            i += 1
        if len(pages) > 1:
            for number, page in enumerate(pages, start=1):
                page.append(f"Page {number} of {len(pages)}")
        return pages


# --------------------------------------------------------------------------- document kinds


@dataclass
class _Ctx:
    b: _Builder
    v: _Values
    org: _Org
    topic: _Topic
    date: dt.date
    ref: str
    target_pages: int
    date_style: int

    @property
    def rng(self) -> random.Random:
        return self.b.rng

    def d(self, date: dt.date | None = None, style: int | None = None) -> str:
        """Return a labelled date that is not a birth date."""
        chosen = date or _rand_date(self.rng, self.date - dt.timedelta(days=200), self.date)
        return self.b.lab(_fmt_date(chosen, self.date_style if style is None else style), "DATE")

    def name(self, text: str, chance: float) -> str:
        """Label a name; with probability `chance` force a line break inside it."""
        if " " in text and self.rng.random() < chance:
            return self.b.split(text)
        return self.b.lab(text, "PERSON")

    def later(self, person: _Person) -> str:
        """Return the topic's follow-up sentence about `person`, labelled."""
        reg = ""
        if "{REG}" in self.topic.later:
            reg = self.b.lab(self.v.vehicle(), "UK_VEHICLE_REGISTRATION")
        return self.topic.later.format(T=f"{person.title} {self.b.lab(person.surname, 'PERSON')}", REG=reg)

    def dob(self, person: _Person) -> str:
        return self.b.lab(_fmt_dob(person.dob, self.rng.randrange(DOB_STYLES)), "DATE_OF_BIRTH")

    def statute_request(self) -> str:
        return self.b.lab(_R5 if self.topic.eir else _S1, "STATUTE")

    def statute_personal(self) -> str:
        return self.b.lab(_R13 if self.topic.eir else _S40, "STATUTE")

    def job(self) -> str:
        return self.b.lab(self.rng.choice(_JOBS[self.org.sector]), "JOB_TITLE")

    def place(self) -> str:
        return self.b.lab(self.rng.choice(list(_TOWNS)[:20]), "PLACE")

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

    def address_block(self, person: _Person) -> tuple[str, str, str]:
        town, postcode = self.v.town_postcode()
        return (
            self.b.lab(self.v.street(house_names=True), "STREET_ADDRESS"),
            self.b.lab(town, "PLACE"),
            self.b.lab(postcode, "UK_POSTCODE"),
        )

    def org_name(self, welsh: bool = False) -> str:
        name = self.org.welsh if welsh and self.org.welsh else self.org.name
        return self.b.lab(name, "ORGANISATION")

    def filler(self, people: Sequence[_Person], public: bool = False) -> None:
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


def _filler_service(c: _Ctx, _: Sequence[_Person]) -> None:
    c.b.para(
        f"{c.org_name()} aims to answer requests for information promptly and in any event "
        f"within 20 working days, as {c.b.lab(_S10, 'STATUTE')} requires. Where we need more "
        f"time to consider the public interest we will say so in writing, and where "
        f"information is withheld we will explain which exemption applies and why, in line "
        f"with {c.b.lab(_S17, 'STATUTE')}."
    )


def _filler_visit(c: _Ctx, people: Sequence[_Person]) -> None:
    who = people[-1] if people else None
    tail = f" {c.b.lab(who.surname, 'PERSON')} was not present on that occasion." if who else ""
    c.b.para(
        f"On {c.d()} officers attended the area again and recorded the conditions they "
        f"found, including photographs and notes of conversations with residents. The "
        f"notes were added to the case file under reference {c.other_ref()}.{tail}"
    )


def _filler_partner(c: _Ctx, _: Sequence[_Person]) -> None:
    other = c.b.lab(c.rng.choice(_OTHER_ORGS), "ORGANISATION")
    c.b.para(
        f"The matter was also raised with {other}, who confirmed on {c.d()} that it falls "
        f"outside their remit. No further information about their involvement is held by "
        f"{c.org_name()}."
    )


def _filler_privacy(c: _Ctx, _: Sequence[_Person]) -> None:
    c.b.para(
        f"Information about how {c.org_name()} handles personal data is set out in its "
        f"privacy notice, which explains that the lawful basis for processing is "
        f"{c.b.lab(_ART6, 'STATUTE')}, together with {c.b.lab(_DPA, 'STATUTE')} for special "
        f"category data. Copies are available from "
        f"{c.b.lab(c.org.mailbox, 'PUBLIC_EMAIL')}."
    )


def _filler_welsh(c: _Ctx, _: Sequence[_Person]) -> None:
    c.b.para(
        f"{c.org_name(welsh=True)} welcomes correspondence in Welsh. We will respond to "
        f"correspondence received in Welsh in Welsh, and corresponding in Welsh will not "
        f"lead to a delay. Rydym yn croesawu gohebiaeth yn Gymraeg."
    )


def _filler_meeting(c: _Ctx, people: Sequence[_Person]) -> None:
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


def _filler_chronology(c: _Ctx, _: Sequence[_Person]) -> None:
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
    dates = sorted(_rand_date(c.rng, c.date - dt.timedelta(days=200), c.date) for _ in chosen)
    c.b.line("Summary of events:")
    for index, date in zip(chosen, dates, strict=True):
        c.b.line(f"- {c.d(date)}: {events[index]}")
    c.b.blank()


def _filler_publication(c: _Ctx, _: Sequence[_Person]) -> None:
    c.b.para(
        f"Much of the information requested is already published in our disclosure log and "
        f"publication scheme. Copies may be obtained by writing to "
        f"{c.org_name()}, {c.b.lab(c.org.address, 'PUBLIC_ADDRESS')}, quoting reference "
        f"{c.b.lab(c.ref, 'REFERENCE')}."
    )


_FILLERS: tuple[Callable[[_Ctx, Sequence[_Person]], None], ...] = (
    _filler_service,
    _filler_visit,
    _filler_partner,
    _filler_privacy,
    _filler_welsh,
    _filler_meeting,
    _filler_chronology,
    _filler_publication,
)


def _public_rights(c: _Ctx, _: Sequence[_Person]) -> None:
    c.b.para(
        f"I understand that you must normally respond within 20 working days under "
        f"{c.b.lab(_S10, 'STATUTE')}, and that if you refuse any part of my request you "
        f"must explain why under {c.b.lab(_S17, 'STATUTE')}."
    )


def _public_seen(c: _Ctx, people: Sequence[_Person]) -> None:
    if not people:
        return _public_rights(c, people)
    p = people[0]
    c.b.para(
        f"On {c.d()} I saw {p.title} {c.b.lab(p.surname, 'PERSON')} again, and "
        f"{p.pronoun} told me that nobody from {c.org_name()} had been in touch. I made a "
        f"note of the conversation at the time and can provide a copy if it would help."
    )


def _public_partner(c: _Ctx, _: Sequence[_Person]) -> None:
    other = c.b.lab(c.rng.choice(_OTHER_ORGS), "ORGANISATION")
    c.b.para(
        f"I have also contacted {other}, who told me on {c.d()} that the matter was outside "
        f"their remit and that I should write to {c.org_name()} instead."
    )


def _public_privacy(c: _Ctx, _: Sequence[_Person]) -> None:
    c.b.para(
        f"I have read your privacy notice, which says that the lawful basis for processing "
        f"is {c.b.lab(_ART6, 'STATUTE')}. I do not object to my own details being shared "
        f"with the officers dealing with this, but with nobody else."
    )


def _public_welsh(c: _Ctx, _: Sequence[_Person]) -> None:
    c.b.para(
        f"I am happy to receive a reply in Welsh or in English. I understand that "
        f"{c.org_name(welsh=True)} welcomes correspondence in Welsh. Diolch yn fawr."
    )


def _public_work(c: _Ctx, _: Sequence[_Person]) -> None:
    c.b.para(
        f"I work in {c.place()} during the week, so the best time to reach me is after six "
        f"in the evening. I was away from {c.d()} for a fortnight, which is why I did not "
        f"write sooner."
    )


def _public_log(c: _Ctx, _: Sequence[_Person]) -> None:
    c.b.para(
        f"If some of this is already in your disclosure log, a link will do. When you reply, "
        f"please quote {c.b.lab(c.ref, 'REFERENCE')} so that it reaches the right team."
    )


_PUBLIC_FILLERS: tuple[Callable[[_Ctx, Sequence[_Person]], None], ...] = (
    _public_rights,
    _public_seen,
    _public_partner,
    _public_privacy,
    _public_welsh,
    _public_work,
    _public_log,
    _filler_chronology,
)


_POSSESSIVE = {"she": "her", "he": "his", "they": "their"}


def _child_word(child: _Person) -> str:
    return {"f": "daughter", "m": "son"}.get(child.sex, "child")


def _make_letter(c: _Ctx) -> tuple[str | None, str, str]:
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
        f"This has affected my family. My {_child_word(child)} "
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


def _make_reply(c: _Ctx) -> tuple[str | None, str, str]:
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
        f"{c.job()}, who agreed with this approach. {senior.title} "
        f"{b.lab(senior.surname, 'PERSON')} also asked me to apologise for the delay in "
        f"responding."
    )
    c.filler([third])
    b.para(
        f"If you are dissatisfied with the handling of your request, you may ask for an "
        f"internal review by writing to {b.lab(c.org.mailbox, 'PUBLIC_EMAIL')} within 40 "
        f"working days. If you remain dissatisfied, you may complain to the "
        f"{b.lab(_ICO, 'ORGANISATION')}, {b.lab(_ICO_ADDRESS, 'PUBLIC_ADDRESS')}, under "
        f"{b.lab(_S50, 'STATUTE')}."
    )
    b.line("Yours sincerely,")
    b.blank()
    b.line(b.lab(officer.full, "PERSON"))
    b.line(c.job())
    b.line(f"Direct dial: {b.lab(v.phone(mobile=False), 'PHONE_NUMBER')}")
    b.line(f"E-mail: {b.lab(v.email(officer, c.org.domain), 'EMAIL_ADDRESS')}")
    return requester.full, officer.full, f"Response to request {c.ref}"


def _make_memo(c: _Ctx) -> tuple[str | None, str, str]:
    b, v, rng, t = c.b, c.v, c.rng, c.topic
    author = v.person()
    to = v.person()
    resident = v.person()
    other = v.person()
    child = v.person(adult=False, surname=resident.surname)
    b.line(rng.choice(("INTERNAL MEMORANDUM", "MEMORANDWM MEWNOL / INTERNAL MEMORANDUM", "FILE NOTE")))
    b.line(c.org_name())
    b.blank()
    b.line(f"From: {b.lab(author.full, 'PERSON')}, {c.job()}")
    b.line(f"To: {b.lab(to.initials, 'PERSON')}, {c.job()}")
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
        f"{b.lab(resident.surname, 'PERSON')}'s {_child_word(child)}, "
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


def _make_email(c: _Ctx) -> tuple[str | None, str, str]:
    b, v, rng, t = c.b, c.v, c.rng, c.topic
    me = v.person()
    officer = v.person()
    neighbour = v.person()
    child = v.person(adult=False, surname=me.surname)
    my_email = v.email(me)
    sent = c.date
    earlier = sent - dt.timedelta(days=rng.randint(3, 20))
    b.line(f"From: {b.lab(me.full, 'PERSON')} <{b.lab(my_email, 'EMAIL_ADDRESS')}>")
    b.line(f"Sent: {_WEEKDAYS[sent.weekday()]}, {c.d(sent, 0)} {rng.randint(7, 22):02d}:{rng.randrange(60):02d}")
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
        f"My {_child_word(child)} {b.lab(child.first, 'PERSON')} {t.child}. I would like an "
        f"internal review. You can call me on {b.lab(v.phone(), 'PHONE_NUMBER')} during the "
        f"day."
    )
    b.line(rng.choice(("Regards,", "Diolch,", "Kind regards,", "Best wishes,")))
    b.line(b.lab(me.first, "PERSON"))
    b.blank()
    b.line("-----Original Message-----")
    b.line(f"From: {b.lab(officer.full, 'PERSON')} <{b.lab(v.email(officer, c.org.domain), 'EMAIL_ADDRESS')}>")
    b.line(f"Sent: {_WEEKDAYS[earlier.weekday()]}, {c.d(earlier, 0)} {rng.randint(8, 17):02d}:{rng.randrange(60):02d}")
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
    b.line(c.job())
    b.line(c.org_name())
    b.line(f"Ffôn/Tel: {b.lab(v.phone(mobile=False), 'PHONE_NUMBER')}")
    return me.full, me.full, f"RE: {c.ref}"


def _make_form(c: _Ctx) -> tuple[str | None, str, str]:
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
    first_call = _rand_date(rng, c.date - dt.timedelta(days=120), c.date - dt.timedelta(days=60))
    second_call = _rand_date(rng, c.date - dt.timedelta(days=50), c.date - dt.timedelta(days=1))
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


def _mail_name(c: _Ctx, person: _Person, address: str, *, public: bool = False) -> str:
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


def _sent(c: _Ctx, when: dt.date) -> str:
    return f"{_WEEKDAYS[when.weekday()]}, {c.d(when, 0)} {c.rng.randint(7, 22):02d}:{c.rng.randrange(60):02d}"


def _signature_block(c: _Ctx, person: _Person, address: str) -> None:
    """A public body's e-mail signature: name, role, body, direct line, mobile, address."""
    b, v, rng = c.b, c.v, c.rng
    pronouns = {"f": " (she/her)", "m": " (he/him)"}.get(person.sex, " (they/them)") if rng.random() < 0.3 else ""
    b.line(f"{b.lab(person.full, 'PERSON')}{pronouns}")
    b.line(c.job())
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


def _make_thread(c: _Ctx) -> tuple[str | None, str, str]:
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
        f"I was sorry to read that your {_child_word(child)} {b.lab(child.first, 'PERSON')} {t.child}. "
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
            f"On {_WEEKDAYS[earlier.weekday()][:3]}, {c.d(earlier, 0)} at {rng.randint(7, 22):02d}:"
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


def _make_complaint(c: _Ctx) -> tuple[str | None, str, str]:
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
            f"Yes - my {_child_word(child)}, {b.lab(child.full, 'PERSON')}, date of birth {c.dob(child)}, who "
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


def _make_note(c: _Ctx) -> tuple[str | None, str, str]:
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
    b.line(f"Call taken by: {b.lab(officer.full, 'PERSON')}, {c.job()}")
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
        f"{b.lab(caller.first, 'PERSON')} asked that we do not contact {_POSSESSIVE[pro]} "
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


def _make_cutting(c: _Ctx) -> tuple[str | None, str, str]:
    """A press cutting kept on file: news prose full of names, ages and places."""
    b, v, rng, t = c.b, c.v, c.rng, c.topic
    resident = v.person()
    child = v.person(adult=False, surname=resident.surname)
    neighbour = v.person()
    reporter = v.person()
    councillor = v.person()
    paper = b.lab(rng.choice(_NEWSPAPERS), "ORGANISATION")
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
        f'"My {_child_word(child)} {b.lab(child.first, "PERSON")} {t.child}," said '
        f'{resident.title} {b.lab(resident.surname, "PERSON")}. "Nobody listens."'
    )
    b.para(
        f"Neighbour {b.lab(neighbour.full, 'PERSON')}, {2026 - neighbour.dob.year}, said the problem had gone on "
        f"for years. {neighbour.title} {b.lab(neighbour.surname, 'PERSON')} added that {neighbour.pronoun} had "
        f"written to {b.lab(c.rng.choice(_OTHER_ORGS), 'ORGANISATION')} as well."
    )
    b.para(
        f'Councillor {b.lab(councillor.full, "PERSON")}, who represents the area, said: "I have asked officers '
        f'for a full report." A spokesperson for {c.org_name()} said it could not comment on individual cases.'
    )
    return None, reporter.full, f"Press cutting {c.ref}"


_MAKERS: dict[str, Callable[[_Ctx], tuple[str | None, str, str]]] = {
    "letter": _make_letter,
    "reply": _make_reply,
    "memo": _make_memo,
    "email": _make_email,
    "form": _make_form,
    "thread": _make_thread,
    "complaint": _make_complaint,
    "note": _make_note,
    "cutting": _make_cutting,
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
        topic = rng.choice(_TOPICS)
        org = rng.choice([o for o in _ORGS if o.sector in topic.sectors])
        date = _rand_date(rng, dt.date(2025, 6, 1), dt.date(2026, 5, 29))
        ref = rng.choice(
            (
                f"{org.ref_prefix}-{date.year}-{rng.randint(1, 2999):04d}",
                f"{org.ref_prefix}/{date.year % 100}/{rng.randint(1, 999):03d}",
                f"{org.ref_prefix} {rng.randint(10000, 29999)}",
            )
        )
        builder = _Builder(rng)
        ctx = _Ctx(builder, _Values(rng), org, topic, date, ref, target_pages, rng.choice((0, 0, 1, 2)))
        requester, author, title = _MAKERS[kind](ctx)
        doc = SyntheticDocument(
            relpath=f"{KIND_FOLDERS[kind]}/{kind}_{serial:03d}.pdf",
            kind=kind,
            pages=builder.pages(),
            items=tuple(builder.items.values()),
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
        kind = _KIND_CYCLE[index % len(_KIND_CYCLE)]
        serials[kind] = serials.get(kind, 0) + 1
        docs.append(_generate_one(index, kind, seed, serials[kind]))
    return docs


# --------------------------------------------------------------------------- PDF writing

_FIXED_DATE = "D:20260101000000Z"
_HEX_TJ = re.compile(rb"\[<([0-9A-Fa-f]*)>\]\s*TJ")


def _pdf_literal(raw: bytes) -> bytes:
    """Escape bytes for a PDF literal string, leaving balanced parentheses as they are."""
    unmatched: set[int] = set()
    stack: list[int] = []
    for i, ch in enumerate(raw):
        if ch == 0x28:
            stack.append(i)
        elif ch == 0x29:
            if stack:
                stack.pop()
            else:
                unmatched.add(i)
    unmatched.update(stack)
    out = bytearray()
    for i, ch in enumerate(raw):
        if ch == 0x5C or i in unmatched:
            out.append(0x5C)
        out.append(ch)
    return bytes(out)


def _hex_to_literal(match: re.Match[bytes]) -> bytes:
    return b"(" + _pdf_literal(bytes.fromhex(match.group(1).decode("ascii"))) + b") Tj"


def write_scan(src: Path, dst: Path, dpi: int, rotate: int = 0) -> Path:
    """An image-only copy of `src` at `dpi`, as a scanner makes: no text layer at all.

    With `rotate`, each image is stored turned and shown upright through the page's /Rotate.
    """
    with _mu.open(src) as doc, _mu.open() as out:
        for page in doc:
            pix = page.get_pixmap(dpi=dpi, colorspace=_mu.csGRAY)
            w, h = page.rect.width, page.rect.height
            new = out.new_page(width=h, height=w) if rotate in (90, 270) else out.new_page(width=w, height=h)
            new.insert_image(new.rect, pixmap=pix, rotate=rotate)
            new.set_rotation(rotate)
        dst.parent.mkdir(parents=True, exist_ok=True)
        out.save(dst, garbage=4, deflate=True)
    return dst


def write_pdf(doc: SyntheticDocument, path: Path, font: str = "unicode") -> None:
    """Write `doc` as a PDF at `path`.

    font="unicode" embeds a subset of Nimbus Sans and keeps every diacritic; font="helv" uses
    base-14 Helvetica with ASCII-folded text, written as literal strings in uncompressed
    content streams.
    """
    if font not in FONTS:
        raise ValueError(f"font must be one of {FONTS}, not {font!r}")
    helv = font == "helv"
    if helv:
        doc = fold_document(doc)
    else:
        face = _unicode_font()
        missing = sorted({ch for page in doc.pages for line in page for ch in line if not face.has_glyph(ord(ch))})
        if missing:
            raise ValueError(f"no glyph for {''.join(missing)!r}")
    fontname = "helv" if helv else "FUni"
    pdf = _mu.open()
    try:
        for lines in doc.pages:
            page = pdf.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
            if not helv:
                page.insert_font(fontname=fontname, fontbuffer=_unicode_font().buffer)
            for i, line in enumerate(lines):
                if not line:
                    continue
                footer = len(doc.pages) > 1 and i == len(lines) - 1 and _FOOTER.match(line)
                y = PAGE_HEIGHT - MARGIN_BOTTOM + 20 if footer else MARGIN_TOP + FONT_SIZE + i * LEADING
                page.insert_text((MARGIN_X, y), line, fontname=fontname, fontsize=FONT_SIZE)
            if helv:
                for xref in page.get_contents():
                    stream = _HEX_TJ.sub(_hex_to_literal, pdf.xref_stream(xref))
                    pdf.update_stream(xref, stream, compress=0)
        pdf.set_metadata(
            {
                "title": doc.title,
                "author": doc.metadata_personal[0] if doc.metadata_personal else "",
                "subject": "Synthetic correspondence",
                "keywords": "",
                "creator": "redactor.synthetic",
                "producer": "PyMuPDF",
                "creationDate": _FIXED_DATE,
                "modDate": _FIXED_DATE,
            }
        )
        if not helv:
            pdf.subset_fonts()
        path.parent.mkdir(parents=True, exist_ok=True)
        pdf.save(str(path), garbage=4, deflate=not helv, no_new_id=True)
    finally:
        pdf.close()


# --------------------------------------------------------------------------- labels


def _labels_entry(doc: SyntheticDocument) -> dict[str, Any]:
    def as_list(personal: bool) -> list[dict[str, str]]:
        return [{"text": i.text, "category": i.category} for i in doc.items if i.personal is personal]

    return {
        "kind": doc.kind,
        "requester": doc.requester,
        "personal": as_list(True),
        "non_personal": as_list(False),
        "metadata_personal": list(doc.metadata_personal),
    }


def write_corpus(out_dir: Path, count: int, seed: int = 0, font: str = "unicode") -> Path:
    """Write `count` PDFs under `out_dir` and their labels to out_dir/.labels.json."""
    if font not in FONTS:
        raise ValueError(f"font must be one of {FONTS}, not {font!r}")
    docs = generate_documents(count, seed)
    if font == "helv":
        docs = [fold_document(d) for d in docs]
    for doc in docs:
        write_pdf(doc, out_dir / doc.relpath, font=font)
    labels = {
        "schema": 1,
        "generator": "redactor.synthetic",
        "seed": seed,
        "documents": {d.relpath: _labels_entry(d) for d in sorted(docs, key=lambda d: d.relpath)},
    }
    path = out_dir / LABELS_FILE
    path.write_text(json.dumps(labels, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def synthetic_main(argv: list[str] | None = None) -> int:
    """Write synthetic FOI correspondence PDFs and their labels."""
    parser = argparse.ArgumentParser(
        prog="python -m devtools.synthetic",
        description="Write synthetic FOI correspondence PDFs and their labels.",
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--font", choices=FONTS, default="unicode")
    args = parser.parse_args(argv)
    labels = write_corpus(args.out_dir, args.count, args.seed, args.font)
    print(f"wrote {args.count} documents to {args.out_dir}; labels in {labels}")
    return 0


if __name__ == "__main__":
    raise SystemExit(synthetic_main())
