"""The ``rhetoric`` command.  Its subcommands mirror the Python API.

Exit codes: 0 all inputs processed; 1 some inputs failed (the others were still
written); 2 usage error (bad options, unknown or missing model).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from . import __version__
from .document import Document, Metadata
from .errors import InputError, ModelError, RhetoricError
from .formats import json as json_format
from .formats.conllu import read_conllu, write_conllu
from .formats.vertical import to_vertical
from .inputs import read_metadata, read_text, write_atomic
from .parsing import ParseCache, parse
from .rules.loader import RuleError
from .parsing import models as model_registry

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
BATCH = 8  # texts per batched Stanza call


def _progress(items: Sequence, desc: str, unit: str = "file"):
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit=unit, disable=len(items) < 2 or not sys.stderr.isatty(), file=sys.stderr, leave=False)


def _say(message: str) -> None:
    from tqdm import tqdm

    tqdm.write(message, file=sys.stderr)


def _model_options(parser: argparse.ArgumentParser) -> None:
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
    bar = _progress(paths, args.command)
    for first in range(0, len(paths), BATCH):
        chunk = paths[first:first + BATCH]
        good: list[tuple[Path, str, Metadata]] = []
        results: dict[Path, Document | RhetoricError] = {}
        for path in chunk:
            try:
                if path.suffix == ".conllu":
                    results[path] = _read_parsed(path)
                elif path.suffix == ".xml":
                    from .tei import read_tei

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


def _read_parsed(path: Path) -> Document:
    """A document from a CoNLL-U file (a saved parse or a treebank file holding one document)."""
    docs = read_conllu(path) if path.is_file() else []
    if not path.is_file():
        read_text(path)  # raises the usual missing-file / folder error
    if len(docs) != 1:
        raise InputError(str(path), f"holds {len(docs)} documents; expected one",
                         "split it at its '# newdoc' lines")
    return docs[0]


def _summary(doc: Document) -> str:
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
    "summary": (".txt", _summary),
    "vertical": (".vert", to_vertical),
}


def _tei(inline: bool) -> Callable[[Document], bytes]:
    from .tei import to_tei

    return lambda doc: to_tei(doc, inline_moves=inline)


def _emit(args: argparse.Namespace, docs: Iterator[tuple[Path, Document | RhetoricError]]) -> int:
    if args.format == "tei":
        suffix, render = ".xml", _tei(getattr(args, "inline_moves", False))
    else:
        suffix, render = FORMATS[args.format]
    failed = 0
    for path, doc in docs:
        if isinstance(doc, RhetoricError):
            _say(f"rhetoric: {doc}")
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


def cmd_parse(args: argparse.Namespace) -> int:
    """rhetoric parse FILE... : parse texts and write CoNLL-U, JSON or a summary."""
    return _emit(args, load_documents(args))


def cmd_models(args: argparse.Namespace) -> int:
    """rhetoric models list|download : show or fetch parser models."""
    if args.action == "download":
        target = model_registry.download(args.package, args.processors)
        print(f"Stanza package {args.package!r} is in {target}; use it with --model stanza:{args.package}")
        return EXIT_OK
    try:
        manifest = model_registry.compact_manifest()
        size = sum(f["bytes"] for f in manifest["files"].values())
        print(f"compact (default)  processors: {', '.join(manifest['processors'])}; "
              f"{size / 1e6:.1f} MB; trained on {manifest['data']['treebank']}")
        for name, value in manifest.get("scores", {}).items():
            print(f"  {name}: {json.dumps(value)}")
    except ModelError as error:
        print(f"compact (default)  not installed: {error}")
    folder = model_registry.stanza_resources_dir()
    installed = model_registry.installed_stanza_packages()
    print(f"stanza:<package>   official models in {folder}:")
    for processor, names in installed.items():
        print(f"  {processor}: {', '.join(names)}")
    if not installed:
        print("  none; run `rhetoric models download default` to fetch Stanford's English models")
    return EXIT_OK


def _annotated(args: argparse.Namespace) -> Iterator[tuple[Path, Document | RhetoricError]]:
    from .rules import load_rules, tag

    sets = load_rules(*(args.rules or []), builtin=not args.no_builtin)
    for path, doc in load_documents(args):
        yield path, doc if isinstance(doc, RhetoricError) else tag(doc, sets)


def cmd_annotate(args: argparse.Namespace) -> int:
    """rhetoric annotate FILE|DIR... : find rhetorical moves; one output per input."""
    if args.workers or args.dask or any(Path(f).is_dir() for f in args.files):
        return _annotate_corpus(args)
    return _emit(args, _annotated(args))


def _annotate_corpus(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .corpus import annotate_corpus, iter_inputs

    if not args.output:
        print("rhetoric: annotating a folder (or with --workers/--dask) needs -o DIR", file=sys.stderr)
        return EXIT_USAGE
    total = sum(1 for _ in iter_inputs(args.files))
    bar = tqdm(total=total, desc="annotate", unit="doc", file=sys.stderr, disable=not sys.stderr.isatty())
    client = None
    if args.dask:
        from distributed import Client

        client = Client(args.dask)
    try:
        report = annotate_corpus(
            args.files, args.output, format=args.format, model=args.model, rules=args.rules or (),
            builtin=not args.no_builtin, inline_moves=args.inline_moves, workers=args.workers, client=client,
            cache_dir=None if args.no_cache else str(args.cache_dir or ParseCache().root),
            progress=lambda outcome: bar.update(1))
    finally:
        bar.close()
        if client is not None:
            client.close()
    print(report.summary(), file=sys.stderr)
    return EXIT_SOME_FAILED if report.failed else EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    """rhetoric explain FILE... : each sentence with its moves highlighted and the rules that fired."""
    from .explain import explain

    colour = sys.stdout.isatty() and not args.no_colour
    failed = 0
    for _, doc in _annotated(args):
        if isinstance(doc, RhetoricError):
            _say(f"rhetoric: {doc}")
            failed += 1
            continue
        sys.stdout.write(explain(doc, colour=colour, only_with_moves=not args.all))
    return EXIT_SOME_FAILED if failed else EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    """rhetoric evaluate SET PATH : precision, recall and F1 per category against gold."""
    from .evaluation import evaluate
    from .rules import load_rules

    sets = load_rules(*(args.rules or []), builtin=not args.no_builtin)
    cache = None if args.no_cache else ParseCache(args.cache_dir)
    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, desc="evaluate", unit="doc", file=sys.stderr,
                       disable=not sys.stderr.isatty(), leave=False)
        bar.n = done
        bar.refresh()

    report = evaluate(args.set, args.path, rules=sets, model=args.model, cache=cache,
                      gold_parses=args.gold_parses, progress=progress)
    if bar is not None:
        bar.close()
    print(report.to_json() if args.json else report.table())
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """rhetoric validate FILE... : check TEI files against schemas/ and for dangling pointers."""
    from .tei import validate_tei

    failed = 0
    for name in args.files:
        try:
            problems = validate_tei(name)
        except InputError as error:
            print(f"rhetoric: {error}", file=sys.stderr)
            failed += 1
            continue
        for line, message in problems:
            print(f"{name}:{line}: {message}")
        if problems:
            failed += 1
        else:
            print(f"{name}: valid")
    return EXIT_SOME_FAILED if failed else EXIT_OK


INPUT_SUFFIXES = (".txt", ".conllu", ".xml")


def _expand(paths: Sequence[str], pattern: str | None = None) -> list[Path]:
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


def _tagged(args: argparse.Namespace, files: list[Path]) -> tuple[list[tuple[Path, Document]], int]:
    """Parse (or read) and tag ``files``; TEI files keep the moves they carry. Returns docs and failures."""
    from .rules import load_rules, tag

    sets = load_rules(*(args.rules or []), builtin=not args.no_builtin)
    out, failed = [], 0
    for path, doc in load_documents(argparse.Namespace(**{**vars(args), "files": [str(f) for f in files]})):
        if isinstance(doc, RhetoricError):
            _say(f"rhetoric: {doc}")
            failed += 1
        else:
            out.append((path, doc if path.suffix == ".xml" else tag(doc, sets)))
    return out, failed


def _write_or_print(args: argparse.Namespace, text: str) -> None:
    if getattr(args, "output", None):
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)


def cmd_profile(args: argparse.Namespace) -> int:
    """rhetoric profile FILE|DIR... : rhetorical profiles (a folder is one corpus unless --each)."""
    from .profile import profile, profiles_to_csv

    profiles, failed = [], 0
    for name in args.inputs:
        files = _expand([name])
        docs, bad = _tagged(args, files)
        failed += bad
        if Path(name).is_dir() and not args.each:
            if docs:
                profiles.append(profile([d for _, d in docs], name=Path(name).name))
        else:
            profiles.extend(profile(d, name=d.meta.title or p.name) for p, d in docs)
    if not profiles:
        return EXIT_SOME_FAILED
    if args.format == "json":
        _write_or_print(args, "[\n" + ",\n".join(p.to_json().rstrip() for p in profiles) + "\n]\n")
    elif args.format == "csv":
        _write_or_print(args, profiles_to_csv(profiles))
    else:
        _write_or_print(args, "\n".join(p.table() for p in profiles))
    if args.plot:
        from .plot import corpus_heatmap, profile_chart

        (profile_chart(profiles[0], args.plot) if len(profiles) == 1 else corpus_heatmap(profiles, args.plot))
        _say(f"rhetoric: wrote {args.plot}")
    return EXIT_SOME_FAILED if failed else EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    """rhetoric compare A B | --group NAME PATH [REGEX] --group ... : keyness of two documents or groups."""
    from .compare import compare
    from .profile import profile

    if args.group:
        if len(args.group) != 2 or any(len(g) not in (2, 3) for g in args.group) or args.inputs:
            print("rhetoric: give exactly two --group NAME PATH [REGEX], and no other inputs", file=sys.stderr)
            return EXIT_USAGE
        groups = [(g[0], _expand([g[1]], g[2] if len(g) == 3 else None)) for g in args.group]
    else:
        if len(args.inputs) != 2:
            print("rhetoric: compare needs two inputs (files or folders) or two --group options", file=sys.stderr)
            return EXIT_USAGE
        groups = [(Path(name).stem if Path(name).is_file() else Path(name).name, _expand([name])) for name in args.inputs]
    profiles, failed = [], 0
    for name, files in groups:
        if not files:
            print(f"rhetoric: group {name} has no files", file=sys.stderr)
            return EXIT_USAGE
        docs, bad = _tagged(args, files)
        failed += bad
        if not docs:
            return EXIT_SOME_FAILED
        profiles.append(profile([d for _, d in docs], name=name))
    result = compare(profiles[0], profiles[1], alpha=args.alpha)
    render = {"json": result.to_json, "csv": result.to_csv}.get(args.format, lambda: result.table(evidence=args.evidence))
    _write_or_print(args, render())
    if args.plot:
        from .plot import comparison_chart

        comparison_chart(result, args.plot)
        _say(f"rhetoric: wrote {args.plot}")
    return EXIT_SOME_FAILED if failed else EXIT_OK


def cmd_evaluate_parser(args: argparse.Namespace) -> int:
    """rhetoric evaluate-parser GOLD.conllu : score a model on a gold treebank, print JSON."""
    from .parsing.evaluate import evaluate_parser

    scores = evaluate_parser(args.gold, model=args.model, raw=args.raw)
    print(json.dumps(scores, indent=1))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``rhetoric`` command (one subparser per command)."""
    parser = argparse.ArgumentParser(
        prog="rhetoric", description="Discourse and rhetoric annotation of English text with Stanza.",
        epilog="Exit codes: 0 all good, 1 some inputs failed (the rest still written), 2 usage error.")
    parser.add_argument("--version", action="version", version=f"rhetoric {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("parse", help="parse texts into CoNLL-U, JSON or a summary",
                            description="Parse UTF-8 text files with Stanza. One output per input: printed "
                                        "when no -o is given, else written to DIR/<stem>.<format>.")
    p.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files (a FILE.meta.toml beside "
                   "each is read for title, author, date, source), or .conllu files already parsed")
    p.add_argument("-o", "--output", metavar="DIR", help="write one file per input into DIR")
    p.add_argument("--format", choices=sorted(FORMATS), default="conllu", help="output format (default conllu)")
    _model_options(p)
    p.set_defaults(handler=cmd_parse)

    m = commands.add_parser("models", help="list or download parser models",
                            description="List the compact models and the official Stanza models installed, "
                                        "or download official ones (the only command that uses the network).")
    m.add_argument("action", choices=["list", "download"])
    m.add_argument("package", nargs="?", default="default",
                   help="Stanza package to download (default: 'default')")
    m.add_argument("--processors", help="download only these processors, e.g. tokenize,mwt,pos")
    m.set_defaults(handler=cmd_models)

    def rule_options(sub: argparse.ArgumentParser) -> None:
        group = sub.add_argument_group("rules")
        group.add_argument("--rules", action="append", metavar="FILE",
                           help="a rule file or folder of rule files to add (repeatable)")
        group.add_argument("--no-builtin", action="store_true",
                           help="use only the --rules files, not the built-in rule sets")

    a = commands.add_parser("annotate", help="find rhetorical moves (JSON or CoNLL-U)",
                            description="Parse texts and tag rhetorical moves with the rule sets. JSON output "
                                        "carries 'text' (identical to the input) and 'moves' with category, "
                                        "start, end (character offsets, end exclusive), rule and confidence.")
    a.add_argument("files", nargs="+", metavar="FILE|DIR",
                   help="UTF-8 text files, .conllu files already parsed, or folders of them (corpus mode)")
    a.add_argument("-o", "--output", metavar="DIR", help="write DIR/<stem>.<format> for each input")
    a.add_argument("--format", choices=["json", "conllu", "tei", "vertical"], default="json",
                   help="json (default), conllu (moves in MISC and comments), tei, or vertical "
                        "(Sketch Engine / CQPweb)")
    a.add_argument("--inline-moves", action="store_true",
                   help="(tei) also mark moves inline with <seg> and <s ana>, besides the stand-off spans")
    corpus = a.add_argument_group("corpus mode (folders, --workers or --dask; needs -o)")
    corpus.add_argument("--workers", type=int, metavar="N",
                        help="worker processes, each with its own pipeline (default: the number of cores)")
    corpus.add_argument("--dask", metavar="ADDRESS",
                        help="run on the Dask cluster whose scheduler is at ADDRESS (dask[distributed] extra)")
    rule_options(a)
    _model_options(a)
    a.set_defaults(handler=cmd_annotate)

    x = commands.add_parser("explain", help="show each sentence with its moves and the rules that fired",
                            description="Print every sentence that carries a move, the moves highlighted "
                                        "(colour in a terminal, [brackets] when piped), and the rules that fired.")
    x.add_argument("files", nargs="+", metavar="FILE")
    x.add_argument("--all", action="store_true", help="also print sentences without moves")
    x.add_argument("--no-colour", "--no-color", action="store_true", help="plain output even in a terminal")
    rule_options(x)
    _model_options(x)
    x.set_defaults(handler=cmd_explain)

    v = commands.add_parser("evaluate", help="score the rules against a gold set",
                            description="Annotate the texts of a gold set and print precision, recall and F1 "
                                        "per category (EVALUATION.md). Sets: webis, gum, szeged, ptc, microtexts, "
                                        "chiasmus.")
    v.add_argument("set", choices=["webis", "gum", "szeged", "ptc", "microtexts", "chiasmus"])
    v.add_argument("path", type=Path, help="the gold set's folder or file")
    v.add_argument("--json", action="store_true", help="print JSON instead of a table")
    v.add_argument("--gold-parses", action="store_true", help="(gum) tag the gold UD trees instead of parsing")
    rule_options(v)
    _model_options(v)
    v.set_defaults(handler=cmd_evaluate)

    pr = commands.add_parser("profile", help="rhetorical profile of documents or corpora",
                             description="Count and rate the moves of each category (per 1,000 words, share of "
                                         "sentences, by tenth of the text), with top cues and summary indices. "
                                         "Each FILE is profiled alone; a DIR is one corpus (or one profile per "
                                         "file with --each). Inputs: .txt (parsed, cached), .conllu, .xml (TEI "
                                         "from rhetoric, not parsed again).")
    pr.add_argument("inputs", nargs="+", metavar="FILE|DIR")
    pr.add_argument("--each", action="store_true", help="one profile per file inside folders")
    pr.add_argument("--format", choices=["table", "json", "csv"], default="table")
    pr.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the output here instead of printing")
    pr.add_argument("--plot", type=Path, metavar="FILE.png|svg",
                    help="a profile chart (one profile) or a heatmap (several)")
    rule_options(pr)
    _model_options(pr)
    pr.set_defaults(handler=cmd_profile)

    cp = commands.add_parser("compare", help="compare two documents or two groups",
                             description="Rate difference, log ratio (effect size) and log-likelihood keyness "
                                         "with p-values per category, the spans behind each significant "
                                         "difference, and the distance between standardised profiles. Give two "
                                         "files or folders, or two --group NAME PATH [REGEX] (REGEX, a multiline "
                                         "regular expression, keeps the files whose text matches it).",
                             epilog="example: rhetoric compare --group Hamilton ../shared/texts/federalist "
                                    "'^HAMILTON$' --group Madison ../shared/texts/federalist '^MADISON$' "
                                    "--plot hamilton-madison.png")
    cp.add_argument("inputs", nargs="*", metavar="A B")
    cp.add_argument("--group", nargs="+", action="append", metavar="NAME PATH [REGEX]",
                    help="a named group of files (repeat twice)")
    cp.add_argument("--format", choices=["table", "json", "csv"], default="table")
    cp.add_argument("--alpha", type=float, default=0.05, help="significance level before Bonferroni (0.05)")
    cp.add_argument("--evidence", type=int, default=2, help="spans shown per significant difference (table)")
    cp.add_argument("-o", "--output", type=Path, metavar="FILE")
    cp.add_argument("--plot", type=Path, metavar="FILE.png|svg", help="a comparison chart")
    rule_options(cp)
    _model_options(cp)
    cp.set_defaults(handler=cmd_compare)

    t = commands.add_parser("validate", help="check TEI files against the project's schema",
                            description="Validate TEI files written by rhetoric against schemas/rhetoric-tei.rng "
                                        "and check that every #pointer resolves. Prints FILE:LINE: problem; "
                                        "exit 1 if any file is invalid.")
    t.add_argument("files", nargs="+", metavar="FILE")
    t.set_defaults(handler=cmd_validate)

    e = commands.add_parser("evaluate-parser", help="score a parser model on a gold CoNLL-U treebank",
                            description="Tag and parse the words of a gold CoNLL-U file with a model and print "
                                        "JSON with upos, xpos, ufeats, lemma, uas, las (percent, CoNLL 2018 "
                                        "scorer). With --raw the text is also segmented from scratch and "
                                        "tokens and sentences F1 are added.")
    e.add_argument("gold", type=Path, metavar="GOLD.conllu")
    e.add_argument("--model", default="compact", metavar="SPEC", help="model spec (default compact)")
    e.add_argument("--raw", action="store_true", help="also parse the raw text and score segmentation")
    e.set_defaults(handler=cmd_evaluate_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``rhetoric`` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.handler(args)
    except (ModelError, RuleError) as error:
        print(f"rhetoric: {error}", file=sys.stderr)
        return EXIT_USAGE
    except RhetoricError as error:
        print(f"rhetoric: {error}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except KeyboardInterrupt:
        print("rhetoric: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
