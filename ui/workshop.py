"""Workshop mode: the app on a shared screen in a room with both parties.

Larger type, the navigation in the top bar and the sidebar collapsed, one key
message per screen, "previous / next step" buttons through the walk, and
amounts exact, rounded (k€ / M€) or hidden (``display.amounts``).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from decision.analysis.completeness import readiness
from decision.analysis.negotiation import every_split_agrees
from decision.analysis.triage_driver import reopening, triage_caveats
from decision.engine.results import Evaluation
from decision.model.triage import Reason
from decision.text.i18n import Translator
from ui import cache, case_state, display, settings

# The default page reports "" as its URL path; it is the start page.
HOME = "start"
# Pages whose key message is a fixed sentence (workshop.message.<page>).
FIXED_MESSAGES: frozenset[str] = frozenset(
    {"start", "case", "diagnosis", "assumptions", "why", "agreement", "variants", "report"}
)

# Static CSS only (no user text): larger type and the key message as a banner.
CSS = """
<style>
[data-testid="stMain"] { font-size: 1.2rem; }
[data-testid="stMain"] p, [data-testid="stMain"] li { font-size: 1.2rem; line-height: 1.5; }
[data-testid="stMain"] h1 { font-size: 2.8rem; }
[data-testid="stMain"] [data-testid="stMetricValue"],
[data-testid="stMain"] [data-testid="stMetricValue"] p { font-size: clamp(2.25rem, 3.6vw, 2.7rem); line-height: 1.2; }
[data-testid="stMain"] [data-testid="stMetricLabel"] p { font-size: 1.2rem; line-height: 1.35; }
[data-testid="stMain"] button { min-height: 2.5rem; }
[data-testid="stMain"] input, [data-testid="stMain"] textarea { font-size: 1.15rem; }
[data-testid="stMain"] [data-testid="stTable"] td,
[data-testid="stMain"] [data-testid="stTable"] th { font-size: 1.1rem; }
.st-key-workshop_message {
  border-left: 0.5rem solid #009E73; background: rgba(0, 158, 115, 0.08);
  padding: 1rem 1.5rem; border-radius: 0.5rem;
}
.st-key-workshop_message p { font-size: 1.75rem; line-height: 1.35; font-weight: 600; margin: 0; }
.st-key-workshop_steps button p { font-size: 1.3rem; }
</style>
"""

# At the desk too (static CSS, no user text): a metric's value and a button's label wrap onto a
# second line instead of being cut short with an ellipsis ("10,7 maan…") in a narrow column.
WRAP_CSS = """
<style>
[data-testid="stMain"] [data-testid="stMetric"] .stMarkdownEllipsis,
[data-testid="stMain"] [data-testid="stMetric"] .stMarkdownEllipsis p,
[data-testid="stMain"] button .stMarkdownEllipsis,
[data-testid="stMain"] button p { white-space: normal; overflow: visible; text-overflow: clip; }
[data-testid="stMain"] button { height: auto; }
</style>
"""

# With hidden amounts: no "Show data" or "Copy Vega-Lite spec" on a chart, both would show the exact amounts.
HIDDEN_AMOUNTS_CSS = """
<style>
[data-testid="stElementToolbarButton"]:has(button[aria-label="Show data"]),
[data-testid="stElementToolbarButton"]:has(button[aria-label="Copy Vega-Lite spec"]) { display: none; }
</style>
"""


def active() -> bool:
    return bool(st.session_state.get(display.WORKSHOP_KEY))


def sidebar_controls(t: Translator) -> None:
    """The workshop switch and, when it is on, how amounts are shown. Call inside ``st.sidebar``.

    Both live in the URL (``?workshop=1&amounts=hidden``), see ui/settings.py.
    """
    settings.seed_flag(display.WORKSHOP_KEY)
    st.toggle(t("workshop.toggle"), key=display.WORKSHOP_KEY, help=t("workshop.toggle_help"), persist_state="session")
    settings.publish(display.WORKSHOP_KEY, "1" if active() else None)
    if not active():
        settings.publish(display.AMOUNTS_KEY, None)
        return
    settings.seed(display.AMOUNTS_KEY, display.AMOUNTS, display.AMOUNTS[0])
    st.radio(
        t("workshop.amounts"),
        display.AMOUNTS,
        format_func=lambda shown: t(f"workshop.amounts_{shown}"),
        key=display.AMOUNTS_KEY,
        help=t("workshop.amounts_help"),
        persist_state="session",
    )
    chosen = st.session_state[display.AMOUNTS_KEY]
    settings.publish(display.AMOUNTS_KEY, None if chosen == display.AMOUNTS[0] else chosen)


def page_name(page: StreamlitPage) -> str:
    return page.url_path or HOME


def key_message(name: str, evaluation: Evaluation) -> tuple[Reason, ...]:
    """The key message a page's screen carries in a workshop (empty: the page has none).

    Comparison adds the triage's caveat when it rules out an option close to the advice; while the
    triage rules out solving, Negotiation's zone holds only if solving is reopened, and says so: the
    two banners never contradict each other.
    """
    if name in FIXED_MESSAGES:
        return (Reason(f"workshop.message.{name}", {}),)
    if name == "triage":
        return evaluation.triage.reasons[:1]
    if name == "comparison":
        lowest = next(r for r in evaluation.recommendation.reasons if r.key.startswith("economics.lowest_"))
        return (lowest, *triage_caveats(evaluation))
    if name == "negotiation":
        zopa = evaluation.zopa
        exit_zone = zopa.exit_deal
        # The advice is an orderly exit: the room negotiates its settlement, not the split of a programme.
        if evaluation.recommendation.strategy == "exit_deal" and exit_zone is not None:
            if exit_zone.settlement_min is None or exit_zone.settlement_max is None:
                return (Reason("workshop.no_settlement", {}),)
            amounts = {"amount_min": exit_zone.settlement_min, "amount_max": exit_zone.settlement_max}
            return (Reason("workshop.settlement", amounts),)
        if zopa.client_share_min is None or zopa.client_share_max is None:
            return (Reason("workshop.no_zone", {}),)
        shares = {"share_min": zopa.client_share_min, "share_max": zopa.client_share_max}
        reopen = reopening(evaluation, "solve")
        if reopen is not None:
            return Reason("workshop.zone_reopen", shares), reopen.reason()
        return (Reason("workshop.zone_all" if every_split_agrees(zopa) else "workshop.zone", shares),)
    return ()


def show_key_message(page: StreamlitPage, t: Translator) -> None:
    """The page's key message as a banner above the page (workshop mode only); none that rests on the
    numbers while the case is not ready for a recommendation."""
    name = page_name(page)
    if name not in FIXED_MESSAGES and not readiness(case_state.case()).ready:
        return
    reasons = key_message(name, cache.evaluation(case_state.case()))
    if reasons:
        with st.container(key="workshop_message"):
            st.markdown(" ".join(t(reason.key, **reason.values) for reason in reasons))


def step_buttons(current: StreamlitPage, walk: Sequence[StreamlitPage], t: Translator) -> None:
    """ "Previous step" and "next step" at the bottom of a page of the walk.

    Page Up / Page Down press them too: what a presenter's clicker sends.
    """
    paths = [page.url_path for page in walk]
    if current.url_path not in paths:
        return
    index = paths.index(current.url_path)
    before = walk[index - 1] if index > 0 else None
    after = walk[index + 1] if index + 1 < len(walk) else None
    st.divider()
    with st.container(key="workshop_steps", horizontal=True, horizontal_alignment="distribute"):
        if before is not None and st.button(
            t("workshop.previous", page=before.title),
            key="workshop_previous",
            icon=":material/arrow_back:",
            shortcut="PageUp",
        ):
            st.switch_page(before)
        if after is not None and st.button(
            t("workshop.next", page=after.title),
            key="workshop_next",
            type="primary",
            icon=":material/arrow_forward:",
            icon_position="right",
            shortcut="PageDown",
        ):
            st.switch_page(after)


def style() -> None:
    st.html(CSS + (HIDDEN_AMOUNTS_CSS if display.amounts_hidden() else ""))


def wrap_long_text() -> None:
    """On every page: metric values and button labels wrap rather than being cut short."""
    st.html(WRAP_CSS)
