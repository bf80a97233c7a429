"""The handlers of the ``rhetoric`` subcommands; each mirrors a function of the Python API."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import InputError, ModelError
from ..parsing import specs
from ..sources import iter_inputs
from .io import (EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, cache, documents, folders_need_output, rule_sets, say, tagged,
                 to_folder, to_stdout, with_moves, write_or_print)


def cmd_parse(args: argparse.Namespace) -> int:
    """rhetoric parse FILE... : parse texts and write CoNLL-U, JSON, TEI, vertical or a summary."""
    if args.output:
        return to_folder(args, rules=(), builtin=False)
    return to_stdout(args, documents(args, args.files))


def cmd_models(args: argparse.Namespace) -> int:
    """rhetoric models list|download : show or fetch parser models."""
    if args.action == "download":
        target = specs.download(args.package, args.processors)
        print(f"Stanza package {args.package!r} is in {target}; use it with --model stanza:{args.package}")
        return EXIT_OK
    try:
        manifest = specs.compact_manifest()
        size = sum(f["bytes"] for f in manifest["files"].values())
        print(f"compact (default)  processors: {', '.join(manifest['processors'])}; "
              f"{size / 1e6:.1f} MB; trained on {manifest['data']['treebank']}")
        for name, value in manifest.get("scores", {}).items():
            print(f"  {name}: {json.dumps(value)}")
    except ModelError as error:
        print(f"compact (default)  not installed: {error}")
    folder = specs.stanza_resources_dir()
    installed = specs.installed_stanza_packages()
    print(f"stanza:<package>   official models in {folder}:")
    for processor, names in installed.items():
        print(f"  {processor}: {', '.join(names)}")
    if not installed:
        print("  none; run `rhetoric models download default` to fetch Stanford's English models")
    return EXIT_OK


def cmd_annotate(args: argparse.Namespace) -> int:
    """rhetoric annotate FILE|DIR... : find rhetorical moves; one output per input."""
    folders_need_output(args)
    if args.output:
        return to_folder(args, rules=tuple(args.rules or ()), builtin=not args.no_builtin)
    return to_stdout(args, with_moves(args, args.files, keep_tei_moves=False))


def cmd_explain(args: argparse.Namespace) -> int:
    """rhetoric explain FILE... : each sentence with its moves highlighted and the rules that fired."""
    from ..explain import explain

    colour = sys.stdout.isatty() and not args.no_colour
    docs, failed = tagged(args, args.files, keep_tei_moves=False)
    for _, doc in docs:
        sys.stdout.write(explain(doc, colour=colour, only_with_moves=not args.all))
    return EXIT_SOME_FAILED if failed else EXIT_OK


def cmd_view(args: argparse.Namespace) -> int:
    """rhetoric view FILE... -o OUT.html : the texts with their moves and profiles, as one HTML page."""
    from ..view import to_html

    docs, failed = tagged(args, args.files, keep_tei_moves=True)
    if not docs:
        return EXIT_SOME_FAILED
    write_or_print(args, to_html([d for _, d in docs], title=", ".join(p.name for p, _ in docs)))
    say(f"rhetoric: wrote {args.output} ({len(docs)} document{'s' if len(docs) > 1 else ''})")
    return EXIT_SOME_FAILED if failed else EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    """rhetoric evaluate SET PATH : precision, recall and F1 per category against gold."""
    from ..evaluation import evaluate

    bar = None

    def progress(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            from tqdm import tqdm

            bar = tqdm(total=total, desc="evaluate", unit="doc", file=sys.stderr,
                       disable=not sys.stderr.isatty(), leave=False)
        bar.n = done
        bar.refresh()

    report = evaluate(args.set, args.path, rules=rule_sets(args), model=args.model, cache=cache(args),
                      gold_parses=args.gold_parses, by_rule=args.by_rule, calibration=args.calibration,
                      min_confidence=args.min_confidence,
                      progress=progress)
    if bar is not None:
        bar.close()
    print(report.to_json() if args.json else report.table())
    return EXIT_OK


def cmd_calibrate(args: argparse.Namespace) -> int:
    """rhetoric calibrate --gold SET PATH ... : rule confidences from their precision on gold."""
    from ..evaluation import SETS, evaluate, reliability_table
    from ..evaluation.calibration import calibrate, recalibrated, write_calibration

    usable = [n for n in SETS if n not in ("polnear", "xmi")]
    bad = [" ".join(g) for g in args.gold if len(g) not in (2, 3) or g[0] not in usable]
    if bad:
        print(f"rhetoric: cannot calibrate on {'; '.join(bad)}; give --gold SET PATH [CATEGORY,...] with a "
              f"gold set of moves: {', '.join(usable)}", file=sys.stderr)
        return EXIT_USAGE
    sets = rule_sets(args)
    judged = []
    for name, path, *only in args.gold:
        wanted = set(only[0].split(",")) if only else None
        judged += [j for j in evaluate(name, path, rules=sets, model=args.model, cache=cache(args)).judged
                   if wanted is None or j.category in wanted]
    table = calibrate(judged)
    known = [r.id for rs in sets for r in rs.rules]
    print(f"{'rule':<44}{'moves':>7}{'right':>7}{'confidence':>12}  gold sets")
    for rule in known:
        entry = table.get(rule)
        print(f"{rule:<44}{entry.support:>7}{entry.correct:>7}{entry.confidence:>12.2f}  {', '.join(entry.sets)}"
              if entry else f"{rule:<44}{0:>7}{0:>7}{'as before':>12}  (no gold judged it: calibrated = false)")
    print("\nbefore:\n" + reliability_table(judged))
    print("\nafter:\n" + reliability_table(recalibrated(judged, table)))
    if args.write:
        for path in write_calibration([rs.path for rs in sets], table):
            say(f"rhetoric: wrote {path}")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    """rhetoric validate FILE... : check TEI files against the project schema and for dangling pointers."""
    from ..tei import validate_tei

    failed = 0
    for path in iter_inputs(args.files):
        name = str(path)
        if path.suffix != ".xml" and str(path) not in args.files:
            continue  # inside a folder, only the XML files
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


def cmd_profile(args: argparse.Namespace) -> int:
    """rhetoric profile FILE|DIR... : rhetorical profiles (a folder is one corpus unless --each)."""
    from ..profile import profile, profiles_to_csv

    profiles, failed = [], 0
    for name in args.inputs:
        docs, bad = tagged(args, [name], keep_tei_moves=True)
        failed += bad
        if Path(name).is_dir() and not args.each:
            if docs:
                profiles.append(profile([d for _, d in docs], name=Path(name).name, all_voices=args.all_voices))
        else:
            profiles.extend(profile(d, name=d.meta.title or p.name, all_voices=args.all_voices) for p, d in docs)
    if not profiles:
        return EXIT_SOME_FAILED
    if args.format == "json":
        write_or_print(args, "[\n" + ",\n".join(p.to_json().rstrip() for p in profiles) + "\n]\n")
    elif args.format == "csv":
        write_or_print(args, profiles_to_csv(profiles))
    else:
        write_or_print(args, "\n".join(p.table() for p in profiles))
    if args.plot:
        from ..plot import corpus_heatmap, profile_chart

        (profile_chart(profiles[0], args.plot) if len(profiles) == 1 else corpus_heatmap(profiles, args.plot))
        say(f"rhetoric: wrote {args.plot}")
    return EXIT_SOME_FAILED if failed else EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    """rhetoric compare A B | --group NAME PATH [REGEX] --group ... : keyness of two documents or groups."""
    from ..compare import compare
    from ..profile import profile

    if args.group:
        if len(args.group) != 2 or any(len(g) not in (2, 3) for g in args.group) or args.inputs:
            print("rhetoric: give exactly two --group NAME PATH [REGEX], and no other inputs", file=sys.stderr)
            return EXIT_USAGE
        groups = [(g[0], list(iter_inputs([g[1]], g[2] if len(g) == 3 else None))) for g in args.group]
    else:
        if len(args.inputs) != 2:
            print("rhetoric: compare needs two inputs (files or folders) or two --group options", file=sys.stderr)
            return EXIT_USAGE
        groups = [(Path(name).stem if Path(name).is_file() else Path(name).name, list(iter_inputs([name])))
                  for name in args.inputs]
    profiles, sides, failed = [], [], 0
    for name, files in groups:
        if not files:
            print(f"rhetoric: group {name} has no files", file=sys.stderr)
            return EXIT_USAGE
        docs, bad = tagged(args, files, keep_tei_moves=True)
        failed += bad
        if not docs:
            return EXIT_SOME_FAILED
        sides.append([d for _, d in docs])
        profiles.append(profile(sides[-1], name=name, all_voices=args.all_voices))
    result = compare(profiles[0], profiles[1], alpha=args.alpha)
    if args.html:
        from ..inputs import write_atomic
        from ..view import comparison_html

        write_atomic(args.html, comparison_html(result, *sides))
        say(f"rhetoric: wrote {args.html}")
    render = {"json": result.to_json, "csv": result.to_csv}.get(args.format, lambda: result.table(evidence=args.evidence))
    write_or_print(args, render())
    if args.plot:
        from ..plot import comparison_chart

        comparison_chart(result, args.plot)
        say(f"rhetoric: wrote {args.plot}")
    return EXIT_SOME_FAILED if failed else EXIT_OK


def cmd_evaluate_parser(args: argparse.Namespace) -> int:
    """rhetoric evaluate-parser GOLD.conllu : score a model on a gold treebank, print JSON."""
    from ..parsing.evaluate import evaluate_parser

    scores = evaluate_parser(args.gold, model=args.model, raw=args.raw)
    print(json.dumps(scores, indent=1))
    return EXIT_OK
