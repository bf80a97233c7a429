"""The rule engine on hand-built parses (no model needed) and the rule-file validator."""

import textwrap

import pytest

from rhetoric import read_conllu
from rhetoric.rules import Matcher, RuleError, load_rules, tag
from rhetoric.rules.loader import load_ruleset


def conllu(*rows: str) -> str:
    """CoNLL-U from 'form lemma upos xpos feats head deprel' rows (one sentence)."""
    lines = []
    for n, row in enumerate(rows, 1):
        form, lemma, upos, xpos, feats, head, deprel = row.split()
        lines.append("\t".join([str(n), form, lemma, upos, xpos, feats, head, deprel, "_", "_"]))
    return "\n".join(lines) + "\n\n"


HEDGED = conllu("It it PRON PRP _ 4 expl", "is be AUX VBZ _ 4 cop", "not not PART RB Polarity=Neg 4 advmod",
                "possible possible ADJ JJ Degree=Pos 0 root", "that that SCONJ IN _ 7 mark",
                "talks talk NOUN NNS Number=Plur 7 nsubj", "fail fail VERB VBP _ 4 ccomp")
MAY = conllu("Prices price NOUN NNS _ 3 nsubj", "may may AUX MD VerbForm=Fin 3 aux", "fall fall VERB VB _ 0 root",
             "about about ADV RB _ 5 advmod", "5 5 NUM CD _ 3 obj", "% % SYM NN _ 5 compound")


def ruleset(body: str, lists: str = "") -> str:
    return textwrap.dedent(f"""\
        [ruleset]
        name = "test"
        version = "0.1"
        description = "rules for a test"
        [lists]
        {lists}
        """) + textwrap.dedent(body)


def rule(pattern: str, extra: str = "", category: str = "hedge") -> str:
    return f"""
        [[rules]]
        id = "t.rule"
        category = "{category}"
        description = "a test rule"
        pattern = {pattern}
        {extra}
        examples = ["One.", "Two."]
        counterexamples = ["Three."]
        """


def moves(text: str, source: str, tmp_path) -> list[tuple[str, str]]:
    path = tmp_path / "r.toml"
    path.write_text(source, encoding="utf-8")
    doc = tag(read_conllu(text)[0], load_rules(path, builtin=False))
    return [(m.rule, doc.text[m.start:m.end]) for m in doc.moves]


def test_negated_possibility_is_not_a_hedge_and_modal_is():
    sets = load_rules()
    hedged = tag(read_conllu(HEDGED)[0], sets)
    assert [m for m in hedged.moves if m.category == "hedge"] == []
    doc = tag(read_conllu(MAY)[0], sets)
    hedges = [(m.rule, doc.text[m.start:m.end]) for m in doc.moves if m.category == "hedge"]
    assert hedges == [("hedge.modal-possibility", "may"), ("hedge.approximator", "about")]


def test_sequences_gaps_optional_tokens_and_phrases(tmp_path):
    assert moves(MAY, ruleset(rule('[{lemma = "may"}, {gap = [0, 2]}, {upos = "NUM"}]', 'span = "match"')),
                 tmp_path) == [("t.rule", "may fall about 5")]
    assert moves(MAY, ruleset(rule('[{lemma = "may"}, {upos = "VERB", op = "?"}, {upos = "PUNCT"}]')), tmp_path) == []
    assert moves(MAY, ruleset(rule('[{phrase = "$p"}]'), 'p = ["may fall", "about 5 %"]'), tmp_path) == [
        ("t.rule", "may fall"), ("t.rule", "about 5 %")]


def test_dependency_constraints_and_exclusions(tmp_path):
    src = rule('[{upos = "VERB"}]', 'children = [{deprel = "nsubj", lemma = "price"}]\nspan = "sentence"')
    assert moves(MAY, ruleset(src), tmp_path) == [("t.rule", "Prices may fall about 5 %")]
    src = rule('[{upos = "VERB"}]', 'no_children = [{deprel = "aux"}]')
    assert moves(MAY, ruleset(src), tmp_path) == []
    src = rule('[{lemma = "may"}]', 'exclude = [[{lower = "prices"}, {lemma = "may"}]]')
    assert moves(MAY, ruleset(src), tmp_path) == []
    src = rule('[{lemma = "possible", negated = false}]')
    assert moves(HEDGED, ruleset(src), tmp_path) == []
    src = rule('[{lemma = "possible"}]', 'sentence = {question = false, position = "document_first"}')
    assert moves(HEDGED, ruleset(src), tmp_path) == [("t.rule", "possible")]
    # some word of the sentence passes the test of `contains`, none that of `lacks`
    src = rule('[{lemma = "possible"}]', 'sentence = {contains = {lemma = "talk"}, lacks = {upos = "NUM"}}')
    assert moves(HEDGED, ruleset(src), tmp_path) == [("t.rule", "possible")]
    assert moves(MAY, ruleset(rule('[{upos = "NUM"}]', 'sentence = {lacks = {lemma = "price"}}')), tmp_path) == []
    assert moves(HEDGED, ruleset(rule('[{lemma = "possible"}]', 'sentence = {question = true, lacks = {upos = "NUM"}}')),
                 tmp_path) == []
    # a token test on the word's head, and one that a child of the word must pass
    assert moves(MAY, ruleset(rule('[{upos = "NUM", head = {lemma = "fall"}}]')), tmp_path) == [("t.rule", "5")]
    assert moves(MAY, ruleset(rule('[{upos = "VERB", child = {lemma = "may"}}]')), tmp_path) == [("t.rule", "fall")]
    assert moves(MAY, ruleset(rule('[{upos = "VERB", child = {lemma = "can"}}]')), tmp_path) == []
    # a token test on the head of the word's clause: "talks" stands in the that-clause, "It" in the negated main one
    assert moves(HEDGED, ruleset(rule('[{lemma = "talk", clause = {lemma = "fail"}}]')), tmp_path) == [("t.rule", "talks")]
    assert moves(HEDGED, ruleset(rule('[{lemma = "talk", clause = {lemma = "possible"}}]')), tmp_path) == []
    assert moves(HEDGED, ruleset(rule('[{upos = "PRON", clause = {negated = true}}]')), tmp_path) == [("t.rule", "It")]
    assert moves(HEDGED, ruleset(rule('[{lemma = "talk", clause = {negated = true}}]')), tmp_path) == []


def test_a_named_token_test_stands_wherever_a_token_test_may(tmp_path):
    named = "[tests]\nnegated_clause = {negated = true}\n"
    source = ruleset(rule('[{upos = "PRON", clause = "$negated_clause"}]')).replace("[lists]\n", named + "[lists]\n")
    assert moves(HEDGED, source, tmp_path) == [("t.rule", "It")]
    source = ruleset(rule('[{lemma = "talk", not = "$negated_clause", clause = {any = ["$negated_clause"]}}]'))
    assert moves(HEDGED, source.replace("[lists]\n", named + "[lists]\n"), tmp_path) == []
    pronoun = "[tests]\npronoun = {upos = \"PRON\"}\n"  # a pattern token may be a named test
    source = ruleset(rule('["$pronoun", {lemma = "be"}]', 'span = "match"')).replace("[lists]\n", pronoun + "[lists]\n")
    assert moves(HEDGED, source, tmp_path) == [("t.rule", "It is")]
    path = tmp_path / "bad.toml"
    path.write_text(ruleset(rule('[{upos = "PRON", clause = "$nowhere"}, "pronoun"]')).replace(
        "[lists]\n", "[tests]\nloop = {not = \"$loop\"}\n[lists]\n"), encoding="utf-8")
    with pytest.raises(RuleError) as error:
        load_ruleset(path)
    message = str(error.value)
    assert "unknown test '$nowhere'; defined tests: loop" in message and "test '$loop' refers to itself" in message
    assert "token 2: expected a table of token attributes or the \"$name\" of one in [tests], found 'pronoun'" in message


def test_repetitions_named_tokens_and_an_optional_first_token(tmp_path):
    # {N,M} repeats a token test, greedily; a gap skips as few words as it can
    assert moves(MAY, ruleset(rule('[{upos = ["VERB", "AUX", "NOUN"], op = "{2,3}"}]', 'span = "match"')),
                 tmp_path) == [("t.rule", "Prices may fall")]
    assert moves(MAY, ruleset(rule('[{upos = ["VERB", "AUX"], op = "{3}"}]')), tmp_path) == []
    # the anchor and the cues are named tokens; the span "cue" covers the cues
    src = rule('[{lemma = "may", name = "modal"}, {lemma = "fall", name = "verb"}]', 'cues = ["verb"]')
    assert moves(MAY, ruleset(src), tmp_path) == [("t.rule", "fall")]
    src = rule('[{lemma = "price"}, {lemma = "may", name = "modal"}]', 'anchor = "modal"\nno_children = [{deprel = "nsubj"}]')
    assert moves(MAY, ruleset(src), tmp_path) == [("t.rule", "Prices may")]
    # a first token may be optional: the match takes it when it is there
    src = rule('[{lower = "prices", op = "?"}, {lemma = "may"}]', 'span = "match"')
    assert moves(MAY, ruleset(src), tmp_path) == [("t.rule", "Prices may")]


def test_one_spelling_per_idea_old_spellings_are_refused(tmp_path):
    path = tmp_path / "old.toml"
    path.write_text(ruleset(rule('[{upos = {in = ["AUX"]}}]', 'not_negated = true\nanchor = 0')), encoding="utf-8")
    with pytest.raises(RuleError) as error:
        load_ruleset(path)
    message = str(error.value)
    assert "write 'any of' as a plain list: upos = [...]" in message
    assert "unknown key(s) not_negated" in message and "anchor 0 names no pattern token" in message


def test_duplicates_of_one_category_merge_and_other_categories_stay(tmp_path):
    src = ruleset(rule('[{lemma = "may"}]') + rule('[{lemma = "may"}, {lemma = "fall"}]').replace("t.rule", "t.two")
                  + rule('[{lemma = "may"}]', category="claim").replace("t.rule", "t.three"))
    assert sorted(moves(MAY, src, tmp_path)) == [("t.three", "may"), ("t.two", "may fall")]


def test_a_derived_rule_counts_the_moves_of_its_categories_but_not_those_of_its_not_from_rules(tmp_path):
    about = rule('[{lower = "about"}]').replace("t.rule", "t.about")
    derived = """
        [[rules]]
        id = "t.claim"
        category = "claim"
        description = "a hedged statement"
        derived_from = ["hedge"]
        not_from = ["t.about"]
        examples = ["One.", "Two."]
        counterexamples = ["Three."]
        """
    assert moves(MAY, ruleset(about + derived), tmp_path) == [("t.about", "about")]
    may = rule('[{lemma = "may"}]').replace("t.rule", "t.may")
    assert ("t.claim", "Prices may fall about 5 %") in moves(MAY, ruleset(about + may + derived), tmp_path)
    with pytest.raises(RuleError, match="not_from must be a list of rule ids"):
        moves(MAY, ruleset(about + derived.replace('["t.about"]', '"t.about"')), tmp_path)


def test_every_problem_in_a_rule_file_is_reported_with_line_and_rule_id(tmp_path):
    source = ruleset(
        rule('[{lema = "may"}]').replace("t.rule", "bad.attribute")
        + rule('[{lemma = "$nope"}]', category="sarcasm").replace("t.rule", "bad.category")
        + rule('[{lemma = "may", op = "{3,1}"}]').replace("t.rule", "bad.repetition")
        + rule('[{text = {regex = "("}}]').replace("t.rule", "bad.regex"))
    path = tmp_path / "bad.toml"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(RuleError) as error:
        load_ruleset(path)
    message = str(error.value)
    lines = source.splitlines()
    for rule_id, problem in [("bad.attribute", "unknown attribute(s) lema"), ("bad.category", "unknown category 'sarcasm'"),
                             ("bad.category", "unknown list '$nope'"), ("bad.repetition", "op must be ?, *, +, {N}"),
                             ("bad.regex", "bad regex")]:
        line = next(n for n, text in enumerate(lines, 1) if f'"{rule_id}"' in text)
        prefix = f"{path}:{line}: rule {rule_id}: "
        assert any(m.strip().startswith(prefix) and problem in m for m in message.splitlines()), (prefix, problem)
    assert len(error.value.problems) == 5


def test_toml_syntax_errors_name_the_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('[ruleset]\nname = "x"\nversion = \n', encoding="utf-8")
    with pytest.raises(RuleError, match=r"broken\.toml:3: not valid TOML"):
        load_ruleset(path)


def test_rules_need_examples_and_a_counterexample(tmp_path):
    body = rule('[{lemma = "may"}]').replace('examples = ["One.", "Two."]', 'examples = ["One."]')
    path = tmp_path / "r.toml"
    path.write_text(ruleset(body), encoding="utf-8")
    with pytest.raises(RuleError, match="needs at least two example sentences"):
        load_ruleset(path)


def test_a_rule_kind_is_kept_and_must_be_a_lower_case_word(tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(ruleset(rule('[{lemma = "may"}]', extra='kind = "possibility"')), encoding="utf-8")
    assert load_ruleset(path).rules[0].kind == "possibility"
    path.write_text(ruleset(rule('[{lemma = "may"}]', extra='kind = "Possibility!"')), encoding="utf-8")
    with pytest.raises(RuleError, match="kind must be a lower-case word"):
        load_ruleset(path)
    path.write_text(ruleset(rule('[{lemma = "may"}]', extra='kind = "-possibility"')), encoding="utf-8")
    with pytest.raises(RuleError, match="kind must be a lower-case word"):
        load_ruleset(path)


def test_a_folder_of_rule_files_loads_each_file_in_name_order(tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    for name in ("b", "a"):
        text = ruleset(rule('[{lemma = "may"}]').replace("t.rule", f"{name}.rule")).replace('"test"', f'"{name}"')
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    (folder / "notes.txt").write_text("not a rule file", encoding="utf-8")
    assert [rs.name for rs in load_rules(folder, builtin=False)] == ["a", "b"]
    (tmp_path / "empty").mkdir()
    with pytest.raises(RuleError, match="holds no .toml rule files"):
        load_rules(tmp_path / "empty", builtin=False)


def test_builtin_rulesets_carry_provenance():
    sets = load_rules()
    assert {rs.name for rs in sets} >= {"claims", "authority", "hedges", "calls"}
    for rs in sets:
        assert rs.version and rs.sources and len(rs.sha256) == 64
        for r in rs.rules:
            assert r.description and len(r.examples) >= 2 and r.counterexamples
    doc = tag(read_conllu(MAY)[0], sets)
    assert {r.name for r in doc.rulesets} == {rs.name for rs in sets}
    assert all(m.ruleset in {rs.name for rs in sets} for m in doc.moves)


def test_matching_only_tries_rules_triggered_by_each_word():
    matcher = Matcher(load_rules())
    assert not matcher.anywhere
    from rhetoric.rules.view import SentenceView

    view = SentenceView(read_conllu(MAY)[0].sentences[0])
    tried = [r.id for i in range(len(view.words)) for r in matcher._candidates(view, i)]
    assert "hedge.modal-possibility" in tried and len(tried) < 15


def test_remembered_candidates_give_the_moves_of_a_fresh_lookup(monkeypatch):
    """The matcher remembers each kind of word's candidate rules; starting afresh every
    second kind (the bound on memory) finds the same moves."""
    from rhetoric.rules import matcher as matching

    docs = read_conllu(HEDGED + MAY + HEDGED + MAY)
    remembered = Matcher(load_rules())
    first = [remembered.match(d) for d in docs]
    monkeypatch.setattr(matching, "KINDS_REMEMBERED", 2)
    forgetful = Matcher(load_rules())
    assert [forgetful.match(d) for d in docs] == first == [remembered.match(d) for d in docs]
    assert len(forgetful._by_kind) <= 2 < len(remembered._by_kind)
    assert any(m.rule == "hedge.modal-possibility" for d in first for m in d)


def test_annotate_command_follows_the_json_contract(tmp_path, capsys):
    import json

    from rhetoric.cli import main

    parsed = tmp_path / "prices.conllu"
    parsed.write_text(MAY, encoding="utf-8")
    assert main(["annotate", str(parsed)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["text"] == "Prices may fall about 5 %"
    for move in out["moves"]:
        assert {"category", "start", "end", "rule"} <= set(move)
        assert out["text"][move["start"]:move["end"]] == move["text"]
    assert ("hedge", "may") in [(m["category"], m["text"]) for m in out["moves"]]
    for move in out["moves"]:  # cues as character offsets too
        assert [out["text"][a:b] for a, b in move["cue_spans"]] == [
            out["sentences"][s]["words"][w - 1]["text"] for s, w in move["cues"]]


def test_explain_prints_plain_brackets_when_piped(tmp_path, capsys):
    from rhetoric.cli import main

    parsed = tmp_path / "prices.conllu"
    parsed.write_text(MAY, encoding="utf-8")
    assert main(["explain", str(parsed)]) == 0
    out = capsys.readouterr().out
    # sentences are numbered as in the JSON output; numbered brackets keep nested moves apart
    # the hedged statement is a claim (claim.stance-sentence) around the hedges and the statistic
    assert out.splitlines()[0] == "[0] [1 Prices [2 may 2] fall [3 [4 about 3] 5 % 4] 1]"
    assert '4 statistic       statistic.percentage (0.79)  "about 5 %"' in out and "\x1b[" not in out
    long = tmp_path / "long.conllu"
    words = ["Prices"] + ["rise"] * 40 + ["by", "about", "5", "%"]
    long.write_text("".join(f"{n}\t{w}\t{w.lower()}\t{'NUM' if w == '5' else 'SYM' if w == '%' else 'ADV' if w == 'about' else 'VERB'}"
                            f"\t_\t_\t{0 if n == 2 else 2}\t{'root' if n == 2 else 'dep'}\t_\t_\n"
                            for n, w in enumerate(words, 1)) + "\n", encoding="utf-8")
    assert main(["explain", str(long)]) == 0
    assert '"about 5 %"' in capsys.readouterr().out  # whole moves, never cut short
    sentences = "1\tNo\tno\tINTJ\tUH\t_\t0\troot\t_\t_\n\n" + MAY
    (tmp_path / "two.conllu").write_text(sentences, encoding="utf-8")
    assert main(["explain", str(tmp_path / "two.conllu")]) == 0
    assert not capsys.readouterr().out.startswith("[0]")
    assert main(["explain", "--all", str(tmp_path / "two.conllu")]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == ["[0] No", "[1] [1 Prices [2 may 2] fall [3 [4 about 3] 5 % 4] 1]"]


def test_own_rules_beside_or_instead_of_builtin(tmp_path, capsys):
    import json

    from rhetoric.cli import main

    parsed = tmp_path / "prices.conllu"
    parsed.write_text(MAY, encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text(ruleset(rule('[{lemma = "fall"}]', category="attitude")), encoding="utf-8")
    assert main(["annotate", str(parsed), "--rules", str(mine), "--no-builtin"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [(m["category"], m["rule"]) for m in out["moves"]] == [("attitude", "t.rule")]
    assert [r["name"] for r in out["rulesets"]] == ["test"]
    assert main(["annotate", str(parsed), "--rules", str(mine)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {m["category"] for m in out["moves"]} == {"attitude", "claim", "hedge", "statistic"}
    bad = tmp_path / "bad.toml"
    bad.write_text(ruleset(rule('[{lema = "fall"}]')), encoding="utf-8")
    assert main(["annotate", str(parsed), "--rules", str(bad)]) == 2
    assert "bad.toml:9: rule t.rule: pattern token 1: unknown attribute(s) lema" in capsys.readouterr().err


ADVOCATE = conllu("Lucke Lucke PROPN NNP _ 2 nsubj", "tried try VERB VBD _ 0 root", "to to PART TO _ 4 mark",
                  "advocate advocate VERB VB _ 2 xcomp", "talks talk NOUN NNS _ 4 obj", ". . PUNCT . _ 2 punct")


def test_an_attribution_rule_can_test_the_source_its_frame_finds(tmp_path):
    """"Lucke tried to advocate talks": "advocate" has no subject of its own; the clause frame
    climbs to "tried" for the source, and the ``source`` test reads that (an infinitive is
    a relation but no authority move)."""
    def found(source: str) -> list[tuple[str, str]]:
        path = tmp_path / "r.toml"
        path.write_text(source, encoding="utf-8")
        doc = tag(read_conllu(ADVOCATE)[0], load_rules(path, builtin=False))
        return [(a.rule, doc.text[slice(*a.source)]) for a in doc.attributions]

    def attribution(extra: str) -> str:
        return ruleset(f"""
            [[rules]]
            id = "t.named"
            category = "authority"
            description = "a named source's act"
            frame = "clause"
            cue = {{lemma = "advocate"}}
            {extra}
            examples = ["One.", "Two."]
            counterexamples = ["Three."]
            """)
    assert found(attribution('source = {upos = "PROPN"}')) == [("t.named", "Lucke")]
    assert found(attribution('source = {upos = "NOUN"}')) == []
    with pytest.raises(RuleError, match=r"rule t\.named: source: unknown attribute\(s\) lema"):
        found(attribution('source = {lema = "x"}'))
    with pytest.raises(RuleError, match=r'rule t\.named: move must be true, false or "quoted", found \'sometimes\''):
        found(attribution('move = "sometimes"'))
    with pytest.raises(RuleError, match=r"rule t\.named: nested must be true or false, found 'no'"):
        found(attribution('nested = "no"'))
