"""CLI pieces for CI and hooks: `seedcheck gate`, `seedcheck baseline write`, and the cache,
baseline and policy options that `check` shares. Kept apart from cli.py to keep that file
small; importing this module registers the commands on `seedcheck.cli.app`."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from seedcheck.cli import app, build_config
from seedcheck.cli_options import (
    BaselineOption,
    CacheDirOption,
    ConfigOption,
    Engine,
    EngineOption,
    FamilyOption,
    IgnoreOption,
    JobsOption,
    NoCacheOption,
    SelectOption,
    SparkMasterOption,
)
from seedcheck.config import Config, ConfigError, default_jobs

if TYPE_CHECKING:
    from seedcheck.cache import FindingCache
    from seedcheck.gate import GateOutcome
    from seedcheck.runner import RunResult

baseline_app = typer.Typer(
    help="Known findings to tolerate (adopt the gate on an existing corpus).",
    no_args_is_help=True,
)
app.add_typer(baseline_app, name="baseline")


@dataclass(frozen=True)
class CheckOptions:
    """The options `check` shares with `gate`."""

    baseline: Path | None = None
    fail_on_family: list[str] | None = None
    no_cache: bool = False
    cache_dir: Path | None = None
    expectations: bool = False  # check --expectations: run the GX suites too
    engine: str = "local"  # or "spark" (seedcheck.engines)
    spark_master: str | None = None


def check_run(
    paths: list[str], corpus: list[str] | None, cfg: Config, jobs: int, options: CheckOptions
) -> tuple[RunResult, Config]:
    """`check`'s run with the policy, baseline and cache options."""
    from seedcheck.engines import engine_runner

    run = engine_runner(options.engine, options.spark_master)
    cfg = with_family_thresholds(cfg, options.fail_on_family)
    result = run(
        paths,
        cfg,
        corpus=corpus or (),
        jobs=jobs or default_jobs(),
        keep_documents=False,
        cache=open_cache(options.no_cache, options.cache_dir),
        tables=options.expectations,  # the GX stage reads the table rows, not the documents
    )
    if options.expectations:
        from seedcheck.cli import run_suites

        run_suites(result, cfg)  # before the baseline, which may hold GX findings too
    result, suppressed = apply_baseline(result, options.baseline)
    if suppressed:
        sys.stderr.write(f"seedcheck: {suppressed} baselined finding(s) not shown\n")
    return result, cfg


def open_cache(no_cache: bool, cache_dir: Path | None) -> FindingCache | None:
    if no_cache:
        return None
    from seedcheck.cache import FindingCache, default_cache_dir

    return FindingCache(cache_dir or default_cache_dir())


def with_family_thresholds(config: Config, values: list[str] | None) -> Config:
    if not values:
        return config
    from seedcheck.policy import parse_family_options

    return replace(config, fail_on_family={**config.fail_on_family, **parse_family_options(values)})


def apply_baseline(result: RunResult, baseline: Path | None) -> tuple[RunResult, int]:
    """The result without its baselined findings, and how many were removed."""
    if baseline is None:
        return result, 0
    from seedcheck.baseline import load_baseline

    files, suppressed = load_baseline(baseline).filter(result.files)
    return replace(result, files=files), suppressed


@app.command()
def gate(
    base: Annotated[
        str, typer.Option("--base", help="Git revision the change is compared with.")
    ] = "origin/main",
    corpus: Annotated[
        list[str] | None,
        typer.Option(help="Corpus for cross-file rules [default: folders of the changed seeds]."),
    ] = None,
    baseline: BaselineOption = None,
    fail_on: Annotated[
        str | None, typer.Option(help="Fail on findings at or above this severity.")
    ] = None,
    fail_on_family: FamilyOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    sarif: Annotated[Path | None, typer.Option(help="Write SARIF 2.1.0 here.")] = None,
    junit: Annotated[Path | None, typer.Option(help="Write JUnit XML here.")] = None,
    summary: Annotated[Path | None, typer.Option(help="Write a Markdown summary here.")] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write JSON here.")] = None,
    expectations: Annotated[
        bool, typer.Option(help="Run the dataset expectations on the corpus after the change.")
    ] = True,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
    jobs: JobsOption = 0,
    engine: EngineOption = Engine.local,
    spark_master: SparkMasterOption = None,
) -> None:
    """Check the seed files a change adds or modifies (CI on a pull request)."""
    from seedcheck.engines import engine_runner
    from seedcheck.gate import run_gate, warn

    cfg = with_family_thresholds(build_config(config, select, ignore, fail_on), fail_on_family)
    loaded = None
    if baseline is not None:
        from seedcheck.baseline import load_baseline

        loaded = load_baseline(baseline)
    outcome = run_gate(
        base,
        cfg,
        corpus=corpus or (),
        baseline=loaded,
        cache=open_cache(no_cache, cache_dir),
        expectations=expectations,
        jobs=jobs or default_jobs(),
        runner=engine_runner(engine.value, spark_master),
    )
    for note in outcome.notes:
        warn(note)
    result = outcome.result
    # Every requested output is written before anything else can fail.
    outputs = {"sarif": sarif, "junit": junit, "markdown": summary, "json": json_out}
    for name, path in outputs.items():
        if path is not None:
            _write(path, _render(name, result, outcome))
    # In GitHub Actions: annotations on the diff and the job summary, when the formats exist.
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        text = _render("markdown", result, outcome, required=False)
        if text:
            _append(Path(os.environ["GITHUB_STEP_SUMMARY"]), text)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        sys.stdout.write(_render("github", result, outcome, required=False))
    from seedcheck.reports.text import render_text

    sys.stdout.write(_header(outcome))
    sys.stdout.write(render_text(result) if outcome.targets else "")
    failures = outcome.failing()
    if failures:
        sys.stdout.write(f"Gate failed: {len(failures)} finding(s) at or above the policy.\n")
    else:
        sys.stdout.write("Gate passed.\n")
    sys.stdout.flush()
    raise typer.Exit(1 if failures else 0)


@baseline_app.command("write")
def baseline_write(
    paths: Annotated[
        list[str] | None, typer.Argument(help="Seed files or folders [default: .].")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Baseline file to write.")] = Path(
        "seedcheck-baseline.json"
    ),
    corpus: Annotated[list[str] | None, typer.Option(help="Reference corpus.")] = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
    jobs: JobsOption = 0,
) -> None:
    """Record the current findings, so that only new ones count (--baseline FILE)."""
    from seedcheck.baseline import write_baseline
    from seedcheck.runner import run

    cfg = build_config(config, select, ignore, None)
    result = run(
        paths or ["."],
        cfg,
        corpus=corpus or (),
        cache=open_cache(no_cache, cache_dir),
        jobs=jobs or default_jobs(),
        keep_documents=False,
    )
    written = write_baseline(output, result.findings())
    total = sum(written.counts.values())
    typer.echo(f"Wrote {output}: {total} finding(s) in {len(result.files)} file(s).")


def _header(outcome: GateOutcome) -> str:
    base = outcome.base[:12]
    if not outcome.targets:
        return f"No seed files added or modified since {base}.\n"
    lines = [
        f"Checked {len(outcome.targets)} changed seed file(s) since {base} "
        f"against corpus {', '.join(outcome.corpus)}."
    ]
    if outcome.baselined:
        lines.append(f"{outcome.baselined} finding(s) matched the baseline and do not count.")
    return "\n".join(lines) + "\n"


def _render(name: str, result: RunResult, outcome: GateOutcome, required: bool = True) -> str:
    """Render with the format registered under `name` in reports/formats.py."""
    from seedcheck.reports.formats import FORMATS

    renderer = FORMATS.get(name)
    if renderer is None:
        if not required:
            return ""
        raise ConfigError(f"output format {name!r} is not available in this build")
    rendered: str = renderer(result)
    if name == "markdown":
        rendered = f"**seedcheck gate**: {_header(outcome)}\n{rendered}"
    return rendered


def _write(path: Path, text: str) -> None:
    from seedcheck.atomic import write_atomic

    write_atomic(path, text.encode("utf-8"))


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as stream:
        stream.write(text if text.endswith("\n") else text + "\n")
