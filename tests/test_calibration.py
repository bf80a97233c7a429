"""Calibrated confidences: judging moves against gold, calibrating, writing rule files,
thresholds and robust comparisons, through the real pipeline."""

import shutil

import pytest

import rhetoric
from rhetoric.cli import main
from rhetoric.compare import compare
from rhetoric.evaluation import evaluate
from rhetoric.evaluation.calibration import Judged, calibrate, ece, recalibrated, reliability
from rhetoric.rules import load_rules

from .conftest import shared

RULES = '''[ruleset]
name = "mine"
version = "1.0"
description = "Two hedge rules, one good and one poor on op-eds."

[[rules]]
id = "hedge.mine-modal"
category = "hedge"
description = "may, might"
confidence = 0.3
pattern = [{lower = ["may", "might"], upos = "AUX"}]
examples = ["It may rain.", "It might rain."]
counterexamples = ["It will rain."]

[[rules]]
id = "hedge.mine-belief"
category = "hedge"
description = "belief as a noun (not a hedge by the op-ed guide)"
confidence = 0.9
pattern = [{lemma = "belief"}]
examples = ["Their belief is strong.", "It is my belief."]
counterexamples = ["It is strong."]

[[rules]]
id = "hedge.mine-unseen"
category = "hedge"
description = "a word no op-ed of the sample has"
confidence = 0.5
pattern = [{lower = "peradventure"}]
examples = ["Peradventure it rains.", "It rains, peradventure."]
counterexamples = ["It rains."]
'''


def test_calibration_from_judged_moves():
    judged = [Judged("r.good", "hedge", 0.5, True, "s")] * 18 + [Judged("r.good", "hedge", 0.5, False, "s")] * 2
    judged += [Judged("r.bad", "hedge", 0.9, False, "s")] * 10
    table = calibrate(judged)
    prior = 18 / 30
    assert table["r.good"].confidence == round((18 + 4 * prior) / 24, 2) and table["r.good"].support == 20
    assert table["r.bad"].confidence == round(4 * prior / 14, 2)
    assert ece(judged) > 0.3 and ece(recalibrated(judged, table)) < ece(judged) / 3
    assert [b.count for b in reliability(judged)] == [20, 10]


@pytest.fixture(scope="module")
def oped_sample(tmp_path_factory):
    root = shared("gold", "oped-moves")
    folder = tmp_path_factory.mktemp("oped")
    for gold in sorted(root.glob("*.gold.json"))[:3]:
        shutil.copy(gold, folder)
        shutil.copy(gold.with_name(gold.name.removesuffix(".gold.json") + ".txt"), folder)
    return folder


def test_calibrate_writes_confidences_and_support_into_rule_files(oped_sample, tmp_path, capsys, compact):
    rules = tmp_path / "mine.toml"
    rules.write_text(RULES.replace("confidence = 0.3\n", ""), encoding="utf-8")  # a new rule has none yet
    args = ["--gold", "oped", str(oped_sample), "--rules", str(rules), "--no-builtin"]
    assert main(["calibrate", *args, "--write"]) == 0
    out = capsys.readouterr().out
    assert "expected calibration error" in out and "hedge.mine-unseen" in out
    (ruleset,) = load_rules(rules, builtin=False)
    by_id = {r.id: r for r in ruleset.rules}
    judged = [j for j in evaluate("oped", oped_sample, rules=[ruleset]).judged]
    modal = [j for j in judged if j.rule == "hedge.mine-modal"]
    assert modal, "the sample has modal hedges"
    text = rules.read_text(encoding="utf-8")
    assert f"calibration = {{support = {len(modal)}, correct = {sum(j.correct for j in modal)}, sets = [\"oped\"]}}" in text
    assert "calibration = {support = 0, calibrated = false}" in text and by_id["hedge.mine-unseen"].confidence == 0.5
    # a second run changes nothing: the confidences are already the measured ones
    assert main(["calibrate", *args, "--write"]) == 0
    assert rules.read_text(encoding="utf-8") == text
    report = evaluate("oped", oped_sample, rules=[ruleset], calibration=True)
    assert "expected calibration error (ECE)" in report.table()


def test_a_damaged_calibration_table_is_a_rule_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(RULES.replace('confidence = 0.3', 'confidence = 0.3\ncalibration = {support = "many"}'),
                    encoding="utf-8")
    with pytest.raises(rhetoric.RuleError, match="calibration must be a table"):
        load_rules(path, builtin=False)


def test_min_confidence_keeps_only_confident_moves(compact, seed_text):
    everything = rhetoric.annotate(seed_text, **compact)
    confident = rhetoric.annotate(seed_text, min_confidence=0.8, **compact)
    assert confident.moves == tuple(m for m in everything.moves if m.confidence >= 0.8)
    assert confident.attributions == everything.attributions
    with pytest.raises(SystemExit) as stop:
        main(["profile", "--min-confidence", "1.5", "x.txt"])
    assert stop.value.code == 2


def test_a_difference_resting_on_a_poor_rule_is_not_significant():
    from rhetoric.document import Move
    from rhetoric.profile import Profile

    def made(name, moves):
        counted = [("d", m, "x") for m in moves]
        return Profile(name=name, documents=1, words=1000, sentences=50, counts={"hedge": len(moves)},
                       sentence_counts={}, by_tenth={}, by_paragraph={}, top_cues={}, indices={}, moves=tuple(counted))

    def hedges(rule, confidence, n):
        return [Move(category="hedge", start=0, end=1, words=(), cues=(), rule=rule, ruleset="s",
                     confidence=confidence)] * n

    strong = compare(made("a", hedges("h.good", 0.8, 25) + hedges("h.poor", 0.2, 5)), made("b", hedges("h.good", 0.8, 3)))
    assert strong.row("hedge").significant and strong.row("hedge").robust
    shaky = compare(made("a", hedges("h.good", 0.8, 4) + hedges("h.poor", 0.2, 26)), made("b", hedges("h.good", 0.8, 3)))
    row = shaky.row("hedge")
    assert row.p < 0.05 / 17 and not row.significant and row.left_out == "h.poor"
    assert "not robust: rests on h.poor" in shaky.table()
    alone = compare(made("a", hedges("h.poor", 0.2, 30)), made("b", hedges("h.poor", 0.2, 3)))
    assert not alone.row("hedge").significant
