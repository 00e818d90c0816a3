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
    args = parser.parse_args(_text_starting_with_dash(list(sys.argv[1:] if argv is None else argv)))
    if args.command in _TEXT_COMMANDS:
        name = _TEXT_COMMANDS[args.command]
        text = " ".join(t for t in (getattr(args, name), getattr(args, f"{name}_with_dash")) if t)
        if not text:
            print(f"healthlib {args.command}: give the {name} (e.g. healthlib {args.command} baclofen)",
                  file=sys.stderr)
            return EXIT_USER_ERROR
        setattr(args, name, text)
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
    except OSError as exc:  # a folder that cannot be written, a full disk: one line, not a traceback
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"healthlib: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USER_ERROR


_TEXT_COMMANDS = {"search": "query", "ask": "question", "show": "name"}
_OPTIONS_WITH_VALUE = {"--db", "--format"}


def _text_starting_with_dash(argv: list[str]) -> list[str]:
    """`healthlib search -baclofen`: for commands that take free text, a word starting with "-"
    that is not one of their options is the text, not an unknown option (argparse would refuse
    it, or read "-hydrocodone" as -h). It is passed as `--query=-baclofen`, which argparse takes
    as a value whatever it starts with."""
    if not argv or argv[0] not in _TEXT_COMMANDS:
        return argv
    known = {"-h", "--help", "--json", *_OPTIONS_WITH_VALUE}
    out, i = [argv[0]], 1
    while i < len(argv):
        token = argv[i]
        if token == "--":
            out += argv[i:]
            break
        if token in _OPTIONS_WITH_VALUE and i + 1 < len(argv):
            out += [token, argv[i + 1]]
            i += 2
            continue
        dash_text = token.startswith("-") and len(token) > 1 and token not in known \
            and token.split("=", 1)[0] not in _OPTIONS_WITH_VALUE
        out.append(f"--{_TEXT_COMMANDS[argv[0]]}={token}" if dash_text else token)
        i += 1
    return out


def _text_argument(parser: argparse.ArgumentParser, name: str) -> None:
    """The free-text argument of search/ask/show (see _text_starting_with_dash)."""
    parser.add_argument(name, nargs="?")
    parser.add_argument(f"--{name}", dest=f"{name}_with_dash", help=argparse.SUPPRESS)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="healthlib", description="Sourced, plain-language medicine guides.")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, run, help_text: str) -> argparse.ArgumentParser:
        c = sub.add_parser(name, help=help_text, description=help_text)
        c.set_defaults(run=run)
        return c

    def with_db(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
        parser.add_argument("--db", type=Path, default=None,
                       help=f"library file (default: $HEALTHLIB_DB or {default_db_path()})")
        return parser

    c = with_db(command("serve", _serve, "Serve the web library and JSON API."))
    c.add_argument("--host", default="127.0.0.1")
    c.add_argument("--port", type=int, default=None, help="default: $PORT, else 8000")
    c.add_argument("--workers", type=int, default=1)
    c.add_argument("--log-search", action="store_true",
                   help="log request paths including search text (off by default, for privacy)")

    with_db(command("build", _build, "Rebuild the library from the built-in guides (keeps imported ones)."))

    c = with_db(command("show", _show, "Show one guide. NAME may be generic, brand or misspelled."))
    _text_argument(c, "name")
    c.add_argument("--format", choices=["md", "html", "json"], default="md")

    c = with_db(command("list", _list, "List every guide in the library."))
    c.add_argument("--json", action="store_true")

    c = with_db(command("search", _search, "Search guides by name, brand, condition or words."))
    _text_argument(c, "query")
    c.add_argument("--json", action="store_true")

    c = with_db(command("ask", _ask, "Answer a question from the library's guides, with citations."))
    _text_argument(c, "question")
    c.add_argument("--json", action="store_true")

    def _interactions(args: argparse.Namespace) -> int:
        from healthlib.library.interactions import check_medicines

        report = check_medicines(_library(args), args.names)
        print(report.model_dump_json(indent=2) if args.json else report.as_text())
        return 0

    c = with_db(command("interactions", _interactions,
                        "Check 2-20 medicines together (names may be generic, brand or misspelled)."))
    c.add_argument("names", nargs="+", metavar="NAME")
    c.add_argument("--json", action="store_true")

    c = with_db(command("pills", _pills, "Find a pill by its imprint, colour and shape (from label data)."))
    c.add_argument("--imprint", help="what is printed on it, in any order: 'PD 155', 'pd155'")
    c.add_argument("--color", "--colour", dest="color", help="e.g. white, blue, grey")
    c.add_argument("--shape", help="e.g. round, oval, capsule, diamond")
    c.add_argument("--json", action="store_true")

    c = with_db(command("labs", _labs, "Explain a lab report: a PDF, a photo or scan, or text "
                                       "(FILE '-' reads pasted text from stdin). Read in memory, never stored."))
    c.add_argument("file", metavar="FILE|-")
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
    from healthlib.ask.understand import warm_up

    report = build_builtin(args.db or default_db_path())
    print(f"built {report.path}: {report.guides} guides ({report.curated} curated, {report.imported} imported)")
    warm_up(Library(report.path))  # train the question models and read the drug-name dictionary now, so a start only loads them
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


def _pills(args: argparse.Namespace) -> int:
    from healthlib.library.pills import find_pills

    if not any((args.imprint, args.color, args.shape)):
        raise HealthlibError("give at least one of --imprint, --color or --shape", field="pills")
    found = find_pills(_library(args), imprint=args.imprint, color=args.color, shape=args.shape)
    if found.notes:
        raise HealthlibError(found.notes[0], field="--color" if "colour" in found.notes[0] else
                             "--shape" if "shape" in found.notes[0] else "--imprint")
    if args.json:
        print(found.model_dump_json(indent=2))
        return 0
    print(found.warning)
    if not found.results:
        print("No pill in this library matches.")
        return 1
    for p in found.results:
        made = f" — {p.labeller}" if p.labeller else ""
        print(f"{p.title} {p.strength or ''} ({p.form or 'form not given'}): {p.looks}{made}  {p.url}")
    return 0


STATUS_WORDS = {"normal": "normal (inside the range)", "high": "HIGH", "low": "LOW",
                "critical-high": "CRITICAL - very high", "critical-low": "CRITICAL - very low",
                "unknown": "not checked (no range to compare with)"}


def _labs(args: argparse.Namespace) -> int:
    from healthlib.library.lab_reports import MAX_BYTES, explain_report_bytes

    if args.file == "-":
        name, data = "stdin", sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        path = Path(args.file)
        if not path.is_file():
            raise HealthlibError("no such file", file=args.file)
        if path.stat().st_size > MAX_BYTES:
            raise HealthlibError(f"is {path.stat().st_size / 1e6:.1f} MB; the limit is {MAX_BYTES // 2**20} MB",
                                 file=args.file)
        name, data = args.file, path.read_bytes()
    _, explained = explain_report_bytes(data, _library(args), name=name)
    if args.json:
        print(explained.model_dump_json(indent=2))
        return 0
    out = []
    if explained.urgent and explained.urgent_message:
        out += ["!! " + explained.urgent_message, ""]
    if not explained.results:
        out.append("No results could be read from this report.")
        if not explained.not_read:
            print("\n".join(out))
            return 1
    sources = {s.id: s for s in explained.sources}
    for r in explained.results:
        value = " ".join(x for x in (r.value_text, r.unit) if x)
        shown = r.display_name or r.name
        shown += f" ({r.name})" if r.display_name and r.display_name != r.name else ""
        out.append(f"{shown}: {value} - {STATUS_WORDS[r.status]}")
        if r.range:
            out.append(f"  range: {r.range}" + (" (typical range; the report gave none)" if r.range_from == "catalogue" else ""))
        if r.urgent_message:
            out.append(f"  !! {r.urgent_message}")
        if r.explanation:
            out.append(f"  {r.explanation}")
        for question in r.ask_doctor:
            out.append(f"  ask: {question}")
        if r.related_guides:
            out.append(f"  guides: {', '.join(r.related_guides)}")
        if r.citations:
            out.append("  sources: " + "; ".join(sources[c].title if c in sources else c for c in r.citations))
        out.append("")
    if explained.not_read:
        out.append("Not read (check these on the report yourself):")
        out += [f"  {line}" for line in explained.not_read] + [""]
    if explained.disclaimer:
        out.append(explained.disclaimer)
    print("\n".join(out))
    return 0


def _check(args: argparse.Namespace) -> int:
    from healthlib.library.check import check_monographs

    report = check_monographs(args.paths or None)
    print(f"{'medicine':<32} {'sections':>8} {'sources':>8} {'FK grade':>9}")
    for row in sorted(report.rows, key=lambda r: r.slug):
        print(f"{row.slug:<32} {row.sections:>8} {row.sources:>8} {row.fk_grade:>9.1f}")
    guides = "guide" if len(report.rows) == 1 else "guides"
    print(f"\n{len(report.rows)} {guides} checked, {len(report.problems)} problem(s)")
    for problem in report.problems:
        print(f"healthlib: {problem}", file=sys.stderr)
    return 0 if report.ok else EXIT_USER_ERROR


def _import(args: argparse.Namespace) -> int:
    from healthlib.library.imports import run_import
    from healthlib.surfaces.progress import ImportBar

    if args.db is None:
        # the default library always holds the built-in guides; --db may name an empty one
        ensure_library(default_db_path())
    with ImportBar(args.kind, enabled=sys.stderr.isatty()) as bar:
        summary = run_import(args.kind, args.paths, args.db or default_db_path(),
                             replace=args.replace, skip_bad=args.skip_bad, progress=bar.update)
    print(summary.as_text())
    return 0


def _export(args: argparse.Namespace) -> int:
    from healthlib.surfaces.web.export import export_static

    count = export_static(_library(args), args.dir)
    print(f"exported {count} pages to {args.dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
