"""The evaluation's own parts, without the NLP model: matching, label sets, scoring, boxes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from redactor.cli import main
from redactor.errors import ConfigError, ExitCode
from redactor.evaluate.labels import LABELS_FILE, DocumentLabels, LabelledItem, load_labels, write_labels
from redactor.evaluate.matching import fold, overlaps, readable
from redactor.evaluate.scoring import EvalReport, classify_box, score_document
from redactor.evaluate.sets import KEY_FILE, LabelledDocument, open_set


@pytest.mark.parametrize(
    ("needle", "text", "expected"),
    [
        ("Jane Doe", "Dear  JANE\n doe, thanks", True),  # case and whitespace ignored
        ("Jane", "Janet wrote", False),  # whole words only
        ("doe", "jane.doe@example.org", False),  # not inside an e-mail address
        ("example.org", "jane.doe@example.org", False),
        ("jane.doe@example.org", "mail jane.doe@example.org.", True),  # a full stop may end a sentence
        ("Smith-Jones", "Mrs Smith-\nJones", True),  # a hyphenated line break
        ("office", "the o\ufb03ce", True),  # a ligature, as a reader's search folds it
        ("Jo", "Jo\u00adanna", False),  # a soft hyphen joins the word
        ("", "anything", False),
    ],
)
def test_readable(needle: str, text: str, expected: bool) -> None:
    assert readable(needle, fold(text)) is expected


def test_overlaps_either_way_as_whole_words() -> None:
    assert overlaps("Rodgers", "John Rodgers")
    assert overlaps("Mr John Rodgers,", "John Rodgers")
    assert not overlaps("Rod", "John Rodgers")
    assert not overlaps("", "John Rodgers")


def _key_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "realworld"
    (folder / "inbox" / "a").mkdir(parents=True)
    (folder / "inbox" / "a" / "one.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "two.eml").write_bytes(b"From: x\n\nhi\n")
    key = {
        "a/one.pdf": {"set": "letters", "go": [["PERSON", "Ann Example"]], "stay": [["ORG", "Cardiff Council"]]},
        "b/two.eml": {"set": "mail", "source": "../elsewhere/two.eml", "go": [], "stay": [["ORG", "Ofcom"]]},
    }
    (folder / KEY_FILE).write_text(json.dumps(key), encoding="utf-8")
    return folder


def test_a_key_folder_is_read_with_its_sources(tmp_path: Path) -> None:
    labelled = open_set(_key_folder(tmp_path))
    docs = {d.relpath: d for d in labelled.documents}
    assert docs["a/one.pdf"].source == (tmp_path / "realworld" / "inbox" / "a" / "one.pdf").resolve()
    assert docs["b/two.eml"].source == (tmp_path / "elsewhere" / "two.eml").resolve()
    assert docs["a/one.pdf"].labels.personal == (LabelledItem("Ann Example", "PERSON", True),)
    assert docs["b/two.eml"].group == "mail"
    assert labelled.inbox_in_place() is None  # a source elsewhere: the inbox must be assembled
    only = open_set(_key_folder(tmp_path / "again"), sets=["letters"])
    assert [d.relpath for d in only.documents] == ["a/one.pdf"]
    assert only.inbox_in_place() is None  # a subset: only its documents are copied and run


def test_a_key_naming_a_missing_file_is_a_configuration_error(tmp_path: Path) -> None:
    folder = _key_folder(tmp_path)
    (tmp_path / "elsewhere" / "two.eml").unlink()
    with pytest.raises(ConfigError, match="not found"):
        open_set(folder)
    with pytest.raises(ConfigError, match="no labelled documents"):
        open_set(folder, sets=["nonesuch"])


def test_the_project_label_file_round_trips_and_is_read_in_place(tmp_path: Path) -> None:
    labels = DocumentLabels(
        kind="letter",
        requester="Ann Example",
        personal=(LabelledItem("Ann Example", "PERSON", True),),
        non_personal=(LabelledItem("Cardiff Council", "ORGANISATION", False),),
        metadata_personal=("Ann Example",),
    )
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "l.pdf").write_bytes(b"%PDF-1.4\n")
    path = write_labels(tmp_path / LABELS_FILE, {"letters/l.pdf": labels}, generator="test", seed=1)
    assert list(json.loads(path.read_text(encoding="utf-8"))) == ["schema", "generator", "seed", "documents"]
    assert load_labels(path) == {"letters/l.pdf": labels}
    labelled = open_set(tmp_path)
    assert labelled.inbox_in_place() == tmp_path.resolve()
    assert labelled.documents[0].group == "letter"


def _doc() -> LabelledDocument:
    labels = DocumentLabels(
        kind="mail",
        requester=None,
        personal=(LabelledItem("John Rodgers", "PERSON", True), LabelledItem("j.r@example.org", "EMAIL", True)),
        non_personal=(LabelledItem("Despatch Box", "ORG", False), LabelledItem("2 Marsham Street", "ADDRESS", False)),
        metadata_personal=(),
    )
    return LabelledDocument("x/mail.eml", Path("/nowhere"), "mail", labels)


def test_score_document_counts_both_directions_and_every_box() -> None:
    report = EvalReport()
    original = fold("From John Rodgers <j.r@example.org>. Despatch Box, 2 Marsham Street")
    output = fold("From █ <j.r@example.org>. Despatch Box, 2 █ Street")
    score_document(report, _doc(), original, output, ["John Rodgers", "Marsham", "Fri", "Rodgers"])
    assert (report.recall["PERSON"].hit, report.recall["EMAIL"].hit) == (1, 0)
    assert report.missed == [("x/mail.eml", "EMAIL", "j.r@example.org")]
    assert (report.kept["ORG"].share, report.kept["ADDRESS"].share) == (1.0, 0.0)
    assert report.overall_recall().share == 0.5 and report.group_recall("names").share == 1.0
    assert report.boxes == {"personal": 2, "non_personal": 1, "unlabelled": 1}
    assert report.box_share("personal") == 0.5
    assert report.group_recall_by_set["mail"].total == 2
    figures = report.as_dict()
    assert figures["boxes"]["total"] == 4 and figures["recall_overall"]["share"] == 0.5


def test_classify_box_prefers_personal_data() -> None:
    assert classify_box("Mr John Rodgers", _doc()) == "personal"
    assert classify_box("Despatch", _doc()) == "non_personal"
    assert classify_box("Excel", _doc()) == "unlabelled"


def test_eval_without_a_label_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(tmp_path)])
    assert result.exit_code == ExitCode.USAGE
    assert "key.json" in result.output and ".labels.json" in result.output


def test_labels_not_readable_in_the_original_are_not_scored() -> None:
    report = EvalReport()
    original = fold("From John Rodgers <j.r@example.org>. Despatch Box, 2 Marsham St")  # wrapped, abbreviated
    score_document(report, _doc(), original, original, [])
    assert report.unscorable == [("x/mail.eml", "ADDRESS", "2 Marsham Street")]
    assert "ADDRESS" not in report.kept and report.overall_recall().total == 2
