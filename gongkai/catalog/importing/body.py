"""Structure a document's body lines as HTML: 一、→h2, （一）→h3, short 1.→h4, pipe/tab rows→table."""
import html
import re

from gongkai.core.text import nfkc

_H2_RE = re.compile(r"^[一二三四五六七八九十百]{1,3}[、．.]")
_H3_RE = re.compile(r"^[（(][一二三四五六七八九十百]{1,3}[)）]")
_H4_RE = re.compile(r"^\d{1,2}(?:[、．]|\.(?!\d))")
_SEP_ROW_RE = re.compile(r"^[\s|:\-—]+$")


def _row_cells(line: str):
    if "\t" in line:
        cells = [c.strip() for c in line.split("\t")]
    elif "|" in line:
        cells = [c.strip() for c in line.split("|")]
    else:
        return None
    while cells and not cells[0]:
        cells.pop(0)
    while cells and not cells[-1]:
        cells.pop()
    return cells if len(cells) >= 2 else None


def _table_html(rows, header_rows) -> str:
    ncols = max(len(r) for r in rows)
    filled, previous = [], None
    for row in rows:
        if len(row) < ncols:
            if previous is not None and len(previous) == ncols:
                # A breakdown table omits the leading cells that repeat the row above.
                row = previous[:ncols - len(row)] + row
            else:
                row = row + [""] * (ncols - len(row))
        filled.append(row)
        previous = row
    out = ["<table>"]
    for i, row in enumerate(filled):
        tag = "th" if i in header_rows else "td"
        out.append("<tr>" + "".join(f"<{tag}>{html.escape(c)}</{tag}>" for c in row) + "</tr>")
    out.append("</table>")
    return "".join(out)


def _run_in(line: str) -> str:
    """A numbered paragraph whose first sentence is its heading: bold the lead sentence."""
    m = re.match(r"^(.{2,40}?[。：:])(.+)$", line)
    if m:
        return f"<p><strong>{html.escape(m.group(1))}</strong>{html.escape(m.group(2))}</p>"
    return f"<p>{html.escape(line)}</p>"


def body_to_html(lines) -> str:
    """Structure plain lines: 一、→h2, （一）→h3, short 1.→h4, pipe/tab rows→table, else p."""
    out, i = [], 0
    while i < len(lines):
        line = lines[i]
        cells = _row_cells(line)
        if cells is not None:
            rows, header_rows = [], set()
            while i < len(lines):
                if _SEP_ROW_RE.match(lines[i]) and "-" in lines[i] and rows:
                    header_rows.add(len(rows) - 1)
                    i += 1
                    continue
                cells = _row_cells(lines[i])
                if cells is None:
                    break
                rows.append(cells)
                i += 1
            out.append(_table_html(rows, header_rows))
            continue
        n = nfkc(line[:80])  # enough for the heading patterns; lines can be megabytes
        if _H2_RE.match(n):
            out.append(f"<h2>{html.escape(line)}</h2>" if len(line) <= 50 and "。" not in line[:-1]
                       else _run_in(line))
        elif _H3_RE.match(n):
            out.append(f"<h3>{html.escape(line)}</h3>" if len(line) <= 40 and "。" not in line[:-1]
                       else _run_in(line))
        elif _H4_RE.match(n) and len(line) <= 30:
            out.append(f"<h4>{html.escape(line)}</h4>")
        else:
            out.append(f"<p>{html.escape(line)}</p>")
        i += 1
    return "\n".join(out)
