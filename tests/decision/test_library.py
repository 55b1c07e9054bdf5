"""The case library: versions, restore, rename, duplicate, delete and undo, conflicts, retention."""

from __future__ import annotations

import hashlib
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest

from decision.model.case import Case
from decision.model.loader import parse_case
from decision.model.presets import EXAMPLE, load_preset
from decision.model.problems import CaseError
from decision.store.library import (
    FILE_NAME,
    KEEP_VERSIONS,
    Conflict,
    Library,
    LibraryUnavailable,
    UnknownCase,
    library_path,
)
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


# -- a library file that cannot be used: LibraryUnavailable, and the file is left exactly as it was ----------

PAGE = 4096
GARBAGE = b"this is not a database " * 100


def with_cases(path: Path, count: int = 5) -> list[str]:
    """A library at ``path`` with ``count`` cases of a preset (each larger than a page) and a few versions."""
    library = Library(path)
    data = load_preset(EXAMPLE).model_dump(mode="json")
    ids = [library.create(parse_case({**data, "title": f"Case {number}"})).id for number in range(count)]
    library.save(ids[0], parse_case({**data, "title": "Case 0, edited"}), 1)
    return ids


def root_page(path: Path, table: str) -> int:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]


def overwrite(path: Path, offset: int, garbage: bytes) -> None:
    assert offset >= 100, "the 100-byte file header is left intact"
    raw = bytearray(path.read_bytes())
    raw[offset : offset + len(garbage)] = garbage
    path.write_bytes(bytes(raw))


def garbage_page(path: Path) -> None:
    """Garbage over one whole page: the top page of the stored versions (not page 1, the header intact)."""
    page = root_page(path, "versions")
    assert page > 1
    overwrite(path, (page - 1) * PAGE, (b"garbage!" * (PAGE // 8))[:PAGE])


def garbage_in_a_stored_case(path: Path) -> None:
    """Garbage in the middle of a page, inside a stored case's JSON (the page's structure intact)."""
    raw = path.read_bytes()
    offset = raw.index(b'"profile":', PAGE)
    overwrite(path, offset, b"#garbage#" * 4)


def empty(path: Path) -> None:
    path.write_bytes(b"")


def not_a_database(path: Path) -> None:
    path.write_bytes(GARBAGE)


def truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


DAMAGE = [garbage_page, garbage_in_a_stored_case, empty, not_a_database, truncated]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda damage: damage.__name__)
def test_a_damaged_file_is_unavailable_and_left_as_it_is(tmp_path, damage):
    path = tmp_path / FILE_NAME
    with_cases(path)
    damage(path)
    before = digest(path)
    with pytest.raises(LibraryUnavailable) as raised:
        Library(path)
    assert isinstance(raised.value, sqlite3.DatabaseError), "caught wherever SQLite's errors are caught"
    assert raised.value.path == path and str(raised.value) == raised.value.reason != ""
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME]


def test_before_the_check_garbage_in_one_page_made_reading_raise(tmp_path):
    """What the page showed before (issue 15): SQLite's own error from ``get``; the check now finds it at once."""
    path = tmp_path / FILE_NAME
    ids = with_cases(path)
    garbage_page(path)
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("SELECT count(*) FROM cases").fetchone()[0] == len(ids)
        with pytest.raises(sqlite3.DatabaseError, match="malformed"):
            conn.execute("SELECT case_json FROM versions WHERE case_id = ?", (ids[0],)).fetchall()
    with pytest.raises(LibraryUnavailable, match="malformed"):
        Library(path)


def test_an_empty_file_is_not_made_a_new_library(tmp_path):
    path = tmp_path / FILE_NAME
    path.write_bytes(b"")
    with pytest.raises(LibraryUnavailable, match="empty"):
        Library(path)
    assert path.read_bytes() == b""


def test_damage_found_while_open_is_unavailable_too(tmp_path):
    """A file damaged after it was opened: reads and saves raise LibraryUnavailable, and change nothing."""
    path = tmp_path / FILE_NAME
    ids = with_cases(path)
    library = Library(path)
    garbage_in_a_stored_case(path)
    before = digest(path)
    with pytest.raises(LibraryUnavailable, match="not readable"):
        for case_id in ids:
            library.get(case_id)
            for version in library.history(case_id):
                library.version(case_id, version.version)
    assert digest(path) == before
    garbage_page(path)
    before = digest(path)
    with pytest.raises(LibraryUnavailable, match="malformed"):
        library.get(ids[0])
    with pytest.raises(LibraryUnavailable, match="malformed"):
        library.save(ids[1], titled("mine"), 1)
    assert digest(path) == before


def test_a_data_folder_that_is_a_file_is_unavailable(tmp_path):
    (tmp_path / "data").write_text("not a folder")
    with pytest.raises(LibraryUnavailable):
        Library(tmp_path / "data" / FILE_NAME)
    assert (tmp_path / "data").read_text() == "not a folder"


def test_a_new_library_is_made_once_when_sessions_open_it_together(tmp_path):
    path = tmp_path / "new" / FILE_NAME
    with ThreadPoolExecutor(8) as pool:
        opened = list(pool.map(lambda _: Library(path), range(16)))
    record = opened[0].create(titled("shared"))
    assert all([r.id for r in library.cases()] == [record.id] for library in opened)
    assert sorted(p.name for p in path.parent.iterdir()) == [FILE_NAME]
