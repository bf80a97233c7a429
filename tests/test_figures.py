"""Figure detectors on hand-built parses (no model needed)."""

from rhetoric import read_conllu
from rhetoric.rules import load_rules, tag

from .test_rules import conllu

FIGURES = [rs for rs in load_rules() if rs.name == "figures"]


def moves(text: str) -> list[tuple[str, str]]:
    doc = tag(read_conllu(text)[0], FIGURES)
    return [(m.category, doc.text[m.start:m.end]) for m in doc.moves]


def sentence(words: str, heads: str, rels: str, upos: str) -> str:
    rows = [f"{w} {w.lower()} {u} _ _ {h} {r}" for w, h, r, u in zip(words.split(), heads.split(), rels.split(),
                                                                 upos.split())]
    return conllu(*rows)


TRICOLON = sentence("We fight terrorism , separatism and extremism .", "2 0 2 5 3 7 3 2",
                    "nsubj root obj punct conj cc conj punct", "PRON VERB NOUN PUNCT NOUN CCONJ NOUN PUNCT")
TWO_ITEMS = sentence("We fight terrorism and extremism .", "2 0 2 5 3 2", "nsubj root obj cc conj punct",
                     "PRON VERB NOUN CCONJ NOUN PUNCT")


# the parser's chain (each conjunct the head of the next), opened by a contrast with "beings"
CHAINED = sentence("They are beings - not tropes , morality tales , or comic relief .",
                   "3 3 0 6 6 3 9 9 6 13 13 13 9 3",
                   "nsubj cop root punct advmod conj punct compound conj punct cc amod conj punct",
                   "PRON AUX NOUN PUNCT PART NOUN PUNCT NOUN NOUN PUNCT CCONJ ADJ NOUN PUNCT")


def test_tricolon_needs_three_parallel_conjuncts():
    assert moves(TRICOLON) == [("tricolon", "terrorism , separatism and extremism")]
    assert moves(TWO_ITEMS) == []


def test_a_chained_coordination_is_read_from_the_contrast_that_opens_it():
    assert moves(CHAINED) == [("tricolon", "tropes , morality tales , or comic relief")]


def repeated(openings: list[str]) -> str:
    blocks = []
    for n, opening in enumerate(openings, 1):
        words = opening.split() + ["."]
        rows = [f"{w} {w.lower()} {'PUNCT' if w == '.' else 'VERB' if i == 2 else 'PRON' if i == 0 else 'AUX'} _ _ "
                f"{0 if i == 2 else 3} {'root' if i == 2 else 'dep'}" for i, w in enumerate(words)]
        blocks.append(conllu(*rows).replace("1\t", f"# sent_id = {n}\n1\t", 1))
    return "".join(blocks)


def test_anaphora_over_consecutive_sentences():
    found = moves(repeated(["We will not tire", "We will not falter", "We will not fail"]))
    assert found == [("anaphora", "We will not tire . We will not falter . We will not fail")]
    assert moves(repeated(["We will not tire", "They may falter"])) == []


def ending(clauses: list[str]) -> str:
    blocks = []
    for clause in clauses:
        words = clause.split()
        rows = [f"{w} {w.lower()} {'NOUN' if i == len(words) - 1 else 'ADP' if w in ('for', 'of') else 'DET' if w == 'the' else 'VERB'} _ _ "
                f"{0 if i == 0 else 1} {'root' if i == 0 else 'dep'}" for i, w in enumerate(words)]
        blocks.append(conllu(*rows, ". . PUNCT _ _ 1 punct"))
    return "".join(blocks)


def test_epistrophe_needs_a_shared_ending_with_content():
    found = moves(ending(["Fought for the land", "Died for the land"]))
    assert found == [("epistrophe", "Fought for the land . Died for the land")]
    assert moves(ending(["Fought for the land", "Died for the sea"])) == []


CHIASMUS = sentence("We eat to live , not live to eat .", "0 1 4 2 6 7 2 9 7 1",
                    "root xcomp mark advcl punct advmod conj mark advcl punct",
                    "PRON VERB PART VERB PUNCT PART VERB PART VERB PUNCT")


def test_antimetabole_finds_a_reversed_pair_with_swapped_roles():
    found = [m for m in moves(CHIASMUS) if m[0] == "antimetabole"]
    assert found == [("antimetabole", "eat to live , not live to eat")]
    assert [m for m in moves(TRICOLON) if m[0] == "antimetabole"] == []
