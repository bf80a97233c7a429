"""The ``rhetoric`` command.  Its subcommands mirror the Python API.

Exit codes: 0 all inputs processed; 1 some inputs failed (the others were still
written); 2 usage error (bad options, unknown or missing model).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path

from ..version import __version__
from ..errors import RhetoricError, UsageError
from ..evaluation import SETS
from ..formats import FORMATS
from . import commands as c
from .io import EXIT_SOME_FAILED, EXIT_USAGE, add_model_options, add_rule_options

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``rhetoric`` command (one subparser per command)."""
    parser = argparse.ArgumentParser(
        prog="rhetoric", description="Discourse and rhetoric annotation of English text with Stanza.",
        epilog="Exit codes: 0 all good, 1 some inputs failed (the rest still written), 2 usage error.")
    parser.add_argument("--version", action="version", version=f"rhetoric {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = commands.add_parser("parse", help="parse texts into CoNLL-U, JSON, TEI or a summary",
                            description="Parse UTF-8 text files with Stanza. One output per input: printed "
                                        "when no -o is given, else written to DIR/<stem>.<suffix> (resumable, "
                                        "as annotate -o).")
    p.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 text files (a FILE.meta.toml beside "
                   "each is read for title, author, date, source), or .conllu files already parsed")
    p.add_argument("-o", "--output", metavar="DIR", help="write one file per input into DIR")
    p.add_argument("--format", choices=list(FORMATS), default="conllu", help="output format (default conllu)")
    add_model_options(p)
    p.set_defaults(handler=c.cmd_parse)

    m = commands.add_parser("models", help="list or download parser models",
                            description="List the compact models and the official Stanza models installed, "
                                        "or download official ones (the only command that uses the network).")
    m.add_argument("action", choices=["list", "download"])
    m.add_argument("package", nargs="?", default="default",
                   help="Stanza package to download (default: 'default')")
    m.add_argument("--processors", help="download only these processors, e.g. tokenize,mwt,pos")
    m.set_defaults(handler=c.cmd_models)

    a = commands.add_parser("annotate", help="find rhetorical moves (JSON, CoNLL-U, TEI, vertical, XMI)",
                            description="Parse texts and tag rhetorical moves with the rule sets. JSON output "
                                        "carries 'text' (identical to the input) and 'moves' with category, "
                                        "start, end (character offsets, end exclusive), rule and confidence.")
    a.add_argument("files", nargs="+", metavar="FILE|DIR",
                   help="UTF-8 text files, .conllu files already parsed, TEI .xml files from rhetoric "
                        "(tagged again), or folders of them")
    a.add_argument("-o", "--output", metavar="DIR",
                   help="write DIR/<stem>.<suffix> for each input (inside folders: their relative paths), "
                        "resumably")
    a.add_argument("--format", choices=[f.name for f in FORMATS.values() if f.annotated], default="json",
                   help="; ".join(f"{f.name}: {f.description}" for f in FORMATS.values() if f.annotated)
                        + " (default json)")
    a.add_argument("--inline-moves", action="store_true",
                   help="(tei) also mark moves inline with <seg> and <s ana>, besides the stand-off spans")
    corpus = a.add_argument_group("parallel runs (need -o)")
    corpus.add_argument("--workers", type=_whole(1, "processes"), metavar="N",
                        help="worker processes, each with its own pipeline (default: the number of cores)")
    corpus.add_argument("--dask", metavar="ADDRESS",
                        help="run on the Dask cluster whose scheduler is at ADDRESS (dask[distributed] extra)")
    add_rule_options(a)
    add_model_options(a)
    a.set_defaults(handler=c.cmd_annotate)

    x = commands.add_parser("explain", help="show each sentence with its moves and the rules that fired",
                            description="Print every sentence that carries a move, the moves highlighted "
                                        "(colour in a terminal, [brackets] when piped), and the rules that fired.")
    x.add_argument("files", nargs="+", metavar="FILE")
    x.add_argument("--all", action="store_true", help="also print sentences without moves")
    x.add_argument("--no-colour", "--no-color", action="store_true", help="plain output even in a terminal")
    add_rule_options(x)
    add_model_options(x)
    x.set_defaults(handler=c.cmd_explain)

    w = commands.add_parser("view", help="an HTML page of the texts with their moves and profiles",
                            description="Write one self-contained HTML file (no network) showing each text with its "
                                        "moves highlighted by category (rule, confidence and cues on hover or focus), "
                                        "its profile and a filter by category. Inputs: .txt (parsed and tagged), "
                                        ".conllu (tagged), .xml (TEI from rhetoric, shown with its own moves).")
    w.add_argument("files", nargs="+", metavar="FILE|DIR")
    w.add_argument("-o", "--output", type=Path, metavar="OUT.html", required=True)
    add_rule_options(w)
    add_model_options(w)
    w.set_defaults(handler=c.cmd_view)

    v = commands.add_parser("evaluate", help="score the rules against a gold set",
                            description="Annotate the texts of a gold set and print precision, recall and F1 "
                                        "per category (README: Evaluation against gold written by others). Sets: "
                                        + "; ".join(f"{name}: {s.description}" for name, s in SETS.items()) + ".")
    v.add_argument("set", choices=list(SETS))
    v.add_argument("path", type=Path, help="the gold set's folder or file")
    v.add_argument("--json", action="store_true", help="print JSON instead of a table")
    v.add_argument("--gold-parses", action="store_true", help="(gum) tag the gold UD trees instead of parsing")
    v.add_argument("--by-rule", action="store_true",
                   help="also score each rule: its moves, how many are right, and gold units only it finds")
    v.add_argument("--calibration", action="store_true",
                   help="also show how well confidences predict precision: a reliability table and the ECE")
    add_rule_options(v)
    add_model_options(v)
    v.set_defaults(handler=c.cmd_evaluate)

    k = commands.add_parser("calibrate", help="set each rule's confidence to its precision on gold sets",
                            description="Annotate gold sets, judge every move, and set each rule's confidence to "
                                        "its measured precision on the pooled sets that cover its category "
                                        "(smoothed toward the category's precision when it has few moves). "
                                        "Prints the table and the ECE before and after; --write rewrites the "
                                        "rule files, recording each rule's support.",
                            epilog="example (the shipped confidences): rhetoric calibrate --gold oped "
                                   "../shared/gold/oped-moves --gold webis ../shared/gold/webis-editorials-16 "
                                   "statistic --gold gum ../shared/gold/gum rhetorical_question --gold chiasmus "
                                   "../shared/gold/chiasmus --write")
    k.add_argument("--gold", nargs="+", action="append", required=True, metavar="SET PATH [CATEGORY,...]",
                   help="a gold set, its path and, optionally, the categories to calibrate on it (default: all "
                        "it scores); repeatable")
    k.add_argument("--write", action="store_true",
                   help="write the confidences into the rule files (the built-in ones and any --rules)")
    add_rule_options(k, threshold=False)
    add_model_options(k)
    k.set_defaults(handler=c.cmd_calibrate)

    def report_options(sub: argparse.ArgumentParser, plot: str) -> None:
        sub.add_argument("--format", choices=["table", "json", "csv"], default="table")
        sub.add_argument("-o", "--output", type=Path, metavar="FILE", help="write the output here instead of printing")
        sub.add_argument("--plot", type=Path, metavar="FILE.png|svg", help=plot)
        sub.add_argument("--all-voices", action="store_true",
                         help="count the moves in quoted and reported words as well (default: the author's "
                              "moves and evidence; the others are a block of their own)")
        add_rule_options(sub)
        add_model_options(sub)

    pr = commands.add_parser("profile", help="rhetorical profile of documents or corpora",
                             description="Count and rate the moves of each category (per 1,000 words, share of "
                                         "sentences, by tenth of the text), with top cues and summary indices. "
                                         "Each FILE is profiled alone; a DIR is one corpus (or one profile per "
                                         "file with --each). Inputs: .txt (parsed, cached), .conllu, .xml (TEI "
                                         "from rhetoric, not parsed again).")
    pr.add_argument("inputs", nargs="+", metavar="FILE|DIR")
    pr.add_argument("--each", action="store_true", help="one profile per file inside folders")
    report_options(pr, "a profile chart (one profile) or a heatmap (several)")
    pr.set_defaults(handler=c.cmd_profile)

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
    cp.add_argument("--alpha", type=_level, default=0.05, help="significance level before Bonferroni (0.05)")
    cp.add_argument("--evidence", type=_whole(0, "spans"), default=2,
                    help="spans shown per significant difference (table)")
    report_options(cp, "a comparison chart")
    cp.add_argument("--html", type=Path, metavar="OUT.html",
                    help="also write a self-contained HTML report: the table, the chart, each significant "
                         "difference linked to its spans in the texts")
    cp.set_defaults(handler=c.cmd_compare)

    t = commands.add_parser("validate", help="check TEI files against the project's schema",
                            description="Validate TEI files written by rhetoric against the project RELAX NG schema "
                                        "and check that every #pointer resolves. Prints FILE:LINE: problem; "
                                        "exit 1 if any file is invalid.")
    t.add_argument("files", nargs="+", metavar="FILE|DIR", help="TEI files, or folders of .xml files")
    t.set_defaults(handler=c.cmd_validate)

    e = commands.add_parser("evaluate-parser", help="score a parser model on a gold CoNLL-U treebank",
                            description="Tag and parse the words of a gold CoNLL-U file with a model and print "
                                        "JSON with upos, xpos, ufeats, lemma, uas, las (percent, CoNLL 2018 "
                                        "scorer). With --raw the text is also segmented from scratch and "
                                        "tokens and sentences F1 are added.")
    e.add_argument("gold", type=Path, metavar="GOLD.conllu")
    e.add_argument("--model", default="compact", metavar="SPEC", help="model spec (default compact)")
    e.add_argument("--raw", action="store_true", help="also parse the raw text and score segmentation")
    e.set_defaults(handler=c.cmd_evaluate_parser)
    return parser


def _whole(minimum: int, what: str) -> Callable[[str], int]:
    """An argparse type: a whole number of ``what``, at least ``minimum``."""
    def read(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = minimum - 1
        if number < minimum:
            raise argparse.ArgumentTypeError(f"expected a number of {what}, {minimum} or more; got {value!r}")
        return number
    return read


def _level(value: str) -> float:
    """An argparse type: a significance level, between 0 and 1."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 < number < 1:
        raise argparse.ArgumentTypeError(f"expected a significance level between 0 and 1, such as 0.05; got {value!r}")
    return number


def _one_line(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"rhetoric: warning: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``rhetoric`` command; returns the exit code."""
    args = build_parser().parse_args(argv)
    try:
        with warnings.catch_warnings():  # one line per warning while the command runs, restored after
            warnings.showwarning = _one_line
            return args.handler(args)
    except UsageError as error:
        print(f"rhetoric: {error}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as error:  # writing a report or to standard output
        print(f"rhetoric: {error.filename or 'output'}: {error.strerror or error}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except RhetoricError as error:
        print(f"rhetoric: {error}", file=sys.stderr)
        return EXIT_SOME_FAILED
    except KeyboardInterrupt:
        print("rhetoric: interrupted", file=sys.stderr)
        return 130
