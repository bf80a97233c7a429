"""Parse throughput (words per second), pipeline loading time and the cache's speed-up."""

from __future__ import annotations

import pytest

import rhetoric
from rhetoric.parsing import ParseCache, specs

from .conftest import SEED, federalist, model_kwargs, record_rate

MODELS = ["compact", "official-tokenize-mwt"]


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
