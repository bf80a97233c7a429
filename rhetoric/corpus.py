"""Annotating files into an output folder: streaming, in worker processes or on Dask, resumable.

This is the one way outputs are written to a folder, for one file or a million: the
command's ``annotate -o`` and ``parse -o`` come here with or without ``--workers``.
Inputs are read through :mod:`rhetoric.sources` and cut into batches of
:data:`~rhetoric.parsing.BATCH` files in input order; whichever worker takes a batch
parses it with one batched Stanza call and writes its outputs itself (atomically), so
memory stays flat however large the corpus.  The batching does not depend on the number
of workers, so 1, 2 or N workers -- or a Dask cluster -- write byte-identical files.

Layout: a file named on the command line is written as ``OUT/<stem><suffix>``; the files
inside a named folder keep their relative folders below ``OUT``.  Two inputs that would
write the same output are refused before anything is written.

A document is skipped when its output is up to date: a stamp in ``OUT/.rhetoric/``
records the input's sha256, the model fingerprint, the rule sets' hashes, the format,
the rhetoric version and the output's own sha256, and is written only after the output.
A run stopped midway (crash, Ctrl-C) therefore resumes where it stopped, and a damaged
output is written again.  A document that fails is reported and the others are written.

>>> report = annotate_corpus(["a.txt", "b.txt"], "out", workers=2)  # doctest: +SKIP
>>> report.failed                                                   # doctest: +SKIP
[]
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import attrs

from .errors import InputError, RhetoricError, UsageError
from .formats import get_format, render
from .parsing import BATCH
from .sources import Source, documents, iter_inputs, read_source
from .version import __version__

STATE = ".rhetoric"


@attrs.frozen(kw_only=True)
class Job:
    """Everything a worker needs to process a batch; small enough to send to other processes.

    With no rule files and ``builtin=False`` documents are written as parsed (``rhetoric parse``).
    """

    out: str
    format: str = "json"
    model: str = "compact"
    processors: str | None = None
    rule_files: tuple[str, ...] = ()
    builtin: bool = True
    inline_moves: bool = False
    cache_dir: str | None = None
    min_confidence: float = 0.0


@attrs.frozen(kw_only=True)
class Outcome:
    """What happened to one input: ``done``, ``skipped`` or ``failed`` (with the error)."""

    path: str
    status: str
    words: int = 0
    error: str = ""


@attrs.define
class CorpusReport:
    """Summary of a corpus run (filled in as outcomes arrive)."""

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
        """One line: how many were written, up to date and failed; words and time (``failed`` has the errors)."""
        rate = self.done / self.seconds if self.seconds else 0.0
        return (f"{self.done} annotated, {self.skipped} up to date, {len(self.failed)} failed; "
                f"{self.words:,} words in {self.seconds:.1f} s ({rate:.2f} documents/s)")


def plan(paths: Iterable[str | os.PathLike], out: str | os.PathLike, format: str) -> list[tuple[Path, Path]]:
    """Every input with the output it is written to (see the layout in the module docstring).

    Raises :class:`UsageError` when two inputs would write one output, or an output would
    overwrite an input.

    >>> plan(["a.txt", "notes/a.txt"], "out", "json")  # doctest: +IGNORE_EXCEPTION_DETAIL
    Traceback (most recent call last):
    UsageError: a.txt and notes/a.txt would both be written to out/a.json; ...
    """
    suffix = get_format(format).suffix
    pairs: list[tuple[Path, Path]] = []
    for item in paths:
        root = Path(item)
        for path in iter_inputs([root]):
            relative = path.relative_to(root) if path != root and root.is_dir() else Path(path.name)
            pairs.append((path, Path(out) / relative.with_suffix(suffix)))
    seen: dict[Path, Path] = {}
    inputs = {p.resolve() for p, _ in pairs}
    for path, output in pairs:
        if output in seen and seen[output] != path:
            raise UsageError(f"{seen[output]} and {path} would both be written to {output}; annotate the "
                             "folders into separate output folders, or name their parent folder instead")
        if output.resolve() in inputs:
            raise UsageError(f"the output {output} would overwrite an input; choose another output folder")
        seen[output] = path
    return pairs


# The matcher, rule-set settings and model stamp of this worker process (built on first use).
_WORKER: dict = {}


def _setup(job: Job) -> dict:
    key = (job.model, job.processors, job.rule_files, job.builtin, job.min_confidence)
    if _WORKER.get("key") != key:
        from .rules import Matcher, load_rules

        sets = load_rules(*job.rule_files, builtin=job.builtin)
        settings = json.dumps({"rules": [[r.name, r.version, r.sha256] for r in sets], "rhetoric": __version__,
                               **({"min_confidence": job.min_confidence} if job.min_confidence else {})},
                              sort_keys=True)
        _WORKER.update(key=key, matcher=Matcher(sets, min_confidence=job.min_confidence), settings=settings,
                       model=None)
    return _WORKER


def _model_settings(job: Job, state: dict) -> str:
    """The model part of a text's stamp (spec and fingerprint); raises if the model is missing."""
    if state["model"] is None:
        from .parsing.specs import ModelSpec, fingerprint

        state["model"] = f"{job.model}:{fingerprint(ModelSpec.from_string(job.model, job.processors))}"
    return state["model"]


def _stamp_path(job: Job, output: Path) -> Path:
    relative = output.relative_to(job.out)
    return Path(job.out) / STATE / relative.with_name(relative.name + ".stamp")


def _input_stamp(job: Job, source: Source, state: dict) -> str:
    # CoNLL-U and TEI need no parser, so no model in their stamp
    settings = state["settings"] + (_model_settings(job, state) if source.kind == "text" else "")
    return hashlib.sha256(source.data + b"\0" + settings.encode() + b"\0" + job.format.encode()
                          + (b"inline" if job.inline_moves else b"")).hexdigest()


def _up_to_date(job: Job, output: Path, stamp: str) -> bool:
    try:
        recorded = json.loads(_stamp_path(job, output).read_text(encoding="utf-8"))
        return (recorded.get("input") == stamp
                and recorded.get("output") == hashlib.sha256(output.read_bytes()).hexdigest())
    except (OSError, ValueError, AttributeError):
        return False


def process_batch(job: Job, items: Sequence[tuple[str, str]]) -> list[Outcome]:
    """Annotate one batch of ``(input, output)`` files and write the outputs; runs inside a worker."""
    from .inputs import write_atomic
    from .parsing import ParseCache
    from .rules import tag

    state = _setup(job)
    outcomes: dict[str, Outcome] = {}
    todo: list[tuple[Source, Path, str]] = []
    for name, output in items:
        try:
            source = read_source(name)
            stamp = _input_stamp(job, source, state)  # bad input is reported before model problems
        except RhetoricError as error:
            outcomes[name] = Outcome(path=name, status="failed", error=str(error))
            continue
        if _up_to_date(job, Path(output), stamp):
            outcomes[name] = Outcome(path=name, status="skipped")
        else:
            todo.append((source, Path(output), stamp))
    cache = ParseCache(job.cache_dir) if job.cache_dir else None
    docs = documents([s for s, _, _ in todo], model=job.model, processors=job.processors, cache=cache)
    for (source, output, stamp), doc in zip(todo, docs):
        name = str(source.path)
        if isinstance(doc, RhetoricError):
            outcomes[name] = Outcome(path=name, status="failed", error=str(doc))
            continue
        try:
            doc = tag(doc, state["matcher"])
        except InputError as error:  # a document without a layer the rules need fails alone
            outcomes[name] = Outcome(path=name, status="failed", error=str(error.at(name)))
            continue
        data = render(doc, job.format, inline_moves=job.inline_moves)
        try:
            write_atomic(output, data)
            record = {"input": stamp, "output": hashlib.sha256(data).hexdigest()}
            write_atomic(_stamp_path(job, output), json.dumps(record, sort_keys=True) + "\n")
        except OSError as error:  # a full disk, a file that is not ours: this output fails, the others go on
            outcomes[name] = Outcome(path=name, status="failed", error=f"{output}: cannot be written "
                                                                        f"({error.strerror or error})")
            continue
        outcomes[name] = Outcome(path=name, status="done", words=doc.word_count)
    return [outcomes[name] for name, _ in items]


def _check_writable(out: Path) -> None:
    """Make the output folder, and refuse at once one that cannot be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as error:
        raise UsageError(f"cannot write into the output folder {out} ({error.strerror or error}); "
                         "choose a folder you can write to") from None


def _init_worker(threads: int, parent: int) -> None:
    import threading

    import torch

    torch.set_num_threads(threads)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: int) -> None:
    """End this worker as soon as its parent is gone (killed outright, it could not say so)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def annotate_corpus(paths: str | os.PathLike | Iterable[str | os.PathLike], out: str | os.PathLike, *,
                    format: str = "json", model: str = "compact", processors: str | None = None,
                    rules: Sequence[str] = (), builtin: bool = True, inline_moves: bool = False,
                    workers: int | None = None, cache_dir: str | None = None, client=None, min_confidence: float = 0.0,
                    progress: Callable[[Outcome], None] | None = None) -> CorpusReport:
    """Annotate files and folders into ``out`` (one output per input), in parallel, resumably.

    ``rules`` are rule files added to the built-in rule sets (instead of them with
    ``builtin=False``); ``min_confidence`` keeps only the moves of rules at least that
    confident.  ``workers`` defaults to the number of cores, and never more
    processes than there are batches; ``client`` (a ``distributed.Client``) runs the same
    batches on a Dask cluster instead, one pipeline per Dask worker.  Temporary files that
    a killed run left in ``out`` are removed first, so two runs must not write into one
    folder at the same time.
    """
    from .inputs import remove_partial_writes, write_atomic

    paths = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
    if workers is not None and workers < 1:
        raise UsageError(f"workers must be 1 or more, not {workers}")
    job = Job(out=str(out), format=get_format(format).name, model=model, processors=processors,
              rule_files=tuple(str(r) for r in rules), builtin=builtin, inline_moves=inline_moves,
              cache_dir=cache_dir, min_confidence=min_confidence)
    pairs = [(str(p), str(o)) for p, o in plan(paths, out, format)]
    batches = [pairs[first:first + BATCH] for first in range(0, len(pairs), BATCH)]
    _check_writable(Path(out))
    remove_partial_writes(out)
    companion = get_format(format).companion
    if companion is not None:
        name, text = companion()
        write_atomic(Path(out) / name, text)
    report = CorpusReport()
    started = time.perf_counter()
    workers = min(workers or os.cpu_count() or 1, max(len(batches), 1))
    for outcomes in _run(job, batches, workers, client):
        for outcome in outcomes:
            report.add(outcome)
            if progress:
                progress(outcome)
    report.seconds = time.perf_counter() - started
    return report


def _run(job: Job, batches: list[list[tuple[str, str]]], workers: int, client) -> Iterator[list[Outcome]]:
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
    if workers == 1:
        for chunk in batches:
            yield process_batch(job, chunk)
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    threads = max(1, (os.cpu_count() or 1) // workers)
    with context.Pool(workers, initializer=_init_worker, initargs=(threads, os.getpid()),
                      maxtasksperchild=200) as pool:
        yield from pool.imap_unordered(_call, ((job, chunk) for chunk in batches))


def _call(args: tuple[Job, list[tuple[str, str]]]) -> list[Outcome]:
    return process_batch(*args)
