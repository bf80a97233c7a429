"""The real Stanza pipeline: Stanford's tokenizer from ../shared and the compact models."""

import subprocess
import sys

import pytest

import rhetoric
from rhetoric.errors import ModelError
from rhetoric.parsing import ParseCache, specs

from .conftest import compact_processors, shared


def assert_offsets(doc: rhetoric.Document) -> None:
    assert doc.sentences, "expected at least one sentence"
    for sentence in doc.sentences:
        assert doc.text[sentence.start:sentence.end] == sentence.text
        for word in sentence.words:
            assert doc.text[word.start:word.end] == word.text, (word, doc.text[word.start:word.end])


def test_seed_offsets_with_official_tokenizer(official, seed_text):
    doc = rhetoric.parse(seed_text, **official)
    assert_offsets(doc)
    assert len(doc.paragraphs) == seed_text.count("\n\n") + 1
    assert doc.model == "stanza:default" and len(doc.fingerprint) == 16
    assert any(s.mwts for s in doc.sentences)  # "SCO's", "Kazakhstan's"


@pytest.mark.slow
def test_raw_ewt_dev_text_parses_with_matching_offsets(official):
    gold = rhetoric.read_conllu(shared("ud", "en_ewt", "en_ewt-ud-dev.conllu"))
    texts, count = [], 0
    for doc in gold:
        texts.append(doc.text)
        count += len(doc.sentences)
        if count >= 200:
            break
    parsed = rhetoric.parse(texts, **official)
    assert len(parsed) == len(texts)
    for doc, text in zip(parsed, texts):
        assert doc.text == text
        assert_offsets(doc)
    assert sum(len(d.sentences) for d in parsed) > 150


def test_a_list_is_parsed_in_one_batched_call(official, monkeypatch):
    nlp = specs.pipeline(specs.ModelSpec.from_string(**{"spec": official["model"],
                                                          "processors": official["processors"]}))
    calls = []
    original = type(nlp).process

    def counting(self, docs, *args, **kwargs):
        calls.append(len(docs) if isinstance(docs, list) else 1)
        return original(self, docs, *args, **kwargs)

    monkeypatch.setattr(type(nlp), "process", counting)
    docs = rhetoric.parse(["One text.", "   ", "Another one.\n\nWith two paragraphs."], **official)
    assert calls == [2]
    assert [len(d.paragraphs) for d in docs] == [1, 0, 2]
    assert [s.text for s in docs[2].sentences] == ["Another one.", "With two paragraphs."]


def test_the_cache_returns_the_same_document(official, tmp_path):
    cache = ParseCache(tmp_path)
    text = "The minister said that the plan may fail.\n\nWe don't agree."
    first = rhetoric.parse(text, cache=cache, **official)
    second = rhetoric.parse(text, cache=cache, **official)
    assert (cache.misses, cache.hits) == (1, 1)
    assert second == first
    assert len(list(tmp_path.rglob("*.conllu"))) == 1


def test_missing_official_models_name_the_download_command(monkeypatch, tmp_path):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    with pytest.raises(ModelError, match="rhetoric models download default"):
        rhetoric.parse("Hello.", model="stanza:default")


def test_a_processor_the_official_folder_lacks_is_a_model_error(official):
    with pytest.raises(ModelError, match="rhetoric models download"):
        rhetoric.parse("Hello.", model="stanza:default", processors="tokenize,mwt,pos")


def test_a_processor_list_missing_what_a_processor_needs_is_a_model_error():
    with pytest.raises(ModelError, match="list tokenize,depparse is incomplete: depparse needs lemma, pos; add"):
        rhetoric.parse("Hello.", processors="tokenize,depparse")


@pytest.mark.parametrize("spec", ["spacy", "stanza:", "stanza"])
def test_unknown_specs_are_refused(spec):
    with pytest.raises(ModelError, match="unknown model spec"):
        rhetoric.parse("Hello.", model=spec)


def test_compact_is_the_default_and_reports_missing_processors():
    if not compact_processors():
        with pytest.raises(ModelError, match="compact models are not installed"):
            rhetoric.parse("Hello.")
    else:
        assert rhetoric.parse("Hello.").model == "compact"
        with pytest.raises(ModelError, match="unknown processor"):
            rhetoric.parse("Hello.", processors="tokenize,sentiment")


def test_a_pipeline_loads_without_optimizers_leaves_stanza_as_it_was_and_freezes_what_it_loaded():
    """Stanza builds an optimizer per processor on load; the first one imports torch._dynamo."""
    if not compact_processors():
        pytest.skip("the compact models are not installed")
    probe = ("import sys; import rhetoric; from stanza.models.common import utils; before = utils.get_optimizer; "
             "import gc; rhetoric.parse('It loads.'); "
             "print('torch._dynamo' in sys.modules, utils.get_optimizer is before, gc.get_freeze_count() > 100_000)")
    shown = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["False", "True", "True"]
