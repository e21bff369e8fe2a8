"""How the Spark engine names and orders files it lists itself (URI inputs): no Spark needed."""

from __future__ import annotations

from seedcheck.config import Config
from seedcheck.engines.listing import is_uri, uri_items

LISTED = [
    ("hdfs://nn:8020/corpus/b.txt", 10),
    ("hdfs://nn:8020/corpus/sub/a.txt", 10),
    ("hdfs://nn:8020/corpus/a.txt", 10),
    ("hdfs://nn:8020/corpus/.hidden/x.txt", 10),
    ("hdfs://nn:8020/corpus/notes.md", 10),
    ("hdfs://nn:8020/old/c.txt", 10),
    ("hdfs://nn:8020/corpus-other/d.txt", 10),
]


def test_is_uri() -> None:
    assert is_uri("hdfs://nn/x") and is_uri("s3a://bucket/x") and is_uri("file:///tmp")
    assert not is_uri("/tmp/x") and not is_uri("corpus") and not is_uri("C:/x")


def test_walk_order_globs_and_hidden_folders() -> None:
    items = uri_items(LISTED, ["hdfs://nn:8020/corpus/"], [], Config(), with_reference=False)
    assert [i.display for i in items] == [
        "hdfs://nn:8020/corpus/a.txt",
        "hdfs://nn:8020/corpus/b.txt",
        "hdfs://nn:8020/corpus/sub/a.txt",  # a folder's files before its sub-folders
    ]
    assert all(i.is_target and i.length == 10 for i in items)


def test_default_file_system_root_and_reference() -> None:
    items = uri_items(LISTED, ["hdfs:///corpus"], ["hdfs:///old"], Config(), with_reference=True)
    assert [(i.display, i.is_target) for i in items] == [
        ("hdfs:///corpus/a.txt", True),
        ("hdfs:///corpus/b.txt", True),
        ("hdfs:///corpus/sub/a.txt", True),
        ("hdfs:///old/c.txt", False),
    ]
    assert items[0].uri == "hdfs://nn:8020/corpus/a.txt"  # what Spark's rows are joined on


def test_named_file_skips_include_but_not_exclude() -> None:
    named = "hdfs://nn:8020/corpus/notes.md"
    assert [i.display for i in uri_items(LISTED, [named], [], Config(), False)] == [named]
    config = Config(exclude=("*.md",))
    assert uri_items(LISTED, [named], [], config, False) == []


def test_exclude_on_relative_path_and_each_file_once() -> None:
    config = Config(exclude=("sub/*",))
    roots = ["hdfs://nn:8020/corpus", "hdfs://nn:8020/corpus/b.txt"]
    items = uri_items(LISTED, roots, [], config, False)
    assert [i.display for i in items] == [
        "hdfs://nn:8020/corpus/a.txt",
        "hdfs://nn:8020/corpus/b.txt",
    ]


def test_engine_runner() -> None:
    import pytest

    from seedcheck.engines import EngineUnavailable, engine_runner
    from seedcheck.runner import run

    assert engine_runner("local") is run
    assert callable(engine_runner("spark"))  # pyspark is imported only when it is called
    with pytest.raises(EngineUnavailable):
        engine_runner("dask")
