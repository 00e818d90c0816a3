"""Results tables as a program prints them or as typeset source holds them, pasted as text:

- a pandas DataFrame printed in a Python session (`>>> df`): a heading row of column names over rows
  that each start with the row's number, every column right-aligned, "NaN" in an empty cell (the
  frame wider than the screen printed in blocks of columns, each under its own heading row). Each
  row becomes a "|"-delimited line under a heading of the column names ("ref_low" read "ref low"),
  its number dropped (a row index is no result), so the delimited reader (`free_text`) reads the
  columns by their headings;
- the LaTeX source of a results table (`\\begin{tabular}` ... `\\end{tabular}`): a row's cells are
  parted by "&" and end at "\\\\"; each row becomes one line of cells as typeset ("\\textbf{5.9}" is
  5.9, "136--145" is 136-145, "\\%" is %, "\\verb|x10^9/L|" is x10^9/L, "$<$5" is <5), which the
  column reader reads under its heading row; rules (\\toprule, \\hline) hold nothing.

Any other text is left exactly as it was.
"""

from __future__ import annotations

import re

from .columns import COLUMN_GAP

# ---- a DataFrame's print --------------------------------------------------------------------------
_FRAME_ROW = re.compile(r"^(\d+)\s")
_FRAME_HEADING = re.compile(r"^ +\S")  # the row numbers' column is blank in a heading row
_FRAME_EMPTY = {"NaN", "nan", "None", "<NA>", "NaT"}
_FRAME_NOTE = re.compile(r"^\s*(?:\.\.\.[\s.]*|\[\d+ rows x \d+ columns\])$")  # a shortened frame's marks
FRAME_ROWS_MIN = 2
FRAME_COLUMNS_MIN = 3


_CONTINUED = re.compile(r"\s+\\$")  # a block's heading ends in " \\" when more columns follow below


def _heading_splits(line: str) -> list[list[tuple[str, int]]]:
    """Ways to part a frame's heading row into (name, end) columns: at every space (a name longer
    than its column's cells stands one space from the name before), then at two or more spaces (a
    name of two words)."""
    line = _CONTINUED.sub("", line)
    if not _FRAME_HEADING.match(line):
        return []
    return [[(m.group(0), m.end()) for m in re.finditer(pattern, line)] for pattern in (r"\S+", r"\S+(?: \S+)*")]


def _frame_cells(line: str, ends: list[int]) -> tuple[int, list[str]] | None:
    """A row's number and its cells, each ending where its column's heading ends; None when a cell
    runs over its column's edge (the row is not lined up under the heading)."""
    number = _FRAME_ROW.match(line)
    if number is None:
        return None
    line = line.rstrip()
    cells = []
    start = len(number.group(1))
    for end in ends:
        if start > len(line) or (end < len(line) and line[end] != " "):
            return None
        if end - 1 < len(line) and line[end - 1] == " " and line[start:end].strip():
            return None  # right-aligned: a cell holding anything ends at its column's edge
        cells.append(line[start:end].strip())
        start = end
    if line[start:].strip():
        return None
    return int(number.group(1)), cells


_INDEX_NAME = re.compile(r"^([A-Za-z_]\w*) *$")  # a named index's name, alone on the line under the heading


def _named_index_cells(line: str, width: int, ends: list[int]) -> list[str] | None:
    """A row of a frame printed with a named index: its index value (left-aligned in the first `width`
    characters), then its cells, each ending where its column's heading ends; None when not lined up."""
    if not line[:1].strip() or line[width:width + 1].strip():
        return None
    cells = _frame_cells(f"0{' ' * (width - 1)}{line[width:]}", ends)
    return None if cells is None else [line[:width].strip(), *cells[1]]


def _named_index_block(lines: list[str], i: int, found: list[tuple[str, int]]) -> tuple[list[str], dict[int, list[str]], int] | None:
    """A frame printed with a named index (`df.set_index("test")`): the heading row, the index's name
    alone under it, then rows each led by its index value, left-aligned (a test's name, never a row
    number). The index column is as wide as its longest value, up to the first column gap."""
    if i + 1 >= len(lines) or not (index := _INDEX_NAME.match(lines[i + 1])):
        return None
    body = []
    for line in lines[i + 2:]:
        if not line.strip() or _FRAME_NOTE.match(line) or _FRAME_ROW.match(line):
            break
        body.append(line)
    width = max((len(re.split(r"\s{2,}", line)[0]) for line in body), default=0)
    width = max(width, len(index.group(1)))
    if width >= len(lines[i]) - len(lines[i].lstrip()):
        return None  # the heading's columns start after the index column
    ends = [end for _, end in found]
    rows: dict[int, list[str]] = {}
    for k, line in enumerate(body):
        cells = _named_index_cells(line, width, ends)
        if cells is None:
            break
        rows[k] = cells
    if len(rows) < FRAME_ROWS_MIN or not all(all(cells) for cells in rows.values()):
        return None
    return [index.group(1), *(name for name, _ in found)], rows, i + 2 + len(rows)


def _frame_block(lines: list[str], i: int) -> tuple[list[str], dict[int, list[str]], int] | None:
    """(column names, cells by row number, the line after the block) of a block starting at line i."""
    for found in _heading_splits(lines[i]):
        named = _named_index_block(lines, i, found)
        if named is not None:
            return named
        ends = [end for _, end in found]
        rows: dict[int, list[str]] = {}
        j = i + 1
        while j < len(lines):
            if _FRAME_NOTE.match(lines[j]):
                j += 1
                continue
            row = _frame_cells(lines[j], ends)
            if row is None or row[0] in rows or (rows and row[0] < max(rows)):
                break
            rows[row[0]] = row[1]
            j += 1
        # every cell of a frame's print holds something ("NaN" when empty): a column empty on a row is
        # no column of it (one word of a name of two)
        if len(rows) >= FRAME_ROWS_MIN and all(all(cells) for cells in rows.values()) \
                and (j == len(lines) or _FRAME_ROW.match(lines[j]) is None):
            return [name for name, _ in found], rows, j
    return None


def read_frame_prints(lines: list[str]) -> list[str]:
    """Each DataFrame print (its blocks of columns joined by row number) as a "|"-delimited table."""
    out = list(lines)
    i = 0
    while i < len(lines):
        block = _frame_block(lines, i)
        if block is None:
            i += 1
            continue
        names, rows, j = block
        spans = [(i, j)]
        while j < len(lines):  # the next block of the same rows' further columns, after a blank line or not
            k = j + 1 if not lines[j].strip() else j
            if k >= len(lines):
                break
            more = _frame_block(lines, k)
            if more is None or set(more[1]) != set(rows):
                break
            names += more[0]
            for number, cells in more[1].items():
                rows[number] += cells
            spans.append((k, more[2]))
            j = more[2]
        if len(names) < FRAME_COLUMNS_MIN:
            i = j
            continue
        for start, end in spans:
            out[start:end] = [""] * (end - start)
        out[i] = " | ".join(name.replace("_", " ") for name in names)
        for k, number in enumerate(sorted(rows)):
            out[i + 1 + k] = " | ".join("" if cell in _FRAME_EMPTY else cell for cell in rows[number])
        i = j
    return out


# ---- a LaTeX table's source -------------------------------------------------------------------------
_TABULAR = re.compile(r"\\begin\{(?:tabular\*?|tabularx|longtable|tabulary|array)\}")
_TABULAR_END = re.compile(r"\\end\{(?:tabular\*?|tabularx|longtable|tabulary|array)\}")
_COLUMN_SPEC = re.compile(r"^\s*(?:\{[^{}]*\})?\s*(?:\[[a-z]\])?\s*\{(?:[^{}]|\{[^{}]*\})*\}")  # "{lrllc}", "{\linewidth}{lX}"
_RULE = re.compile(r"\\(?:toprule|midrule|bottomrule|hline|specialrule\{[^}]*\}\{[^}]*\}\{[^}]*\}|"
                   r"c(?:mid)?rule(?:\([^)]*\))?\{[^}]*\}|addlinespace(?:\[[^]]*\])?|endhead|endfirsthead|endfoot|"
                   r"endlastfoot|rowcolor(?:\[[^]]*\])?\{[^}]*\}|noalign\{[^}]*\})")
_VERB = re.compile(r"\\verb(\S)(.*?)\1")
_MATH_SIGNS = {r"\leq": "≤", r"\le": "≤", r"\geq": "≥", r"\ge": "≥", r"\mu": "µ", r"\times": "x", r"\pm": "±",
               r"\uparrow": "↑", r"\downarrow": "↓", r"\textless": "<", r"\textgreater": ">", r"\textmu": "µ",
               r"\textdownarrow": "↓", r"\textuparrow": "↑", r"\textasciicircum": "^"}
_MATH_SIGN = re.compile(r"\\(?:leq|le|geq|ge|mu|times|pm|uparrow|downarrow|textless|textgreater|textmu|textdownarrow|"
                        r"textuparrow|textasciicircum)(?![A-Za-z])(?:\{\})?")
_WRAPPER = re.compile(r"\\(?:textbf|textit|emph|underline|mathbf|mathrm|text|textrm|textsf|texttt|textsc|mbox|"
                      r"textcolor\{[^{}]*\}|color\{[^{}]*\}|makecell(?:\[[a-z]\])?|multirow\{[^{}]*\}\{[^{}]*\}|"
                      r"multicolumn\{[^{}]*\}\{[^{}]*\})\{([^{}]*)\}")
_SUPERSCRIPT = re.compile(r"\\textsuperscript\{([^{}]*)\}|\^\{([^{}]*)\}")
_ESCAPED = re.compile(r"\\([%&_#$])")


def _typeset(cell: str) -> str:
    """A cell's source as it is typeset."""
    verbs: list[str] = []
    cell = _VERB.sub(lambda m: verbs.append(m.group(2)) or f"\x01{len(verbs) - 1}\x01", cell)
    cell = _MATH_SIGN.sub(lambda m: _MATH_SIGNS[m.group(0).removesuffix("{}")], cell)
    for _ in range(3):  # wrappers within wrappers
        cell = _WRAPPER.sub(r"\1", cell)
    cell = _SUPERSCRIPT.sub(lambda m: "^" + (m.group(1) or m.group(2) or ""), cell)
    cell = cell.replace("---", "—").replace("--", "-").replace("~", " ").replace(r"\,", " ").replace(r"\ ", " ")
    cell = re.sub(r"(?<!\\)\$", "", cell)  # math shifts
    cell = _ESCAPED.sub(r"\1", cell).replace("{", "").replace("}", "")
    cell = re.sub(r"\x01(\d+)\x01", lambda m: verbs[int(m.group(1))], cell)
    return " ".join(cell.split())


def _rows(body: str) -> list[str]:
    """A tabular's body: its rows, each ending at an unescaped "\\\\", its "%" comments dropped."""
    body = re.sub(r"(?<!\\)%[^\n]*", "", body)
    return re.split(r"\\\\(?:\[[^]]*\])?", body)


def read_latex_tables(lines: list[str]) -> list[str]:
    """The source of each LaTeX table a row a line of cells; any other line as it was."""
    text = "\n".join(lines)
    if _TABULAR.search(text) is None:
        return lines
    out: list[str] = []
    at = 0
    for begin in _TABULAR.finditer(text):
        if begin.start() < at:
            continue
        end = _TABULAR_END.search(text, begin.end())
        if end is None:
            break
        out += text[at:begin.start()].split("\n")
        spec = _COLUMN_SPEC.match(text, begin.end())
        for row in _rows(text[spec.end() if spec else begin.end():end.start()]):
            row = _RULE.sub("", row)
            cells = [_typeset(cell) for cell in re.split(r"(?<!\\)&", row)]
            if any(cells):
                out.append(COLUMN_GAP.join(cell for cell in cells if cell))  # as a web page's row (`html_table`)
        at = end.end()
    out += text[at:].split("\n")
    return out
