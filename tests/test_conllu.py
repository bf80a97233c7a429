import pytest

from rhetoric import read_conllu, to_conllu
from rhetoric.errors import ConlluError

from .conftest import shared

SAMPLE = """# newdoc id = d1
# newpar
# sent_id = 1
# text = I don't know Ban Ki-moon.
1	I	I	PRON	PRP	Case=Nom|Number=Sing|Person=1|PronType=Prs	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin	4	aux	_	_
3	n't	not	PART	RB	Polarity=Neg	4	advmod	_	_
4	know	know	VERB	VB	VerbForm=Inf	0	root	_	_
5	Ban	Ban	PROPN	NNP	Number=Sing	4	obj	_	NER=B-PER
6	Ki-moon	Ki-moon	PROPN	NNP	Number=Sing	5	flat	_	NER=I-PER|SpaceAfter=No
7	.	.	PUNCT	.	_	4	punct	_	_

# newpar
# sent_id = 2
# text = Go!
1	Go	go	VERB	VB	Mood=Imp|VerbForm=Fin	0	root	_	SpaceAfter=No
2	!	!	PUNCT	.	_	1	punct	_	_

"""


def test_text_words_tokens_and_entities_are_rebuilt():
    doc, = read_conllu(SAMPLE)
    assert doc.text == "I don't know Ban Ki-moon.\n\nGo!"
    assert len(doc.paragraphs) == 2
    first = doc.sentences[0]
    assert [(m.first, m.last, m.text) for m in first.mwts] == [(2, 3, "don't")]
    assert [(w.text, w.start, w.end, w.mwt) for w in first.words[1:3]] == [("do", 2, 4, (2, 3)), ("n't", 4, 7, (2, 3))]
    assert [(e.type, e.first, e.last, doc.text[e.start:e.end]) for e in first.entities] == [("PER", 5, 6, "Ban Ki-moon")]
    assert doc.sentences[1].words[0].feat("Mood") == "Imp"


def test_round_trip_keeps_everything_with_the_original_text():
    doc, = read_conllu(SAMPLE)
    again, = read_conllu(to_conllu(doc), text=doc.text, meta=doc.meta)
    assert again == doc


def test_errors_name_the_line():
    with pytest.raises(ConlluError, match="line 2: expected 10 tab-separated columns, found 3"):
        read_conllu("# sent_id = 1\n1\tHi\thi\n\n")
    with pytest.raises(ConlluError, match="line 1: expected a HEAD from 0 to 1"):
        read_conllu("1\tHi\thi\tINTJ\tUH\t_\tx\troot\t_\t_\n\n")


def test_offsets_must_match_a_given_text():
    doc, = read_conllu(SAMPLE)
    with pytest.raises(ConlluError, match="expected start_char and end_char"):
        read_conllu(SAMPLE, text=doc.text)


def test_ewt_dev_round_trips_every_annotation_column():
    path = shared("ud", "en_ewt", "en_ewt-ud-dev.conllu")
    docs = read_conllu(path)
    assert sum(len(d.sentences) for d in docs) == 2001

    def columns(text: str) -> list[list[str]]:
        return [line.split("\t")[:8] for line in text.splitlines()
                if line and not line.startswith("#") and "." not in line.split("\t")[0]]

    original = columns(path.read_text(encoding="utf-8"))
    written = columns(to_conllu(docs))
    assert len(original) == len(written) == 25506
    assert written == original


def test_gum_reads_with_paragraphs_from_newpar():
    folder = shared("gold", "gum", "dev")
    path = sorted(folder.glob("*.conllu"))[0]
    doc, = read_conllu(path)
    assert len(doc.paragraphs) > 1
    for sentence in doc.sentences:
        for word in sentence.words:
            assert doc.text[word.start:word.end] == word.text or word.mwt
