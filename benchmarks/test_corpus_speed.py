"""Corpus annotation: documents and words per second for 1 and 2 workers on the 85
Federalist papers, and peak memory for 85 papers against 10 (it should be flat).

Each run is a fresh ``rhetoric annotate DIR -o OUT`` process with the parse cache off;
peak memory is the largest resident set of that process or any of its workers.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

import pytest

from .conftest import ROOT, SHARED, model_kwargs


def run(inputs, out, workers: int) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rhetoric.cli", "annotate", str(inputs), "-o", str(out),
                    "--workers", str(workers), "--no-cache"], check=True, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


@pytest.fixture(scope="module")
def federalist(tmp_path_factory):
    model_kwargs("compact")
    folder = SHARED / "texts" / "federalist"
    if not folder.is_dir():
        pytest.skip(f"{folder} is not available")
    return sorted(folder.glob("*.txt"))


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_federalist_85(benchmark, federalist, tmp_path, workers):
    seconds = benchmark.pedantic(lambda: run(SHARED / "texts" / "federalist", tmp_path / f"w{workers}", workers),
                                 rounds=1, iterations=1)
    written = sorted((tmp_path / f"w{workers}").glob("*.json"))
    words = sum(len(json.loads(p.read_text())["text"].split()) for p in written)
    benchmark.extra_info.update(documents=len(written), whitespace_words=words,
                                documents_per_second=round(len(written) / seconds, 3),
                                words_per_second=round(words / seconds))


@pytest.mark.slow
def test_peak_memory_85_vs_10(federalist, tmp_path):
    small = tmp_path / "ten"
    small.mkdir()
    for path in federalist[:10]:
        shutil.copy(path, small / path.name)
    # separate interpreters, so that each measures only its own run
    code = ("import resource,subprocess,sys;"
            "subprocess.run([sys.executable,'-m','rhetoric.cli','annotate',sys.argv[1],'-o',sys.argv[2],"
            "'--workers','2','--no-cache'],check=True,stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    peaks = {}
    for name, inputs in (("10", small), ("85", SHARED / "texts" / "federalist")):
        result = subprocess.run([sys.executable, "-c", code, str(inputs), str(tmp_path / f"out{name}")],
                                capture_output=True, text=True, check=True, cwd=ROOT)
        peaks[name] = int(result.stdout.strip()) / 1024
    print(f"peak RSS MB: 10 papers {peaks['10']:.0f}, 85 papers {peaks['85']:.0f}")
    assert peaks["85"] < 1.5 * peaks["10"]
