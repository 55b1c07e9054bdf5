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
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
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


def _time(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def _record(row: sqlite3.Row) -> CaseRecord:
    return CaseRecord(
        id=row["id"],
        title=row["title"],
        organisation=row["organisation"],
        created=dt.datetime.fromisoformat(row["created"]),
        updated=dt.datetime.fromisoformat(row["updated"]),
        version=row["version"],
        recommendation=row["recommendation"],
        deleted=_time(row["deleted"]),
    )


def _stored_json(case: Case) -> str:
    return case.model_dump_json()


class Library:
    """The case library in one SQLite file (see the module docstring)."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path is not None else library_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(self.path, timeout=30)) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.executescript(_SCHEMA)

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction that takes the write lock at once (no lost updates between tabs)."""
        conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        conn.row_factory = sqlite3.Row
        try:
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    def _read(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30)
        conn.row_factory = sqlite3.Row
        return conn

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

    def cases(self) -> list[CaseRecord]:
        """The cases that are not deleted, the last changed first."""
        with closing(self._read()) as conn:
            rows = conn.execute("SELECT * FROM cases WHERE deleted IS NULL ORDER BY updated DESC").fetchall()
        return [_record(row) for row in rows]

    def latest(self) -> CaseRecord | None:
        """The case changed last, if any."""
        listed = self.cases()
        return listed[0] if listed else None

    def record(self, case_id: str) -> CaseRecord:
        with closing(self._read()) as conn:
            return _record(self._row(conn, case_id))

    def get(self, case_id: str) -> StoredCase:
        """The case at its latest version (also when it is deleted, so an undo can show it)."""
        with closing(self._read()) as conn:
            row = self._row(conn, case_id)
            stored = conn.execute(
                "SELECT case_json FROM versions WHERE case_id = ? AND version = ?", (case_id, row["version"])
            ).fetchone()
        return StoredCase(_record(row), parse_case(json.loads(stored["case_json"])))

    def history(self, case_id: str) -> list[VersionRecord]:
        """The kept versions, newest first."""
        with closing(self._read()) as conn:
            self._row(conn, case_id)
            rows = conn.execute(
                "SELECT version, saved, title, event, restored_from FROM versions"
                " WHERE case_id = ? ORDER BY version DESC",
                (case_id,),
            ).fetchall()
        return [
            VersionRecord(
                r["version"], dt.datetime.fromisoformat(r["saved"]), r["title"], r["event"], r["restored_from"]
            )
            for r in rows
        ]

    def version(self, case_id: str, version: int) -> Case:
        with closing(self._read()) as conn:
            row = conn.execute(
                "SELECT case_json FROM versions WHERE case_id = ? AND version = ?", (case_id, version)
            ).fetchone()
        if row is None:
            raise UnknownCase(f"{case_id} version {version}")
        return parse_case(json.loads(row["case_json"]))

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
