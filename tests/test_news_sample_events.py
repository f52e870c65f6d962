"""Issue 16's examples, pinned on the real news-sample articles they came from.

A news analyst found these failures in a build of `../shared/data/news-sample/`: artillery
"fired" read as a job loss, "Fiat has demonstrated" as a protest, "photos released" as a
release from custody, a deal "killed by the Pentagon" as a death, "No injuries or deaths were
reported" as an injury and a death, three journeys of one man joined with Florida as both
origin and destination, and the seed missing the attack's victim and the ministry's
statement. Each test below finds the sentence at run time by a short search string (the
articles' text is never copied here) and asserts on the events whose trigger lies in it.

The articles are read as files (`Path`), so their dates are known to the extractor, exactly
as `kg.extract([Path(...)])` gives them to a user.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import kg
from kg.ingest import read_articles
from kg.model import EVENT_TYPES

ROOT = Path(__file__).resolve().parents[1]
NEWS_SAMPLE = ROOT.parent / "shared" / "data" / "news-sample"
SEEDS = ROOT / "seeds"

NORTH_KOREA = "2015-08-21_north-korea-puts-military-in-quasi-state-of-war.txt"
CHRYSLER = "2009-05-01_chrysler-files-for-bankruptcy-fiat-group-spa-to-run-company.txt"
MECCA = "2015-09-12_at-least-107-killed-in-mecca-crane-collapse.txt"
BOEING_EMAILS = "2004-11-24_internal-emails-expose-boeing-air-force-contract-discussions.txt"
SCIENTOLOGY = "2010-10-09_scientology-defector-arrested-after-attempting-to-leave-orga.txt"
JOBS = "2011-10-06_apple-inc-co-founder-steve-jobs-dies-aged-56.txt"
ARTICLES = (NORTH_KOREA, CHRYSLER, MECCA, BOEING_EMAILS, SCIENTOLOGY, JOBS)

# A sentence ends at ., ! or ? (a closing quote may follow) before white space, or at a line
# break: the paragraphs of the sample end without a space after their last full stop.
SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019]?\s|\n")

pytestmark = pytest.mark.skipif(
    not all((NEWS_SAMPLE / name).is_file() for name in ARTICLES),
    reason=f"news-sample articles not found in {NEWS_SAMPLE} (shared data is not checked out)",
)


class Article:
    """One article's text and its extraction contract, with look-ups by sentence."""

    def __init__(self, text: str, record: dict[str, Any]) -> None:
        self.text = text
        self.record = record
        self.names = {entity["id"]: entity["name"] for entity in record["entities"]}

    def sentence(self, needle: str) -> tuple[int, int]:
        """The [start, end) of the one sentence holding `needle`: "No injuries or deaths"."""
        at = self.text.find(needle)
        assert at >= 0, f"{needle!r} is not in {self.record['title']!r}"
        assert self.text.find(needle, at + 1) < 0, f"{needle!r} occurs twice"
        starts = [match.end() for match in SENTENCE_END.finditer(self.text, 0, at)]
        end = SENTENCE_END.search(self.text, at + len(needle))
        return (starts[-1] if starts else 0), (end.start() + 1 if end else len(self.text))

    def events_in(self, needle: str) -> list[dict[str, Any]]:
        """The events with a trigger in the sentence of `needle`, in the contract's order."""
        start, end = self.sentence(needle)
        return [
            event
            for event in self.record["events"]
            if any(start <= trigger["start"] < end for trigger in event["triggers"])
        ]

    def triggered_by(self, needle: str, word: str) -> dict[str, Any]:
        """The one event of `needle`'s sentence that the trigger word `word` names."""
        start, end = self.sentence(needle)
        found = [
            event
            for event in self.record["events"]
            for trigger in event["triggers"]
            if start <= trigger["start"] < end
            and self.text[trigger["start"] : trigger["end"]] == word
        ]
        assert len(found) == 1, f"{len(found)} events triggered by {word!r} near {needle!r}"
        return found[0]

    def trigger_words(self, event: dict[str, Any]) -> list[str]:
        """Every trigger word of `event`, in text order: ['traveled']."""
        return [self.text[t["start"] : t["end"]] for t in event["triggers"]]

    def arguments(self, event: dict[str, Any]) -> list[tuple[str, str | None]]:
        """(role, entity name or None) of each argument: [('Attacker', 'North Korea')]."""
        return [(arg["role"], self.names.get(arg["entity"])) for arg in event["arguments"]]


def _read(paths: list[Path]) -> list[Article]:
    """Each article of `paths` with its body text (the contract's offsets index it)."""
    texts = [article.text for article in read_articles(paths)]
    records = list(kg.extract(paths))
    assert len(texts) == len(records) == len(paths)
    return [Article(text, record) for text, record in zip(texts, records, strict=True)]


@pytest.fixture(scope="module")
def sample() -> dict[str, Article]:
    """Every news-sample article by file name, and the seed as "seeds/<name>", extracted in one call
    (the model load is slow): the label test reads them all, the others a few."""
    paths = sorted(NEWS_SAMPLE.glob("*.txt"))
    seeds = sorted(SEEDS.glob("*.txt"))
    names = [path.name for path in paths] + [f"seeds/{path.name}" for path in seeds]
    return dict(zip(names, _read(paths + seeds), strict=True))


def _seed(sample: dict[str, Article]) -> Article:
    """The one article of seeds/ (Roman Seleznev's prison conditions)."""
    (seed,) = [article for name, article in sample.items() if name.startswith("seeds/")]
    return seed


def test_artillery_fired_is_an_attack_not_a_dismissal(sample: dict[str, Article]) -> None:
    """'Yesterday, North Korea fired artillery rounds aimed at a loudspeaker ...': an attack by
    North Korea, dated the day before the article; no job loss with the KPA as employer."""
    article = sample[NORTH_KOREA]
    attack = article.triggered_by("North Korea fired artillery", "fired")
    assert attack["type"] == "Conflict.Attack"
    assert attack["factuality"] == "asserted"
    assert ("Attacker", "North Korea") in article.arguments(attack)
    assert attack["date"] == "2015-08-20"
    shell = article.triggered_by("the KPA fired one shell", "fired")
    assert shell["type"] == "Conflict.Attack"
    assert ("Attacker", "Korean People's Army") in article.arguments(shell)
    assert [e for e in article.record["events"] if e["type"] == "Personnel.EndPosition"] == []


def test_a_person_fired_from_a_company_loses_the_job(sample: dict[str, Article]) -> None:
    """The counterpart: 'One year later he was fired from the company' (Steve Jobs) is a
    Personnel.EndPosition of Steve Jobs."""
    article = sample[JOBS]
    dismissal = article.triggered_by("he was fired from the company", "fired")
    assert dismissal["type"] == "Personnel.EndPosition"
    assert dismissal["factuality"] == "asserted"
    assert ("Employee", "Steve Jobs") in article.arguments(dismissal)


def test_fired_in_1985_and_resigned_in_2011_stay_apart(sample: dict[str, Article]) -> None:
    """'One year later he was fired from the company' and his resignation as Apple's chief
    executive decades later are two events, and the employer is not Jobs himself."""
    article = sample[JOBS]
    dismissal = article.triggered_by("he was fired from the company", "fired")
    assert article.trigger_words(dismissal) == ["fired"]
    assert ("PlaceOfEmployment", "Steve Jobs") not in article.arguments(dismissal)


def test_a_company_demonstrating_it_can_build_cars_is_no_protest(
    sample: dict[str, Article],
) -> None:
    """'"Fiat has demonstrated that it can build the clean, fuel-efficient cars ..."': no
    Conflict.Demonstrate; Obama's 'said' in the sentence is still his statement."""
    article = sample[CHRYSLER]
    events = article.events_in("Fiat has demonstrated")
    assert [e["type"] for e in events if e["type"] == "Conflict.Demonstrate"] == []
    assert [e for e in article.record["events"] if e["type"] == "Conflict.Demonstrate"] == []
    said = article.triggered_by("Fiat has demonstrated", "said")
    assert said["type"] == "Contact.Contact"
    assert ("Communicator", "Obama") in article.arguments(said)


def test_photos_released_are_no_release_from_custody(sample: dict[str, Article]) -> None:
    """'Photos released of the scene showed numerous bloodied bodies ...': no
    Justice.ReleaseParole, in the sentence or anywhere in the crane-collapse article."""
    article = sample[MECCA]
    assert article.events_in("Photos released of the scene") == []
    assert [e for e in article.record["events"] if e["type"] == "Justice.ReleaseParole"] == []


def test_a_deal_killed_by_the_pentagon_is_no_death(sample: dict[str, Article]) -> None:
    """'... the deal had been killed by the Pentagon because of reports ...': no Life.Die,
    and the Pentagon is no killer anywhere in the article."""
    article = sample[BOEING_EMAILS]
    events = article.events_in("killed by the Pentagon")
    assert [e for e in events if e["type"] == "Life.Die"] == []
    assert [e for e in article.record["events"] if e["type"] == "Life.Die"] == []


def test_no_injuries_or_deaths_reported_are_negated(sample: dict[str, Article]) -> None:
    """'No injuries or deaths were reported in the attacks from either side, but ...': the
    injury and the death are negated, while the attacks they were absent from happened."""
    article = sample[NORTH_KOREA]
    injury = article.triggered_by("No injuries or deaths were reported", "injuries")
    death = article.triggered_by("No injuries or deaths were reported", "deaths")
    assert (injury["type"], injury["factuality"]) == ("Life.Injure", "negated")
    assert (death["type"], death["factuality"]) == ("Life.Die", "negated")
    attacks = article.triggered_by("No injuries or deaths were reported", "attacks")
    assert (attacks["type"], attacks["factuality"]) == ("Conflict.Attack", "asserted")
    assert "negated" in injury["label"] and "negated" in death["label"]


def test_the_journeys_to_and_from_florida_stay_apart(sample: dict[str, Article]) -> None:
    """'He traveled to Florida to meet with Devocht' and, weeks later, 'after traveling back
    from Florida, Montalvo ...' are two journeys: one to Florida, one from it, and no event
    has Florida as both its origin and its destination."""
    article = sample[SCIENTOLOGY]
    there = article.triggered_by("He traveled to Florida", "traveled")
    back = article.triggered_by("after traveling back from Florida", "traveling")
    assert there is not back
    assert article.trigger_words(there) == ["traveled"]
    assert article.trigger_words(back) == ["traveling"]
    assert ("Destination", "Florida") in article.arguments(there)
    assert ("Origin", "Florida") in article.arguments(back)
    for event in article.record["events"]:
        roles = article.arguments(event)
        assert not {("Origin", "Florida"), ("Destination", "Florida")} <= set(roles)


def test_the_property_returned_by_mail_is_not_his_journey(sample: dict[str, Article]) -> None:
    """'... was first persuaded to travel back to a management building ...' and 'the
    Scientology property in question was returned by mail' are different movements."""
    article = sample[SCIENTOLOGY]
    journey = article.triggered_by("persuaded to travel back", "travel")
    assert "returned" not in article.trigger_words(journey)


def test_seed_attack_victim_extradition_origin_and_ministry_statement(
    sample: dict[str, Article],
) -> None:
    """'Seleznev ... is a disabled victim of the 2011 terrorist attack in Morocco': the attack
    targets Seleznev in 2011; 'the arrest of Seleznev in the Maldives and his extradition to
    the United States': extradited from the Maldives; 'The ministry characterized ... and
    said it was done in violation of ... law': a statement of the Russian Foreign Ministry."""
    seed = _seed(sample)
    attack = seed.triggered_by("victim of the 2011 terrorist attack", "attack")
    assert attack["type"] == "Conflict.Attack"
    assert ("Target", "Roman Seleznev") in seed.arguments(attack)
    assert ("Place", "Morocco") in seed.arguments(attack)
    assert attack["date"] == "2011"
    extradition = seed.triggered_by("his extradition to the United States", "extradition")
    assert extradition["type"] == "Justice.Extradite"
    assert ("Origin", "Maldives") in seed.arguments(extradition)
    assert ("Destination", "United States") in seed.arguments(extradition)
    said = seed.triggered_by("The ministry characterized", "said")
    assert said["type"] == "Contact.Contact"
    assert ("Communicator", "Russian Foreign Ministry") in seed.arguments(said)
    assert said["label"] == "Russian Foreign Ministry: statement"


def test_every_event_has_a_label_in_words(sample: dict[str, Article]) -> None:
    """No event node is named by its type code ('Justice.ArrestJailDetain'): each label is
    words ('Roman Seleznev arrested, Maldives'), across the whole sample and the seed."""
    type_code = re.compile(r"\b[A-Z][A-Za-z]+\.[A-Z][A-Za-z]+\b")
    events = [event for article in sample.values() for event in article.record["events"]]
    assert len(events) > 200
    for event in events:
        assert event["label"].strip(), event
        assert event["label"] not in EVENT_TYPES, event
        assert not type_code.search(event["label"]), event["label"]
    seed_labels = [event["label"] for event in _seed(sample).record["events"]]
    assert "Roman Seleznev arrested, Maldives" in seed_labels


# Wrong events found by the audit of 40 asserted events of news-sample (issue 16, random.Random(16)
# over the sorted events): pinned so that a fix shows as an unexpected pass.
BERNIER = "2008-08-15_sensitive-canadian-document-found-on-rainy-streets.txt"
ASYLUM = "2015-05-18_over-900-asylum-seekers-rescued-off-indonesian-coast.txt"
HOMEOPATHY = "2009-05-08_parents-prosecuted-after-homeopathic-treatment-leads-to-daug.txt"
SCIENTOLOGY_WOMAN = "2011-12-02_australian-woman-claims-church-of-scientology-imprisoned-her.txt"
AFGHAN_TEAM = "2017-07-18_after-visa-snags-all-girl-afghan-team-honored-for-courageous.txt"


def test_the_minister_who_resigns_is_the_employee(sample: dict[str, Article]) -> None:
    """'In May, Maxime Bernier was forced to resign as Foreign Affairs minister ...'."""
    article = sample[BERNIER]
    resignation = article.triggered_by("Maxime Bernier was forced to resign", "resign")
    assert (resignation["type"], resignation["date"]) == ("Personnel.EndPosition", "2008-05")
    assert ("Employee", "Maxime Bernier") in article.arguments(resignation)
    assert ("PlaceOfEmployment", "Maxime Bernier") not in article.arguments(resignation)


def test_the_prime_minister_named_in_apposition_speaks(sample: dict[str, Article]) -> None:
    """'Discussing his concern in a public statement, Malaysia's Prime Minister, Najib Razak
    said, "We are in contact with all relevant parties ..."'."""
    article = sample[ASYLUM]
    said = article.triggered_by("Najib Razak said", "said")
    assert article.arguments(said) == [("Communicator", "Najib Razak")]


def test_she_who_died_is_the_victim(sample: dict[str, Article]) -> None:
    """'She died from infection caused by severe eczema after they shunned ... homeopathy,
    a form of alternative medicine ...': she is the victim, and no one is the killer."""
    article = sample[HOMEOPATHY]
    death = article.triggered_by("She died from infection", "died")
    assert death["type"] == "Life.Die"
    assert [role for role, _ in article.arguments(death)] == ["Victim"]


def test_critics_charging_a_claim_is_no_indictment(sample: dict[str, Article]) -> None:
    """'... which the Church describes as a religious retreat, but critics charge is a forced
    work camp': an allegation, no Justice.ChargeIndict."""
    events = sample[SCIENTOLOGY_WOMAN].events_in("critics charge is a forced work camp")
    assert [e for e in events if e["type"] == "Justice.ChargeIndict"] == []


def test_immigration_parole_status_is_no_release_from_custody(
    sample: dict[str, Article],
) -> None:
    """'... the girls were granted "parole" status on the grounds that their entry would be a
    "significant public benefit."': leave to enter the country, not a prisoner's release."""
    events = sample[AFGHAN_TEAM].events_in('granted "parole" status')
    assert [e for e in events if e["type"] == "Justice.ReleaseParole"] == []


FORD_CRAIOVA = "2007-09-08_ford-offers-us-78-million-for-romanian-auto-plant.txt"
LIVORNO = "2015-08-02_local-municipalities-in-italy-ask-taxes-from-religious-schoo.txt"
WORLD_CUP = "2018-06-18_fifa-world-cup-2018-day-five-sweden-belgium-england-win-thre.txt"


def _named(sample: dict[str, Article], name: str) -> Article:
    """The article of `name`; its absence skips (these three are not in ARTICLES)."""
    if name not in sample:
        pytest.skip(f"{name} not in news-sample")
    return sample[name]


def test_the_only_bidder_for_the_purchase_is_its_buyer(sample: dict[str, Article]) -> None:
    """'Ford is the only bidder for the purchase of the factory.' (issue 16: the purchase
    split from the 2006 one named no one)."""
    article = _named(sample, FORD_CRAIOVA)
    purchase = article.triggered_by("only bidder for the purchase", "purchase")
    assert ("Recipient", "Ford") in article.arguments(purchase)


def test_the_request_advanced_by_livorno_has_its_communicator(
    sample: dict[str, Article],
) -> None:
    """'The request was advanced by the Municipality of Livorno in 2010.'"""
    article = _named(sample, LIVORNO)
    request = article.triggered_by("The request was advanced", "request")
    assert ("Communicator", "Municipality of Livorno") in article.arguments(request)


def test_a_player_substituted_due_to_injury_is_its_victim(sample: dict[str, Article]) -> None:
    """'... Mouez Hassen was substituted off due to injury ...': the goalkeeper is hurt, the
    one who replaced him is not."""
    article = _named(sample, WORLD_CUP)
    injury = article.triggered_by("Hassen was substituted off", "injury")
    assert article.arguments(injury) == [("Victim", "Mouez Hassen")]
