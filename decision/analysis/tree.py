"""The decision tree of a case: every option with its chance events, their probabilities and costs.

``decision_tree(evaluation)`` builds it from the simulation behind an evaluation (never by hand):
the root is the choice (a decision node); under it one subtree per option of the case, in the
registry's order. An option's chance nodes are the events of MODEL.md sections 3 and 7 that it
meets: the attempt at solving succeeds or fails, a failing attempt is stopped at the gate or not,
the lawsuit is settled or goes to judgment, the court rules for or against the client, the new
partner succeeds or fails, the supplier agrees to an orderly exit or not; a failure leads to the
option's fallback, whose own lawsuit (a ``stop`` fallback) hangs under it.

A branch's probability is the share of its parent's iterations that take it; its expected cost is
the mean total cost (in the evaluation's view) of those iterations. So at every chance node the
children's probabilities add up to 1 and their probability-weighted costs to the node's cost, and
an option's cost is its mean in ``evaluation.strategies``. A branch that no iteration takes is
left out, and a chance node left with one branch is not drawn (a lawsuit that cannot settle is a
judgment; an attempt without a gate runs its full term).

``to_dot`` writes the tree as Graphviz DOT text (``st.graphviz_chart`` draws it in the browser),
``tree_rows`` as an indented table (option, branch, probability, expected cost) for the memo.
Every label is a catalogue message (``tree.*`` and the strategies' names); nothing typed by the
user goes into the tree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from decision.engine.branches import Branches, branches
from decision.engine.results import Evaluation
from decision.engine.simulation import Simulation
from decision.model import registry
from decision.text import fmt
from decision.text.catalogue import MoneyFormat
from decision.text.i18n import translate

KINDS: tuple[str, ...] = ("decision", "chance", "outcome")
# An option's cost in the tree and in the evaluation may differ by float rounding, not by more.
CENT = 0.01
# Per level of the tree, the indentation of a branch in ``tree_rows`` (no-break spaces: HTML and PDF keep them).
INDENT = "\u00a0\u00a0\u00a0"


@dataclass(frozen=True)
class Label:
    """A catalogue message and its values (said by ``decision.text.say.say_value``)."""

    key: str
    values: tuple[tuple[str, str | float], ...] = ()

    def say(self, lang: str, money: MoneyFormat = fmt.money) -> str:
        values: dict[str, Any] = dict(self.values)
        return translate(self.key, lang, money_format=money, **values)


@dataclass(frozen=True)
class Node:
    """A point of the tree and the branch that leads to it.

    ``kind`` is ``decision`` (the root: the choice), ``chance`` (an event decides what follows: ``event``
    says which) or ``outcome`` (nothing uncertain follows). ``label`` names the branch into the node (an
    option's name, an event's result). ``probability`` is the share of the parent's iterations that take
    this branch (1 for the root and for each option: the director chooses it); ``share`` the share of all
    iterations (of its option) that reach the node; ``expected_cost`` the mean total cost of those
    iterations (the root: the recommended option's)."""

    kind: str
    label: Label
    probability: float
    share: float
    expected_cost: float
    iterations: int
    children: tuple[Node, ...] = ()
    event: Label | None = None
    strategy: str | None = None  # the option the node belongs to; None at the root


@dataclass(frozen=True)
class Tree:
    root: Node
    view: str
    iterations: int
    seed: int
    recommended: str

    @property
    def options(self) -> tuple[Node, ...]:
        return self.root.children

    def option(self, strategy: str) -> Node:
        return next(node for node in self.options if node.strategy == strategy)


# What is uncertain at a point: the event and its branches (label, the iterations that take it, what follows).
Grow = Callable[[], tuple[Label, list[tuple[Label, np.ndarray, "Grow | None"]]]]


def _lawsuit(events: dict[str, np.ndarray]) -> Grow:
    """Settled or to judgment (7.2); at judgment won or lost."""

    def judgment() -> tuple[Label, list[tuple[Label, np.ndarray, Grow | None]]]:
        won = events["won"]
        return Label("tree.event.judgment"), [
            (Label("tree.branch.won"), won, None),
            (Label("tree.branch.lost"), ~won, None),
        ]

    def lawsuit() -> tuple[Label, list[tuple[Label, np.ndarray, Grow | None]]]:
        settled = events["settled"]
        return Label("tree.event.lawsuit"), [
            (Label("tree.branch.settled"), settled, None),
            (Label("tree.branch.judgment"), ~settled, judgment),
        ]

    return lawsuit


def _after(fallback: str, events: dict[str, np.ndarray]) -> Grow | None:
    """What follows a fallback: the lawsuit of ``stop``, nothing uncertain for ``switch`` and ``muddle``."""
    return _lawsuit(events) if fallback == "stop" else None


def _solve(found: Branches) -> Grow:
    events, fallback = found.events, found.fallbacks["solve"]

    def gate() -> tuple[Label, list[tuple[Label, np.ndarray, Grow | None]]]:
        stopped = events["gate_stopped"]
        return Label("tree.event.gate"), [
            (Label("tree.branch.gate_stopped"), stopped, _after(fallback, events)),
            (Label("tree.branch.gate_missed"), ~stopped, _after(fallback, events)),
        ]

    def attempt() -> tuple[Label, list[tuple[Label, np.ndarray, Grow | None]]]:
        success = events["success"]
        return Label("tree.event.attempt"), [
            (Label("tree.branch.success"), success, None),
            (Label("tree.branch.failure", (("fallback", fallback),)), ~success, gate),
        ]

    return attempt


def _partner(found: Branches) -> Grow:
    events, fallback = found.events, found.fallbacks["partner"]

    def transition() -> tuple[Label, list[tuple[Label, np.ndarray, Grow | None]]]:
        success = events["partner_success"]
        return Label("tree.event.partner"), [
            (Label("tree.branch.partner_success"), success, None),
            (Label("tree.branch.partner_failure", (("fallback", fallback),)), ~success, _after(fallback, events)),
        ]

    return transition


def _exit_deal(found: Branches) -> Grow:
    events, fallback = found.events, found.fallbacks["exit_deal"]

    def agreement() -> tuple[Label, list[tuple[Label, np.ndarray, Grow | None]]]:
        agreed = events["agreed"]
        return Label("tree.event.agreement"), [
            (Label("tree.branch.agreed"), agreed, None),
            (Label("tree.branch.not_agreed", (("fallback", fallback),)), ~agreed, _after(fallback, events)),
        ]

    return agreement


def _events_of(strategy: str, found: Branches) -> Grow | None:
    """The first chance event of an option (None: nothing uncertain in the tree's sense)."""
    if strategy == "stop":
        return _lawsuit(found.events)
    if strategy == "solve":
        return _solve(found)
    if strategy == "partner":
        return _partner(found)
    if strategy == "exit_deal":
        return _exit_deal(found)
    return None  # muddle, switch: uncertain amounts, but no event that splits them


def _grow(label: Label, reach: np.ndarray, parent: int, grow: Grow | None, total: np.ndarray, strategy: str) -> Node:
    """The node reached by the iterations ``reach`` (of ``parent`` at its parent) and what grows under it."""
    count = int(reach.sum())
    node = Node(
        kind="outcome",
        label=label,
        probability=count / parent,
        share=count / len(reach),
        expected_cost=float(total[reach].mean()),
        iterations=count,
        strategy=strategy,
    )
    if grow is None:
        return node
    event, ways = grow()
    children = tuple(
        _grow(way, reach & taken, count, then, total, strategy) for way, taken, then in ways if (reach & taken).any()
    )
    if len(children) == 1:  # only one way is taken: the event decides nothing here
        return replace(children[0], label=label, probability=node.probability)
    return replace(node, kind="chance", children=children, event=event)


def decision_tree(evaluation: Evaluation, simulation: Simulation | None = None) -> Tree:
    """The tree of every option of the evaluated case, from the simulation behind ``evaluation``.

    The simulation is run again for the evaluation's case, iterations and seed (it is deterministic);
    pass ``simulation`` when the evaluation was made from one. Raises ValueError when an option's
    cost in the tree is not its mean in the evaluation (an evaluation of other draws).
    """
    case = evaluation.case
    found = branches(case, evaluation.iterations, evaluation.seed, evaluation.view, simulation)
    n = found.n
    everything = np.ones(n, dtype=bool)
    options: list[Node] = []
    for strategy in registry.strategies_of(case):
        total = found.totals[strategy]
        option = _grow(Label(f"strategy.{strategy}.name"), everything, n, _events_of(strategy, found), total, strategy)
        expected = evaluation.strategies[strategy].mean
        if abs(option.expected_cost - expected) > CENT:
            raise ValueError(f"{strategy}: the tree's cost {option.expected_cost} is not the evaluation's {expected}")
        options.append(option)
    recommended = evaluation.recommendation.strategy
    root = Node(
        kind="decision",
        label=Label("tree.decision"),
        probability=1.0,
        share=1.0,
        expected_cost=evaluation.strategies[recommended].mean,
        iterations=n,
        children=tuple(options),
    )
    return Tree(root, evaluation.view, n, evaluation.seed, recommended)


def walk(node: Node, depth: int = 0) -> list[tuple[int, Node]]:
    """The node and everything under it, depth first, with each node's depth below ``node``."""
    out = [(depth, node)]
    for child in node.children:
        out += walk(child, depth + 1)
    return out


# --- saying the tree ------------------------------------------------------------------------------


def _percent(probability: float, lang: str) -> str:
    return fmt.percent_as_needed(probability, lang, digits=1)


@dataclass(frozen=True)
class TreeRow:
    """One line of the tree as a table: the option, the branch (indented by its depth), the question the
    branch leads to (empty for an outcome), the branch's probability and expected cost, said and as numbers."""

    strategy: str
    depth: int
    option: str
    branch: str
    event: str
    probability: str
    expected_cost: str
    probability_value: float
    expected_cost_value: float


def tree_header(lang: str) -> tuple[str, str, str, str]:
    """The names of the table's columns: option, branch, probability, expected cost."""
    return (
        translate("tree.column.option", lang),
        translate("tree.column.branch", lang),
        translate("tree.column.probability", lang),
        translate("tree.column.expected_cost", lang),
    )


def tree_rows(tree: Tree, lang: str, money: MoneyFormat = fmt.money) -> tuple[TreeRow, ...]:
    """The tree as an indented table, option by option (the option's own row first, with an empty branch)."""
    rows: list[TreeRow] = []
    for option in tree.options:
        name = option.label.say(lang, money)
        for depth, node in walk(option):
            rows.append(
                TreeRow(
                    strategy=option.strategy or "",
                    depth=depth,
                    option=name,
                    branch="" if depth == 0 else INDENT * (depth - 1) + node.label.say(lang, money),
                    event="" if node.event is None else node.event.say(lang, money),
                    probability=_percent(node.probability, lang),
                    expected_cost=money(node.expected_cost, lang),
                    probability_value=node.probability,
                    expected_cost_value=node.expected_cost,
                )
            )
    return tuple(rows)


def dot_text(text: str) -> str:
    """``text`` inside a DOT double-quoted string: backslashes and quotes escaped, line breaks as ``\\n``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


_SHAPES = {"decision": "box", "chance": "ellipse", "outcome": "note"}


def _node_lines(node: Node, depth: int, lang: str, money: MoneyFormat) -> list[str]:
    label = node.label.say(lang, money)
    if node.kind == "decision":
        return [label]
    if depth == 1:  # an option: chosen, so no probability
        lines = [label, translate("tree.node.option", lang, money_format=money, amount=node.expected_cost)]
    else:
        figures = translate(
            "tree.node.branch",
            lang,
            money_format=money,
            share=_percent(node.probability, lang),
            amount=node.expected_cost,
        )
        lines = [label, figures]
    if node.event is not None:
        lines.append(node.event.say(lang, money))
    return lines


def to_dot(tree: Tree, lang: str, money: MoneyFormat = fmt.money) -> str:
    """The tree as Graphviz DOT text, left to right: the choice, each option (the advice drawn bold, in the
    option's colour), its chance events and outcomes, each with its probability and expected cost."""
    lines = [
        "digraph decision_tree {",
        '  graph [rankdir=LR, nodesep=0.2, ranksep=0.35, fontname="Helvetica"];',
        '  node [fontname="Helvetica", fontsize=10, margin="0.12,0.05"];',
        "  edge [arrowsize=0.6];",
    ]
    ids: dict[int, str] = {}
    parents: list[tuple[str, Node]] = []
    for depth, node in walk(tree.root):
        name = f"n{len(ids)}"
        ids[id(node)] = name
        attributes = [f"shape={_SHAPES[node.kind]}"]
        if node.strategy is not None:
            colour = registry.STRATEGY_BY_KEY[node.strategy].colour
            attributes.append(f'color="{colour}"')
            if depth == 1 and node.strategy == tree.recommended:
                attributes.append("penwidth=2.5")
        text = "\n".join(_node_lines(node, depth, lang, money))
        attributes.append(f'label="{dot_text(text)}"')
        lines.append(f"  {name} [{', '.join(attributes)}];")
        parents.append((name, node))
    for name, node in parents:
        for child in node.children:
            lines.append(f"  {name} -> {ids[id(child)]};")
    lines.append("}")
    return "\n".join(lines) + "\n"
