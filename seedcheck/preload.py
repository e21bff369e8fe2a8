"""The schema stage's imports, started in a forked helper process as the command starts.

A commit hook checks one seed or a few: parsing and the per-document rules take about
0.1 s, the command line's own imports 0.2 s, and the pandas and pandera imports that the
schema stage (SC7xx) needs about 0.7 s, most of a one-file run. Forked first thing, a
helper imports them on another core while this process imports the command line and
checks the files, then validates the tables it is sent and sends back the findings.

Only the console entry point starts a helper (`seedcheck.entry`), and only for `check`
and `gate` with the local engine, on a machine with more than one core; `runner.run`
called as a library never forks. `SEEDCHECK_NO_PRELOAD=1` turns it off. Whatever goes
wrong with the helper (killed, out of memory), the caller validates in-process instead:
same findings, only slower.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import pickle
import select
import signal
import struct
import threading
from collections.abc import Sequence
from typing import Any

_COMMANDS = frozenset({"check", "gate"})
_HEADER = struct.Struct("!Q")  # each message: its length, then the pickle
_ORPHAN_POLL_SECONDS = 1.0

# A run builds millions of small objects that live until it ends (documents received from
# the workers, the quote index; in the helper, pandas and the tables). With the default
# threshold of 700 allocations, Python's collector scans them over and over: about 0.5 s of
# the driver's CPU on BBC. Collecting the youngest generation every 50,000 allocations
# instead still frees cyclic garbage early. Here, not in the runner, because the helper
# must not import the runner.
YOUNG_GENERATION_THRESHOLD = 50_000


class SchemaHelper:
    """A forked process that has imported the schema stage and runs it once, on request."""

    def __init__(self, pid: int, to_helper: int, from_helper: int) -> None:
        self.pid = pid
        self._to_helper = to_helper
        self._from_helper = from_helper
        self._submitted = False
        self._sender: threading.Thread | None = None
        self._send_failed = False

    def submit(self, args: tuple[Any, ...]) -> bool:
        """Send the arguments of `run_schema` (rows, rules, contexts, config); False when
        the helper cannot take them (it is gone)."""
        if self._submitted or self.pid == 0:
            return False
        try:
            message = _message(args)
        except Exception:  # unpicklable arguments
            self.stop()
            return False
        # Written from a thread: a helper still importing (beside the workers of a parallel
        # run) reads nothing yet, and the caller has the cross-file stage to do meanwhile.
        self._sender = threading.Thread(target=self._write, args=(message,), daemon=True)
        self._sender.start()
        self._submitted = True
        return True

    def _write(self, message: bytes) -> None:
        try:
            _write_all(self._to_helper, message)
        except OSError:  # gone (a broken pipe): `result` sees no reply
            self._send_failed = True

    def result(self) -> Any:
        """The submitted stage's findings; None when the helper failed, in which case the
        caller runs the stage itself (and sees its error, if the error is in the stage)."""
        if not self._submitted:
            return None
        if self._sender is not None:
            self._sender.join()
        if self._send_failed:
            self.stop()
            return None
        try:
            return _receive(self._from_helper)
        except Exception:  # gone without a reply (EOFError), or a reply cut short
            return None
        finally:
            self.stop()

    def stop(self) -> None:
        """End the helper (idempotent): it may still be importing, or waiting for work."""
        if self.pid == 0:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        if self._sender is not None:
            # With the reader gone its write fails at once. Joined before the descriptors
            # close, so it can never write to another file given the same number.
            self._sender.join()
        for fd in (self._to_helper, self._from_helper):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.pid = 0


_helper: SchemaHelper | None = None


def start(argv: Sequence[str]) -> None:
    """Fork the helper when the command line (`argv`, without the program name) is one
    whose run validates tables on this machine."""
    global _helper
    from seedcheck.config import default_jobs

    if _helper is None and wanted(argv, os.environ, default_jobs()):
        _helper = fork_helper()


def wanted(argv: Sequence[str], environ: Any, cores: int) -> bool:
    if not argv or argv[0] not in _COMMANDS or cores < 2 or not hasattr(os, "fork"):
        return False
    if environ.get("SEEDCHECK_NO_PRELOAD") or "--help" in argv:
        return False
    # A Spark run validates its tables elsewhere (docs/spark.md).
    if "spark" in _values(argv, "--engine"):
        return False
    return schema_rules_selected(argv)


def schema_rules_selected(argv: Sequence[str]) -> bool:
    """Whether the configuration and the command line's --config, --select and --ignore
    keep a schema rule, read before the command line is parsed (that is what the helper
    gets ahead of). A wrong answer costs time, never a finding: the run decides, and
    validates in-process without a helper. A bad configuration: no helper, and the run
    reports it."""
    from pathlib import Path

    from seedcheck.config import command_line_config
    from seedcheck.expectations.schema_rules import SCHEMA_RULES

    configs = _values(argv, "--config")
    try:
        config = command_line_config(
            Path(configs[-1]) if configs else None,
            _values(argv, "--select"),
            _values(argv, "--ignore"),
        )
    except Exception:
        return False
    return any(config.selects(rule) for rule in SCHEMA_RULES)


def _values(argv: Sequence[str], option: str) -> list[str]:
    """The values given to `option` (`--option VALUE` or `--option=VALUE`), in order."""
    values = []
    for arg, following in itertools.pairwise([*argv, ""]):
        if arg == option:
            values.append(following)
        elif arg.startswith(f"{option}="):
            values.append(arg.split("=", 1)[1])
    return values


def take() -> SchemaHelper | None:
    """The started helper, handed over once: to the run that uses it (or stops it)."""
    global _helper
    helper, _helper = _helper, None
    return helper


def discard() -> None:
    """Stop the helper when the run will not validate tables (no schema rule selected)."""
    helper = take()
    if helper is not None:
        helper.stop()


def fork_helper() -> SchemaHelper | None:
    import atexit

    to_helper_r, to_helper_w = os.pipe()
    from_helper_r, from_helper_w = os.pipe()
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        for fd in (to_helper_r, to_helper_w, from_helper_r, from_helper_w):
            os.close(fd)
        return None
    if pid == 0:  # the helper: never returns
        os.close(to_helper_w)
        os.close(from_helper_r)
        _serve(to_helper_r, from_helper_w, parent)
    os.close(to_helper_r)
    os.close(from_helper_w)
    helper = SchemaHelper(pid, to_helper_w, from_helper_r)
    atexit.register(helper.stop)
    return helper


def _serve(requests: int, replies: int, parent: int) -> None:
    code = 1
    try:
        # Ctrl-C reaches the whole process group: the parent handles it and stops this one.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        # Speculative work: with a core free (the case it is for) this costs nothing; beside
        # the workers of a large run, which stops it once it knows, it yields to them.
        os.nice(10)
        _collect_rarely()
        from seedcheck.engines import quiet_pandas_on_spark

        quiet_pandas_on_spark()
        from seedcheck.expectations.schema import run_schema  # the imports to get ahead of

        # The modules stay to the end: no collection need scan them again (while the
        # tables are unpickled, the scans of these objects were most of the time).
        gc.freeze()
        if _wait_for(requests, parent):
            _send(replies, run_schema(*_receive(requests)))
            code = 0
    except BaseException:  # the parent sees no reply and runs the stage itself
        pass
    finally:
        os._exit(code)  # no atexit handlers, and the parent's unflushed output stays its own


def _collect_rarely() -> None:
    """The run's setting, which the helper, forked before the run starts, does not inherit:
    its imports and the tables it is sent are hundreds of thousands of objects that live
    until it exits."""
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, *gc.get_threshold()[1:])


def _wait_for(requests: int, parent: int) -> bool:
    """Whether a request arrives before the parent is gone (killed without stopping us)."""
    while True:
        ready, _, _ = select.select([requests], [], [], _ORPHAN_POLL_SECONDS)
        if ready:
            return True
        if os.getppid() != parent:
            return False


def _send(fd: int, value: Any) -> None:
    _write_all(fd, _message(value))


def _message(value: Any) -> bytes:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def _write_all(fd: int, message: bytes) -> None:
    view = memoryview(message)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> Any:
    (size,) = _HEADER.unpack(_read_exactly(fd, _HEADER.size))
    return pickle.loads(_read_exactly(fd, size))


def _read_exactly(fd: int, size: int) -> bytes:
    chunks = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            raise EOFError("the other process closed the pipe")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
