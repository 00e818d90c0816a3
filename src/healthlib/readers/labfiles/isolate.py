"""Read an untrusted file in a child process with a time and memory limit.

PDF and image parsers are large C and Python libraries; a booby-trapped file (a decompression
bomb, a loop of objects, a damaged stream) can make them hang, eat memory or crash. Reading in a
child process that is killed at the time limit, with its address space capped, turns each of
those into one clear `UnreadableReport` instead of a hung server or a dead worker. The file's
bytes go to the child through a pipe (its stdin) and the lines come back on its stdout: nothing
is written to disk.

The child is a fresh interpreter (`python -m healthlib.readers.labfiles.isolate KIND`), so it shares
no threads or locks with the server that started it.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys

from healthlib.model.errors import HealthlibError, UnreadableReport

MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space for one reading child
KINDS = {
    "pdf": ("healthlib.readers.labfiles.pdf", "extract_lines"),
    "image": ("healthlib.readers.labfiles.image", "image_lines"),
}


def run_isolated(kind: str, data: bytes, *, timeout: float, name: str) -> object:
    """`KINDS[kind](data)` in a child process: its JSON result, or an UnreadableReport naming the file."""
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TESSDATA_PREFIX",
                                                        "PYTHONPATH", "OMP_THREAD_LIMIT")}
    proc = subprocess.Popen([sys.executable, "-m", "healthlib.readers.labfiles.isolate", kind],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            env=env, start_new_session=True)
    try:
        out, _ = proc.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise UnreadableReport(f"took longer than {timeout:g} s to read; it may be damaged or "
                               "booby-trapped", file=name) from None
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the child and any tesseract it started
            proc.wait()
    try:
        status, payload = json.loads(out)
    except ValueError:
        raise UnreadableReport("made the reader fail; it may be damaged or booby-trapped",
                               file=name) from None
    if status != "ok":
        raise UnreadableReport(payload, file=name)
    return payload


def _child(kind: str) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    data = sys.stdin.buffer.read()
    try:
        import importlib

        module, function = KINDS[kind]
        result = ("ok", getattr(importlib.import_module(module), function)(data))
    except HealthlibError as exc:
        result = ("error", exc.message)
    except MemoryError:
        result = ("error", "needs too much memory to read; it may be damaged or booby-trapped")
    except Exception:  # noqa: BLE001 - anything a parser throws means the file is damaged
        result = ("error", "is damaged or not in a form this reader understands")
    sys.stdout.write(json.dumps(result))


if __name__ == "__main__":
    _child(sys.argv[1])
