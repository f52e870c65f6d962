"""Factuality: whether the article reports an event as happened, not happened, or possible.

"Police did not arrest him" is a negated arrest; "he may visit" a hypothetical visit. The
closed set of values is kg.model.FACTUALITIES.

The cue words are the table kg/data/factuality_cues.tsv: `relation` (how the cue stands to
the trigger or to a word that governs it, one of RELATIONS or "prep:<preposition>"), `cue`
(a word form, "n't", or a lemma, "threaten") and `makes` (the factuality it gives). A row
that makes "asserted" names a word that adds nothing of its own but lets its clause's cues
through ("light-subject" take: "the meeting did not take place"; "complement" manage: "did not
manage to flee") or, for "mark" and "cc", a word that stops them ("as", "but").

A cue counts only where it governs the trigger: on the trigger itself, or on a governor
reached through the links below ("He was not in Paris when the bomb exploded" leaves the
explosion asserted: negation does not cross an adverbial clause). Going up from the trigger,
each link passes on all of its governor's factuality, only a hypothetical one, or none:
- conjunct without a subject of its own: all after "or" ("did not arrest or charge him"),
  hypothetical after "and" ("will arrest and charge him"), none after "but";
- complement ("plans to attack", "a plan to attack"): the governor's cue ("threatened to",
  "refused to"); the governor's own factuality passes all through implicative verbs
  ("did not manage to escape"), else only hypothetical ("may try to escape");
- adverbial clause: hypothetical ("will be arrested when he arrives"); an infinitive of
  purpose is itself hypothetical ("deployed to fight the rebels");
- that-clause: only the governor's cue ("denied that X had met Y"), nothing else ("did not
  say that he resigned" reports no resignation either way);
- a nominal event as subject or object of a light verb ("the meeting did not take place",
  "have not made any arrests", "there was not any fighting", "the meeting is set to take
  place"): all; as object of a cue verb ("cancelled the meeting", "fear an attack"): the
  cue;
- a preposition's object: "without" ("without a fight"), or the cue of the word the
  preposition attaches to ("accused of killing", "called for the release");
- compound: the head noun's cue ("attack plans").

Where cues disagree, hypothetical wins over negated ("threatened not to attack", "will not
attack"), negated over asserted. "Could not escape" and "can't travel" are negated: a modal of
ability with a negation says the event did not happen. "Refused to meet" and "failed to
arrest" are negated too: the article reports that the meeting and the arrest did not happen
(a later meeting would be another event); "failed to stop the attack" keeps the attack
asserted, since the attack is not what failed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources
from typing import Literal

from spacy.tokens import Token

from kg.extract.anchors import lemma
from kg.model import FACTUALITIES

__all__ = ["RELATIONS", "factuality_of", "load_cues"]

# The closed set of the table's `relation` column, besides "prep:<preposition>".
RELATIONS: tuple[str, ...] = (
    "acl",  # participle or adjective after a nominal trigger: "the meeting set for May"
    "advmod",  # adverb of the trigger's clause: "allegedly killed"
    "amod",  # adjective on a nominal trigger: "the alleged attack"
    "argument",  # subject or object naming nobody: "nobody was killed"
    "aux",  # modal or future auxiliary: "may visit"
    "aux-neg",  # modal of ability that with a negation says it did not happen: "could not"
    "cc",  # coordinator of a conjunct: "or" shares the negation ("did not arrest or charge
    # him"), "but" shares nothing; others ("and") share a hypothetical only
    "ccomp",  # verb or noun governing the trigger's that-clause: "denied that X had met Y",
    # "allegations that he attacked"; asserted: a transparent noun ("reports that")
    "complement",  # word governing the trigger as its complement: "threatened to bomb"
    "complement-advmod",  # adverb on the governor of a complement: "has yet to be charged"
    "compound",  # noun the trigger modifies: "attack plans"
    "conditional",  # subordinator of an adverbial clause of the trigger's: "if ..., could"
    "copula",  # verb whose complement is the event: "there was no fighting"
    "det",  # determiner of a nominal trigger or of a subject/object: "no injuries"
    "light-object",  # verb whose object is the event: "police have not made any arrests"
    "light-subject",  # verb whose subject is the event: "the meeting did not take place"
    "mark",  # subordinator of the trigger's clause: "if the ceasefire collapses"; asserted:
    # the clause stands on its own ("as", "because"), a hypothetical main clause stays out
    "neg",  # negation of the trigger's clause: "did not arrest"
    "object",  # verb of which the nominal event is the object: "cancelled the meeting"
    "polarity",  # determiner that takes its verb's negation: "did not report any injuries"
    "prep",  # preposition whose object is the trigger: "without a fight"
    "purpose",  # infinitive marker of a clause of purpose: "deployed to fight"
    "question",  # a yes/no question's mark: "Did X attack Y?"
)
PREP = "prep:"  # "prep:of" accuse: the word whose "of" phrase holds the trigger

# Governors looked at above a trigger. A loop with a bound, not recursion: a results table
# parsed as a list of a thousand conjuncts is a chain a thousand deep, and walking it for
# each of its words took minutes; no cue governs from 40 links away.
MAX_SCOPE = 40

Passes = Literal["all", "hypothetical", "none"]
_RANK = {"asserted": 0, "negated": 1, "hypothetical": 2}
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PATIENTS = frozenset({"dobj", "nsubjpass"})
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
_QUOTES = frozenset({"''", "``", '"'})


@cache
def load_cues() -> dict[str, dict[str, str]]:
    """relation -> cue word -> factuality, from kg/data/factuality_cues.tsv.

    An unknown relation or factuality in the table is an error, not a row to skip.
    """
    table = resources.files("kg.data").joinpath("factuality_cues.tsv").read_text("utf-8")
    cues: dict[str, dict[str, str]] = {relation: {} for relation in RELATIONS}
    for number, line in enumerate(table.splitlines()[1:], start=2):
        relation, cue, makes = line.split("\t")
        if makes not in FACTUALITIES:
            raise ValueError(f"factuality_cues.tsv:{number}: {makes!r} is not a factuality")
        if relation not in RELATIONS and not relation.startswith(PREP):
            raise ValueError(f"factuality_cues.tsv:{number}: unknown relation {relation!r}")
        cues.setdefault(relation, {})[cue] = makes
    return cues


def _cue(token: Token, relation: str) -> str | None:
    """What the token makes as a cue of that relation: by form ("n't"), else by lemma."""
    if relation in RELATIONS:
        words = load_cues()[relation]
    elif relation.startswith(PREP):
        words = load_cues().get(relation, {})  # a preposition no row names: no cue
    else:
        raise ValueError(f"unknown factuality cue relation {relation!r}")
    if not words:
        return None
    return words.get(token.lower_) or words.get(lemma(token, words))


def _strongest(values: Iterable[str | None]) -> str:
    """The strongest of the cues found, "asserted" when none: "He threatened not to attack"
    has a negation and a threat, and the threat wins (hypothetical)."""
    return max((v for v in values if v is not None), key=_RANK.__getitem__, default="asserted")


def factuality_of(trigger: Token) -> str:
    """ "asserted", "negated" or "hypothetical" for the event a trigger word names.

    "Police did not arrest him": the verb has a negation of its own -> "negated".
    "He threatened to bomb the city": a governing verb of threat -> "hypothetical".
    """
    return _verdict(trigger)


def _verdict(token: Token) -> str:
    """The factuality of the token's own cues and of what its governors pass down.

    "He did not manage to flee": "flee" has no cue of its own; "manage" passes down all of
    its own factuality, and its "not" makes the flight negated.
    """
    chain: list[tuple[str, Passes]] = []
    current: Token | None = token
    while current is not None and len(chain) < MAX_SCOPE:
        link, governor, passes = _link(current)
        chain.append((_strongest([*_own_cues(current), link]), passes))
        current = governor if passes != "none" else None
    verdict = "asserted"
    for own, passes in reversed(chain):
        inherited = verdict if passes == "all" or verdict == "hypothetical" else None
        verdict = _strongest([own, inherited])
    return verdict


def _own_cues(token: Token) -> Iterator[str | None]:
    """Every cue word attached to the token itself, one rule each: "Rebels allegedly
    killed no one" has an adverb (hypothetical) and an object naming nobody (negated)."""
    yield _negation(token)
    yield _modal(token)
    yield _subordinator(token)
    yield _conditional_main_clause(token)
    for child in token.children:
        if child.dep_ in ("acl", "advmod", "amod", "det"):
            yield _cue(child, child.dep_)
        if child.dep_ in _SUBJECTS or child.dep_ == "dobj":
            yield _nobody(child)
    yield _question(token)


def _negation(token: Token) -> str | None:
    """ "Police did not arrest him", "He never met Putin": a negation on the word.

    "He was not only arrested but also charged" is no negation: "not only" adds.
    """
    for child in token.children:
        if child.dep_ != "neg" or _cue(child, "neg") is None:
            continue
        after = child.nbor(1) if child.i + 1 < len(child.doc) else None
        if after is None or after.lower_ != "only":
            return _cue(child, "neg")
    return None


def _modal(token: Token) -> str | None:
    """ "He may visit Paris", "Trump will meet Kim": a modal or future auxiliary.

    "He could not escape" is no hypothetical: the negation says the escape did not happen.
    """
    negated = _negation(token) is not None
    for child in token.children:
        if child.dep_ != "aux":
            continue
        if negated and _cue(child, "aux-neg") is not None:
            return None
        if _cue(child, "aux") is not None:
            return _cue(child, "aux")
    return None


def _subordinator(token: Token) -> str | None:
    """ "If the ceasefire collapses", "whether he was arrested": the clause's own mark."""
    marks = [_cue(child, "mark") for child in token.children if child.dep_ == "mark"]
    return _strongest([*marks, _stray_condition(token)])


def _stray_condition(token: Token) -> str | None:
    """ "UNLESS of course, he returned": followed by an aside, a subordinator is hung on
    another word of the sentence; the condition whose phrase ends just before the clause
    (punctuation between) still governs it. Only hypothetical marks count, since a stray
    "as" or "while" is as often a preposition ("as chairman, he returned")."""
    # the clause begins at its subject: a clause spaCy makes the head of the sentence holds
    # everything before it too
    subjects = [child for child in token.children if child.dep_ in _SUBJECTS]
    doc, start = token.doc, (subjects[0] if subjects else token).left_edge.i
    at = start - 1
    while at >= 0 and doc[at].is_punct:
        at -= 1
    if at < 0:
        return None
    for candidate in [doc[at], *list(doc[at].ancestors)[:3]]:
        if candidate.right_edge.i >= start:
            break
        if candidate.dep_ != "mark" and _cue(candidate, "mark") == "hypothetical":
            return "hypothetical"
    return None


def _conditional_main_clause(token: Token) -> str | None:
    """ "If convicted, he faces trial": the main clause of a condition, when not past.

    "If anything, the attack showed their weakness": a past main clause reports a fact.
    """
    if token.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in token.children):
        return None
    for clause in token.children:
        if clause.dep_ != "advcl":
            continue
        for child in clause.children:
            if child.dep_ == "mark" and _cue(child, "conditional") is not None:
                return _cue(child, "conditional")
    return None


def _nobody(argument: Token) -> str | None:
    """ "Nobody was killed", "No one was hurt", "Police arrested no one", "Not a single shot
    was fired": nobody and nothing took part."""
    found = _cue(argument, "argument")
    if found is not None:
        return found
    cues = (_cue(c, c.dep_) for c in argument.children if c.dep_ in ("det", "neg"))
    return next((cue for cue in cues if cue is not None), None)


def _question(token: Token) -> str | None:
    """ "Did Russia attack Ukraine?": a yes/no question, its auxiliary before its subject.

    "Who attacked the embassy?" and "Why did they attack us?" take the attack as given.
    """
    last = token.right_edge
    while last.tag_ in _QUOTES and last.i > token.left_edge.i:
        last = last.nbor(-1)
    mark = _cue(last, "question")
    if mark is None:
        return None
    if any(t.tag_ in _WH_TAGS for t in token.doc[token.left_edge.i : token.i]):
        return None
    subjects = [c.i for c in token.children if c.dep_ in _SUBJECTS]
    auxes = [c.i for c in token.children if c.dep_ in ("aux", "auxpass")]
    if subjects and auxes and min(auxes) < min(subjects):
        return mark
    return None


def _link(token: Token) -> tuple[str | None, Token | None, Passes]:
    """How the token hangs from its governor: the cue of the link, the governor, and what
    the governor's own factuality passes down to it."""
    dep, head = token.dep_, token.head
    if head.i == token.i:
        return None, None, "none"
    if dep == "conj":
        return _conjunct(token)
    to = _to_infinitive(token)
    noun_complement = dep in ("acl", "advcl", "relcl") and head.pos_ == "NOUN" and to is not None
    if dep == "xcomp" or noun_complement:
        return _complement(token)
    if dep == "advcl":
        return _adverbial(token)
    if dep == "ccomp":
        return _cue(head, "ccomp"), None, "none"
    if dep == "acl" and head.pos_ == "NOUN":
        return _content_clause(token)
    if dep in ("pobj", "pcomp"):
        return _prepositional(token)
    if dep == "compound":
        return _cue(head, "compound"), head, "hypothetical"
    return _nominal(token)


def _conjunct(token: Token) -> tuple[str | None, Token | None, Passes]:
    """ "Police did not arrest or charge him": a conjunct after "or" shares its head's cues.

    After "and" only a hypothetical ("will arrest and charge him"; "was not charged and
    released" releases him); after "but" nothing ("not only arrested but also charged"), nor
    with a subject of its own ("He was not hurt, but two others were killed").
    """
    head = token.head
    if any(c.dep_ in _SUBJECTS for c in token.children):
        return None, None, "none"
    words = [c for c in (*head.children, *token.children) if c.dep_ == "cc"]
    shares = {_cue(word, "cc") for word in words}
    if "asserted" in shares:
        return None, None, "none"
    return None, head, "all" if "negated" in shares else "hypothetical"


def _content_clause(token: Token) -> tuple[str | None, Token | None, Passes]:
    """ "He rejected allegations that he had attacked a guard": the noun's cue. A report
    passes on its own factuality ("Moscow denied reports that its jets had bombed a
    hospital"); "the man killed in the attack" is no content clause and takes nothing."""
    found = _cue(token.head, "ccomp")
    if found is None:
        return None, None, "none"
    return found, token.head, "all" if found == "asserted" else "hypothetical"


def _to_infinitive(token: Token) -> Token | None:
    """The "to" of "to attack", or None when the verb has none."""
    return next((c for c in token.children if c.dep_ == "aux" and c.tag_ == "TO"), None)


def _purpose(token: Token) -> bool:
    """ "Troops were deployed to fight the rebels": an infinitive clause without a subject."""
    subject = any(c.dep_ in _SUBJECTS for c in token.children)
    return _to_infinitive(token) is not None and not subject


def _adverbial(token: Token) -> tuple[str | None, Token | None, Passes]:
    """ "He will be arrested when he arrives": a hypothetical main clause passes down.

    "He was not in Paris when the bomb exploded": its negation does not. "Troops were
    deployed to fight the rebels": an infinitive of purpose is itself hypothetical. "Japan
    may enter a recession as the crisis cools demand": a clause of cause or contrast stands
    on its own.
    """
    to = _to_infinitive(token)
    purpose = _cue(to, "purpose") if to is not None and _purpose(token) else None
    if any(c.dep_ == "mark" and _cue(c, "mark") == "asserted" for c in token.children):
        return purpose, None, "none"  # "may be entering a recession as demand cools"
    return purpose, token.head, "hypothetical"


def _complement(token: Token) -> tuple[str | None, Token | None, Passes]:
    """ "threatened to bomb", "a plan to attack", "refused to meet", "managed to escape".

    Implicative governors ("managed", "began") pass their own factuality down whole ("did
    not manage to escape"); any other passes only a hypothetical ("may try to escape").
    "Police have yet to arrest anyone": "yet" on the governor says it has not happened.
    """
    head = token.head
    found = _cue(head, "complement")
    passes: Passes = "all" if found == "asserted" else "hypothetical"
    adverbs = [_cue(c, "complement-advmod") for c in head.children if c.dep_ == "advmod"]
    return _strongest([found, *adverbs]), head, passes


def _prepositional(token: Token) -> tuple[str | None, Token | None, Passes]:
    """ "without a fight", "accused of killing", "called for the release of", "no reports of
    injuries" (a transparent noun: its "no" is the injuries')."""
    preposition = token.head
    if preposition.dep_ != "prep" or preposition.head.i == preposition.i:
        return None, None, "none"
    governor = preposition.head
    own = _cue(preposition, "prep")
    if own is not None:
        return own, governor, "hypothetical"
    found = _cue(governor, PREP + preposition.lower_)
    if found is None:
        return None, None, "none"
    return found, governor, "all" if found == "asserted" else "hypothetical"


def _there(verb: Token) -> bool:
    """ "There was not any fighting": an existential, unlike "the answer is not more threats"."""
    return any(child.dep_ == "expl" for child in verb.children)


def _any(noun: Token) -> bool:
    """ "Police did not report any injuries": "any" takes the verb's negation, where "Police
    did not report the attack" leaves the attack asserted."""
    return any(c.dep_ == "det" and _cue(c, "polarity") is not None for c in noun.children)


def _nominal(token: Token) -> tuple[str | None, Token | None, Passes]:
    """ "The meeting did not take place", "there was not any fighting", "cancelled the
    meeting": an event noun as subject, object or complement of a verb.

    "He did not attend the meeting" and "the answer is not more threats" leave the event
    alone: only a light verb or an existential "there" lends the noun its clause; and only
    to the event it names: "The blast did not cause any injuries" leaves the blast.
    """
    dep, head = token.dep_, token.head
    if _cue(head, "copula") is not None and (dep == "acomp" or (dep == "attr" and _there(head))):
        return None, head, "all"
    if dep not in _SUBJECTS and dep != "dobj":
        return None, None, "none"
    light = "light-object" if dep in _PATIENTS else "light-subject"
    if _cue(head, light) is not None or _any(token):
        return None, head, "all"
    raised = [c for c in head.children if c.dep_ == "xcomp" and _cue(c, "light-subject")]
    if dep in _SUBJECTS and raised:  # "the meeting is set to take place"
        return None, raised[0], "all"
    if dep in _PATIENTS and _cue(head, "object") is not None:
        return _object(head)
    return None, None, "none"


def _object(verb: Token) -> tuple[str | None, Token | None, Passes]:
    """ "Officials cancelled the meeting", "Officials fear an attack": the verb's cue.

    A stopping verb counts only when it is itself asserted: "police failed to prevent the
    attack" and "the attack could have been prevented" report an attack.
    """
    found = _cue(verb, "object")
    if found == "negated":
        return (found if _verdict(verb) == "asserted" else None), None, "none"
    return found, verb, "hypothetical"
