"""The frames of attribution rules: where a cue's source and content lie in its sentence's dependency tree.

An :class:`~rhetoric.rules.model.AttributionRule` names a cue (a reporting verb, "according
to", ...) and a *frame*, the place in the dependency tree where the frame finds the
source and the content:

- ``complement``: the content is the cue's clausal complement or parataxis ("Experts
  warn *that the drought will worsen*", ``He said: "..."``); the source its subject.
- ``intention``: the same with an open complement ("She wants *to run*").
- ``heard``: the same for someone who heard it ("We hear that *...*"): the subject is no
  source, and no source is named.
- ``host``: the cue hangs off the clause it reports ("*The plan failed*, officials said",
  "As Reagan noted, *government adds to problems*").
- ``inverted``: the cue and then its source, set off by commas inside or after what they
  report ("*The economy*, says Smith, *is in trouble*"), read from the words.
- ``according``: "according to X": X is the source, the clause it modifies the content.
- ``quoting``: "To quote X, ...": X is the source, the clause it modifies the content.
- ``noun``: a noun of saying with the clause of "that" it states ("Abbas's *statement* that
  he had postponed the vote", "the *consensus* among experts is that ..."); its possessor,
  a name before it or a "by", "from" or "among" phrase is the source.
- ``hearsay``: an adverb that reports its clause on unnamed authority ("Iran *reportedly*
  lost $26bn"): the clause is the content, and there is no source.
- ``colon``: a short name before a colon opens a headline, an opening line or a turn of a quoted
  transcript ("Trump: ...", '"PENCE: ...').
- ``dash``: a quote signed after a dash, as epigraphs, readers' voices and embedded posts
  are (``"..." ― Sonya Herridge``): the dash is the cue, the name after it the source.
- ``lead-in``: a quote right after a colon that closes a clause of a verb of no saying
  and its subject ('Fallon fired back: "..."', 'Trump issued the following statement:
  "..."'): the words from the verb to the colon are the cue, the subject the source.
- ``quote``: a quote of four words or more that no reporting verb introduces; its opening
  mark is the cue and the source is not named where it stands.
- ``clause``: the rest of the cue's own clause ("She called *the plan a failure*", "was
  described *by the minister* as ..."); the source is the by-agent or the subject.
- ``agent``: the clause frame for a cue with a "by" phrase, which is the source ("The deal
  was criticized *by Senator Warren*"); a participle after a noun reports that noun's phrase
  ("*the recovery* promised by the minister"), unless it has a subject of its own ("a
  recognition that *Europe's borders* were being defended by ..."); without a "by" phrase it
  finds nothing.
- ``passive``: a passive cue without a "by" phrase ("*The CSU* has been accused *of showing
  ...*"): its clause is the content, and there is no source.
- ``evidential``: how something seems or appears ("*The statistics* appear *to be
  fabricated*"): the subject and the open complement are the content, there is no source,
  and the author asserts the content (:data:`ASSERTED_FRAMES`).

In every frame a reporting verb under a modal of possibility ("She would rather call for
..."), standing as a clause's subject ("It is fair to say that ...") or giving an order
("Now tell us ...") reports nothing.  A source is the subject's words with its apposition
("said Alan Cole, an economist at ...") and its relative clause ("Victor Cha, who served as
..., said"), without a dateline, an aside between dashes, a participle clause ("President
Obama, opening the museum, said") or a time ("..., McConnell said Tuesday").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from ..document import Word
from .view import SentenceView

Span = tuple[int, int]
#: A frame: (view, cue index) -> (cue word indexes, source word range, content word ranges), or None.
Frame = Callable[[SentenceView, int], "tuple[list[int], Span | None, list[Span]] | None"]

SUBJECTS = ("nsubj", "nsubj:outer")
QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»", "''"})
_EDGE_DEPRELS = frozenset({"punct", "cc", "mark:edge"})


def _base(view: SentenceView, i: int) -> str:
    return (view.words[i].deprel or "").split(":")[0]


def _children(view: SentenceView, i: int, deprels: Sequence[str], exact: bool = False) -> Iterator[int]:
    """The children of word ``i`` with one of these relations (full label, or base unless ``exact``)."""
    return (c for c in view.children[i] if (rel := view.words[c].deprel or "") in deprels
            or (not exact and rel.split(":")[0] in deprels))


def _child(view: SentenceView, i: int, deprels: Sequence[str], exact: bool = False) -> int | None:
    """The first child of word ``i`` with one of these relations (see :func:`_children`)."""
    return next(_children(view, i, deprels, exact), None)


#: Adverbs before a verb that open its clause rather than modify the report ("*when* asked").
QUESTION_ADVERBS = frozenset({"when", "where", "why", "how", "whenever", "while"})


def _cue_words(view: SentenceView, i: int, oblique: bool = False) -> list[int]:
    """The cue word with its auxiliaries, particle and adjective ("has said", "pointed out",
    "made clear"), an adjective's copula ("are afraid"), the adverbs and negation that stand
    right before it ("has also said", "did not say"), the verb it completes ("declined to
    say"), the time, manner and form of the report right after it ("said Friday", "said
    sarcastically", "said in a statement"), and what ends the cue: a colon ("said:") or, where
    the ``oblique`` is the content, its preposition ("called for", "pointed to")."""
    # auxiliaries count where they stand right before the verb (the loop below), not across a clause
    # the parser hung on it ("the parties are, and must be, ... the faction must be expected to")
    cue = {i, *(c for c in view.children[i] if view.words[c].deprel == "compound:prt" and i < c <= i + 2)}
    if (view.lemma[i] in LIGHT_VERBS and i + 1 < len(view.words) and view.head(i + 1) == i
            and _base(view, i + 1) == "xcomp"):
        cue.add(i + 1)  # "made clear": the light verb's adjective is the report
    lo = i
    while lo - 1 >= 0 and view.head(lo - 1) == i and (
            view.words[lo - 1].deprel in ("aux", "aux:pass")
            or (view.words[lo - 1].deprel == "cop" and view.upos[i] == "ADJ")  # "are afraid": 75% in PolNeAR train
            or (view.words[lo - 1].deprel == "advmod" and view.lower[lo - 1] not in QUESTION_ADVERBS)):
        lo -= 1
        cue.add(lo)
    governor = _completed(view, i, lo)
    if governor is not None:
        cue.update(_cue_words(view, governor), range(governor, lo))
    after = max(cue) + 1
    while after < len(view.words):
        # when, how and in what form it was said, right after the verb: "said Friday", "said
        # sarcastically", "said in a statement"
        child = next((c for c in view.children[i] if (_when(view, c) or _manner(view, c) or _medium(view, c))
                      and view.subtree(c)[0] == after), None)
        if child is None:
            break
        end = _adjunct_end(view, child)
        cue.update(range(after, end + 1))
        after = end + 1
    if after < len(view.words):
        phrase = view.head(after)  # what the word right after the cue opens, when it is on the cue
        rel = view.words[after].deprel
        if view.lower[after] == ":" or (phrase is not None and view.head(phrase) == i and (
                (oblique and rel == "case" and view.lower[after] != "by"
                 and _base(view, phrase) in ("obl", "obj", "iobj"))
                or (view.lower[after] in TOPIC_PREPOSITIONS and rel in ("case", "mark")
                    and _base(view, phrase) in ("obl", "advcl")))):
            cue.add(after)
    return sorted(cue)


def _completed(view: SentenceView, i: int, first: int) -> int | None:
    """The verb that cue ``i`` (its words from ``first``) completes as an open complement,
    with nothing between them but its "to" and the verb's particle and adverbs ("declined to
    say", "goes on to say"): PolNeAR's cue takes that verb too."""
    governor = view.head(i)
    if governor is None or governor >= first or _base(view, i) != "xcomp" or view.upos[governor] != "VERB":
        return None
    if all((view.head(k) == i and view.words[k].deprel == "mark") or (
            view.head(k) == governor and view.words[k].deprel in ("compound:prt", "advmod"))
           for k in range(governor + 1, first)):
        return governor
    return None


#: Light verbs whose adjective right after them is part of the report ("made clear", "made
#: known"); an adjective after other verbs is not ("voted democratic", "feels confident").
LIGHT_VERBS = frozenset({"make"})

#: Prepositions that say whom or what a report is about, or how it was made, which PolNeAR's
#: cues take ("said *of* Trump", "spoke *about*", "said *with* a smile": 45% to 83% of their
#: uses right after a cue in PolNeAR train).
TOPIC_PREPOSITIONS = frozenset({"of", "about", "with", "for"})


#: Nouns that date a report ("said Friday", "wrote last week"), which PolNeAR counts as part of its cue.
TIME_NOUNS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week",
                        "month", "year", "morning", "afternoon", "evening", "night", "day", "weekend", "today",
                        "yesterday", "tonight"})


def _when(view: SentenceView, k: int) -> bool:
    """Whether word ``k`` is a bare noun phrase of time on the cue ("Friday", "last month"; the
    parser reads a weekday straight after the verb as its object as often as not, and after a
    quote sometimes as its subject: '"...," Trump said Monday')."""
    rel = view.words[k].deprel or ""
    return view.lemma[k].lower() in TIME_NOUNS and (
        rel in ("obl:unmarked", "obl:tmod", "nmod:tmod", "obl:npmod")
        or (rel in ("iobj", "obj", "nsubj") and view.upos[k] == "PROPN"))


#: Adverbs after a verb that stand for what was said ("said *so*", "said as *much*", "explained
#: *why* ...") or link the sentence ("said, *however*, ...").
NOT_MANNER = QUESTION_ADVERBS | {"so", "much", "more", "little", "enough", "however", "whomever"}


def _manner(view: SentenceView, k: int) -> bool:
    """Whether word ``k`` is an adverb of how or when the report was made ("said *sarcastically*",
    "has said *repeatedly*", "said *then*"), not a name the tagger took for one, nor an aside in
    brackets: 61% of the adverbs right after a cue are part of the cue in PolNeAR train."""
    return (view.words[k].deprel == "advmod" and view.upos[k] == "ADV" and view.words[k].text.islower()
            and view.lower[k] not in NOT_MANNER and view.upos[view.subtree(k)[0]] != "PUNCT")


#: Prepositions that introduce the form of a report.
MEDIUM_CASES = frozenset({"in", "on", "at", "during", "via", "through"})
#: Prepositions of a report's form, place, time or agent: a phrase of one leaves an aside of
#: "as" an aside ("as she said *in* a statement", "as noted *by* the court").
FORM_CASES = MEDIUM_CASES | {"by"}


def _medium(view: SentenceView, k: int) -> bool:
    """Whether word ``k`` is the form the report it hangs on took ("in a statement", "on
    Twitter", "in an interview with CNN")."""
    return (_base(view, k) == "obl" and view.lemma[k] in MEDIA
            and any(view.words[c].deprel == "case" and view.lower[c] in MEDIUM_CASES for c in view.children[k]))


def _adjunct_end(view: SentenceView, k: int) -> int:
    """The last word of the time or medium phrase ``k`` on a cue: its subtree, up to a comma
    or a clause in it ("in a statement *that she would fight on*", "in an interview with
    CNN *that he ...*" is what was said, not its form)."""
    lo, hi = view.subtree(k)
    stop = next((m for m in range(k + 1, hi + 1) if view.lower[m] == "," or (
        _base(view, m) in ("acl", "ccomp", "advcl", "parataxis") and view.subtree(m)[0] > k)), None)
    if stop is None:
        return hi
    if view.lower[stop] != ",":
        stop = view.subtree(stop)[0]
    kept = _trim(view, (lo, stop - 1)) if stop > lo else None
    return kept[1] if kept else k


#: Modals that make a report hypothetical ("She would rather call for ...", "China can reject ...").
HYPOTHETICAL = frozenset({"can", "could", "would", "might", "may"})


def _imperative(view: SentenceView, i: int) -> bool:
    """Whether word ``i`` is a bare verb without subject or auxiliary heading its clause ("Now
    tell us ...", "Say Mexico demanded ...") or one that "let" governs ("Let's say ...")."""
    head = view.head(i)
    if head is not None and head < i and view.lemma[head] == "let" and _base(view, i) in ("xcomp", "ccomp"):
        return True
    return (view.words[i].xpos == "VB" and _base(view, i) in ("root", "parataxis")
            and not any(_base(view, c) in ("nsubj", "aux", "csubj", "expl") for c in view.children[i]))


def _reports(view: SentenceView, i: int) -> bool:
    """Whether cue word ``i`` reports what someone said or thought: not a reporting verb as a
    clause's subject, which speaks for the author ("It is fair to say that ..."), nor one under
    a modal of possibility, which reports nothing yet, nor an imperative, which asks the reader
    to speak ("Now tell us ..."), nor a part of a hyphenated word ("a he-said-she-said
    dispute"), nor a participle the parser took for a verb where it is an adjective ("This is
    telling of ...").  In an aside of "as", "would" says what someone is wont to say ("As some
    commentators would put it, ...")."""
    modals = [view.lemma[c] for c in view.children[i] if view.words[c].deprel == "aux" and view.lemma[c] in HYPOTHETICAL]
    return (_base(view, i) != "csubj" and not _imperative(view, i) and not _hyphenated(view, i)
            and not _adjectival(view, i) and (not modals or (set(modals) == {"would"} and _aside(view, i))))


#: Participles of reporting verbs that English also uses as adjectives ("The silence is telling
#: of its priorities", "The results are promising", "It is challenging to ...").
ADJECTIVAL_PARTICIPLES = frozenset({"telling", "promising", "challenging", "demanding", "revealing"})


def _adjectival(view: SentenceView, i: int) -> bool:
    """Whether word ``i`` is one of :data:`ADJECTIVAL_PARTICIPLES` after "be" with nobody
    addressed, nothing it acts on and no clause of its own but one that an "it" subject
    stands for ("It is telling that ...", not "He is telling reporters that ...")."""
    if view.lower[i] not in ADJECTIVAL_PARTICIPLES:
        return False
    deps = {_base(view, c): c for c in view.children[i]}
    be = any(_base(view, c) == "aux" and view.lemma[c] == "be" for c in view.children[i])
    subject = deps.get("nsubj")
    return (be and not deps.keys() & {"obj", "iobj", "xcomp"}
            and ("ccomp" not in deps or (subject is not None and view.lower[subject] == "it")))


#: Hyphens that join the parts of a compound word (a dash sets words apart).
HYPHENS = frozenset({"-", "\u2010"})
#: Word classes of nouns and their stand-ins: those a hyphen joins to a reporting verb in a
#: compound noun or adjective ("a he-said-she-said dispute", "a six-pointed star",
#: "Sanders-supporting delegates"; a hyphen typed for a dash stands before a little word, "she
#: said-and left", which is none of them), and those that name what a source acted on.
NOUN_CLASSES = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
#: Prefixes that leave a hyphenated verb a verb ("counter-accused her", "re-stated", "co-wrote").
VERB_PREFIXES = frozenset({"co", "counter", "cross", "de", "dis", "double", "mis", "out", "over", "pre", "re",
                           "un", "under"})


def _hyphenated(view: SentenceView, i: int) -> bool:
    """Whether word ``i`` is joined to a noun, name, pronoun or number beside it, other than a
    verb's prefix, by a hyphen with no space around it (the tokenizer splits "he-said" into
    "he", "-", "said")."""
    words, lower = view.words, view.lower
    if not ((i > 1 and lower[i - 1] in HYPHENS) or (i + 2 < len(words) and lower[i + 1] in HYPHENS)):
        return False  # most words: no hyphen beside them

    def joined(hyphen: int, other: int) -> bool:
        return (0 < hyphen < len(words) - 1 and lower[hyphen] in HYPHENS and view.upos[other] in NOUN_CLASSES
                and words[hyphen - 1].end == words[hyphen].start and words[hyphen].end == words[hyphen + 1].start)
    return (joined(i - 1, i - 2) and lower[i - 2] not in VERB_PREFIXES) or joined(i + 1, i + 2)


#: Words that deny a report ("did not say", "never mentions", "nor does it acknowledge").
NEGATIONS = frozenset({"not", "n't", "never", "nor"})
#: Modals that make a report one still owed ("governments must produce a set of commitments").
DUTIES = frozenset({"must", "should", "ought"})


def _verb(view: SentenceView, cue_words: list[int]) -> int:
    """The reporting verb among a cue's words: the last verb ("declined to *say*"), else the last word."""
    return max(cue_words, key=lambda k: (view.upos[k] == "VERB", k))


def _unsaid(view: SentenceView, cue_words: list[int]) -> bool:
    """Whether a cue says its source did not report, or has yet to: denied ("did not say",
    "never mentions"), owed ("must produce commitments") or an infinitive another verb
    governs ("to pressure China to clarify its claims", "want to punish the bank and blame
    its director").  Still a relation (PolNeAR marks these), but no support is borrowed from
    the source, so no ``authority`` move."""
    def infinitive(k: int) -> bool:
        return _base(view, k) == "xcomp" and any(view.lower[c] == "to" for c in view.children[k])

    verb = _verb(view, cue_words)
    head = view.head(verb)
    return (any(view.lower[k] in NEGATIONS or (view.lemma[k] in DUTIES and _base(view, k) == "aux")
                for k in (*cue_words, *view.children[verb])) or infinitive(verb)
            or (_base(view, verb) == "conj" and head is not None and infinitive(head)))


#: Verbs of knowing a fact: whoever is said not to know it, the author asserts it.
FACTIVES = frozenset({"know", "realize", "realise", "recognize", "recognise", "understand", "acknowledge", "admit",
                      "concede"})
#: Verbs whose open complement did not happen ("Critics *fail to* recognize that ...").
FAILINGS = frozenset({"fail", "refuse", "neglect"})


def _denied_fact(view: SentenceView, cue_words: list[int]) -> bool:
    """Whether a cue says its source does not know or own to a fact (:data:`FACTIVES`):
    negated ("They don't realize that ..."), after "without" ("without recognizing that he is,
    in fact, already human") or failed ("Critics fail to recognize that the policy works").
    The fact is the author's to assert, so the content speaks in the author's voice; a
    question ("They don't know whether ...", "what they want") asserts nothing."""
    verb = _verb(view, cue_words)
    if view.lemma[verb] not in FACTIVES or any(
            view.lower[k] in ("whether", "if") or "PronType=Int" in view.feats(k)
            for c in _children(view, verb, ("ccomp",)) for k in (c, *view.children[c])):
        return False
    head = view.head(verb)
    return (any(view.lower[k] in NEGATIONS for k in (*cue_words, *view.children[verb]))
            or any(view.lower[c] == "without" for c in view.children[verb])
            or (_base(view, verb) == "xcomp" and head is not None and view.lemma[head] in FAILINGS))


#: Dependents of a cue that are neither what it reports nor part of the act of reporting.
_ASIDE_DEPS = frozenset({"nsubj", "nsubj:outer", "csubj", "aux", "aux:pass", "punct", "cc", "conj", "advmod", "mark",
                         "discourse", "expl", "cop", "compound:prt"})
#: Relations of a cue's dependents that name what its source acted on (the passive's subject too).
_TARGET_DEPS = frozenset({"obj", "iobj", "obl", "nsubj"})


def _target_only(view: SentenceView, cue_words: list[int]) -> bool:
    """Whether all a cue reports is what its source acted on, named in the author's words: a
    noun phrase ("Warren praised *the deal*", "Rifkind echoed *virtually everything that he
    had said*", "*The deal* was criticized by Warren"), not a clause, an "as" phrase ("saw
    it as a mistake") or a name given to an object ("called him a liar")."""
    verb = _verb(view, cue_words)
    parts = objects = 0
    for c in view.children[verb]:
        if c in cue_words or view.words[c].deprel in _ASIDE_DEPS:
            continue
        rel = _base(view, c)
        if (rel not in _TARGET_DEPS or view.upos[c] not in NOUN_CLASSES
                or view.upos[view.subtree(c)[0]] == "SCONJ"  # a clause the parser hung on a noun ("reveals that ...")
                or any(view.lower[k] == "as" or _base(view, k) == "mark" for k in view.children[c])):
            return False
        parts += 1
        objects += rel in ("obj", "iobj")
    return parts > 0 and objects <= 1


def _minus(span: Span, holes: Iterable[Span]) -> list[Span]:
    """The word range ``span`` without the ranges ``holes``."""
    pieces = [span]
    for lo, hi in holes:
        pieces = [part for a, b in pieces
                  for part in ((a, min(b, lo - 1)), (max(a, hi + 1), b)) if part[0] <= part[1]]
    return pieces


def _trim(view: SentenceView, span: Span) -> Span | None:
    """A word range without punctuation, conjunctions and markers at its edges (quote marks
    stay, and so does a bracket closing one the range opens: "Sen. David Perdue (R-Ga.)")."""
    lo, hi = span

    def edge(k: int) -> bool:
        return view.upos[k] in ("PUNCT", "CCONJ") and view.lower[k] not in QUOTE_MARKS

    while lo <= hi and edge(lo):
        lo += 1
    while hi >= lo and edge(hi) and not (view.lower[hi] == ")" and "(" in view.lower[lo:hi]):
        hi -= 1
    return (lo, hi) if lo <= hi else None


def _quoted(view: SentenceView, span: Span, cue: int | None = None) -> bool:
    """Whether the word range ``span`` holds a quote mark, or lies inside a quote that closes
    before word ``cue`` ('“*Our assumption* is that ...,” McConnell said')."""
    marks = view.lower
    if any(marks[k] in QUOTE_MARKS for k in range(span[0], span[1] + 1)):
        return True
    return (cue is not None and any(marks[k] in QUOTE_MARKS for k in range(span[1] + 1, cue))
            and sum(marks[k] in QUOTE_MARKS for k in range(span[0])) % 2 == 1)


def _bare(view: SentenceView, span: Span) -> Span | None:
    """A source's word range trimmed as :func:`_trim` does, without a preposition or
    subordinator before it ("after the FBI") and without the quote marks at its edges that the
    parser hangs on it ('...,” Senate minority leader Harry Reid told').  The comma that closes
    an apposition stays, as PolNeAR marks it ("Brian Fallon, the campaign's press secretary*,*")."""
    trimmed = _trim(view, span)
    while trimmed and view.upos[trimmed[0]] in ("ADP", "SCONJ"):  # "after the FBI recommended"
        trimmed = _trim(view, (trimmed[0] + 1, trimmed[1]))
    while trimmed and (view.lower[trimmed[0]] in QUOTE_MARKS or view.lower[trimmed[1]] in QUOTE_MARKS):
        lo, hi = trimmed
        trimmed = _trim(view, (lo + (view.lower[lo] in QUOTE_MARKS), hi - (view.lower[hi] in QUOTE_MARKS)))
    if trimmed and trimmed[1] + 1 < len(view.words) and view.lower[trimmed[1] + 1] == "," and any(
            view.lower[k] == "," for k in range(*trimmed)):
        trimmed = (trimmed[0], trimmed[1] + 1)
    return trimmed


def _whole_name(view: SentenceView, span: Span) -> Span:
    """A subject's words with the proper nouns next to them that the parser hung elsewhere
    ("Ms." + "Moore", "Hillary" + "Clinton"; not a date: "Trump Tuesday")."""
    def name(k: int) -> bool:
        return 0 <= k < len(view.words) and view.upos[k] == "PROPN" and not (
            view.words[k].deprel or "").startswith(("obl", "nmod:tmod"))

    lo, hi = span
    while name(hi + 1):
        hi += 1
    while name(lo - 1):
        lo -= 1
    return lo, hi


#: Things a source issues, which report in its name ("His office put out a statement saying ...").
ISSUED = frozenset({"statement", "letter", "release", "email", "e-mail", "tweet", "message", "memo", "post", "note"})
#: The forms a report takes ("said *in a statement*", "wrote *on Twitter*"): what a source
#: issues, and the channels and exchanges it speaks in.  PolNeAR's annotators count them as
#: part of the cue about half the time or more (in its train and dev cues: statement 55 of 86
#: times, Twitter 14 of 22, interview 46 of 98); the places and events of a report ("at a
#: rally", "during the debate", "in a speech") they mostly leave out (rally 5 of 14, debate 4
#: of 16, speech 2 of 11).
MEDIA = ISSUED | {"interview", "call", "video", "column", "filing", "twitter", "facebook", "instagram"}

#: Reporting verbs whose noun right after them is the addressee ("Butz, 49, told The Huffington Post",
#: "..., asked his wife, ..."), never the source.
ADDRESSED = frozenset({"tell", "inform", "assure", "remind", "ask", "urge", "advise", "order", "thank"})

#: Dashes that set off a dateline or an aside inside a source's words (and a hyphen with a
#: space on each side: "BRUSSELS - European leaders").
DASHES = frozenset({"--", "–", "—", "―"})


def _dash(view: SentenceView, d: int) -> bool:
    """Whether word ``d`` is a dash (:data:`DASHES`), or a hyphen with a space on each side."""
    if view.upos[d] != "PUNCT":
        return False
    words = view.words
    return view.lower[d] in DASHES or (view.lower[d] == "-" and 0 < d < len(words) - 1
                                       and words[d - 1].end < words[d].start and words[d].end < words[d + 1].start)


def _named(view: SentenceView, k: int) -> Span:
    """The words that name the source headed by word ``k``: its subtree without a dateline
    ("WASHINGTON -- President Obama") or an aside set off by dashes ("The film ― which ...") and
    without a participle clause that says what the source was doing ("Donald Tusk, summing up
    the talks, said") or a time at its end ("Donald Trump on Sunday tweeted", but "The critics of
    the past week" are who they are)."""
    lo, hi = view.subtree(k)
    for d in range(lo, hi + 1):
        if _dash(view, d):
            dateline = lo == 0 and len(view.words[0].text) > 1 and view.words[0].text.isupper()
            lo, hi = (d + 1, hi) if d < k or dateline else (lo, min(hi, d - 1))
    for c in range(k + 1, hi + 1):
        if (view.words[c].xpos == "VBG" and _base(view, c) in ("acl", "advcl", "conj")
                and (view.head(c) == k or view.upos[view.head(c)] == "PROPN")):
            hi = min(hi, view.subtree(c)[0] - 1)
    for c in range(k + 1, hi + 1):
        if (view.lemma[c].lower() in TIME_NOUNS and _base(view, c) in ("obl", "nmod") and view.subtree(c)[1] == hi
                and not any(view.lower[x] == "of" for x in view.children[c])):
            hi = view.subtree(c)[0] - 1  # the time of the report: "Donald Trump on Sunday tweeted"
            break
    return _trim(view, (lo, hi)) or (k, k)


def _joined(view: SentenceView, node: int, subjects: list[int]) -> Span:
    """The words of the subject whose head is nearest to word ``node``, joined with the subjects
    next to it that only commas or a conjunction divide from it and that hold no quote.  The
    parser often gives each part of "Alan Cole, an economist at the Tax Foundation, said" its
    own subject relation, makes a quote before "said Sanders" a subject too, hangs the cue
    inside a subject ("The benefit, it says, is ...") and takes the addressee after "told" for
    a subject as well ("Butz, 49, told The Huffington Post"): after such a verb a subject
    before it, not a quote, is the source."""
    def clipped(c: int) -> Span:
        a, b = _named(view, c)
        if a <= node <= b:
            a, b = (a, node - 1) if c < node else (node + 1, b)
        return _trim(view, (a, b)) or (c, c)

    parts = sorted((clipped(c), c) for c in subjects)
    candidates = range(len(parts))
    if view.lemma[node] in ADDRESSED:  # the noun after "told" is whom the source told
        before = [n for n in candidates if parts[n][1] < node and not _quoted(view, parts[n][0])]
        candidates = before or candidates
    here = min(candidates, key=lambda n: abs(parts[n][1] - node))
    lo, hi = parts[here][0]

    def apart(gap: range, other: Span) -> bool:
        return (any(view.upos[k] not in ("PUNCT", "CCONJ") for k in gap)
                or any(view.lower[k] in QUOTE_MARKS or view.lower[k] == ":"
                       for k in range(min(gap.start, other[0]), max(gap.stop, other[1] + 1))))

    for (a, b), head in reversed(parts[:here]):
        # a name before a comma takes its apposition ("Alan Cole, an economist, said"); other
        # words before one, a weekday too, are a fronted part of the report ("All of this, he
        # acknowledges", "Friday, Bill Clinton announced")
        if apart(range(b + 1, lo), (a, b)) or ("," in view.lower[head:lo] and (
                view.upos[head] != "PROPN" or view.lemma[head].lower() in TIME_NOUNS)):
            break
        lo, hi = min(lo, a), max(hi, b)
    for (a, b), _ in parts[here + 1:]:
        if apart(range(hi + 1, a), (a, b)):
            break
        lo, hi = min(lo, a), max(hi, b)
    return lo, hi


def _apposition(view: SentenceView, span: Span) -> Span:
    """A source after its cue with the noun phrase that follows it after a comma, which the
    parser often hangs on the cue ("said Alan Cole, *an economist at the Tax Foundation*")."""
    lo, hi = span
    start = hi + 2
    if start >= len(view.words) or view.lower[hi + 1] != ",":
        return span
    phrase = max((m for m in range(start, len(view.words)) if view.subtree(m)[0] in (start - 1, start)),
                 key=lambda m: view.subtree(m)[1], default=None)
    if phrase is None or view.upos[phrase] not in ("NOUN", "PROPN"):
        return span
    end = view.subtree(phrase)[1]
    clause = any(_base(view, c) in ("nsubj", "cop", "aux", "mark") for c in view.children[phrase])
    if clause or _quoted(view, (start, end)):
        return span
    return _trim(view, (lo, end)) or span


#: Verbs of perception whose object does what their bare complement says ("I kept hearing some
#: politicians assert ...": the politicians assert).  Other objects are mostly not a complement's
#: subject as the parser reads them ("urged women to vote for", "said in a statement saying").
PERCEIVED = frozenset({"hear", "overhear", "see", "watch", "notice"})


def _subject(view: SentenceView, i: int) -> Span | None:
    """The source: the cue's subject, else (for "..., adding that", "saying") its host's,
    else (for "X, who said") the noun the relative clause modifies, else (for "a statement
    saying") whoever issued it; for a cue the parser gave no subject or the quote for a
    subject, the name beside it (:func:`_beside`)."""
    node = i
    for _ in range(3):
        subjects = [c for c in view.children[node] if view.words[c].deprel in SUBJECTS
                    and view.lemma[c].lower() not in TIME_NOUNS]  # "..., Mitch McConnell said Tuesday"
        if subjects:
            span = _whole_name(view, _joined(view, node, subjects))
            if _quoted(view, span, i):
                return _beside(view, i)  # the parser made the quote the subject of "explained"
            return _apposition(view, span) if span[0] > node else span
        if _child(view, node, ("nsubj:pass",), exact=True) is not None or (
                node == i and _base(view, i) == "xcomp" and _child(view, i, ("aux:pass",), exact=True) is not None):
            # a passive's subject is what is reported on ("... and the spectre is called PEGIDA"),
            # also the subject of the verb whose open complement it is ("The criminals *need to be
            # treated* as that")
            return None
        rel = _base(view, node)
        head = view.head(node)
        if rel in ("xcomp", "ccomp") and head is not None and view.lemma[head] in PERCEIVED:
            heard = _child(view, head, ("obj",), exact=True)  # "hearing some politicians assert that ..."
            if heard is not None and heard < node:
                return _trim(view, view.subtree(heard))
        if head is None:
            return _beside(view, i) if node == i else None
        if node == i and head < i and (rel in ("parataxis", "ccomp") or (
                rel == "conj" and view.lower[i - 1] in QUOTE_MARKS
                and _next_mark(view, i) >= len(view.words) - 1)):
            # "...,” explained attorney Edgar Martirosyan", and a verb and name that end the sentence
            # after a quote ('"...," reported Slate.'): not the quote's subject
            beside = _beside(view, i)
            if beside is not None:
                return beside
        if rel.startswith("acl"):
            if view.words[node].xpos == "VBN":
                return None  # a passive participle's noun is what is reported on ("a book called ...")
            if any(view.lower[c] == "to" and view.words[c].deprel == "mark" for c in view.children[node]):
                return None  # an infinitive's noun is what it serves ("a fashionable term to describe ...")
            issued = head
            while _base(view, issued) == "nmod" and view.head(issued) is not None:
                issued = view.head(issued)  # "a series of tweets saying ..."
            issuer = view.head(issued)
            if view.lemma[head] in ISSUED and _base(view, issued) == "obj" and issuer is not None:
                node = issuer  # "His office put out a statement saying ...": whoever put it out
                continue
            return _trim(view, (view.subtree(head)[0], view.subtree(node)[0] - 1))
        if rel not in ("advcl", "xcomp", "conj", "ccomp", "parataxis"):
            return None
        node = head
    return None


#: The most words a source the parser lost may have (:func:`_beside`).
MAX_BESIDE_WORDS = 15


def _beside(view: SentenceView, i: int) -> Span | None:
    """The source of a reporting verb that the parser gave no subject, or the quote for its
    subject (it hung the name elsewhere): the words between the quote before the verb and the
    verb ('...,” Jenna Golden, Twitter’s director, said'), those after a verb that follows a
    quote, to the next mark ('...,” said the former top aide to President George W. Bush.'),
    or, with no quote before it, the words after the last comma when they hold a proper noun
    ('In a letter filed Monday, FBI general counsel James Baker said'); each only when it
    reads as a name: a noun and no verb."""
    def name(span: Span | None) -> Span | None:
        return span if span is not None and _reads_as_name(view, span) else None

    quote = next((k for k in range(i - 1, -1, -1) if view.lower[k] in QUOTE_MARKS), None)
    if quote is not None and quote < i - 1:
        return name(_trim(view, (quote + 1, i - 1)))
    if quote is not None and i + 1 < len(view.words):
        end = _next_mark(view, i)
        return name(_trim(view, (i + 1, end - 1))) if end > i + 1 else None
    comma = next((k for k in range(i - 1, -1, -1) if view.lower[k] == ","), None)
    if comma is not None and comma < i - 1 and "PROPN" in view.upos[comma + 1:i]:
        return name(_trim(view, (comma + 1, i - 1)))
    return None


def _next_mark(view: SentenceView, i: int) -> int:
    """The first punctuation mark after word ``i`` but a hyphen (or the sentence's length)."""
    return next((k for k in range(i + 1, len(view.words)) if view.upos[k] == "PUNCT" and view.lower[k] != "-"),
                len(view.words))


def _reads_as_name(view: SentenceView, span: Span) -> bool:
    """Whether a word range reads as a name a parser may have lost: fewer than
    :data:`MAX_BESIDE_WORDS` words, a noun among them and no verb."""
    if span[1] - span[0] >= MAX_BESIDE_WORDS:
        return False
    # a verb after a hyphen is part of a compound ("Los Angeles-based attorney")
    tags = {view.upos[k] for k in range(span[0], span[1] + 1) if not (k and view.lower[k - 1] == "-")}
    return bool(tags & {"NOUN", "PROPN"}) and not tags & {"VERB", "AUX"}


def _inverted(view: SentenceView, i: int):
    """A reporting verb with its source after it, set off by commas inside or after the words
    it reports ("The economy, *says* Smith, is in trouble", "All empires begin, *writes* Glubb,
    with ..."): the parser rarely reads the inversion, so the words decide; the content is
    the rest of the sentence."""
    if (i < 2 or view.lower[i - 1] != "," or view.words[i].xpos not in ("VBZ", "VBD", "VBP", "VB")
            or view.lemma[i] in ADDRESSED):
        return None  # "He came home, told his wife, and left": the noun is whom he told
    if any(_base(view, c) == "cc" and view.lower[c] in ("and", "or") for c in view.children[i] if c < i):
        return None  # a coordinated verb and its object: "will fuel a backlash and, more than likely, claim victims"
    subjects = list(_children(view, i, SUBJECTS))
    if any(c > i for c in subjects) or QUOTE_MARKS.intersection(view.lower[:i]):
        return None  # a subject after the verb, or a quote before it: the other frames read these
    end = _next_mark(view, i)
    if end == i + 1 or (end < len(view.words) and view.lower[end] not in (",", ".", ";")):
        return None
    source = _trim(view, (i + 1, end - 1))
    if (source is None or not _reads_as_name(view, source) or view.upos[source[0]] == "ADP"
            or TIME_NOUNS.intersection(view.lemma[source[0]:source[1] + 1])):
        return None  # "..., said at an event", "..., said Friday"
    if view.words[i].xpos == "VB" and view.words[source[1]].xpos not in ("NNS", "NNPS"):
        return None  # the tagger takes "say" after "will fail" for a bare verb; "..., say hello" is one
    if subjects and not (
            end + 1 < len(view.words) and view.lower[end] == "," and view.upos[end + 1] in ("VERB", "AUX")):
        return None  # "A review of reports by the agency, SIGAR, reveals the depth": its own subject, unless
        # the clause it cuts resumes after it ("The economy, says Smith, is in trouble")
    before = _trim(view, (0, i - 2))
    after = _trim(view, (end + 1, len(view.words) - 1)) if end + 1 < len(view.words) else None
    return [i], source, [c for c in (before, after) if c]


def _heads(view: SentenceView, span: Span) -> list[int]:
    """The head of a source's word range and the names in apposition to it ("the main allies
    of the US, *Chile* and Colombia"), which a rule's ``source`` test reads."""
    head = next((k for k in range(span[0], span[1] + 1)
                 if not span[0] <= (view.head(k) if view.head(k) is not None else -1) <= span[1]), span[0])
    return [head, *(c for c in view.children[head] if _base(view, c) == "appos" and c <= span[1])]


#: Words that open a relative clause on a person or body.
RELATIVES = frozenset({"who", "whom", "whose", "which"})
#: Relative pronouns that stand as the subject of a clause on a thing ("a series that tells ...").
THING_RELATIVES = frozenset({"that", "which"})


def _relative(view: SentenceView, i: int, source: Span | None) -> int | None:
    """The complement of cue ``i`` that is a relative clause on its source right after it, which
    the parser often hangs on the cue ("Victor Cha, *who served as ...*, said", "said Sanders,
    *whose campaign ...*"): PolNeAR counts it as part of the source."""
    first = source[1] + 2 if source else len(view.words)  # "," then "who"
    if first >= len(view.words) or view.lower[first - 1] != "," or view.lower[first] not in RELATIVES:
        return None
    return next((c for c in view.children[i] if _base(view, c) in ("ccomp", "parataxis")
                 and view.subtree(c)[0] in (first - 1, first)), None)


def _with_relative(view: SentenceView, source: Span | None, relative: int | None) -> Span | None:
    """A source's word range run on to the end of its relative clause (:func:`_relative`)."""
    if relative is None or source is None:
        return source
    clause = _trim(view, view.subtree(relative))
    return (source[0], clause[1]) if clause else source


def _source(view: SentenceView, i: int) -> tuple[Span | None, int | None]:
    """The source of cue ``i`` (:func:`_subject`) run on to its relative clause, and that
    clause's head (:func:`_relative`), which is then no complement of the cue."""
    source = _subject(view, i)
    relative = _relative(view, i, source)
    return _with_relative(view, source, relative), relative


def _adverbial_or_aside(view: SentenceView, c: int, source: Span | None) -> bool:
    """Whether clause ``c``, which the parser hung on a cue before it, is no report but an aside
    inside the source ("Mr. Manafort, *citing ...*, said", "Biden, *who was to travel ...*,
    said") or an adverbial clause ("*Asked if she believed ...*, Clinton said", "*Though he
    has heralded plans ...*, experts say"): words opened by a preposition or subordinator, or
    a clause with no subject of its own, and no quote."""
    span = view.subtree(c)
    if source is not None and source[0] < span[0]:
        return True
    return not _quoted(view, span) and (view.upos[span[0]] in ("ADP", "SCONJ") or not _has_subject(view, c))


def _has_subject(view: SentenceView, c: int) -> bool:
    """Whether clause ``c`` has a subject of its own (a participle such as "adding" has none)."""
    return _child(view, c, ("nsubj", "csubj")) is not None


def _second_act(view: SentenceView, i: int, c: int) -> bool:
    """Whether word ``c``, hung on cue ``i``, is a participle after the cue and a comma, with no
    subject: a second act of the source's, which reports on its own or not at all ('"We need
    change," the businessman said, *arguing that* ...', "she said, *smiling*"), not what was said."""
    return c > i and view.words[c].xpos == "VBG" and view.lower[c - 1] == "," and not _has_subject(view, c)


def _complement(view: SentenceView, i: int, deprels=("ccomp", "parataxis")):
    complements = list(_children(view, i, deprels))
    if not complements and "ccomp" in deprels:
        # "It was announced in November that the city had decided ...": the clause of a passive
        # report with "it", or (words coming between) an adverbial clause as the parser often reads it
        complements = [*_children(view, i, ("csubj:pass",), exact=True), *(
            c for c in _children(view, i, ("advcl",), exact=True)
            if any(view.lower[m] == "that" and view.words[m].deprel == "mark" for m in view.children[c]))]
    # "Congress writes the law, the president executes the law": a clause set beside a verb that
    # has its own object is the next item of a list, not what was said
    complements = [c for c in complements if not (_base(view, c) == "parataxis" and c > i and any(
        _base(view, o) == "obj" and view.upos[o] != "PRON" and i < o < c for o in view.children[i]))]
    # a clause of ", which" says something of a noun, not what was said ('"us or them" thinking -
    # not just in the attacks on mosques, *which have already begun*')
    complements = [c for c in complements if not any(
        view.words[k].deprel in SUBJECTS and view.lower[k] == "which" and k > 0 and view.lower[k - 1] == ","
        for k in view.children[c])]
    complements = [c for c in complements if not _second_act(view, i, c)]
    if not complements:
        return None
    source, relative = _source(view, i)
    complements = [c for c in complements if c != relative]
    if not complements:
        return None
    content = complements[0]
    # with its source before it, a cue says the clause after it ("Asked if ..., Clinton said
    # she ..."), not an aside or adverbial before it (:func:`_adverbial_or_aside`); a clause
    # after it with no subject is a second act ("..., adding that")
    after = next((c for c in complements if c > i and _has_subject(view, c)), None)
    passed_over = (after is not None and content < i and source is not None and source[1] < i
                   and _adverbial_or_aside(view, content, source))
    content = after if passed_over else content
    lo, hi = view.subtree(content)
    if passed_over:
        # words before the cue that the parser hung on that clause are no part of it ("Biden,
        # who was to travel ... on Wednesday to promote the rules, said they touched on ...")
        lo = max(lo, i + 1)
    for c in view.children[i]:  # "argued that A and that B": the second clause, hung on the cue, is said too,
        # and so is the rest of one clause that the parser split in two ("have shown that *having* | *a gun is
        # the safest option*")
        if c > hi and c != relative and _base(view, c) in ("ccomp", "conj") and (any(
                view.lower[m] == "that" and _base(view, m) == "mark" and m > hi for m in view.children[c])
                or (_base(view, c) == "ccomp" and view.subtree(c)[0] == hi + 1)):
            hi = view.subtree(c)[1]
    subjects = [c for c in view.children[i] if view.words[c].deprel in SUBJECTS]
    if hi < i and any(hi < s < i for s in subjects):
        # a second subject right before the clause is the clause's own ('Mills "got an immunity
        # agreement," Jordan said': the parser hung both names on "said")
        first = next((s for s in subjects if s < lo and all(
            view.upos[k] == "PUNCT" for k in range(view.subtree(s)[1] + 1, lo))), None)
        lo = lo if first is None else view.subtree(first)[0]
    return _cue_words(view, i), source, [(lo, hi)]


def _heard(view: SentenceView, i: int):
    """The complement frame with nobody named: the subject is whoever heard it ("We hear all
    too often that ..."), not who said it."""
    found = _complement(view, i)
    return found and (found[0], None, found[2])


def _intention(view: SentenceView, i: int):
    return _complement(view, i, ("xcomp",))


#: Verbs of an aside of "as" that give the host clause as their subject's view, not as what the
#: author asserts: "As far as Ankara is concerned, US credibility is bankrupt".
VIEWPOINTS = frozenset({"concerned"})


def _aside(view: SentenceView, i: int) -> bool:
    """Whether word ``i`` reports in an aside of "as" ("As Reagan noted, ..."): not a clause
    with a complement of its own, which says what it is about ("As population continues
    *towards 10 million*, ...", "as he showed *the letter*")."""
    return (_base(view, i) == "advcl" and any(view.lower[c] == "as" for c in view.children[i])
            and not any(_complements(view, c) for c in view.children[i]))


def _complements(view: SentenceView, k: int) -> bool:
    """Whether word ``k`` completes its verb: a clause (not an adjective, "as the U.S. made
    *clear*"), an object other than a pronoun ("as he told *us*" still reports), or a phrase
    whose preposition is not one of a report's form, place or time ("as she said *in a
    statement*", "as he said *at the time*")."""
    rel = _base(view, k)
    return (rel == "ccomp" or (rel == "xcomp" and view.upos[k] == "VERB") or (rel == "obj" and view.upos[k] != "PRON")
            or (rel == "obl" and not any(view.words[c].deprel == "case" and view.lower[c] in FORM_CASES
                                         for c in view.children[k]) and view.upos[k] != "PROPN"))


def _adopted(view: SentenceView, i: int) -> bool:
    """Whether word ``i`` reports in an aside of "as" whose host clause the author asserts,
    citing someone for it ("As Reagan noted, ..."), not someone's view ("As far as Ankara is
    concerned, ...")."""
    return _aside(view, i) and view.lower[i] not in VIEWPOINTS


def _tail(view: SentenceView, i: int):
    """A reporting clause that ends its sentence after a comma, read from the words because
    the parser made it the root and the clause it reports a subject of it ("Secret Service
    protocol called for ..., sources said."): the subject right before the verb is the source,
    the words before the comma the content.  A colon after the verb points to what follows
    instead ("In the text of the post, Wallnau wrote:")."""
    cue = _cue_words(view, i)
    if view.lower[cue[-1]] == ":" or any(view.upos[k] != "PUNCT" for k in range(cue[-1] + 1, len(view.words))):
        return None
    source = next((c for c in view.children[i] if view.words[c].deprel in SUBJECTS
                   and view.subtree(c)[1] == cue[0] - 1), None)
    if source is None:
        return None
    span = _trim(view, view.subtree(source))  # the parser may hang the comma on the source
    if span is None or span[0] < 2 or view.lower[span[0] - 1] != ",":
        return None
    return cue, _whole_name(view, span), [(0, span[0] - 2)]


def _host(view: SentenceView, i: int):
    """A reporting clause set off from the clause it reports and hung on it ("The plan failed,
    officials said", "as X noted, ..."), or ending its sentence as the root (:func:`_tail`)."""
    head = view.head(i)
    if head is None:
        return _tail(view, i)
    aside = _aside(view, i)
    if (not (aside or _base(view, i) in ("parataxis", "ccomp"))
            or _child(view, i, ("ccomp",)) is not None or _child(view, i, SUBJECTS, exact=True) is None):
        return None  # a reporting clause of its own: "..., officials said", not "..., saying"
    if any(view.lower[c] in THING_RELATIVES for c in _children(view, i, SUBJECTS, exact=True)):
        return None  # a relative clause on the noun before it ('a series, "Sacred Journeys," that tells the story')
    if view.words[i].start < view.words[head].start and not aside:
        return None  # the host clause follows: "he said the plan failed" is the complement frame's
    if any((_base(view, c) == "xcomp" and view.upos[c] != "ADJ")  # "as the U.S. made clear" still reports
           or (_base(view, c) == "obj" and view.upos[c] != "PRON" and view.lemma[i] not in ADDRESSED)
           for c in view.children[i]):
        return None  # a clause of its own after a comma: "..., the juggernaut shows no sign of slowing down"
    lo, hi = view.subtree(i)
    if head < i and lo < head:
        # the parser hung the host's subject on the reporting verb too ("The program, which was
        # created in 1990, has expanded ..., they say"): the reporting clause starts after the host
        lo = min([i] + [view.subtree(c)[0] for c in view.children[i] if c > head])
    if not (aside or view.upos[lo] == "PUNCT" or (lo > 0 and view.upos[lo - 1] == "PUNCT")):
        return None  # not set off from its head: "Clinton said she thinks ..." reports inside the head's content
    # "As far | as Ankara is concerned": the parser hangs the first half on the host clause
    lo = next((view.subtree(c)[0] for c in view.children[head]
               if view.lower[c] == "far" and view.subtree(c)[1] == lo - 1), lo)
    return _cue_words(view, i), _subject(view, i), _minus(view.subtree(head), [(lo, hi)])


def _quoting(view: SentenceView, i: int):
    """"To quote X, ..." or "To paraphrase X, ...": X, the object, is the source, the host
    clause the content."""
    head, source = view.head(i), _child(view, i, ("obj",), exact=True)
    if (head is None or source is None or _base(view, i) != "advcl"
            or not any(view.lower[c] == "to" for c in view.children[i])):
        return None
    lo, hi = view.subtree(i)
    cue = [k for k in range(lo, i + 1) if view.lower[k] == "to" or k == i]
    return cue, _whole_name(view, _trim(view, view.subtree(source)) or (source, source)), _minus(
        view.subtree(head), [(lo, hi)])


def _according(view: SentenceView, i: int):
    if i + 1 >= len(view.words) or view.lower[i + 1] != "to":
        return None
    source = view.head(i)
    # the parser may hang "according" on the first word of a name ("according to *NYPD*
    # Commissioner James O'Neill"): the source is the whole name, up to its head
    while source is not None and _base(view, source) in ("compound", "flat") and (view.head(source) or 0) > source:
        source = view.head(source)
    if source is None or source <= i + 1:
        return None
    if i > 0 and view.upos[i - 1] != "PUNCT" and view.upos[source] != "PROPN":
        return None  # "in accordance with", run on from its verb: "arranged according to weight"
    source_span = (i + 2, view.subtree(source)[1])
    host = view.head(source)
    whole = view.subtree(host) if host is not None else (0, len(view.words) - 1)
    content = _minus(whole, [(min(i, view.subtree(source)[0]), source_span[1])])
    if i >= 2 and view.lower[i - 1] == "," and not any(lo <= i - 2 <= hi for lo, hi in content):
        # the parser hung the phrase on what follows it ("..., according to the Tax Policy
        # Center - half a percentage point of GDP"): what it reports is the clause before its comma
        before = _trim(view, (0, i - 2))
        content = [before] if before else content
    return [i, i + 1], source_span, content


def _by(view: SentenceView, i: int) -> int | None:
    """The "by" phrase after word ``i`` (an ``obl:agent`` or ``obl`` with "by"); one before it is a
    manner or a measure ("By any measure, religion is challenged")."""
    return next((c for c in view.children[i] if c > i and _base(view, c) == "obl"
                 and any(view.lower[k] == "by" for k in view.children[c])), None)


#: Prepositions of what someone is blamed or praised for, which a gerund clause after the agent
#: of a passive belongs to ("accused by local police *of selling* cigarettes").
GROUNDS = frozenset({"of", "for"})


def _agent_words(view: SentenceView, agent: int) -> Span:
    """The words of a "by" phrase (:func:`_by`) without its "by": who did it, up to a gerund
    clause of :data:`GROUNDS` that the parser hung on them, which tells what they did it for."""
    lo, hi = view.subtree(agent)
    for c in view.children[agent]:
        if (c > agent and _base(view, c) == "acl" and view.words[c].xpos == "VBG"
                and any(k < c and view.lower[k] in GROUNDS for k in view.children[c])):
            hi = min(hi, view.subtree(c)[0] - 1)
    return (lo + 1, hi) if view.lower[lo] == "by" else (lo, hi)


def _clause(view: SentenceView, i: int):
    agent = _by(view, i)
    if agent is not None:
        source = _agent_words(view, agent)
        holes = [(view.subtree(agent)[0], source[1])]
    else:
        source = _subject(view, i)
        holes = [source] if source else []
    if source is None:
        return None  # "The plan was described as a failure": nobody is reported
    return _rest_of_clause(view, i, source, holes)


#: Adverbs that open an adverbial clause as its subordinator would ("*when* Williams explained ...").
SUBORDINATING_ADVERBS = frozenset({"when", "where", "whenever"})


def _rest_of_clause(view: SentenceView, i: int, source: Span | None, holes: list[Span]):
    """Cue ``i`` with its cue words, ``source`` and the rest of its own clause, without
    ``holes`` and second acts (:func:`_second_act`), as the content (``None`` when nothing is left)."""
    cue = _cue_words(view, i, oblique=True)
    # the subordinator that opens the cue's own clause, with an adverb right before it, is no
    # part of what was said ("*when* Williams explained ...", "*even though* they disclosed ...")
    marks = [c for c in view.children[i] if c < i and (
        _base(view, c) == "mark" or (view.words[c].deprel == "advmod" and view.lower[c] in SUBORDINATING_ADVERBS))]
    marks += [c for c in view.children[i] if view.words[c].deprel == "advmod" and c + 1 in marks]
    acts = [view.subtree(c) for c in view.children[i] if _second_act(view, i, c)]
    content = _minus(view.subtree(i), [*holes, *acts, *((k, k) for k in [*marks, *cue])])
    return (cue, source, content) if content else None


def _passive(view: SentenceView, i: int):
    """A passive report without a "by" phrase ("The CSU has been accused of showing ..."):
    the clause is the content, and nobody is named."""
    if _by(view, i) is not None or _child(view, i, ("aux:pass",), exact=True) is None:
        return None
    return _rest_of_clause(view, i, None, [])


#: Dependents that belong to a noun's own phrase, not to the clause it heads.
NOUN_PHRASE = frozenset({"det", "amod", "compound", "nummod", "nmod", "flat"})


def _agent(view: SentenceView, i: int):
    agent = _by(view, i)
    if agent is None:
        return None
    head = view.head(i)
    if (_base(view, i) != "acl" or head is None or view.subtree(i)[0] < head
            or _child(view, i, ("nsubj",)) is not None):  # a clause of its own: "a recognition that X was defended by Y"
        return _clause(view, i)
    # "the recovery *promised by the minister*": what was promised is the noun the participle describes
    edges = [head, *(edge for c in view.children[head] if c != i and _base(view, c) in NOUN_PHRASE
                     for edge in view.subtree(c))]  # the first and last word of each part of the phrase
    content = _minus((min(edges), max(edges)), [view.subtree(i)])
    return (_cue_words(view, i, oblique=True), _agent_words(view, agent), content) if content else None


#: Word classes that say nothing on their own: a content of only these ("as the Taliban ruled") reports nothing.
_EMPTY_UPOS = frozenset({"ADP", "SCONJ", "CCONJ", "DET", "PART", "PUNCT", "AUX"})


def _says_something(view: SentenceView, span: Span) -> bool:
    """Whether a word range holds a word of content, not only markers and function words."""
    return any(view.upos[k] not in _EMPTY_UPOS for k in range(span[0], span[1] + 1))


def _says_something_in(view: SentenceView, spans: list[Span]) -> bool:
    """Whether character spans hold a word of content of the sentence of ``view``, or reach
    beyond that sentence."""
    sentence = view.sentence
    return any(not (sentence.start <= s and e <= sentence.end) or any(
        view.upos[k] not in _EMPTY_UPOS for k, w in enumerate(view.words) if s <= w.start and w.end <= e)
        for s, e in spans)


#: Prepositions that bring in who made a statement ("a claim *by* critics", "the consensus *among* experts").
MAKERS = frozenset({"by", "from", "among"})
#: Verbs whose object a statement usually is, so that "that" before them opens a relative
#: clause, not what was stated ("the statement that he *made*", "the report that they *published*").
MADE = frozenset({"make", "issue", "release", "give", "read", "write", "publish", "file", "deliver", "sign",
                  "send", "post", "hear", "see", "receive", "cite", "present", "offer", "put", "generate",
                  "raise", "voice", "express", "repeat", "echo", "spread", "reject", "dismiss", "deny", "reach",
                  "strike", "negotiate", "broker"})


def _stated(view: SentenceView, i: int) -> int | None:
    """The clause of "that" that says what noun ``i`` states ("the claim *that the law is unjust*",
    "The consensus is *that China's claims ...*"), which the parser hangs on the noun as a
    relative or complement clause, or (after a copula) makes the head of the noun."""
    for c in view.children[i]:
        lo = view.subtree(c)[0]
        if (c > i and _base(view, c) in ("acl", "ccomp") and view.lower[lo] == "that"
                and any(_base(view, k) == "nsubj" and k != lo for k in view.children[c])
                and view.lemma[c] not in MADE):
            return c
    head = view.head(i)
    if head is None or head < i or view.words[i].deprel not in SUBJECTS:
        return None
    copula = next((c for c in view.children[head] if view.words[c].deprel == "cop" and i < c), None)
    if copula is not None and any(view.lower[c] == "that" and view.words[c].deprel == "mark" and copula < c
                                  for c in view.children[head]):
        return head  # "The consensus *is* that ...", not "... said that his statement was true"
    return None


def _noun(view: SentenceView, i: int):
    """A noun of saying or finding with the clause it states ("Abbas's *statement* that he had
    postponed the vote", "the *consensus* among experts is that ..."): the clause is the
    content; its maker (:func:`_maker`) is the source, when one is named."""
    content = _stated(view, i)
    if content is None:
        return None
    lo = view.subtree(content)[0]
    start = lo if content != view.head(i) else next(
        c for c in view.children[content] if view.lower[c] == "that" and view.words[c].deprel == "mark")
    return [i], _maker(view, i, start), [(start + 1, view.subtree(content)[1])]


def _maker(view: SentenceView, i: int, end: int) -> Span | None:
    """Who made the statement noun ``i`` names, before word ``end``: its possessor ("his
    claim", "Abbas's recent statement", also where the parser hung the possessor elsewhere),
    a name before it ("White House reports") or a "by", "from" or "among" phrase after it."""
    for c in view.children[i]:
        rel = view.words[c].deprel or ""
        if c < i and (rel == "nmod:poss" or (rel == "compound" and view.upos[c] == "PROPN")):
            return _whole_name(view, _trim(view, view.subtree(c)) or (c, c))
        if i < c < end and _base(view, c) == "nmod" and any(view.lower[m] in MAKERS for m in view.children[c]):
            lo, hi = view.subtree(c)
            return _trim(view, (lo + 1, hi))
    k = i - 1
    while k > 0 and view.upos[k] in ("ADJ", "ADV"):
        k -= 1  # "Abbas's *recent* statement"
    if k > 0 and view.words[k].deprel == "case" and view.lower[k] in ("'s", "’s", "'", "’"):
        return _whole_name(view, (k - 1, k - 1))[0], k
    return None


def _hearsay(view: SentenceView, i: int):
    """An adverb that puts its clause on someone else's word ("Iran *reportedly* lost $26bn"):
    the clause is the content, and nobody is named."""
    head = view.head(i)
    if head is None or _base(view, i) != "advmod":
        return None
    return [i], None, _minus(view.subtree(head), [(i, i)])


def _evidential(view: SentenceView, i: int):
    """How something appears, with nobody named ("The statistics *appear* to be fabricated",
    "Trump's supporters *seemed* unperturbed"): the subject and the open complement are the
    content, there is no source, and the author asserts it (:data:`ASSERTED_FRAMES`); not in a
    clause that reports or qualifies something else ("who seemed confused", "said it seems")."""
    subject = next((c for c in view.children[i] if view.words[c].deprel in SUBJECTS), None)
    complement = _child(view, i, ("xcomp",))
    if subject is None or complement is None or complement < i or _base(view, i) not in ("root", "conj", "advcl"):
        return None
    span = _trim(view, view.subtree(subject))
    return _cue_words(view, i), None, [c for c in (span, view.subtree(complement)) if c]


#: Frames whose content the author asserts, hedged by the cue: moves in it keep the author's voice.
ASSERTED_FRAMES = frozenset({"evidential"})


def _a_name(word: Word) -> bool:
    """Whether the tagger reads ``word`` as (part of) a name: a proper noun, or a noun of a
    title-case headline, whose lemma keeps the capital."""
    return word.upos == "PROPN" or (word.lemma or "")[:1].isupper()


def _colon(view: SentenceView, i: int):
    """A headline or opening line "Trump: Cruz has a long way to go", or a speaker in a quoted
    transcript ('"PENCE: Well, look, ...'): a short name before a colon."""
    first = 1 if view.lower[0] in QUOTE_MARKS else 0
    if view.lower[i] != ":" or not first < i <= first + 5 or i + 1 == len(view.words) - 1:
        return None
    name = [view.upos[k] for k in range(first, i)]
    # a label in capitals ("PENCE:", "A:") names a speaker only where it opens turns (attribution._turns)
    proper = any(_a_name(view.words[k]) or view.words[k].text.isupper() for k in range(first, i))
    if not proper or not all(upos in ("PROPN", "NOUN", "ADJ", "DET", "PART") for upos in name):
        return None
    # a colon that ends its sentence leaves the content to the next one (see attribution.AttributionFinder.find)
    return [i], (first, i - 1), [(i + 1, len(view.words) - 1)] if i + 1 < len(view.words) else []


#: Frames read over the whole text, not sentence by sentence: quotes, their signatures and lead-ins.
OVER_TEXT = frozenset({"dash", "lead-in", "quote"})


def _over_text(view: SentenceView, i: int):
    return None  # quotes are joined over the whole text, in attribution.AttributionFinder.find


FRAMES: dict[str, Frame] = {
    "complement": _complement, "heard": _heard, "intention": _intention, "host": _host, "inverted": _inverted,
    "according": _according, "quoting": _quoting, "noun": _noun, "clause": _clause, "agent": _agent,
    "passive": _passive, "hearsay": _hearsay, "colon": _colon, "dash": _over_text, "lead-in": _over_text,
    "quote": _over_text, "evidential": _evidential,
}

def _read(view: SentenceView, i: int, frame: str) -> tuple[list[int], Span | None, list[Span]] | None:
    """What ``frame`` finds for cue word ``i``, its source stripped and its content trimmed
    to the parts that say something outside the source; ``None`` when it finds nothing (a cue
    that ends its sentence may leave the content to the next one)."""
    found = FRAMES[frame](view, i)
    if found is None:
        return None
    cue_words, source, content = found
    # the parser may take an apposition on the source for the cue's complement ('"...," says Ronald
    # Bell, *the group's saxophonist*'): a part inside the source is no content
    content = [c for c in (_trim(view, part) for part in content) if c and _says_something(view, c)
               and not (source and source[0] <= c[0] and c[1] <= source[1])]
    if not content and cue_words[-1] != len(view.words) - 1:
        return None
    return cue_words, _bare(view, source) if source else None, content

