"""When an event happened: a date expression tied to its trigger by the parse, read against the
article's date, or the time of the narrative the event goes on with.

"He was arrested on Monday" in an article of 2019-12-04 happened on 2019-12-02. A date
counts for an event when the parse ties it to the trigger: a time phrase of the trigger
("arrested on Monday", "died two days ago"), a year or day naming it ("the 2011 attack",
"Monday's attack"), or a time phrase of the verb that carries the event out or says it took
place ("the attack was launched on Wednesday", "the bombing happened yesterday", "was forced
to resign in May"), of the dated noun whose deed a relative clause tells ("last Wednesday's
earthquake, which killed two"), or of the verb of harm an event contains ("killed on Monday
in an attack"). The date of a reporting verb is the statement's ("police said on Monday
that they arrested two men" dates no arrest), and a date inside another clause or on another
noun is that one's ("sentenced for the 2011 attack" is no 2011 sentence).

With no such date, an event told in the simple past goes on with the time of the narrative
before it in its paragraph, as TimeML's reference time ("Police arrested Smith on Monday. He
was charged with theft." dates the charge), when nothing moves the time between them and it
is about the same entity (`narrative_date`). Else an event told in the present or present
perfect on its sentence's main line takes the time its tense gives (kg.extract.tense_dates:
"South Korea says", "has announced"). Otherwise it has no date: the article's own date is
when it was reported, not when it happened.

spaCy's DATE and TIME entities are the expressions; a weekday, month, "yesterday" or a year
next to a trigger that spaCy did not mark is read as well (kg.extract.dates decides what is
a date). An event announced as coming ("will meet on Friday", "is set to begin on
Wednesday") reads a weekday or a day forward from the article's date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from functools import cache

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from kg.extract.anchors import Anchors, lemma
from kg.extract.antecedents import antecedent
from kg.extract.dates import normalise_date
from kg.extract.event_join import EventMention
from kg.extract.statements import SPEECH_VERBS
from kg.extract.tables import table_rows
from kg.extract.tense_dates import on_main_line, quoted, tense_date
from kg.model import Span

__all__ = ["date_event", "date_expressions", "narrative_date", "trigger_date"]

_DATE_LABELS = frozenset({"DATE", "TIME"})
# spaCy's labels of amounts, which the parse may hang a time phrase from ("for $9.4bn on Sunday")
_AMOUNTS = frozenset({"MONEY", "QUANTITY", "CARDINAL", "PERCENT"})
# Prepositions whose object dates the word they attach to ("scheduled for Friday"); "after
# Monday", "before 2011", "until last week" and "by Friday" bound an event without dating it.
_TIME_PREPOSITIONS = frozenset("on in at during since of around over throughout as for".split())
# Links across which a date belongs to another event or to what is said.
_OTHER_CLAUSES = frozenset({"ccomp", "conj", "relcl", "acl", "parataxis", "csubj"})
# Clauses that say when the main one happened: "was killed when the bomb exploded on Monday".
_SAME_TIME_MARKS = frozenset({"when", "as", "while"})
# Verbs that say an event named by their subject took place: "the bombing happened yesterday".
_TAKE_PLACE = frozenset(
    "happen occur take begin start erupt break end continue come unfold resume".split()
)
# Verbs whose object (or passive subject) is an event their subject carries out: "police made
# the arrest on Monday", "the attack was launched on Wednesday", "the meeting held on Tuesday".
_CARRY_OUT = frozenset(
    "launch carry conduct stage mount hold make commit perpetrate begin start complete "
    "end resume set schedule plan advance file submit lodge".split()
)
# Verbs of harm whose victims' fate falls within the event named after "in", "during" or "amid":
# "killed in an attack on Monday", "injured during clashes last month" date the attack and the
# clashes ("charged in the killing" is another matter: no harm verb).
_HARMED = frozenset("kill die injure wound hurt destroy damage perish".split())
_WITHIN = frozenset({"in", "during", "amid"})
# Events that last too long for one day of them to be their date: "killed in the war on Monday".
_LASTING = frozenset(
    "war conflict fighting violence unrest campaign crisis occupation insurgency uprising "
    "siege revolution strike".split()
)
# Gatherings where what is done there shares their time: "said at a meeting last Thursday".
_GATHERINGS = frozenset(
    "meeting conference summit rally protest demonstration hearing trial ceremony session "
    "talks forum convention funeral".split()
)
# Verbs that announce what their complement or subject will do: "is set to begin".
_ANNOUNCE = frozenset("plan schedule set expect due intend prepare go aim".split())
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_BE = frozenset({"be"})
# Past forms kg.extract.anchors.lemma does not undo (the pipeline runs without a lemmatiser).
_IRREGULAR = {
    "made": "make",
    "held": "hold",
    "took": "take",
    "taken": "take",
    "began": "begin",
    "begun": "begin",
    "broke": "break",
    "broken": "break",
    "came": "come",
    "went": "go",
    "gone": "go",
    "going": "go",
}
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_MONTH_NAMES = frozenset(
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_DAY_WORDS = frozenset({"yesterday", "today", "tonight", "tomorrow"})
_PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
# Words that may open a date expression spaCy missed: "last Friday", "early Monday".
_LEFT_WORDS = frozenset("last this next early late earlier later".split())
# Capitalised words that may stand before a weekday in a headline without naming a day.
_OPENERS = _LEFT_WORDS | frozenset("on by until since from of at".split())
# Words that join two times into a range or a list: "2005-2006", "Monday and Tuesday".
_RANGE_WORDS = frozenset({"-", "\u2013", "\u2014", "to", "and", "or", "through"})
# Any day serves to test whether a few words are a date expression at all.
_PROBE = dt.date(2001, 6, 15)


def date_event(found: EventMention, anchors: Anchors, reference: str | None) -> None:
    """Set `found.date` (ISO 8601 year, month or day) and its evidence from the nearest date
    expression the parse ties to the trigger, else from the narrative it continues (see
    `narrative_date`); leave both None when there is neither. An undated asserted mention
    keeps the date its tense gives ("has announced": kg.extract.tense_dates) in
    `found.tense_date`, which dates its event only when no mention of it has a date."""
    dated = trigger_date(found.trigger, anchors, reference)
    if dated is not None:
        found.date, found.date_evidence = dated
        return
    found.timed = own_time(found.trigger)
    verb = _clause_verb(found.trigger)
    if not found.timed and verb is not None and found.factuality == "asserted":
        found.tense_date = tense_date(verb, reference, speech=_is_speech(verb))


def trigger_date(
    trigger: Token, anchors: Anchors, reference: str | None
) -> tuple[str, Span] | None:
    """The date of the event `trigger` names and the span of its expression: one the parse
    ties to the trigger ("arrested on Monday"), else the narrative's ("On Monday, police
    arrested Smith. He was charged with theft.": the charge too)."""
    reach = _sentence_dates(trigger.sent)
    future = _announced(trigger) if reach else False
    for expression in _tied(trigger, reach) if reach else ():
        value = normalise_date(_reading(expression), reference, future=future)
        if value is not None:
            return value, Span(expression.start_char, expression.end_char)
    owned = _owned_year(trigger) if reach else None
    if owned is not None:
        return owned
    return narrative_date(trigger, anchors, reference)


def _owned_year(trigger: Token) -> tuple[str, Span] | None:
    """ "the 20th anniversary of Andy Warhol's death in 1987": the year or month right after
    an event noun with an owner is that event's, wherever the parse hangs it (spaCy hangs
    this one on "coincided"); a day there may be when something was said of it ("condemned
    Smith's arrest on Monday")."""
    doc = trigger.doc
    after = trigger.i + 1
    if trigger.pos_ != "NOUN" or not any(c.dep_ == "poss" for c in trigger.children):
        return None
    if after >= trigger.sent.end - 1 or doc[after].lower_ != "in":
        return None
    for expression in date_expressions(trigger.sent):
        if expression.start == after + 1:
            value = normalise_date(_reading(expression))
            if value is not None and len(value) <= len("2019-12"):
                return value, Span(expression.start_char, expression.end_char)
    return None


def own_time(trigger: Token) -> bool:
    """Whether the trigger has a time of its own that gives no date: "One year later he was
    fired", "GM recently brought forward ...". Such an event is not the one a dated mention
    elsewhere in the article tells of (kg.extract.event_join)."""
    if any(c.lower_ in _shift_words() and c.dep_ == "advmod" for c in trigger.children):
        return True
    return trigger.i in _memo(trigger.sent, "timed", None, _timed_words)  # type: ignore[operator]


def _timed_words(sentence: DocSpan, reference: str | None) -> frozenset[int]:
    """The words spaCy's DATE and TIME entities of the sentence are tied to ("One year later"
    -> "fired"), read once per sentence however many triggers it has."""
    return frozenset(index for span in _entities(sentence) for index in _ties(span))


# Word index -> (links, expression) for each date expression that reaches that word.
_Reach = dict[int, list[tuple[int, DocSpan]]]


def _sentence_dates(sentence: DocSpan) -> _Reach:
    """Which words of the sentence each of its date expressions is tied to, and how closely.
    An article's triggers come several to a sentence, and walking every date up the tree once
    per trigger made a long sentence quadratic: each sentence is read once (`_memo`)."""
    return _memo(sentence, "reach", None, _reach_of)  # type: ignore[return-value]


def _reach_of(sentence: DocSpan, _reference: str | None = None) -> _Reach:
    """Word index -> (links, expression) of every date expression of the sentence."""
    reach: _Reach = {}
    for expression in date_expressions(sentence):
        for index, steps in _ties(expression).items():
            reach.setdefault(index, []).append((steps, expression))
    return reach


def date_expressions(sentence: DocSpan) -> list[DocSpan]:
    """The date expressions of a sentence, in order: spaCy's DATE and TIME entities, then the
    weekdays, months, "yesterday" and years spaCy did not mark ("on Monday night")."""
    # spaCy's entity can run on past the date ("Sunday after weeks"): then the words in it
    # are read as if it were not marked
    found = [span for span in _entities(sentence) if _is_date(span) and not _names_a_day(span)]
    covered = {token.i for span in found for token in span}
    for token in sentence:
        if token.i in covered or not _seed(token):
            continue
        span = _expression_at(token, sentence, covered)
        if span is not None and not _names_a_day(span):
            found.append(span)
            covered.update(t.i for t in span)
    return sorted((span for span in found if not _in_range(span)), key=lambda span: span.start)


def _is_date(span: DocSpan) -> bool:
    """Whether kg.extract.dates reads the words as a date at all: "on Monday night" is one,
    "27 years" is not."""
    return normalise_date(_reading(span), _PROBE) is not None


def _reading(expression: DocSpan) -> str:
    """The expression with the preposition that governs it: "in May" is a month where "May"
    alone is read as the verb."""
    root = expression.root
    head = root.head
    if root.dep_ == "pobj" and head.i == expression.start - 1 and head.lower_ in _TIME_PREPOSITIONS:
        return f"{head.text} {expression.text}"
    return expression.text


def _in_range(span: DocSpan) -> bool:
    """Whether the expression is one end of a range or list of times: "in 2005-2006", "in
    1995 and 1996", "from Monday to Wednesday", "two donations, in 2007 and a second
    recently" give no one date."""
    doc, sentence = span.doc, span.sent
    after = span.end + 1 < sentence.end and doc[span.end].lower_ in _RANGE_WORDS
    if after and _timeish(doc[span.end + 1]):
        return True
    if _listed_after(span) or _listed_before(span):
        return True
    before = span.start - 2 >= sentence.start and doc[span.start - 1].lower_ in _RANGE_WORDS
    return before and _timeish(doc[span.start - 2])


def _listed_after(span: DocSpan) -> bool:
    """Whether "and" or "or" joins the expression to another time of another thing, no verb
    between: "two donations, in 2007 and a second recently" (not "arrested on Monday and
    released later")."""
    doc, end = span.doc, span.sent.end
    if span.end >= end or doc[span.end].lower_ not in ("and", "or"):
        return False
    for token in doc[span.end + 1 : min(span.end + 5, end)]:
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.lower_ in _shift_words() or _timeish(token):
            return True
    return False


def _listed_before(span: DocSpan) -> bool:
    """ "two donations, in 2007 and another in 2012": the second time of such a list."""
    doc, start = span.doc, span.sent.start
    for index in range(span.start - 1, max(span.start - 5, start), -1):
        token = doc[index]
        if token.pos_ in ("VERB", "AUX"):
            return False
        if token.lower_ in ("and", "or"):
            before = doc[index - 1]
            return before.lower_ in _shift_words() or _timeish(before)
    return False


def _timeish(token: Token) -> bool:
    """A word that can end a range of times: "2006" in "2005-2006", "Tuesday" in "Monday and
    Tuesday"."""
    word = token.lower_
    return token.like_num or word in _WEEKDAYS or word in _MONTH_NAMES or word in _DAY_WORDS


def _names_a_day(span: DocSpan) -> bool:
    """Whether a weekday in the expression is part of a name: "the Bloody Friday attacks",
    "Black Friday" (a capitalised word before it in the sentence that is no date word)."""
    sentence_start = span.sent.start
    for token in span:
        if token.lower_ not in _WEEKDAYS or token.i == sentence_start:
            continue
        before = token.nbor(-1)
        if before.text[:1].isupper() and before.lower_ not in _OPENERS:
            return True
    return False


def _entities(sentence: DocSpan) -> Iterator[DocSpan]:
    """spaCy's DATE and TIME entities inside the sentence, read off the tokens: `Span.ents`
    builds every entity of the doc on each call. A part of the day that spaCy marks apart
    goes with its day: "Tuesday" (DATE) "night" (TIME) is one expression."""
    start = None
    for token in sentence:
        inside = token.ent_type_ in _DATE_LABELS and (token.ent_iob_ == "I" and start is not None)
        day_part = token.lower_ in _PARTS_OF_DAY and token.ent_type_ in _DATE_LABELS
        if inside or (start is not None and day_part):
            continue
        if start is not None:
            yield sentence.doc[start : token.i]
            start = None
        if token.ent_type_ in _DATE_LABELS and token.ent_iob_ == "B":
            start = token.i
    if start is not None:
        yield sentence.doc[start : sentence.end]


def _seed(token: Token) -> bool:
    """A word that names a time on its own: "Monday", "yesterday", "April" (capitalised, and
    "May" only before a day number), or a year of 1900-2099 ("the 2011 attack"); never inside
    a name spaCy marked as something else ("USA Today", "Windows 2000")."""
    word = token.lower_
    if token.ent_type_ and token.ent_type_ not in _DATE_LABELS:
        return False
    if word in _WEEKDAYS or word in _DAY_WORDS:
        return True
    if word in _MONTH_NAMES and token.text[:1].isupper():
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return word != "may" or (following is not None and following.like_num)
    return len(word) == 4 and word.isdigit() and 1900 <= int(word) <= 2099 and _year_slot(token)


def _year_slot(token: Token) -> bool:
    """A number is a year where it names or places an event ("the 2011 attack", "in 2011"), not
    where it counts ("2000 people")."""
    if token.dep_ == "pobj":
        return token.head.lower_ in _TIME_PREPOSITIONS
    if token.dep_ not in ("nummod", "compound", "amod") or token.head.i < token.i:
        return False
    # "the 2014 protests" names them; "2000 arrests" counts them
    return token.head.tag_ == "NN" or (
        token.head.tag_ == "NNS" and token.i > 0 and token.nbor(-1).lower_ == "the"
    )


def _expression_at(seed: Token, sentence: DocSpan, covered: set[int]) -> DocSpan | None:
    """The longest run of words around `seed` that kg.extract.dates reads as a date: "last
    Friday", "Monday night", "April 30, 2017"."""
    first = seed.i
    while first > sentence.start and first - 1 not in covered:
        if sentence.doc[first - 1].lower_ not in _LEFT_WORDS:
            break
        first -= 1
    for end in range(min(seed.i + 5, sentence.end), seed.i, -1):
        if sentence.doc[end - 1].is_punct or any(i in covered for i in range(seed.i, end)):
            continue
        for start in range(first, seed.i + 1):
            span = sentence.doc[start:end]
            if _is_date(span):
                return span
    return None


def _tied(trigger: Token, reach: _Reach) -> list[DocSpan]:
    """The expressions the parse ties to the trigger, nearest first: its own time phrases and
    modifiers, then those of the verbs that carry it ("the attack was launched on Wednesday")."""
    ranked = []
    for level, (anchor, before) in enumerate(((trigger, False), *_hosts(trigger))):
        for steps, expression in reach.get(anchor.i, ()):
            if not (before and expression.end > anchor.i):
                ranked.append((level, steps, abs(expression.start - trigger.i), expression))
    for verb in _sharing(trigger):
        for steps, expression in reach.get(verb.i, ()):
            if expression.start > verb.i:
                ranked.append((1, steps, abs(expression.start - trigger.i), expression))
    ranked.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in ranked]


def _sharing(trigger: Token) -> list[Token]:
    """The verbs coordinated after the trigger whose closing time phrase is the trigger's as
    well: "Police arrested and charged him on Monday", "He was arrested and charged on
    Monday", where the trigger has nothing of its own after it but the coordination (not
    "arrested him in Paris and charged him on Monday")."""
    if trigger.pos_ != "VERB":
        return []
    after = [c for c in trigger.children if c.i > trigger.i]
    if not after or any(c.dep_ not in ("cc", "conj", "punct") for c in after):
        return []
    return [
        c
        for c in after
        if c.dep_ == "conj"
        and c.pos_ == "VERB"
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
    ]


def _ties(expression: DocSpan) -> dict[int, int]:
    """The words an expression dates, each with how many links lead up to it, up to the first
    link that passes another clause or another noun.

    "arrested in Moscow on Monday": Monday -> on -> arrested. "sentenced for the 2011 attack":
    2011 -> attack, a noun that is not the trigger: the attack's date, not the sentence's.
    """
    token, steps = expression.root, 0
    words = {t.i for t in expression}
    reach: dict[int, int] = {}
    if _said_when(expression):
        return reach
    previous = token
    while True:
        reach.setdefault(token.i, steps)
        if token.head.i == token.i:
            return reach
        if token.i not in words:
            if not _passable(token, previous):
                return reach
            if token.dep_ in _OTHER_CLAUSES and not _infinitive(token):
                if _occasion(token):
                    reach.setdefault(token.head.i, steps + 1)
                return reach
            if token.dep_ == "advcl" and not (_same_time(token) or _announcing(token.head)):
                return reach
        previous, token, steps = token, token.head, steps + 1


def _said_when(expression: DocSpan) -> bool:
    """Whether the expression stands between a reporting verb and the subject of what was
    said: "The company said on Monday it would buy its rival" is when it was said, wherever
    the parse hangs "on Monday"."""
    clause = expression.root
    while clause.dep_ != "ccomp" and clause.head.i != clause.i:
        clause = clause.head
    verb = clause.head
    if clause.dep_ != "ccomp" or not _is_speech(verb):
        return False
    subjects = [c.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return verb.i < expression.start and bool(subjects) and expression.end <= min(subjects)


def _passable(token: Token, below: Token) -> bool:
    """A word a date may hang from on its way to the event: a time preposition ("on"), a
    place's name holding a time phrase ("in Moscow on Monday", not "a 1977 Mercury Marquis"),
    an amount the parse hangs it from ("bought the unit for $9.4bn on Sunday"), the agent
    ("by the city in 2010") or a verb of the same clause."""
    if token.dep_ == "prep":
        return token.lower_ in _TIME_PREPOSITIONS
    subject = token.pos_ == "NOUN" and token.dep_ in ("nsubj", "nsubjpass")
    # "appointed as chairman in 2009": the post an event gives is no event of its own
    post = token.pos_ == "NOUN" and token.dep_ in ("pobj", "conj") and _as_post(token)
    if token.pos_ == "PROPN" or _amount(token) or subject or post:
        # "in Moscow on Monday"; "the explosion on Tuesday killed 12 people"; "Monday's
        # attack killed five" (an event's own day, not "last year's winner died")
        if token.dep_ == "nsubj" and below.dep_ in ("poss", "nummod", "compound"):
            return lemma(token, _event_nouns()) in _event_nouns()
        return below.dep_ == "prep" or (below.dep_ == "appos" and _amount(token))
    return token.dep_ == "agent" or token.pos_ in ("VERB", "AUX")


def _as_post(noun: Token) -> bool:
    """Whether the noun is what someone acts or is named as: "as chairman", "as both chief
    executive and chairman"."""
    while noun.dep_ == "conj":
        noun = noun.head
    return noun.dep_ == "pobj" and noun.head.lower_ == "as"


def _amount(token: Token) -> bool:
    """A price or count, or a word set beside one: "$9.4bn", "(261bn roubles)"."""
    if token.dep_ == "appos":
        token = token.head
    return token.pos_ == "NUM" or token.ent_type_ in _AMOUNTS


def _occasion(clause: Token) -> bool:
    """A participle that says when the event its noun names takes place: "the meeting held on
    Tuesday", "the first meeting, set to take place on May 16"."""
    return (
        clause.dep_ == "acl" and clause.tag_ == "VBN" and _lemma(clause, _CARRY_OUT) in _CARRY_OUT
    )


def _infinitive(clause: Token) -> bool:
    """ "caused a crane to fall": spaCy marks the complement ccomp, but its time is the
    causing verb's."""
    return clause.dep_ == "ccomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children
    )


def _lemma(token: Token, known: frozenset[str]) -> str:
    """The lemma, past forms included: "the attack was made" -> "make"."""
    return _IRREGULAR.get(token.lower_) or lemma(token, known)


def _announcing(verb: Token) -> bool:
    """A verb that announces what is to come: "is set to begin", "plans to travel"."""
    return _lemma(verb, _ANNOUNCE) in _ANNOUNCE


def _same_time(clause: Token) -> bool:
    """Whether an adverbial clause happens with its head: "when the bomb exploded", or a bare
    participle "killing all six aboard" (not "after leaving the group")."""
    # spaCy marks "when" as an adverb of the clause ("WRB"), "after" and "as" as its mark
    marks = [c.lower_ for c in clause.children if c.dep_ == "mark" or c.tag_ == "WRB"]
    if marks:
        return marks[0] in _SAME_TIME_MARKS
    return clause.tag_ in ("VBG", "VBN") and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in clause.children
    )


def _hosts(trigger: Token) -> list[tuple[Token, bool]]:
    """The verbs whose time is the event's, nearest first: "the attack was launched", "forced
    to resign", "the bombing happened", "exploded ..., killing all six"; never a reporting
    verb ("said") nor across one. Each comes with whether only dates before it count: "On
    Monday, police arrested a man and charged him" dates the charge by the arrest's opening
    phrase, "arrested in 2010 and charged" does not."""
    hosts: list[tuple[Token, bool]] = []
    token = trigger
    while token.head.i != token.i and len(hosts) < 3:
        head = token.head
        if _is_speech(head):
            # "Diaz said at a meeting last Thursday": the meeting is when he spoke
            if _within_event(token, head):
                hosts.append((head, False))
            break
        verbs = ("VERB", "AUX")  # "was a guest this weekend, and was able to meet"
        coordinated = token.dep_ == "conj" and token.pos_ in verbs and head.pos_ in verbs
        if not coordinated and not _carries(token, head):
            break
        hosts.append((head, coordinated))
        token = head
    return hosts


def _carries(token: Token, head: Token) -> bool:
    """Whether `head` happens when `token` does, by the link between them."""
    if _within_event(token, head):
        return True
    if token.pos_ in ("NOUN", "PROPN"):
        if token.dep_ == "nsubj":
            return _lemma(head, _TAKE_PLACE) in _TAKE_PLACE
        return token.dep_ in ("dobj", "nsubjpass") and _lemma(head, _CARRY_OUT) in _CARRY_OUT
    if token.dep_ == "xcomp" or _infinitive(token):
        return head.pos_ in ("VERB", "AUX", "ADJ")
    if token.dep_ == "acomp" and any(c.dep_ == "xcomp" for c in token.children):
        # "was able to meet": the adjective's complement happens when the copula says
        return head.pos_ in ("VERB", "AUX")
    if token.dep_ == "relcl":
        return _done_by(token, head)
    return token.dep_ == "advcl" and _same_time(token)


def _within_event(token: Token, head: Token) -> bool:
    """ "killed in an attack", "said at a meeting": the event after the preposition holds the
    verb's, so it has its time; the noun and then the preposition lead up to the verb. "in",
    "during" and "amid" only after a verb of harm ("charged in the killing" is in connection
    with it) and before no lasting event ("killed in the war"); "at" only before a gathering
    ("looked at the attack")."""
    if token.pos_ == "NOUN" and token.dep_ == "pobj":
        noun, prep, verb = token, head, head.head
    elif token.dep_ == "prep":
        objects = [c for c in token.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
        noun, prep, verb = (objects[0] if objects else None), token, head
    else:
        return False
    if noun is None or prep.dep_ != "prep" or verb.pos_ != "VERB":
        return False
    if prep.lower_ == "at":
        return lemma(noun, _GATHERINGS) in _GATHERINGS
    harm = prep.lower_ in _WITHIN and _lemma(verb, _HARMED) in _HARMED
    return harm and lemma(noun, _LASTING) not in _LASTING


def _done_by(clause: Token, noun: Token) -> bool:
    """Whether a relative clause tells what its noun did, in the past, so that the noun's date
    is the clause's: "last Wednesday's earthquake, which killed two people" (not "the man
    who was arrested", whom the clause befell, nor "the firm, which has bought ...")."""
    if noun.pos_ not in ("NOUN", "PROPN") or clause.tag_ != "VBD":
        return False
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    helpers = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    return not helpers and len(subjects) == 1 and subjects[0].tag_ in ("WDT", "WP")


def _announced(trigger: Token) -> bool:
    """Whether the event is told as coming: "will meet", "is set to begin", "plans to travel",
    "are to travel" (then "on Friday" is the next Friday, not the last)."""
    if any(c.dep_ == "acl" and _announcing(c) for c in trigger.children):
        return True  # "the first meeting, set to take place on May 16"
    token = trigger
    for _ in range(4):
        if any(c.lower_ in _FUTURE_AUX and c.dep_ == "aux" for c in token.children):
            return True
        head = token.head
        if head.i == token.i:
            return False
        # "is set to begin", "plans to travel", "are to travel"; "was planned" is past
        coming = _announcing(head) or (token.dep_ == "xcomp" and _lemma(head, _BE) in _BE)
        if token.dep_ in ("xcomp", "nsubjpass") and coming and _present(head):
            return True
        if token.dep_ not in ("xcomp", "nsubj", "nsubjpass", "dobj"):
            return False
        token = head
    return False


def _present(verb: Token) -> bool:
    """Whether the verb, or the auxiliary it leans on, is in the present or future: "plans",
    "is set", "will be held"; not "planned", "was set"."""
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.lower_ in _FUTURE_AUX for c in helpers):
        return True
    tags = [c.tag_ for c in helpers if c.tag_ != "TO"] or [verb.tag_]
    return tags[0] in ("VBZ", "VBP")


# Narrative time. How many sentences back an undated event may look for the narrative's
# time: the one before, or the one before that when the sentence between goes on with the
# same narrative.
_NARRATIVE_REACH = 2
# Per article, what each sentence was read to say (its dates' reach, its narrative time), so
# that each is read once however many triggers ask. One tuple, replaced whole, so a reader
# never pairs one article's sentence with another's answers.
_read: tuple[object, dict[tuple[str, int, str | None], object]] = (None, {})


@cache
def _event_nouns() -> frozenset[str]:
    """The nouns of kg/data/event_triggers.tsv: "attack", "explosion", "storm"."""
    # kg.extract.events, which owns the lexicon, imports this module: read the table here
    return frozenset(
        w for w, pos, *_ in table_rows("event_triggers.tsv") if "NOUN" in pos.split("|")
    )


@cache
def _shift_words() -> frozenset[str]:
    """Words that move a sentence's time off the narrative's (kg/data/date_shift_words.tsv)."""
    return frozenset(row[0] for row in table_rows("date_shift_words.tsv"))


def narrative_date(
    trigger: Token, anchors: Anchors, reference: str | None
) -> tuple[str, Span] | None:
    """The time an undated event takes from the narrative it goes on with, as TimeML's
    reference time: "On Monday, police arrested Smith. He was charged with theft." dates the
    charge on Monday as well; the evidence is the earlier sentence's date.

    Both events are told in the simple past on the main line of their sentences (not in a
    quotation, a reported clause, a relative clause or the first person), in one paragraph,
    and nothing between them moves the time: no time expression, no "later", "previously",
    "since" (kg/data/date_shift_words.tsv), no sentence off the narrative. The event's subject
    names an entity the earlier one was about (its subject or object: "Police arrested Smith
    on Monday. He was charged"), since a narrative that turns to someone else may turn to
    another day as well ("On September 29, officials went to the station where they claimed
    Montalvo left. He traveled to Florida."). A statement takes only a statement's time and
    an event only an event's: "On Monday the ministry said ..." is when it was said, not when
    what it reports happened."""
    verb = _clause_verb(trigger)
    if verb is None or not _narrates(verb) or _memo(trigger.sent, "cued", reference, _cued):
        return None
    speech = _is_speech(verb)
    for previous in _previous_in_paragraph(trigger.sent):
        anchor = _memo(previous, "anchor", reference, _anchor)
        if anchor is not None:
            value, evidence, root = anchor  # type: ignore[misc]
            same = _is_speech(root) == speech and _same_protagonist(verb, root, anchors)
            return (value, evidence) if same else None
        if _memo(previous, "cued", reference, _cued) or not _narrates(previous.root):
            return None
    return None


def _memo(
    sentence: DocSpan,
    kind: str,
    reference: str | None,
    read: Callable[[DocSpan, str | None], object],
) -> object:
    """`read(sentence, reference)`, once per sentence of the article."""
    global _read
    doc, memo = _read
    if doc is not sentence.doc:
        memo = {}
        _read = (sentence.doc, memo)
    key = (kind, sentence.start, reference)  # one kind is read of the whole text, from 0
    if key not in memo:
        memo[key] = read(sentence, reference)
    return memo[key]


def _anchor(sentence: DocSpan, reference: str | None) -> tuple[str, Span, Token] | None:
    """The narrative time a sentence sets: a date tied to its main verb told in the simple
    past ("On Monday, police arrested Smith"), its evidence and the verb."""
    root = sentence.root
    if not _narrates(root):
        return None
    for expression in _tied(root, _reach_of(sentence)):
        value = normalise_date(_reading(expression), reference)
        if value is not None:
            return value, Span(expression.start_char, expression.end_char), root
    return None


def _same_protagonist(verb: Token, anchor: Token, anchors: Anchors) -> bool:
    """Whether the event's subject names an entity the narrative's event was about, as its
    subject or object: "Police arrested Smith on Monday. He was charged ..." goes on with
    Smith; "... Jones was charged" turns to someone else."""
    subject = _named(verb, ("nsubj", "nsubjpass"), anchors)
    return bool(subject & _named(anchor, ("nsubj", "nsubjpass", "dobj"), anchors))


def _named(verb: Token, relations: tuple[str, ...], anchors: Anchors) -> set[str]:
    """The entities the verb's words in `relations` name ("Smith", "he" read back to Smith,
    "the Romanian government" for Romania); a verb coordinated with another shares its
    subject ("Police arrested and questioned Smith")."""
    words = [c for c in verb.children if c.dep_ in relations]
    while verb.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        verb = verb.head
        words += [c for c in verb.children if c.dep_ in relations and c.dep_ != "dobj"]
    found = set()
    for word in words:
        entity = anchors.entity_at(word) or antecedent(word, anchors)
        for child in word.children:
            if entity is None and child.dep_ in ("compound", "amod", "poss"):
                entity = anchors.entity_at(child)
        if entity is not None:
            found.add(entity)
    return found


def _cued(sentence: DocSpan, reference: str | None) -> bool:
    """Whether the sentence has a time of its own or a word that moves it off the
    narrative's: "Three days later, he resigned", "He had previously worked there"."""
    shift = _shift_words()
    if any(token.lower_ in shift for token in sentence):
        return True
    if any(not _age(span) for span in _entities(sentence)):
        return True
    return bool(date_expressions(sentence))


def _age(span: DocSpan) -> bool:
    """ "Thomas Sam, 42", "a 14-year-old boy": spaCy marks ages as dates; they are no time."""
    return all(t.like_num or t.is_punct for t in span) or span.text.lower().endswith("old")


def _clause_verb(trigger: Token) -> Token | None:
    """The verb whose tense tells the event's time: the trigger's own, or the verb that
    carries it ("the attack was launched", "was forced to resign")."""
    hosts = _hosts(trigger)
    verb = hosts[-1][0] if hosts else trigger
    return verb if verb.pos_ in ("VERB", "AUX") else None


def _narrates(verb: Token) -> bool:
    """Whether the verb tells the narrative: the simple past ("arrested", "was arrested", not
    "had been arrested" nor "has arrested") on the main line of its sentence (the root or a
    verb coordinated with it), outside quotations and the first person."""
    return on_main_line(verb) and _simple_past(verb) and not quoted(verb)


def _simple_past(verb: Token) -> bool:
    """ "arrested", "was arrested": the simple past, active or passive."""
    helpers = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not helpers and verb.dep_ == "conj" and verb.tag_ == "VBN":
        # "were arrested and charged": the auxiliary hangs from the first verb
        helpers = [c for c in verb.head.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBD":
        return not helpers
    return (
        verb.tag_ == "VBN"
        and len(helpers) == 1
        and helpers[0].dep_ == "auxpass"
        and helpers[0].tag_ == "VBD"
    )


def _is_speech(verb: Token) -> bool:
    """ "said", "announced", "told": a verb of kg.extract.statements."""
    return _lemma(verb, SPEECH_VERBS) in SPEECH_VERBS


def _previous_in_paragraph(sentence: DocSpan) -> Iterator[DocSpan]:
    """The sentences before this one, nearest first, up to `_NARRATIVE_REACH`, while no line
    break parts them (news writes a paragraph to a line)."""
    doc, current = sentence.doc, sentence
    for _ in range(_NARRATIVE_REACH):
        if current.start == 0:
            return
        previous = doc[current.start - 1].sent
        last, first = previous.end - 1, current.start
        while last > previous.start and doc[last].is_space:
            last -= 1
        while first < current.end - 1 and doc[first].is_space:
            first += 1
        if any("\n" in doc[i].text for i in range(last + 1, first)):
            return
        yield previous
        current = previous
