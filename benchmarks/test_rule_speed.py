"""Rule matching speed: parsed documents in, moves out, all built-in rules, one core.

Uses the gold trees of UD English-EWT dev (25,000 words), so the figure measures the
matcher alone; the target is 50,000 words per second (goal 200,000).
"""

from __future__ import annotations

import pytest

from rhetoric import read_conllu
from rhetoric.rules import Matcher, load_rules

from .conftest import SHARED, record_rate


@pytest.fixture(scope="module")
def ewt_dev():
    path = SHARED / "ud" / "en_ewt" / "en_ewt-ud-dev.conllu"
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return read_conllu(path)


def test_match_all_builtin_rules(benchmark, ewt_dev):
    matcher = Matcher(load_rules())
    words = sum(d.word_count for d in ewt_dev)

    def run():
        return sum(len(matcher.match(d)) for d in ewt_dev)

    moves = benchmark.pedantic(run, rounds=5, iterations=1, warmup_rounds=1)
    benchmark.extra_info["moves"] = moves
    record_rate(benchmark, words)
