"""Entity mentions the NER misses or cuts short: names written with a small first letter and
the model numbers after a name."""

from __future__ import annotations

import pytest

from newsline.analyze.mentions import entity_mentions, sentences
from newsline.analyze.nlp import load


def names(text: str) -> list[tuple[str, str]]:
    doc = load()(text)
    return [(m.text, m.type) for m in entity_mentions(doc, sentences(doc))]


@pytest.mark.parametrize(("text", "name"), [
    ("Apple unveiled the iPhone 4 yesterday.", "iPhone 4"),
    ("Pre-orders of the recently announced iPhone 4 began Tuesday.", "iPhone 4"),
    ("The 3G iPhone costs $199.", "3G iPhone"),
    ("Apple sold more iPods than ever.", "iPods"),
    ("The CAC 40 fell 2% in Paris.", "CAC 40"),
])
def test_names_the_ner_misses_or_cuts(text: str, name: str) -> None:
    assert name in [t for t, _ in names(text)]


def test_a_quantity_after_a_name_is_not_its_model() -> None:
    found = [t for t, _ in names("Toyota 10 cars were recalled, and Apple sold 4 iPods.")]
    assert "Toyota 10" not in found and "4 iPods" not in found
