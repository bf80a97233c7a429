"""Parse throughput (words per second), pipeline loading time, the cache's speed-up, and the
time text that is not prose takes (target: time in proportion to its length, of the same
order per character or per word as prose)."""

from __future__ import annotations

import pytest

import rhetoric
from rhetoric.errors import InputError
from rhetoric.parsing import ParseCache, specs

from .conftest import SEED, federalist, model_kwargs, record_rate

MODELS = ["compact", "official-tokenize-mwt"]

#: Texts no writer produces, each of which once took Stanza's tokenizer time growing faster than its length.
NOT_PROSE = {
    "a word of 300,000 characters": "QUJD" * 75_000,
    "100,000 words joined by vertical tabs": "a\x0b" * 100_000,
    "20,000 opening quote marks": "“‘" * 10_000,
}


def _words(docs) -> int:
    docs = docs if isinstance(docs, list) else [docs]
    return sum(d.word_count for d in docs)


@pytest.mark.parametrize("model", MODELS)
def test_parse_seed(benchmark, model, monkeypatch):
    kwargs = model_kwargs(model, monkeypatch)
    text = SEED.read_text(encoding="utf-8")
    rhetoric.parse("Warm up.", **kwargs)
    doc = benchmark.pedantic(rhetoric.parse, args=(text,), kwargs=kwargs, rounds=3, iterations=1)
    record_rate(benchmark, doc.word_count)


@pytest.mark.slow
@pytest.mark.parametrize("model", MODELS)
def test_parse_20_federalist_papers(benchmark, model, monkeypatch):
    kwargs = model_kwargs(model, monkeypatch)
    texts = federalist(20)
    rhetoric.parse("Warm up.", **kwargs)
    docs = benchmark.pedantic(rhetoric.parse, args=(texts,), kwargs=kwargs, rounds=1, iterations=1)
    record_rate(benchmark, _words(docs))


@pytest.mark.slow
@pytest.mark.parametrize("model", MODELS)
def test_parse_20_federalist_papers_from_cache(benchmark, model, tmp_path, monkeypatch):
    kwargs = model_kwargs(model, monkeypatch)
    texts = federalist(20)
    cache = ParseCache(tmp_path)
    rhetoric.parse(texts, cache=cache, **kwargs)  # first run fills the cache
    docs = benchmark.pedantic(rhetoric.parse, args=(texts,), kwargs={**kwargs, "cache": cache},
                              rounds=3, iterations=1)
    record_rate(benchmark, _words(docs))


def test_load_compact_pipeline(benchmark):
    model_kwargs("compact")
    spec = specs.ModelSpec.from_string("compact")

    def load():
        specs.pipeline.cache_clear()
        return specs.pipeline(spec)

    benchmark.pedantic(load, rounds=3, iterations=1)


@pytest.mark.slow
@pytest.mark.parametrize("name", NOT_PROSE)
def test_parse_text_that_is_not_prose(benchmark, name):
    """Records characters per second and whether the text was parsed (its word count) or refused."""
    kwargs = model_kwargs("compact")
    text = NOT_PROSE[name]
    rhetoric.parse("Warm up.", **kwargs)

    def parse_or_refuse():
        try:
            return rhetoric.parse(text, **kwargs).word_count
        except InputError:
            return "refused"

    outcome = benchmark.pedantic(parse_or_refuse, rounds=1, iterations=1)
    benchmark.extra_info.update(characters=len(text), outcome=outcome)
    if benchmark.stats is not None:
        benchmark.extra_info["characters_per_second"] = round(len(text) / benchmark.stats.stats.mean)
