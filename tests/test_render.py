"""Render: untrusted text stays inert, scrape noise is dropped from display only, output is stable."""

from __future__ import annotations

from pathlib import Path

import markdown

from generator.arabic import display_paragraphs, normalize
from generator.options import BuildOptions
from generator.paths import page_url
from generator.pipeline import PAGES, build
from generator.render import safe_title


def pages_of(seeds: Path) -> dict[str, str]:
    return {p.src_uri: p.markdown for p in build(BuildOptions(seeds_dir=seeds), frozenset({PAGES})).pages}


def test_noise_removed_for_display_only() -> None:
    text = (
        "Skip to main content\nالعنوان\n\nفقرة أولى.\nAvaToday caption\nposted onNovember 1, 2023\n"
        "nocomment\nاقرأ المزيد\n- رابط أول\n- رابط ثان\nفقرة ثانية.\n"
    )
    assert display_paragraphs(text, "العنوان") == ["فقرة أولى.", "فقرة ثانية."]


def test_normalize_folds_variants() -> None:
    assert normalize("إسرائيل") == normalize("اسرائيل")
    assert normalize("الأعرجي") == normalize("الاعرجي")
    assert normalize("مستشفى") == normalize("مستشفي")
    assert normalize("مُحَمَّد") == normalize("محمد")
    assert normalize("١٠ نوفمبر") == "10 نوفمبر"


def test_page_urls() -> None:
    assert page_url("index.md") == ""
    assert page_url("actors/index.md") == "actors/"
    assert page_url("articles/a1.md") == "articles/a1/"
    assert page_url("articles/a1.md", directory_urls=False) == "articles/a1.html"


def test_markup_in_annotations_is_inert(corpus_copy: Path) -> None:
    ann = corpus_copy / "annotations" / "a1.yml"
    ann.write_text(
        ann.read_text(encoding="utf-8")
        .replace('summary: "بحث الأعرجي وعراقجي أمن الحدود."', 'summary: "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"')
        .replace('title: "الأعرجي يبحث مع عراقجي أمن الحدود"', 'title: "</title><script>alert(4)</script>"'),
        encoding="utf-8",
    )
    page = pages_of(corpus_copy)["articles/a1.md"]
    html = markdown.markdown(page, extensions=["attr_list", "md_in_html", "meta"])
    assert "<script>" not in html and "<img" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "title: \"＜/title＞＜script＞alert(4)＜/script＞\"" in page


def test_safe_title_is_yaml_and_markup_free() -> None:
    assert safe_title('a "b" <c> & d') == '"a \\"b\\" ＜c＞ ＆ d"'


def test_render_is_deterministic(corpus_copy: Path) -> None:
    assert pages_of(corpus_copy) == pages_of(corpus_copy)
