"""The invented word lists: names, streets, public bodies, topics. No real personal data."""

from __future__ import annotations

from dataclasses import dataclass


def _words(text: str, sep: str = ",") -> tuple[str, ...]:
    """Split a separated list written as one string (keeps the data tables compact)."""
    return tuple(w.strip() for w in text.split(sep))


# (female forenames, male forenames, surnames) per naming tradition, comma-separated.
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
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
NAMES = {
    tradition: (fem + _MORE_NAMES[tradition][0], male + _MORE_NAMES[tradition][1], sur + _MORE_NAMES[tradition][2])
    for tradition, (fem, male, sur) in NAMES.items()
}

TRADITION_WEIGHTS = {
    "welsh": 10,
    "gaelic": 3,
    "english": 5,
    "south_asian": 3,
    "african": 2,
    "polish": 2,
    "chinese": 2,
}
MIDDLE = ("Rhys", "Ann", "Wyn", "Mair", "James", "Elizabeth", "Rose", "Lee", "John", "Haf")

WELSH_STREETS = _words(
    "Heol y Deri, Ffordd yr Eglwys, Stryd Fawr, Heol y Bont, Lôn Las, Ffordd Glan-y-Môr, Rhodfa'r Castell, "
    "Cilgant y Dderwen, Heol Tŷ Gwyn, Ffordd Pen-y-Bryn, Lôn y Felin, Clos Bryn Onnen, Heol Llanishen Fach, "
    "Maes yr Haf, Ffordd y Gamlas, Stryd y Castell, Rhes Fictoria, Teras Glanrafon, Maes y Llan, Heol Hir, "
    "Lôn Pen-y-Groes, Cwrt yr Orsaf, Llys Glas"
)
ENGLISH_STREETS = _words(
    "Maple Close, Station Road, Church Street, Victoria Terrace, Heather Way, Orchard Rise, Ashfield Avenue, "
    "Mill Lane, Kingfisher Drive, Beechwood Crescent, Harbour View, Alder Grove, Chapel Row, Quarry Lane, "
    "Sycamore Court, Commercial Street, Windsor Road, Greenfield Terrace, Tudor Close, Bryn Road, "
    "St Mary's Street, Coronation Avenue, Hazel Walk"
)
# House names for addresses without a number ("Tŷ Gwyn, Lôn Isaf"); the street after the comma.
HOUSE_NAMES = _words("Tŷ Gwyn, Bryn Awel, Rose Cottage, Hafod Wen, The Old Rectory, Pen y Bryn, Ivy House, Nant y Coed")
HOUSE_STREETS = _words("Lôn Isaf, Heol y Mynydd, Ffordd Uchaf, Church Lane, Mill Road, Lôn Goed")

# Town (a PLACE) -> outward codes of plausible home postcodes.
TOWNS: dict[str, tuple[str, ...]] = {
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
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


@dataclass(frozen=True)
class Org:
    name: str
    welsh: str | None
    address: str
    town: str
    domain: str
    mailbox: str
    sector: str  # council | health | environment | government
    ref_prefix: str


ORGS = (
    Org(
        "Cardiff Council",
        "Cyngor Caerdydd",
        "County Hall, Atlantic Wharf, Cardiff CF10 4UW",
        "Cardiff",
        "cardiff.example.gov.uk",
        "foi@cardiff.example.gov.uk",
        "council",
        "FOI",
    ),
    Org(
        "Swansea Council",
        "Cyngor Abertawe",
        "Civic Centre, Oystermouth Road, Swansea SA1 3SN",
        "Swansea",
        "swansea.example.gov.uk",
        "foi@swansea.example.gov.uk",
        "council",
        "FOI",
    ),
    Org(
        "Wrexham County Borough Council",
        "Cyngor Bwrdeistref Sirol Wrecsam",
        "Guildhall, Wrexham LL11 1AY",
        "Wrexham",
        "wrexham.example.gov.uk",
        "informationrights@wrexham.example.gov.uk",
        "council",
        "IR",
    ),
    Org(
        "Gwynedd Council",
        "Cyngor Gwynedd",
        "Council Offices, Shirehall Street, Caernarfon LL55 1SH",
        "Caernarfon",
        "gwynedd.example.llyw.cymru",
        "rhyddid.gwybodaeth@gwynedd.example.llyw.cymru",
        "council",
        "RG",
    ),
    Org(
        "Ceredigion County Council",
        "Cyngor Sir Ceredigion",
        "Canolfan Rheidol, Rhodfa Padarn, Llanbadarn Fawr, Aberystwyth SY23 3UE",
        "Aberystwyth",
        "ceredigion.example.gov.uk",
        "foi@ceredigion.example.gov.uk",
        "council",
        "FOI",
    ),
    Org(
        "Newport City Council",
        "Cyngor Dinas Casnewydd",
        "Civic Centre, Godfrey Road, Newport NP20 4UR",
        "Newport",
        "newport.example.gov.uk",
        "information.management@newport.example.gov.uk",
        "council",
        "IM",
    ),
    Org(
        "Welsh Government",
        "Llywodraeth Cymru",
        "Cathays Park, Cardiff CF10 3NQ",
        "Cardiff",
        "gov.example.wales",
        "freedom.of.information@gov.example.wales",
        "government",
        "ATISN",
    ),
    Org(
        "Natural Resources Wales",
        "Cyfoeth Naturiol Cymru",
        "Cambria House, 29 Newport Road, Cardiff CF24 0TP",
        "Cardiff",
        "naturalresources.example.wales",
        "foi@naturalresources.example.wales",
        "environment",
        "NRW",
    ),
    Org(
        "Betsi Cadwaladr University Health Board",
        "Bwrdd Iechyd Prifysgol Betsi Cadwaladr",
        "Ysbyty Gwynedd, Penrhosgarnedd, Bangor LL57 2PW",
        "Bangor",
        "bcuhb.example.nhs.wales",
        "bcu.foi@bcuhb.example.nhs.wales",
        "health",
        "FOI",
    ),
    Org(
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
ICO = "Information Commissioner's Office"
ICO_ADDRESS = "Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF"
OTHER_ORGS = _words(
    "HM Revenue and Customs, Department for Work and Pensions, Senedd Cymru, South Wales Police, "
    "Dyfed-Powys Police, North Wales Fire and Rescue Service, Public Health Wales, Care Inspectorate Wales, Estyn, "
    "Dŵr Cymru Welsh Water"
)
WELSH_MONTHS = (
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
NEWSPAPERS = _words(
    "Western Mail, South Wales Echo, South Wales Argus, Daily Post, Cambrian News, Carmarthen Journal, "
    "Wales Online, BBC Cymru Wales, Golwg360, Pembrokeshire Herald"
)
# Job titles are separated by semicolons: some contain commas.
# The senior ones (chief officers, senior civil service): a name written beside one of these is an
# official's acting in their public role, labelled OFFICIAL (released), not PERSON.
JOBS: dict[str, tuple[str, ...]] = {
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
SENIOR_JOBS = frozenset(
    {"Chief Executive", "Corporate Director of Resources", "Deputy Director, Local Government", "Permanent Secretary"}
)
S40 = "section 40(2) of the Freedom of Information Act 2000"
R13 = "Regulation 13 of the Environmental Information Regulations 2004"
S1 = "section 1(1) of the Freedom of Information Act 2000"
R5 = "Regulation 5(1) of the Environmental Information Regulations 2004"
S10 = "section 10 of the Freedom of Information Act 2000"
S17 = "section 17 of the Freedom of Information Act 2000"
S50 = "section 50 of the Freedom of Information Act 2000"
R7 = "Regulation 7 of the Environmental Information Regulations 2004"
ART6 = "Article 6(1)(e) of the UK General Data Protection Regulation"
DPA = "Schedule 1 to the Data Protection Act 2018"
EPA = "section 80 of the Environmental Protection Act 1990"


@dataclass(frozen=True)
class Topic:
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


TOPICS = (
    Topic(
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
    Topic(
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
    Topic(
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
    Topic(
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
    Topic(
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
    Topic(
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
    Topic(
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
    Topic(
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
