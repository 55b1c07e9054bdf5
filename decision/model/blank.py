"""A new, empty case: valid, so every page can draw it, and neutral until filled in.

The neutral defaults, chosen so that no strategy is favoured before the user
has entered anything:

- money: EUR 0 everywhere (unknown until entered), so every strategy costs
  nothing and the comparison shows a tie rather than a made-up winner;
- chances: 50% (p_win, p_success), the value that says "no information";
- shares of dysfunction left after a fix or a replacement: 0%;
- durations: the typical figures of DOMAIN.md, so that timelines can be drawn:
  12 months to replace the system (Panorama 2013 averages 17.8 months for an
  ERP; 12 is the low end), 24 months of litigation (89% of contested
  commercial cases end at first instance within 2 years), 6 months to improve
  (DOMAIN.md's most likely recovery time);
- fallback after a failed solution: stop and take the loss (``switch``), the
  one that needs no further assumptions about a court case;
- no diagnosis, and the four triage questions unanswered;
- every estimate it sets is marked ``origin="empty"``: the engine can run on it, but
  no recommendation rests on it until the director has filled it in
  (``decision.analysis.completeness``);
- horizon, discount rate, client share and supplier margin: the model's
  defaults (60 months, 6% a year, 50%, 15%).
"""

from __future__ import annotations

from decision.model.case import SCHEMA_VERSION, Case, Current, Estimate, Legal, Solve, Stop, Triage

NO_MONEY = Estimate.fixed(0.0, origin="empty")
NO_INFORMATION = Estimate.fixed(0.5, origin="empty")
NONE_LEFT = Estimate.fixed(0.0, origin="empty")


def _months(value: float) -> Estimate:
    return Estimate.fixed(value, origin="empty")


def blank_case() -> Case:
    """A valid case with neutral defaults (see the module docstring)."""
    return Case(
        schema_version=SCHEMA_VERSION,  # a case the app makes is a current-version case
        title="",
        current=Current(dysfunction_cost_per_month=NO_MONEY, running_cost_per_month=NO_MONEY),
        stop=Stop(
            exit_cost=NO_MONEY,
            replacement_cost=NO_MONEY,
            replacement_months=_months(12.0),
            new_running_cost_per_month=NO_MONEY,
            new_residual_dysfunction=NONE_LEFT,
        ),
        legal=Legal(
            fees_per_year=NO_MONEY,
            duration_months=_months(24.0),
            p_win=NO_INFORMATION,
            claim=NO_MONEY,
        ),
        solve=Solve(
            programme_cost=NO_MONEY,
            internal_cost=NO_MONEY,
            improvement_months=_months(6.0),
            p_success=NO_INFORMATION,
            residual_dysfunction=NONE_LEFT,
            fallback="switch",
        ),
        triage=Triage(weekly_board_agenda=None, continuity_threat=None),
    )
