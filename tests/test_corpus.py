"""Corpus-scale annotation: workers, resuming after a kill, bad files, a Dask cluster."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import rhetoric
from rhetoric.inputs import write_atomic
import rhetoric.cli
from rhetoric.corpus import annotate_corpus

from .conftest import ROOT, compact_processors, shared

SENTENCES = [
    "We must act before it is too late.", "Experts warn that the river may dry up by {n}.",
    "It is possible that prices will rise by {n} percent.", "Look at what happened in {n}.",
    "The council spent ${n} million on roads.", "Nevertheless, the plan remains the weak link.",
    "Who would trade security for a slogan?", "I am convinced that reform is needed.",
]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """40 documents: texts the test writes when the compact models are installed, else gold CoNLL-U."""
    folder = tmp_path_factory.mktemp("corpus")
    if {"tokenize", "mwt", "pos", "lemma", "depparse"} <= set(compact_processors()):
        for i in range(40):
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)].format(n=10 + i + k) for k in range(4))
            (folder / f"doc{i:02d}.txt").write_text(text + "\n\nA second paragraph, number " + str(i) + ".\n")
    else:
        docs = [d for f in sorted(shared("gold", "gum", "dev").glob("*.conllu")) for d in rhetoric.read_conllu(f)]
        for i in range(40):
            write_atomic(folder / f"doc{i:02d}.conllu", rhetoric.to_conllu(docs[i % len(docs)]))
    return folder


def outputs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}


def test_two_workers_write_the_same_bytes_as_one(inputs, tmp_path):
    one = annotate_corpus([inputs], tmp_path / "one", workers=1)
    two = annotate_corpus([inputs], tmp_path / "two", workers=2)
    assert (one.done, two.done, one.failed, two.failed) == (40, 40, [], [])
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two")
    again = annotate_corpus([inputs], tmp_path / "one", workers=2)
    assert (again.done, again.skipped) == (0, 40)


@pytest.mark.slow
def test_a_killed_run_resumes_without_redoing_finished_documents(inputs, tmp_path):
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "rhetoric.cli", "annotate", str(inputs), "-o", str(out),
                                "--workers", "1", "--no-cache"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 300
    while time.time() < deadline and len(list((out / ".rhetoric").glob("*.stamp")) if out.exists() else []) < 10:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    finished = {p.name for p in (out / ".rhetoric").glob("*.stamp")}
    assert 10 <= len(finished) < 40
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.json")}
    # what a kill between write and rename leaves behind (here planted, so the check never depends on timing)
    (out / ".rhetoric" / ".doc00.json.stamp.k2x9.tmp").write_text("half")
    report = annotate_corpus([inputs], out, workers=1)
    assert report.skipped == len(finished) and report.done == 40 - len(finished) and not report.failed
    for name, mtime in before.items():
        if name + ".stamp" in finished:
            assert (out / name).stat().st_mtime_ns == mtime  # not written again
    assert len(list(out.glob("*.json"))) == 40
    assert not list(out.rglob("*.tmp"))


def test_a_corrupt_file_is_reported_and_the_others_written(inputs, tmp_path, capsys):
    mixed = tmp_path / "mixed"
    mixed.mkdir()
    for path in sorted(inputs.iterdir())[:5]:
        (mixed / path.name).write_bytes(path.read_bytes())
    (mixed / "corrupt.txt").write_bytes(b"caf\xe9 \xff\xfe broken")
    (mixed / "empty.txt").write_bytes(b"")
    code = rhetoric.cli.main(["annotate", str(mixed), "-o", str(tmp_path / "out"), "--workers", "2", "--no-cache"])
    assert code == 1
    err = capsys.readouterr().err
    assert "5 annotated" in err and "2 failed" in err
    assert "corrupt.txt: invalid UTF-8" in err and "empty.txt: the file is empty" in err
    assert len(list((tmp_path / "out").glob("*.json"))) == 5


@pytest.mark.slow
def test_a_dask_local_cluster_gives_the_same_outputs(inputs, tmp_path):
    distributed = pytest.importorskip("distributed")
    annotate_corpus([inputs], tmp_path / "local", workers=1)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        report = annotate_corpus([inputs], tmp_path / "dask", client=client)
    assert report.done == 40 and not report.failed
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
