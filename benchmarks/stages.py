"""Where parsing time goes: each Stanza processor timed on its own, then conversion, rules and TEI.

``python -m benchmarks.stages`` prints the table for the Federalist papers 21-26 and the
op-eds of ``corpus/``, with the project's processor variants (:mod:`rhetoric.parsing.fastparse`)
and with Stanza's own processors (``--stock``), so both are measured in one run on one machine,
in alternating rounds.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STAGES = ("tokenize", "mwt", "pos", "lemma", "depparse", "convert", "rules", "tei")


def federalist_21_26(shared: Path) -> list[str]:
    folder = shared / "texts" / "federalist"
    files = sorted(folder.glob("*.txt"), key=lambda p: [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", p.name)])
    return [f.read_text(encoding="utf-8") for f in files[20:26]]


def corpus_op_eds() -> list[str]:
    return [f.read_text(encoding="utf-8") for f in sorted((ROOT / "corpus").glob("*.txt"))]


def stage_times(texts: list[str], stock: bool = False) -> tuple[dict[str, float], int]:
    """Seconds per stage and the number of words, for the compact models (``stock``: Stanza's own processors)."""
    import stanza

    from rhetoric.document import Metadata
    from rhetoric.parsing import specs
    from rhetoric.parsing.convert import from_stanza
    from rhetoric.parsing.limits import cut_long_sentences
    from rhetoric.rules import Matcher, load_rules
    from rhetoric.tei import to_tei

    spec = specs.ModelSpec.from_string("compact")
    if stock:
        nlp = stanza.Pipeline(**{key: value for key, value in spec.pipeline_kwargs().items()
                                 if key not in specs.FAST_SETTINGS})
    else:
        # the library's own loader: no optimizers, and the collector freeze, which the later
        # stock rounds of the same process then share (so their times are, if anything, flattered)
        nlp = specs.pipeline(spec)
    nlp("Warm up the pipeline.")
    docs = [stanza.Document([], text=t) for t in texts]
    seconds: dict[str, float] = {}
    cut: list[set[int]] = []
    for name in ("tokenize", "mwt", "pos", "lemma", "depparse"):
        started = time.perf_counter()
        docs = nlp.processors[name].bulk_process(docs)
        if name == "mwt":  # cutting over-long sentences belongs to segmentation
            docs, cut = cut_long_sentences(docs)
        seconds[name] = time.perf_counter() - started
    started = time.perf_counter()
    ours = [from_stanza(d, t, Metadata(), "compact", "", cut=c) for d, t, c in zip(docs, texts, cut)]
    seconds["convert"] = time.perf_counter() - started
    matcher = Matcher(load_rules())
    started = time.perf_counter()
    found = [matcher.annotate(d) for d in ours]
    seconds["rules"] = time.perf_counter() - started
    import attrs

    tagged = [attrs.evolve(d, moves=m, attributions=a) for d, (m, a) in zip(ours, found)]
    started = time.perf_counter()
    for doc in tagged:
        to_tei(doc)
    seconds["tei"] = time.perf_counter() - started
    return seconds, sum(d.word_count for d in ours)


def table(name: str, seconds: dict[str, float], words: int) -> str:
    parse = sum(seconds[s] for s in STAGES[:5])
    rows = [f"{name}: {words:,} words", "| stage | seconds | words/s | share of parsing |", "|---|---|---|---|"]
    rows += [f"| {s} | {seconds[s]:.2f} | {words / seconds[s]:,.0f} | "
             + (f"{100 * seconds[s] / parse:.1f}% |" if s in STAGES[:5] else "- |") for s in STAGES]
    rows.append(f"| parse (tokenize..depparse) | {parse:.2f} | {words / parse:,.0f} | |")
    return "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--stock", action="store_true", help="also time Stanza's own processors")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each, alternating; each stage's fastest counts")
    args = parser.parse_args()
    kinds = [False, True] if args.stock else [False]
    for name, texts in (("Federalist 21-26", federalist_21_26(args.shared)), ("corpus/ op-eds", corpus_op_eds())):
        best: dict[bool, dict[str, float]] = {}
        for _ in range(args.rounds):
            for stock in kinds:
                seconds, words = stage_times(texts, stock)
                best[stock] = {s: min(t, best.get(stock, seconds)[s]) for s, t in seconds.items()}
        for stock in kinds:
            label = "Stanza's processors" if stock else "fast variants"
            print(table(f"{name}, {label}, fastest of {args.rounds}", best[stock], words) + "\n")


if __name__ == "__main__":
    main()
