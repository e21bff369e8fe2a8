"""Developer tasks. `nox -s tests` is what CI runs (see .ci/run)."""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "tests_core", "lint"]
nox.options.reuse_existing_virtualenvs = True

SOURCES = ["seedcheck", "checks", "expectations", "reports", "tests", "benchmarks", "noxfile.py"]


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite, end-to-end tests (git, pre-commit, browser) and the Spark
    engine's (they skip without a Java runtime) included. With the `spark` extra, which
    pins pandas < 3 so that pandera's PySpark backend imports (pyproject.toml)."""
    session.install("-e", ".[test,spark,connect]")
    session.run("pytest", *(session.posargs or ["-q"]))


@nox.session
def tests_core(session: nox.Session) -> None:
    """The whole test suite again on the core install, as `pip install seedcheck` gives it:
    no pyspark (the Spark tests skip) and the newest pandas (3.x), which the `tests`
    session cannot have."""
    session.install("-e", ".[test]")
    session.run("python", "-c", "import pandas; print('pandas', pandas.__version__)")
    session.run("pytest", *(session.posargs or ["-q"]))


@nox.session
def e2e(session: nox.Session) -> None:
    """Only the end-to-end tests with real external tools."""
    session.install("-e", ".[test]")
    session.run("pytest", "-q", "-m", "e2e", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint + format check) and mypy."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", *SOURCES)
    session.run("ruff", "format", "--check", *SOURCES)
    session.run("mypy")


@nox.session
def typecheck(session: nox.Session) -> None:
    session.install("-e", ".[lint]")
    session.run("mypy")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks: latency, throughput, scale (writes benchmarks/out/results.json).

    seedcheck is installed as a pre-commit hook's environment has it: a regular
    (byte-compiled, not editable) install with its own dependencies only. Test tools change
    start-up (pandera registers hypothesis strategies when hypothesis is importable), so
    they stay out; the benchmarks run the installed `seedcheck` script."""
    session.install(".")
    session.install("proselint")  # the peer prose linter, measured on the same files
    session.run("python", "-m", "benchmarks", *session.posargs)
