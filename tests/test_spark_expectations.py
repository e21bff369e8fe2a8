"""The schema and GX stages on Spark give the pandas path's findings and results.

The tables are the seeds' (and faulty copies of their rows, so that every schema rule
fires); the Spark tables are made from the same rows. The pandera.pyspark path needs
pandas < 3 (pyspark.pandas does not import with pandas 3), which the `spark` extra pins;
wherever pyspark is installed that path must be the one that runs (the first test).
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from seedcheck.config import Config
from seedcheck.expectations.tables import DocumentRows
from seedcheck.runner import run
from tests.conftest import FIXED_TODAY, SEEDS

pytestmark = pytest.mark.spark


def seed_rows() -> list[DocumentRows]:
    result = run([str(SEEDS)], Config(today=FIXED_TODAY), tables=True)
    assert result.table_rows
    return result.table_rows


def faulty(rows: list[DocumentRows]) -> list[DocumentRows]:
    """The seeds' rows plus copies that break every schema rule with a row to blame."""
    first = rows[0]
    doc = dict(first.document)
    bad = dict(doc, path="bad.txt", sha256="ABC", size=-1, encoding=None, quotes=-2)
    bad |= {"language": "fr", "language_origin": "declared", "url_domain": "example.org"}
    quotes = [dict(q, path="bad.txt", line=0, hash="XYZ") for q in first.quotes[:2]]
    quotes += [dict(q, path="bad.txt") for q in first.quotes[:1]]  # (path, line, column) twice
    links = [dict(k, path="bad.txt", kind="ftp", href=None) for k in first.links[:1]]
    broken = dataclasses.replace(first, path="bad.txt", document=bad, quotes=quotes, links=links)
    twin = dataclasses.replace(first, path="twin.txt", document=dict(doc, path="twin.txt"))
    twin = dataclasses.replace(twin, quotes=[dict(q, path="twin.txt") for q in first.quotes])
    twin = dataclasses.replace(twin, links=[dict(k, path="twin.txt") for k in first.links])
    return [*rows, broken, twin]


def test_pandera_pyspark_backend_runs_where_pyspark_is_installed() -> None:
    """With pyspark installed, the schema stage must run on pandera's PySpark backend, not
    fall back to the driver: a pandas (or pyspark, pandera) upgrade that breaks
    `import pandera.pyspark` fails here instead of silently moving the stage off Spark."""
    pytest.importorskip("pyspark", reason="pyspark is not installed (core install)")
    from seedcheck.expectations.spark_schema import pyspark_backend

    if not pyspark_backend():
        import pandas

        reason = "ImportError"
        try:
            import pandera.pyspark  # noqa: F401
        except ImportError as error:
            reason = f"{error.__class__.__name__}: {error}"
        pytest.fail(
            f"pyspark is installed but pandera.pyspark does not import ({reason}; "
            f"pandas {pandas.__version__}): the Spark schema stage would run on the driver. "
            "pyproject.toml's `spark` extra pins pandas < 3 for this."
        )


def test_schema_on_spark_same_findings_as_pandas(spark: Any) -> None:
    from seedcheck.checks.registry import RULES
    from seedcheck.expectations.schema import run_schema
    from seedcheck.expectations.spark_schema import run_schema_on_spark
    from seedcheck.expectations.spark_tables import tables_from_rows

    rules = [r for r in RULES if r.kind() == "schema"]
    config = Config(today=FIXED_TODAY)
    rows = faulty(seed_rows())
    local = run_schema(rows, rules, {}, config)
    remote = run_schema_on_spark(tables_from_rows(rows, spark), rows, rules, config)
    assert sorted(map(repr, remote)) == sorted(map(repr, local))
    fired = {f.rule for _, f in local}
    assert fired >= {"SC701", "SC703", "SC704", "SC705", "SC706", "SC707", "SC709", "SC710"}
    assert "SC711" in fired


@pytest.mark.parametrize("links", [True, False])  # False: an empty table
def test_gx_on_spark_same_result_as_pandas(spark: Any, links: bool) -> None:
    from seedcheck.checks.registry import RULES
    from seedcheck.engines.spark import SparkRunResult
    from seedcheck.expectations.gx import run_expectations
    from seedcheck.expectations.spark_tables import tables_from_rows
    from seedcheck.model import FileResult

    config = Config(today=FIXED_TODAY)
    rows = faulty(seed_rows())
    if not links:
        rows = [dataclasses.replace(r, links=[]) for r in rows]
    outcomes = []
    for tables in (None, tables_from_rows(rows, spark)):
        files = [FileResult(r.path, []) for r in rows]
        result = SparkRunResult(files, list(RULES), config=config, table_rows=rows)
        result.spark_tables = tables
        outcomes.append((run_expectations(result, config), result.files))
    (local, local_files), (remote, remote_files) = outcomes
    assert json.dumps(remote, sort_keys=True) == json.dumps(local, sort_keys=True)
    assert remote_files == local_files
    assert not local["success"]  # the duplicate and the declared language fail


def _connect_client_or_skip() -> None:
    pytest.importorskip("grpc", reason="Spark Connect needs pip install 'pyspark[connect]'")
    pytest.importorskip("google.rpc", reason="Spark Connect needs pip install 'pyspark[connect]'")
    from seedcheck.engines import EngineUnavailable
    from seedcheck.engines.spark import check_runtime

    try:
        check_runtime()
    except EngineUnavailable as error:
        pytest.skip(f"Spark tests skipped: {error}")


def _same_json_as_local(tmp_path: Path, spark: list[str], spark_env: dict[str, str]) -> None:
    """`check --format json --expectations` on the seeds: the Spark run (`--engine spark`,
    then `spark` options, with `spark_env`) prints the local engine's bytes."""
    args = [sys.executable, "-m", "seedcheck", "check", "--format", "json", "--expectations"]
    config = tmp_path / "seedcheck.toml"
    config.write_text(f'today = "{FIXED_TODAY}"\n')
    outputs = []
    for options, extra in (([], {}), (["--engine", "spark", *spark], spark_env)):
        proc = subprocess.run(
            [*args, *options, "--config", str(config), str(SEEDS)],
            capture_output=True,
            text=True,
            env={**os.environ, **extra},
            timeout=600,
            check=False,
        )
        assert proc.returncode in (0, 1), proc.stderr[-3000:]
        outputs.append(proc.stdout)
    assert outputs[1] == outputs[0]


def test_spark_connect_same_as_local(tmp_path: Path) -> None:
    """`SPARK_REMOTE=local[2]` starts a local Spark Connect server (no network but
    localhost); the engine's JSON must be the local engine's."""
    _connect_client_or_skip()
    _same_json_as_local(tmp_path, [], {"SPARK_REMOTE": "local[2]"})


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def _spark_process(log: Path, ready: bytes, *command: str) -> Iterator[None]:
    """Run one of pyspark's bin/ scripts (`command`: its name, then its arguments) as its own
    process group, with Python workers on this interpreter; wait until `ready` is in its
    log; stop it (the whole group: the script execs a JVM) on leaving."""
    import pyspark

    script = Path(pyspark.__file__).parent / "bin" / command[0]
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(script), *command[1:]],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYSPARK_PYTHON": sys.executable},
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + 300
        while ready not in log.read_bytes():
            assert process.poll() is None, log.read_text(errors="replace")[-3000:]
            assert time.monotonic() < deadline, f"{command[:2]} not ready in 5 minutes"
            time.sleep(1)
        yield
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def test_separate_connect_server_same_as_local(tmp_path: Path) -> None:
    """A Spark Connect server in its own JVM, started as a user would (pyspark's
    `spark-submit --class ...SparkConnectServer`, which sbin/start-connect-server.sh runs),
    on a free port; the client reaches it by `--spark-master sc://` and by `SPARK_REMOTE`.
    The server's Python workers run this interpreter (PYSPARK_PYTHON in the server's
    environment): they import seedcheck."""
    _connect_client_or_skip()
    port = _free_port()
    server = (
        *("spark-submit", "--master", "local[2]", "--conf", "spark.ui.enabled=false"),
        *("--conf", f"spark.connect.grpc.binding.port={port}"),
        *("--class", "org.apache.spark.sql.connect.service.SparkConnectServer", "spark-internal"),
    )
    with _spark_process(tmp_path / "server.log", b"Spark Connect server started", *server):
        url = f"sc://localhost:{port}"
        _same_json_as_local(tmp_path, ["--spark-master", url], {})
        _same_json_as_local(tmp_path, [], {"SPARK_REMOTE": url})


@pytest.mark.skipif(
    not os.environ.get("SEEDCHECK_CLUSTER_TESTS"),
    reason="opt-in (SEEDCHECK_CLUSTER_TESTS=1): starts a standalone master and worker, ~2 min",
)
def test_standalone_cluster_same_as_local(tmp_path: Path) -> None:
    """A standalone Spark cluster (a master and a worker, from pyspark's own classes) on
    free ports; `--spark-master spark://...` with PYSPARK_PYTHON set for the executors."""
    _connect_client_or_skip()  # Java and pyspark (the Connect extras are not used)
    port = _free_port()
    master = f"spark://127.0.0.1:{port}"
    web = ("--webui-port", "0")
    with (
        _spark_process(
            tmp_path / "master.log",
            b"Starting Spark master at",
            *("spark-class", "org.apache.spark.deploy.master.Master"),
            *("--host", "127.0.0.1", "--port", str(port), *web),
        ),
        _spark_process(
            tmp_path / "worker.log",
            b"Successfully registered with master",
            *("spark-class", "org.apache.spark.deploy.worker.Worker", master),
            *("--host", "127.0.0.1", "--cores", "2", "--memory", "2g", *web),
            *("--work-dir", str(tmp_path / "work")),
        ),
    ):
        _same_json_as_local(
            tmp_path, ["--spark-master", master], {"PYSPARK_PYTHON": sys.executable}
        )
