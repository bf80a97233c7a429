"""The possessive "its" that the segmenter splits in two.

UD English-EWT writes "its" for "it's" often enough in its web text (57 of the 221 tokens
"its" in train are a multi-word token "it" + "s") that the compact tokenizer marks nearly
every "its" as one, and the tagger and parser then read a clause inside a noun phrase
("beyond *it s* original intent": "it" a subject, "s" a copula).  Between segmentation and
the other processors such a token is made one word again, unless the word after it can
only follow "it is" (:data:`AFTER_IT_IS`: an article or other determiner, a pronoun,
"not", a preposition, a degree adverb: "its not worth it", "its a shame") or it ends its
sentence.

>>> possessive("its", "tail")
True
>>> possessive("Its", "not")
False
"""

from __future__ import annotations

from .entries import groups, shifted

#: Words after "its" that read it as "it is", from the words after the multi-word "its" in
#: EWT train (closed classes only: "its very own", "its only chance" are possessive).
AFTER_IT_IS = frozenset({
    "a", "an", "the", "this", "that", "these", "those", "my", "your", "his", "her", "our", "their",
    "not", "n't", "no", "all", "nothing", "something", "what", "been", "being", "going", "gonna", "getting",
    "about", "at", "between", "by", "for", "from", "in", "into", "like", "of", "on", "over", "to", "with",
    "so", "too", "really", "just", "simply", "definitely", "actually", "probably", "prolly", "still",
    "also", "now", "almost", "always", "never", "pretty", "quite", "ok", "okay",
})


def possessive(token: str, next_token: str | None) -> bool:
    """Whether a token "its" followed by ``next_token`` (None at a sentence's end) is the possessive."""
    return token.lower() == "its" and next_token is not None and next_token.lower() not in AFTER_IT_IS


def unsplit(docs: list) -> list:
    """Segmented Stanza documents with each possessive "its" one word again; documents
    without a split "its" are passed through untouched."""
    import stanza

    out = []
    for doc in docs:
        if not any(len(t.words) > 1 and t.text.lower() == "its" for s in doc.sentences for t in s.tokens):
            out.append(doc)  # no copying
            continue
        out.append(stanza.Document([_whole(sentence) for sentence in doc.to_dict()], text=doc.text))
    return out


def _whole(sentence: list[dict]) -> list[dict]:
    """A sentence's token entries with each split possessive "its" (a range entry and its two
    words) replaced by one word, and the word ids after it moved back."""
    tokens = groups(sentence)
    out: list[dict] = []
    dropped = 0
    for n, (entry, *words) in enumerate(tokens):
        following = tokens[n + 1][0]["text"] if n + 1 < len(tokens) else None
        if len(words) == 2 and possessive(entry["text"], following):
            out.append({**entry, "id": entry["id"][0] - dropped})
            dropped += 1
        else:
            out.extend(shifted([entry, *words], -dropped))
    return out
