"""Tests for the synthetic correspondence generator (devtools.synthetic)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pymupdf
import pytest

from devtools.synthetic import (
    KIND_FOLDERS,
    NON_PERSONAL_CATEGORIES,
    PERSONAL_CATEGORIES,
    DocumentLabels,
    ascii_fold,
    generate_documents,
    load_labels,
    nhs_checksum_ok,
    normalise_space,
    write_corpus,
    write_pdf,
)
from devtools.synthetic import synthetic_main as main
from redactor.evaluate.labels import LABELS_FILE

SEED = 11
COUNT = 15
NINO = re.compile(r"^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$")
POSTCODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}$")
VEHICLE = re.compile(r"^[A-Z]{2}\d{2} ?[A-Z]{3}$")
LICENCE = re.compile(r"^[A-Z9]{5}\d[0156]\d[0-3]\d\d[A-Z9]{2}9[A-Z]{2}$")


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The same corpus written once with each font."""
    out = {}
    for font in ("unicode", "helv"):
        root = tmp_path_factory.mktemp(font)
        write_corpus(root, COUNT, seed=SEED, font=font)
        out[font] = root
    return out


def _pdf_text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return normalise_space("\n".join(page.get_text() for page in doc))


def _all_labels(labels: DocumentLabels) -> tuple[tuple[str, str], ...]:
    return tuple((i.text, i.category) for i in labels.personal + labels.non_personal)


def test_same_seed_gives_identical_labels_and_pdfs(tmp_path: Path, corpora: dict[str, Path]) -> None:
    again = write_corpus(tmp_path / "again", COUNT, seed=SEED)
    assert again.read_bytes() == (corpora["unicode"] / LABELS_FILE).read_bytes()
    for pdf in sorted(corpora["unicode"].rglob("*.pdf")):
        assert (tmp_path / "again" / pdf.relative_to(corpora["unicode"])).read_bytes() == pdf.read_bytes()
    assert generate_documents(3, SEED + 1) != generate_documents(3, SEED)
    assert generate_documents(3, SEED) == generate_documents(3, SEED)


def test_labels_file_format(corpora: dict[str, Path]) -> None:
    raw = (corpora["unicode"] / LABELS_FILE).read_text(encoding="utf-8")
    data = json.loads(raw)
    assert list(data) == ["schema", "generator", "seed", "documents"]
    assert (data["schema"], data["generator"], data["seed"]) == (1, "redactor.synthetic", SEED)
    assert list(data["documents"]) == sorted(data["documents"])
    assert "Siân" in raw or "\\u" not in raw  # written as UTF-8, not escaped
    labels = load_labels(corpora["unicode"] / LABELS_FILE)
    assert len(labels) == COUNT
    assert {d.kind for d in labels.values()} == set(KIND_FOLDERS)
    assert {"letter", "reply", "memo", "email", "form", "thread", "complaint", "note", "cutting"} == set(KIND_FOLDERS)
    for relpath, doc in labels.items():
        assert relpath.startswith(KIND_FOLDERS[doc.kind] + "/") and relpath.endswith(".pdf")
        assert all(i.personal and i.category in PERSONAL_CATEGORIES for i in doc.personal)
        assert all(not i.personal and i.category in NON_PERSONAL_CATEGORIES for i in doc.non_personal)
        assert doc.metadata_personal
        assert any(i.category == "PERSON" for i in doc.personal)


@pytest.mark.parametrize("font", ["unicode", "helv"])
def test_every_label_occurs_in_extracted_text(corpora: dict[str, Path], font: str) -> None:
    root = corpora[font]
    labels = load_labels(root / LABELS_FILE)
    checked = 0
    for relpath, doc in labels.items():
        text = _pdf_text(root / relpath)
        missing = [label for label in _all_labels(doc) if label[0] not in text]
        assert not missing, f"{relpath}: {missing}"
        checked += len(_all_labels(doc))
        with pymupdf.open(root / relpath) as pdf:
            assert pdf.metadata is not None
            assert pdf.metadata["author"] == doc.metadata_personal[0]
            assert pdf.metadata["creationDate"] == "D:20260101000000Z"
    assert checked > 20 * COUNT


def test_personal_and_non_personal_items_do_not_contain_each_other() -> None:
    for doc in generate_documents(COUNT, SEED):
        personal = [i.text for i in doc.items if i.personal]
        public = [i.text for i in doc.items if not i.personal]
        for p in personal:
            for n in public:
                assert not re.search(rf"(?<!\w){re.escape(n)}(?!\w)", p), (doc.relpath, p, n)
                assert not re.search(rf"(?<!\w){re.escape(p)}(?!\w)", n), (doc.relpath, p, n)


def test_nhs_numbers_pass_the_checksum() -> None:
    assert nhs_checksum_ok("943 476 5919")
    assert not nhs_checksum_ok("943 476 5918")
    assert not nhs_checksum_ok("943 476 591")
    numbers = [i.text for d in generate_documents(40, SEED) for i in d.items if i.category == "UK_NHS"]
    assert len(numbers) >= 3
    assert all(nhs_checksum_ok(n) for n in numbers), numbers
    assert any(" " in n for n in numbers) or all(len(n) == 10 for n in numbers)


def test_identifier_formats() -> None:
    items = [i for d in generate_documents(40, SEED) for i in d.items]
    by_category: dict[str, list[str]] = {}
    for item in items:
        by_category.setdefault(item.category, []).append(item.text)
    assert len(by_category["UK_NINO"]) >= 3
    for nino in by_category["UK_NINO"]:
        assert NINO.match(re.sub(r"[ -]", "", nino)), nino
        assert re.fullmatch(
            r"[A-Z]{2}\d{6}[A-D]|[A-Z]{2} \d\d \d\d \d\d [A-D]|[A-Z]{2} \d{6} [A-D]|[A-Z]{2}-\d\d-\d\d-\d\d-[A-D]", nino
        ), nino
    assert len({re.sub(r"[A-Z\d]", "x", n) for n in by_category["UK_NINO"]}) >= 3  # several layouts
    for postcode in by_category["UK_POSTCODE"]:
        assert POSTCODE.match(postcode), postcode
    for reg in by_category.get("UK_VEHICLE_REGISTRATION", []):
        assert VEHICLE.match(reg), reg
    for licence in by_category.get("UK_DRIVING_LICENCE", []):
        assert LICENCE.match(licence), licence
    for passport in by_category.get("UK_PASSPORT", []):
        assert re.fullmatch(r"\d{9}", passport), passport
    for email in by_category["EMAIL_ADDRESS"] + by_category["PUBLIC_EMAIL"]:
        assert re.search(r"@([\w.-]+\.)?example\.[a-z.]+$", email), email
    drama = re.compile(r"077009\d\d|2920180|1134960|1632960|2079460|2896496|1222555")
    for phone in by_category["PHONE_NUMBER"]:
        digits = re.sub(r"^(?:0044|44)", "0", re.sub(r"\D", "", phone.replace("(0)", "")))
        assert drama.search(digits), phone
    assert any(p.startswith("0044") for p in by_category["PHONE_NUMBER"])
    assert any("-" in p for p in by_category["PHONE_NUMBER"])
    assert {"DATE_OF_BIRTH", "STREET_ADDRESS", "JOB_TITLE", "STATUTE", "PUBLIC_ADDRESS"} <= set(by_category)


def test_helv_mode_writes_literal_strings(corpora: dict[str, Path]) -> None:
    root = corpora["helv"]
    labels = load_labels(root / LABELS_FILE)
    found = 0
    for relpath, doc in labels.items():
        with pymupdf.open(root / relpath) as pdf:
            streams = b"".join(page.read_contents() for page in pdf)
            assert all(f[1] == "n/a" and f[3] == "Helvetica" for page in pdf for f in page.get_fonts())
        raw_file = (root / relpath).read_bytes()
        for item in doc.personal + doc.non_personal:
            assert item.text.isascii(), item.text
        for item in doc.personal:
            if item.category == "PERSON" and " " not in item.text:
                assert item.text.encode("ascii") in streams, (relpath, item.text)
                assert item.text.encode("ascii") in raw_file  # content streams left uncompressed
                found += 1
    assert found >= COUNT
    # The Unicode mode, by contrast, writes glyph ids: a surname is not a literal string there.
    unicode_labels = load_labels(corpora["unicode"] / LABELS_FILE)
    relpath, doc = next(iter(unicode_labels.items()))
    surname = next(i.text for i in doc.personal if i.category == "PERSON" and " " not in i.text)
    with pymupdf.open(corpora["unicode"] / relpath) as pdf:
        assert surname.encode() not in b"".join(page.read_contents() for page in pdf)


def test_multi_page_documents_exist(corpora: dict[str, Path]) -> None:
    docs = generate_documents(COUNT, SEED)
    multi = [d for d in docs if len(d.pages) > 1]
    assert len(multi) >= 3
    assert any(len(d.pages) == 3 for d in docs)
    for doc in multi:
        with pymupdf.open(corpora["unicode"] / doc.relpath) as pdf:
            assert pdf.page_count == len(doc.pages)
            assert f"Page 2 of {len(doc.pages)}" in pdf[1].get_text()


def test_names_with_diacritics_round_trip(corpora: dict[str, Path]) -> None:
    labels = load_labels(corpora["unicode"] / LABELS_FILE)
    diacritic_names = []
    for relpath, doc in labels.items():
        text = _pdf_text(corpora["unicode"] / relpath)
        for item in doc.personal:
            if item.category == "PERSON" and not item.text.isascii():
                assert item.text in text
                diacritic_names.append(item.text)
    assert len(diacritic_names) >= 3, diacritic_names


def test_every_glyph_needed_round_trips(tmp_path: Path) -> None:
    doc = generate_documents(1, SEED)[0]
    probe = "Siân Gwenllïan Llŷr Ŵyn Łukasz Wiśniewski Żaneta Dąbrowska Eilidh MacLeòid Seán Ó Briain Zoë £5 – ’"
    doc = type(doc)(doc.relpath, doc.kind, [[probe]], (), ("Siân ap Gruffydd",), None, "t")
    write_pdf(doc, tmp_path / "probe.pdf")
    assert _pdf_text(tmp_path / "probe.pdf") == probe
    with pymupdf.open(tmp_path / "probe.pdf") as pdf:
        assert pdf.metadata is not None and pdf.metadata["author"] == "Siân ap Gruffydd"
    write_pdf(doc, tmp_path / "probe_helv.pdf", font="helv")
    assert _pdf_text(tmp_path / "probe_helv.pdf") == ascii_fold(probe)
    with pytest.raises(ValueError):
        write_pdf(doc, tmp_path / "x.pdf", font="times")


def test_names_split_over_lines_and_hyphenated_words() -> None:
    split = hyphen = 0
    for doc in generate_documents(30, SEED):
        lines = [line for page in doc.pages for line in page]
        for item in doc.items:
            if item.category == "PERSON" and not any(item.text in line for line in lines):
                split += 1
        hyphen += sum(1 for line in lines if re.search(r"[a-z]-$", line))
    assert split >= 2
    assert hyphen >= 2


def test_repeated_mentions_and_name_forms() -> None:
    docs = generate_documents(COUNT, SEED)
    forms = {"surname_first": 0, "initials": 0, "capitals": 0, "single": 0}
    for doc in docs:
        for item in doc.items:
            if item.category != "PERSON":
                continue
            if re.fullmatch(r"[^,a-z]+, \S+", item.text):
                forms["surname_first"] += 1
            elif re.match(r"^\w\.( \w\.)? ", item.text):
                forms["initials"] += 1
            elif item.text == item.text.upper() and " " in item.text:
                forms["capitals"] += 1
            elif " " not in item.text:
                forms["single"] += 1
    assert all(count > 0 for count in forms.values()), forms
    requesters = [d for d in docs if d.requester]
    assert requesters and all(any(i.text == d.requester for i in d.items) for d in requesters)


def test_ascii_fold() -> None:
    assert ascii_fold("Łukasz Wiśniewski") == "Lukasz Wisniewski"
    assert ascii_fold("Siân ap Gruffydd, Llŷr – £5") == "Sian ap Gruffydd, Llyr - GBP 5"


def test_main_writes_a_corpus(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "out"), "--count", "5", "--seed", "3", "--font", "helv"]) == 0
    assert "labels" in capsys.readouterr().out
    labels = load_labels(tmp_path / "out" / LABELS_FILE)
    assert len(labels) == 5
    assert all((tmp_path / "out" / relpath).is_file() for relpath in labels)


def test_new_kinds_have_their_structure() -> None:
    docs = generate_documents(36, SEED)
    text = {kind: "\n".join("\n".join(line for page in d.pages for line in page) for d in docs if d.kind == kind)
            for kind in KIND_FOLDERS}  # fmt: skip
    assert re.search(r"^From: .+ <[^>]+@[^>]+>$", text["thread"], re.M)
    assert re.search(r"^> ", text["thread"], re.M) or "-----Original Message-----" in text["thread"]
    assert re.search(r"^Cc: .+; ", text["thread"], re.M)
    assert "Surname: " in text["complaint"] and "Forename(s): " in text["complaint"]
    assert "Caller: " in text["note"] and "Call taken by: " in text["note"]
    assert re.search(r"[a-z], \d{1,3}, of ", text["cutting"])
    assert re.search(r"^By ", text["cutting"], re.M)


def test_names_go_beyond_the_gazetteer() -> None:
    """The evaluation set must test more than the given-name list the detector uses."""
    gazetteer = {line.strip() for line in _models_list("given_names.txt")}
    singles = {
        i.text
        for d in generate_documents(60, SEED)
        for i in d.items
        if i.category == "PERSON" and re.fullmatch(r"[^\W\d_][\w'’-]+", i.text) and not i.text.isupper()
    }
    unknown = {n for n in singles if n not in gazetteer}
    assert len(unknown) >= 0.15 * len(singles), (len(unknown), len(singles))


def _models_list(name: str) -> list[str]:
    path = Path(__file__).resolve().parents[2] / "models" / name
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_dates_of_birth_and_addresses_vary() -> None:
    items = [i for d in generate_documents(80, SEED) for i in d.items]
    dobs = {re.sub(r"\d", "9", re.sub(r"[A-Za-z]+", "a", i.text)) for i in items if i.category == "DATE_OF_BIRTH"}
    assert len(dobs) >= 8, dobs
    streets = [i.text for i in items if i.category == "STREET_ADDRESS"]
    assert any(s.startswith(("Flat", "Fflat", "Apartment")) for s in streets)
    assert any(not s[0].isdigit() and not s.startswith(("Flat", "Fflat", "Apartment")) for s in streets)
    assert any(re.match(r"\d+[AB] ", s) for s in streets)


def test_the_module_runs_as_a_command(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-m", "devtools.synthetic", str(tmp_path / "out"), "--count", "1", "--seed", "3"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / LABELS_FILE).is_file()
    assert done.stderr == ""  # no runpy warning about a module imported twice
