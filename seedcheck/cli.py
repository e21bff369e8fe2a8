"""The `seedcheck` command line (typer). Exit codes: 0 clean, 1 findings at or above
`--fail-on`, 2 usage or internal error (bad input *files* are findings, not exit 2)."""

from __future__ import annotations

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from seedcheck import __version__
from seedcheck.config import Config, ConfigError, load_config, parse_severity
from seedcheck.discovery import MissingPathError

app = typer.Typer(
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


def _split(values: list[str] | None) -> tuple[str, ...] | None:
    if not values:
        return None
    return tuple(token.strip() for value in values for token in value.split(",") if token.strip())


def build_config(
    config_path: Path | None,
    select: list[str] | None,
    ignore: list[str] | None,
    fail_on: str | None,
) -> Config:
    config = load_config(config_path, search_from=Path.cwd())
    extra_ignore = _split(ignore)
    return config.with_overrides(
        select=_split(select),
        ignore=(config.ignore + extra_ignore) if extra_ignore else None,
        fail_on=parse_severity(fail_on, "--fail-on") if fail_on else None,
    )


@app.command()
def check(
    paths: Annotated[list[str], typer.Argument(help="Seed files or folders to check.")],
    output_format: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.text,
    fail_on: Annotated[
        str | None,
        typer.Option(
            help="Exit 1 on findings at or above: error, warning or info [default: error]."
        ),
    ] = None,
    select: Annotated[
        list[str] | None, typer.Option(help="Only these rules (codes, prefixes, names, families).")
    ] = None,
    ignore: Annotated[list[str] | None, typer.Option(help="Skip these rules.")] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="seedcheck.toml or pyproject.toml to use.")
    ] = None,
    corpus: Annotated[
        list[str] | None,
        typer.Option(help="Reference corpus for cross-file rules (not itself reported)."),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", help="Worker processes; 0 means one per core.", min=0)
    ] = 0,
) -> None:
    """Check seed files and print findings."""
    from seedcheck.runner import default_jobs, run

    cfg = build_config(config, select, ignore, fail_on)
    result = run(paths, cfg, corpus=corpus or (), jobs=jobs or default_jobs(), keep_documents=False)
    if output_format is OutputFormat.json:
        from seedcheck.reports.json_output import render_json

        rendered = render_json(result)
    else:
        from seedcheck.reports.text import render_text

        rendered = render_text(result, colour=output is None and _colour(sys.stdout))
    _emit(rendered, output)
    raise typer.Exit(1 if result.failed(cfg.fail_on) else 0)


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


def _emit(rendered: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(rendered)
        sys.stdout.flush()
        return
    from seedcheck.atomic import write_atomic

    write_atomic(output, rendered.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    """Entry point: returns the exit code instead of raising SystemExit."""
    try:
        code = app(args=argv, prog_name="seedcheck", standalone_mode=False)
    except ConfigError as error:
        _fail(str(error))
        return 2
    except MissingPathError as error:
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
        _fail(f"internal error: {error.__class__.__name__}: {error} (SEEDCHECK_DEBUG=1 for more)")
        return 2
    return code if isinstance(code, int) else 0


def _is_usage_error(error: Exception) -> bool:
    """Click's usage errors (vendored by recent typer versions, imported by older ones)."""
    return hasattr(error, "show") and hasattr(error, "exit_code")


def _fail(message: str) -> None:
    sys.stderr.write(f"seedcheck: error: {message}\n")


def run_main() -> None:
    sys.exit(main())
