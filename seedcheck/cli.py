"""The `seedcheck` command line (typer). Exit codes: 0 clean, 1 findings at or above
`--fail-on`, 2 usage or internal error (bad input *files* are findings, not exit 2)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from seedcheck import __version__
from seedcheck.cli_options import (
    BaselineOption,
    CacheDirOption,
    ConfigOption,
    CorpusOption,
    Engine,
    EngineOption,
    FailOnOption,
    FamilyOption,
    IgnoreOption,
    JobsOption,
    NoCacheOption,
    SelectOption,
    SparkMasterOption,
)
from seedcheck.config import (
    Config,
    ConfigError,
    command_line_config,
    default_jobs,
    parse_severity,
)
from seedcheck.discovery import MissingPathError
from seedcheck.engines import EngineUnavailable, quiet_pandas_on_spark

if TYPE_CHECKING:
    from seedcheck.runner import RunResult

app: typer.Typer = typer.Typer(
    name="seedcheck",
    help="Validate seed news documents: dates, provenance, translation, quotes, encoding.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"
    markdown = "markdown"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"seedcheck {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """seedcheck: data-quality and provenance validator for seed news documents."""


def build_config(
    config_path: Path | None,
    select: list[str] | None,
    ignore: list[str] | None,
    fail_on: str | None,
) -> Config:
    severity = parse_severity(fail_on, "--fail-on") if fail_on else None
    return command_line_config(config_path, select, ignore, severity)


EXPECTATIONS_OPTION = typer.Option(
    "--expectations",
    help="Also run the Great Expectations suites (default suites + `expectations` in config).",
)


def run_suites(result: RunResult, cfg: Config) -> None:
    """The GX stage (imports Great Expectations). A failed expectation that left no finding
    (about the whole table, or rows its owning rules reported) gets one note on stderr."""
    from seedcheck.expectations.gx import run_expectations

    outcome = run_expectations(result, cfg)
    for suite in outcome["suites"]:
        for item in suite["results"]:
            if item["success"] or item["findings"]:
                continue
            owners = ", ".join(item["meta"].get("seedcheck", {}).get("owned_by", []))
            why = (
                f"its {item['owned']} row(s) are reported by {owners}"
                if item["owned"]
                else "about the whole table"
            )
            sys.stderr.write(
                f"seedcheck: note: expectation {item['type']} of suite {suite['name']!r} "
                f"failed ({why})\n"
            )


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Seed files or folders to check.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.text,
    fail_on: FailOnOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    corpus: CorpusOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    jobs: JobsOption = 0,
    baseline: BaselineOption = None,
    fail_on_family: FamilyOption = None,
    no_cache: NoCacheOption = False,
    cache_dir: CacheDirOption = None,
    expectations: Annotated[bool, EXPECTATIONS_OPTION] = False,
    engine: EngineOption = Engine.local,
    spark_master: SparkMasterOption = None,
) -> None:
    """Check seed files and print findings."""
    from seedcheck.cli_gate import CheckOptions, check_run
    from seedcheck.policy import failing

    options = CheckOptions(
        baseline, fail_on_family, no_cache, cache_dir, expectations, engine, spark_master
    )
    cfg = build_config(config, select, ignore, fail_on)
    result, cfg = check_run(paths, corpus, cfg, jobs, options)
    _emit(_render_check(result, output_format, output), output)
    raise typer.Exit(1 if failing(result.findings(), cfg) else 0)


def _render_check(
    result: RunResult, output_format: OutputFormat, output: Path | None
) -> Iterable[str]:
    """Text gets colour on a terminal; every other format comes from the FORMATS table.
    Text and JSON come in pieces: they are the formats used on whole corpora."""
    if output_format is OutputFormat.text:
        from seedcheck.reports.text import iter_text

        return iter_text(result, colour=output is None and _colour(sys.stdout))
    if output_format is OutputFormat.json:
        from seedcheck.reports.json_output import iter_json

        return iter_json(result)
    from seedcheck.reports.formats import render

    return [render(result, output_format.value)]


@app.command()
def report(
    paths: Annotated[list[str], typer.Argument(help="Seed files or folders to report on.")],
    out: Annotated[Path, typer.Option("--out", help="Folder to write the reports into.")],
    formats: Annotated[
        list[str] | None,
        typer.Option("--format", "-f", help="Comma-separated: json, md, html [default: all]."),
    ] = None,
    timestamp: Annotated[
        bool, typer.Option("--timestamp", help="Stamp reports with the generation time.")
    ] = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    config: ConfigOption = None,
    corpus: CorpusOption = None,
    jobs: JobsOption = 0,
    expectations: Annotated[
        bool,
        typer.Option(help="Run the dataset expectations (Great Expectations suites) too."),
    ] = True,
    engine: EngineOption = Engine.local,
    spark_master: SparkMasterOption = None,
) -> None:
    """Write one report per file (JSON, Markdown, HTML) and an index of the corpus.

    Exits 0 when the reports are written, whatever they contain; use `check` to gate.
    """
    cfg = build_config(config, select, ignore, None)
    _report(
        paths, out, formats or [], timestamp, cfg, corpus, jobs, expectations, engine, spark_master
    )


def _report(
    paths: list[str],
    out: Path,
    formats: list[str],
    timestamp: bool,
    cfg: Config,
    corpus: list[str] | None,
    jobs: int = 0,
    expectations: bool = True,
    engine: Engine = Engine.local,
    spark_master: str | None = None,
) -> None:
    import datetime as dt

    from seedcheck.discovery import collect
    from seedcheck.engines import engine_runner
    from seedcheck.engines.listing import is_uri
    from seedcheck.reports.progress import Progress
    from seedcheck.reports.writer import parse_formats, write_reports

    run = engine_runner(engine.value, spark_master)

    try:
        chosen = parse_formats(formats)
    except ValueError as error:
        raise ConfigError(str(error)) from None
    if out.exists() and not out.is_dir():
        raise ConfigError(f"--out is not a folder: {out}")
    listed_by_spark = engine is Engine.spark and any(is_uri(p) for p in paths)
    total = 0 if listed_by_spark else len(collect(paths, cfg.include, cfg.exclude))
    with Progress(total, "checking ") as bar:
        result = run(
            paths,
            cfg,
            corpus=corpus or (),
            jobs=jobs or default_jobs(),
            on_file=lambda _path: bar.advance(),
            tables=expectations,
        )
    if expectations:
        run_suites(result, cfg)
    stamp = (
        dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
        if timestamp
        else None
    )
    with Progress(total, "reporting") as bar:
        written = write_reports(result, out, chosen, stamp, advance=bar.advance)
    sys.stderr.write(
        f"Wrote {len(written)} report files for {len(result.files)} inputs to {out}"
        f" (open {out / 'index.html'})\n"
        if "html" in chosen
        else f"Wrote {len(written)} report files for {len(result.files)} inputs to {out}\n"
    )


@app.command()
def rules(
    rule_id: Annotated[str | None, typer.Argument(help="A rule code or name.")] = None,
) -> None:
    """List the rules, or print one rule's documentation."""
    from seedcheck.checks.registry import RULES, lookup

    if rule_id is None:
        for rule in RULES:
            typer.echo(
                f"{rule.code}  {rule.name:<28} {rule.family.value:<12} "
                f"{rule.severity.value:<8} {rule.summary()}"
            )
        return
    found = lookup(rule_id)
    if found is None:
        raise ConfigError(f"unknown rule: {rule_id} (see `seedcheck rules`)")
    typer.echo(f"# {found.code} {found.name}")
    typer.echo(
        f"family: {found.family.value}  default severity: {found.severity.value}  "
        f"scope: {found.kind()}"
    )
    if found.options:
        opts = ", ".join(f"{k} = {v!r}" for k, v in found.options.items())
        typer.echo(f"options: {opts}")
    typer.echo("")
    typer.echo(found.docs())


def _colour(stream: object) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _emit(rendered: Iterable[str], output: Path | None) -> None:
    if output is None:
        sys.stdout.writelines(rendered)
        sys.stdout.flush()
        return
    from seedcheck.atomic import write_atomic

    write_atomic(output, (piece.encode("utf-8") for piece in rendered))


def main(argv: list[str] | None = None) -> int:
    """Entry point: returns the exit code instead of raising SystemExit."""
    quiet_pandas_on_spark()
    try:
        code = app(args=argv, prog_name="seedcheck", standalone_mode=False)
    except ConfigError as error:
        _fail(str(error))
        return 2
    except (MissingPathError, EngineUnavailable) as error:
        _fail(str(error))
        return 2
    except typer.Abort:
        _fail("aborted")
        return 2
    except BrokenPipeError:
        return 0
    except Exception as error:
        if _is_usage_error(error):
            error.show()  # type: ignore[attr-defined]
            return 2
        if os.environ.get("SEEDCHECK_DEBUG"):
            raise
        # An internal error must still be one clear line, not a traceback.
        _fail(internal_error(error))
        return 2
    return code if isinstance(code, int) else 0


def internal_error(error: Exception) -> str:
    """The message of an unexpected error, with a hint where the cause is a known setup one."""
    message = f"internal error: {error.__class__.__name__}: {error}"
    if "No module named 'seedcheck'" in str(error):  # from Spark's Python workers
        message += (
            "; Spark's Python workers cannot import seedcheck: set PYSPARK_PYTHON to a Python"
            " that has it (same version), in the driver's environment, or for Spark Connect in"
            " the server's (docs/spark.md, 'A cluster run needs')"
        )
    return f"{message} (SEEDCHECK_DEBUG=1 for more)"


def _is_usage_error(error: Exception) -> bool:
    """Click's usage errors (vendored by recent typer versions, imported by older ones)."""
    return hasattr(error, "show") and hasattr(error, "exit_code")


def _fail(message: str) -> None:
    sys.stderr.write(f"seedcheck: error: {message}\n")


def run_main() -> None:
    exit_now(main())


def exit_now(code: int) -> NoReturn:
    """End the console command without the interpreter's teardown, which frees every module
    and object one by one: about 0.15 s after a corpus run, for nothing, since the process
    is ending. As a normal exit does, the atexit handlers run (the schema helper is
    stopped) and standard output and error are flushed first; with another thread still
    running, the normal exit, which waits for it, is taken instead."""
    import atexit
    import threading

    if threading.active_count() > 1:
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        # A reader gone (`| head`) or a stream closed: nothing more can be written anyway.
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


# Registers `gate` and `baseline write` on `app` (a plain import: safe in either import order).
import seedcheck.cli_gate  # noqa: E402, F401
