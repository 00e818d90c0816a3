"""The `healthlib` command. A user's mistake prints one line and exits 2, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from healthlib.library.build import build_builtin, default_db_path, ensure_library
from healthlib.library.query import Library
from healthlib.model.errors import HealthlibError, UnknownMedicine

EXIT_USER_ERROR = 2


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except UnknownMedicine as exc:
        print(f"healthlib: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except HealthlibError as exc:
        print(f"healthlib: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("healthlib: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="healthlib", description="Sourced, plain-language medicine guides.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run, help_text: str) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=help_text, description=help_text)
        c.set_defaults(run=run)
        return c

    def with_db(c: argparse.ArgumentParser) -> argparse.ArgumentParser:
        c.add_argument("--db", type=Path, default=None,
                       help=f"library file (default: $HEALTHLIB_DB or {default_db_path()})")
        return c

    c = with_db(command("serve", _serve, "Serve the web library and JSON API."))
    c.add_argument("--host", default="127.0.0.1")
    c.add_argument("--port", type=int, default=None, help="default: $PORT, else 8000")
    c.add_argument("--workers", type=int, default=1)
    c.add_argument("--log-search", action="store_true",
                   help="log request paths including search text (off by default, for privacy)")

    with_db(command("build", _build, "Rebuild the library from the built-in guides (keeps imported ones)."))

    c = with_db(command("show", _show, "Show one guide. NAME may be generic, brand or misspelled."))
    c.add_argument("name")
    c.add_argument("--format", choices=["md", "html", "json"], default="md")

    c = with_db(command("list", _list, "List every guide in the library."))
    c.add_argument("--json", action="store_true")

    c = with_db(command("search", _search, "Search guides by name, brand, condition or words."))
    c.add_argument("query")
    c.add_argument("--json", action="store_true")

    c = with_db(command("ask", _ask, "Answer a question from the library's guides, with citations."))
    c.add_argument("question")
    c.add_argument("--json", action="store_true")

    c = command("check", _check, "Validate every built-in monograph and the library as a whole.")
    c.add_argument("paths", nargs="*", type=Path, help="monograph files (default: the built-in ones)")

    c = with_db(command("import", _import, "Import official labels: DailyMed SPL XML or openFDA JSON."))
    c.add_argument("kind", choices=["spl", "openfda"])
    c.add_argument("paths", nargs="+", type=Path)
    c.add_argument("--replace", action="store_true", help="let label text replace a curated guide")
    c.add_argument("--skip-bad", action="store_true", help="skip bad records and report them")

    c = with_db(command("export", _export, "Export the library, e.g. as a static web site."))
    c.add_argument("what", choices=["static"])
    c.add_argument("dir", type=Path)
    return p


def _library(args: argparse.Namespace) -> Library:
    return Library(ensure_library(args.db or default_db_path()))


def _serve(args: argparse.Namespace) -> int:
    from healthlib.surfaces.web.server import serve

    path = args.db or default_db_path()
    port = args.port or int(os.environ.get("PORT") or 8000)
    if not path.exists():
        print(f"Building the library at {path} (first run, a few seconds)…", flush=True)
    db = ensure_library(path)
    guides = len(Library(db).titles())
    host = "localhost" if args.host in {"127.0.0.1", "0.0.0.0"} else args.host
    print(f"Library: {db} ({guides} guides)\nOpen http://{host}:{port}/ in your browser. "
          "Press Ctrl+C to stop.", flush=True)
    serve(db, host=args.host, port=port, workers=args.workers, log_search=args.log_search)
    return 0


def _build(args: argparse.Namespace) -> int:
    report = build_builtin(args.db or default_db_path())
    print(f"built {report.path}: {report.guides} guides ({report.curated} curated, {report.imported} imported)")
    return 0


def _show(args: argparse.Namespace) -> int:
    lib = _library(args)
    slug = lib.resolve(args.name)
    if args.format == "json":
        print(json.dumps(json.loads(lib.article_json(slug) or "{}"), indent=2, ensure_ascii=False))
    elif args.format == "html":
        print(lib.article_html(slug))
    else:
        print(lib.article_markdown(slug))
    return 0


def _list(args: argparse.Namespace) -> int:
    guides = _library(args).guides()
    if args.json:
        print(json.dumps([{"slug": g.slug, "title": g.title, "drug_class": g.drug_class,
                           "brand_names": g.brand_names, "origin": g.origin, "fk_grade": g.fk_grade}
                          for g in guides], indent=2))
        return 0
    width = max((len(g.title) for g in guides), default=10)
    for g in guides:
        brands = ", ".join(g.brand_names[:3])
        print(f"{g.title:<{width}}  {g.slug:<32}  {brands}")
    print(f"\n{len(guides)} guides")
    return 0


def _search(args: argparse.Namespace) -> int:
    from healthlib.library.search import search

    result = search(_library(args), args.query)
    if args.json:
        print(result.model_dump_json(indent=2))
        return 0
    if result.did_you_mean:
        print(f"Did you mean: {result.did_you_mean}?")
    if not result.results:
        print("No guides found.")
        return 1
    for hit in result.results:
        print(f"{hit.title:<28} {hit.match:<12} {hit.matched}")
    return 0


def _ask(args: argparse.Namespace) -> int:
    from healthlib.ask.answer import answer_question

    result = answer_question(_library(args), args.question)
    if args.json:
        print(result.model_dump_json(indent=2))
    else:
        print(result.as_text())
    return 0


def _check(args: argparse.Namespace) -> int:
    from healthlib.library.check import check_monographs

    report = check_monographs(args.paths or None)
    print(f"{'medicine':<32} {'sections':>8} {'sources':>8} {'FK grade':>9}")
    for row in sorted(report.rows, key=lambda r: r.slug):
        print(f"{row.slug:<32} {row.sections:>8} {row.sources:>8} {row.fk_grade:>9.1f}")
    print(f"\n{len(report.rows)} guides checked, {len(report.problems)} problem(s)")
    for problem in report.problems:
        print(f"healthlib: {problem}", file=sys.stderr)
    return 0 if report.ok else EXIT_USER_ERROR


def _import(args: argparse.Namespace) -> int:
    from healthlib.library.imports import run_import

    if args.db is None:
        # the default library always holds the built-in guides; --db may name an empty one
        ensure_library(default_db_path())
    summary = run_import(args.kind, args.paths, args.db or default_db_path(),
                         replace=args.replace, skip_bad=args.skip_bad, progress=sys.stderr.isatty())
    print(summary.as_text())
    return 0


def _export(args: argparse.Namespace) -> int:
    from healthlib.surfaces.web.export import export_static

    count = export_static(_library(args), args.dir)
    print(f"exported {count} pages to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
