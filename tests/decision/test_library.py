"""The case library: versions, restore, rename, duplicate, delete and undo, conflicts, retention."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from decision.model.case import Case
from decision.model.problems import CaseError
from decision.store.library import KEEP_VERSIONS, Conflict, Library, UnknownCase, library_path
from tests.decision.builders import make_case


def titled(title: str) -> Case:
    return make_case({"title": title})


@pytest.fixture
def library(tmp_path: Path) -> Library:
    return Library(tmp_path / "lib" / "library.sqlite3")


def test_created_on_first_use_in_the_data_dir_in_wal_mode(tmp_path, monkeypatch):
    monkeypatch.setenv("KRUISPUNT_DATA_DIR", str(tmp_path / "fresh"))
    assert not (tmp_path / "fresh").exists()
    library = Library()
    assert library.path == tmp_path / "fresh" / "library.sqlite3" == library_path()
    assert library.path.exists()
    with sqlite3.connect(library.path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_create_and_get_round_trip(library):
    record = library.create(titled("Alpha"), recommendation="solve")
    stored = library.get(record.id)
    assert stored.case == titled("Alpha")
    assert (stored.record.version, stored.record.title, stored.record.recommendation) == (1, "Alpha", "solve")
    assert [r.id for r in library.cases()] == [record.id]


def test_every_save_is_a_version_and_an_unchanged_case_is_not(library):
    record = library.create(titled("v1"))
    assert library.save(record.id, titled("v2"), 1) == 2
    assert library.save(record.id, titled("v3"), 2) == 3
    assert library.save(record.id, titled("v3"), 3) == 3
    assert [(v.version, v.title, v.event) for v in library.history(record.id)] == [
        (3, "v3", "edited"),
        (2, "v2", "edited"),
        (1, "v1", "created"),
    ]
    assert library.version(record.id, 2) == titled("v2")
    assert library.record(record.id).title == "v3"


def test_restore_makes_an_earlier_version_the_latest_without_losing_any(library):
    record = library.create(titled("first"))
    library.save(record.id, titled("second"), 1)
    assert library.restore(record.id, 1, 2) == 3
    assert library.get(record.id).case == titled("first")
    latest = library.history(record.id)[0]
    assert (latest.version, latest.event, latest.restored_from) == (3, "restored", 1)
    assert library.version(record.id, 2) == titled("second")


def test_rename_is_a_new_version_and_a_too_long_title_is_refused(library):
    record = library.create(titled("old"))
    assert library.rename(record.id, "new", 1) == 2
    assert library.get(record.id).case == titled("new")
    assert library.history(record.id)[0].event == "renamed"
    with pytest.raises(CaseError, match="title"):
        library.rename(record.id, "x" * 201, 2)
    assert library.record(record.id).version == 2


def test_duplicate_copies_the_content_under_a_new_title_and_id(library):
    record = library.create(titled("original"), recommendation="stop")
    copy = library.duplicate(record.id, "copy")
    assert copy.id != record.id
    assert library.get(copy.id).case == titled("copy")
    assert copy.recommendation == "stop"
    assert library.get(record.id).case == titled("original")
    assert {r.id for r in library.cases()} == {record.id, copy.id}


def test_delete_hides_and_undelete_brings_back_with_all_versions(library):
    kept = library.create(titled("kept"))
    gone = library.create(titled("gone"))
    library.save(gone.id, titled("gone 2"), 1)
    library.delete(gone.id)
    assert [r.id for r in library.cases()] == [kept.id]
    assert library.record(gone.id).deleted is not None
    library.undelete(gone.id)
    assert {r.id for r in library.cases()} == {kept.id, gone.id}
    assert [v.version for v in library.history(gone.id)] == [2, 1]


def test_a_save_from_an_older_version_raises_conflict_and_stores_nothing(library, tmp_path):
    record = library.create(titled("base"))
    other_tab = Library(library.path)
    assert other_tab.save(record.id, titled("theirs"), 1) == 2
    with pytest.raises(Conflict) as raised:
        library.save(record.id, titled("mine"), 1)
    assert (raised.value.expected_version, raised.value.current_version) == (1, 2)
    assert library.get(record.id).case == titled("theirs")
    assert len(library.history(record.id)) == 2
    assert library.save(record.id, titled("mine"), 2) == 3


def test_the_same_content_as_the_latest_is_no_conflict(library):
    record = library.create(titled("base"))
    library.save(record.id, titled("same"), 1)
    assert library.save(record.id, titled("same"), 1) == 2


def test_the_last_200_versions_are_kept(library):
    record = library.create(titled("t0"))
    for number in range(1, KEEP_VERSIONS + 5):
        library.save(record.id, titled(f"t{number}"), number)
    history = library.history(record.id)
    assert KEEP_VERSIONS == 200
    assert len(history) == 200
    # version 1 and 204 saves: versions 1..205, of which 6..205 are kept
    assert (history[0].version, history[-1].version) == (205, 6)
    assert library.version(record.id, 6) == titled("t5")
    with pytest.raises(UnknownCase):
        library.version(record.id, 5)


def test_unknown_case(library):
    with pytest.raises(UnknownCase):
        library.get("nope")
    with pytest.raises(UnknownCase):
        library.save("nope", titled("x"), 1)


def test_recommendation_is_recorded_for_the_latest_version_only(library):
    record = library.create(titled("a"))
    library.save(record.id, titled("b"), 1)
    library.set_recommendation(record.id, 1, "muddle")
    assert library.record(record.id).recommendation is None
    library.set_recommendation(record.id, 2, "solve")
    assert library.record(record.id).recommendation == "solve"


def test_cases_are_listed_last_changed_first(library):
    first = library.create(titled("first"))
    second = library.create(titled("second"))
    assert [r.id for r in library.cases()] == [second.id, first.id]
    library.save(first.id, titled("first again"), 1)
    assert [r.id for r in library.cases()] == [first.id, second.id]
    assert library.latest().id == first.id
