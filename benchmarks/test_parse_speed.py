"""Parse throughput (words per second), pipeline loading time and the cache's speed-up."""

from __future__ import annotations

import pytest

import rhetoric
from rhetoric.parsing import ParseCache, specs

from .conftest import SEED, federalist, model_kwargs

MODELS = ["compact", "official-tokenize-mwt"]


def _words(docs) -> int:
    docs = docs if isinstance(docs, list) else [docs]
    return sum(d.word_count for d in docs)


@pytest.mark.parametrize("model", MODELS)
def test_parse_seed(benchmark, model):
    kwargs = model_kwargs(model)
    text = SEED.read_text(encoding="utf-8")
    rhetoric.parse("Warm up.", **kwargs)
    doc = benchmark.pedantic(rhetoric.parse, args=(text,), kwargs=kwargs, rounds=3, iterations=1)
    benchmark.extra_info["words"] = doc.word_count
    benchmark.extra_info["words_per_second"] = round(doc.word_count / benchmark.stats.stats.mean)


@pytest.mark.parametrize("model", MODELS)
def test_parse_20_federalist_papers(benchmark, model):
    kwargs = model_kwargs(model)
    texts = federalist(20)
    rhetoric.parse("Warm up.", **kwargs)
    docs = benchmark.pedantic(rhetoric.parse, args=(texts,), kwargs=kwargs, rounds=1, iterations=1)
    benchmark.extra_info["words"] = _words(docs)
    benchmark.extra_info["words_per_second"] = round(_words(docs) / benchmark.stats.stats.mean)


@pytest.mark.parametrize("model", MODELS)
def test_parse_20_federalist_papers_from_cache(benchmark, model, tmp_path):
    kwargs = model_kwargs(model)
    texts = federalist(20)
    cache = ParseCache(tmp_path)
    rhetoric.parse(texts, cache=cache, **kwargs)  # first run fills the cache
    docs = benchmark.pedantic(rhetoric.parse, args=(texts,), kwargs={**kwargs, "cache": cache},
                              rounds=3, iterations=1)
    benchmark.extra_info["words_per_second"] = round(_words(docs) / benchmark.stats.stats.mean)


def test_load_compact_pipeline(benchmark):
    model_kwargs("compact")
    spec = specs.ModelSpec.from_string("compact")

    def load():
        specs.pipeline.cache_clear()
        return specs.pipeline(spec)

    benchmark.pedantic(load, rounds=3, iterations=1)
