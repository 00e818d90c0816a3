"""An Article as Markdown or as an HTML fragment, each block followed by its citations.

The HTML is rendered through the Jinja2 templates beside this module (`templates/article.html`,
its blocks in `templates/blocks.html`), with its links to comparisons and alternatives already
in: the library stores it ready to serve.

Citations are numbered in the order of the guide's source list, so [1] in a block points to
the first entry under "Sources" in both renderings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, StrictUndefined

from healthlib.model.article import COMPARISON_PREFIX, Article, ArticleSection, Block, SourceRef
from healthlib.model.urls import compare_url, guide_url


def _numbers(article: Article) -> dict[str, int]:
    return {s.id: i for i, s in enumerate(article.sources, start=1)}


def _cite_md(ids: list[str], numbers: dict[str, int]) -> str:
    return " " + "".join(f"[{numbers[i]}]" for i in ids if i in numbers) if ids else ""


def to_markdown(article: Article) -> str:
    numbers = _numbers(article)
    out = [f"# {article.title}", ""]
    if article.brand_names:
        out += [f"*Brand names: {', '.join(b.name for b in article.brand_names)}*", ""]
    for section in article.sections:
        out += [f"## {section.heading}", ""]
        if section.id == "faq":
            for entry in article.faq:
                out += [f"### {entry.question}", "", entry.answer + _cite_md(entry.citations, numbers), ""]
            continue
        for block in section.blocks:
            out += [_block_md(block, numbers), ""]
    out += ["## Sources", ""]
    if article.checked_note:
        out += [article.checked_note, ""]
    for s in article.sources:
        date = _source_date(s)
        title = f"[{s.title}]({s.url})" if s.url else s.title
        out.append(f"{numbers[s.id]}. {title} — {s.publisher}{date}")
    out += ["", f"*Last updated {article.updated}. Reading grade {article.readability.fk_grade}.*", ""]
    return "\n".join(out)


def _source_date(source: SourceRef) -> str:
    """Only dates that mean something: a check by a person, or the label's own version date."""
    if source.date:
        return f", checked against this source on {source.date}"
    if source.label_version:
        return f", label version of {source.label_version}"
    return ""


def _block_md(block: Block, numbers: dict[str, int]) -> str:
    if block.type == "warning":
        label = f"Warning ({block.applies_to} only):" if block.applies_to else "Warning:"
        return f"> **{label}** {block.text}{_cite_md(block.citations, numbers)}"
    if block.type == "excerpt":
        return f"> *From the label (quoted, not simplified):* {block.text}{_cite_md(block.citations, numbers)}"
    if block.type == "list":
        lines = []
        for item in block.items or []:
            freq = f" — {item.frequency}" if item.frequency else ""
            lines.append(f"- {item.text}{freq}{_cite_md(item.citations, numbers)}")
        return "\n".join(lines)
    if block.type == "table":
        rows = block.rows or []
        if not rows:
            return ""
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(lines) + "\n\n" + _cite_md(block.citations, numbers).strip()
    return f"{block.text}{_cite_md(block.citations, numbers)}"


# Sections a phone reader needs open on arrival; the rest fold under their heading (a <details>
# works without JavaScript, and the browser opens it when a link points inside).
OPEN_SECTIONS = {"key-facts", "what-is", "uses", "side-effects", "who-should-not-take", "faq"}
LIST_SHOWN = 4  # a longer list shows this many items, the rest behind "Show N more"

_TEMPLATES = Environment(
    loader=PackageLoader("healthlib.compose", "templates"),
    autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined, auto_reload=False)
_TEMPLATES.globals.update(list_shown=LIST_SHOWN, source_date=_source_date)


@dataclass(frozen=True)
class Link:
    url: str
    title: str


@dataclass(frozen=True)
class Placed:
    """A block where it goes, and whether its long list may fold behind "Show N more"."""

    block: Block
    fold: bool


@dataclass(frozen=True)
class SectionLayout:
    """One section as the page shows it."""

    section: ArticleSection
    folded: bool  # the whole section folds under its heading
    shown: list[Placed]
    more: list[Placed]  # behind "Read more": a folded section with warnings keeps only those in view
    compared: Link | None = None  # a comparison section's side-by-side page
    related: list[Link] = field(default_factory=list)  # the alternatives section's guides


def to_html(article: Article, titles: Mapping[str, str] | None = None,
            alternatives: Sequence[str] = ()) -> str:
    """The guide body as an HTML fragment (no <html> or <head>); every string escaped.

    Phone-first: key facts on top (with the way to overdose help), boxed warnings first in
    "What is", long lists and the full dose table folded, each FAQ answer folded under its
    question (the overdose answer always open). Nothing is left out: folded text is on the page.

    `titles` (slug -> title of every guide in the library) links each comparison to its
    side-by-side page, and `alternatives` (the guide's alternative slugs) to their guides; a
    target the library does not have gets no link. Only markup is added; the words are the same.
    """
    titles = titles or {}
    layout = [_layout(section, article, titles, [a for a in alternatives if a in titles])
              for section in article.sections]
    numbers = _numbers(article)

    def cited(ids: list[str]) -> list[tuple[str, int]]:
        """(source id, its number) of each cited source the guide lists."""
        return [(source, numbers[source]) for source in ids if source in numbers]

    return _TEMPLATES.get_template("article.html").render(article=article, layout=layout, cited=cited)


def _layout(section: ArticleSection, article: Article, titles: Mapping[str, str],
            alternatives: list[str]) -> SectionLayout:
    folded = section.id not in OPEN_SECTIONS
    # a folded section keeps its warnings (stopping suddenly, a serious mix) in view: only the
    # rest goes behind "Read more"
    warned = folded and any(b.type == "warning" for b in section.blocks)
    shown: list[Placed] = []
    more: list[Placed] = []
    after_warning = False
    for block in section.blocks:
        # a list under a warning (serious side effects) is never folded
        placed = Placed(block, fold=not after_warning and section.id != "key-facts")
        (shown if not warned or block.type == "warning" or after_warning else more).append(placed)
        after_warning = block.type == "warning"
    other = section.id.removeprefix(COMPARISON_PREFIX) if section.id.startswith(COMPARISON_PREFIX) else None
    compared = Link(compare_url(article.slug, other), titles[other]) if other in titles else None
    related = [Link(guide_url(a), titles[a]) for a in alternatives] if section.id == "alternatives" else []
    return SectionLayout(section, folded and not warned, shown, more, compared, related)
