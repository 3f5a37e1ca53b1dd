"""The search analyzer and index without a browser: which typed words match which text words, the
actor aliases, and the files (deterministic, nothing but the index under search/)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from generator.derive import derive_site
from generator.load import load_corpus
from generator.search import build_search
from generator.search.analyze import alias_key, index_keys, query_keys
from generator.search.documents import search_documents
from generator.validate import validate


def matches(typed: str, text_word: str) -> bool:
    return bool(set(query_keys(typed)) & index_keys(text_word))


@pytest.mark.parametrize(
    "typed, text_word",
    [
        ("اسرائيل", "إسرائيل"),
        ("اسرائيل", "وإسرائيل"),
        ("اسرائيل", "لإسرائيل"),  # hamza, clitics
        ("الاعرجي", "الأعرجي"),
        ("الأعرجي", "للأعرجي"),
        ("الأعرجى", "الأعرجي"),  # ى/ي
        ("الأولى", "الأولي"),
        ("مسيره", "مسيّرة"),
        ("مُسَيَّرَات", "بالمسيرات"),
        ("النـــووي", "النووي"),
        ("١٩٧٩", "1979"),
        ("حدود", "الحدود"),
        ("حدود", "للحدود"),
        ("حدود", "والحدود"),
        ("حدود", "لحدودها"),
        ("مسؤول", "المسئولين"),
        ("مسؤول", "مسؤولون"),
        ("مسيرة", "المسيرات"),
        ("قوة", "القوات"),
        ("عسكري", "العسكرية"),
        ("عسكري", "عسكرياً"),
        ("اتفاق", "اتفاقًا"),
        ("اتفاق", "اتفاقات"),
        ("أمن", "أمنه"),
        ("حق", "الحق"),
        ("الحق", "والحق"),
        ("التزام", "والالتزام"),
        ("Kataib", "Kata'ib"),
    ],
)
def test_typed_word_finds_its_forms(typed: str, text_word: str) -> None:
    assert matches(typed, text_word)


@pytest.mark.parametrize(
    "typed, text_word",
    [
        ("الله", "اللهيان"),  # no prefix matching
        ("لاريجان", "لاريجاني"),
        ("زار", "وزارة"),  # و + زار + ة is not a reading of وزارة
        ("منطق", "المنطقة"),  # ة is dropped only after ي
        ("أدى", "البادية"),  # no ة-dropping after a stripped clitic letter
        ("الأعلى", "فاعلية"),
        ("مهم", "مهما"),  # an unmarked final alif is not tanween
        ("روسي", "روسيا"),
        ("العراق", "العراقي"),  # nisba adjectives are their own words (actor aliases join them)
        ("إسرائيل", "إسرائيلي"),
        ("ترمب", "ترامب"),  # spelling variants of names come from registry aliases, not from rules
    ],
)
def test_typed_word_does_not_find_other_words(typed: str, text_word: str) -> None:
    assert not matches(typed, text_word)


def test_alias_keys_ignore_spelling_and_latin_article() -> None:
    assert alias_key("al-Sudani") == alias_key("Sudani") == "sudani"
    assert alias_key("Kata'ib Hizballah") == "kataib hizballah"
    assert alias_key("الأعرجي") == alias_key("الاعرجي")


@pytest.fixture(scope="module")
def site():
    return derive_site(validate(load_corpus(Path(__file__).parent / "cases" / "corpus")))


def test_articles_carry_the_actors_they_name(site) -> None:
    docs = {d.url: d for d in search_documents(site)}
    assert "@abbas-araghchi" in docs["articles/a1/"].entities
    assert docs["actors/qasim-al-araji/"].entities == ("@qasim-al-araji",)


def test_index_files_are_deterministic_and_complete(site) -> None:
    one, two = build_search(site), build_search(site)
    assert [(f.path, f.content) for f in one] == [(f.path, f.content) for f in two]
    paths = {f.path for f in one}
    assert "search/meta.gz" in paths and all(p.startswith("search/") for p in paths)
    meta = json.loads(gzip.decompress(next(f.content for f in one if f.path == "search/meta.gz")))
    assert meta["aliases"]["araji"] == [
        meta["entities"].index(next(e for e in meta["entities"] if e["id"] == "@qasim-al-araji"))
    ]
    assert len(meta["docs"]["len"]) == meta["count"] == len([p for p in paths if p.startswith("search/f/")])
