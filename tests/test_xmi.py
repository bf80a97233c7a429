"""INCEpTION round trip: rhetoric's XMI read by dkpro-cassis, corrected, and scored as gold."""

import json

import pytest
from cassis import load_cas_from_xmi, load_typesystem

import rhetoric
from rhetoric.cli import main
from rhetoric.formats.xmi import MOVE

from .conftest import SEED


@pytest.fixture(scope="module")
def seed_xmi(tmp_path_factory, request):
    from .conftest import compact_processors

    if not {"tokenize", "mwt", "pos", "lemma", "depparse"} <= set(compact_processors()):
        pytest.skip("the compact models are not fully installed")
    out = tmp_path_factory.mktemp("xmi")
    assert main(["annotate", str(SEED), "--format", "xmi", "-o", str(out)]) == 0
    return out


def load(folder):
    with open(folder / "TypeSystem.xml", "rb") as handle:
        types = load_typesystem(handle)
    with open(folder / f"{SEED.stem}.xmi", "rb") as handle:
        return load_cas_from_xmi(handle, typesystem=types), types


def test_the_xmi_holds_the_text_and_the_same_moves(seed_xmi):
    cas, _ = load(seed_xmi)
    doc = rhetoric.annotate(SEED.read_text(encoding="utf-8"))
    assert cas.sofa_string == doc.text
    got = sorted((m.begin, m.end, m.category, m.rule, round(m.confidence, 6)) for m in cas.select(MOVE))
    assert got == sorted((m.start, m.end, m.category, m.rule, round(m.confidence, 6)) for m in doc.moves)
    assert len(cas.select("de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Sentence")) == len(doc.sentences)


def test_corrections_are_scored_exactly(seed_xmi, tmp_path, capsys):
    cas, types = load(seed_xmi)
    moves = list(cas.select(MOVE))
    count = {c: sum(m.category == c for m in moves) for c in rhetoric.CATEGORIES}
    overlaps = lambda a, b: a.begin < b.end and b.begin < a.end  # noqa: E731
    # the corrector deletes a hedge, relabels a statistic as an authority, and adds a booster
    deleted = next(m for m in moves if m.category == "hedge")
    cas.remove(deleted)
    changed = next(m for m in moves if m.category == "statistic"
                   and not any(overlaps(m, o) for o in moves if o.category == "authority"))
    changed.category = "authority"
    word = next(t for t in cas.select("de.tudarmstadt.ukp.dkpro.core.api.segmentation.type.Token")
                if not any(overlaps(t, o) for o in moves if o.category == "booster"))
    cas.add(types.get_type(MOVE)(begin=word.begin, end=word.end, category="booster", rule="", ruleset="",
                                 confidence=1.0))
    (tmp_path / "gold").mkdir()
    cas.to_xmi(tmp_path / "gold" / f"{SEED.stem}.xmi")
    assert main(["evaluate", "xmi", str(tmp_path / "gold"), "--json", "--by-rule"]) == 0
    report = json.loads(capsys.readouterr().out)
    scores = {s["category"]: s for s in report["scores"]}
    h, s, a, b = count["hedge"], count["statistic"], count["authority"], count["booster"]
    assert (scores["hedge"]["precision"], scores["hedge"]["recall"]) == (round((h - 1) / h, 4), 1.0)
    assert (scores["statistic"]["precision"], scores["statistic"]["recall"]) == (round((s - 1) / s, 4), 1.0)
    assert (scores["authority"]["precision"], scores["authority"]["recall"]) == (1.0, round(a / (a + 1), 4))
    assert (scores["booster"]["precision"], scores["booster"]["recall"]) == (1.0, round(b / (b + 1), 4))
    assert scores["claim"]["precision"] == scores["claim"]["recall"] == 1.0
    by_rule = {r["rule"]: r for r in report["rules"]}
    assert by_rule[deleted.rule]["predicted"] - by_rule[deleted.rule]["correct"] == 1
