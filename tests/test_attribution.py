"""Attribution relations and voices, through the real compact pipeline."""

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import rhetoric
from rhetoric.evaluation import evaluate
from rhetoric.profile import profile
from rhetoric.rules.quotes import quotations

from .conftest import shared

TEXTS = {
    "multi": '"We will win this fight. We must cut taxes now," Trump said at the rally.',
    "inverted": '"The plan will fail," said the senator.',
    "scare": 'The so-called "reform" changed nothing for the poor.'
             ' For the mayor, with the race tightening, there is no better time for Boston\'s mayor to act "mayoral"'
             ' and remind voters of her record on crime.',
    "title": 'His eight books include "More Guns, Less Crime: Understanding Gun Control Laws."',
    "nospace": '"I hope people don\'t abuse it and shove it in our face,"Crystal continued.',
    "paragraphs": '“The first thing is the money.\n\n“The second thing is the time,” the mayor said.',
    "according": "According to the World Bank, poverty fell by half.",
    "author": "I said that the plan would fail. We must act now.",
    "cues": "The mayor has also said that taxes will rise. The unions called for a strike over the cuts.",
    "as far as": "As far as Ankara is concerned, US credibility in the Middle East is bankrupt.",
    "unnamed": "We hear all too often that girls' schools are facing closure. To quote Michael Hayden, the plan"
               " was sound. The CSU has been accused of showing too much understanding for PEGIDA.",
    "hearsay stance": "Iran reportedly lost some $26bn in oil revenue in 2012. Iran probably lost some $26bn in 2013.",
    "quoted act": 'They told the city to find a "more appropriate, more inclusive theme" for the parade.'
                  ' They told the crowd the "truth".',
    "statement nouns": "Critics mocked Mahmoud Abbas's recent statement that he had postponed the vote."
                       " The consensus among independent experts is that the claims are baseless."
                       " The statement that he made on Monday was short. Our claim that the law is unjust stands.",
    "cue edges": "He has since said that he was wrong. When asked, they said that the law was unjust."
                 " Will it finally acknowledge that the threat is real?",
    "colon": 'The mayor said: "Taxes will rise next year for everyone."',
    "names": "Ms. Moore said the campaign was ready. Sen. Ann Day (R-Ga.) said the vote would fail.",
    "dated": "The senator said Friday that the bill would pass. Officials said last week the talks would resume.",
    "aside": "As Reagan noted, government too often makes problems worse. As the minister rightly says, we must act now."
             ' As the senator put it, "We have to get this report out. We must act now."',
    "hearsay": "Iran reportedly lost some $26bn in oil revenue. It is fair to say that the plan failed.",
    "signed": "“He is ignorant of our culture and our lives.” ― Pamela Padilla\n“We need jobs.” ― Carla Sanchez",
    "apposition": '"Taxes are too high," said Alan Cole, an economist at the Tax Foundation.',
    "quote subject": '"The kind of plan that he has put forth would be trickle-down economics all over again," she said.',
    "dateline": "WASHINGTON -- President Obama, opening the museum on Saturday, said it told an American story.",
    "imperative": "Now tell us this is not a witch hunt. Clinton said she thinks America is strongest when people work together.",
    "fronted": "The average weekly benefit, it says, is $300.",
    "question": "“Why is this not clear proof that the bank is too big to fail?” Graham asked.",
    "transcript": '"WALLACE: Do you really see those two as equivalent?\n\n"PENCE: Well, look, I think it is not the'
                  ' same. Mark Cuban mocked my running mate.\n\n"WALLACE: Will Gennifer Flowers be there?"',
    "turns": "Q: Did anyone take care of you?\n\nA: No, no one did. I felt helpless.\n\n"
             "Q: What advice do you give them?\n\nA: Speak up.",
    "update": "UPDATE: The company has since responded to our questions.\n\nIts spokesman said the plan was sound.",
    "relative": "“Special tax breaks and loopholes in a corrupt tax code enable billionaires to avoid paying their"
                " fair share,” said Sanders, whose campaign was founded on it.",
    "relative before": "Victor Cha, who served as Asia director for the National Security Council under President"
                       " George W. Bush, said the sanctions had failed.",
    "hyphenated": "The allegations amount to a he-said-she-said dispute between the chief and the mayor. He denied"
                  " the charges and counter-accused her of battery. “We will win this race,” she said-and then she left.",
    "apposition content": "\"The initial idea came from the Quran,\" says Ronald Bell (Khalis Bayyan), the group's saxophonist"
                          " and musical arranger.",
    "passive complement": "He seeks to be seen as the legitimate leader of the party.",
    "infinitive": "Some experts have called them \"bedroom jihadists\", a fashionable term to describe young men"
                   " radicalised online.",
    "split clause": "Gary Kleck and other academics have shown that having a gun is by far the safest option"
                     " when confronted by a criminal.",
    "signed after": "Evil Russians were \"far more acceptable both to Hollywood sensibilities and the Arab ethnic"
                    " lobby,\" reported Slate.",
    "adjectival": "This discrepancy is telling of the power imbalance. It is telling that the minister waited."
                  " He is telling reporters that the plan failed.",
    "agent clause": "He was accused by local police of selling loose cigarettes that had not been taxed.",
    "time of": "The critics of the past week have said that the government cannot be trusted.",
    "denied fact": "Critics fail to recognize that the policy clearly works. They don't know whether the plan will"
                   " possibly work. He knows that the plan will certainly fail.",
    "target": "Senator Warren praised the clearly flawed deal. Trump called him a very stupid man. A new survey"
              " shows that voters clearly want change.",
    "deixis": "As a child, no one ever mentioned that my mom had a Jewish background. \"My mom was Jewish,\" she"
              " said. They would think you were crazy, says Epstein.",
    "which clause": "But there's grave danger in this sort of \"us or them\" thinking - not just in the physical attacks"
                    " on mosques and Muslims in France, which have already begun and which are obviously bad enough.",
    "stated passive": "Charlie Hebdo is echoing CEO Rupert Murdoch's tweet that all Muslims \"must be held"
                      " responsible\" for the Paris attack. The crisis forced a recognition that Europe's borders were"
                      " being defended by some of its weakest countries.",
    "relative clause": 'My travels were part of a new television series, "Sacred Journeys with Bruce Feiler," that tells'
                       ' the story of pilgrimage. These are the jobs that are fit for rapists, we must infer, which must'
                       ' feel hugely complimentary to those who do them.',
    "subordinator": "The case was resolved when Williams explained to the court his plan to take the stand. Even"
                    " though they disclosed his foreign bank accounts, he won.",
    "account": "Clinton said Trump wants to build a wall. Trump wants to build a wall. Clinton"
               " said Trump claimed that the vote was rigged.",
    "two subjects": 'A cashier who “steals a handful of $20s” is held accountable, Warren said. Mills "got an'
                    ' immunity agreement," Jordan said.',
    "clause before": "Asked if she believed Putin wanted Trump to win, Clinton said she was not going to jump to"
                     " that conclusion. Mr. Manafort, citing the polls, said the candidate could win in Pennsylvania."
                     " “We certainly can’t afford to do this anymore,” Trump said, adding later that NATO is costing"
                     " us a fortune. Vice President Joseph R. Biden Jr., who was to travel to Columbus, Ohio, on"
                     " Wednesday to promote the new rules, said they touched on a core issue for Mr. Obama - ensuring"
                     " that middle-class workers are treated fairly.",
    "nested": "“You went on television to blame thousands of workers,” Warren said.",
    "block": "The governor added:\n\nIt is typical of her. She knows nothing about the job.\n\n"
             "In a speech last July, he said:\n\nThe plan will fail.\n\n"
             "The plan has three parts:\n\nCosts will rise. The work will take a year.",
    "series": "Trump unleashed a series of tweets early Friday saying that Machado was a disgrace.",
    "spaced hyphen": "BRUSSELS - European leaders said on Friday that the talks would resume.",
    "cut short": "Hillary Clinton says Donald Trump’s flurry of late-night tweets targeting former Miss Universe"
                 " Alicia Machado was “unhinged, even for him.”",
    "apostrophes": "''It's more tinkering at the edges,'' said Alan Cole. He called it ''a disaster for everyone.''",
    "timed": "Real estate mogul Donald Trump on Sunday tweeted that the debate was rigged.",
    "promised by": "For now it is only the recovery promised by the minister. The deal was criticized by Senator Warren.",
    "fronted time": "Friday, Bill Clinton announced that he would campaign in Ohio.",
    "marked": "“It is a disgrace,” Senate minority leader Harry Reid told reporters.",
    "told": "“The party is not divided,” Senator Jeff Sessions, a close advisor to Trump, told AFP.",
    "statement": "His office put out a statement saying the U.S. does not have the capacity to vet every refugee.",
    "lost": "“Trump has gone in the opposite direction from what we recommended,” said the former top aide to"
            " President George W. Bush. “They’re very open to trying new things,” Jenna Golden, Twitter’s director"
            " of political advertising, said of Trump’s campaign. In a letter filed in federal court Monday, FBI"
            " general counsel James Baker said the probe is “ongoing.”",
    "quote as subject": "“Unfortunately, hypocrisy is a small price to pay in exchange for military bases and petroleum,”"
                        " explained Los Angeles-based attorney Edgar Martirosyan.",
    "unsaid": "The report never mentions that Argentina issued the debt. The aim is to pressure China to clarify that"
              " its claims are limited. The senator said that the bill would pass. Senator Warren wants to punish the"
              " bank and blame its director.",
    "goes on": "“This just isn’t right,” Warren said. “You squeezed employees to the breaking point and we must"
               " stop it.”\n\n“It’s a shame.” The bank must change.",
    "said Tuesday": "“Our assumption is that the veto will be overridden,” Senate Majority Leader Mitch McConnell,"
                    " R-Ky., said Tuesday.",
    "writes": "All empires begin, writes Glubb, with the age of pioneers. The economy, he says, is in trouble.",
    "clapping": "“Here comes Big Daddy,” she said, clapping. “Who would have believed it?” Trump said, looking out"
                " on the cheering crowd.",
    "headline": "The story ran for a day under “Egypt warns Amal Clooney she risks arrest over the case” before it"
                " was changed.",
    "split": '"If you have even a portion of those people displaced," he said, "you now have refugee crises." "That,"'
             ' he added, "promises to be a problem."',
    "medium": "Clinton said in a statement that she would fight on. Sanders wrote on Twitter that the race was over.",
    "second act misread": "It is not an insignificant quirk of modern history, and one that tells us much about the"
                          " nature of the current pontificate, that houses of contemplatives are always attacked by"
                          " secularist regimes, from Henry VIII to the Soviet Union.",
    "saying": "The judge rejected the request, saying the courts have no business deciding what voters may read.",
    "according inside": "According to a Pew study, 64 percent of voters oppose the bill.",
    "own and others'": "I have to say that the plan is bad. Here we stand, as was mentioned earlier, in the shadow of"
                       " the dome. I kept hearing some politicians assert that Internet companies must be protected.",
    "announced": "It was announced in November 2013 that local authorities had decided to put forward Krakow's"
                 " candidacy for the Olympics.",
    "medium clause": "Carson claimed in an interview with Breitbart News that he’s not backing any particular"
                     " candidate, and in addition to a private meeting he had with Rubio a year ago, he has talked"
                     " with Cruz.",
    "sources said": "Secret Service protocol called for the Democratic presidential nominee to be taken to a"
                    " state-designated Level I Trauma Center in the wake of her Sunday morning health crisis at"
                    " Ground Zero, sources said.",
    "views": "Editors were still concerned that the story lacked clarity. Birchers viewed communists as terrorists."
             " I am confident that the deal will hold.",
    "according name": "The explosion went off in front of 131 West 23rd Street, according to NYPD Commissioner"
                      " James O’Neill.",
    "according dash": "Mrs. Clinton's entire tax plan would raise only $1.1 trillion over the next decade, according to"
                      " the Tax Policy Center - half a percentage point of the nation's gross domestic product.",
    "chain": "The minister declined to say whether taxes would rise. He went on to say that the plan had failed.",
    "other senses": "Prices continue to rise in the city. As London's population continues towards 10 million, we"
                    " need a new plan. Experts continue to warn about the risks.",
    "verb as noun": "Viguerie notes that Reagan Democrats can play a key role in 2016.",
    "appearance": "The government seems to be failing its people. America appears to have reached the age of decadence,"
                  ' which Glubb defines as marked by "defensiveness, pessimism, materialism and frivolity."',
    "two thats": "Some progressive women's rights activists, including some from international organisations, argued"
                 " that the time was not right to pass the EVAW and that it should be left as a presidential decree.",
    "owed": "Everyone should agree that the loss is sad. The minister must explain why the talks failed.",
    "list": "Congress writes the law, the president executes the law, and the judiciary interprets the law.",
    "stray subject": "The program, which was created in 1990, has expanded well beyond its original intent, they say.",
    "second act after a quote": '"We need change," the New York businessman said, arguing that he will bring a'
                                ' "common-sense" approach to the job.',
    "colon in the sentence": "Experts doubt the plan. Said Ellis: “I don’t get the sense she’s the least bit"
                             " interested in tax reform.”",
    "afraid": "Many Democrats are afraid that Mrs. Clinton's large edge will shrink.",
    "manner": "“God forbid we ask the FBI anything,” Gowdy said sarcastically. He has said repeatedly that the plan"
              " failed. She explained why the plan failed.",
    "next sentence": 'And the president cannot hide behind "prosecutorial discretion." The lawyers he asked to'
                     ' evaluate his proposed program were clear. "Why now?" he asked.',
}


@pytest.fixture(scope="module")
def docs():
    from .conftest import compact_processors

    if not {"tokenize", "mwt", "pos", "lemma", "depparse"} <= set(compact_processors()):
        pytest.skip("the compact models are not fully installed yet")
    return dict(zip(TEXTS, rhetoric.annotate(list(TEXTS.values()), model="compact")))


def roles(doc, a):
    text = doc.text
    return (text[slice(*a.source)] if a.source else None, text[slice(*a.cue)], [text[s:e] for s, e in a.content])


def test_a_quote_over_two_sentences_keeps_its_source(docs):
    doc = docs["multi"]
    assert len(doc.sentences) >= 2
    (a,) = doc.attributions
    source, cue, content = roles(doc, a)
    assert (source, cue, a.kind) == ("Trump", "said", "direct")
    assert content == ['"We will win this fight. We must cut taxes now,"']
    # the demand in the quote is Trump's, not the author's, and the profile counts it apart
    calls = [m for m in doc.moves if m.category == "call_to_action"]
    assert calls and all(m.voice == a.id for m in calls)
    p = profile(doc)
    assert p.count("call_to_action") == 0 and p.reported["call_to_action"] == len(calls)
    assert p.count("authority") == 1 and 0 < p.reported_share <= 1


def test_said_x_inversion(docs):
    doc = docs["inverted"]
    (a,) = doc.attributions
    assert roles(doc, a) == ("the senator", "said", ['"The plan will fail,"'])
    (move,) = [m for m in doc.moves if m.category == "authority"]
    assert move.attribution == a.id and move.voice == "author"


def test_an_unattributed_scare_quote_is_no_attribution(docs):
    """Nor is one beside a verb of saying that has no speaker and does not govern it ("remind")."""
    doc = docs["scare"]
    marks = [m.start() for m in re.finditer('"', doc.text)]
    assert quotations(doc.text) == [(marks[0], marks[1] + 1), (marks[2], marks[3] + 1)]
    assert doc.attributions == ()
    assert all(m.voice == "author" for m in doc.moves)


def test_a_quoted_title_is_no_attribution(docs):
    assert docs["title"].attributions == ()
    assert not [m for m in docs["title"].moves if m.category == "authority"]


def test_a_quote_without_a_space_before_its_source(docs):
    doc = docs["nospace"]
    (a,) = doc.attributions
    source, cue, content = roles(doc, a)
    assert (source, cue) == ("Crystal", "continued")
    assert content == ['"I hope people don\'t abuse it and shove it in our face,"']
    claims = [m for m in doc.moves if m.category == "claim"]
    assert all(m.voice == a.id for m in claims)


def test_a_quote_continued_over_paragraphs(docs):
    doc = docs["paragraphs"]
    (a,) = doc.attributions
    source, cue, content = roles(doc, a)
    assert (source, cue) == ("the mayor", "said")
    assert content == ["“The first thing is the money.\n\n“The second thing is the time,”"]


def test_according_to_and_the_authors_own_words(docs):
    (a,) = docs["according"].attributions
    assert roles(docs["according"], a) == ("the World Bank", "According to", ["poverty fell by half"])
    doc = docs["author"]
    assert doc.attributions == ()
    assert {m.category for m in doc.moves if m.voice == "author"} >= {"call_to_action"}


def test_outputs_carry_attributions_and_voices(docs):
    import json

    doc = docs["multi"]
    out = json.loads(rhetoric.to_json(doc))
    (a,) = out["attributions"]
    assert a["source"] == list(doc.attributions[0].source) and a["kind"] == "direct"
    assert {m["voice"] for m in out["moves"] if m["category"] == "call_to_action"} == {a["id"]}
    assert "Voice=a1" in rhetoric.to_conllu(doc) and "\ta1\n" in rhetoric.to_vertical(doc)
    assert rhetoric.read_conllu(rhetoric.to_conllu(doc), text=doc.text)[0] == doc


def test_cues_take_their_auxiliaries_adverbs_prepositions_and_colon(docs):
    doc = docs["cues"]
    assert [roles(doc, a)[:2] for a in doc.attributions] == [("The mayor", "has also said"),
                                                            ("The unions", "called for")]
    assert roles(doc, doc.attributions[1])[2] == ["a strike over the cuts"]
    (a,) = docs["colon"].attributions
    assert roles(docs["colon"], a) == ("The mayor", "said:", ['"Taxes will rise next year for everyone."'])
    # any adverb right before the verb is part of the cue, but not a question word that opens its
    # clause (nor is it content: "When asked," reports nothing), nor an auxiliary the verb's
    # subject stands before
    doc = docs["cue edges"]
    assert [roles(doc, a)[1] for a in doc.attributions] == ["has since said", "said", "finally acknowledge"]


def test_a_cue_takes_the_time_right_after_it(docs):
    """PolNeAR counts "said Friday" as the cue; the parser reads "Friday" as an object, "last week" as an oblique."""
    doc = docs["dated"]
    assert [roles(doc, a)[1] for a in doc.attributions] == ["said Friday", "said last week"]
    assert roles(doc, doc.attributions[0])[2] == ["that the bill would pass"]


def test_a_cue_takes_the_adverb_of_manner_right_after_it_but_not_a_question_word(docs):
    """PolNeAR counts "said sarcastically" as the cue; "why" opens what she explained."""
    doc = docs["manner"]
    assert [roles(doc, a)[1:] for a in doc.attributions] == [
        ("said sarcastically", ["“God forbid we ask the FBI anything,”"]),
        ("has said repeatedly", ["that the plan failed"]), ("explained", ["why the plan failed"])]


def test_an_adjective_of_belief_takes_its_copula(docs):
    """PolNeAR counts "are afraid" as the cue: the adjective is the predicate, its copula the verb."""
    (a,) = docs["afraid"].attributions
    assert roles(docs["afraid"], a) == ("Many Democrats", "are afraid", ["that Mrs. Clinton's large edge will shrink"])


def test_a_cue_takes_the_form_of_the_report_not_its_occasion(docs):
    """PolNeAR's annotators count "in a statement" and "on Twitter" as part of the cue more
    often than "at the rally"; the parser hangs the "that" clause on "statement"."""
    doc = docs["medium"]
    assert [roles(doc, a)[1:] for a in doc.attributions] == [
        ("said in a statement", ["that she would fight on"]), ("wrote on Twitter", ["that the race was over"])]
    doc = docs["multi"]
    assert [roles(doc, a)[1] for a in doc.attributions] == ["said"]


def test_the_form_of_a_report_ends_where_a_clause_inside_it_begins(docs):
    """The parser hangs what Carson claimed on "Breitbart News": the cue stops before it."""
    doc = docs["medium clause"]
    assert roles(doc, doc.attributions[0])[:2] == ("Carson", "claimed in an interview with Breitbart News")


def test_a_reporting_clause_that_ends_the_sentence_reports_what_comes_before_it(docs):
    """The parser makes the clause before ", sources said" the subject of "said"; the words decide."""
    doc = docs["sources said"]
    (a,) = doc.attributions
    source, cue, (content,) = roles(doc, a)
    assert (source, cue) == ("sources", "said")
    assert content.startswith("Secret Service protocol called for") and content.endswith("at Ground Zero")


def test_a_belief_or_a_view_of_someone_is_their_voice_but_no_appeal(docs):
    """An adjective of belief with its clause and "see X as Y" give their subject's voice; with
    no quote of their words they borrow no authority, and the author's own belief is no report."""
    doc = docs["views"]
    assert [roles(doc, a)[:2] for a in doc.attributions] == [("Editors", "still concerned"), ("Birchers", "viewed")]
    assert not [m for m in doc.moves if m.category == "authority"]


def test_a_second_act_of_the_source_is_no_part_of_what_the_first_one_reports(docs):
    """Every word has one voice: what the judge rejected is the request, and what she said
    is the other relation's."""
    doc = docs["saying"]
    assert [roles(doc, a) for a in doc.attributions] == [
        ("The judge", "rejected", ["the request"]),
        ("The judge", "saying", ["the courts have no business deciding what voters may read"])]
    # the parser hangs "attacked" on "tells" as a second act: taking it out would leave "by",
    # so what "tells" reports stays whole
    doc = docs["second act misread"]
    tells = next(a for a in doc.attributions if roles(doc, a)[1] == "tells")
    assert roles(doc, tells)[2] == ["that houses of contemplatives are always attacked by secularist regimes, from"
                                    " Henry VIII to the Soviet Union"]


def test_a_second_act_after_a_quote_leaves_the_quote_to_the_first(docs):
    """The parser hangs the quote on "said" as an adverbial clause and "arguing" as its
    complement: the participle reports on its own, so "said" reports the quote, and the call
    to action in it is the businessman's, not the author's."""
    doc = docs["second act after a quote"]
    said, arguing = doc.attributions
    assert roles(doc, said) == ("the New York businessman", "said", ['"We need change,"'])
    assert roles(doc, arguing) == ("the New York businessman", "arguing",
                                   ['that he will bring a "common-sense" approach to the job'])
    calls = [m for m in doc.moves if m.category == "call_to_action"]
    assert calls and all(m.voice == said.id for m in calls)


def test_a_colon_inside_the_quotes_sentence_hands_it_to_no_verb_of_the_sentence_before(docs):
    """A quote after a colon may be the words of a verb in the sentence before only where the
    splitter ended that sentence at the colon ("He said:" | "..."); here the colon is the
    quote's own sentence's, and the experts' doubt reports none of it."""
    doc = docs["colon in the sentence"]
    quote = doc.text.index("“")
    assert all(roles(doc, a)[0] != "Experts" for a in doc.attributions if any(s <= quote < e for s, e in a.content))


def test_a_reporting_clause_after_its_host_is_found_when_the_parser_gives_it_the_hosts_subject(docs):
    """The parser hangs "The program" on "say" as well as on "has expanded": the reporting
    clause is still only ", they say"."""
    doc = docs["stray subject"]
    (a,) = doc.attributions
    assert roles(doc, a) == ("they", "say", ["The program, which was created in 1990, has expanded well beyond its"
                                             " original intent"])


def test_a_report_that_modifies_another_reports_it_and_speaks_for_the_author(docs):
    """"According to" modifies "oppose" and so would lie in what the voters oppose, as
    "oppose" lies in what the study reports: the modifier is the outer report, so what the
    voters oppose is the bill, and the appeal to the study is the author's."""
    doc = docs["according inside"]
    assert sorted(roles(doc, a) for a in doc.attributions) == [
        ("64 percent of voters", "oppose", ["the bill"]),
        ("a Pew study", "According to", ["64 percent of voters oppose the bill"])]
    (move,) = [m for m in doc.moves if m.category == "authority"]
    assert (move.rule, move.voice) == ("authority.according-to", "author")


def test_the_source_is_who_does_the_reporting_wherever_the_parser_hung_it(docs):
    """The author's own report is none wherever the parser hung its source: through "have to"
    ("I have to say that ...": the claim is the author's) or from the host clause of an aside
    ("Here we stand, as was mentioned earlier, ..."); and a verb that a verb of perception's
    object does is that object's report ("hearing some politicians assert ...")."""
    doc = docs["own and others'"]
    assert [roles(doc, a) for a in doc.attributions] == [
        ("some politicians", "assert", ["that Internet companies must be protected"])]
    claim = next(m for m in doc.moves if m.category == "claim")
    assert (doc.text[claim.start:claim.end], claim.voice) == ("I have to say that the plan is bad.", "author")


def test_hearsay_names_no_source_and_a_clausal_subject_is_the_authors(docs):
    """"reportedly" puts its clause on others' word; "it is fair to say" is the author speaking."""
    doc = docs["hearsay"]
    (a,) = doc.attributions
    assert roles(doc, a) == (None, "reportedly", ["Iran", "lost some $26bn in oil revenue"])
    assert [m.rule for m in doc.moves if m.category == "authority"] == ["authority.hearsay"]


def test_an_aside_of_as_reports_its_host_clause_which_the_author_asserts(docs):
    """The op-ed GUIDE: "As X rightly says, we must act now" is the author's call to action;
    the quoted words an aside introduces stay the speaker's (their "we" is not the author's)."""
    doc = docs["aside"]
    assert [roles(doc, a) for a in doc.attributions] == [
        ("Reagan", "noted", ["government too often makes problems worse"]),
        ("the minister", "rightly says", ["we must act now"]),
        ("the senator", "put", ['"We have to get this report out. We must act now."'])]
    calls = [(m.rule, m.voice) for m in doc.moves if m.category == "call_to_action"]
    assert calls == [("call_to_action.deontic-modal", "author"), ("call_to_action.have-to", "a3"),
                     ("call_to_action.deontic-modal", "a3")]


def test_as_far_as_someone_is_concerned_gives_their_view_not_the_authors(docs):
    """Unlike "As Reagan noted, ...", the host clause of "as far as X is concerned" is X's
    view: its claim speaks in X's voice."""
    doc = docs["as far as"]
    (a,) = doc.attributions
    assert roles(doc, a) == ("Ankara", "concerned", ["US credibility in the Middle East is bankrupt"])
    claim = next(m for m in doc.moves if m.category == "claim")
    assert claim.voice == a.id


def test_what_the_author_heard_a_quoted_name_and_a_passive_accusation(docs):
    """"We hear that ..." and "has been accused of ..." report on unnamed authority (no
    source); "To quote Michael Hayden, ..." gives the whole name the parser split in two."""
    doc = docs["unnamed"]
    assert [roles(doc, a) for a in doc.attributions] == [
        (None, "hear", ["that girls' schools are facing closure"]),
        ("Michael Hayden", "To quote", ["the plan was sound"]),
        (None, "has been accused of", ["The CSU", "showing too much understanding for PEGIDA"]),
    ]


def test_a_marker_that_reports_makes_no_claim_of_the_authors(docs):
    """"reportedly" is a hedge and the cue of a report: it puts the statement on others' word,
    so the sentence is no claim of the author's; "probably" is the author's stance."""
    doc = docs["hearsay stance"]
    claims = [doc.text[m.start:m.end] for m in doc.moves if m.category == "claim"]
    assert claims == ["Iran probably lost some $26bn in 2013."]
    assert {m.rule for m in doc.moves if m.category == "hedge" and m.start < len("Iran reportedly")} == {"hedge.adverb"}


def test_a_voice_without_standing_is_an_appeal_when_its_words_are_quoted(docs):
    """'They told the crowd the "truth"' gives them a voice and no authority move (the rule's
    ``move = "quoted"``: a word held at a distance is no one's words); quoting what they told
    the city brings in their words."""
    doc = docs["quoted act"]
    assert [(a.rule, a.kind) for a in doc.attributions] == [
        ("authority.reported-object", "mixed"), ("authority.reported-object", "mixed")]
    (move,) = [m for m in doc.moves if m.category == "authority"]
    assert move.attribution == doc.attributions[0].id and move.rule == "authority.reported-object"


def test_a_noun_of_saying_reports_the_clause_it_states(docs):
    """"Abbas's statement that ...", "the consensus among experts is that ...": the noun is the
    cue, its maker the source; a relative clause ("the statement that he made") states nothing,
    and the author's own claim is no attribution."""
    doc = docs["statement nouns"]
    assert [roles(doc, a) for a in doc.attributions if a.rule == "authority.stated"] == [
        ("Mahmoud Abbas's", "statement", ["he had postponed the vote"]),
        ("independent experts", "consensus", ["the claims are baseless"]),
    ]
    assert [m.rule for m in doc.moves if m.category == "authority"] == ["authority.stated"] * 2


def test_a_source_keeps_the_whole_name_and_its_closing_bracket(docs):
    """The parser hangs "Moore" apart from "Ms."; the ")" after "(R-Ga." is punctuation at the edge."""
    doc = docs["names"]
    assert [roles(doc, a)[0] for a in doc.attributions] == ["Ms. Moore", "Sen. Ann Day (R-Ga.)"]


def test_a_source_keeps_its_apposition_and_leaves_out_a_quote_a_dateline_and_a_participle(docs):
    """The parser gives the apposition, the quote and the dateline each a subject relation of
    their own, or hangs them on the name."""
    sources = {key: [roles(docs[key], a)[0] for a in docs[key].attributions]
               for key in ("apposition", "quote subject", "dateline")}
    assert sources["apposition"] == ["Alan Cole, an economist at the Tax Foundation"]
    assert sources["quote subject"] == ["she"]
    assert sources["dateline"][0] == "President Obama"


def test_a_fronted_phrase_a_question_quote_and_a_transcript_speaker(docs):
    """A phrase before the source's comma is the report's, not the source's; the splitter ends a
    sentence at '?”', and the reporting clause after it still takes the quote; a name and colon
    opening the turns of a quoted transcript name their speakers, each turn to the end of its
    paragraph."""
    assert [roles(docs["fronted"], a)[:2] for a in docs["fronted"].attributions] == [("it", "says")]
    (a,) = docs["question"].attributions
    assert roles(docs["question"], a)[:2] == ("Graham", "asked") and a.kind == "direct"
    doc = docs["transcript"]
    turns = [roles(doc, a) for a in doc.attributions if a.cue != (0, 1)]
    assert turns == [("WALLACE", ":", ["Do you really see those two as equivalent?"]),
                     ("PENCE", ":", ["Well, look, I think it is not the same. Mark Cuban mocked my running mate."]),
                     ("WALLACE", ":", ["Will Gennifer Flowers be there?"])]
    assert {m.voice for m in doc.moves if "my" == doc.text[m.start:m.end]} == {doc.attributions[2].id}


def test_the_labels_of_an_interview_name_speakers_but_a_lone_label_names_none(docs):
    """"Q:" and "A:" open two turns each: the answers are the interviewee's words, so "I" in them
    is no self-mention of the author's; in a text with no turns, "UPDATE:" is nobody's."""
    assert [a.source for a in docs["update"].attributions if a.rule == "authority.headline-colon"] == []
    doc = docs["turns"]
    assert [roles(doc, a)[:2] for a in doc.attributions if a.rule == "authority.headline-colon"] == [
        ("Q", ":"), ("A", ":"), ("Q", ":"), ("A", ":")]
    (answer,) = [a for a in doc.attributions if roles(doc, a)[2] == ["No, no one did. I felt helpless."]]
    (i,) = [m for m in doc.moves if m.category == "self_mention"]
    assert i.voice == answer.id


def test_a_relative_clause_on_a_source_is_part_of_it_not_what_it_said(docs):
    """The parser makes "whose campaign was founded on it" and "who served as ..." complements
    of "said": each is the source's relative clause (PolNeAR's sources keep it), and the quote
    or the other complement is the content."""
    doc = docs["relative"]
    (a,) = doc.attributions
    source, cue, (content,) = roles(doc, a)
    assert (source, cue) == ("Sanders, whose campaign was founded on it", "said")
    assert content.startswith("“Special") and content.endswith("share,”")
    doc = docs["relative before"]
    (a,) = doc.attributions
    assert roles(doc, a) == ("Victor Cha, who served as Asia director for the National Security Council under"
                             " President George W. Bush,", "said", ["the sanctions had failed"])


def test_a_clause_before_a_source_and_its_cue_is_no_content_when_one_follows(docs):
    """The parser hangs "Asked if ...", "citing the polls" and Biden's relative clause on
    "said" as its complements: the clause after the cue is what was said, without the words
    before the cue that the parser hung on it ("on Wednesday to promote the new rules").  A
    quote before its source stays the content, and "adding later that ..." is a second act,
    not what "said" reports."""
    doc = docs["clause before"]
    said = {source.split(",")[0]: content
            for source, cue, content in (roles(doc, a) for a in doc.attributions) if cue == "said"}
    assert said == {"Clinton": ["she was not going to jump to that conclusion"],
                    "Mr. Manafort": ["the candidate could win in Pennsylvania"],
                    "Trump": ["“We certainly can’t afford to do this anymore,”"],
                    "Vice President Joseph R. Biden Jr.": ["they touched on a core issue for Mr. Obama - ensuring that"
                                                           " middle-class workers are treated fairly"]}


def test_a_reporting_verb_in_a_hyphenated_word_reports_nothing(docs):
    """"he-said-she-said" is a noun; "counter-accused" is still a verb, and a hyphen typed for
    a dash ("said-and") joins no word to "said"."""
    doc = docs["hyphenated"]
    assert [roles(doc, a)[:2] for a in doc.attributions] == [("He", "denied"), ("He", "accused"), ("she", "said")]


def test_a_participle_used_as_an_adjective_reports_nothing(docs):
    """"is telling of", "It is telling that" say what reveals something; "is telling
    reporters that" still reports."""
    doc = docs["adjectival"]
    assert [roles(doc, a)[:2] for a in doc.attributions] == [("He", "is telling")]


def test_what_a_passive_blames_for_is_no_part_of_its_agent(docs):
    """The parser hangs "of selling ..." on "police"; it is what he was accused of."""
    doc = docs["agent clause"]
    assert [roles(doc, a) for a in doc.attributions] == [(
        "local police", "was accused", ["He", "of selling loose cigarettes that had not been taxed"])]


def test_a_time_that_says_which_sources_stays_in_the_source(docs):
    """"on Sunday" after a name is when it was said; "of the past week" says which critics."""
    doc = docs["time of"]
    assert [roles(doc, a)[:2] for a in doc.attributions] == [("The critics of the past week", "have said")]


def test_a_fact_the_source_is_said_not_to_know_is_the_authors(docs):
    """Failing to recognize a fact leaves it the author's to assert; not knowing whether
    something holds asserts nothing, and knowing it is the knower's view too."""
    doc = docs["denied fact"]
    failed, asked, known = doc.attributions
    voices = {doc.text[m.start:m.end]: m.voice for m in doc.moves if m.category in ("booster", "hedge")}
    assert voices == {"clearly": "author", "possibly": asked.id, "certainly": known.id}
    assert doc.text[failed.cue[0]:failed.cue[1]] == "fail to recognize"


def test_what_a_speech_act_acts_on_is_named_in_the_authors_words(docs):
    """"praised the clearly flawed deal": the deal is Warren's target, "clearly flawed" the
    author's description; the name Trump gave and the clause the survey shows are theirs."""
    doc = docs["target"]
    praised, called, shown = doc.attributions
    voices = [(doc.text[m.start:m.end], m.voice) for m in doc.moves if m.category in ("booster", "attitude")]
    assert voices == [("clearly", "author"), ("stupid", called.id), ("clearly", shown.id)]
    assert doc.text[praised.content[0][0]:praised.content[0][1]] == "the clearly flawed deal"


def test_pronouns_reported_after_their_cue_point_at_the_author_and_reader(docs):
    """"mentioned that my mom ..." is the author's "my"; in a quote, and in words before the
    cue that report (mostly an unmarked quote), a pronoun is the speaker's."""
    doc = docs["deixis"]
    mentioned, said, says = doc.attributions
    voices = [(doc.text[m.start:m.end], m.voice) for m in doc.moves if m.category in ("self_mention", "engagement")]
    assert voices == [("my", "author"), ("My", said.id), ("you", says.id)]


def test_a_clause_of_which_is_no_content(docs):
    """The parser makes ", which have already begun" the complement of "thinking" (taken
    for a verb); it tells of the attacks, and "obviously" is the author's."""
    doc = docs["which clause"]
    assert doc.attributions == ()
    assert {m.voice for m in doc.moves} == {"author"}


def test_a_statement_noun_states_a_passive_clause(docs):
    """"Murdoch's tweet that all Muslims must be held responsible": the demand is his; a
    participle with a subject of its own ("borders were being defended by ...") is a clause,
    not a noun's modifier, so the recognition holds all of it."""
    doc = docs["stated passive"]
    tweet = next(a for a in doc.attributions if doc.text[a.cue[0]:a.cue[1]] == "tweet")
    assert "Rupert Murdoch" in roles(doc, tweet)[0]
    assert [m.voice for m in doc.moves if m.category == "call_to_action"] == [tweet.id]
    recognition = next(a for a in doc.attributions if doc.text[a.cue[0]:a.cue[1]] == "recognition")
    assert roles(doc, recognition)[2] == ["Europe's borders were being defended by some of its weakest countries"]


def test_the_subordinator_of_the_cues_own_clause_is_no_content(docs):
    doc = docs["subordinator"]
    assert [roles(doc, a)[2] for a in doc.attributions] == [
        ["the court his plan to take the stand"], ["his foreign bank accounts"]]


def test_a_relative_clause_after_a_comma_reports_nothing(docs):
    """"that tells the story" says what the series does, "which must feel ..." what the
    inference does: neither reports the clause before it, nor the quoted title."""
    doc = docs["relative clause"]
    assert doc.attributions == ()
    assert {m.voice for m in doc.moves} == {"author"}


def test_an_act_or_wish_inside_a_report_is_the_reporters_account_but_speech_stays_a_relation(docs):
    """What Clinton says Trump wants is her account of his wish, no relation of the text's; on
    its own, his wish is his; a claim she reports him making is a report of its own."""
    doc = docs["account"]
    assert [roles(doc, a) for a in doc.attributions] == [
        ("Clinton", "said", ["Trump wants to build a wall"]),
        ("Trump", "wants", ["to build a wall"]),
        ("Clinton", "said", ["Trump claimed that the vote was rigged"]),
        ("Trump", "claimed", ["that the vote was rigged"]),
    ]


def test_a_subject_the_parser_hung_on_the_cue_beside_the_source_is_the_contents(docs):
    """The parser hung "A cashier ..." and "Mills" on "said" as well as the source: the
    subject right before the reported clause is that clause's, so what was said keeps it."""
    doc = docs["two subjects"]
    assert [roles(doc, a) for a in doc.attributions] == [
        ("Warren", "said", ["A cashier who “steals a handful of $20s” is held accountable"]),
        ("Jordan", "said", ['Mills "got an immunity agreement,"']),
    ]


def test_an_apposition_on_the_source_is_no_content(docs):
    """The parser takes "the group's saxophonist" after the name for what "says" says; it is
    part of the source, so the quote before them is what was said."""
    doc = docs["apposition content"]
    assert [roles(doc, a) for a in doc.attributions] == [(
        "Ronald Bell (Khalis Bayyan), the group's saxophonist and musical arranger", "says",
        ['"The initial idea came from the Quran,"'])]


def test_a_passive_open_complement_takes_no_source_from_the_verb_it_completes(docs):
    """He seeks to be seen as a leader: he is who is seen, not who sees him so."""
    doc = docs["passive complement"]
    found = [roles(doc, a) for a in doc.attributions]
    assert ("He", "seeks", ["to be seen as the legitimate leader of the party"]) in found
    assert [(source, cue) for source, cue, _ in found if "seen" in cue] == [(None, "seeks to be seen as")]


def test_the_noun_an_infinitive_serves_is_no_source(docs):
    """"a term to describe ...": the term describes nothing; the experts who call it so report."""
    doc = docs["infinitive"]
    assert [roles(doc, a)[:2] for a in doc.attributions] == [("Some experts", "have called")]


def test_a_clause_the_parser_split_in_two_is_one_content(docs):
    """The parser hangs "having" and "a gun is ... the safest option" on "shown" as two
    complements, one right after the other: both are what was shown."""
    doc = docs["split clause"]
    assert [roles(doc, a) for a in doc.attributions] == [(
        "Gary Kleck and other academics", "have shown",
        ["that having a gun is by far the safest option when confronted by a criminal"])]


def test_a_verb_and_name_that_end_the_sentence_after_a_quote_sign_it(docs):
    """The parser makes "reported" a conjunct of the quoted clause, whose subject is no source:
    the name after the verb is."""
    doc = docs["signed after"]
    assert [roles(doc, a)[:2] for a in doc.attributions] == [("Slate", "reported")]


def test_an_imperative_reports_nothing_and_a_report_inside_a_report_is_no_host(docs):
    """'Now tell us' asks the reader; 'she thinks ...' is what Clinton said, not a report
    whose content is 'Clinton said'."""
    doc = docs["imperative"]
    assert [roles(doc, a)[:2] for a in doc.attributions] == [("Clinton", "said")]


def test_a_source_leaves_out_its_time_and_the_quote_mark_the_parser_hangs_on_it(docs):
    """PolNeAR's sources leave the time to the report; the parser hangs "on Sunday" on the name,
    makes a fronted "Friday" a name beside it, and hangs the closing mark of a quote on the name
    after it."""
    assert [roles(docs["timed"], a)[0] for a in docs["timed"].attributions] == ["Real estate mogul Donald Trump"]
    assert [roles(docs["fronted time"], a)[0] for a in docs["fronted time"].attributions] == ["Bill Clinton"]
    (a,) = docs["marked"].attributions
    assert roles(docs["marked"], a) == ("Senate minority leader Harry Reid", "told", ["“It is a disgrace,”"])


def test_the_addressee_after_told_is_not_the_source_nor_the_statement_that_says_it(docs):
    """The parser makes "AFP" a subject of "told" beside the name before it; "a statement
    saying" speaks for whoever put the statement out."""
    (a,) = docs["told"].attributions
    source = roles(docs["told"], a)[0]
    assert source and "AFP" not in source and source in "Senator Jeff Sessions, a close advisor to Trump"
    (a,) = docs["statement"].attributions
    assert roles(docs["statement"], a)[:2] == ("His office", "saying")


def test_a_source_the_parser_hung_elsewhere_is_found_beside_its_verb(docs):
    """The parser gives these three "said" no subject, and makes the quote the subject of
    "explained": the name after the verb that follows a quote, between the quote and the verb,
    or after the comma before the verb is the source; "of", which says whom the words are
    about, is part of the cue, as in PolNeAR."""
    doc = docs["lost"]
    assert [roles(doc, a)[:2] for a in doc.attributions] == [
        ("the former top aide to President George W. Bush", "said"),
        ("Jenna Golden, Twitter’s director of political advertising,", "said of"),
        ("FBI general counsel James Baker", "said")]
    doc = docs["quote as subject"]
    (a,) = doc.attributions
    assert roles(doc, a)[:2] == ("Los Angeles-based attorney Edgar Martirosyan", "explained")


def test_a_denied_or_unmade_report_is_a_relation_but_borrows_no_authority(docs):
    """PolNeAR marks "never mentions that ...", "to clarify" and "(to punish ... and) blame" as
    attributions; the op-ed GUIDE counts no appeal to authority in a report the source did
    not make."""
    doc = docs["unsaid"]
    assert [roles(doc, a)[1] for a in doc.attributions] == ["never mentions", "clarify", "said", "wants", "blame"]
    assert [doc.text[m.start:m.end] for m in doc.moves if m.category == "authority"] == [
        "The senator said that the bill would pass"]


def test_a_quote_that_opens_the_next_sentence_goes_on_with_the_same_speaker(docs):
    """'"...," Warren said. "..."': the second quote is Warren's too (a relation of its own,
    with its own authority move, and her "said" as its cue, as PolNeAR marks it), and so is its
    call to action; a short quote in the next paragraph is not, and the author's sentence after
    it is the author's."""
    doc = docs["goes on"]
    first, second = doc.attributions
    assert roles(doc, first) == ("Warren", "said", ["“This just isn’t right,”"])
    assert second.cue == first.cue
    assert roles(doc, second) == ("Warren", "said", [
        "“You squeezed employees to the breaking point and we must stop it.”"])
    calls = [m for m in doc.moves if m.category == "call_to_action"]
    assert {m.voice for m in calls if m.start < second.content[0][1]} == {second.id}
    assert [m.voice for m in calls if doc.text[m.start:m.end] == "The bank must change."] == ["author"]
    assert len([m for m in doc.moves if m.category == "authority"]) == 2


def test_a_quote_that_ends_a_clause_the_parser_cut_short_is_part_of_it(docs):
    """The parser ends the complement of "says" at "Machado"; the quote after "was" ends it."""
    doc = docs["cut short"]
    (a,) = doc.attributions
    source, cue, (content,) = roles(doc, a)
    assert (source, cue, a.kind) == ("Hillary Clinton", "says", "mixed")
    assert content.startswith("Donald Trump’s flurry") and content.endswith("“unhinged, even for him.”")


def test_two_apostrophes_quote_as_a_double_mark_does(docs):
    """Some newswire archives write a double quote as two apostrophes."""
    doc = docs["apostrophes"]
    assert [doc.text[s:e] for s, e in quotations(doc.text)] == [
        "''It's more tinkering at the edges,''", "''a disaster for everyone.''"]
    first = doc.attributions[0]
    assert (roles(doc, first), first.kind) == (("Alan Cole", "said", ["''It's more tinkering at the edges,''"]), "direct")


def test_a_report_inside_a_speakers_quote_is_part_of_their_words(docs):
    """"blame" inside Warren's quote is what Warren says, not a report of the text: one
    relation, and one authority move."""
    doc = docs["nested"]
    (a,) = doc.attributions
    assert roles(doc, a)[:2] == ("Warren", "said")
    assert len([m for m in doc.moves if m.category == "authority"]) == 1


def test_a_report_inside_an_unsigned_quote_is_part_of_the_quoted_words(docs):
    """A quoted headline that says "Egypt warns ..." is one relation (the quote, its source
    not named here), not a second report by Egypt with the rest of the sentence for content."""
    doc = docs["headline"]
    (a,) = doc.attributions
    assert roles(doc, a) == (None, "“", ["“Egypt warns Amal Clooney she risks arrest over the case”"])
    assert [m.rule for m in doc.moves if m.category == "authority"] == ["authority.direct-quote"]


def test_tweets_speak_for_who_sent_them_and_a_spaced_hyphen_ends_a_dateline(docs):
    (a,) = docs["series"].attributions
    assert roles(docs["series"], a)[:2] == ("Trump", "saying")
    (a,) = docs["spaced hyphen"].attributions
    assert roles(docs["spaced hyphen"], a)[:2] == ("European leaders", "said")


def test_a_time_the_parser_makes_the_subject_is_not_the_source(docs):
    """The parser makes "Tuesday" and "assumption", inside the quote, the subjects of "said" and
    hangs the name on the quote: the name between the quote and the verb is the source, and the
    day is part of the cue, as PolNeAR marks it."""
    (a,) = docs["said Tuesday"].attributions
    assert roles(docs["said Tuesday"], a)[:2] == ("Senate Majority Leader Mitch McConnell, R-Ky", "said Tuesday")


def test_a_quote_signed_after_a_dash(docs):
    doc = docs["signed"]
    found = [roles(doc, a) for a in doc.attributions]
    assert found == [("Pamela Padilla", "―", ["“He is ignorant of our culture and our lives.”"]),
                     ("Carla Sanchez", "―", ["“We need jobs.”"])]
    assert {a.rule for a in doc.attributions} == {"authority.dash-quote"}


def test_a_verb_and_its_source_set_off_by_commas_report_what_is_around_them(docs):
    """"..., writes Glubb, ...": the parser reads "Glubb" as the object of "writes"; the words
    around the aside are what Glubb wrote.  With the source before the verb ("he says") the
    parse is read as usual."""
    doc = docs["writes"]
    glubb, he = doc.attributions
    assert (roles(doc, glubb), glubb.rule) == (("Glubb", "writes", ["All empires begin", "with the age of pioneers"]),
                                               "authority.inverted")
    assert roles(doc, he)[:2] == ("he", "says") and he.rule != "authority.inverted"


def test_a_quote_right_before_its_speaker_is_what_they_said_not_the_adjunct_after_the_verb(docs):
    """The parser reads "clapping" and "looking out ..." as what was said, and the splitter ends
    a sentence at '?”': the quote before the speaker is the content all the same."""
    doc = docs["clapping"]
    assert [roles(doc, a) for a in doc.attributions] == [
        ("she", "said", ["“Here comes Big Daddy,”"]), ("Trump", "said", ["“Who would have believed it?”"])]


def test_a_quote_split_by_its_reporting_verb_is_one_relation(docs):
    """'"A," he said, "B."' (PolNeAR: one relation, two contents), whichever half the parser
    hangs on the verb."""
    doc = docs["split"]
    assert [roles(doc, a) for a in doc.attributions] == [
        ("he", "said", ['"If you have even a portion of those people displaced,"', '"you now have refugee crises."']),
        ("he", "added", ['"That,"', '"promises to be a problem."'])]
    assert {a.kind for a in doc.attributions} == {"direct"}


def test_a_that_clause_the_parser_hung_as_an_adverbial_clause_is_what_was_reported(docs):
    """Words between "announced" and its "that" clause lead the parser to an adverbial clause;
    a passive report names no source."""
    doc = docs["announced"]
    (a,) = doc.attributions
    assert roles(doc, a) == (None, "was announced", [
        "that local authorities had decided to put forward Krakow's candidacy for the Olympics"])
    assert [m.rule for m in doc.moves if m.category == "authority"] == ["authority.reported-speech"]


def test_tei_round_trip_keeps_attributions_and_voices(docs, tmp_path):
    for doc in docs.values():
        tei = rhetoric.to_tei(doc)
        assert rhetoric.validate_tei(tei) == []
        back = rhetoric.read_tei(tei)
        assert back.attributions == doc.attributions and back.moves == doc.moves and back == doc


def test_explain_shows_who_speaks(docs):
    from rhetoric.explain import explain

    out = explain(docs["multi"])
    assert "voice: a1 (Trump)" in out and 'a1 direct: source "Trump" | cue "said"' in out


def _polnear_dev(folder: Path, keep: Callable[[list[Path]], bool], most: int | None = None) -> int:
    """Copy into ``folder`` the PolNeAR dev articles whose annotation files ``keep`` accepts
    (the first ``most`` of them, or all), with those files; how many it copied."""
    root = shared("gold", "polnear", "dev")
    for part in ("text", "attributions"):
        (folder / part).mkdir()
    copied = 0
    for text in sorted((root / "text").glob("*.txt")):
        anns = sorted((root / "attributions").glob(text.stem + "_*.ann"))
        if (most is None or copied < most) and keep(anns):
            copied += 1
            for path, part in ((text, "text"), *((ann, "attributions") for ann in anns)):
                shutil.copy(path, folder / part)
    return copied


def test_polnear_evaluation_on_three_dev_articles(tmp_path, compact):
    _polnear_dev(tmp_path, lambda anns: True, most=3)
    report = evaluate("polnear", tmp_path, model=compact["model"])
    rows = {(s.category, s.level): s for s in report.scores}
    relation = rows["attribution", "relation"]
    assert report.documents == 3 and relation.gold > 10
    assert relation.recall > 0.3 and relation.precision > 0.5  # real relations are found in unseen news
    assert {("source", "character"), ("cue", "character"), ("content", "character")} <= set(rows)


def test_polnear_evaluation_reads_the_rules_against_two_annotators(tmp_path, compact):
    """On the dev articles annotated twice, the report scores the second annotation and the
    rules against the first: the agreement to read the rules' figures by."""
    twice = _polnear_dev(tmp_path, lambda anns: len(anns) > 1)
    assert twice
    report = evaluate("polnear", tmp_path, model=compact["model"])
    assert report.extra["articles_annotated_twice"] == twice == report.documents
    rows = {(s.category, s.level): s for s in report.agreement}
    for who in ("annotator 2", "rules"):
        assert {(f"{who}: {r}", "character") for r in ("source", "cue", "content")} <= set(rows)
    # on these articles the rules' rows are the report's own rows
    assert rows["rules: cue", "character"].f1 == next(s.f1 for s in report.scores if s.category == "cue")
    human = rows["annotator 2: attribution", "relation"]
    assert human.gold == rows["rules: attribution", "relation"].gold > 10
    assert 0.5 < human.f1 < 1.0  # two people do not mark the same relations
    assert '"agreement"' in report.to_json() and "annotator 2: cue" in report.table()


def test_according_to_takes_the_whole_name_and_the_clause_the_parser_split(docs):
    """The parser hangs "according" on the first word of the name; the source is all of it."""
    doc = docs["according name"]
    (a,) = doc.attributions
    assert roles(doc, a) == ("NYPD Commissioner James O’Neill", "according to",
                             ["The explosion went off in front of 131 West 23rd Street"])
    # hung on the words after it, the phrase still reports the clause before its comma
    doc = docs["according dash"]
    (a,) = doc.attributions
    assert roles(doc, a) == ("the Tax Policy Center", "according to",
                             ["Mrs. Clinton's entire tax plan would raise only $1.1 trillion over the next decade"])


def test_a_verb_of_saying_in_another_sense_gives_no_voice(docs):
    """"continue" reports in '"...," he continued', not in "Prices continue to rise" nor in an
    "as" clause with a complement of its own, whose host clause stays the author's; it still
    frames a report ("Experts continue to warn ...")."""
    doc = docs["other senses"]
    assert [roles(doc, a)[:2] for a in doc.attributions] == [("Experts", "continue")]
    call = next(m for m in doc.moves if m.category == "call_to_action")
    assert doc.text[call.start:call.end].endswith("we need a new plan.") and call.voice == "author"


def test_a_verb_the_tagger_read_as_a_noun_still_reports(docs):
    doc = docs["verb as noun"]
    (a,) = doc.attributions
    assert roles(doc, a) == ("Viguerie", "notes", ["Reagan Democrats can play a key role in 2016"])


def test_an_appearance_with_nobody_named_is_a_relation_in_the_authors_voice(docs):
    """PolNeAR marks "seems" and "appears" as cues without a source; the author asserts what
    seems so, hedged: the moves in it stay the author's, it borrows no authority, and a quote
    inside it keeps a relation of its own."""
    doc = docs["appearance"]
    seems, appears, quote = doc.attributions
    assert roles(doc, seems) == (None, "seems", ["The government", "to be failing its people"])
    assert roles(doc, appears)[:2] == (None, "appears") and quote.kind == "direct"
    assert [m.rule for m in doc.moves if m.category == "authority"] == ["authority.direct-quote"]
    claims = [m for m in doc.moves if m.category == "claim"]
    assert claims and all(m.voice == "author" for m in claims)


def test_the_verb_a_report_completes_is_part_of_its_cue(docs):
    """PolNeAR's cues run from the governing verb ("declined to say", "went on to say"); a
    report someone declined to make still borrows no authority."""
    doc = docs["chain"]
    cues = {roles(doc, a)[1] for a in doc.attributions}
    assert {"declined to say", "went on to say"} <= cues
    declined = next(a for a in doc.attributions if roles(doc, a)[1] == "declined to say")
    assert not any(m.attribution == declined.id for m in doc.moves)


def test_a_clause_beside_a_verb_with_its_own_object_is_no_report(docs):
    """A list of clauses is no report: "writes" has its object ("the law"), and the clause
    after the comma is the list's next item, not what Congress said (a written work is
    Congress's deed, which borrows no authority)."""
    doc = docs["list"]
    assert [a.rule for a in doc.attributions] == ["authority.written-work"]
    assert not [m for m in doc.moves if m.category == "authority"]


def test_a_sentence_after_a_quote_signs_it_only_when_it_opens_with_the_signature(docs):
    """A quote ending its sentence belongs to a reporting verb in the next sentence only when
    that sentence opens with it ("he asked."), not to a verb further in ("his proposed program")."""
    doc = docs["next sentence"]
    assert not any(roles(doc, a)[1] == "proposed" for a in doc.attributions)
    assert not any(doc.text[m.start:m.end] == "proposed" for m in doc.moves)
    assert ("he", "asked", ['"Why now?"']) in [roles(doc, a) for a in doc.attributions]


def test_a_second_clause_of_that_is_said_too(docs):
    """"argued that A and that B": the parser hangs B on the verb as its conjunct; both are
    what the activists argued, so the demand in B is theirs, not the author's."""
    doc = docs["two thats"]
    (a,) = doc.attributions
    assert roles(doc, a)[2] == ["that the time was not right to pass the EVAW and that it should be left as a"
                                " presidential decree"]
    calls = [m for m in doc.moves if m.category == "call_to_action"]
    assert calls and all(m.voice == a.id for m in calls)


def test_a_report_still_owed_is_a_relation_but_borrows_no_authority(docs):
    """"Everyone should agree that ...", "The minister must explain why ...": a report that
    ought to be made is a relation (PolNeAR marks them), but nothing has been said to borrow."""
    doc = docs["owed"]
    assert [roles(doc, a)[1] for a in doc.attributions] == ["should agree", "must explain"]
    assert not [m for m in doc.moves if m.category == "authority"]


def test_a_passive_report_with_its_agent_and_the_noun_a_participle_describes(docs):
    """"Promised by the minister" after a noun reports that noun: the recovery is what he promised."""
    doc = docs["promised by"]
    assert [roles(doc, a) for a in doc.attributions] == [
        ("the minister", "promised", ["the recovery"]),
        ("Senator Warren", "was criticized", ["The deal"])]


def test_a_paragraph_after_a_reporting_verb_and_a_colon_is_an_unmarked_block_quote(docs):
    """A paragraph that ends with a source, a reporting verb and a colon introduces the next
    one, which plain text keeps without quote marks: the claims there are the governor's and
    his, not the author's; a phrase before the source is no part of what he said; a colon
    with no reporting verb before it introduces no one's words."""
    doc = docs["block"]
    assert [roles(doc, a) for a in doc.attributions] == [
        ("The governor", "added:", ["It is typical of her. She knows nothing about the job."]),
        ("he", "said:", ["The plan will fail."])]
    voices = {doc.text[m.start:m.end]: m.voice for m in doc.moves if m.category == "claim"}
    assert voices["She knows nothing about the job."] == "a1"
    assert voices["The plan will fail."] == "a2"
    assert voices["Costs will rise."] == "author"
