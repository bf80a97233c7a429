"""What the ``rhetoric`` subcommands share: options, progress, reading inputs, writing outputs.

Inputs come through :mod:`rhetoric.sources` and outputs through the format registry
(:mod:`rhetoric.formats`); with ``-o DIR`` every command writes through
:func:`rhetoric.corpus.annotate_corpus`, so there is one output layout and one stamp rule.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from ..document import Document
from ..errors import InputError, RhetoricError, UsageError
from ..formats import render
from ..inputs import write_atomic
from ..parsing import ParseCache
from ..sources import load

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def say(message: str) -> None:
    """One line on standard error that does not break a progress bar."""
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


def add_rule_options(parser: argparse.ArgumentParser, threshold: bool = True) -> None:
    group = parser.add_argument_group("rules")
    group.add_argument("--rules", action="append", metavar="FILE",
                       help="a rule file or folder of rule files to add (repeatable)")
    group.add_argument("--no-builtin", action="store_true",
                       help="use only the --rules files, not the built-in rule sets")
    if threshold:
        group.add_argument("--min-confidence", type=_confidence, default=0.0, metavar="X",
                           help="keep only moves of rules at least this confident (0-1; confidences are the "
                                "rules' calibrated precision)")


def _confidence(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, found {value!r}")
    return number


def rule_sets(args: argparse.Namespace):
    """The rule sets the command line asks for."""
    from ..rules import load_rules

    return load_rules(*(args.rules or []), builtin=not args.no_builtin)


def cache(args: argparse.Namespace) -> ParseCache | None:
    return None if args.no_cache else ParseCache(args.cache_dir)


def documents(args: argparse.Namespace, paths: list) -> Iterator[tuple[Path, Document | RhetoricError]]:
    """The documents of ``paths`` (files or folders), with a progress bar on long runs."""
    from tqdm import tqdm

    bar = tqdm(desc=args.command, unit="file", file=sys.stderr, leave=False, disable=not sys.stderr.isatty())
    for path, doc in load(paths, model=args.model, processors=args.processors, cache=cache(args)):
        bar.update(1)
        yield path, doc
    bar.close()


def with_moves(args: argparse.Namespace, paths: list,
               keep_tei_moves: bool) -> Iterator[tuple[Path, Document | RhetoricError]]:
    """The documents of ``paths`` tagged with the rule sets of the command line, one by one (errors
    passed through).  With ``keep_tei_moves`` a TEI input keeps the moves it carries."""
    from ..rules import Matcher, tag

    matcher = Matcher(rule_sets(args), min_confidence=args.min_confidence)
    for path, doc in documents(args, paths):
        if not (isinstance(doc, RhetoricError) or (keep_tei_moves and path.suffix == ".xml")):
            try:
                doc = tag(doc, matcher)
            except InputError as error:  # a document without a layer the rules need fails alone
                doc = error.at(str(path))
        yield path, doc


def tagged(args: argparse.Namespace, paths: list, keep_tei_moves: bool) -> tuple[list[tuple[Path, Document]], int]:
    """The documents with moves, and how many inputs failed (each reported in one line)."""
    out, failed = [], 0
    for path, doc in with_moves(args, paths, keep_tei_moves):
        if isinstance(doc, RhetoricError):
            say(f"rhetoric: {doc}")
            failed += 1
        else:
            out.append((path, doc))
    return out, failed


def to_stdout(args: argparse.Namespace, items: Iterator[tuple[Path, Document | RhetoricError]]) -> int:
    """Print each document in ``args.format`` as it comes, and one line for each input that failed."""
    failed = 0
    for _, doc in items:
        if isinstance(doc, RhetoricError):
            say(f"rhetoric: {doc}")
            failed += 1
            continue
        sys.stdout.buffer.write(render(doc, args.format, inline_moves=getattr(args, "inline_moves", False)))
        sys.stdout.flush()
    return EXIT_SOME_FAILED if failed else EXIT_OK


def _dask_client(address: str):
    """A ``distributed.Client`` of the scheduler at ``address``, or a :class:`UsageError` saying what to do."""
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--dask needs Dask's distributed package: install the extra, "
                         "pip install -c constraints.txt -e '.[dask]'") from None
    try:
        return Client(address, timeout="20s")
    except (OSError, ValueError, TypeError) as error:  # a malformed address, or no scheduler there
        raise UsageError(f"cannot use a Dask scheduler at {address!r} ({error}); start one (dask scheduler) and "
                         "give its address, such as tcp://127.0.0.1:8786") from None


def to_folder(args: argparse.Namespace, rules: tuple[str, ...], builtin: bool) -> int:
    """Write one output per input into ``args.output`` (resumable, stamped; see :mod:`rhetoric.corpus`)."""
    from tqdm import tqdm

    from ..corpus import annotate_corpus

    client = _dask_client(args.dask) if getattr(args, "dask", None) else None
    bar = tqdm(desc=args.command, unit="doc", file=sys.stderr, leave=False, disable=not sys.stderr.isatty())
    try:
        report = annotate_corpus(
            args.files, args.output, format=args.format, model=args.model, processors=args.processors,
            rules=rules, builtin=builtin, inline_moves=getattr(args, "inline_moves", False),
            min_confidence=getattr(args, "min_confidence", 0.0),
            workers=getattr(args, "workers", None),
            client=client, cache_dir=None if args.no_cache else str(ParseCache(args.cache_dir).root),
            progress=lambda outcome: (bar.update(1), outcome.error and say(f"rhetoric: {outcome.error}")))
    finally:
        bar.close()
        if client is not None:
            client.close()
    print(report.summary(), file=sys.stderr)
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def folders_need_output(args: argparse.Namespace) -> None:
    """Folders, --workers and --dask write files: they need -o DIR."""
    if not args.output and (any(Path(f).is_dir() for f in args.files) or getattr(args, "workers", None)
                            or getattr(args, "dask", None)):
        raise UsageError("annotating a folder (or with --workers/--dask) needs -o DIR")


def write_or_print(args: argparse.Namespace, text: str) -> None:
    if getattr(args, "output", None):
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
