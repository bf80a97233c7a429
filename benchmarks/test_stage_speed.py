"""Words per second of each stage (tokenize, mwt, pos, lemma, depparse, convert, rules, TEI)
on the Federalist papers 21-26 and the op-eds of corpus/ (see benchmarks/stages.py)."""

from __future__ import annotations

import pytest

from .conftest import SHARED, model_kwargs
from .stages import STAGES, corpus_op_eds, federalist_21_26, stage_times

TEXTS = {"federalist-21-26": lambda: federalist_21_26(SHARED), "corpus-op-eds": corpus_op_eds}


@pytest.mark.slow
@pytest.mark.parametrize("name", TEXTS)
def test_stage_throughput(benchmark, name):
    model_kwargs("compact")
    if name.startswith("federalist") and not (SHARED / "texts" / "federalist").is_dir():
        pytest.skip("../shared/texts/federalist is not available")
    seconds, words = benchmark.pedantic(stage_times, args=(TEXTS[name](),), rounds=1, iterations=1)
    benchmark.extra_info["words"] = words
    benchmark.extra_info.update({f"{stage}_words_per_second": round(words / seconds[stage]) for stage in STAGES})
    assert set(seconds) == set(STAGES)
