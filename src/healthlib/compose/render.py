"""An Article as Markdown or as an HTML fragment, each block followed by its citations.

Citations are numbered in the order of the guide's source list, so [1] in a block points to
the first entry under "Sources" in both renderings.
"""

from __future__ import annotations

from html import escape

from healthlib.model.article import Article, Block, ListItem, SourceRef


def _numbers(article: Article) -> dict[str, int]:
    return {s.id: i for i, s in enumerate(article.sources, start=1)}


def _cite_md(ids: list[str], numbers: dict[str, int]) -> str:
    return " " + "".join(f"[{numbers[i]}]" for i in ids if i in numbers) if ids else ""


def to_markdown(article: Article) -> str:
    n = _numbers(article)
    out = [f"# {article.title}", ""]
    if article.brand_names:
        out += [f"*Brand names: {', '.join(b.name for b in article.brand_names)}*", ""]
    for section in article.sections:
        out += [f"## {section.heading}", ""]
        if section.id == "faq":
            for entry in article.faq:
                out += [f"### {entry.question}", "", entry.answer + _cite_md(entry.citations, n), ""]
            continue
        for block in section.blocks:
            out += [_block_md(block, n), ""]
    out += ["## Sources", ""]
    if article.checked_note:
        out += [article.checked_note, ""]
    for s in article.sources:
        date = _source_date(s)
        title = f"[{s.title}]({s.url})" if s.url else s.title
        out.append(f"{n[s.id]}. {title} — {s.publisher}{date}")
    out += ["", f"*Last updated {article.updated}. Reading grade {article.readability.fk_grade}.*", ""]
    return "\n".join(out)


def _source_date(s: SourceRef) -> str:
    """Only dates that mean something: a check by a person, or the label's own version date."""
    if s.date:
        return f", checked against this source on {s.date}"
    if s.label_version:
        return f", label version of {s.label_version}"
    return ""


def _block_md(block: Block, n: dict[str, int]) -> str:
    if block.type == "warning":
        label = f"Warning ({block.applies_to} only):" if block.applies_to else "Warning:"
        return f"> **{label}** {block.text}{_cite_md(block.citations, n)}"
    if block.type == "excerpt":
        return f"> *From the label (quoted, not simplified):* {block.text}{_cite_md(block.citations, n)}"
    if block.type == "list":
        lines = []
        for item in block.items or []:
            freq = f" — {item.frequency}" if item.frequency else ""
            lines.append(f"- {item.text}{freq}{_cite_md(item.citations, n)}")
        return "\n".join(lines)
    if block.type == "table":
        rows = block.rows or []
        if not rows:
            return ""
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return "\n".join(lines) + "\n\n" + _cite_md(block.citations, n).strip()
    return f"{block.text}{_cite_md(block.citations, n)}"


def _cite_html(ids: list[str], numbers: dict[str, int]) -> str:
    links = "".join(
        f'<a class="cite" href="#source-{escape(i)}" aria-label="Source {numbers[i]}">[{numbers[i]}]</a>'
        for i in ids if i in numbers)
    return f' <span class="cites">{links}</span>' if links else ""


# Sections a phone reader needs open on arrival; the rest fold under their heading (a <details>
# works without JavaScript, and the browser opens it when a link points inside).
OPEN_SECTIONS = {"key-facts", "what-is", "uses", "side-effects", "who-should-not-take", "faq"}
LIST_SHOWN = 4  # a longer list shows this many items, the rest behind "Show N more"


def to_html(article: Article) -> str:
    """The guide body as an HTML fragment (no <html> or <head>); every string escaped.

    Phone-first: key facts on top (with the way to overdose help), boxed warnings first in
    "What is", long lists and the full dose table folded, each FAQ answer folded under its
    question (the overdose answer always open). Nothing is left out: folded text is on the page.
    """
    n = _numbers(article)
    out = [f'<article class="guide" id="guide-{escape(article.slug)}">']
    for section in article.sections:
        sid = escape(section.id)
        heading = f'<h2 id="h-{sid}">{escape(section.heading)}</h2>'
        folded = section.id not in OPEN_SECTIONS
        # a folded section keeps its warnings (stopping suddenly, a serious mix) in view: only the
        # rest goes behind "Read more"
        warned = folded and any(b.type == "warning" for b in section.blocks)
        css = ' class="key-facts"' if section.id == "key-facts" else ""
        out.append(f'<section id="{sid}"{css} aria-labelledby="h-{sid}">')
        out.append(f'<details class="fold"><summary>{heading}</summary>' if folded and not warned else heading)
        if section.id == "faq":
            for entry in article.faq:
                is_open = " open" if entry.id == "overdose" else ""
                out.append(f'<details class="faq" id="faq-{escape(entry.id)}"{is_open}>'
                           f"<summary><h3>{escape(entry.question)}</h3></summary>"
                           f"<p>{escape(entry.answer)}{_cite_html(entry.citations, n)}</p></details>")
        shown, rest = [], []
        after_warning = False
        for block in section.blocks:
            # a list under a warning (serious side effects) is never folded
            html = _block_html(block, n, fold=not after_warning and section.id != "key-facts")
            (shown if not warned or block.type == "warning" or after_warning else rest).append(html)
            after_warning = block.type == "warning"
        out += shown
        if rest:
            out.append('<details class="more"><summary>Read more</summary>' + "".join(rest) + "</details>")
        out.append("</details></section>" if folded and not warned else "</section>")
    out.append('<section id="sources" aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2>')
    if article.checked_note:
        out.append(f'<p class="checked-note">{escape(article.checked_note)}</p>')
    out.append('<ol class="sources">')
    for s in article.sources:
        title = (f'<a href="{escape(s.url)}" rel="noopener">{escape(s.title)}</a>' if s.url else escape(s.title))
        date = escape(_source_date(s))
        out.append(f'<li id="source-{escape(s.id)}">{title} — {escape(s.publisher)}{date}</li>')
    out.append("</ol></section></article>")
    return "\n".join(out)


def _item_html(item: ListItem, n: dict[str, int]) -> str:
    bar = ""
    if item.frequency:
        width = f"{min(item.percent, 100):g}" if item.percent is not None else None
        # <meter> rather than a styled span: no inline styles, so a strict CSP holds
        meter = (f'<meter class="bar" min="0" max="100" value="{width}" aria-hidden="true"></meter>'
                 if width is not None else "")
        bar = f' <span class="freq">{escape(item.frequency)}</span>{meter}'
    text = escape(item.text)
    if item.link:
        urgent = ' class="urgent"' if item.link == "#faq-overdose" else ""
        return f'<li{urgent}><a href="{escape(item.link)}">{text}</a>{bar}{_cite_html(item.citations, n)}</li>'
    return f"<li>{text}{bar}{_cite_html(item.citations, n)}</li>"


def _block_html(block: Block, n: dict[str, int], fold: bool = True) -> str:
    cites = _cite_html(block.citations, n)
    if block.type == "warning":
        label = f"Warning ({block.applies_to} only): " if block.applies_to else "Warning: "
        return f'<div class="warning" role="note"><strong>{escape(label)}</strong>{escape(block.text or "")}{cites}</div>'
    if block.type == "excerpt":
        return (f'<blockquote class="excerpt"><p class="excerpt-label">From the label (quoted, not simplified)</p>'
                f"<p>{escape(block.text or '')}{cites}</p></blockquote>")
    if block.type == "list":
        items = [_item_html(i, n) for i in block.items or []]
        kind = "effects" if any(i.frequency for i in block.items or []) else "facts"
        if not fold or len(items) <= LIST_SHOWN + 1:
            return f'<ul class="{kind}">' + "".join(items) + "</ul>"
        rest = len(items) - LIST_SHOWN
        return (f'<ul class="{kind}">' + "".join(items[:LIST_SHOWN]) + "</ul>"
                f'<details class="more"><summary>Show {rest} more</summary><ul class="{kind}">'
                + "".join(items[LIST_SHOWN:]) + "</ul></details>")
    if block.type == "table":
        rows = block.rows or []
        if not rows:
            return ""
        head = "".join(f'<th scope="col">{escape(c)}</th>' for c in rows[0])
        # data-label lets a phone show each row as a stacked card, every cell with its heading
        body = "".join("<tr>" + "".join(f'<td data-label="{escape(rows[0][i]) if i < len(rows[0]) else ""}">'
                                         f"{escape(c)}</td>" for i, c in enumerate(r)) + "</tr>"
                       for r in rows[1:])
        return (f'<details class="dose-table"><summary>Full dose table ({len(rows) - 1} '
                f'row{"s" if len(rows) != 2 else ""})</summary><div class="table-wrap">'
                f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{cites}</div></details>")
    return f"<p>{escape(block.text or '')}{cites}</p>"
