"""Our recognizers, one per module, grouped like Presidio's predefined_recognizers.

    names/     TitledNameRecognizer, GivenNameRecognizer, FilteredSpacyRecognizer
    uk/        UkPhoneRecognizer, UkStreetAddressRecognizer, HomePostcodeRecognizer,
               CuedIdentifierRecognizer, NhsNumberRecognizer
    contact/   PersonalEmailRecognizer, EmailDisplayNameRecognizer, ObfuscatedEmailRecognizer,
               CuedPhoneRecognizer, OnlineIdentifierRecognizer
    generic/   DateOfBirthRecognizer, LabelledFieldRecognizer, ZipAddressRecognizer

`REGISTRY` maps the names used in `models/recognizers.yaml` (`source: redactor`) to the
classes. To add a recognizer: write a module with a `RuleRecognizer` subclass (its
`Options` model, `setup()` and `analyze()`), and add it to `REGISTRY`.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer

from redactor.detect.recognizers.base import Peers, RecognizerOptions, RuleRecognizer, load_word_list
from redactor.detect.recognizers.contact.cued_phone import CuedPhoneRecognizer
from redactor.detect.recognizers.contact.display_names import EmailDisplayNameRecognizer
from redactor.detect.recognizers.contact.email import PersonalEmailRecognizer
from redactor.detect.recognizers.contact.obfuscated import ObfuscatedEmailRecognizer
from redactor.detect.recognizers.contact.online_ids import OnlineIdentifierRecognizer
from redactor.detect.recognizers.generic.date_of_birth import DateOfBirthRecognizer
from redactor.detect.recognizers.generic.labelled_fields import LabelledFieldRecognizer
from redactor.detect.recognizers.generic.zip_address import ZipAddressRecognizer
from redactor.detect.recognizers.names.given import GivenNameRecognizer
from redactor.detect.recognizers.names.spacy_filtered import FilteredSpacyRecognizer
from redactor.detect.recognizers.names.titled import TitledNameRecognizer
from redactor.detect.recognizers.uk.identifiers import CuedIdentifierRecognizer
from redactor.detect.recognizers.uk.nhs import NhsNumberRecognizer
from redactor.detect.recognizers.uk.phone import UkPhoneRecognizer
from redactor.detect.recognizers.uk.postcode import HomePostcodeRecognizer
from redactor.detect.recognizers.uk.street import UkStreetAddressRecognizer

__all__ = [
    "REGISTRY",
    "CuedIdentifierRecognizer",
    "CuedPhoneRecognizer",
    "DateOfBirthRecognizer",
    "EmailDisplayNameRecognizer",
    "FilteredSpacyRecognizer",
    "GivenNameRecognizer",
    "HomePostcodeRecognizer",
    "LabelledFieldRecognizer",
    "NhsNumberRecognizer",
    "ObfuscatedEmailRecognizer",
    "OnlineIdentifierRecognizer",
    "Peers",
    "PersonalEmailRecognizer",
    "RecognizerOptions",
    "RuleRecognizer",
    "TitledNameRecognizer",
    "UkPhoneRecognizer",
    "UkStreetAddressRecognizer",
    "ZipAddressRecognizer",
    "load_word_list",
]

REGISTRY: dict[str, type[EntityRecognizer]] = {
    cls.__name__: cls
    for cls in (
        CuedIdentifierRecognizer,
        CuedPhoneRecognizer,
        DateOfBirthRecognizer,
        EmailDisplayNameRecognizer,
        FilteredSpacyRecognizer,
        GivenNameRecognizer,
        HomePostcodeRecognizer,
        LabelledFieldRecognizer,
        NhsNumberRecognizer,
        ObfuscatedEmailRecognizer,
        OnlineIdentifierRecognizer,
        PersonalEmailRecognizer,
        TitledNameRecognizer,
        UkPhoneRecognizer,
        UkStreetAddressRecognizer,
        ZipAddressRecognizer,
    )
}
