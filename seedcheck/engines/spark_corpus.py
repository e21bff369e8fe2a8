"""The corpus index's candidate pairs on Spark: exact-hash joins, LSH band joins, shingle
postings, verified on the executors.

The partitions that check the documents also compute their `DocumentFeatures`
(checks/quotes/features.py) and return them as Spark columns (`CORPUS_DDL`, one struct per
feature key). From those, Spark DataFrame operations find what the local index finds with
dictionaries and numpy:
- the representative of each exact copy group (same word count and word hash; the first
  document in the run's order), the only ones compared for near copies;
- near-copy candidates: representatives sharing the key of some MinHash LSH band (a join
  on (band, key)), verified by the exact Jaccard of their shingles (`index.near_copies`);
- quote-variant candidates: variants sharing a contentful 4-word shingle held by at most
  `max_posting` variants, counted per pair, kept when they share `shared_needed`, verified
  with `index.similar_quotes`.
Only the verified pairs (and the shingles of the near-copy documents, for the similarity
the findings report) come back to the driver, as `index.Links`; the rules' own code then
builds the index and the findings there. Every decision is made by the functions the local
index calls: this module only moves data.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from seedcheck.checks.quotes.features import DocumentFeatures
from seedcheck.checks.quotes.index import Links

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql import DataFrame, SparkSession

CORPUS_STRUCT = (
    "struct<key: int, word_count: int, word_hash: binary, shingles: binary, "
    "bands: array<binary>, quotes: array<struct<key: binary, words: array<string>>>>"
)
CORPUS_DDL = f"array<{CORPUS_STRUCT}>"
_SHINGLE_DTYPE = "<u4"  # document shingles travel as little-endian uint32 bytes


def corpus_arrow_type() -> pa.DataType:
    import pyarrow as pa

    quote = pa.struct([("key", pa.binary()), ("words", pa.list_(pa.string()))])
    return pa.list_(
        pa.struct(
            [
                ("key", pa.int32()),
                ("word_count", pa.int32()),
                ("word_hash", pa.binary()),
                ("shingles", pa.binary()),
                ("bands", pa.list_(pa.binary())),
                ("quotes", pa.list_(quote)),
            ]
        )
    )


def corpus_record(
    features: Mapping[Hashable, Any] | None, keys: Sequence[Hashable]
) -> list[dict[str, Any]] | None:
    """A document's features as a `CORPUS_DDL` value: one struct per key of `keys` (by
    number), for the Spark side of the index."""
    if features is None:
        return None
    out = []
    for number, key in enumerate(keys):
        feat: DocumentFeatures = features[key]
        shingles = feat.shingles
        out.append(
            {
                "key": number,
                "word_count": feat.word_count,
                "word_hash": feat.word_hash,
                "shingles": None if shingles is None else shingles.astype(_SHINGLE_DTYPE).tobytes(),
                "bands": list(feat.bands),
                "quotes": [{"key": q.key, "words": list(q.words)} for q in feat.quotes],
            }
        )
    return out


def for_driver(
    features: Mapping[Hashable, Any] | None, keys: Sequence[Hashable]
) -> dict[Hashable, Any] | None:
    """What the driver keeps of a document's features: light ones for the keys whose pairs
    Spark finds (their shingles are in the Spark columns), the others whole."""
    if features is None:
        return None
    return {key: f.light() if key in keys else f for key, f in features.items()}


def corpus_links(
    spark: SparkSession,
    files: DataFrame,
    driver_rows: Sequence[tuple[int, bool, list[dict[str, Any]] | None]],
    keys: Sequence[Hashable],
    options: Mapping[Hashable, Mapping[str, Any]],
    paths: Sequence[str],
) -> dict[Hashable, Links]:
    """The verified pairs of every key. `files` has `position`, `is_target` and `corpus`;
    `driver_rows` are (position, is_target, corpus) of the files checked on the driver;
    `paths[position]` names a file. The run's document order is the targets, then the
    reference files, each in input order (runner._corpus_findings)."""
    from pyspark.sql import functions as F

    frame = files.select("position", "is_target", "corpus")
    if driver_rows:
        schema = f"position long, is_target boolean, corpus {CORPUS_DDL}"
        frame = frame.unionByName(spark.createDataFrame(list(driver_rows), schema))
    order = F.when(F.col("is_target"), F.col("position")).otherwise(F.col("position") + len(paths))
    exploded = frame.where(F.col("corpus").isNotNull()).select(
        "position", order.alias("order"), F.explode("corpus").alias("f")
    )
    out = {}
    for number, key in enumerate(keys):
        feats = exploded.where(F.col("f.key") == number).select("position", "order", "f.*")
        near, shingles = _near_copies(feats, options[key])
        out[key] = Links(
            near=[(paths[a], paths[b]) for a, b in near],
            shingles={paths[p]: s for p, s in shingles.items()},
            quote_edges=_quote_edges(feats, options[key]),
        )
    return out


def _near_copies(
    feats: DataFrame, opts: Mapping[str, Any]
) -> tuple[list[tuple[int, int]], dict[int, Any]]:
    """Verified near-copy pairs of representatives (positions), and their shingles."""
    import numpy as np
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    first = Window.partitionBy("word_count", "word_hash").orderBy("order")
    reps = (
        feats.where(F.col("word_count") > 0)
        .withColumn("rank", F.row_number().over(first))
        .where((F.col("rank") == 1) & F.col("shingles").isNotNull())
        .select("position", "shingles", "bands")
    )
    bands = reps.select("position", F.posexplode("bands").alias("band", "bkey"))
    a, b = bands.alias("a"), bands.alias("b")
    candidates = (
        a.join(b, ["band", "bkey"])
        .where(F.col("a.position") < F.col("b.position"))
        .select(F.col("a.position").alias("a"), F.col("b.position").alias("b"))
        .distinct()
    )
    shingles = reps.select("position", "shingles")
    pairs = candidates.join(
        shingles.withColumnsRenamed({"position": "a", "shingles": "sa"}), "a"
    ).join(shingles.withColumnsRenamed({"position": "b", "shingles": "sb"}), "b")
    threshold = float(opts["duplicate_threshold"])
    verified = pairs.mapInArrow(_near_verifier(threshold), "a long, b long").collect()
    edges = [(row["a"], row["b"]) for row in verified]
    # The shingles of the documents in those pairs, each once, streamed partition by
    # partition (a near copy of many documents would repeat its shingles in every pair).
    ends = sorted({doc for edge in edges for doc in edge})
    found: dict[int, Any] = {}
    if ends:
        wanted = feats.sparkSession.createDataFrame([(p,) for p in ends], "position long")
        for row in shingles.join(wanted, "position").toLocalIterator():
            raw = np.frombuffer(row["shingles"], dtype=_SHINGLE_DTYPE)
            found[row["position"]] = raw.astype(np.uint32)
    return edges, found


def _near_verifier(threshold: float) -> Callable[[Iterator[pa.RecordBatch]], Iterator[Any]]:
    def verify(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import numpy as np
        import pyarrow as pa

        from seedcheck.checks.quotes.index import near_copies

        schema = pa.schema([("a", pa.int64()), ("b", pa.int64())])
        for batch in batches:
            kept = []
            for row in batch.to_pylist():
                sets = {
                    side: np.frombuffer(row[f"s{side}"], dtype=_SHINGLE_DTYPE)
                    for side in ("a", "b")
                }
                if near_copies(sets, "a", "b", threshold):
                    kept.append({"a": row["a"], "b": row["b"]})
            yield pa.RecordBatch.from_pylist(kept, schema=schema)

    return verify


def _quote_edges(
    feats: DataFrame, opts: Mapping[str, Any]
) -> list[tuple[tuple[str, ...], tuple[str, ...], Any]]:
    """Verified pairs of similar quote variants, with their overlap."""
    from pyspark.sql import functions as F

    from seedcheck.checks.quotes.text import Overlap

    quotes = feats.select(F.explode("quotes").alias("q")).select("q.key", "q.words")
    variants = quotes.dropDuplicates(["key"])
    postings = variants.mapInArrow(_shingler, "key binary, shingle bigint")
    common = (
        postings.groupBy("shingle")
        .count()
        .where((F.col("count") >= 2) & (F.col("count") <= int(opts["max_posting"])))
        .select("shingle")
    )
    kept = postings.join(common, "shingle")
    a, b = kept.alias("a"), kept.alias("b")
    shared = (
        a.join(b, "shingle")
        .where(F.col("a.key") < F.col("b.key"))
        .groupBy(F.col("a.key").alias("a"), F.col("b.key").alias("b"))
        .count()
    )
    words = variants.select("key", "words")
    pairs = shared.join(words.withColumnsRenamed({"key": "a", "words": "wa"}), "a").join(
        words.withColumnsRenamed({"key": "b", "words": "wb"}), "b"
    )
    schema = (
        "wa array<string>, wb array<string>, matched int, longest int, shorter int, "
        "covered int, spread int"
    )
    edges = pairs.mapInArrow(_quote_verifier(dict(opts)), schema).toLocalIterator()
    return [
        (
            tuple(row["wa"]),
            tuple(row["wb"]),
            Overlap(row["matched"], row["longest"], row["shorter"], row["covered"], row["spread"]),
        )
        for row in edges
    ]


def _shingler(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """(variant key, shingle) for every contentful 4-word shingle of each variant."""
    import pyarrow as pa

    from seedcheck.checks.quotes.features import variant_shingles

    for batch in batches:
        keys, shingles = [], []
        for row in batch.to_pylist():
            found = variant_shingles(row["words"]).tolist()
            keys.extend([row["key"]] * len(found))
            shingles.extend(found)
        yield pa.RecordBatch.from_arrays(
            [pa.array(keys, pa.binary()), pa.array(shingles, pa.int64())], ["key", "shingle"]
        )


def _quote_verifier(opts: dict[str, Any]) -> Callable[[Iterator[pa.RecordBatch]], Iterator[Any]]:
    def verify(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import pyarrow as pa

        from seedcheck.checks.quotes.features import shared_needed, shingle_count
        from seedcheck.checks.quotes.index import similar_quotes

        schema = _edge_schema()
        for batch in batches:
            kept = []
            for row in batch.to_pylist():
                wa, wb = tuple(row["wa"]), tuple(row["wb"])
                if row["count"] < shared_needed(min(shingle_count(wa), shingle_count(wb))):
                    continue
                ov = similar_quotes(wa, wb, opts)
                if ov is not None:
                    kept.append(
                        {
                            "wa": row["wa"],
                            "wb": row["wb"],
                            "matched": ov.matched,
                            "longest": ov.longest,
                            "shorter": ov.shorter,
                            "covered": ov.covered,
                            "spread": ov.spread,
                        }
                    )
            yield pa.RecordBatch.from_pylist(kept, schema=schema)

    return verify


def _edge_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema(
        [("wa", pa.list_(pa.string())), ("wb", pa.list_(pa.string()))]
        + [(name, pa.int32()) for name in ("matched", "longest", "shorter", "covered", "spread")]
    )
