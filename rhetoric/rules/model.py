"""Compiled rules and rule sets (what the loader builds and the matcher runs)."""

from __future__ import annotations

from collections.abc import Callable

import attrs

from ..document import RuleSetRef

#: Move categories (ARCHITECTURE.md); a rule with any other category is refused on load.
CATEGORIES = (
    "claim", "authority", "hedge", "call_to_action", "booster", "statistic", "rhetorical_question",
    "engagement", "self_mention", "concession", "common_ground", "attitude", "tricolon", "anaphora",
    "epistrophe", "antithesis", "antimetabole",
)

#: A compiled token test: (sentence view, word index) -> bool.
Predicate = Callable[["object", int], bool]


@attrs.frozen
class Step:
    """One element of a sequence pattern: a token test with a repetition operator, or a gap."""

    test: Predicate
    op: str = "1"  # "1", "?", "*", "+"
    gap: tuple[int, int] | None = None
    phrases: dict[str, tuple[tuple[str, ...], ...]] | None = None


@attrs.frozen
class Rule:
    """One compiled rule.  ``steps`` is the sequence pattern; ``checks`` the constraints on the match."""

    id: str
    category: str
    description: str
    confidence: float
    steps: tuple[Step, ...]
    anchor: int
    cue: tuple[int, ...] | None
    span: str
    checks: tuple[Callable, ...]
    excludes: tuple[tuple[Step, ...], ...]
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    triggers: tuple[tuple[str, str], ...]  # (index, key) pairs, or (("any", ""),)
    ruleset: str = ""
    line: int = 0
    trigger_offset: int = 0  # the trigger is this many words after the pattern's start
    detector: str | None = None
    params: dict = attrs.field(factory=dict, eq=False)


@attrs.frozen
class RuleSet:
    """A named, versioned group of rules loaded from one TOML file."""

    name: str
    version: str
    description: str
    sources: tuple[str, ...]
    requires: tuple[str, ...]
    rules: tuple[Rule, ...]
    sha256: str
    path: str

    @property
    def ref(self) -> RuleSetRef:
        """Name, version and content hash, as recorded in annotated documents."""
        return RuleSetRef(self.name, self.version, self.sha256)
