"""Scoring a parser model against a gold CoNLL-U treebank (CoNLL 2018 shared-task scorer).

With gold tokenisation the model tags, lemmatises and parses the gold words; from raw
text (``raw=True``) it also segments the text rebuilt from the treebank, and the scorer
aligns its tokens and sentences with the gold ones by characters.

>>> scores = evaluate_parser("en_ewt-ud-dev.conllu", model="compact")  # doctest: +SKIP
>>> sorted(scores)                                                     # doctest: +SKIP
['las', 'lemma', 'uas', 'ufeats', 'upos', 'xpos']
"""

from __future__ import annotations

import io
import os
from pathlib import Path

from ..errors import InputError
from ..formats.conllu import iter_blocks, read_conllu, to_conllu
from ..inputs import read_text
from .lemmas import repair_lemma
from .specs import ModelSpec, fingerprint

GOLD_TOKENS = {"upos": "UPOS", "xpos": "XPOS", "ufeats": "UFeats", "lemma": "Lemmas", "uas": "UAS", "las": "LAS"}
RAW = {**GOLD_TOKENS, "tokens": "Tokens", "sentences": "Sentences", "words": "Words"}


def _scores(gold: str, system: str, keys: dict[str, str], source: str) -> dict[str, float]:
    from stanza.models.common.utils import UDError, ud_scores

    try:
        result = ud_scores(io.StringIO(gold), io.StringIO(system))
    except UDError as error:  # the scorer's own reading of the treebank: a word without HEAD, ...
        cause = error.__cause__ or error
        raise InputError(source, f"the CoNLL 2018 scorer cannot read it as a gold treebank ({cause})",
                         "give a treebank with ids, HEAD and DEPREL on every word") from None
    return {name: round(100 * result[metric].f1, 2) for name, metric in keys.items()}


def _tagging_pipeline(spec: ModelSpec):
    import stanza

    kwargs = spec.pipeline_kwargs()
    kwargs["processors"] = ",".join(p for p in spec.processors if p in ("tokenize", "pos", "lemma", "depparse"))
    return stanza.Pipeline(**kwargs, tokenize_pretokenized=True)


def evaluate_parser(gold: str | os.PathLike, model: str = "compact", raw: bool = False) -> dict:
    """Score ``model`` on a gold CoNLL-U file; percentages (F1, which equals accuracy on gold tokens).

    Keys: ``upos``, ``xpos``, ``ufeats``, ``lemma``, ``uas``, ``las``; with ``raw`` also
    ``tokens``, ``sentences`` and ``words`` (F1 of segmentation from raw text), and
    ``raw_las`` etc. for the full pipeline on raw text.
    """
    path = Path(gold)
    gold_text = read_text(path)
    spec = ModelSpec.from_string(model)
    blocks = list(iter_blocks(gold_text.splitlines(), str(path)))
    sentences = [[row.form for row in b.rows if "-" not in row.id] for b in blocks]
    tagged = _tagging_pipeline(spec)(sentences)
    predicted = iter(w for s in tagged.sentences for w in s.words)
    lines = []
    for line in gold_text.splitlines():
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            w = next(predicted)
            cols[2:8] = [repair_lemma(w.text, w.lemma, w.upos) or "_", w.upos or "_", w.xpos or "_", w.feats or "_",
                         str(w.head if w.head is not None else "_"), w.deprel or "_"]
            line = "\t".join(cols)
        lines.append(line)
    scores = {"model": str(spec), "fingerprint": fingerprint(spec), "gold": path.name,
              "sentences_scored": len(blocks), **_scores(gold_text, "\n".join(lines) + "\n", GOLD_TOKENS, str(path))}
    if raw:
        from . import parse

        docs = read_conllu(path)
        parsed = parse([d.text for d in docs], model=model)
        system = to_conllu(parsed)
        raw_scores = _scores(gold_text, system, RAW, str(path))
        scores.update({k: raw_scores[k] for k in ("tokens", "sentences", "words")})
        scores.update({f"raw_{k}": raw_scores[k] for k in GOLD_TOKENS})
    return scores

