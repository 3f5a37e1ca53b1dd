"""The build guards the site's size (plugins.briefing.site_size_limit, GitHub Pages' 1 GB): it
prints the size and what is largest, warns from 80 % of the limit and fails above it."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.options import OptionError, build_options
from generator.sitesize import measure, parse_size, shown, verdict

from .conftest import mkdocs_build


def test_sizes_are_read_in_decimal_and_binary_units() -> None:
    assert parse_size("1 GB") == 10**9 == parse_size("1GB") == parse_size("1000 MB")
    assert parse_size("500 MiB") == 500 * 2**20 and parse_size("1.5 gb") == 1_500_000_000
    assert parse_size(2_000_000) == 2_000_000
    for bad in ("", "1 TB!", "GB", "-1 GB", "0.5 MB", 999_999, True, None, 1.5):
        assert parse_size(bad) is None, bad
    assert shown(812_345_678) == "812.3 MB" and shown(1_234_567_890) == "1.23 GB"
    with pytest.raises(OptionError, match=r"site_size_limit: got 'huge'; expected a size like"):
        build_options({"site_size_limit": "huge"})
    assert build_options({"site_size_limit": "800 MB"}).size_limit == 800 * 10**6
    assert build_options({}).size_limit == 10**9


def test_measure_names_the_largest_folders_and_files(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "big.html").write_bytes(b"x" * 3000)
    (tmp_path / "a" / "small.html").write_bytes(b"x" * 10)
    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "mid.csv").write_bytes(b"x" * 2000)
    (tmp_path / "index.html").write_bytes(b"x" * 5)
    size = measure(tmp_path)
    assert (size.total, size.files) == (5015, 4)
    assert size.folders == (("a/", 3010, 2), ("c/", 2000, 1), ("(top level)", 5, 1))
    assert size.largest[:2] == (("a/b/big.html", 3000), ("c/mid.csv", 2000))
    assert verdict(size, 10_000, "site/", "limit")[0] == "ok"
    state, message = verdict(size, 6000, "site/", "limit")
    assert state == "warn" and "83% of the limit of 6.0 kB" in message  # 83.6 %, rounded down
    state, message = verdict(size, 5000, "site/", "limit")
    assert state == "over" and message.startswith("site/ is 5.0 kB, over the limit of 5.0 kB")
    assert "Largest folders: a/ 3.0 kB (2 files)" in message and "a/b/big.html 3.0 kB" in message


def build(corpus: Path, where: Path, limit: str) -> subprocess.CompletedProcess:
    return mkdocs_build(corpus, where, plugin=f"site_size_limit: {limit}")


def test_a_build_reports_its_size_warns_near_the_limit_and_fails_over_it(
    corpus_copy: Path, tmp_path: Path
) -> None:
    over = build(corpus_copy, tmp_path, '"1 MB"')
    assert over.returncode == 1
    assert "over the limit of 1.0 MB (plugins.briefing.site_size_limit;" in over.stderr
    assert "Largest folders: assets/" in over.stderr and "Traceback" not in over.stderr
    size = measure(tmp_path / "site").total  # the site is written before it is measured

    near = build(corpus_copy, tmp_path, str(int(size / 0.9)))  # 90 % of the limit
    assert near.returncode == 0, near.stderr  # a warning, and --strict does not stop on it
    assert f"WARNING -  {(tmp_path / 'site').as_posix()}/ is " in near.stderr
    assert "90% of the limit" in near.stderr and "the build fails above it" in near.stderr

    fine = build(corpus_copy, tmp_path, '"1 GB"')
    assert fine.returncode == 0, fine.stderr
    count = measure(tmp_path / "site").files
    assert f"in {count:,} files, 0% of the limit of 1.00 GB" in fine.stderr
