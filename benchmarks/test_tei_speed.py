"""TEI writing and reading speed (words per second); target 50,000 each.

Uses the 20 longest documents of UD English-EWT train with their gold trees and the
built-in moves, so no parser runs.
"""

from __future__ import annotations

import pytest

from rhetoric import read_conllu
from rhetoric.rules import tag
from rhetoric.tei import read_tei, to_tei

from .conftest import SHARED, record_rate


@pytest.fixture(scope="module")
def documents():
    path = SHARED / "ud" / "en_ewt" / "en_ewt-ud-train.conllu"
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return [tag(d) for d in sorted(read_conllu(path), key=lambda d: -d.word_count)[:20]]


def test_write_tei(benchmark, documents):
    words = sum(d.word_count for d in documents)
    benchmark.pedantic(lambda: [to_tei(d) for d in documents], rounds=5, iterations=1, warmup_rounds=1)
    record_rate(benchmark, words)


def test_read_tei(benchmark, documents):
    words = sum(d.word_count for d in documents)
    files = [to_tei(d) for d in documents]
    benchmark.pedantic(lambda: [read_tei(x) for x in files], rounds=5, iterations=1, warmup_rounds=1)
    record_rate(benchmark, words)
