"""Hostile case files: a device, a pipe, a folder, a number of thousands of digits, a key twice.

Each is refused with one line per problem (exit 2 on the command line), never a hang,
a MemoryError or a traceback; the command line is run as a real process, with a
timeout, so that a hang fails the test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from decision.model.loader import MAX_CASE_BYTES, MAX_INTEGER_DIGITS, load_case, load_case_bytes
from decision.model.problems import CaseError
from tests.decision.builders import case_dict

REPO = Path(__file__).resolve().parents[2]
NOT_A_FILE = "(file): this is not a regular file; a case file cannot be a folder, a device or a pipe"
TOO_LONG = "(file): the file contains a whole number of more than 20 digits; no number in a case file is that long"


def validate(path: Path | str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "decision", "validate", str(path)], cwd=REPO, capture_output=True, text=True, timeout=30
    )


def refused(path: Path | str) -> list[str]:
    """The problems ``validate`` prints for ``path``: exit 2, no traceback, nothing on stdout."""
    done = validate(path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and done.stdout == ""
    lines = done.stderr.splitlines()
    assert all(line.startswith(f"{path}: ") for line in lines)
    return [line.removeprefix(f"{path}: ") for line in lines]


def problems(raw: bytes) -> list[str]:
    with pytest.raises(CaseError) as caught:
        load_case_bytes(raw)
    return caught.value.problems


def valid() -> bytes:
    return json.dumps(case_dict()).encode()


# --- files that are not files -------------------------------------------------------------


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_dev_zero_is_refused_unread():
    assert refused("/dev/zero") == [NOT_A_FILE]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    pipe = tmp_path / "case.json"
    os.mkfifo(pipe)
    assert refused(pipe) == [NOT_A_FILE]


def test_a_folder_is_refused(tmp_path):
    assert refused(tmp_path) == [NOT_A_FILE]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_the_library_refuses_a_device_too():
    with pytest.raises(CaseError) as caught:
        load_case("/dev/zero")
    assert caught.value.problems == [NOT_A_FILE]
    assert caught.value.details[0].message("nl") == (
        "dit is geen gewoon bestand; een dossierbestand kan geen map, apparaat of pipe zijn"
    )


def test_a_missing_file_is_still_an_os_error():
    with pytest.raises(FileNotFoundError):
        load_case("/nonexistent/case.json")


def test_a_regular_file_is_read(tmp_path):
    path = tmp_path / "case.json"
    path.write_bytes(valid())
    assert validate(path).stdout == f"{path}: valid\n"


def test_no_more_than_the_limit_is_read(tmp_path, monkeypatch):
    # A file that grows after it was measured: still read only up to the limit (and one byte to notice).
    path = tmp_path / "growing.json"
    path.write_bytes(b" " * (MAX_CASE_BYTES + 100))
    real_stat = os.stat

    class Small:
        def __init__(self, info: os.stat_result):
            self.st_mode, self.st_size = info.st_mode, 10

    monkeypatch.setattr(os, "stat", lambda p, *args, **kwargs: Small(real_stat(p, *args, **kwargs)))
    with pytest.raises(CaseError) as caught:
        load_case(str(path))
    monkeypatch.undo()  # os.stat as it was, before anything else (pytest's reporting) needs it
    # One byte over the limit: said to the byte's decimal, not rounded back down to "1.0 MB".
    assert caught.value.problems == ["(file): the file is 1.000001 MB; a case file may be at most 1 MB"]


# --- numbers of thousands of digits -------------------------------------------------------


def test_a_five_thousand_digit_number_is_one_line(tmp_path):
    path = tmp_path / "case.json"
    path.write_bytes(valid().replace(b'"claim": 500000', b'"claim": ' + b"9" * 5000))
    assert refused(path) == [TOO_LONG]


@pytest.mark.parametrize("digits", [MAX_INTEGER_DIGITS + 1, 4301, 100_000])
def test_a_long_whole_number_is_refused_on_upload(digits):
    number = b"1" + b"0" * (digits - 1)
    assert problems(valid().replace(b'"claim": 500000', b'"claim": ' + number)) == [TOO_LONG]
    assert problems(valid().replace(b'"claim": 500000', b'"claim": -' + number)) == [TOO_LONG]
    assert problems(valid().replace(b'"title": "hand-worked"', b'"title": [' + number + b"]")) == [TOO_LONG]


def test_the_dutch_line_for_a_long_number():
    with pytest.raises(CaseError) as caught:
        load_case_bytes(valid().replace(b'"claim": 500000', b'"claim": ' + b"9" * 5000))
    assert [problem.message("nl") for problem in caught.value.details] == [
        "het bestand bevat een geheel getal van meer dan 20 cijfers; geen enkel getal in een dossierbestand is zo lang"
    ]


def test_twenty_digits_are_read_and_validated_as_usual():
    raw = valid().replace(b'"claim": 500000', b'"claim": ' + str(10**19).encode())
    (line,) = problems(raw)
    assert line.startswith("legal.claim: the value must be at most ")
    raw = valid().replace(b'"claim": 500000', b'"claim": -' + str(10**19).encode())
    (line,) = problems(raw)
    assert line.startswith("legal.claim: the value must be at least 0")


def test_long_fractions_and_exponents_are_numbers_as_before():
    # Only whole numbers are refused by length: a long fraction is a float (and here out of range).
    raw = valid().replace(b'"claim": 500000', b'"claim": ' + b"9" * 5000 + b".5")
    assert problems(raw) == ["legal.claim: the value must be a finite number"]
    raw = valid().replace(b'"claim": 500000', b'"claim": 5e5')
    assert load_case_bytes(raw) == load_case_bytes(valid())


# --- a key twice --------------------------------------------------------------------------


def test_a_key_twice_is_refused_naming_it(tmp_path):
    path = tmp_path / "case.json"
    path.write_bytes(valid()[:-1] + b', "title": "another"}')
    assert refused(path) == ['(file): the field "title" appears more than once in the same object']


def test_every_duplicated_key_is_named_once_in_the_order_found():
    raw = valid().replace(b'"claim": 500000', b'"claim": 1, "claim": 2, "claim": 3, "p_win": 0')
    raw = raw[:-1] + b', "horizon_months": 12}'
    assert problems(raw) == [
        '(file): the field "claim" appears more than once in the same object',
        '(file): the field "p_win" appears more than once in the same object',
        '(file): the field "horizon_months" appears more than once in the same object',
    ]


def test_the_same_key_in_different_objects_is_fine():
    assert load_case_bytes(valid()).title == "hand-worked"  # "low", "mode", "high" recur in many estimates
    data = case_dict({"legal.claim": {"low": 1, "mode": 2, "high": 3}, "legal.p_win": {"low": 0, "mode": 0, "high": 1}})
    assert load_case_bytes(json.dumps(data).encode()).legal.claim.high == 3


def test_a_strange_duplicated_key_stays_on_one_short_line():
    key = "x\n\u2028\u0085y" + "z" * 500
    pair = json.dumps({key: 1})[1:-1].encode()
    (line,) = problems(valid()[:-1] + b", " + pair + b", " + pair + b"}")
    assert line.splitlines() == [line] and len(line) < 150
    shown = "x\\n\\u2028\\u0085y" + "z" * 34 + "\\u2026"
    assert line == f'(file): the field "{shown}" appears more than once in the same object'


def test_many_duplicated_keys_are_listed_up_to_ten():
    raw = ("{" + ", ".join(f'"k{i}": 1, "k{i}": 2' for i in range(30_000)) + "}").encode()
    found = problems(raw)
    assert len(found) == 10 and found[0] == '(file): the field "k0" appears more than once in the same object'


def test_the_dutch_line_for_a_key_twice():
    with pytest.raises(CaseError) as caught:
        load_case_bytes(valid()[:-1] + b', "title": "another"}')
    assert [problem.message("nl") for problem in caught.value.details] == [
        'het veld "title" komt meer dan één keer voor in hetzelfde object'
    ]


def test_the_checks_keep_the_old_problems():
    assert problems(b'{"title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}") == ["(file): the file is nested too deeply"]
    assert problems(b"[1, 2]") == ["(file): a case file must be a JSON object {...}"]
    (line,) = problems(b'{"a": 1,}')
    assert line.startswith("(file): not valid JSON (")
