"""At scale: the full openFDA label set imported, and a library of 10,000+ guides served.

    python benchmarks/bench_scale.py [--labels 150000] [--medicines 10500] [--seconds 10] [--rate 200]

1. generates (at bench time, into a temporary folder, never committed) an openFDA bulk file of
   `--labels` label records over `--medicines` distinct active ingredients, with full-length
   prescription sections (bench_import's generator, `long=True`: about 16 kB a record);
2. builds the built-in library and imports the whole file into it in a fresh process
   (`run_import`, as `healthlib import openfda` runs it): wall time, CPU time and the process's
   peak resident memory (os.wait4);
3. exports the resulting library as a static site in a fresh process: time and peak memory;
4. serves it with `healthlib serve` (one worker) and measures, with wrk at 32 connections,
   a different guide page each request (the first pass over 10,000 guides is uncached) and the
   API guide fetch likewise; checks that no A-Z page lists more than 500 guides and what
   /sitemap.xml is;
5. searches: distinct queries (so the response cache never answers), first one at a time
   ("alone"), then at a fixed rate of `--rate` searches/s for 20 s with an open-loop client
   (`fixed_rate` below: requests are sent on a fixed schedule whatever the answers do, and
   latency is counted from the scheduled send time, so a slow server cannot hide its queue:
   no coordinated omission). Debian has no wrk2 or vegeta; this client is ~60 lines of asyncio.

Targets (issue 11): import peak memory <= 1 GB; guide page and API p99 <= 50 ms at 32
connections; a search alone <= 20 ms; p99 <= 100 ms at 200 searches/s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_import  # noqa: E402  (benchmarks/ is not a package)
import bench_web  # noqa: E402

MEMORY_LIMIT_MB = 1024.0
P99_PAGE_MS = 50.0
SEARCH_ALONE_MS = 20.0
SEARCH_RATE_P99_MS = 100.0
AZ_PAGE_LIMIT = 500
HOT_GUIDES = 1_000  # popular guides: a working set the server's page cache (64 MB) holds

ROTATE_LUA = """
paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


# --- jobs run in their own process (peak memory is theirs alone) ------------------------------


def job_export(db: str, out: str) -> dict:
    from healthlib.library.query import Library
    from healthlib.surfaces.web.export import export_static

    started = time.perf_counter()
    pages = export_static(Library(Path(db)), Path(out), base_url="https://library.example")
    return {"pages": pages, "seconds": time.perf_counter() - started}


JOBS = {"export": job_export}


# --- the fixed-rate client -----------------------------------------------------------------------


async def _fetch(pool: asyncio.Queue, host: str, port: int, path: str) -> int:
    """One GET on a kept-alive connection from the pool (a new one when none is free)."""
    try:
        reader, writer = pool.get_nowait()
    except asyncio.QueueEmpty:
        reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: gzip\r\n\r\n".encode())
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.lower() == "content-length":
            length = int(value)
    await reader.readexactly(length)
    pool.put_nowait((reader, writer))
    return status


async def _fixed_rate(host: str, port: int, paths: list[str], rate: float) -> tuple[list[float], int, float]:
    pool: asyncio.Queue = asyncio.Queue()
    loop = asyncio.get_running_loop()
    latencies: list[float] = []
    errors = 0

    async def one(path: str, scheduled: float) -> None:
        nonlocal errors
        try:
            status = await asyncio.wait_for(_fetch(pool, host, port, path), timeout=10)
            if status >= 400:
                errors += 1
        except (TimeoutError, OSError, ValueError, IndexError, asyncio.IncompleteReadError):
            errors += 1
        latencies.append((loop.time() - scheduled) * 1000)  # from the planned send time

    start = loop.time() + 0.2
    tasks = []
    for i, path in enumerate(paths):
        scheduled = start + i / rate
        if (delay := scheduled - loop.time()) > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(one(path, scheduled)))
    sent = loop.time() - start  # the schedule kept: how fast requests went out
    await asyncio.gather(*tasks)
    while not pool.empty():
        pool.get_nowait()[1].close()
    return latencies, errors, len(paths) / max(sent, 1e-9)


def fixed_rate(base: str, paths: list[str], rate: float) -> dict:
    host, port = base.removeprefix("http://").split(":")
    latencies, errors, achieved = asyncio.run(_fixed_rate(host, int(port), paths, rate))
    return {"requests": len(paths), "errors": errors, "achieved": achieved, **_percentiles(latencies)}


def _percentiles(values: list[float]) -> dict:
    ordered = sorted(values)

    def at(q: float) -> float:
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]
    return {"p50": at(0.50), "p99": at(0.99), "max": ordered[-1]}


def one_at_a_time(base: str, paths: list[str]) -> dict:
    """Each request after the last one's answer: the latency of a search alone."""
    latencies = []
    for path in paths:
        started = time.perf_counter()
        try:
            with _OPENER.open(base + path, timeout=30) as r:
                r.read()
        except urllib.error.HTTPError as exc:  # a 303 to a guide is a fine answer; urllib follows it
            if exc.code >= 400:
                raise
        latencies.append((time.perf_counter() - started) * 1000)
    return _percentiles(latencies)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a search that names one guide answers 303
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


# --- queries ------------------------------------------------------------------------------------


def search_queries(db: Path, count: int, seed: int) -> list[str]:
    """Distinct searches as people type them: names with a typo, names, condition words."""
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    names = [r[0] for r in conn.execute("SELECT norm FROM names WHERE kind IN ('generic', 'brand')")]
    conditions = [r[0] for r in conn.execute("SELECT DISTINCT norm FROM names WHERE kind = 'condition' "
                                             "AND length(norm) < 30")]
    conn.close()
    rng = random.Random(seed)
    extra = ["side effects", "dose", "tablets", "and alcohol", "in pregnancy", "for pain", "dizzy", "sleep"]
    found: set[str] = set()
    while len(found) < count:
        kind = rng.random()
        if kind < 0.4:
            name = rng.choice(names)
            i = rng.randrange(len(name))
            q = name[:i] + name[i + 1:]  # one letter missed
        elif kind < 0.7:
            q = f"{rng.choice(names)} {rng.choice(extra)}"
        else:
            q = f"{rng.choice(conditions)} {rng.choice(extra)}"
        found.add(q.strip())
    return [f"/search?q={quote(q)}" for q in sorted(found, key=lambda _: rng.random())]


# --- the run ------------------------------------------------------------------------------------


def az_pages(base: str) -> tuple[int, int]:
    """(number of A-Z pages, most guides on one) over every letter and page."""
    pages = most = 0
    for letter in [None, *"ABCDEFGHIJKLMNOPQRSTUVWXYZ"]:
        n = 1
        while True:
            query = "&".join([*([f"letter={letter}"] if letter else []), f"page={n}"])
            try:
                with urllib.request.urlopen(f"{base}/drugs?{query}", timeout=120) as r:
                    html = r.read().decode()
            except urllib.error.HTTPError as exc:
                if exc.code == 404:
                    break
                raise
            pages += 1
            most = max(most, html.count('class="card-title"'))
            n += 1
    return pages, most


def server_cpu(proc: subprocess.Popen) -> float:
    """CPU seconds the server has used: its process and its worker processes, if any."""
    pids = [proc.pid, *(int(p) for p in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                                                       text=True).stdout.split())]
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def wrk_rotating(base: str, paths: list[str], tmp: Path, name: str, seconds: int,
                 proc: subprocess.Popen) -> dict:
    """wrk at 32 connections, each request the next of `paths`; with the server's CPU per request."""
    listing = tmp / f"{name}.txt"
    listing.write_text("\n".join(paths) + "\n")
    lua = tmp / f"{name}.lua"
    lua.write_text(ROTATE_LUA % listing)
    cpu = server_cpu(proc)
    rps, p50, p99, errors = bench_web.run_wrk(base + "/", seconds=seconds, script=lua)
    used = server_cpu(proc) - cpu
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors, "cpu_ms": used / max(1, rps * seconds) * 1000}


def drain(base: str, timeout: float = 600) -> None:
    """Wait until the server has answered what the fixed-rate client gave up on (a request left
    waiting is still served): /healthz answering in under 50 ms twice in a row."""
    deadline, quick = time.monotonic() + timeout, 0
    while quick < 2 and time.monotonic() < deadline:
        started = time.perf_counter()
        with urllib.request.urlopen(base + "/healthz", timeout=timeout) as r:
            r.read()
        quick = quick + 1 if time.perf_counter() - started < 0.05 else 0
        time.sleep(0.2)


def warm(base: str, paths: list[str]) -> None:
    for path in paths:
        with _OPENER.open(base + path, timeout=60) as r:
            r.read()


def serve_and_measure(db: Path, tmp: Path, seconds: int, rate: float, workers: int = 1) -> dict:
    import sqlite3

    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    slugs = [r[0] for r in conn.execute("SELECT slug FROM articles")]
    conn.close()
    random.Random(1).shuffle(slugs)
    hot = min(HOT_GUIDES, len(slugs) // 3)
    popular, rest = slugs[:hot], slugs[hot:]
    alone_queries = search_queries(db, 200, seed=2)
    taken = set(alone_queries)
    rate_queries = [q for q in search_queries(db, int(rate * 20) + 400, seed=3) if q not in taken][:int(rate * 20)]
    servers: list[subprocess.Popen] = []
    out: dict = {"guides": len(slugs)}
    try:
        base = bench_web.start_server(db, workers, servers)
        server = servers[0]
        started = time.perf_counter()
        _OPENER.open(base + "/search?q=warm+up", timeout=120).read()
        out["first_search_s"] = time.perf_counter() - started  # builds the ask name index once
        # whole-library lists (classes, conditions) are read on the first page, once
        warm(base, ["/", "/drugs"])
        # popular guides: a working set the page cache holds, requested once before measuring
        warm(base, [f"/drugs/{s}" for s in popular] + [f"/api/v1/guides/{s}" for s in popular])
        out["guide_hot"] = wrk_rotating(base, [f"/drugs/{s}" for s in popular], tmp, "hot", seconds, server)
        out["api_hot"] = wrk_rotating(base, [f"/api/v1/guides/{s}" for s in popular], tmp, "apihot", seconds, server)
        # every request a guide never asked for before: rendered from the library each time
        half = len(rest) // 2
        out["guide_cold"] = wrk_rotating(base, [f"/drugs/{s}" for s in rest[:half]], tmp, "cold", seconds, server)
        out["api_cold"] = wrk_rotating(base, [f"/api/v1/guides/{s}" for s in rest[half:]], tmp, "apicold",
                                       seconds, server)
        cpu = server_cpu(server)
        out["search_alone"] = one_at_a_time(base, alone_queries)
        out["search_alone"]["cpu_ms"] = (server_cpu(server) - cpu) / len(alone_queries) * 1000
        cpu = server_cpu(server)
        out["search_rate"] = fixed_rate(base, rate_queries, rate)
        out["search_rate"]["cpu_ms"] = (server_cpu(server) - cpu) / len(rate_queries) * 1000
        drain(base)
        out["az_pages"], out["az_most"] = az_pages(base)
        with urllib.request.urlopen(base + "/sitemap.xml", timeout=60) as r:
            sitemap = r.read().decode()
        out["sitemap"] = "index" if "<sitemapindex" in sitemap else "urlset"
        out["sitemap_urls"] = sitemap.count("<url>") or sitemap.count("<sitemap>")
        with urllib.request.urlopen(base + "/api/v1/guides?limit=500&offset=500", timeout=60) as r:
            page = json.loads(r.read())
        out["api_page"] = (page["count"], page["total"], page["next"])
    finally:
        for proc in servers:
            bench_web.stop(proc)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=int, default=int(os.environ.get("HEALTHLIB_BENCH_SCALE_LABELS", 150_000)))
    parser.add_argument("--medicines", type=int, default=10_500)
    parser.add_argument("--workers", type=int, default=1, help="`healthlib serve --workers`")
    parser.add_argument("--library", type=Path, help="measure serving this library (skips import and export)")
    parser.add_argument("--seconds", type=int, default=10, help="wrk run length")
    parser.add_argument("--rate", type=float, default=200.0, help="searches per second, fixed")
    parser.add_argument("--job", nargs="+", help=argparse.SUPPRESS)
    if argv is None:  # run_all imports this module and calls main() with its own argv
        argv = sys.argv[1:] if __name__ == "__main__" else []
    args = parser.parse_args(argv)
    if args.job:
        print(json.dumps(JOBS[args.job[0]](*args.job[1:])))
        return 0
    missing = [tool for tool in ("wrk",) if shutil.which(tool) is None]
    if missing:
        print("bench_scale: wrk not installed (run `make bench-deps`)", file=sys.stderr)
        return 1
    from healthlib.library.build import build_builtin

    load_before = os.getloadavg()
    if args.library:
        with tempfile.TemporaryDirectory(prefix="healthlib-scale-") as name:
            web = serve_and_measure(args.library, Path(name), args.seconds, args.rate, args.workers)
        print(json.dumps(web, indent=1))
        return 0
    with tempfile.TemporaryDirectory(prefix="healthlib-scale-") as name:
        tmp = Path(name)
        started = time.perf_counter()
        corpus, size = bench_import.write_openfda(tmp, args.labels, args.medicines, long=True)
        made = time.perf_counter() - started
        print(f"Corpus generated in {made:.0f} s: {args.labels:,} openFDA records over {args.medicines:,} "
              f"active ingredients, {size / 1e6:,.0f} MB ({size / args.labels / 1e3:.1f} kB a record).",
              flush=True)
        db = tmp / "library.db"
        build_builtin(db)
        imported = bench_import.measure("import", "openfda", str(corpus), str(db))
        corpus.unlink()  # the disk space goes to the export
        print(f"Imported: {imported}", flush=True)
        exported = bench_import.measure("export", str(db), str(tmp / "site"), script=__file__)
        shutil.rmtree(tmp / "site")
        print(f"Exported: {exported}", flush=True)
        web = serve_and_measure(db, tmp, args.seconds, args.rate, args.workers)
        db_mb = db.stat().st_size / 1e6
    load_after = os.getloadavg()
    rate_labels = imported["labels"] / imported["seconds"]
    alone, fixed = web["search_alone"], web["search_rate"]

    def mark(ok: bool) -> str:
        return "✓" if ok else "✗ missed"

    def wrk_row(what: str, r: dict, target: bool) -> str:
        verdict = f"p99 ≤ 50 ms {mark(r['p99'] <= P99_PAGE_MS and not r['errors'])}" if target else "—"
        return (f"| {what} | {r['rps']:,.0f} req/s, p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, "
                f"{r['errors']} errors; server CPU {r['cpu_ms']:.1f} ms a request | {verdict} |")

    print(f"\n{web['guides']:,} guides in the library ({db_mb:,.0f} MB).\n")
    print("| measure | result | target |")
    print("| --- | --- | --- |")
    print(f"| import {imported['labels']:,} openFDA labels → {imported['guides']:,} guides (into the built-in "
          f"library) | {imported['seconds']:.0f} s wall, {imported['cpu']:.0f} s CPU, {rate_labels:,.0f} labels/s, "
          f"peak {imported['peak_mb']:,.0f} MB | ≤ {MEMORY_LIMIT_MB:,.0f} MB "
          f"{mark(imported['peak_mb'] <= MEMORY_LIMIT_MB)} |")
    print(f"| static export of the whole library | {exported['pages']:,} pages in {exported['seconds']:.0f} s, "
          f"peak {exported['peak_mb']:,.0f} MB | bounded memory |")
    hot = min(HOT_GUIDES, web["guides"] // 3)
    print(wrk_row(f"guide page, {hot:,} popular guides in turn (32 connections)", web["guide_hot"], True))
    print(wrk_row(f"API guide fetch, {hot:,} popular guides in turn (32 connections)", web["api_hot"], True))
    print(wrk_row("guide page, each request a guide not asked for before (uncached)", web["guide_cold"], False))
    print(wrk_row("API guide fetch, each request a guide not asked for before (uncached)", web["api_cold"], False))
    print(f"| search alone, 200 distinct queries one at a time | p50 {alone['p50']:.1f} ms, "
          f"p99 {alone['p99']:.1f} ms, max {alone['max']:.1f} ms; server CPU {alone['cpu_ms']:.1f} ms a search "
          f"| ≤ 20 ms (p50) {mark(alone['p50'] <= SEARCH_ALONE_MS)} |")
    print(f"| search at a fixed {args.rate:.0f}/s for 20 s, distinct queries (open loop) | "
          f"{fixed['achieved']:.0f}/s sent, p50 {fixed['p50']:.1f} ms, p99 {fixed['p99']:.1f} ms, "
          f"max {fixed['max']:.1f} ms, {fixed['errors']} errors; server CPU {fixed['cpu_ms']:.1f} ms a search "
          f"| p99 ≤ 100 ms "
          f"{mark(fixed['p99'] <= SEARCH_RATE_P99_MS and not fixed['errors'])} |")
    print(f"| A–Z pages (all guides and each letter) | {web['az_pages']} pages, at most {web['az_most']} "
          f"guides on one | ≤ 500 {mark(web['az_most'] <= AZ_PAGE_LIMIT)} |")
    count, total, nxt = web["api_page"]
    print(f"| `/api/v1/guides?limit=500&offset=500` | {count} of {total:,} guides, next `{nxt}` | paginated |")
    print(f"| `/sitemap.xml` | {web['sitemap']} of {web['sitemap_urls']:,} addresses | index over 50,000 |")
    print(f"\nFirst search after the server started: {web['first_search_s']:.1f} s (builds the question "
          "understanding's name index once per library version; not in the figures above).")
    print(f"Load average on this {os.cpu_count()}-core machine: {load_before[0]:.1f} before, "
          f"{load_after[0]:.1f} after (other work shares the cores; server, wrk and the search client "
          "run on the same cores).")
    hot = [web["guide_hot"], web["api_hot"]]
    ok = (imported["peak_mb"] <= MEMORY_LIMIT_MB and all(r["p99"] <= P99_PAGE_MS and not r["errors"] for r in hot)
          and alone["p50"] <= SEARCH_ALONE_MS and fixed["p99"] <= SEARCH_RATE_P99_MS and not fixed["errors"]
          and web["az_most"] <= AZ_PAGE_LIMIT)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
