"""Compiled rules and rule sets (what the loader builds and the matcher runs).

Three kinds of rule: a :class:`PatternRule` matches a sequence of token tests in a sentence;
a :class:`DetectorRule` runs a structural figure detector (:mod:`.figures`) with parameters;
an :class:`AttributionRule` finds who said what (:mod:`.attribution`); a :class:`DerivedRule`
turns the author's moves of some categories into a move of another for their sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import attrs

from ..document import RuleSetRef

#: A compiled token test: (sentence view, word index) -> bool.
Predicate = Callable[["object", int], bool]


@attrs.frozen(kw_only=True)
class Step:
    """One element of a sequence pattern: a token test repeated ``least``..``most`` times
    (``most`` None: no limit), a gap of any words (``lazy``: as few as it can), or a
    ``phrase`` from a list (``phrases`` maps a phrase's first word to the phrases)."""

    test: Predicate
    least: int = 1
    most: int | None = 1
    lazy: bool = False
    phrases: Mapping[str, tuple[tuple[str, ...], ...]] | None = attrs.field(default=None, eq=False)
    name: str | None = None

    @property
    def width(self) -> tuple[int, int | None]:
        """The fewest and most words this step can cover."""
        if self.phrases is not None:
            lengths = [len(p) for group in self.phrases.values() for p in group] or [1]
            return min(lengths), max(lengths)
        return self.least, self.most


@attrs.frozen(kw_only=True)
class Rule:
    """What every rule has: id, category, description, confidence, example sentences, rule set,
    and optionally the ``kind`` of move it finds within its category (a hedge of
    ``possibility``, ``approximation`` or ``belief``), which gold sets whose scheme
    leaves a kind out use to leave its moves unscored."""

    id: str
    category: str
    description: str
    confidence: float
    examples: tuple[str, ...]
    counterexamples: tuple[str, ...]
    ruleset: str = ""
    kind: str = ""


@attrs.frozen(kw_only=True)
class PatternRule(Rule):
    """A token-sequence rule.  ``anchor`` and ``cues`` are step indexes (from the pattern's
    named tokens); ``checks`` are the constraints on the anchor word and its sentence;
    ``triggers`` the index keys of the step at ``trigger_step``, which sits
    ``trigger_offsets`` (fewest, most) words after the start of a match."""

    steps: tuple[Step, ...]
    anchor: int
    cues: tuple[int, ...] | None
    span: str
    checks: tuple[Callable, ...]
    excludes: tuple[tuple[Step, ...], ...]
    triggers: tuple[tuple[str, str], ...]  # (key, value) pairs, or (("any", ""),)
    trigger_offsets: tuple[int, int] = (0, 0)


@attrs.frozen(kw_only=True)
class DetectorRule(Rule):
    """A rule that runs the figure detector ``detector`` with ``params`` (its defaults filled in)."""

    detector: str
    params: Mapping[str, object] = attrs.field(eq=False)


@attrs.frozen(kw_only=True)
class AttributionRule(Rule):
    """A rule that finds attribution relations: a cue word passing ``cue`` and ``checks``,
    whose source and content the named ``frame`` of :mod:`.frames` locates in the tree.
    Each relation found becomes an :class:`~rhetoric.document.Attribution` and, unless
    ``move`` is false (beliefs and intentions: a voice, but no appeal to authority), an
    ``authority`` move; with ``move = "quoted"``, only when its content quotes the source's
    own words (a quote of four words or more, as for an unintroduced quote)."""

    cue: Predicate
    frame: str
    checks: tuple[Callable, ...]
    triggers: tuple[tuple[str, str], ...]
    move: bool | str = True
    #: a token test that the head of the source the frame finds, or a name in apposition to it, must pass
    source: Predicate | None = None
    #: a token test that the head of the source must fail, wherever the frame found it ("I have to say
    #: that ...": the author's own report is no attribution); a relation without a source passes
    no_source: Predicate | None = None
    #: false: a relation of this rule inside what a relation of a rule without ``nested = false``
    #: reports is part of that speaker's words, no relation of its own ("Clinton said Trump *wants*
    #: to build a wall": Clinton's account of Trump's wish)
    nested: bool = True


@attrs.frozen(kw_only=True)
class DerivedRule(Rule):
    """A rule over other rules' moves: a sentence that carries an author's move of one of
    ``categories`` (and passes ``checks``) makes a move of the rule's own category ("a claim
    carries stance": a hedged or evaluated sentence of the author's is a claim); the moves of
    the ``excluded`` rules do not count."""

    categories: frozenset[str]
    excluded: frozenset[str] = frozenset()
    checks: tuple[Callable, ...]


@attrs.frozen(kw_only=True)
class RuleSet:
    """A named, versioned group of rules loaded from one TOML file."""

    name: str
    version: str
    description: str
    sources: tuple[str, ...]
    requires: tuple[str, ...]
    rules: tuple[PatternRule | DetectorRule | AttributionRule | DerivedRule, ...]
    sha256: str
    path: str

    @property
    def ref(self) -> RuleSetRef:
        """Name, version and content hash, as recorded in annotated documents."""
        return RuleSetRef(name=self.name, version=self.version, sha256=self.sha256)
