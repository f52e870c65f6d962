"""Statements: who said what, to whom and when (Contact.Contact, Broadcast or Correspondence).

A statement is a speech verb ("said", "stressed", "called on", "wrote") with a speaker: its
subject, or the subject of the verb it is conjoined to ("The ministry characterized ... and
said ..."), a named entity or a pronoun or definite nominal standing for one ("she said",
"the ministry said"; kg.extract.antecedents). "say", which news uses all the time, makes a
statement when it quotes, or when an organisation or country reports a clause ("the
ministry said it was done in violation of the law"; a person's unquoted "said" is
paraphrase).
The quoted text is the quotation that shares the verb's sentence, as textacy's
direct_quotations reads news.
A letter, an e-mail or the verb "write" make it Correspondence; everything else is a
Broadcast. One speaker's statements in one article, of one subtype, are one event.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract.anchors import Anchors, WordFilter, lemma, own_clause, span_of_tokens
from kg.extract.antecedents import antecedent
from kg.extract.dates import normalise_date
from kg.extract.factuality import factuality_of
from kg.extract.tense_dates import tense_date
from kg.model import Event, EventArgument, Span

__all__ = ["statement_events"]

SPEECH_VERBS = frozenset(
    [
        "say",
        "tell",
        "stress",
        "explain",
        "add",
        "state",
        "announce",
        "write",
        "claim",
        "argue",
        "urge",
        "warn",
        "insist",
        "note",
        "emphasize",
        "emphasise",
        "declare",
        "call",
        "point",
        "told",
        "report",
        "confirm",
        "reply",
    ]
)
_WRITTEN = frozenset(
    ["letter", "letters", "e-mail", "email", "mail", "message", "wrote", "write", "tweet"]
)
# Straight and curly double quotes; a quotation holds no other double quote.
_QUOTE = re.compile(r"\"([^\"]{3,})\"|\u201c([^\u201c\u201d]{3,})\u201d")
_SPEAKERS = frozenset({"Person", "Organization", "Country"})
_INSTITUTIONS = frozenset({"Organization", "Country"})
# Verbs that are speech only with what was said: "he added, '...'", "he added that ...", but
# "Apple added audio recording to its computers" and "he pointed the way" say nothing.
_SPEECH_WITH_CONTENT = frozenset({"say", "add", "point"})
# Clauses under a speech verb that carry their own dates: what was said, not when.
_OTHER_CLAUSES = frozenset({"ccomp", "conj", "relcl", "advcl", "parataxis", "xcomp"})


@cache
def _written_ids() -> frozenset[int]:
    """The words of `_WRITTEN` as the ids of spaCy's LOWER attribute (`Anchors.lower`)."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(word) for word in _WRITTEN)


def _quotations(text: str) -> list[Span]:
    """The quoted passages of an article: 'Antonov said: "I would like ..."'."""
    return [Span(m.start() + 1, m.end() - 1) for m in _QUOTE.finditer(text)]


def _quote_in(sentence: DocSpan, quotes: list[Span]) -> Span | None:
    """The first quotation overlapping the sentence.

    Quotations come in order and never overlap, so the only candidate is the first that ends
    after the sentence starts: a bisection, where a scan of all of them for each speech verb
    made long articles quadratic.
    """
    index = bisect_right(quotes, sentence.start_char, key=lambda quote: quote.end)
    if index < len(quotes) and quotes[index].start < sentence.end_char:
        return quotes[index]
    return None


def _quoted(verb: Token, quotes: list[Span]) -> bool:
    """Whether the verb's sentence quotes someone: '"We will appeal," she said'."""
    return _quote_in(verb.sent, quotes) is not None


def _subjects(verb: Token) -> list[Token]:
    """The verb's subjects, or those of the verb it is conjoined to: "The ministry
    characterized the detention as kidnapping and said ..." -> the ministry."""
    own = [c for c in verb.children if c.dep_ == "nsubj"]
    if own or verb.dep_ != "conj":
        return own
    return [c for c in verb.head.children if c.dep_ == "nsubj"]


def _named_person(subject: Token, anchors: Anchors) -> str | None:
    """The person an apposition names: "an IRA leader at the time, Sean MacStiofain, said"
    is MacStiofain speaking, not the IRA."""
    for child in subject.children:
        entity = anchors.entity_at(child)
        if child.dep_ == "appos" and anchors.type_of(entity) == "Person":
            return entity
    return None


def _speaker(verb: Token, anchors: Anchors) -> tuple[str, Span] | None:
    """Who spoke: a name ("Antonov said"), the name a compound ends with ("Russian
    Ambassador Anatoly Antonov"), or the entity a pronoun or nominal stands for ("she
    said", "the ministry said"; kg.extract.antecedents).

    A subject that is itself a name speaks before one that only leads to a name: in
    "Malaysia's Prime Minister, Najib Razak said" spaCy makes both nsubj, and Najib Razak
    speaks, not Malaysia."""
    subjects = sorted(_subjects(verb), key=lambda child: anchors.entity_at(child) is None)
    for child in subjects:
        entity = anchors.entity_at(child) or _named_person(child, anchors)
        if entity is None:
            # compound names have their head last: "Russian Ambassador Anatoly Antonov"
            entity = next(
                (anchors.entity_at(c) for c in child.children if anchors.entity_at(c)), None
            )
        if entity is not None and anchors.type_of(entity) in _SPEAKERS:
            return entity, anchors.mention_span(child)
        entity = antecedent(child, anchors)
        if entity is not None and anchors.type_of(entity) in _SPEAKERS:
            return entity, span_of_tokens([child.left_edge, child])
    return None


def _reports(verb: Token) -> bool:
    """ "said it was done ...", "said that ...": the verb reports a clause."""
    return any(c.dep_ == "ccomp" for c in verb.children)


def _recipient(verb: Token, anchors: Anchors) -> tuple[str, Span] | None:
    """Whom a statement was for: "told Bild", "called on rights groups"."""
    # "told Bild", "called on rights groups", "wrote to the ministry"
    words = [c for c in verb.children if c.dep_ == "dobj" and lemma(verb) == "tell"]
    words += [g for c in verb.children if c.lower_ in ("on", "to") for g in c.children]
    for word in words:
        entity = anchors.entity_at(word)
        if entity is not None:
            return entity, anchors.mention_span(word)
    return None


@dataclass(frozen=True)
class _Said:
    """One statement of a speech verb, before a speaker's statements become one event."""

    subtype: str  # Broadcast or Correspondence
    trigger: Span
    sentence: int
    arguments: tuple[EventArgument, ...]
    quote: Span | None
    date: str | None
    date_evidence: Span | None
    # the date and evidence its tense gives (kg.extract.tense_dates): "South Korea says"
    tense_date: tuple[str, Span] | None


def _statement(
    verb: Token, anchors: Anchors, quotes: list[Span], reference: str | None
) -> _Said | None:
    """One statement of a speech verb with a speaker ("Antonov said in a letter"), or None."""
    speaker = _speaker(verb, anchors)
    if speaker is None:
        return None
    sentence = verb.sent
    lowers = anchors.lower()[sentence.start : sentence.end]
    written = lemma(verb, SPEECH_VERBS) == "write" or not _written_ids().isdisjoint(lowers)
    arguments = [EventArgument("Communicator", speaker[0], speaker[1])]
    recipient = _recipient(verb, anchors)
    if recipient is not None:
        arguments.append(EventArgument("Recipient", *recipient))
    quote = _quote_in(sentence, quotes)
    date, date_span = None, None
    words = {t.i for t in own_clause(verb, _OTHER_CLAUSES)}
    if verb.dep_ == "ccomp" and lemma(verb.head, SPEECH_VERBS) in SPEECH_VERBS:
        # "Antonov has called on ..., an open letter published on Monday said": the frame's date
        words |= {t.i for t in own_clause(verb.head, _OTHER_CLAUSES)}
    own_dates = [ent for ent in anchors.dates_in(sentence) if any(t.i in words for t in ent)]
    for ent in own_dates:
        if value := normalise_date(ent.text, reference):
            date, date_span = value, Span(ent.start_char, ent.end_char)
            break
    # "South Korea says the broadcasts will continue": the article's day, if no other
    # statement of the speaker's has a date of its own
    tensed = None if own_dates else tense_date(verb, reference, speech=True)
    return _Said(
        "Correspondence" if written else "Broadcast",
        Span(verb.idx, verb.idx + len(verb.text)),
        anchors.sentence_of(verb.idx),
        tuple(arguments),
        quote,
        date,
        date_span,
        tensed,
    )


def _is_speech_word(token: Token) -> bool:
    return lemma(token, SPEECH_VERBS) in SPEECH_VERBS


# The lemma guess runs once per distinct verb, not at every token of the article.
_SPEECH_WORDS = WordFilter(_is_speech_word, frozenset({"VERB"}))


def _found(text: str, anchors: Anchors, reference: str | None) -> Iterator[_Said]:
    """Every statement of an article, in order: "said" when it quotes or reports a clause,
    "called on", "stressed" ..."""
    quotes = _quotations(text)
    for token in _SPEECH_WORDS.tokens(anchors):
        verb = lemma(token, SPEECH_VERBS)
        if verb in SPEECH_VERBS:
            # "call" is speech only as "call on" ("called on groups to help")
            if verb == "call" and not any(c.lower_ == "on" for c in token.children):
                continue
            # "say" reports speech all the time; it is a statement when it quotes
            quoted = verb in _SPEECH_WITH_CONTENT and _quoted(token, quotes)
            if verb in _SPEECH_WITH_CONTENT and not (quoted or _reports(token)):
                continue
            # "officials have not said why", "he may announce": no statement was made
            if factuality_of(token) != "asserted":
                continue
            found = _statement(token, anchors, quotes, reference)
            if found is None:
                continue
            # unquoted, only an institution's: "the ministry said it was done in violation
            # of the law" is its statement, "Smith said he was tired" a paraphrase
            speaker = anchors.type_of(found.arguments[0].entity)
            if verb == "say" and not quoted and speaker not in _INSTITUTIONS:
                continue
            yield found


def statement_events(doc: Doc, anchors: Anchors, reference: str | None) -> list[Event]:
    """One Contact.Contact event per speaker and subtype, in order of first statement."""
    groups: dict[tuple[str, str], list[_Said]] = {}
    text = anchors.text
    for found in _found(text, anchors, reference):
        speaker = found.arguments[0].entity
        groups.setdefault((speaker or "", found.subtype), []).append(found)
    events = []
    for index, ((_, subtype), group) in enumerate(groups.items()):
        arguments: dict[tuple, EventArgument] = {}
        for found in group:
            for argument in found.arguments:
                arguments.setdefault((argument.role, argument.entity), argument)
        # a date of words first; else the tense's ("says": the article's day)
        dated = next(((f.date, f.date_evidence) for f in group if f.date), None) or next(
            (f.tense_date for f in group if f.tense_date), None
        )
        quote = next((f.quote for f in group if f.quote), None)
        events.append(
            Event(
                id=f"s{index}",
                type="Contact.Contact",
                subtype=subtype,
                triggers=tuple(f.trigger for f in group),
                sentences=tuple(sorted({f.sentence for f in group})),
                arguments=tuple(arguments.values()),
                date=dated[0] if dated else None,
                date_evidence=dated[1] if dated else None,
                quote=anchors.source[quote.start : quote.end] if quote else None,
                confidence=0.8,
                extractor="statements.speech_verb",
            )
        )
    return events
