"""Categories, the generated document type, and text helpers (folding, whitespace)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace

from redactor.evaluate.labels import DocumentLabels, LabelledItem

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
        # A senior official's name beside their role (and its other forms in the document): the
        # seniority rule releases it, as the Commissioner's guidance expects.
        "OFFICIAL",
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
KIND_CYCLE = ("letter", "reply", "memo", "email", "form", "thread", "complaint", "note", "cutting")


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

    def labels(self) -> DocumentLabels:
        """Its labels in the label file's terms."""
        return DocumentLabels(
            kind=self.kind,
            requester=self.requester,
            personal=tuple(i for i in self.items if i.personal),
            non_personal=tuple(i for i in self.items if not i.personal),
            metadata_personal=self.metadata_personal,
        )


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
