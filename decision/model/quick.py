"""The quick start: a dozen answers a director gives from memory become a complete case.

``quick_case(answers, lang)`` fills every estimate of a case from ``QuickAnswers``:

- the director's own answers are stored as theirs (``origin="own"``, the source names the
  answer): the dysfunction (hours lost per week x hourly rate x 52 / 12), the running cost (the
  yearly fee / 12), the contract commitment (remaining term and notice), the liability cap, the
  diagnosis and the four triage questions;
- every other estimate is a default (``origin="default"``) whose source names the fact of
  docs/DOMAIN.md it comes from, scaled to the contract value where the domain table does so
  (replacement 100/130/200% of it, repair 15/25/40% of it); where DOMAIN.md has no figure, the
  model's own default of the registry, and the source says so.

Nothing here is invented: each range below carries the line of DOMAIN.md it reads. The result
is a valid case with every estimate filled in and the triage answered, so ``readiness`` holds
and the app recommends on it; the Assumptions page then shows which numbers are defaults.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from decision.model.case import (
    DIAGNOSIS_AREAS,
    SCHEMA_VERSION,
    AreaRating,
    Case,
    Contract,
    Current,
    Diagnosis,
    Estimate,
    Legal,
    Partner,
    Profile,
    Solve,
    Stop,
    Sunk,
    Supplier,
    Triage,
)
from decision.model.registry import BY_PATH, MAX_EURO, PERCENT_KINDS
from decision.text import fmt
from decision.text.i18n import translate
from decision.text.say import say_in_kind

# The questions of the quick start, in the order the page asks them (the seven diagnosis areas are
# one question, the hours and the rate of the dysfunction two).
QUESTIONS: tuple[str, ...] = (
    "hours_per_week",
    "hourly_rate",
    "size",
    "contract_kind",
    "contract_value",
    "yearly_fee",
    "remaining_term_months",
    "notice_months",
    "liability_cap",
    "severity",
    "weekly_board_agenda",
    "continuity_threat",
    "client_recognises_supplier",
    "supplier_values_client",
)
QUICK_QUESTIONS = len(QUESTIONS)

SIZES: tuple[str, ...] = ("micro", "small", "medium", "large")  # EU size classes: <10, <50, <250, 250+ staff
CONTRACT_KINDS: tuple[str, ...] = ("project", "licence", "saas")

# Limits of the answers: beyond them an answer is a typing error.
MIN_CONTRACT_VALUE = 1_000.0
MAX_TERM_MONTHS = 120.0  # ten years: DOMAIN.md, fixed terms of 1-5 years are typical
MAX_NOTICE_MONTHS = 24.0
MAX_HOURS_PER_WEEK = 100_000.0  # all staff together: 2,500 people losing a full week
MAX_HOURLY_RATE = 1_000.0
WEEKS_PER_MONTH = 52 / 12
# NLdigital Voorwaarden (DOMAIN.md): a continuing agreement is renewed tacitly by at most one year.
RENEWAL_MONTHS = 12.0

Area = Literal[DIAGNOSIS_AREAS]  # type: ignore[valid-type]


class QuickAnswers(BaseModel):
    """The quick start's answers, in the units the page asks them (euros, months, hours)."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    size: Literal[SIZES]  # type: ignore[valid-type]
    contract_kind: Literal[CONTRACT_KINDS]  # type: ignore[valid-type]
    contract_value: float = Field(ge=MIN_CONTRACT_VALUE, le=MAX_EURO)
    yearly_fee: float = Field(ge=0, le=MAX_EURO)
    remaining_term_months: float = Field(ge=0, le=MAX_TERM_MONTHS)
    notice_months: float = Field(ge=0, le=MAX_NOTICE_MONTHS)
    liability_cap: float | None = Field(None, ge=0, le=MAX_EURO)
    severity: dict[Area, Annotated[int, Field(ge=0, le=4)]] = Field(default_factory=dict)
    hours_per_week: float = Field(ge=0, le=MAX_HOURS_PER_WEEK)
    hourly_rate: float = Field(ge=0, le=MAX_HOURLY_RATE)
    weekly_board_agenda: bool
    continuity_threat: bool
    client_recognises_supplier: int = Field(ge=1, le=5)
    supplier_values_client: int = Field(ge=1, le=5)

    @field_validator("severity")
    @classmethod
    def _every_area_once(cls, severity: dict[str, int]) -> dict[str, int]:
        """The areas in the diagnosis's order; an area not given is no complaint (0)."""
        return {area: severity.get(area, 0) for area in DIAGNOSIS_AREAS}

    @property
    def dysfunction_per_month(self) -> float:
        """Hours lost per week x hourly rate x 52 weeks / 12 months."""
        return monthly_cost(self.hours_per_week, self.hourly_rate)


# The example the page shows filled in (marked as an example): a mid-size organisation with a
# licence and implementation of EUR 800k, inside DOMAIN.md's table of EUR 0.5-2M contracts.
EXAMPLE = QuickAnswers(
    size="medium",
    contract_kind="licence",
    contract_value=800_000,
    yearly_fee=120_000,
    remaining_term_months=24,
    notice_months=3,
    liability_cap=None,
    severity={
        "functionality": 3,
        "account_management": 2,
        "invoicing": 1,
        "service_desk": 3,
        "change_requests": 2,
        "process_knowledge": 3,
        "releases": 2,
    },
    hours_per_week=40,
    hourly_rate=75,
    weekly_board_agenda=True,
    continuity_threat=False,
    client_recognises_supplier=3,
    supplier_values_client=3,
)


def monthly_cost(hours_per_week: float, hourly_rate: float) -> float:
    """What the dysfunction costs per month: hours per week x rate x 52 / 12."""
    return hours_per_week * hourly_rate * WEEKS_PER_MONTH


def committed_months(remaining_term: float, notice: float) -> tuple[float, str]:
    """The months the client must keep paying (MODEL.md 7.1) and the rule that gave them.

    DOMAIN.md, contract terms: the commitment is the rest of the current period when notice can
    still be given in time; otherwise the contract is renewed tacitly, by at most one year
    (NLdigital Voorwaarden). No fixed term left: the notice period.
    """
    if remaining_term <= 0:
        return notice, "no_term"
    if remaining_term >= notice:
        return remaining_term, "in_time"
    return remaining_term + RENEWAL_MONTHS, "renewed"


# -- DOMAIN.md's ranges (low, most likely, high) ------------------------------------------------

# "Ranges for a mid-size Dutch case" (judgement, with the basis the table names).
REPLACEMENT_SHARE = (1.0, 1.3, 2.0)  # of the contract value C
REPLACEMENT_MONTHS = (12.0, 18.0, 30.0)
LEGAL_FEES = (75_000.0, 150_000.0, 350_000.0)  # own legal costs per instance
# Procedure duration: 12-30 months at first instance, +12-24 on appeal (30%): low the shortest
# first instance, most likely the middle of the first instance (most cases are not appealed), high
# the longest first instance plus the longest appeal.
LEGAL_MONTHS = (12.0, (12.0 + 30.0) / 2, 30.0 + 24.0)
P_WIN = (0.35, 0.50, 0.65)
INTAKE = (15_000.0, 30_000.0, 60_000.0)
SUPERVISOR = (50_000.0, 120_000.0, 250_000.0)
P_SUCCESS = (0.50, 0.65, 0.80)
IMPROVEMENT_MONTHS = (3.0, 6.0, 12.0)
RESIDUAL = (0.10, 0.20, 0.35)
# "Settlements": a procedure ends in a settlement 20-50% (most likely the middle), after 3-18 months.
P_SETTLE = (0.20, 0.35, 0.50)
SETTLE_MONTHS = (3.0, (3.0 + 18.0) / 2, 18.0)
# "Statutory interest": an award of damages carries the ordinary statutory interest, 7% from 2024.
INTEREST = 0.07
# "Another implementation partner" (judgement).
PARTNER_EXIT = (5_000.0, 15_000.0, 30_000.0)
PARTNER_AUDIT = (25_000.0, 40_000.0, 60_000.0)
REPAIR_SHARE = (0.15, 0.25, 0.40)  # of the original implementation (the contract value C)
PARTNER_MONTHS = (3.0, 6.0, 10.0)
PARTNER_P_SUCCESS = (0.55, 0.70, 0.85)


def _times(share: tuple[float, float, float], value: float) -> tuple[float, float, float]:
    return (share[0] * value, share[1] * value, share[2] * value)


def _plus(*ranges: tuple[float, float, float]) -> tuple[float, float, float]:
    return (sum(r[0] for r in ranges), sum(r[1] for r in ranges), sum(r[2] for r in ranges))


def _digits(share: float) -> int:
    """Decimals of a percentage: none for a whole percentage, else one."""
    return 0 if round(share * 100, 6).is_integer() else 1


class _Builder:
    """Makes the estimates of one quick case, with their sources in the case's language."""

    def __init__(self, lang: str):
        self.lang = lang

    def default(self, path: str, values: tuple[float, float, float], fact: str, **said: Any) -> Estimate:
        """A range from DOMAIN.md: its source names the fact (``quick_start.fact.<fact>``)."""
        low, mode, high = values
        text = translate(f"quick_start.fact.{fact}", self.lang, range=self.span(values, BY_PATH[path].kind), **said)
        source = translate("quick_start.source.domain", self.lang, fact=text)
        return Estimate(low=low, mode=mode, high=high, source=source, origin="default")

    def span(self, values: tuple[float, float, float], kind: str) -> str:
        """A range as the sources write it: "€ 5.000 / € 15.000 / € 30.000", "12 / 18 / 30 maanden"."""
        if values[0] == values[2] and kind not in PERCENT_KINDS:
            return say_in_kind(kind, values[0], self.lang)
        if values[0] == values[2]:
            return fmt.percent(values[0], self.lang, digits=_digits(values[0]))
        if kind == "months":
            first = " / ".join(fmt.number(value, self.lang) for value in values[:2])
            return f"{first} / {say_in_kind(kind, values[2], self.lang)}"
        if kind in PERCENT_KINDS:  # 0.55 is 55%, not 55,0% (0.55 x 100 is not exactly 55)
            return " / ".join(fmt.percent(round(value, 6), self.lang, digits=_digits(value)) for value in values)
        return " / ".join(say_in_kind(kind, value, self.lang) for value in values)

    def model(self, path: str) -> Estimate:
        """The model's own default of the registry, where DOMAIN.md has no figure."""
        spec = BY_PATH[path]
        value = float(spec.default or 0.0)
        source = translate("quick_start.source.model", self.lang, value=value, kind=spec.kind)
        return Estimate.fixed(value, source=source, origin="default")

    def own(self, value: float, answer: str, **said: Any) -> Estimate:
        """The director's own number, its source the answer it comes from (``quick_start.answer.<answer>``)."""
        text = translate(f"quick_start.answer.{answer}", self.lang, **said)
        return Estimate.fixed(value, source=translate("quick_start.source.own", self.lang, answer=text), origin="own")


def quick_case(answers: QuickAnswers, lang: str) -> Case:
    """A complete, valid case from the quick start's answers (see the module docstring)."""
    build = _Builder(lang)
    value = answers.contract_value
    running = answers.yearly_fee / 12
    committed, rule = committed_months(answers.remaining_term_months, answers.notice_months)
    kind = translate(f"quick_start.kind.{answers.contract_kind}", lang)
    # The liability cap the director gave, else DOMAIN.md's: up to the contract price, or one
    # year's fees for a subscription (SaaS). The cap has no source of its own: the claim's note says it.
    if answers.liability_cap is not None:
        cap = answers.liability_cap
        cap_note = translate("quick_start.note.cap_given", lang, amount=cap)
    elif answers.contract_kind == "saas":
        cap = answers.yearly_fee
        cap_note = translate("quick_start.note.cap_fees", lang, amount=cap)
    else:
        cap = value
        cap_note = translate("quick_start.note.cap_price", lang, amount=cap)

    current = Current(
        dysfunction_cost_per_month=build.own(
            answers.dysfunction_per_month,
            "dysfunction",
            hours=answers.hours_per_week,
            price_hour=answers.hourly_rate,
            amount_month=answers.dysfunction_per_month,
        ),
        dysfunction_growth_per_year=build.model("current.dysfunction_growth_per_year"),
        running_cost_per_month=build.own(running, "running", amount_fee=answers.yearly_fee, amount_month=running),
        incident_probability_per_year=build.model("current.incident_probability_per_year"),
        incident_cost=build.model("current.incident_cost"),
    )
    contract = Contract(
        committed_months=build.own(
            committed,
            f"committed_{rule}",
            remaining=answers.remaining_term_months,
            notice=answers.notice_months,
            months=committed,
        )
    )
    # A new system's running cost: DOMAIN.md has no figure; the current fee, said so.
    new_running = translate("quick_start.source.new_running", lang, amount_fee=answers.yearly_fee)
    # The claim: DOMAIN.md has no figure; the contract value, said so.
    claim = translate("quick_start.source.claim", lang, amount_value=value)
    stop = Stop(
        exit_cost=build.default("stop.exit_cost", PARTNER_EXIT, "exit_cost"),
        replacement_cost=build.default(
            "stop.replacement_cost",
            _times(REPLACEMENT_SHARE, value),
            "replacement_cost",
            amount_value=value,
            shares=build.span(REPLACEMENT_SHARE, "share"),
        ),
        replacement_months=build.default("stop.replacement_months", REPLACEMENT_MONTHS, "replacement_months"),
        new_running_cost_per_month=Estimate.fixed(running, source=new_running, origin="default"),
        new_residual_dysfunction=build.default("stop.new_residual_dysfunction", RESIDUAL, "residual"),
    )
    legal = Legal(
        fees_per_year=build.default("legal.fees_per_year", LEGAL_FEES, "legal_fees"),
        duration_months=build.default("legal.duration_months", LEGAL_MONTHS, "legal_months"),
        p_win=build.default("legal.p_win", P_WIN, "p_win"),
        claim=Estimate.fixed(value, source=claim, note=cap_note, origin="default"),
        liability_cap=cap,
        recovery_fraction=build.model("legal.recovery_fraction"),
        cost_award=build.model("legal.cost_award"),
        counterclaim=build.model("legal.counterclaim"),
        p_settle=build.default("legal.p_settle", P_SETTLE, "p_settle"),
        settle_months=build.default("legal.settle_months", SETTLE_MONTHS, "settle_months"),
        # A settlement near what a judgment is worth: chance of winning x share recovered (100%).
        settle_fraction=build.default("legal.settle_fraction", P_WIN, "settle_fraction"),
        restitution=build.model("legal.restitution"),
        interest_rate=build.default("legal.interest_rate", (INTEREST, INTEREST, INTEREST), "interest"),
    )
    solve = Solve(
        programme_cost=build.default(
            "solve.programme_cost",
            _times(REPAIR_SHARE, value),
            "programme_cost",
            amount_value=value,
            shares=build.span(REPAIR_SHARE, "share"),
        ),
        internal_cost=build.default(
            "solve.internal_cost",
            _plus(INTAKE, SUPERVISOR),
            "internal_cost",
            intake=build.span(INTAKE, "euro"),
            supervisor=build.span(SUPERVISOR, "euro"),
        ),
        improvement_months=build.default("solve.improvement_months", IMPROVEMENT_MONTHS, "improvement_months"),
        p_success=build.default("solve.p_success", P_SUCCESS, "p_success"),
        residual_dysfunction=build.default("solve.residual_dysfunction", RESIDUAL, "residual"),
        gate_detection=build.model("solve.gate_detection"),
        tender_cost=build.model("solve.tender_cost"),
        tender_saves_months=build.model("solve.tender_saves_months"),
    )
    # Another implementation partner is a way out for a standard package (a licence), not for
    # software the supplier built for the client alone or runs as its own service.
    partner = None
    if answers.contract_kind == "licence":
        partner = Partner(
            exit_cost=build.default("partner.exit_cost", PARTNER_EXIT, "exit_cost"),
            transition_cost=build.default(
                "partner.transition_cost",
                _plus(PARTNER_AUDIT, _times(REPAIR_SHARE, value)),
                "transition_cost",
                amount_value=value,
                audit=build.span(PARTNER_AUDIT, "euro"),
                shares=build.span(REPAIR_SHARE, "share"),
            ),
            transition_months=build.default("partner.transition_months", PARTNER_MONTHS, "transition_months"),
            p_success=build.default("partner.p_success", PARTNER_P_SUCCESS, "partner_p_success"),
            residual_dysfunction=build.default("partner.residual_dysfunction", RESIDUAL, "residual"),
        )
    supplier = Supplier(
        normal_margin=build.model("supplier.normal_margin"),
        fees_per_year=build.default("supplier.fees_per_year", LEGAL_FEES, "supplier_fees"),
        loss_of_client_cost=build.model("supplier.loss_of_client_cost"),
    )
    profile = Profile(
        organisation=translate(f"quick_start.size.{answers.size}", lang),
        contract=translate(
            "quick_start.profile_contract",
            lang,
            contract_kind=kind[:1].upper() + kind[1:],
            amount_value=value,
            amount_fee=answers.yearly_fee,
            remaining=answers.remaining_term_months,
            notice=answers.notice_months,
        ),
        contract_value=value,
        language=lang if lang in ("nl", "en") else None,
    )
    return Case(
        schema_version=SCHEMA_VERSION,
        title=translate("quick_start.case_title", lang, contract_kind=kind, amount_value=value),
        sunk=Sunk(invested_to_date=value),
        current=current,
        contract=contract,
        stop=stop,
        legal=legal,
        solve=solve,
        partner=partner,
        supplier=supplier,
        diagnosis=Diagnosis(**{area: AreaRating(client=score) for area, score in answers.severity.items()}),
        triage=Triage(
            weekly_board_agenda=answers.weekly_board_agenda,
            continuity_threat=answers.continuity_threat,
            client_recognises_supplier=answers.client_recognises_supplier,
            supplier_values_client=answers.supplier_values_client,
        ),
        profile=profile,
    )
