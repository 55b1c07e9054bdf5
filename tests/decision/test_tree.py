"""The decision tree (decision/analysis/tree.py): built from the simulation, consistent with it, drawn as DOT.

The hand-worked case is the base of builders.py (H = 24, r = 0, g = 0, no incidents, every input
fixed): D = 10,000 and R = 2,000 a month; E = 50,000, K = 120,000 over T_r = 6 months, then
rho_n D + R_n = 1,000 + 1,000 = 2,000 a month; the lawsuit costs F/12 = 5,000 a month for T_l = 12
months, a win brings min(500,000, 300,000) x 0.5 + 10,000 = 160,000, a loss costs Q = 80,000;
solving costs (s P + I) / T_s = (30,000 + 30,000) / 3 = 20,000 a month for T_s = 3 months, then
rho_s D + R = 2,000 + 2,000 = 4,000 a month. With r = 0 every discount factor is 1, so every branch
costs a whole number of euros that the arithmetic below gives exactly; only the probabilities are
the simulation's (the share of iterations that take a branch).
"""

from __future__ import annotations

import re

import pytest

from decision.analysis import tree as tree_module
from decision.analysis.tree import Node, Tree, decision_tree, dot_text, to_dot, tree_header, tree_rows, walk
from decision.engine.results import evaluate
from decision.engine.simulation import draw, simulate
from decision.model.case import Case
from decision.model.presets import load_preset, preset_ids
from decision.model.registry import strategies_of
from decision.text.i18n import LANGUAGES
from tests.decision.builders import make_case

CENT = 0.01
ITERATIONS = 2_000

# --- the hand-worked case ------------------------------------------------------------------------

# p_success 0.5 with a gate in month 1 that stops half the failing attempts, then `stop`; the lawsuit
# settles in a quarter of the futures (for 0.5 x (300,000 + 0) = 150,000 after its 12 months of fees)
# and is won at judgment in half of the rest.
HAND = {
    "solve.p_success": 0.5,
    "solve.fallback": "stop",
    "solve.gate_months": 1,
    "solve.gate_detection": 0.5,
    "legal.p_win": 0.5,
    "legal.p_settle": 0.25,
}

SWITCH = 50_000 + 6 * (10_000 + 2_000 + 20_000) + 18 * 2_000  # E + 6 x (D + R + K/T_r) + 18 x (rho_n D + R_n)
LAWSUIT = 12 * 5_000  # F/12 for T_l = 12 months (a settlement also comes after 12 months: T_set = T_l)
SETTLED, WON, LOST = -150_000, -160_000, 80_000
SOLVE_MONTH = 10_000 + 2_000 + 20_000  # D + R + (s P + I)/T_s
# A failing attempt stopped at the gate: 1 month of solving, then `switch` from month 1 (17 months live).
STOPPED = 1 * SOLVE_MONTH + 50_000 + 6 * 32_000 + 17 * 2_000
# A failing attempt that runs its 3 months, then `switch` from month 3 (15 months live).
FULL_TERM = 3 * SOLVE_MONTH + 50_000 + 6 * 32_000 + 15 * 2_000
HAND_COSTS = {
    "muddle": 24 * (10_000 + 2_000),  # 288,000
    "switch": SWITCH,  # 278,000
    "stop.settled": SWITCH + LAWSUIT + SETTLED,  # 188,000
    "stop.won": SWITCH + LAWSUIT + WON,  # 178,000
    "stop.lost": SWITCH + LAWSUIT + LOST,  # 418,000
    "solve.success": 3 * SOLVE_MONTH + 21 * (2_000 + 2_000),  # 96,000 + 84,000 = 180,000
    "solve.stopped.settled": STOPPED + LAWSUIT + SETTLED,  # 308,000 + 60,000 - 150,000 = 218,000
    "solve.stopped.won": STOPPED + LAWSUIT + WON,  # 208,000
    "solve.stopped.lost": STOPPED + LAWSUIT + LOST,  # 448,000
    "solve.full.settled": FULL_TERM + LAWSUIT + SETTLED,  # 368,000 + 60,000 - 150,000 = 278,000
    "solve.full.won": FULL_TERM + LAWSUIT + WON,  # 268,000
    "solve.full.lost": FULL_TERM + LAWSUIT + LOST,  # 508,000
}


def test_the_hand_worked_branch_costs_are_what_the_arithmetic_says():
    assert HAND_COSTS["muddle"] == 288_000
    assert HAND_COSTS["switch"] == 278_000
    assert HAND_COSTS["solve.success"] == 180_000
    assert (STOPPED, FULL_TERM) == (308_000, 368_000)
    assert HAND_COSTS["solve.full.lost"] == 508_000  # test_model_v2: a failing attempt, no gate, lost: 508,000


def child(node: Node, key: str) -> Node:
    return next(c for c in node.children if c.label.key == f"tree.branch.{key}")


@pytest.fixture(scope="module")
def hand() -> tuple[Case, Tree]:
    case = make_case(HAND)
    return case, decision_tree(evaluate(case, ITERATIONS, seed=3))


def test_hand_worked_costs_of_every_branch(hand: tuple[Case, Tree]):
    _, tree = hand
    assert [o.strategy for o in tree.options] == ["muddle", "switch", "stop", "solve"]
    assert tree.option("muddle").kind == tree.option("switch").kind == "outcome"
    assert tree.option("muddle").expected_cost == pytest.approx(HAND_COSTS["muddle"])
    assert tree.option("switch").expected_cost == pytest.approx(HAND_COSTS["switch"])
    stop = tree.option("stop")
    assert stop.event is not None and stop.event.key == "tree.event.lawsuit"
    assert child(stop, "settled").expected_cost == pytest.approx(HAND_COSTS["stop.settled"])
    judgment = child(stop, "judgment")
    assert child(judgment, "won").expected_cost == pytest.approx(HAND_COSTS["stop.won"])
    assert child(judgment, "lost").expected_cost == pytest.approx(HAND_COSTS["stop.lost"])
    solve = tree.option("solve")
    assert child(solve, "success").expected_cost == pytest.approx(HAND_COSTS["solve.success"])
    failure = child(solve, "failure")
    assert failure.label.values == (("fallback", "stop"),)
    for gate, name in (("gate_stopped", "stopped"), ("gate_missed", "full")):
        lawsuit = child(failure, gate)
        assert child(lawsuit, "settled").expected_cost == pytest.approx(HAND_COSTS[f"solve.{name}.settled"])
        assert child(child(lawsuit, "judgment"), "won").expected_cost == pytest.approx(HAND_COSTS[f"solve.{name}.won"])
        assert child(child(lawsuit, "judgment"), "lost").expected_cost == pytest.approx(
            HAND_COSTS[f"solve.{name}.lost"]
        )


def test_hand_worked_probabilities_are_the_shares_of_the_draws(hand: tuple[Case, Tree]):
    """Each probability is the share of its parent's iterations that take the branch, read off the draws."""
    case, tree = hand
    draws = draw(case, ITERATIONS, 3)
    settled = draws.events["settle"] < 0.25
    won = draws.win_uniforms < 0.5
    success = draws.success_uniforms < 0.5
    stopped = ~success & (draws.events["gate"] < 0.5)
    stop = tree.option("stop")
    assert child(stop, "settled").probability == pytest.approx(settled.mean())
    assert child(child(stop, "judgment"), "won").probability == pytest.approx(won[~settled].mean())
    solve = tree.option("solve")
    assert child(solve, "success").probability == pytest.approx(success.mean())
    failure = child(solve, "failure")
    assert child(failure, "gate_stopped").probability == pytest.approx(stopped[~success].mean())
    lawsuit = child(failure, "gate_stopped")
    assert child(lawsuit, "settled").probability == pytest.approx(settled[stopped].mean())
    assert child(lawsuit, "settled").share == pytest.approx((stopped & settled).mean())
    assert 0.2 < settled.mean() < 0.3 and 0.45 < success.mean() < 0.55  # the draws are what they should be


def test_hand_worked_expected_cost_by_hand(hand: tuple[Case, Tree]):
    """solve = p_s 180,000 + (1 - p_s) (p_g C_stopped + (1 - p_g) C_full), each C = p_set C_set + (1 - p_set)
    (p_w C_won + (1 - p_w) C_lost): the probabilities of the tree, the costs of the arithmetic above."""
    _, tree = hand
    solve = tree.option("solve")
    failure = child(solve, "failure")

    def lawsuit(node: Node, name: str) -> float:
        settled, judgment = child(node, "settled"), child(node, "judgment")
        won = child(judgment, "won").probability
        at_judgment = won * HAND_COSTS[f"{name}.won"] + (1 - won) * HAND_COSTS[f"{name}.lost"]
        return settled.probability * HAND_COSTS[f"{name}.settled"] + judgment.probability * at_judgment

    stopped = child(failure, "gate_stopped")
    full = child(failure, "gate_missed")
    failing = stopped.probability * lawsuit(stopped, "solve.stopped") + full.probability * lawsuit(full, "solve.full")
    success = child(solve, "success").probability
    by_hand = success * HAND_COSTS["solve.success"] + (1 - success) * failing
    assert by_hand == pytest.approx(solve.expected_cost, abs=CENT)
    assert by_hand == pytest.approx(evaluate(make_case(HAND), ITERATIONS, seed=3).strategies["solve"].mean, abs=CENT)
    assert lawsuit(tree.option("stop"), "stop") == pytest.approx(tree.option("stop").expected_cost, abs=CENT)


def test_a_chance_node_with_one_way_is_not_drawn():
    """The base case: no settlement, p_win 0, p_success 1, no gate: every event goes one way, every option is
    one outcome, with its v1 cost (stop 418,000: switch + 60,000 fees + 80,000 counterclaim)."""
    tree = decision_tree(evaluate(make_case(), 200, seed=1))
    assert [o.kind for o in tree.options] == ["outcome"] * 4
    assert tree.option("stop").expected_cost == pytest.approx(418_000)
    assert tree.option("solve").expected_cost == pytest.approx(180_000)
    assert tree.option("stop").label.key == "strategy.stop.name"


def test_the_book_view_tree_holds_the_write_off():
    case = make_case(HAND)
    book = decision_tree(evaluate(case, 500, seed=2, view="book"))
    decision = decision_tree(evaluate(case, 500, seed=2))
    assert book.option("switch").expected_cost == pytest.approx(HAND_COSTS["switch"] + 100_000)  # W
    assert book.option("muddle").expected_cost == decision.option("muddle").expected_cost


def test_a_simulation_passed_in_gives_the_same_tree_and_a_foreign_one_is_refused():
    case = make_case(HAND)
    simulation = simulate(case, 500, seed=4)
    evaluation = evaluate(case, 500, seed=4, simulation=simulation)
    assert decision_tree(evaluation, simulation) == decision_tree(evaluation)
    other = evaluate(
        case, 500, seed=4, simulation=simulate(make_case({**HAND, "current.running_cost_per_month": 3_000}), 500, 4)
    )
    with pytest.raises(ValueError):
        decision_tree(other)


# --- every preset ----------------------------------------------------------------------------------


@pytest.fixture(scope="module", params=preset_ids())
def preset(request: pytest.FixtureRequest) -> tuple[str, object, Tree]:
    evaluation = evaluate(load_preset(request.param), ITERATIONS, seed=1)
    return request.param, evaluation, decision_tree(evaluation)


def test_one_subtree_per_strategy(preset):
    _, evaluation, tree = preset
    assert tree.root.kind == "decision"
    assert tuple(o.strategy for o in tree.options) == strategies_of(evaluation.case)
    assert tree.recommended == evaluation.recommendation.strategy
    for option in tree.options:
        assert option.probability == 1.0 and option.share == 1.0 and option.iterations == ITERATIONS
        assert {node.strategy for _, node in walk(option)} == {option.strategy}


def test_every_chance_node_adds_up(preset):
    """At every chance node the children's probabilities add up to 1, their iterations to the node's, and their
    probability-weighted costs to the node's cost."""
    _, _, tree = preset
    for option in tree.options:
        for _, node in walk(option):
            assert node.kind in ("chance", "outcome")
            if node.kind == "outcome":
                assert node.children == () and node.event is None
                continue
            assert len(node.children) >= 2 and node.event is not None
            assert sum(c.probability for c in node.children) == pytest.approx(1.0, abs=1e-12)
            assert sum(c.iterations for c in node.children) == node.iterations
            weighted = sum(c.probability * c.expected_cost for c in node.children)
            assert weighted == pytest.approx(node.expected_cost, abs=CENT)
            for c in node.children:
                assert c.share == pytest.approx(node.share * c.probability)


def test_the_outcomes_add_up_to_the_options_expected_cost(preset):
    _, evaluation, tree = preset
    for option in tree.options:
        leaves = [node for _, node in walk(option) if not node.children]
        assert sum(leaf.share for leaf in leaves) == pytest.approx(1.0, abs=1e-12)
        weighted = sum(leaf.share * leaf.expected_cost for leaf in leaves)
        assert weighted == pytest.approx(evaluation.strategies[option.strategy].mean, abs=CENT)
        assert option.expected_cost == pytest.approx(evaluation.strategies[option.strategy].mean, abs=CENT)


def test_the_v2_events_are_in_the_tree(preset):
    name, _, tree = preset
    events = {node.event.key for _, node in walk(tree.root) if node.event is not None}
    if name == "orderly-exit":
        assert "tree.event.agreement" in events
    if name == "partner-takeover":
        assert "tree.event.partner" in events
    if name == "erp-manufacturer":
        assert {"tree.event.gate", "tree.event.lawsuit", "tree.event.judgment"} <= events
    assert "tree.event.attempt" in events


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_dot_text_parses(preset, lang: str):
    _, _, tree = preset
    text = to_dot(tree, lang)
    nodes, edges = parse_dot(text)
    assert len(nodes) == len(walk(tree.root))
    assert len(edges) == len(nodes) - 1  # a tree
    assert "tree." not in text  # every message found in the catalogue
    assert nodes["n0"]["shape"] == "box"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_rows(preset, lang: str):
    _, evaluation, tree = preset
    rows = tree_rows(tree, lang)
    assert len(rows) == sum(len(walk(option)) for option in tree.options)
    assert len(tree_header(lang)) == 4
    firsts = [row for row in rows if row.depth == 0]
    assert [row.strategy for row in firsts] == list(strategies_of(evaluation.case))
    assert all(row.branch == "" and row.probability == "100%" for row in firsts)
    assert all(row.branch and not row.branch.startswith("tree.") for row in rows if row.depth > 0)
    assert all(row.branch.startswith(tree_module.INDENT * (row.depth - 1)) for row in rows if row.depth > 1)


# --- DOT -------------------------------------------------------------------------------------------

TOKEN = re.compile(
    r'\s*(?:(?P<string>"(?:[^"\\]|\\.)*")|(?P<arrow>->)|(?P<id>[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?)|(?P<punct>[{}\[\];,=]))'
)


def tokens(text: str) -> list[tuple[str, str]]:
    out, position = [], 0
    while position < len(text.rstrip()):
        found = TOKEN.match(text, position)
        assert found is not None, f"cannot read DOT at {text[position : position + 40]!r}"
        kind = found.lastgroup
        assert kind is not None
        out.append((kind, found.group(kind)))
        position = found.end()
    return out


def parse_dot(text: str) -> tuple[dict[str, dict[str, str]], list[tuple[str, str]]]:
    """The nodes (with their attributes) and edges of a ``digraph { ... }``; fails on anything else,
    on unbalanced braces or brackets, and on an edge to a node that is not declared."""
    found = tokens(text)
    depth = 0
    for kind, value in found:
        if kind == "punct" and value in "{[":
            depth += 1
        if kind == "punct" and value in "}]":
            depth -= 1
        assert depth >= 0
    assert depth == 0
    assert found[0] == ("id", "digraph") and found[2] == ("punct", "{") and found[-1] == ("punct", "}")
    body = found[3:-1]
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str]] = []
    i = 0
    while i < len(body):
        kind, name = body[i]
        assert kind == "id"
        if body[i + 1] == ("arrow", "->"):
            edges.append((name, body[i + 2][1]))
            assert body[i + 3] == ("punct", ";")
            i += 4
            continue
        assert body[i + 1] == ("punct", "["), body[i : i + 3]
        attributes: dict[str, str] = {}
        i += 2
        while body[i] != ("punct", "]"):
            key, equals, value = body[i], body[i + 1], body[i + 2]
            assert key[0] == "id" and equals == ("punct", "=") and value[0] in ("id", "string")
            attributes[key[1]] = value[1][1:-1] if value[0] == "string" else value[1]
            i += 3
            if body[i] == ("punct", ","):
                i += 1
        assert body[i + 1] == ("punct", ";")
        i += 2
        if name not in ("graph", "node", "edge"):
            assert name not in nodes
            nodes[name] = attributes
    assert all(a in nodes and b in nodes for a, b in edges)
    return nodes, edges


def test_dot_text_escapes_quotes_backslashes_and_line_breaks():
    assert dot_text('say "hi"\\ now\nand\r\nthen') == 'say \\"hi\\"\\\\ now\\nand\\nthen'


def test_no_quote_of_a_title_reaches_the_dot(monkeypatch: pytest.MonkeyPatch):
    """A title with quotes is not in the DOT at all; and a label with quotes (here every message made to hold
    one) is escaped: the text still parses, and the label reads back as it was."""
    case = make_case({**HAND, "title": 'The "ERP" case \\ "quoted"'})
    tree = decision_tree(evaluate(case, 300, seed=1))
    text = to_dot(tree, "en")
    parse_dot(text)
    assert "ERP" not in text
    real = tree_module.translate
    monkeypatch.setattr(tree_module, "translate", lambda key, lang, **values: f'"{real(key, lang, **values)}" \\')
    hostile = to_dot(tree, "en")
    nodes, _ = parse_dot(hostile)
    assert nodes["n0"]["label"] == '\\"The choice\\" \\\\'
    unescaped = re.findall(r'(?<!\\)"The', hostile)
    assert unescaped == []


def test_the_advice_is_drawn_bold():
    evaluation = evaluate(make_case(HAND), 300, seed=1)
    nodes, _ = parse_dot(to_dot(decision_tree(evaluation), "nl"))
    bold = [name for name, attributes in nodes.items() if "penwidth" in attributes]
    tree = decision_tree(evaluation)
    assert bold == [f"n{[node for _, node in walk(tree.root)].index(tree.option(tree.recommended))}"]
    assert tree.root.expected_cost == evaluation.strategies[evaluation.recommendation.strategy].mean
