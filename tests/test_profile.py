"""Profiles and comparisons: independent recomputation, self-comparison, contrasting op-eds."""

import hashlib
import json

import pytest

import rhetoric
from rhetoric.inputs import write_atomic
from rhetoric.cli import main
from rhetoric.compare import compare, log_likelihood, nearest, p_value
from rhetoric.profile import FEATURE_VERSION, profile
from rhetoric.rules import tag
from rhetoric.categories import CATEGORIES

from .conftest import CORPUS, shared


@pytest.fixture(scope="module")
def gum_docs():
    return [tag(d) for f in sorted(shared("gold", "gum", "dev").glob("*.conllu"))[:8] for d in rhetoric.read_conllu(f)]


def check_against_moves(doc: rhetoric.Document) -> None:
    """Recompute counts, rates and sentence shares from the moves and words, independently:
    the author's moves and evidence (authority, statistic) in any voice."""
    p = profile(doc)
    words = len([w for s in doc.sentences for w in s.words if w.upos != "PUNCT"])
    assert p.words == words
    counted = [m for m in doc.moves if m.voice == "author" or m.category in ("authority", "statistic")]
    for category in CATEGORIES:
        moves = [m for m in counted if m.category == category]
        assert p.count(category) == len(moves)
        assert p.rate(category) == round(1000 * len(moves) / words, 2)
        sentences = {s for m in moves for s, _ in m.words}
        assert p.sentence_share(category) == round(len(sentences) / len(doc.sentences), 4)
        assert sum(p.by_tenth[category]) == len(moves)
        assert p.reported.get(category, 0) == sum(m.category == category for m in doc.moves) - len(moves)
    assert len(p.moves) == len(counted)
    assert profile(doc, all_voices=True).count("claim") == sum(m.category == "claim" for m in doc.moves)


def test_profile_counts_match_the_moves(gum_docs):
    for doc in gum_docs:
        check_against_moves(doc)


def test_seed_profile_matches_its_moves(compact, seed_text):
    doc = rhetoric.annotate(seed_text, **compact)
    assert doc.moves
    check_against_moves(doc)


def test_feature_names_are_versioned_and_stable(gum_docs):
    names = list(profile(gum_docs[0]).features())
    assert FEATURE_VERSION == "2"
    # version 2 adds the reported voice: its share of the words and its moves per category
    assert len(names) == 17 * 3 + 17 * 10 + 2 + 1 + 17 * 2
    assert names[17 * 13 + 2] == "reported_share" and names[-1] == "reported.antimetabole.per_1000_words"
    # the fingerprint of feature version 2; changing names or order needs a new FEATURE_VERSION
    assert hashlib.sha256("\n".join(names).encode()).hexdigest()[:12] == "83bc1b1b381b"


def test_comparing_with_itself_shows_no_difference(gum_docs):
    p = profile(gum_docs)
    result = compare(p, p)
    assert all(r.difference == 0 and r.g2 == 0 and r.p == 1.0 and not r.significant for r in result.rows)
    assert result.distance == 0


def test_log_likelihood_matches_a_hand_computation():
    # a=30, b=5 in 1,000 words each: E=17.5; G2 = 2(30 ln(30/17.5) + 5 ln(5/17.5)) = 19.81
    assert round(log_likelihood(30, 5, 1000, 1000), 2) == 19.81
    assert p_value(3.84) == pytest.approx(0.05, abs=0.001)


def test_nearest_neighbours(gum_docs):
    profiles = [profile(d) for d in gum_docs]
    found = nearest(profiles[0], profiles, k=3)
    assert len(found) == 3 and profiles[0] not in [p for p, _ in found]
    assert [d for _, d in found] == sorted(d for _, d in found)


def test_contrasting_sample_op_eds(compact):
    expert = rhetoric.annotate((CORPUS / "cautious-expert-column.txt").read_text(encoding="utf-8"), **compact)
    campaign = rhetoric.annotate((CORPUS / "campaigning-call-to-arms.txt").read_text(encoding="utf-8"), **compact)
    a, b = profile(campaign, name="campaign"), profile(expert, name="expert")
    result = compare(a, b)
    for category in ("call_to_action", "engagement", "rhetorical_question", "anaphora"):
        assert result.row(category).log_ratio > 0, category
    for category in ("hedge", "statistic", "authority"):
        assert result.row(category).log_ratio < 0, category
    # the texts are short (a few hundred words), so the test asks for p < 0.05 without correction
    assert result.row("call_to_action").p < 0.05 and result.row("hedge").p < 0.05


def test_profile_and_compare_commands(tmp_path, gum_docs, capsys):
    for i, doc in enumerate(gum_docs[:4]):
        write_atomic(tmp_path / ("a" if i < 2 else "b") / f"d{i}.conllu", rhetoric.to_conllu(doc))
    assert main(["profile", str(tmp_path / "a"), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0]["documents"] == 2 and out[0]["feature_version"] == FEATURE_VERSION
    assert main(["profile", str(tmp_path / "a"), "--each", "--format", "csv"]) == 0
    assert len(capsys.readouterr().out.strip().splitlines()) == 3
    plot = tmp_path / "cmp.png"
    assert main(["compare", "--group", "A", str(tmp_path / "a"), "--group", "B", str(tmp_path / "b"),
                 "--plot", str(plot)]) == 0
    table = capsys.readouterr().out
    assert "log2 ratio" in table and "distance between standardised profiles" in table
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["compare", str(tmp_path / "a")]) == 2


def test_dataframe_views(gum_docs):
    p = profile(gum_docs)
    frame = p.to_frame()
    assert list(frame.index) == list(CATEGORIES) and frame.loc["hedge", "count"] == p.count("hedge")
    assert compare(p, profile(gum_docs[:2])).to_frame().shape == (17, 11)  # with robust, left_out
