"""Triage rules of the source text (MODEL.md section 4): which strategies are defensible."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from decision.model import registry
from decision.model.case import Case
from decision.text import fmt
from decision.text.i18n import MoneyFormat, translate


@dataclass(frozen=True)
class Reason:
    """One reason, as a message key and its values, so that every language can say it."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def say(self, lang: str = "en", money: MoneyFormat = fmt.money) -> str:
        """The reason as a sentence in ``lang``; amounts written with ``money``."""
        return translate(self.key, lang, money_format=money, **self.values)


@dataclass(frozen=True)
class TriageOutcome:
    allowed: tuple[str, ...]
    reasons: tuple[Reason, ...]

    @property
    def acute(self) -> bool:
        return "muddle" not in self.allowed


def recognition_fails(score: int | None) -> bool:
    """A recognition score of 2 or lower rules out a principled solution."""
    return score is not None and score <= 2


def triage(case: Case) -> TriageOutcome:
    answers = case.triage
    allowed = list(registry.strategies_of(case))
    reasons: list[Reason] = []
    if answers.weekly_board_agenda or answers.continuity_threat:
        allowed.remove("muddle")
        if answers.weekly_board_agenda and answers.continuity_threat:
            reasons.append(Reason("triage.acute_both"))
        elif answers.weekly_board_agenda:
            reasons.append(Reason("triage.acute_board"))
        else:
            reasons.append(Reason("triage.acute_continuity"))
    else:
        reasons.append(Reason("triage.not_acute"))
    client_fails = recognition_fails(answers.client_recognises_supplier)
    supplier_fails = recognition_fails(answers.supplier_values_client)
    if client_fails or supplier_fails:
        allowed.remove("solve")
        if client_fails:
            reasons.append(Reason("triage.client_no_recognition", {"score": answers.client_recognises_supplier}))
        if supplier_fails:
            reasons.append(Reason("triage.supplier_no_recognition", {"score": answers.supplier_values_client}))
    elif answers.client_recognises_supplier is None or answers.supplier_values_client is None:
        reasons.append(Reason("triage.recognition_unknown"))
    else:
        reasons.append(
            Reason(
                "triage.mutual_recognition",
                {"client": answers.client_recognises_supplier, "supplier": answers.supplier_values_client},
            )
        )
    return TriageOutcome(tuple(allowed), tuple(reasons))
