"""Small case files for hand-worked tests: fixed values, round numbers.

``case_dict()`` is the base below; ``make_case({"legal.p_win": 1})`` changes
fields by dotted path. With the base (H = 24, r = 0, no incidents, no growth):
D = 10,000, R = 2,000 a month; exit E = 50,000, replacement K = 120,000 over
T_r = 6 months, then R_n = 1,000 and rho_n = 0.1; legal fees F = 60,000 a year
(5,000 a month) for T_l = 12 months, claim 500,000 capped at 300,000, f = 0.5,
A = 10,000, Q = 80,000; programme P = 60,000 split s = 0.5, internal I = 30,000,
T_s = 3 months, rho_s = 0.2; book value W = 100,000; the supplier earns
m = 0.15 of R = 2,000 (300 a month), pays 36,000 a year in fees (3,000 a month)
and loses L = 40,000 when the new system goes live.
"""

from __future__ import annotations

import copy
from typing import Any

from decision.model.case import Case
from decision.model.loader import parse_case

BASE: dict[str, Any] = {
    "schema_version": 1,
    "title": "hand-worked",
    "horizon_months": 24,
    "discount_rate": 0.0,
    "sunk": {"invested_to_date": 250_000, "book_value": 100_000},
    "current": {
        "dysfunction_cost_per_month": 10_000,
        "dysfunction_growth_per_year": 0,
        "running_cost_per_month": 2_000,
        "incident_probability_per_year": 0,
        "incident_cost": 5_000,
    },
    "stop": {
        "exit_cost": 50_000,
        "replacement_cost": 120_000,
        "replacement_months": 6,
        "new_running_cost_per_month": 1_000,
        "new_residual_dysfunction": 0.1,
    },
    "legal": {
        "fees_per_year": 60_000,
        "duration_months": 12,
        "p_win": 0,
        "claim": 500_000,
        "liability_cap": 300_000,
        "recovery_fraction": 0.5,
        "cost_award": 10_000,
        "counterclaim": 80_000,
    },
    "solve": {
        "programme_cost": 60_000,
        "client_share": 0.5,
        "internal_cost": 30_000,
        "improvement_months": 3,
        "p_success": 1,
        "residual_dysfunction": 0.2,
        "fallback": "muddle",
    },
    "supplier": {"normal_margin": 0.15, "fees_per_year": 36_000, "loss_of_client_cost": 40_000},
    "triage": {
        "weekly_board_agenda": False,
        "continuity_threat": False,
        "client_recognises_supplier": 4,
        "supplier_values_client": 4,
    },
}


def case_dict(changes: dict[str, Any] | None = None) -> dict[str, Any]:
    """The base case as a dict with ``{"group.field": value}`` changes applied (None deletes)."""
    data = copy.deepcopy(BASE)
    for path, value in (changes or {}).items():
        target = data
        *parents, last = path.split(".")
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
    return data


def make_case(changes: dict[str, Any] | None = None) -> Case:
    return parse_case(case_dict(changes))
