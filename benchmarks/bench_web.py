"""Web benchmark: requests/s and p50/p99 latency at 32 connections, with nginx as the ceiling.

What it does, all on loopback and bounded in time (about 90 s):
1. builds a library from the built-in monographs in a temporary folder and exports it as
   static HTML;
2. starts `healthlib serve --db LIB` exactly as a user would (`make run`: one worker process),
   and a second server with `--workers 2` (one process per core, each with its own library
   connection and page cache) for one extra guide-page row;
3. starts nginx (Debian package) with a temporary config, serving the exported static site;
4. runs `wrk -t2 -c32 -d10s --latency` against a guide page, a search results page and the API
   guide fetch, then against nginx serving the same guide's static HTML;
5. prints a markdown table and returns 1 if a target is missed.

Targets (issue 3): guide page >= 1,500 req/s, search >= 800 req/s, p99 <= 50 ms.
The server caches each rendered page per library version, so repeated requests for one address
are served from memory. The row "search, a new query every request" shows the uncached cost.

With wrk on the same two cores, one worker gives the steadier p99 and two workers the higher
throughput; the targets are checked on the one-worker default.

Environment: HEALTHLIB_BENCH_WORKERS (default 1), HEALTHLIB_BENCH_SECONDS (default 10).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

CONNECTIONS = 32
THREADS = 2
SECONDS = int(os.environ.get("HEALTHLIB_BENCH_SECONDS", "10"))
WORKERS = int(os.environ.get("HEALTHLIB_BENCH_WORKERS", "1"))
GUIDE = "/drugs/baclofen"
SEARCH = "/search?q=muscle+spasms"  # a results page (a clear name would redirect to its guide)
API_GUIDE = "/api/v1/guides/baclofen"

# every request a different query, so the response cache never helps
UNCACHED_LUA = """
counter = 0
words = {"spasm", "sleep", "pain", "blood", "liver", "kidney", "alcohol", "dizzy", "tablet", "dose"}
request = function()
  counter = counter + 1
  local q = words[(counter % #words) + 1] .. "+" .. counter
  return wrk.format("GET", "/search?q=" .. q)
end
"""


@dataclass
class Result:
    name: str
    url: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    target_rps: float | None = None

    @property
    def ok(self) -> bool:
        if self.target_rps is None:
            return True
        return self.rps >= self.target_rps and self.p99_ms <= 50 and self.errors == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{proc.args[0]} exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} not ready after {timeout} s")


def _ms(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def run_wrk(url: str, seconds: int = SECONDS, script: Path | None = None) -> tuple[float, float, float, int]:
    cmd = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if script:
        cmd += ["-s", str(script)]
    out = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=seconds + 30, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(x) for x in m.groups())
    return rps, p50, p99, errors


NGINX_CONF = """
worker_processes 2;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log;
daemon off;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {tmp}/nginx-body;
    proxy_temp_path {tmp}/nginx-proxy;
    fastcgi_temp_path {tmp}/nginx-fastcgi;
    uwsgi_temp_path {tmp}/nginx-uwsgi;
    scgi_temp_path {tmp}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {site};
        location / {{ try_files $uri $uri/index.html =404; }}
    }}
}}
"""


def start_nginx(tmp: Path, site: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, site=site, port=port))
    # nginx workers may run as an unprivileged user: the export must be readable by anyone
    for path in [tmp, *site.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    proc = subprocess.Popen(["nginx", "-e", str(tmp / "nginx-startup.log"), "-p", str(tmp), "-c", str(conf)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_ready(base + GUIDE, proc, timeout=20)
    return proc, base


def start_server(db: Path, workers: int, started: list[subprocess.Popen]) -> str:
    """`healthlib serve`, as a user runs it, on a free loopback port."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "healthlib.surfaces.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
         "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    started.append(proc)
    base = f"http://127.0.0.1:{port}"
    wait_ready(base + "/healthz", proc)
    return base


def stop(proc: subprocess.Popen | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def table(results: list[Result], workers: int) -> str:
    lines = [f"| what ({CONNECTIONS} connections, {SECONDS} s) | requests/s | p50 | p99 | target |",
             "| --- | ---: | ---: | ---: | --- |"]
    for r in results:
        target = f"≥ {r.target_rps:,.0f} req/s, p99 ≤ 50 ms" if r.target_rps else "—"
        verdict = "" if r.target_rps is None else (" ✓" if r.ok else " ✗ missed")
        errors = f" ({r.errors} errors)" if r.errors else ""
        lines.append(f"| {r.name} `{r.url}` | {r.rps:,.0f}{errors} | {r.p50_ms:.1f} ms | {r.p99_ms:.1f} ms "
                     f"| {target}{verdict} |")
    lines.append("")
    lines.append(f"healthlib: `healthlib serve` with {workers} worker(s) unless noted (uvicorn, uvloop, httptools); "
                 f"nginx {nginx_version()} with 2 workers serving `healthlib export static`; "
                 f"wrk -t{THREADS} on the same {os.cpu_count()}-core machine.")
    return "\n".join(lines)


def nginx_version() -> str:
    out = subprocess.run(["nginx", "-v"], capture_output=True, text=True).stderr
    m = re.search(r"nginx/(\S+)", out)
    return m.group(1) if m else "?"


def main() -> int:
    missing = [tool for tool in ("wrk", "nginx") if shutil.which(tool) is None]
    if missing:
        print(f"bench_web: {', '.join(missing)} not installed (run `make bench-deps`)", file=sys.stderr)
        return 1
    from healthlib.library.build import build_builtin
    from healthlib.library.query import Library
    from healthlib.surfaces.web.export import export_static

    with tempfile.TemporaryDirectory(prefix="healthlib-bench-") as tmp_name:
        tmp = Path(tmp_name)
        db = tmp / "library.db"
        report = build_builtin(db)
        site = tmp / "site"
        export_static(Library(db), site)
        servers: list[subprocess.Popen] = []
        nginx = None
        try:
            base = start_server(db, WORKERS, servers)
            base2 = start_server(db, 2, servers) if WORKERS != 2 else None
            nginx, static_base = start_nginx(tmp, site)
            lua = tmp / "uncached.lua"
            lua.write_text(UNCACHED_LUA)

            plan = [("guide page", base, GUIDE, 1500.0, None),
                    ("search results page", base, SEARCH, 800.0, None),
                    ("API guide fetch", base, API_GUIDE, None, None),
                    ("search, a new query every request", base, "/search?q=…", None, lua)]
            if base2:
                plan.append(("guide page, `--workers 2`", base2, GUIDE, None, None))
            plan.append(("nginx: same guide, static HTML (ceiling)", static_base, GUIDE, None, None))
            results = []
            for name, host, path, target, script in plan:
                url = host + (path if script is None else "/")
                run_wrk(url, seconds=2, script=script)  # warm the page caches and the OS
                rps, p50, p99, errors = run_wrk(url, script=script)
                results.append(Result(name, path, rps, p50, p99, errors, target))
        finally:
            for proc in servers:
                stop(proc)
            stop(nginx)
    print(f"{report.guides} guides in the library.\n")
    print(table(results, WORKERS))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
