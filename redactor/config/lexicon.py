"""Every word list detection and decision share, and the one way words are compared.

The lists live in `models/lexicon.yaml` (validated here) and the gazetteers in text files
(`detection.places`, `detection.given_names`); `load_config` reads them all, so `--config`
can replace any of them. Words are compared after `fold()`: case, apostrophe form and
runs of blanks never matter, and with `ascii=True` neither do diacritics ("Siân" = "Sian").
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from pydantic import BaseModel, ConfigDict

__all__ = ["Gazetteer", "Lexicon", "LexiconFile", "fold", "fold_all", "gazetteer"]

# Letters NFKD does not decompose, as PDFs in base-14 fonts print them.
_FOLD_EXTRA = str.maketrans({"Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d", "ß": "ss"})


def fold(text: str, *, ascii: bool = False) -> str:
    """The comparison key of a word or phrase: case-folded, "’" as "'", blanks collapsed.

    With `ascii`, diacritics are dropped too (Siân -> sian, Łukasz -> lukasz).
    """
    if ascii:
        decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("’", "'").split())


def fold_all(words: Iterable[str]) -> frozenset[str]:
    """The keys of many words, for membership tests."""
    return frozenset(fold(w) for w in words)


class Gazetteer:
    """Words and phrases looked up whole, with `fold`, with or without diacritics."""

    def __init__(self, entries: Iterable[str]) -> None:
        self._keys: frozenset[str] = frozenset(k for e in entries for k in (fold(e), fold(e, ascii=True)))

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str):
            return False
        key = fold(text)
        return key in self._keys or (not key.isascii() and fold(text, ascii=True) in self._keys)

    def __len__(self) -> int:
        return len(self._keys)


@lru_cache(maxsize=16)
def gazetteer(entries: tuple[str, ...]) -> Gazetteer:
    """One Gazetteer per list per process: the recognizers that share a list share its index."""
    return Gazetteer(entries)


class LexiconFile(BaseModel):
    """models/lexicon.yaml. Every list is required: a missing one is a configuration error."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    honorifics: tuple[str, ...]
    name_particles: tuple[str, ...]
    postnominals: tuple[str, ...]
    non_name_words: tuple[str, ...]
    organisation_words: tuple[str, ...]
    towns: tuple[str, ...]
    english_street_types: tuple[str, ...]
    street_only_types: tuple[str, ...]
    welsh_street_words: tuple[str, ...]
    place_elements: tuple[str, ...]
    place_suffixes: tuple[str, ...]
    kin_words: tuple[str, ...]
    months_and_days: tuple[str, ...]
    public_body_words: tuple[str, ...]


class Lexicon(LexiconFile):
    """The lexicon file together with the gazetteers, as the configuration resolved them."""

    places: tuple[str, ...]
    given_names: tuple[str, ...]

    @property
    def place_gazetteer(self) -> Gazetteer:
        return gazetteer(self.places)

    @property
    def given_name_gazetteer(self) -> Gazetteer:
        return gazetteer(self.given_names)

    @property
    def honorific_words(self) -> frozenset[str]:
        """Every word of every honorific, folded ("Rt Hon" gives "rt" and "hon")."""
        return fold_all(w for h in self.honorifics for w in h.split())

    @property
    def not_name_parts(self) -> frozenset[str]:
        """Words never the other half of a name: function, organisation, office, calendar, street."""
        return fold_all(
            (*self.non_name_words, *self.organisation_words, *self.months_and_days, *self.english_street_types)
        )
