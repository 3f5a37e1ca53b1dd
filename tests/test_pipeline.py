"""pipeline.build turns Python's cycle collector off while it runs, and always back on."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from generator.options import BuildOptions
from generator.pipeline import build
from generator.problems import ValidationFailed


def test_the_cycle_collector_is_off_during_a_build_and_on_after(corpus_copy: Path, monkeypatch) -> None:
    seen = []
    import generator.pipeline as pipeline

    real = pipeline.render_site
    monkeypatch.setattr(pipeline, "render_site", lambda *a: seen.append(gc.isenabled()) or real(*a))
    assert gc.isenabled()
    assert build(BuildOptions(seeds_dir=corpus_copy)).pages
    assert seen == [False] and gc.isenabled()

    (corpus_copy / "annotations" / "a1.yml").write_text("published: [\n", encoding="utf-8")
    with pytest.raises(ValidationFailed):
        build(BuildOptions(seeds_dir=corpus_copy))
    assert gc.isenabled()


def test_a_build_leaves_the_collector_off_if_it_was_off(corpus_copy: Path) -> None:
    gc.disable()
    try:
        build(BuildOptions(seeds_dir=corpus_copy))
        assert not gc.isenabled()
    finally:
        gc.enable()
