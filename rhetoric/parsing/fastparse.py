"""Stanza's dependency parser with a fast exact MST decoder, as a Stanza processor variant.

Stanza decodes each sentence's score matrix with a pure-Python Chu-Liu-Edmonds
algorithm, which takes most of the parser's time.  This variant runs the same network
on the same batches and decodes with ``ufal.chu_liu_edmonds`` (TurboParser's C++
implementation, the one UDPipe 2 uses), after the same single-root reweighting Stanza
applies (Stanojević and Cohen 2021), so it finds the same maximum spanning trees; only
ties between equally scored trees may be broken differently.  Head-constraint repairs
and label decoding are Stanza's own.

A pipeline uses it with ``depparse_with_fast_mst=True`` (:mod:`.specs` sets it).
"""

from __future__ import annotations

import numpy as np
import torch
import ufal.chu_liu_edmonds
from stanza.models.common import doc as stanza_doc
from stanza.models.common.pretrain import Pretrain
from stanza.models.common.utils import unsort
from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
from stanza.models.depparse.data import DataLoader
from stanza.models.depparse.head_constraints import resolve_head_constraint_violations
from stanza.models.depparse.trainer import Trainer, unpack_batch
from stanza.pipeline._constants import DEPPARSE, LEMMA, POS, TOKENIZE
from stanza.pipeline.depparse_processor import DEFAULT_SEPARATE_BATCH
from stanza.pipeline.processor import ProcessorVariant, UDProcessor, register_processor_variant

from .specs import FAST_MST


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


def decode(vocab, preds, sentlens, resolve_head_constraints: bool) -> list[list[list]]:
    """(head, relation) for each word of each sentence, from the parser's scores."""
    out = []
    for i, length in enumerate(sentlens):
        scores = preds[0][i][:length, :length]
        tree = one_root_tree(scores)
        if resolve_head_constraints:
            tree, label_ids = resolve_head_constraint_violations(scores, preds[2][i][:length, :length, :], tree, vocab)
            relations = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in label_ids])
        else:
            relations = vocab.unmap([preds[1][i][j + 1][h] for j, h in enumerate(tree[1:])])
        out.append([[int(head), relation] for head, relation in zip(tree[1:], relations)])
    return out


@register_processor_variant(DEPPARSE, FAST_MST)
class FastMSTDepparse(ProcessorVariant):
    """Stanza's depparse processor, decoding with :func:`one_root_tree`."""

    REQUIRES_DEFAULT = {TOKENIZE, POS, LEMMA}

    def __init__(self, config: dict) -> None:
        self.pretrain = Pretrain(config["pretrain_path"]) if config.get("pretrain_path") else None
        self.trainer = Trainer.load(filename=config["model_path"], pretrain=self.pretrain, device="cpu",
                                    args={"charlm_forward_file": config.get("forward_charlm_path"),
                                          "charlm_backward_file": config.get("backward_charlm_path")})
        # the processor's settings as Stanza builds them: the model's own, then the pipeline's
        self.config = {**{k: v for k, v in self.trainer.args.items() if not UDProcessor.filter_out_option(k)},
                       **config}

    def bulk_process(self, docs: list) -> list:
        """All sentences of all documents in one run, batched together (as Stanza's own processor does)."""
        combined = stanza_doc.Document([])
        combined.sentences = [sentence for doc in docs for sentence in doc.sentences]
        combined.num_tokens = sum(doc.num_tokens for doc in docs)
        combined.num_words = sum(doc.num_words for doc in docs)
        self.process(combined)  # the annotations land on the sentence objects
        return docs

    def process(self, document):
        trainer, config = self.trainer, self.config
        vocab = trainer.vocab
        batches = DataLoader(document, config["batch_size"], config, self.pretrain, vocab=vocab,
                             evaluation=True, sort_during_eval=config.get("sort_during_eval", True),
                             min_length_to_batch_separately=config.get("min_length_to_batch_separately",
                                                                       DEFAULT_SEPARATE_BATCH))
        resolve = config.get("resolve_head_constraints", True)
        trainer.model.eval()
        preds = []
        with torch.no_grad():
            for batch in batches:
                inputs, orig_idx, word_orig_idx, sentlens, wordlens, text = unpack_batch(batch, "cpu")
                _, scores = trainer.model(*inputs, word_orig_idx, sentlens, wordlens, text)
                tokens = unsort(decode(vocab["deprel"], scores, sentlens, resolve), orig_idx)
                if trainer.args.get("reversed", False):
                    tokens = trainer.reverse_predictions(tokens)
                preds += tokens
        if batches.data_orig_idx is not None:
            preds = unsort(preds, batches.data_orig_idx)
        batches.doc.set((stanza_doc.HEAD, stanza_doc.DEPREL), [y for x in preds for y in x])
        for sentence in batches.doc.sentences:
            sentence.build_dependencies()
        return batches.doc
