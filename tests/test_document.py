import attrs
import pytest

from rhetoric.document import Document, Move, Paragraph, Sentence, Word
from rhetoric.errors import DocumentError


def make(text: str, spans: list[tuple[int, int]]) -> Document:
    words = tuple(Word(id=i, text=text[s:e], lemma=None, upos=None, xpos=None, feats=None, head=None, deprel=None,
                       start=s, end=e) for i, (s, e) in enumerate(spans, 1))
    sentence = Sentence(index=0, start=spans[0][0], end=spans[-1][1], text=text[spans[0][0]:spans[-1][1]], words=words)
    return Document(text=text, paragraphs=(Paragraph(0, sentence.start, sentence.end, (sentence,)),))


def test_offsets_are_checked_when_a_document_is_built():
    doc = make("We act.", [(0, 2), (3, 6), (6, 7)])
    assert [w.text for _, w in doc.iter_words()] == ["We", "act", "."]
    sentence = doc.sentences[0]
    shifted = attrs.evolve(sentence.words[1], start=2, end=5)
    bad = attrs.evolve(sentence, words=(sentence.words[0], shifted, sentence.words[2]))
    with pytest.raises(DocumentError, match="word 2 of sentence 0 claims offsets 2:5 holding 'act'"):
        attrs.evolve(doc, paragraphs=(attrs.evolve(doc.paragraphs[0], sentences=(bad,)),))


def test_word_ids_must_run_from_one():
    doc = make("We act.", [(0, 2), (3, 6)])
    sentence = doc.sentences[0]
    bad = attrs.evolve(sentence, words=(sentence.words[1],))
    with pytest.raises(DocumentError, match="word ids must run"):
        attrs.evolve(doc, paragraphs=(attrs.evolve(doc.paragraphs[0], sentences=(bad,)),))


def test_documents_are_immutable_and_compare_by_value():
    doc = make("We act.", [(0, 2), (3, 6), (6, 7)])
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        doc.text = "x"
    assert doc == make("We act.", [(0, 2), (3, 6), (6, 7)])
    assert doc.word_count == 3


def test_moves_must_lie_inside_the_text():
    doc = make("We act.", [(0, 2), (3, 6), (6, 7)])
    move = Move(category="claim", start=0, end=99, words=((0, 1),), cues=(), rule="r", ruleset="core", confidence=0.9)
    with pytest.raises(DocumentError, match="outside the text"):
        attrs.evolve(doc, moves=(move,))


def test_feature_lookup():
    word = Word(id=1, text="Read", lemma="read", upos="VERB", xpos="VB", feats="Mood=Imp|VerbForm=Fin", head=0,
                deprel="root", start=0, end=4)
    assert word.feat("Mood") == "Imp" and word.feat("Tense") is None
