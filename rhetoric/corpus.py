"""Corpus-scale annotation: streaming, in worker processes or on a Dask cluster, resumable.

Inputs are cut into batches of a fixed size in input order; every batch is parsed with
one batched Stanza call by whichever worker takes it, and each worker writes its
documents' outputs itself (atomically), so memory stays flat however large the corpus.
The batching does not depend on the number of workers, so 1, 2 or N workers -- or a
Dask cluster -- write byte-identical files.

A document is skipped when its output is up to date: a stamp in ``OUT/.rhetoric/``
records the input's sha256, the model fingerprint, the rule sets' hashes, the format
and the rhetoric version, and is written only after the output.  A run stopped midway
(crash, Ctrl-C) therefore resumes where it stopped.  A document that fails is reported
and the others are still written.

>>> report = annotate_corpus(["a.txt", "b.txt"], "out", workers=2)  # doctest: +SKIP
>>> report.failed                                                   # doctest: +SKIP
[]
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from . import __version__
from .errors import RhetoricError

SUFFIXES = {"json": ".json", "tei": ".xml", "conllu": ".conllu", "vertical": ".vert"}
STATE = ".rhetoric"


@attrs.frozen
class Job:
    """Everything a worker needs to process a batch; small enough to send to other processes."""

    out: str
    format: str = "json"
    model: str = "compact"
    rule_files: tuple[str, ...] = ()
    builtin: bool = True
    inline_moves: bool = False
    cache_dir: str | None = None
    root: str | None = None  # inputs under it keep their relative folders in ``out``


@attrs.frozen
class Outcome:
    """What happened to one input: ``done``, ``skipped`` or ``failed`` (with the error)."""

    path: str
    status: str
    words: int = 0
    error: str = ""


@attrs.define
class CorpusReport:
    """Summary of a corpus run."""

    done: int = 0
    skipped: int = 0
    words: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = attrs.field(factory=list)

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "failed":
            self.failed.append((outcome.path, outcome.error))
        elif outcome.status == "skipped":
            self.skipped += 1
        else:
            self.done += 1
            self.words += outcome.words

    def summary(self) -> str:
        rate = self.done / self.seconds if self.seconds else 0.0
        lines = [f"{self.done} annotated, {self.skipped} up to date, {len(self.failed)} failed; "
                 f"{self.words:,} words in {self.seconds:.1f} s ({rate:.2f} documents/s)"]
        lines += [f"  failed: {path}: {error}" for path, error in self.failed]
        return "\n".join(lines)


def iter_inputs(paths: Iterable[str | os.PathLike]) -> Iterator[Path]:
    """Input files one by one: files as given, folders walked in sorted order (.txt, .conllu)."""
    for item in paths:
        path = Path(item)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix in (".txt", ".conllu"):
                    yield child
        else:
            yield path


def _batches(paths: Iterable[Path], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for path in paths:
        batch.append(str(path))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


# One matcher, rule sets and settings key per worker process (built on first use).
_WORKER: dict = {}


def _setup(job: Job):
    key = (job.model, job.rule_files, job.builtin)
    if _WORKER.get("key") != key:
        from .rules import Matcher, load_rules

        sets = load_rules(*job.rule_files, builtin=job.builtin)
        settings = json.dumps({"rules": [[r.name, r.version, r.sha256] for r in sets], "rhetoric": __version__},
                              sort_keys=True)
        _WORKER.update(key=key, sets=sets, matcher=Matcher(sets), settings=settings, model=None)
    return _WORKER


def _model_settings(job: Job, state: dict) -> str:
    """The model part of a text's stamp (spec and fingerprint); raises if the model is missing."""
    if state["model"] is None:
        from .parsing.models import ModelSpec, fingerprint

        state["model"] = f"{job.model}:{fingerprint(ModelSpec.from_string(job.model))}"
    return state["model"]


def output_path(job: Job, source: Path) -> Path:
    """Where the output of ``source`` goes (its folders below ``job.root`` are kept)."""
    relative = Path(source.name)
    if job.root:
        try:
            relative = source.resolve().relative_to(Path(job.root).resolve())
        except ValueError:
            pass
    return Path(job.out) / relative.with_suffix(SUFFIXES[job.format])


def _stamp_path(job: Job, output: Path) -> Path:
    relative = output.relative_to(job.out)
    return Path(job.out) / STATE / relative.with_name(relative.name + ".stamp")


def _stamp(job: Job, data: bytes, settings: str) -> str:
    return hashlib.sha256(data + b"\0" + settings.encode() + b"\0" + job.format.encode()
                          + (b"inline" if job.inline_moves else b"")).hexdigest()


def _render(job: Job, doc) -> bytes:
    if job.format == "tei":
        from .tei import to_tei

        return to_tei(doc, inline_moves=job.inline_moves)
    if job.format == "conllu":
        from .formats.conllu import write_conllu

        return write_conllu(doc).encode("utf-8")
    if job.format == "vertical":
        from .formats.vertical import to_vertical

        return to_vertical(doc).encode("utf-8")
    from .formats.json import dumps

    return dumps(doc).encode("utf-8")


def process_batch(job: Job, paths: Sequence[str]) -> list[Outcome]:
    """Annotate one batch of files and write their outputs; run inside a worker."""
    from .formats.conllu import read_conllu
    from .inputs import decode_text, read_metadata, write_atomic
    from .parsing import ParseCache, parse

    state = _setup(job)
    outcomes: dict[str, Outcome] = {}
    texts: list[tuple[str, str, object, str]] = []  # path, text, meta, stamp
    for name in paths:
        path = Path(name)
        try:
            data = path.read_bytes() if path.is_file() else None
            if data is None:
                raise RhetoricError(f"{path}: no such file")
            parsed = path.suffix == ".conllu"  # CoNLL-U needs no parser, so no model in its stamp
            text = None if parsed else decode_text(data, name)  # bad input is reported before model problems
            settings = state["settings"] if parsed else state["settings"] + _model_settings(job, state)
            stamp = _stamp(job, data, settings)
            output = output_path(job, path)
            stamp_file = _stamp_path(job, output)
            if output.exists() and stamp_file.exists() and stamp_file.read_text() == stamp:
                outcomes[name] = Outcome(name, "skipped")
                continue
            if parsed:
                doc = read_conllu(data.decode("utf-8"), meta=read_metadata(path))[0]
                outcomes[name] = _write(job, state, doc, path, stamp, write_atomic)
            else:
                texts.append((name, text, read_metadata(path), stamp))
        except (RhetoricError, OSError, UnicodeDecodeError, IndexError) as error:
            outcomes[name] = Outcome(name, "failed", error=str(error))
    if texts:
        cache = ParseCache(job.cache_dir) if job.cache_dir else None
        try:
            docs = parse([t for _, t, _, _ in texts], model=job.model, cache=cache, meta=[m for _, _, m, _ in texts])
        except Exception:  # isolate the document that breaks the batch
            docs = []
            for _, text, meta, _ in texts:
                try:
                    docs.append(parse(text, model=job.model, cache=cache, meta=meta))
                except Exception as error:  # a parser failure is reported per document
                    docs.append(error)
        for (name, _, _, stamp), doc in zip(texts, docs):
            if isinstance(doc, Exception):
                outcomes[name] = Outcome(name, "failed", error=f"{type(doc).__name__}: {doc}")
            else:
                outcomes[name] = _write(job, state, doc, Path(name), stamp, write_atomic)
    return [outcomes[name] for name in paths]


def _write(job: Job, state: dict, doc, path: Path, stamp: str, write_atomic) -> Outcome:
    import attrs as _attrs

    from .rules import check_requirements

    check_requirements(doc, state["sets"])
    tagged = _attrs.evolve(doc, moves=state["matcher"].match(doc), rulesets=tuple(r.ref for r in state["sets"]))
    output = output_path(job, path)
    write_atomic(output, _render(job, tagged))
    write_atomic(_stamp_path(job, output), stamp)
    return Outcome(str(path), "done", words=tagged.word_count)


def _init_worker(threads: int) -> None:
    import torch

    torch.set_num_threads(threads)


def annotate_corpus(paths: Iterable[str | os.PathLike], out: str | os.PathLike, *, format: str = "json",
                    model: str = "compact", rules: Sequence[str] = (), builtin: bool = True,
                    inline_moves: bool = False, workers: int | None = None, batch: int = 8,
                    cache_dir: str | None = None, client=None,
                    progress: Callable[[Outcome], None] | None = None) -> CorpusReport:
    """Annotate many files into ``out`` (one output per input), in parallel, resumably.

    ``workers`` defaults to the number of cores; ``client`` (a ``distributed.Client``)
    runs the same batches on a Dask cluster instead, one pipeline per Dask worker.
    Temporary files that a killed run left in ``out`` are removed first, so two runs must
    not write into one folder at the same time.
    """
    from .inputs import remove_partial_writes

    if format not in SUFFIXES:
        raise RhetoricError(f"unknown format {format!r}; expected one of {', '.join(SUFFIXES)}")
    paths = list(paths) if not isinstance(paths, (str, os.PathLike)) else [paths]
    roots = [Path(p) for p in paths if Path(p).is_dir()]
    job = Job(out=str(out), format=format, model=model, rule_files=tuple(str(r) for r in rules), builtin=builtin,
              inline_moves=inline_moves, cache_dir=cache_dir, root=str(roots[0]) if len(roots) == 1 else None)
    if Path(out).is_dir():
        remove_partial_writes(out)
    report = CorpusReport()
    started = time.perf_counter()
    batches = _batches(iter_inputs(paths), batch)
    for outcomes in _run(job, batches, workers, client):
        for outcome in outcomes:
            report.add(outcome)
            if progress:
                progress(outcome)
    report.seconds = time.perf_counter() - started
    return report


def _run(job: Job, batches: Iterator[list[str]], workers: int | None, client) -> Iterator[list[Outcome]]:
    if client is not None:
        from distributed import as_completed

        window = max(2 * len(client.scheduler_info().get("workers", {})), 2)
        pending = []
        for chunk in batches:
            pending.append(client.submit(process_batch, job, chunk, pure=False))
            if len(pending) >= window:
                done = next(as_completed(pending))
                pending.remove(done)
                yield done.result()
        for future in as_completed(pending):
            yield future.result()
        return
    workers = workers or os.cpu_count() or 1
    if workers == 1:
        for chunk in batches:
            yield process_batch(job, chunk)
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    threads = max(1, (os.cpu_count() or 1) // workers)
    with context.Pool(workers, initializer=_init_worker, initargs=(threads,), maxtasksperchild=200) as pool:
        yield from pool.imap_unordered(_call, ((job, chunk) for chunk in batches))


def _call(args: tuple[Job, list[str]]) -> list[Outcome]:
    return process_batch(*args)
