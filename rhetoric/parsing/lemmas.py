"""Lemma repair for words the lemmatizer never saw.

Stanza's lemmatizer looks a word up in the dictionary it learnt from its treebank and
otherwise spells a lemma out letter by letter; for English verbs that guess is often no
word at all ("praised" -> "prais", "blamed" -> "blam", "echoed" -> "echoe"), and every rule
that names a lemma then misses the word.  A lemma that the LemmInflect dictionary (built
on Kevin Atkinson's AGID inflection database) knows neither as a lemma nor as a word form
is replaced by the lemma that dictionary gives for the word and its part of speech.  Every
other lemma stays as the model made it, so treebank conventions ("more", "detailed" as an
adjective) are kept.

>>> repair_lemma("praised", "prais", "VERB")
'praise'
>>> repair_lemma("more", "more", "ADJ")
'more'
"""

from __future__ import annotations

import functools

#: Word classes whose lemmas are repaired (LemmInflect's dictionary covers these).
REPAIRED_UPOS = frozenset({"VERB", "NOUN", "ADJ", "ADV"})


def repair_version() -> str:
    """What the repair depends on, for the parse fingerprint (a new dictionary re-parses)."""
    from importlib.metadata import version

    return f"lemminflect {version('lemminflect')}"


@functools.lru_cache(maxsize=65536)
def _known(word: str) -> bool:
    from lemminflect import getAllInflections, getAllLemmas

    return bool(getAllInflections(word) or getAllLemmas(word))


@functools.lru_cache(maxsize=65536)
def _dictionary_lemma(form: str, upos: str) -> str | None:
    from lemminflect import getLemma

    found = getLemma(form, upos=upos, lemmatize_oov=False)
    return found[0] if found else None


def repair_lemma(form: str, lemma: str | None, upos: str | None) -> str | None:
    """``lemma`` for ``form``, or the dictionary's lemma where ``lemma`` is no English word.

    >>> repair_lemma("blamed", "blam", "VERB"), repair_lemma("Trump", "Trump", "PROPN")
    ('blame', 'Trump')
    """
    if not lemma or upos not in REPAIRED_UPOS or _known(lemma.lower()):
        return lemma
    return _dictionary_lemma(form.lower(), upos) or lemma
