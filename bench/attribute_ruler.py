"""kg's indexed attribute_ruler against spaCy's: the same annotations, and the time of each.

    python -m bench.attribute_ruler [--limit 2000]

Runs the pipeline kg loads up to the attribute_ruler over the first `--limit` news-bench
articles, then gives each Doc's copy to spaCy's AttributeRuler (with the model's rules) and
to kg.nlp.indexed_ruler.IndexedAttributeRuler, and compares TAG, POS, MORPH, LEMMA and DEP of
every token. Prints the tokens compared, the Docs that differ (0 is the claim) and the
seconds each ruler took.
"""

from __future__ import annotations

import argparse
import json
import time

from bench.news_bench import article_lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=2000, help="articles compared")
    args = parser.parse_args()

    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
    from spacy.pipeline import AttributeRuler

    from kg.nlp.load import analysis_text, load_pipeline

    nlp = load_pipeline()
    indexed = nlp.get_pipe("attribute_ruler")
    spacys = AttributeRuler(nlp.vocab)
    spacys.add_patterns(indexed.patterns)
    texts = [analysis_text(json.loads(line)["text"]) for line in article_lines(args.limit)]
    columns = [TAG, POS, MORPH, LEMMA, DEP]
    before = [name for name in nlp.pipe_names if name not in ("attribute_ruler", "ner")]
    seconds = {"spaCy's AttributeRuler": 0.0, "kg's IndexedAttributeRuler": 0.0}
    tokens = differing = 0
    with nlp.select_pipes(enable=before):
        for doc in nlp.pipe(texts, batch_size=64):
            results = []
            for name, ruler in zip(seconds, (spacys, indexed), strict=True):
                copy = doc.copy()
                start = time.perf_counter()
                ruler(copy)
                seconds[name] += time.perf_counter() - start
                results.append(copy.to_array(columns))
            differing += int((results[0] != results[1]).any())
            tokens += len(doc)
    print(f"{len(texts)} articles, {tokens} tokens; articles whose annotations differ: {differing}")
    for name, value in seconds.items():
        print(f"  {name}: {value:.2f} s")


if __name__ == "__main__":
    main()
