"""A content-addressed cache of findings, so re-runs on an unchanged corpus are cheap.

An entry's key hashes everything its findings depend on: the file's bytes and display path,
the selected rules with their resolved options and severities, the languages, the size limit,
"today", the seedcheck version and a fingerprint of seedcheck's own code (so an edited rule
or parser never serves stale results during development). Per-document findings are cached
per file; corpus-rule findings are cached under the hash of every input of the run.

Entries are JSON (never pickle: a cache folder may come from an untrusted checkout), written
atomically (temp file + rename), and any entry that cannot be read back exactly is a miss.
The cache never changes results; tests compare cached and uncached output byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from seedcheck import __version__
from seedcheck.model import Family, Finding, Fix, Related, Severity

DEFAULT_DIR = ".seedcheck_cache"
ENTRY_VERSION = 1


def default_cache_dir() -> Path:
    return Path(os.environ.get("SEEDCHECK_CACHE_DIR") or DEFAULT_DIR)


class FindingCache:
    def __init__(self, root: Path, fingerprint: str = "") -> None:
        self.root = root
        self.fingerprint = fingerprint  # set by the runner from the run's settings
        self.hits = 0
        self.misses = 0
        self._ready = False

    def document_key(self, display: str, digest: str) -> str:
        return _hash(self.fingerprint, "doc", display, digest)

    def corpus_key(self, inputs: Iterable[tuple[str, str, bool]]) -> str:
        """inputs: (display path, content digest, is target) for every document of the run."""
        return _hash(self.fingerprint, "corpus", *(f"{p}\0{d}\0{int(t)}" for p, d, t in inputs))

    def get(self, key: str) -> dict[str, list[Finding]] | None:
        """The findings stored under `key` by path, or None (absent, unreadable, corrupt)."""
        try:
            data = json.loads(self._path(key).read_bytes())
            if data.get("v") != ENTRY_VERSION or data.get("key") != key:
                raise ValueError("stale or foreign entry")
            found = {
                str(path): [finding_from_dict(f) for f in findings]
                for path, findings in data["files"].items()
            }
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            self.misses += 1
            return None
        self.hits += 1
        return found

    def put(self, key: str, files: Mapping[str, Sequence[Finding]]) -> None:
        data = {
            "v": ENTRY_VERSION,
            "key": key,
            "files": {p: [f.to_dict() for f in fs] for p, fs in sorted(files.items())},
        }
        try:
            self._prepare()
            target = self._path(key)
            target.parent.mkdir(exist_ok=True)
            # No fsync: a cache entry lost in a crash is just a miss; rename keeps it whole.
            handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
            with os.fdopen(handle, "wb") as stream:
                stream.write(json.dumps(data, ensure_ascii=False).encode("utf-8"))
            os.replace(temp, target)
        except OSError:
            pass  # a read-only or full disk makes the run slower, never wrong

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key[2:]}.json"

    def _prepare(self) -> None:
        if self._ready:
            return
        self.root.mkdir(parents=True, exist_ok=True)
        # Keep the folder out of git and out of backups, as pytest and ruff do.
        ignore = self.root / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# Created by seedcheck.\n*\n", encoding="utf-8")
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(
                "Signature: 8a477f597d28d172789f06886806bc55\n# seedcheck cache\n",
                encoding="utf-8",
            )
        self._ready = True


def content_digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def file_digest(path: Path, max_bytes: int) -> str | None:
    """The content hash of a file, or None when it is not cached (unreadable, too large)."""
    try:
        if not path.is_file() or path.stat().st_size > max_bytes:
            return None
        return content_digest(path.read_bytes())
    except OSError:
        return None


def settings_fingerprint(rules: Sequence[Any], contexts: Mapping[str, Any], config: Any) -> str:
    """The run's settings that findings depend on: rules, their options and severities,
    languages, the size limit and "today" (date rules depend on it)."""
    today = next(iter(contexts.values())).today if contexts else None
    settings = {
        "rules": [
            [
                rule.code,
                rule.name,
                rule.family.value,
                rule.severity.value,
                f"{rule.__module__}.{rule.__qualname__}",
                dict(contexts[rule.code].options),
            ]
            for rule in rules
        ],
        "severity": sorted((k, v.value) for k, v in config.severity.items()),
        "languages": list(config.languages),
        "max_file_size": config.max_file_size,
        "today": str(today),
    }
    return run_fingerprint(settings)


def run_fingerprint(settings: Mapping[str, Any]) -> str:
    """Everything outside the file that a finding depends on."""
    payload = {"version": __version__, "code": code_fingerprint(), "settings": settings}
    return _hash(json.dumps(payload, sort_keys=True, default=repr))


@cache
def code_fingerprint() -> str:
    """A hash of seedcheck's own source: the package with its parser, rules and stages."""
    import seedcheck

    digest = hashlib.sha256()
    for folder in sorted(seedcheck.__path__):
        base = Path(folder)
        # followlinks: checks/, expectations/ and reports/ may be symlinked into the package.
        for parent, dirs, files in os.walk(base, followlinks=True):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(".py"):
                    file = Path(parent) / name
                    digest.update(file.relative_to(base).as_posix().encode())
                    digest.update(b"\0")
                    digest.update(file.read_bytes())
    return digest.hexdigest()


def finding_from_dict(data: Mapping[str, Any]) -> Finding:
    """The inverse of Finding.to_dict (raises on anything malformed)."""
    fix = data["fix"]
    finding = Finding(
        rule=_str(data["rule"]),
        name=_str(data["name"]),
        family=Family(data["family"]),
        severity=Severity(data["severity"]),
        message=_str(data["message"]),
        line=_opt_int(data["line"]),
        column=_opt_int(data["column"]),
        end_line=_opt_int(data["end_line"]),
        end_column=_opt_int(data["end_column"]),
        evidence=None if data["evidence"] is None else _str(data["evidence"]),
        related=tuple(
            Related(_str(r["path"]), _opt_int(r["line"]), r.get("message")) for r in data["related"]
        ),
        fix=None if fix is None else Fix(_str(fix["message"]), fix["replacement"]),
    )
    if finding.to_dict() != dict(data):
        raise ValueError("entry does not round-trip")
    return finding


def _hash(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
    return digest.hexdigest()


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("expected a string")
    return value


def _opt_int(value: Any) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("expected an integer")
    return value
