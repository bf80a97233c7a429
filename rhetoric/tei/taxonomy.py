"""Definitions written into TEI headers besides the move categories: UD relations, entity types."""

from __future__ import annotations

#: Universal Dependencies relations (UD v2) and the English subtypes of UD English-EWT.
UD_RELATIONS = [
    ("acl", "clausal modifier of noun"), ("acl:relcl", "relative clause modifier"),
    ("advcl", "adverbial clause modifier"), ("advcl:relcl", "adverbial relative clause"),
    ("advmod", "adverbial modifier"), ("amod", "adjectival modifier"), ("appos", "appositional modifier"),
    ("aux", "auxiliary"), ("aux:pass", "passive auxiliary"), ("case", "case marking"),
    ("cc", "coordinating conjunction"), ("cc:preconj", "preconjunct"), ("ccomp", "clausal complement"),
    ("clf", "classifier"), ("compound", "compound"), ("compound:prt", "phrasal verb particle"),
    ("conj", "conjunct"), ("cop", "copula"), ("csubj", "clausal subject"),
    ("csubj:outer", "outer clausal subject"), ("csubj:pass", "clausal passive subject"),
    ("dep", "unspecified dependency"), ("det", "determiner"), ("det:predet", "predeterminer"),
    ("discourse", "discourse element"), ("dislocated", "dislocated element"), ("expl", "expletive"),
    ("fixed", "fixed multiword expression"), ("flat", "flat multiword expression"),
    ("goeswith", "goes with"), ("iobj", "indirect object"), ("list", "list"), ("mark", "marker"),
    ("nmod", "nominal modifier"), ("nmod:desc", "descriptive nominal modifier"),
    ("nmod:npmod", "noun phrase as adverbial modifier"), ("nmod:poss", "possessive nominal modifier"),
    ("nmod:tmod", "temporal modifier"), ("nmod:unmarked", "unmarked nominal modifier"),
    ("nsubj", "nominal subject"), ("nsubj:outer", "outer nominal subject"),
    ("nsubj:pass", "nominal passive subject"), ("nummod", "numeric modifier"), ("obj", "object"),
    ("obl", "oblique nominal"), ("obl:agent", "agent in a passive"), ("obl:npmod", "oblique noun phrase modifier"),
    ("obl:tmod", "temporal oblique"), ("obl:unmarked", "unmarked oblique"), ("orphan", "orphan"),
    ("parataxis", "parataxis"), ("punct", "punctuation"), ("reparandum", "overridden disfluency"),
    ("root", "root"), ("vocative", "vocative"), ("xcomp", "open clausal complement"),
]

#: Entity types of Stanza's English NER models (OntoNotes) and of CoNLL-2003.
NER_TYPES = [
    ("PER", "person"), ("PERSON", "person"), ("ORG", "organisation"), ("LOC", "location"),
    ("GPE", "geo-political entity"), ("MISC", "miscellaneous"), ("NORP", "nationality, religious or political group"),
    ("FAC", "facility"), ("PRODUCT", "product"), ("EVENT", "event"), ("WORK_OF_ART", "work of art"),
    ("LAW", "law"), ("LANGUAGE", "language"), ("DATE", "date"), ("TIME", "time"), ("PERCENT", "percentage"),
    ("MONEY", "money"), ("QUANTITY", "quantity"), ("ORDINAL", "ordinal"), ("CARDINAL", "cardinal number"),
]
