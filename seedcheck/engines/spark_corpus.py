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
_PAIR_DTYPE = "<i8"  # verified pairs of positions travel packed, as int64 bytes
_OVERLAP_FIELDS = ("matched", "longest", "shorter", "covered", "spread")  # text.Overlap
_OVERLAP_DTYPE = "<i4"


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
    packed = pairs.mapInArrow(_near_verifier(threshold), "pairs binary").collect()
    edges = [(int(x), int(y)) for row in packed for x, y in _unpack_pairs(row["pairs"])]
    # The shingles of the documents in those pairs, each once (a near copy of many
    # documents would repeat its shingles in every pair). Up to one per document of the
    # corpus: streamed one file partition at a time. The broadcast join keeps the file
    # frame's partitions (a shuffle join would put them in a few big ones, each a task
    # result the driver's JVM must hold whole).
    ends = sorted({doc for edge in edges for doc in edge})
    found: dict[int, Any] = {}
    if ends:
        wanted = feats.sparkSession.createDataFrame([(p,) for p in ends], "position long")
        held = feats.where(F.col("shingles").isNotNull()).select("position", "shingles")
        for row in held.join(F.broadcast(wanted), "position").toLocalIterator(True):
            raw = np.frombuffer(row["shingles"], dtype=_SHINGLE_DTYPE)
            found[row["position"]] = raw.astype(np.uint32)
    return edges, found


def _pack_pairs(pairs: Sequence[tuple[int, int]]) -> bytes:
    """Pairs of positions as one little-endian int64 buffer (a0, b0, a1, b1...): a batch
    of verified pairs travels as one value of 16 bytes per pair, not as a row per pair."""
    import numpy as np

    return np.asarray(pairs, dtype=_PAIR_DTYPE).reshape(-1).tobytes()


def _unpack_pairs(data: bytes) -> Any:
    import numpy as np

    return np.frombuffer(data, dtype=_PAIR_DTYPE).reshape(-1, 2).tolist()


def _near_verifier(threshold: float) -> Callable[[Iterator[pa.RecordBatch]], Iterator[Any]]:
    def verify(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import numpy as np
        import pyarrow as pa

        from seedcheck.checks.quotes.index import near_copies

        schema = pa.schema([("pairs", pa.binary())])
        for batch in batches:
            kept = []
            for row in batch.to_pylist():
                sets = {
                    side: np.frombuffer(row[f"s{side}"], dtype=_SHINGLE_DTYPE)
                    for side in ("a", "b")
                }
                if near_copies(sets, "a", "b", threshold):
                    kept.append((row["a"], row["b"]))
            if kept:
                yield pa.RecordBatch.from_pylist([{"pairs": _pack_pairs(kept)}], schema=schema)

    return verify


def _quote_edges(feats: DataFrame, opts: Mapping[str, Any]) -> list[tuple[bytes, bytes, Any]]:
    """Verified pairs of similar quote variants (by key), with their overlap."""
    from pyspark.sql import functions as F

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
    schema = "a array<binary>, b array<binary>, overlaps binary"
    packed = pairs.mapInArrow(_quote_verifier(dict(opts)), schema).collect()
    return [edge for row in packed for edge in _unpack_edges(row["a"], row["b"], row["overlaps"])]


def _unpack_edges(
    a: Sequence[bytes], b: Sequence[bytes], overlaps: bytes
) -> Iterator[tuple[bytes, bytes, Any]]:
    """The edges of one packed batch: the keys of both sides, the overlaps as int32 rows."""
    import numpy as np

    from seedcheck.checks.quotes.text import Overlap

    values = np.frombuffer(overlaps, dtype=_OVERLAP_DTYPE).reshape(-1, len(_OVERLAP_FIELDS))
    for key_a, key_b, fields in zip(a, b, values.tolist(), strict=True):
        yield bytes(key_a), bytes(key_b), Overlap(*fields)


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
    """Keeps the candidate pairs `similar_quotes` accepts; each batch of them leaves as one
    row (keys and overlaps packed), whatever the number of pairs or the quotes' length."""

    def verify(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        import numpy as np
        import pyarrow as pa

        from seedcheck.checks.quotes.features import shared_needed, shingle_count
        from seedcheck.checks.quotes.index import similar_quotes

        keys = pa.list_(pa.binary())
        schema = pa.schema([("a", keys), ("b", keys), ("overlaps", pa.binary())])
        for batch in batches:
            keys_a, keys_b, overlaps = [], [], []
            for row in batch.to_pylist():
                wa, wb = tuple(row["wa"]), tuple(row["wb"])
                if row["count"] < shared_needed(min(shingle_count(wa), shingle_count(wb))):
                    continue
                ov = similar_quotes(wa, wb, opts)
                if ov is not None:
                    keys_a.append(row["a"])
                    keys_b.append(row["b"])
                    overlaps.append([getattr(ov, name) for name in _OVERLAP_FIELDS])
            if keys_a:
                record = {
                    "a": keys_a,
                    "b": keys_b,
                    "overlaps": np.asarray(overlaps, dtype=_OVERLAP_DTYPE).tobytes(),
                }
                yield pa.RecordBatch.from_pylist([record], schema=schema)

    return verify
