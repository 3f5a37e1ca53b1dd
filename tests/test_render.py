"""Render: untrusted text stays inert, scrape noise is dropped from display only, output is
stable."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from generator.arabic import display_paragraphs, normalize
from generator.derive import derive_site
from generator.edtf import parse_edtf
from generator.load import load_corpus
from generator.options import BuildOptions
from generator.pipeline import PAGES, build
from generator.render import Renderer, safe_title
from generator.validate import validate


def pages_of(seeds: Path) -> dict[str, str]:
    pages = build(BuildOptions(seeds_dir=seeds), frozenset({PAGES})).pages
    return {p.src_uri: p.markdown for p in pages}


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


def test_markup_in_annotations_is_inert(corpus_copy: Path) -> None:
    ann = corpus_copy / "annotations" / "a1.yml"
    ann.write_text(
        ann.read_text(encoding="utf-8")
        .replace(
            'summary: "بحث الأعرجي وعراقجي أمن الحدود."',
            'summary: "<script>alert(1)</script> [x](javascript:alert(2)) '
            '<img src=x onerror=alert(3)>"',
        )
        .replace(
            'title: "الأعرجي يبحث مع عراقجي أمن الحدود"',
            'title: "</title><script>alert(4)</script>"',
        ),
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


def test_the_theme_index_nests_a_deep_tree_without_recursion(corpus_copy: Path) -> None:
    """Ten levels, the most validate allows: the index nests them, each list closed."""
    themes = corpus_copy / "themes.yml"
    chain = "".join(
        f'  - id: "deep-{i}"\n    label: {{ar: "مستوى {i}", en: "level {i}"}}\n'
        + (f'    parent: "deep-{i - 1}"\n' if i else "")
        for i in range(10)
    )
    themes.write_text(themes.read_text(encoding="utf-8") + chain, encoding="utf-8")
    index = pages_of(corpus_copy)["themes/index.md"]
    tree = index[index.index('<ul class="brf-tree">'):]
    assert tree.count("<ul") == tree.count("</ul>") == 1 + 9 + 1  # deep-0..9, and the corpus' one
    assert tree.count("<li>") == tree.count("</li>")
    assert tree.index("مستوى 9") > tree.index("مستوى 8") > tree.index("مستوى 0")


def test_a_split_list_of_a_theme_with_markup_in_its_name_is_escaped_once(tmp_path: Path) -> None:
    from .synthetic import write_corpus

    seeds = write_corpus(tmp_path / "seeds", 30)
    registry = seeds / "themes.yml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        '"الفصائل المسلحة"', '"الفصائل & <المسلحة>"'), encoding="utf-8")
    result = build(BuildOptions(seeds_dir=seeds, page_items=10), frozenset({PAGES}))
    parts = [p.markdown for p in result.pages if p.src_uri.startswith("themes/armed-groups/")]
    assert parts
    for page in parts:
        title = page.split("\n")[1]
        assert "＆ ＜المسلحة＞" in title and "amp" not in title, title


def test_a_huge_paragraph_is_shown_in_pieces_and_noncharacters_are_dropped() -> None:
    """Chromium takes over 30 s to lay out one 400,000-character paragraph; in pieces of at most
    3,000 characters, cut after a sentence, it is linear. The raw text is not changed."""
    from generator.arabic import PARAGRAPH_CHARS

    sentence = "بحث الجانبان أمن الحدود المشتركة. "
    paragraph = sentence * 20_000  # 700,000 characters
    shown = display_paragraphs(f"العنوان\n{paragraph}\nفقرة \ufffeأخيرة.\n", "العنوان")
    assert all(len(p) <= PARAGRAPH_CHARS for p in shown)
    assert all(p.endswith(".") for p in shown[:-2])  # cut after sentences
    assert " ".join(shown[:-1]).split() == paragraph.split()
    assert shown[-1] == "فقرة أخيرة."


def test_a_date_phrase_is_shown_when_it_says_more_than_the_date() -> None:
    """The phrase an event's date was read from is repeated beside the date only when it tells the
    reader something: a weekday, «late», «since», a missing year; not the same date again."""
    seeds = Path(__file__).parent.parent / "seeds"
    renderer = Renderer(derive_site(validate(load_corpus(seeds))), BuildOptions(seeds_dir=seeds))
    day, month = parse_edtf("2021-10-05"), parse_edtf("2022-09")
    for same, d in [("في 5 تشرين الأول 2021", day), ("5 أكتوبر 2021", day),
                    ("في ٥ تشرين الأول/أكتوبر ٢٠٢١", day), ("في سبتمبر 2022", month)]:
        assert not renderer.says_more(same, d), same
    for more, d in [("الأحد", day), ("في 5 أكتوبر", day), ("أواخر تشرين الأول 2021", day),
                    ("منذ 2022", month), ("في 5/10/2021", day), ("في أيلول", month),
                    ("2022", month)]:
        assert renderer.says_more(more, d), more


def test_head_keeps_the_length_and_refuses_to_read_past_its_items() -> None:
    """render.Head, what a term's page gets of a long list: its length is the whole list's, its
    first items read as a tuple's, and reading past them fails instead of showing a short list;
    two heads are equal only with the same items and length."""
    from generator.render import Head

    head = Head(("a", "b", "c"), 40)
    assert len(head) == 40 and bool(head) and head[:3] == ("a", "b", "c") and head[1] == "b"
    for read in (lambda: head[:4], lambda: head[3], lambda: head[-1], lambda: list(head),
                 lambda: head[::-1], lambda: list(reversed(head)), lambda: "a" in head,
                 lambda: head.index("a"), lambda: head.count("a"), lambda: str(head)):
        with pytest.raises((IndexError, TypeError)):
            read()
    assert head[2::-1] == ("c", "b", "a")  # the items kept, backwards
    assert head == Head(("a", "b", "c"), 40) and hash(head) == hash(Head(("a", "b", "c"), 40))
    assert head != Head(("a", "b", "c"), 41) and head != ("a", "b", "c")
    whole = Head(("a", "b"), 2)
    assert list(whole) == ["a", "b"] and whole[-1] == "b" and not Head((), 0)
