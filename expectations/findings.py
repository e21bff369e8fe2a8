"""Findings of the dataset contract, built from table places (no Document needed)."""

from __future__ import annotations

from seedcheck.config import Config
from seedcheck.expectations.tables import Place
from seedcheck.model import Family, Finding, Related, Severity


def make_finding(
    code: str,
    name: str,
    severity: Severity,
    message: str,
    place: Place | None,
    config: Config,
    related: tuple[Related, ...] = (),
) -> Finding:
    """A `schema` finding at `place` (None: about the whole file); the config's severity
    overrides (by code or name) win, as for every rule."""
    chosen = config.severity.get(code) or config.severity.get(name) or severity
    return Finding(
        rule=code,
        name=name,
        family=Family.SCHEMA,
        severity=chosen,
        message=message,
        line=place.line if place else None,
        column=place.column if place else None,
        end_line=place.end_line if place else None,
        end_column=place.end_column if place else None,
        evidence=place.evidence if place else None,
        related=tuple(sorted(related, key=lambda r: (r.path, r.line or 0))),
    )
