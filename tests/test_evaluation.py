"""Gold-set readers and scoring (EVALUATION.md), on the dev portions in ../shared/gold."""

import pytest

from rhetoric.document import Move
from rhetoric.evaluation import GoldDoc, GoldUnit, evaluate, score_sentences, score_units
from rhetoric.evaluation.gold import read_microtexts, read_ptc, read_szeged, read_webis

from .conftest import shared


def move(category: str, start: int, end: int) -> Move:
    return Move(category=category, start=start, end=end, words=(), cues=(), rule="r", ruleset="s", confidence=0.5)


def test_unit_scoring_counts_overlaps_both_ways():
    gold = [GoldDoc("d", "x" * 100, units=(GoldUnit("cue", 0, 10), GoldUnit("cue", 20, 30), GoldUnit("other", 40, 50)))]
    moves = [[move("hedge", 5, 6), move("hedge", 9, 25), move("hedge", 40, 45), move("claim", 20, 30)]]
    score = score_units(gold, moves, "hedge", {"cue"})
    assert (score.gold, score.predicted, score.found, score.correct) == (2, 3, 2, 2)
    assert score.precision == pytest.approx(2 / 3) and score.recall == 1.0


def test_sentence_scoring():
    gold = [GoldDoc("d", "x" * 30, sentences=(GoldUnit("imp", 0, 10), GoldUnit("decl", 10, 20), GoldUnit("imp", 20, 30)))]
    score = score_sentences(gold, [[move("call_to_action", 2, 4), move("call_to_action", 12, 14)]],
                            "call_to_action", {"imp"})
    assert (score.gold, score.predicted, score.found) == (2, 2, 1)


def test_webis_units_and_text():
    docs = list(read_webis(shared("gold", "webis-editorials-16")))
    assert len(docs) == 240
    labels = [u.label for d in docs for u in d.units]
    assert labels.count("testimony") == 877 and labels.count("statistics") == 340
    doc = docs[0]
    assert "\n\n" in doc.text and " ." not in doc.text
    for unit in doc.units:
        assert doc.text[unit.start:unit.end].strip() == doc.text[unit.start:unit.end]


def test_szeged_cues_sentences_and_titles_left_out():
    docs = list(read_szeged(shared("gold", "szeged-wikiweasel", "wiki.xml")))
    assert len(docs) == 3624
    labels = [u.label for d in docs for u in d.units]
    assert len(labels) == 2559 and set(labels) == {"modal", "doxastic", "condition", "investigation"}
    assert labels.count("condition") + labels.count("investigation") == 2559 - 2098
    sentences = [s.label for d in docs for s in d.sentences]
    assert sentences.count("hedged") == 1834 and sentences.count("hedged") + sentences.count("uncertain") == 2051
    doc = next(d for d in docs if d.units)
    assert doc.text[doc.units[0].start:doc.units[0].end] == "considered"
    assert doc.units[0].label == "doxastic"


def test_szeged_scores_hedges_of_its_own_types_and_leaves_approximations_unscored(tmp_path):
    xml = ('<Annotation><DocumentSet><Document><DocID>d</DocID><DocumentPart type="Text">'
           '<Sentence id="S1">About 500 people <ccue type="speculation_modal_probable_">may</ccue> come.</Sentence>'
           '<Sentence id="S2"><ccue type="speculation_hypo_condition _">If</ccue> it rains, often fewer come.</Sentence>'
           '</DocumentPart></Document></DocumentSet></Annotation>')
    (tmp_path / "wiki.xml").write_text(xml, encoding="utf-8")
    report = evaluate("szeged", tmp_path)
    cues = next(s for s in report.scores if s.level == "unit")
    # "may" is right; "about 500" and "often" are approximations, which Szeged does not mark;
    # "if" is a condition, which is neither a hedge nor one of the scored cue types
    assert (cues.gold, cues.predicted, cues.correct) == (1, 1, 1)
    assert {j.rule for j in report.judged} == {"hedge.modal-possibility"}


def test_ptc_offsets_point_at_the_technique():
    docs = {d.name: d for d in read_ptc(shared("gold", "ptc-semeval2020"))}
    assert sum(len(d.units) for d in docs.values()) == 123
    unit = docs["111111111"].units[0]
    assert docs["111111111"].text[unit.start:unit.end] == "The next transmission could be more pronounced or stronger"


def test_microtexts_have_one_central_claim_each():
    docs = list(read_microtexts(shared("gold", "arg-microtexts")))
    assert len(docs) == 84
    assert all(sum(u.label == "central" for u in d.units) == 1 for d in docs)


def test_imperatives_on_gold_gum_trees_reach_the_recall_target():
    """Rules alone (gold UD trees, no parser): imperative sentences found as call_to_action."""
    report = evaluate("gum", shared("gold", "gum", "dev"), gold_parses=True)
    cta = next(s for s in report.scores if s.category == "call_to_action")
    assert cta.gold == 65
    assert cta.recall >= 0.80


def test_chiasmus_items_and_item_scoring():
    from rhetoric.evaluation import score_items
    from rhetoric.evaluation.gold import read_chiasmus

    items = list(read_chiasmus(shared("gold", "chiasmus", "all-data.json")))
    labels = [i.units[0].label for i in items]
    assert labels.count("Antimetabole") == 509 and labels.count("NotAChiasmus") == 1110
    moves = [[move("antimetabole", 0, 3)] if n % 2 else [] for n in range(len(items))]
    score = score_items(items, moves, "antimetabole", {"Antimetabole"})
    assert score.gold == 509 and score.predicted == len(items) // 2


def test_oped_gold_units_point_into_their_texts():
    from rhetoric.evaluation.gold import read_oped

    docs = list(read_oped(shared("gold", "oped-moves")))
    assert len(docs) == 32
    labels = {}
    for doc in docs:
        for unit in doc.units:
            assert 0 <= unit.start < unit.end <= len(doc.text) and doc.text[unit.start:unit.end].strip()
            labels[unit.label] = labels.get(unit.label, 0) + 1
    assert labels == {"claim": 666, "authority": 245, "hedge": 192, "booster": 68, "call_to_action": 66}


@pytest.mark.parametrize("reader, files", [
    ("oped", {"a.txt": "Some text.", "a.gold.json": '{"spans": [{"label": "claim", "start": 0, "end": 99}]}'}),
    ("oped", {"a.txt": "Some text.", "a.gold.json": '[{"category": "claim", "text": "Some"}]'}),
    ("ptc", {"articles/article1.txt": "Some text.", "techniques.labels": "1\tAppeal_to_Authority\tx\t4\n"}),
    ("polnear", {"text/a.txt": "He said no.", "attributions/a_1.ann": "T1\tCue 3 700\tsaid\n"}),
    ("chiasmus", {"all-data.json": '{"text": "not a list"}'}),
    ("webis", {"a.txt": "A plain text, not the corpus's tab-separated lines.\n"}),
    ("webis", {"a.txt": b"\xff\xfe\x00b\x00a\x00d"}),
])
def test_a_malformed_gold_file_is_one_input_error_naming_it(tmp_path, reader, files):
    from rhetoric.errors import InputError
    from rhetoric.evaluation import SETS

    for name, content in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    with pytest.raises(InputError) as error:
        list(SETS[reader].reader(tmp_path))
    assert str(tmp_path) in str(error.value)


def test_an_empty_annotation_file_is_a_document_with_nothing_annotated(tmp_path):
    from rhetoric.evaluation.gold import read_polnear

    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text("Nothing is reported here.", encoding="utf-8")
    (tmp_path / "attributions" / "a_1.ann").write_bytes(b"")
    (doc,) = read_polnear(tmp_path)
    assert doc.text == "Nothing is reported here." and doc.relations == ()


def test_an_article_annotated_twice_is_paired_and_the_second_annotation_scored_against_the_first(tmp_path):
    from rhetoric.evaluation import score_agreement
    from rhetoric.evaluation.gold import read_polnear

    files = {
        "text/a.txt": "He said no.",
        "text/b.txt": "She agreed.",
        "attributions/a_anna.ann": "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 8 10\tno\n"
                                   "E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n",
        # the second annotator takes "He said" for the cue and marks no source
        "attributions/a_bob.ann": "T1\tCue 0 7\tHe said\nT2\tContent 8 10\tno\nE1\tAttribution:T1 Cue:T1 Content:T2\n",
        "attributions/b_anna.ann": "",
    }
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(content, encoding="utf-8")
    assert [d.name for d in read_polnear(tmp_path)] == ["a", "b"]
    assert [len(d.relations) for d in read_polnear(tmp_path)] == [1, 0]  # the first annotation, by file name
    first = next(read_polnear(tmp_path))
    (second,) = read_polnear(tmp_path, second=True)  # only the article annotated twice
    assert first.name == second.name == "a"
    assert [u.label for u in first.relations[0]] == ["Source", "Cue", "Content"]
    assert [u.label for u in second.relations[0]] == ["Cue", "Content"]
    rows = {s.category: s for s in score_agreement([(first, second)])}
    assert rows["attribution"].f1 == 1.0
    assert (rows["source"].gold, rows["source"].predicted, rows["source"].found) == (2, 0, 0)
    # cue: 4 characters ("said") against 6 ("He said"), 4 shared
    assert (rows["cue"].gold, rows["cue"].predicted, rows["cue"].found) == (4, 6, 4)
    assert round(rows["cue"].f1, 3) == 0.8
