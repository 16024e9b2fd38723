"""Deterministic generator of synthetic UK/Welsh FOI correspondence PDFs with labels.

Every person, home address, phone number, e-mail address and identifier is invented from
lists and random numbers in this package: nothing here is real personal data. Public bodies,
places, job titles and statutes are real names, because they are the non-personal text a
redaction tool must leave readable.

Run ``python -m devtools.synthetic OUT_DIR --count N --seed S [--font helv]``.

    text      categories, the document type, folding
    words     the invented word lists, public bodies and topics
    values    random people, dates, numbers and addresses
    layout    wrapping and pages
    context   the context every kind writes with, shared paragraphs
    letters   letter, reply, memo, e-mail printout, form
    threads   e-mail thread, complaint, file note, press cutting
    generate  one consistent document per seed and index
    pdf       PDFs and image-only scans
    corpus    a labelled corpus on disk, and the command line

The seed strings ("redactor.synthetic:...") are part of the output: changing them changes
every generated document, including the committed sample_docs/.
"""

from devtools.synthetic.corpus import synthetic_main, write_corpus
from devtools.synthetic.generate import generate_documents
from devtools.synthetic.pdf import write_pdf, write_scan
from devtools.synthetic.text import (
    FONTS,
    KIND_FOLDERS,
    NON_PERSONAL_CATEGORIES,
    PERSONAL_CATEGORIES,
    SyntheticDocument,
    ascii_fold,
    document_text,
    fold_document,
    nhs_checksum_ok,
    normalise_space,
)
from redactor.evaluate.labels import DocumentLabels, LabelledItem, load_labels

__all__ = [
    "FONTS",
    "KIND_FOLDERS",
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
    "synthetic_main",
    "write_corpus",
    "write_pdf",
    "write_scan",
]
