"""The case library: every case and every saved version in one local SQLite file.

One file (``library.sqlite3``) in ``KRUISPUNT_DATA_DIR`` when set, else the
user's data directory; created on first use, in WAL mode so that several
browser tabs (server threads) read while one writes. A connection is opened
per call, so a ``Library`` is safe to share between threads.

Every save is a version; the last ``KEEP_VERSIONS`` per case are kept. A save
names the version it started from (optimistic concurrency): when another tab
saved a newer version in between, ``save`` raises ``Conflict`` instead of
overwriting it. Deleting is soft (the row gets a ``deleted`` time), so a delete
can be undone.

A file that cannot be used raises ``LibraryUnavailable`` (a ``sqlite3.DatabaseError``)
and is left exactly as it is: when the library is opened, for a file that is not
a database, is empty (0 bytes), fails SQLite's ``quick_check`` (garbage in a page)
or holds a stored case that is not JSON, or that cannot be read or created; and
from any read or write that then fails in SQLite or finds a stored value damaged.
A new file is built next to its place and linked in, so that an empty file is
never one that is still being created.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

from decision.model.case import Case
from decision.model.loader import load_case_bytes, parse_case

DATA_DIR_ENV = "KRUISPUNT_DATA_DIR"
FILE_NAME = "library.sqlite3"
KEEP_VERSIONS = 200

# What a version records about how it came about (shown in the history).
EVENTS: tuple[str, ...] = ("created", "edited", "renamed", "restored", "imported", "duplicated", "kept")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS cases (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    organisation TEXT NOT NULL,
    created TEXT NOT NULL,
    updated TEXT NOT NULL,
    version INTEGER NOT NULL,
    recommendation TEXT,
    deleted TEXT
);
CREATE TABLE IF NOT EXISTS versions (
    case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    saved TEXT NOT NULL,
    title TEXT NOT NULL,
    event TEXT NOT NULL,
    restored_from INTEGER,
    case_json TEXT NOT NULL,
    PRIMARY KEY (case_id, version)
);
"""


def data_dir() -> Path:
    """``KRUISPUNT_DATA_DIR`` when set, else the user's data directory for Kruispunt."""
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_data_dir

    return Path(user_data_dir("kruispunt", appauthor=False))


def library_path() -> Path:
    return data_dir() / FILE_NAME


def file_stem(title: str) -> str:
    """A safe file name stem for a case title: lower-case letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60] or "case"


class UnknownCase(KeyError):
    """No case (or no such version) with this id in the library."""


class LibraryUnavailable(sqlite3.DatabaseError):
    """The library file cannot be used: damaged, empty, not a database, not readable or not writable.

    A ``sqlite3.DatabaseError``, so whatever catches SQLite's errors catches it; ``str()``
    is the reason (SQLite's message, or what was found damaged); the file is left as it is.
    """

    def __init__(self, path: Path, reason: str):
        super().__init__(reason)
        self.path = path
        self.reason = reason


class _Damaged(Exception):
    """A stored value that the library never writes (raised inside, translated to LibraryUnavailable)."""


# SQLite errors that say the calling code is wrong, not the file: never translated.
_NOT_THE_FILE = (sqlite3.ProgrammingError, sqlite3.IntegrityError, sqlite3.NotSupportedError)
MALFORMED = "database disk image is malformed"


class Conflict(Exception):
    """Another session saved a newer version than the one this save started from."""

    def __init__(self, case_id: str, expected_version: int, current_version: int):
        super().__init__(f"case {case_id}: expected version {expected_version}, the library has {current_version}")
        self.case_id = case_id
        self.expected_version = expected_version
        self.current_version = current_version


@dataclass(frozen=True)
class CaseRecord:
    """One row of the library list."""

    id: str
    title: str
    organisation: str
    created: dt.datetime
    updated: dt.datetime
    version: int
    recommendation: str | None
    deleted: dt.datetime | None


@dataclass(frozen=True)
class StoredCase:
    record: CaseRecord
    case: Case


@dataclass(frozen=True)
class VersionRecord:
    version: int
    saved: dt.datetime
    title: str
    event: str
    restored_from: int | None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _moment(text: str, what: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(text)
    except (TypeError, ValueError) as error:
        raise _Damaged(f"{what}: the stored time {text!r} is not readable") from error


def _time(text: str | None, what: str) -> dt.datetime | None:
    return None if text is None else _moment(text, what)


def _record(row: sqlite3.Row) -> CaseRecord:
    what = f"case {row['id']}"
    return CaseRecord(
        id=row["id"],
        title=row["title"],
        organisation=row["organisation"],
        created=_moment(row["created"], what),
        updated=_moment(row["updated"], what),
        version=row["version"],
        recommendation=row["recommendation"],
        deleted=_time(row["deleted"], what),
    )


def _case(text: str, case_id: str, version: int) -> Case:
    """A stored case; CaseError (from the case model) passes, content that is not JSON is damage."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as error:
        raise _Damaged(f"case {case_id} version {version}: the stored case is not readable ({error})") from error
    return parse_case(data)


def _existing(path: Path) -> str:
    """A URI that opens ``path`` for reading and writing but never creates it."""
    return f"{path.absolute().as_uri()}?mode=rw"


def _check(path: Path) -> None:
    """Raise _Damaged or a SQLite error when the file at ``path`` cannot be used; reads only."""
    if path.stat().st_size == 0:
        raise _Damaged("the file is empty (0 bytes)")
    with closing(sqlite3.connect(_existing(path), uri=True, timeout=30)) as conn:
        report = [line for (text,) in conn.execute("PRAGMA quick_check(3)") for line in text.splitlines()]
        if report != ["ok"]:
            problems = [line for line in report if not line.startswith("***")]
            raise _Damaged(f"{MALFORMED} ({'; '.join(problems[:3])})")
        if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'versions'").fetchone() is None:
            return
        try:
            conn.execute("SELECT json_valid('{}')")
        except sqlite3.OperationalError:
            return  # an SQLite without JSON functions: the stored cases are checked when read
        broken = conn.execute(
            "SELECT case_id, version FROM versions WHERE NOT json_valid(case_json) LIMIT 1"
        ).fetchone()
        if broken is not None:
            raise _Damaged(f"{MALFORMED} (case {broken[0]} version {broken[1]}: the stored case is not readable)")


def _create(path: Path) -> None:
    """A new, empty library at ``path``, built under another name and then linked in.

    When another session made one at ``path`` in the meantime, that one is kept.
    """
    fresh = path.with_name(f".{path.name}.{uuid.uuid4().hex}.new")
    try:
        with closing(sqlite3.connect(fresh, timeout=30)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)
        try:
            os.link(fresh, path)
        except FileExistsError:
            pass
        except OSError:
            # A file system without hard links: move it in unless one has appeared meanwhile.
            if not path.exists():
                os.replace(fresh, path)
    finally:
        for leftover in (fresh, fresh.with_name(fresh.name + "-wal"), fresh.with_name(fresh.name + "-shm")):
            leftover.unlink(missing_ok=True)


def _stored_json(case: Case) -> str:
    return case.model_dump_json()


class Library:
    """The case library in one SQLite file (see the module docstring)."""

    def __init__(self, path: Path | None = None):
        """Open (or create) the library; LibraryUnavailable, the file left as it is, when it cannot be used."""
        self.path = Path(path) if path is not None else library_path()
        with self._unavailable(opening=True):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if not self.path.exists():
                _create(self.path)
            _check(self.path)
            with closing(sqlite3.connect(self.path, timeout=30)) as conn:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.executescript(_SCHEMA)

    @contextmanager
    def _unavailable(self, opening: bool = False) -> Iterator[None]:
        """Translate SQLite's errors about the file (every one while opening, and OSError then) and damage."""
        try:
            yield
        except LibraryUnavailable:
            raise
        except _Damaged as damage:
            raise LibraryUnavailable(self.path, str(damage)) from damage
        except sqlite3.Error as error:
            if isinstance(error, _NOT_THE_FILE) and not opening:
                raise
            unavailable = LibraryUnavailable(self.path, str(error))
            for code in ("sqlite_errorcode", "sqlite_errorname"):
                if hasattr(error, code):
                    setattr(unavailable, code, getattr(error, code))
            raise unavailable from error
        except OSError as error:
            if not opening:
                raise
            raise LibraryUnavailable(self.path, str(error)) from error

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock at once (no lost updates between tabs)."""
        with self._unavailable():
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.row_factory = sqlite3.Row
            try:
                conn.execute("PRAGMA foreign_keys=ON")
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    # SQLite may have rolled back already (a full disk, an I/O error); the first error is the one told.
                    if conn.in_transaction:
                        with suppress(sqlite3.Error):
                            conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            finally:
                conn.close()

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._unavailable():
            conn = sqlite3.connect(self.path, timeout=30)
            conn.row_factory = sqlite3.Row
            try:
                yield conn
            finally:
                conn.close()

    def _row(self, conn: sqlite3.Connection, case_id: str) -> sqlite3.Row:
        row = conn.execute("SELECT * FROM cases WHERE id = ?", (case_id,)).fetchone()
        if row is None:
            raise UnknownCase(case_id)
        return row

    @staticmethod
    def _add_version(
        conn: sqlite3.Connection,
        case_id: str,
        version: int,
        case: Case,
        event: str,
        when: str,
        restored_from: int | None = None,
    ) -> None:
        conn.execute(
            "INSERT INTO versions (case_id, version, saved, title, event, restored_from, case_json)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (case_id, version, when, case.title, event, restored_from, _stored_json(case)),
        )
        conn.execute("DELETE FROM versions WHERE case_id = ? AND version <= ?", (case_id, version - KEEP_VERSIONS))

    # -- reading ---------------------------------------------------------------

    _LISTED = "SELECT * FROM cases WHERE deleted IS NULL ORDER BY updated DESC"

    def cases(self) -> list[CaseRecord]:
        """The cases that are not deleted, the last changed first (the list only: no case is read)."""
        with self._reading() as conn:
            return [_record(row) for row in conn.execute(self._LISTED).fetchall()]

    def latest(self) -> CaseRecord | None:
        """The case changed last, if any."""
        with self._reading() as conn:
            row = conn.execute(f"{self._LISTED} LIMIT 1").fetchone()
            return None if row is None else _record(row)

    def record(self, case_id: str) -> CaseRecord:
        with self._reading() as conn:
            return _record(self._row(conn, case_id))

    def get(self, case_id: str) -> StoredCase:
        """The case at its latest version (also when it is deleted, so an undo can show it)."""
        with self._reading() as conn:
            row = self._row(conn, case_id)
            stored = conn.execute(
                "SELECT case_json FROM versions WHERE case_id = ? AND version = ?", (case_id, row["version"])
            ).fetchone()
            if stored is None:
                raise _Damaged(f"case {case_id}: its latest version {row['version']} is missing")
            return StoredCase(_record(row), _case(stored["case_json"], case_id, row["version"]))

    def history(self, case_id: str) -> list[VersionRecord]:
        """The kept versions, newest first (no case is read)."""
        with self._reading() as conn:
            self._row(conn, case_id)
            rows = conn.execute(
                "SELECT version, saved, title, event, restored_from FROM versions"
                " WHERE case_id = ? ORDER BY version DESC",
                (case_id,),
            ).fetchall()
            return [
                VersionRecord(
                    r["version"],
                    _moment(r["saved"], f"case {case_id} version {r['version']}"),
                    r["title"],
                    r["event"],
                    r["restored_from"],
                )
                for r in rows
            ]

    def version(self, case_id: str, version: int) -> Case:
        with self._reading() as conn:
            row = conn.execute(
                "SELECT case_json FROM versions WHERE case_id = ? AND version = ?", (case_id, version)
            ).fetchone()
            if row is None:
                raise UnknownCase(f"{case_id} version {version}")
            return _case(row["case_json"], case_id, version)

    # -- writing ---------------------------------------------------------------

    def create(self, case: Case, recommendation: str | None = None, event: str = "created") -> CaseRecord:
        """A new case at version 1."""
        case_id = uuid.uuid4().hex[:12]
        when = _now()
        with self._transaction() as conn:
            conn.execute(
                "INSERT INTO cases (id, title, organisation, created, updated, version, recommendation)"
                " VALUES (?, ?, ?, ?, ?, 1, ?)",
                (case_id, case.title, case.profile.organisation, when, when, recommendation),
            )
            self._add_version(conn, case_id, 1, case, event, when)
            return _record(self._row(conn, case_id))

    def import_bytes(self, raw: bytes) -> CaseRecord:
        """A case file (validated exactly like ``python -m decision validate``) as a new case.

        Raises CaseError, with one line per problem, and changes nothing when the file is not valid.
        """
        return self.create(load_case_bytes(raw), event="imported")

    def save(
        self,
        case_id: str,
        case: Case,
        expected_version: int,
        recommendation: str | None = None,
        event: str = "edited",
        restored_from: int | None = None,
    ) -> int:
        """Store ``case`` as the next version and return its number.

        ``expected_version`` is the version the caller's edit started from; when
        the library holds a newer one (another tab saved), raises Conflict and
        stores nothing. A case equal to the latest version stores nothing and
        returns the latest version number. Saving a deleted case undeletes it,
        so that work still being done on it is never hidden.
        """
        content = _stored_json(case)
        with self._transaction() as conn:
            row = self._row(conn, case_id)
            current = row["version"]
            latest = conn.execute(
                "SELECT case_json FROM versions WHERE case_id = ? AND version = ?", (case_id, current)
            ).fetchone()
            if latest is not None and latest["case_json"] == content and restored_from is None:
                return current
            if current != expected_version:
                raise Conflict(case_id, expected_version, current)
            version = current + 1
            when = _now()
            conn.execute(
                "UPDATE cases SET title = ?, organisation = ?, updated = ?, version = ?,"
                " recommendation = COALESCE(?, recommendation), deleted = NULL WHERE id = ?",
                (case.title, case.profile.organisation, when, version, recommendation, case_id),
            )
            self._add_version(conn, case_id, version, case, event, when, restored_from)
            return version

    def rename(self, case_id: str, title: str, expected_version: int) -> int:
        """A new version with another title; raises CaseError for a title the case model refuses."""
        stored = self.get(case_id)
        renamed = parse_case({**stored.case.model_dump(mode="json"), "title": title})
        return self.save(case_id, renamed, expected_version, event="renamed")

    def duplicate(self, case_id: str, title: str) -> CaseRecord:
        """A new case with the content of the latest version of ``case_id`` under ``title``."""
        stored = self.get(case_id)
        copy = parse_case({**stored.case.model_dump(mode="json"), "title": title})
        return self.create(copy, stored.record.recommendation, event="duplicated")

    def restore(self, case_id: str, version: int, expected_version: int, recommendation: str | None = None) -> int:
        """Make an earlier version the latest again (as a new version; nothing is lost)."""
        earlier = self.version(case_id, version)
        return self.save(case_id, earlier, expected_version, recommendation, event="restored", restored_from=version)

    def delete(self, case_id: str) -> None:
        """Hide the case from the list; ``undelete`` brings it back with all its versions."""
        with self._transaction() as conn:
            self._row(conn, case_id)
            conn.execute("UPDATE cases SET deleted = ? WHERE id = ?", (_now(), case_id))

    def undelete(self, case_id: str) -> None:
        with self._transaction() as conn:
            self._row(conn, case_id)
            conn.execute("UPDATE cases SET deleted = NULL WHERE id = ?", (case_id,))

    def set_recommendation(self, case_id: str, version: int, strategy: str) -> None:
        """Record the recommendation worked out for a version, if it is still the latest."""
        with self._transaction() as conn:
            conn.execute(
                "UPDATE cases SET recommendation = ? WHERE id = ? AND version = ?", (strategy, case_id, version)
            )
