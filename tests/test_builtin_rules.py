"""Every example and counterexample of every built-in rule, through the real compact pipeline,
and the core moves of the seed op-ed (MOVES.md, examples marked (seed))."""

import pytest

import rhetoric
from rhetoric.rules import Matcher, load_rules
from rhetoric.rules.model import DerivedRule

RULES = [(rs, rule) for rs in load_rules() for rule in rs.rules]
FULL = Matcher(load_rules())
IDS = [rule.id for _, rule in RULES]


@pytest.fixture(scope="module")
def parsed(request):
    """Every example sentence parsed once with the compact models."""
    from .conftest import compact_processors

    if not {"tokenize", "mwt", "pos", "lemma", "depparse"} <= set(compact_processors()):
        pytest.skip("the compact models are not fully installed yet")
    sentences = sorted({s for _, rule in RULES for s in rule.examples + rule.counterexamples})
    return dict(zip(sentences, rhetoric.parse(sentences)))


def fires(rule, doc) -> bool:
    import attrs

    if isinstance(rule, DerivedRule):  # a rule over other rules' moves runs with all of them
        return any(m.rule == rule.id for m in FULL.match(doc))
    ruleset = attrs.evolve(next(rs for rs, r in RULES if r is rule), rules=(rule,))
    moves, attributions = Matcher([ruleset]).annotate(doc)
    return bool(moves or attributions)


@pytest.mark.parametrize("index", range(len(RULES)), ids=IDS)
def test_examples_fire_and_counterexamples_do_not(parsed, index):
    _, rule = RULES[index]
    for sentence in rule.examples:
        assert fires(rule, parsed[sentence]), f"{rule.id} should fire on: {sentence}"
    for sentence in rule.counterexamples:
        assert not fires(rule, parsed[sentence]), f"{rule.id} should not fire on: {sentence}"


SEED_MOVES = [
    ("claim", "I am convinced that the main task for the SCO over the coming decade will be intensification"),
    ("claim", "economic cooperation remains the SCO’s weak link"),
    ("authority", "United Nations Secretary-General Ban Ki-moon has referred to the SCO as an increasingly important instrument"),
    ("hedge", "It is possible that the SCO will assume responsibility"),
    ("call_to_action", "The SCO must think about its place in a complex and fast-changing world."),
    ("call_to_action", "It is vital that the world community fights the fundamental causes of radicalism"),
    # the other categories (MOVES.md, (seed))
    ("statistic", "more than 500 terrorist acts"),
    ("statistic", "worth $3.6 trillion"),
    ("self_mention", "Our main focus has been on strengthening regional and global security"),
    ("concession", "Nevertheless, economic cooperation remains"),
    ("attitude", "10 dramatic years of world events"),
    ("tricolon", "terrorism, separatism and extremism"),
    ("tricolon", "economic, security and cultural cooperation"),
]


def test_seed_moves_are_found_by_named_rules(compact, seed_text):
    doc = rhetoric.annotate(seed_text, **compact)
    rule_ids = {r.id for rs in load_rules() for r in rs.rules}
    for category, passage in SEED_MOVES:
        start = seed_text.index(passage)
        end = start + len(passage)
        hits = [m for m in doc.moves if m.category == category and m.start < end and start < m.end]
        assert hits, f"no {category} move over: {passage}"
        assert all(m.rule in rule_ids for m in hits)
