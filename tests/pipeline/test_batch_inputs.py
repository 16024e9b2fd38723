"""Whatever the inbox and the output folder hold, every input is accounted for and nothing is lost."""

from __future__ import annotations

import errno
import json
import os
import threading
from pathlib import Path

import pytest

from redactor.pipeline import RunOptions, output_relpaths, run_batch, scan_inbox
from redactor.publish import outputs
from redactor.publish.outputs import Layout, OutputError, locked
from redactor.types import Status
from tests.conftest import write_lines

LETTER = [["A letter about the planning application.", "Yours faithfully,", "Eleanor Pritchard"]]


def test_output_names_are_never_shared_and_never_a_folder() -> None:
    plan = output_relpaths(["a.pdf", "a.PDF", "mail.eml", "mail.pdf", "mail.eml.pdf", "x.PDF", "x.pdf/y.pdf"])
    assert len({name.lower() for name in plan.values()}) == len(plan)
    assert plan["a.pdf"] == "a.pdf" and plan["mail.pdf"] == "mail.pdf" and plan["x.pdf/y.pdf"] == "x.pdf/y.pdf"
    assert plan["x.PDF"].lower() != "x.pdf"  # x.pdf is a folder of the output
    assert plan["mail.eml"] not in ("mail.pdf", "mail.eml.pdf")


def test_links_pipes_and_unreadable_folders_are_listed_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    outside = write_lines(tmp_path / "outside.pdf", LETTER)
    inside = write_lines(inbox / "sub" / "inside.pdf", LETTER)
    (inbox / "to-outside.pdf").symlink_to(outside)
    (inbox / "to-inside.pdf").symlink_to(inside)
    (inbox / "dangling.pdf").symlink_to(tmp_path / "gone.pdf")
    (inbox / "linked-folder").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(inbox / "pipe.pdf")
    locked_dir = inbox / "locked"
    locked_dir.mkdir()
    write_lines(locked_dir / "secret.pdf", LETTER)
    real_scandir = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:  # root reads any folder: deny this one as a user sees it
        if Path(path) == locked_dir:
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    kinds = {e.relpath: (e.kind.value, e.reason) for e in scan_inbox(inbox)}
    assert kinds["sub/inside.pdf"][0] == "document"
    assert kinds["to-inside.pdf"][0] == "document"
    for rel, why in [
        ("to-outside.pdf", "outside the inbox"),
        ("dangling.pdf", "to nothing"),
        ("linked-folder", "folder"),
        ("pipe.pdf", "not a regular file"),
        ("locked/", "cannot be read"),
    ]:
        assert kinds[rel][0] == "not-read" and why in kinds[rel][1], rel


def test_links_and_pipes_are_reported_without_running_the_model(tmp_path: Path) -> None:
    # The scan alone decides; a pipe must not block the run by being opened.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "pipe.eml")
    (inbox / "noext").symlink_to(tmp_path / "missing")
    assert {e.relpath: e.kind.value for e in scan_inbox(inbox)} == {"noext": "not-read", "pipe.eml": "not-read"}


def test_a_second_run_into_the_same_folder_is_refused_while_the_first_holds_it(tmp_path: Path) -> None:
    layout = Layout.create(tmp_path / "out", tmp_path)
    entered = threading.Event()
    with locked(layout):
        entered.set()
        with pytest.raises(OutputError, match="another redact run"), locked(Layout(tmp_path / "out")):
            pass
    with locked(layout):  # released when the first run ends
        pass


def test_another_inbox_into_the_same_output_folder_is_refused(tmp_path: Path) -> None:
    Layout.create(tmp_path / "out", tmp_path / "one")
    with pytest.raises(OutputError, match="another inbox"):
        Layout.create(tmp_path / "out", tmp_path / "two")


def test_an_output_folder_that_cannot_be_written_is_a_usage_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError) as info:
        Layout.create(blocker / "out", tmp_path)  # fails for root too, unlike a read-only folder
    assert int(info.value.exit_code) == 2


@pytest.mark.slow
def test_a_full_disk_stops_the_run_and_every_released_file_has_its_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(6):
        write_lines(inbox / f"d{n}.pdf", LETTER)
    real = outputs.write_atomic
    writes = []

    def write_atomic(path: Path, text: str) -> None:
        writes.append(path)
        if len(writes) > 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, text)

    monkeypatch.setattr(outputs, "write_atomic", write_atomic)
    out = tmp_path / "out"
    with pytest.raises(OutputError, match="No space left"):
        run_batch(inbox, out, RunOptions(jobs=2))
    released = sorted(p.name for p in (out / "released").iterdir())
    assert 0 < len(released) < 6
    for name in released:
        assert (out / "logs" / f"{name}.json").is_file()
    assert not list(out.glob(".work-*"))


@pytest.mark.slow
def test_awkward_names_are_all_released_under_names_of_their_own(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "x.pdf").mkdir(parents=True)
    for rel in ("a.pdf", "a.PDF", "x.PDF", "x.pdf/inner.pdf"):
        write_lines(inbox / rel, LETTER)
    good = write_lines(inbox / "cafe.pdf", LETTER)
    os.rename(os.fsencode(good), os.fsencode(inbox) + b"/caf\xe9.pdf")  # noqa: PTH104 - a name that is not UTF-8
    out = tmp_path / "out"
    (out / ".work-old").mkdir(parents=True)  # left by an interrupted run
    (out / ".redactor-output").write_text("This folder is written by redactor.\n")
    summary = run_batch(inbox, out, RunOptions(jobs=2))
    assert summary.count(Status.RELEASED) == 5, [(r.relpath, r.reason) for r in summary.results]
    names = [r.output_relpath for r in summary.results]
    assert len({str(o).lower() for o in names}) == 5
    assert len([p for p in (out / "released").rglob("*.pdf") if p.is_file()]) == 5
    saved = json.loads((out / "logs" / "summary.json").read_text(encoding="utf-8"))
    assert "caf\ufffd.pdf" in {d["input"] for d in saved["documents"]}
    assert not list(out.glob(".work-*"))


@pytest.mark.slow
def test_a_single_file_can_be_the_inbox(tmp_path: Path) -> None:
    letter = write_lines(tmp_path / "letter.pdf", LETTER)
    summary = run_batch(letter, tmp_path / "out", RunOptions(jobs=1))
    assert [(r.relpath, r.status) for r in summary.results] == [("letter.pdf", Status.RELEASED)]
    assert (tmp_path / "out" / "released" / "letter.pdf").is_file()
