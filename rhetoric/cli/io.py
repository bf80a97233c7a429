"""Inputs and outputs shared by the ``rhetoric`` commands: reading and parsing files in
batches, progress bars, one line per bad input, atomic output files."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from ..document import Document, Metadata
from ..errors import InputError, RhetoricError
from ..formats import json as json_format
from ..formats.conllu import read_conllu, write_conllu
from ..formats.vertical import to_vertical
from ..inputs import read_metadata, read_text, write_atomic
from ..parsing import ParseCache, parse


EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


BATCH = 8  # texts per batched Stanza call


def progress_bar(items: Sequence, desc: str, unit: str = "file"):
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit=unit, disable=len(items) < 2 or not sys.stderr.isatty(), file=sys.stderr, leave=False)


def say(message: str) -> None:
    from tqdm import tqdm

    tqdm.write(message, file=sys.stderr)


def add_model_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("model")
    group.add_argument("--model", default="compact", metavar="SPEC",
                       help="'compact' (the shipped models, default) or 'stanza:<package>' for Stanford's "
                            "official models in STANZA_RESOURCES_DIR, e.g. stanza:default")
    group.add_argument("--processors", metavar="LIST",
                       help="Stanza processors to run, e.g. tokenize,mwt (default: all the model has)")
    group.add_argument("--cache-dir", type=Path, metavar="DIR",
                       help="parse cache folder (default: $RHETORIC_CACHE_DIR or ~/.cache/rhetoric)")
    group.add_argument("--no-cache", action="store_true", help="parse again instead of using the parse cache")


def load_documents(args: argparse.Namespace) -> Iterator[tuple[Path, Document | RhetoricError]]:
    """Read and parse the files named on the command line, in batches, in order.

    Yields ``(path, document)`` or ``(path, error)`` for a file that cannot be used.
    """
    cache = None if args.no_cache else ParseCache(args.cache_dir)
    paths = [Path(p) for p in args.files]
    bar = progress_bar(paths, args.command)
    for first in range(0, len(paths), BATCH):
        chunk = paths[first:first + BATCH]
        good: list[tuple[Path, str, Metadata]] = []
        results: dict[Path, Document | RhetoricError] = {}
        for path in chunk:
            try:
                if path.suffix == ".conllu":
                    results[path] = read_parsed(path)
                elif path.suffix == ".xml":
                    from ..tei import read_tei

                    results[path] = read_tei(path)
                else:
                    good.append((path, read_text(path), read_metadata(path)))
            except RhetoricError as error:
                results[path] = error
        if good:
            docs = parse([t for _, t, _ in good], model=args.model, processors=args.processors,
                         cache=cache, meta=[m for _, _, m in good])
            results.update({p: d for (p, _, _), d in zip(good, docs)})
        for path in chunk:
            bar.update(1)
            yield path, results[path]
    bar.close()


def read_parsed(path: Path) -> Document:
    """A document from a CoNLL-U file (a saved parse or a treebank file holding one document)."""
    docs = read_conllu(path) if path.is_file() else []
    if not path.is_file():
        read_text(path)  # raises the usual missing-file / folder error
    if len(docs) != 1:
        raise InputError(str(path), f"holds {len(docs)} documents; expected one",
                         "split it at its '# newdoc' lines")
    return docs[0]


def summary(doc: Document) -> str:
    from collections import Counter

    upos = Counter(w.upos for _, w in doc.iter_words() if w.upos)
    lines = [
        f"{doc.meta.title or doc.meta.file or 'text'}" + (f" — {doc.meta.author}" if doc.meta.author else ""),
        f"  model        {doc.model} ({doc.fingerprint})",
        f"  characters   {len(doc.text):,}",
        f"  paragraphs   {len(doc.paragraphs)}",
        f"  sentences    {len(doc.sentences)}",
        f"  words        {doc.word_count:,}",
    ]
    if upos:
        lines.append("  UPOS         " + ", ".join(f"{t} {n}" for t, n in upos.most_common(8)))
    ents = Counter(e.type for s in doc.sentences for e in s.entities)
    if ents:
        lines.append("  entities     " + ", ".join(f"{t} {n}" for t, n in ents.most_common()))
    return "\n".join(lines) + "\n"


FORMATS: dict[str, tuple[str, Callable[[Document], str]]] = {  # annotate uses json and conllu
    "conllu": (".conllu", write_conllu),
    "json": (".json", json_format.dumps),
    "summary": (".txt", summary),
    "vertical": (".vert", to_vertical),
}


def tei_renderer(inline: bool) -> Callable[[Document], bytes]:
    from ..tei import to_tei

    return lambda doc: to_tei(doc, inline_moves=inline)


def emit(args: argparse.Namespace, docs: Iterator[tuple[Path, Document | RhetoricError]]) -> int:
    if args.format == "tei":
        suffix, render = ".xml", tei_renderer(getattr(args, "inline_moves", False))
    else:
        suffix, render = FORMATS[args.format]
    failed = 0
    for path, doc in docs:
        if isinstance(doc, RhetoricError):
            say(f"rhetoric: {doc}")
            failed += 1
            continue
        out = render(doc)
        if args.output:
            write_atomic(Path(args.output) / (path.stem + suffix), out)
        elif isinstance(out, bytes):
            sys.stdout.buffer.write(out)
            sys.stdout.flush()
        else:
            sys.stdout.write(out)
    return EXIT_SOME_FAILED if failed else EXIT_OK


def annotated(args: argparse.Namespace) -> Iterator[tuple[Path, Document | RhetoricError]]:
    from ..rules import load_rules, tag

    sets = load_rules(*(args.rules or []), builtin=not args.no_builtin)
    for path, doc in load_documents(args):
        yield path, doc if isinstance(doc, RhetoricError) else tag(doc, sets)


INPUT_SUFFIXES = (".txt", ".conllu", ".xml")


def expand_inputs(paths: Sequence[str], pattern: str | None = None) -> list[Path]:
    """Files named, plus the .txt/.conllu/.xml files inside named folders (sorted), optionally
    only those whose text matches ``pattern`` (a multiline regular expression)."""
    import re

    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in INPUT_SUFFIXES
                                and not p.name.endswith(".meta.toml")))
        else:
            files.append(path)
    if pattern:
        regex = re.compile(pattern, re.M)
        files = [f for f in files if f.is_file() and regex.search(f.read_text(encoding="utf-8", errors="replace"))]
    return files


def tagged(args: argparse.Namespace, files: list[Path]) -> tuple[list[tuple[Path, Document]], int]:
    """Parse (or read) and tag ``files``; TEI files keep the moves they carry. Returns docs and failures."""
    from ..rules import load_rules, tag

    sets = load_rules(*(args.rules or []), builtin=not args.no_builtin)
    out, failed = [], 0
    for path, doc in load_documents(argparse.Namespace(**{**vars(args), "files": [str(f) for f in files]})):
        if isinstance(doc, RhetoricError):
            say(f"rhetoric: {doc}")
            failed += 1
        else:
            out.append((path, doc if path.suffix == ".xml" else tag(doc, sets)))
    return out, failed


def write_or_print(args: argparse.Namespace, text: str) -> None:
    if getattr(args, "output", None):
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
