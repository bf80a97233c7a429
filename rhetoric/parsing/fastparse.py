"""Stanza's tagger and dependency parser, faster with the same outputs, as Stanza processor variants.

Stanza decodes each sentence's score matrix with a pure-Python Chu-Liu-Edmonds
algorithm, and scores every label for every (dependent, head) pair of a batch, which
together take most of the parser's time.  The depparse variant runs the same network on
the same batches, decodes with ``ufal.chu_liu_edmonds`` (TurboParser's C++
implementation, the one UDPipe 2 uses) after the same single-root reweighting Stanza
applies (Stanojević and Cohen 2021), so it finds the same maximum spanning trees, and
scores labels only for the arcs of those trees.  A tree whose labels break a head
constraint (two subjects of one head) gets the full label scores of its sentence and
Stanza's own repair.  Only ties could come out differently; on EWT dev none does (a slow
test compares every word).

The tagger's variant (``pos_with_fast``) is Stanza's own processor but builds the string
of each tag id tuple once, not once per word.  A pipeline uses them with
``depparse_with_fast=True`` and ``pos_with_fast=True`` (:mod:`.specs` sets both).
"""

from __future__ import annotations

from collections.abc import Callable

import attrs
import numpy as np
import torch
import torch.nn.functional as F
import ufal.chu_liu_edmonds
from stanza.models.common import doc as stanza_doc
from stanza.models.common.pretrain import Pretrain
from stanza.models.common.utils import unsort
from stanza.models.common.vocab import VOCAB_PREFIX_SIZE, CompositeVocab
from stanza.models.depparse.data import DataLoader
from stanza.models.depparse.head_constraints import find_head_constraint_violations, resolve_head_constraint_violations
from stanza.models.depparse.trainer import Trainer, unpack_batch
from stanza.models.pos.data import Dataset as TagDataset
from stanza.models.pos.trainer import Trainer as TaggerTrainer
from stanza.pipeline._constants import DEPPARSE, LEMMA, POS, TOKENIZE
from stanza.pipeline.depparse_processor import DEFAULT_SEPARATE_BATCH
from stanza.pipeline.processor import ProcessorVariant, UDProcessor, register_processor_variant

from .specs import FAST


def one_root_tree(scores: np.ndarray) -> np.ndarray:
    """Heads of the best tree with exactly one word on the root (index 0 is the root;
    ``scores[d, h]`` scores head ``h`` for dependent ``d``), as Stanza's
    ``chuliu_edmonds_one_root`` computes it.

    >>> one_root_tree(np.log(np.array([[1, 1, 1], [.9, .01, .1], [.2, .8, .01]])))
    array([0, 0, 1])
    """
    scores = scores.astype(np.float64)  # a copy: the reweighting must not reach the caller
    scores[:, 0] += scores[np.isfinite(scores)].min() * scores.shape[0]
    heads, _ = ufal.chu_liu_edmonds.chu_liu_edmonds(scores)
    tree = np.asarray(heads, dtype=np.int64)
    tree[0] = 0
    return tree


#: Heads whose side of the label scoring is made at once (each a features x labels matrix).
ARC_ROWS = 512


class _ArcLabels(torch.nn.Module):
    """Stands in for the parser's pairwise label scorer (a ``DeepBiaffineScorer``): it runs
    the scorer's hidden layers and returns them, so that labels are scored only for the
    arcs the decoder keeps, not for every (dependent, head) pair of the batch."""

    def __init__(self, scorer: torch.nn.Module) -> None:
        super().__init__()
        self.scorer = scorer

    def forward(self, input1: torch.Tensor, input2: torch.Tensor) -> "_PendingLabels":
        s = self.scorer
        h1, h2 = s.hidden_func(s.W1(input1)), s.hidden_func(s.W2(input2))  # dropout is off in eval mode
        return _PendingLabels(torch.cat([h1, h1.new_ones(*h1.shape[:-1], 1)], -1),
                              torch.cat([h2, h2.new_ones(*h2.shape[:-1], 1)], -1), s.scorer.W_bilin)


@attrs.frozen
class _PendingLabels:
    """The label scorer's hidden layers for one batch (from :class:`_ArcLabels`), scored on demand."""

    dependents: torch.Tensor  # (sentences, words, hidden + 1): each word as a dependent
    heads: torch.Tensor  # the same, each word as a head
    bilinear: torch.nn.Module  # PairwiseBilinear: weight (hidden + 1, hidden + 1, labels), bias

    def arcs(self, trees: list[np.ndarray]) -> tuple[torch.Tensor, ...]:
        """Label scores (words x labels) of each sentence's words for their heads in ``trees``:
        the contraction Stanza's ``PairwiseBilinear`` makes for every pair, made for these
        arcs only.  A head's side of the contraction is made once for all its dependents,
        for :data:`ARC_ROWS` heads at a time, so that memory stays small."""
        sentence = np.concatenate([np.full(len(t) - 1, i) for i, t in enumerate(trees)])
        dependent = np.concatenate([np.arange(1, len(t)) for t in trees])
        head = np.concatenate([t[1:] for t in trees])
        width = self.heads.shape[1]
        heads, group = np.unique(sentence * width + head, return_inverse=True)  # each (sentence, head) once
        weight = self.bilinear.weight  # (dependent features, head features, labels)
        scores = torch.empty(len(sentence), weight.shape[2])
        for lo in range(0, len(heads), ARC_ROWS):
            chunk = heads[lo:lo + ARC_ROWS]
            per_head = torch.einsum("UJ,IJO->UIO", self.heads[chunk // width, chunk % width], weight)
            arcs = np.nonzero((group >= lo) & (group < lo + len(chunk)))[0]
            scores[arcs] = torch.einsum("TI,TIO->TO", self.dependents[sentence[arcs], dependent[arcs]],
                                        per_head[group[arcs] - lo])
        return torch.split(scores + self.bilinear.bias, [len(t) - 1 for t in trees])

    def every_pair(self, n: int) -> np.ndarray:
        """Label log-probabilities of sentence ``n`` for every (dependent, head) pair, as the
        head-constraint repair needs them."""
        scores = self.bilinear(self.dependents[n:n + 1], self.heads[n:n + 1])[0]
        return F.log_softmax(scores, 2).numpy()


def decode(vocab, arc_scores: np.ndarray, labels: _PendingLabels, sentlens: list[int],
           resolve_head_constraints: bool) -> list[list[list]]:
    """(head, relation) for each word of each sentence of a batch: the trees from the arc
    scores, then each word's best label for its head; a tree whose labels break a head
    constraint (two subjects of one head) is repaired by Stanza's own procedure."""
    trees = [one_root_tree(arc_scores[i][:length, :length]) for i, length in enumerate(sentlens)]
    out = []
    for i, (length, tree, scores) in enumerate(zip(sentlens, trees, labels.arcs(trees))):
        label_ids = (F.log_softmax(scores, 1) if resolve_head_constraints else scores).argmax(1).numpy()
        relations = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in label_ids])
        if resolve_head_constraints and find_head_constraint_violations(tree, relations):
            tree, label_ids = resolve_head_constraint_violations(
                arc_scores[i][:length, :length], labels.every_pair(i)[:length, :length], tree, vocab)
            relations = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in label_ids])
        out.append([[int(head), relation] for head, relation in zip(tree[1:], relations)])
    return out


class _Variant(ProcessorVariant):
    """A processor variant that loads its model as Stanza's processor does and runs all
    sentences of all documents in one run, batched together."""

    def __init__(self, config: dict, load: Callable[..., object]) -> None:
        self.pretrain = Pretrain(config["pretrain_path"]) if config.get("pretrain_path") else None
        self.trainer = load(config["model_path"], self.pretrain, {
            "charlm_forward_file": config.get("forward_charlm_path"),
            "charlm_backward_file": config.get("backward_charlm_path")})
        # the processor's settings as Stanza builds them: the model's own, then the pipeline's
        self.config = {**{k: v for k, v in self.trainer.args.items() if not UDProcessor.filter_out_option(k)},
                       **config}

    def bulk_process(self, docs: list) -> list:
        combined = stanza_doc.Document([])
        combined.sentences = [sentence for doc in docs for sentence in doc.sentences]
        combined.num_tokens = sum(doc.num_tokens for doc in docs)
        combined.num_words = sum(doc.num_words for doc in docs)
        self.process(combined)  # the annotations land on the sentence objects
        return docs


@register_processor_variant(POS, FAST)
class FastTagger(_Variant):
    """Stanza's POS processor, with each tag id tuple's string (``Number=Sing|Person=3``)
    built once and remembered instead of once per word."""

    OVERRIDE = True  # Stanza's POS processor has no variant hook of its own in process()

    def __init__(self, config: dict) -> None:
        super().__init__(config, lambda path, pretrain, args: TaggerTrainer(
            pretrain=pretrain, model_file=path, device="cpu", args=args))
        for name in ("xpos", "feats"):
            _remember_units(self.trainer.vocab[name])

    def process(self, document):
        dataset = TagDataset(document, self.config, self.pretrain, vocab=self.trainer.vocab, evaluation=True,
                             sort_during_eval=True)
        batches = dataset.to_length_limited_loader(batch_size=self.config["batch_size"],
                                                   maximum_tokens=self.config.get("batch_maximum_tokens", 5000))
        preds, order = [], []
        with torch.no_grad():
            for batch in batches:
                order.extend(batch[-1])
                preds += self.trainer.predict(batch)
        dataset.doc.set([stanza_doc.UPOS, stanza_doc.XPOS, stanza_doc.FEATS],
                        [y for x in unsort(preds, order) for y in x])
        return dataset.doc


def _remember_units(vocab) -> None:
    """Make ``vocab.id2unit`` remember what it built for each id tuple (a composite
    vocabulary joins one string per word otherwise)."""
    if not isinstance(vocab, CompositeVocab):
        return
    build, built = vocab.id2unit, {}

    def id2unit(ids):
        key = tuple(ids) if isinstance(ids, list) else ids
        unit = built.get(key)
        if unit is None:
            unit = built[key] = build(ids)
        return unit

    vocab.id2unit = id2unit


@register_processor_variant(DEPPARSE, FAST)
class FastMSTDepparse(_Variant):
    """Stanza's depparse processor, decoding with :func:`one_root_tree` and scoring labels
    only for the arcs it keeps."""

    REQUIRES_DEFAULT = {TOKENIZE, POS, LEMMA}

    def __init__(self, config: dict) -> None:
        super().__init__(config, lambda path, pretrain, args: Trainer.load(
            filename=path, pretrain=pretrain, device="cpu", args=args))
        if self.trainer.args.get("use_arc_embedding"):
            raise ValueError(f"depparse_with_{FAST} needs a parser with a pairwise label scorer")
        self.trainer.model.deprel = _ArcLabels(self.trainer.model.deprel)

    def process(self, document):
        trainer, config = self.trainer, self.config
        vocab = trainer.vocab
        batches = DataLoader(document, config["batch_size"], config, self.pretrain, vocab=vocab,
                             evaluation=True, sort_during_eval=config.get("sort_during_eval", True),
                             min_length_to_batch_separately=config.get("min_length_to_batch_separately",
                                                                       DEFAULT_SEPARATE_BATCH))
        resolve = config.get("resolve_head_constraints", True)
        model = trainer.model
        model.eval()
        preds = []
        with torch.no_grad():
            for batch in batches:
                inputs, orig_idx, word_orig_idx, sentlens, wordlens, text = unpack_batch(batch, "cpu")
                arcs, labels, *_ = model.forward_scores(*inputs, word_orig_idx, sentlens, wordlens, text)
                arc_scores = F.log_softmax(arcs, 2).numpy()
                tokens = unsort(decode(vocab["deprel"], arc_scores, labels, sentlens, resolve), orig_idx)
                if trainer.args.get("reversed", False):
                    tokens = trainer.reverse_predictions(tokens)
                preds += tokens
        if batches.data_orig_idx is not None:
            preds = unsort(preds, batches.data_orig_idx)
        batches.doc.set((stanza_doc.HEAD, stanza_doc.DEPREL), [y for x in preds for y in x])
        for sentence in batches.doc.sentences:
            sentence.build_dependencies()
        return batches.doc
