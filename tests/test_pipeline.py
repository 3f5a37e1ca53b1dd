"""pipeline.build turns Python's cycle collector off while it runs, and always back on; while pages
are rendered it runs over what rendering makes only."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from generator.options import BuildOptions
from generator.pipeline import build
from generator.problems import ValidationFailed


def test_the_cycle_collector_is_off_during_a_build_and_on_after(
    corpus_copy: Path, monkeypatch
) -> None:
    seen = []
    import generator.pipeline as pipeline

    real, real_derive = pipeline.render_site, pipeline.derive_site
    monkeypatch.setattr(pipeline, "derive_site",
                        lambda *a: seen.append(("derive", gc.isenabled())) or real_derive(*a))
    monkeypatch.setattr(pipeline, "render_site", lambda *a: seen.append(
        ("render", gc.isenabled(), gc.get_freeze_count() > 0)) or real(*a))
    assert gc.isenabled()
    assert build(BuildOptions(seeds_dir=corpus_copy)).pages
    # Off while the model is made; on while pages are rendered, with the model frozen out of its
    # sight; on after, nothing left frozen.
    assert seen == [("derive", False), ("render", True, True)]
    assert gc.isenabled() and gc.get_freeze_count() == 0

    (corpus_copy / "annotations" / "a1.yml").write_text("published: [\n", encoding="utf-8")
    with pytest.raises(ValidationFailed):
        build(BuildOptions(seeds_dir=corpus_copy))
    assert gc.isenabled()


def test_under_serve_pages_are_rendered_with_the_collector_off(corpus_copy: Path,
                                                               monkeypatch) -> None:
    """`mkdocs serve` keeps the Site for the next build: the collector stays off while pages are
    rendered, nothing is frozen, and rendering's cycles go after the build."""
    import generator.pipeline as pipeline
    from generator.incremental import Session

    seen = []
    real = pipeline.render_site
    monkeypatch.setattr(pipeline, "render_site", lambda *a: seen.append(
        (gc.isenabled(), gc.get_freeze_count())) or real(*a))
    options = BuildOptions(seeds_dir=corpus_copy)
    assert build(options, reuse=Session(options)).pages
    assert seen == [(False, 0)] and gc.isenabled()


def test_a_build_leaves_the_collector_off_if_it_was_off(corpus_copy: Path) -> None:
    gc.disable()
    try:
        build(BuildOptions(seeds_dir=corpus_copy))
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_site_is_freed_when_the_build_returns(corpus_copy: Path, monkeypatch) -> None:
    """Rendering makes cycles (a page's Jinja context and its macros) that hold the Site. They are
    collected as pages are rendered, so the Site goes by reference counting when the build
    returns, not in a pass of the collector over every object the build made."""
    import weakref

    import generator.pipeline as pipeline

    made = []
    real = pipeline.derive_site

    def derive(*args: object) -> object:
        site = real(*args)
        made.append(weakref.ref(site))
        return site

    monkeypatch.setattr(pipeline, "derive_site", derive)
    gc.disable()  # no collection after the build returns: only reference counting frees the Site
    try:
        assert build(BuildOptions(seeds_dir=corpus_copy)).pages
        assert len(made) == 1 and made[0]() is None
    finally:
        gc.enable()


def test_no_two_outputs_share_a_path(corpus_copy: Path) -> None:
    from generator.output import OutputClash, check_unique

    result = build(BuildOptions(seeds_dir=corpus_copy))
    assert len({p.src_uri for p in result.pages} | {f.path for f in result.files}) == (
        len(result.pages) + len(result.files))
    with pytest.raises(OutputClash, match="feeds/actors/sitemap.xml: the feed of sitemap and"):
        check_unique([("feeds/actors/sitemap.xml", "the site map of feeds/actors/"),
                      ("feeds/actors/sitemap.xml", "the feed of sitemap")])


def test_an_id_validate_let_through_cannot_replace_an_output(
    corpus_copy: Path, monkeypatch
) -> None:
    """Were "sitemap" not reserved, its feed would replace the site map of feeds/themes/: the build
    stops instead of writing one over the other."""
    from generator import paths
    from generator.output import OutputClash

    for path in (corpus_copy / "themes.yml", corpus_copy / "annotations" / "a2.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace(
            '"security-cooperation"', '"sitemap"'), encoding="utf-8")
    monkeypatch.setattr(paths, "RESERVED_IDS", {})
    with pytest.raises(OutputClash, match="^feeds/themes/sitemap.xml: "):
        build(BuildOptions(seeds_dir=corpus_copy))
