"""The compact models shipped in the package, through the real Stanza pipeline."""

import pytest

import rhetoric
from rhetoric.parsing.models import COMPACT_DIR, compact_manifest

from .conftest import compact_processors


def test_manifest_describes_every_shipped_file():
    if not compact_processors():
        pytest.skip("compact models not installed")
    manifest = compact_manifest()
    total = 0
    for processor in manifest["processors"]:
        entry = manifest["files"][processor]
        path = COMPACT_DIR / entry["path"]
        assert path.stat().st_size == entry["bytes"]
        total += entry["bytes"]
    assert total <= 40_000_000
    assert manifest["data"]["license"] == "CC BY-SA 4.0"


def test_imperative_gets_an_imperative_root_verb(compact):
    doc = rhetoric.parse("Read the report before you vote.", **compact)
    sentence, = doc.sentences
    root = next(w for w in sentence.words if w.head == 0)
    assert (root.text, root.upos, root.feat("Mood")) == ("Read", "VERB", "Imp")
    assert not any(w.head == root.id and w.deprel == "nsubj" for w in sentence.words)


def test_reported_clause_is_a_ccomp_with_its_modal(compact):
    text = "The minister said that the plan may fail."
    doc = rhetoric.parse(text, **compact)
    sentence, = doc.sentences
    by_text = {w.text: w for w in sentence.words}
    said, fail, may = by_text["said"], by_text["fail"], by_text["may"]
    assert fail.head == said.id and fail.deprel == "ccomp"
    assert may.head == fail.id and may.deprel == "aux"
    assert [text[w.start:w.end] for w in sentence.words] == [w.text for w in sentence.words]


def test_lemmas_and_contractions(compact):
    doc = rhetoric.parse("The ministers weren't convinced.", **compact)
    words = doc.sentences[0].words
    assert [w.lemma for w in words[:4]] == ["the", "minister", "be", "not"]
    assert doc.sentences[0].mwts[0].text == "weren't"
