"""The one-pass lxml reading of a public page and a revision body that `integrity` compares: text
nodes with their element path, hidden elements (style, hidden tags), links and the page's meta block."""
import threading

from lxml import etree

_CONTAINERS = frozenset({"rt", "rp", "style", "script", "template"})
_PRESERVE_WS = frozenset({"pre", "textarea"})
_ASCII_SPACES = "\x20\x0a\x09\x0c\x0d"
_HIDDEN_TAGS = frozenset({"noframes", "marquee", "noscript"})


class _Element:
    """An element's name, attributes, and its strings (`start`:`end`) and descendants (`seq`, `last`)."""

    __slots__ = ("tag", "attrib", "start", "end", "seq", "last", "mark")

    def __init__(self, tag, attrib, start, seq):
        self.tag, self.attrib, self.start, self.end, self.seq, self.last = tag, attrib, start, start, seq, seq
        self.mark = None

    def get(self, name, default=None):
        return self.attrib.get(name, default)


class _Relay:
    """One lxml HTML parser per thread, reused for every document: passes its events to `current`.

    (Creating a parser with a Python target costs more than parsing a small page: lxml inspects
    the target's methods each time.)
    """

    def __init__(self):
        self.current = None
        self.parser = etree.HTMLParser(target=self, recover=True)

    def start(self, tag, attrib):
        self.current.start(tag, attrib)

    def end(self, tag):
        self.current.end(tag)

    def data(self, data):
        self.current.pending.append(data)  # joined into one string at the next event

    def comment(self, text):
        self.current.comment(text)

    def pi(self, target, data=None):
        self.current.pi(target, data)

    def doctype(self, *args):
        self.current.doctype(*args)

    def close(self):
        self.current.close()


_local = threading.local()


class _TextTarget:
    """lxml parser target: the document's strings, each with its innermost string container."""

    def __init__(self):
        self.strings = []     # (text, container tag or None), in document order
        self.pending = []
        self.open = []        # open elements, innermost last
        self.containers = []  # open string-container tag names
        self.preserve = 0     # open <pre>/<textarea>
        self.seq = 0

    def parse(self, html: str):
        if html and html[0] == "\ufeff":
            html = html[1:]
        relay = getattr(_local, "relay", None)
        if relay is None:
            relay = _local.relay = _Relay()
        relay.current = self
        try:
            relay.parser.feed(html or "")
            relay.parser.close()
        except (etree.ParserError, etree.XMLSyntaxError, ValueError):
            _local.relay = None  # the next document starts on a fresh parser
            self.close()
        except BaseException:
            _local.relay = None
            raise
        finally:
            relay.current = None
        return self

    def _flush(self):
        pending = self.pending
        text = pending[0] if len(pending) == 1 else "".join(pending)
        self.pending = []
        if not self.preserve and not text.strip(_ASCII_SPACES):
            text = "\n" if "\n" in text else " "
        self.strings.append((text, self.containers[-1] if self.containers else None))

    def start(self, tag, attrib):
        if self.pending:
            self._flush()
        self.seq += 1
        el = _Element(tag, attrib, len(self.strings), self.seq)
        self.open.append(el)
        if tag in _CONTAINERS:
            self.containers.append(tag)
        if tag in _PRESERVE_WS:
            self.preserve += 1
        self.opened(el)

    def _pop(self):
        el = self.open.pop()
        el.end = len(self.strings)
        el.last = self.seq
        if el.tag in _CONTAINERS:
            self.containers.pop()
        if el.tag in _PRESERVE_WS:
            self.preserve -= 1
        self.closed(el)

    def end(self, tag):
        if self.pending:
            self._flush()
        open_ = self.open
        if open_ and open_[-1].tag == tag:
            self._pop()
        elif any(el.tag == tag for el in open_):
            # Close up to and including the most recent open element of this name (none: ignore).
            while open_[-1].tag != tag:
                self._pop()
            self._pop()

    def comment(self, text):
        if self.pending:
            self._flush()

    def pi(self, target, data=None):
        if self.pending:
            self._flush()

    def doctype(self, *args):
        if self.pending:
            self._flush()

    def close(self):
        if self.pending:
            self._flush()
        while self.open:
            self._pop()

    def opened(self, el):
        pass

    def closed(self, el):
        pass

    def text(self, separator: str = "\n") -> str:
        """The document's text (BeautifulSoup's `get_text(separator)`)."""
        return separator.join(s for s, c in self.strings if c is None)

    def element_text(self, el, separator: str = "", strip: bool = False) -> str:
        """An element's text (BeautifulSoup's `tag.get_text(separator, strip=strip)`)."""
        want = el.tag if el.tag in _CONTAINERS else None
        parts = (s for s, c in self.strings[el.start:el.end] if c == want)
        if strip:
            parts = (p for p in (s.strip() for s in parts) if p)
        return separator.join(parts)


class ParsedPage(_TextTarget):
    """A served HTML page: its visible text and the elements the comparison looks at."""

    def __init__(self, html: str):
        super().__init__()
        self.scripts = []  # <script> and <style>
        self.links = []    # <a href>
        self.hidden = []   # <noframes>, <marquee>, <noscript>
        self.styled = []   # any element with a style attribute
        self.parse(html)

    def opened(self, el):
        tag, attrib = el.tag, el.attrib
        if tag == "script" or tag == "style":
            self.scripts.append(el)
        elif tag == "a" and "href" in attrib:
            self.links.append(el)
        if tag in _HIDDEN_TAGS:
            self.hidden.append(el)
        if "style" in attrib:
            self.styled.append(el)


_BLOCKS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "tr", "pre", "blockquote", "caption"})
_BLOCK_PARENTS = frozenset({"p", "li", "tr", "pre", "blockquote"})


class _BodyText(_TextTarget):
    """`core.html.html_to_text` of a revision body (one line per block, cells joined by tabs)."""

    def __init__(self, html: str):
        super().__init__()
        self.blocks = []  # mark: inside another block (p, li, tr, pre, blockquote)
        self.cells = []
        self.parse(html)

    def opened(self, el):
        if el.tag in _BLOCKS:
            el.mark = any(o.tag in _BLOCK_PARENTS for o in self.open[:-1])
            self.blocks.append(el)
        elif el.tag in ("td", "th"):
            self.cells.append(el)
        elif el.tag == "br":
            el.mark = (len(self.blocks), len(self.cells))

    def closed(self, el):
        if el.tag == "br":
            # html_to_text replaces each <br> (with anything inside it) by a plain "\n" string.
            del self.strings[el.start:]
            del self.blocks[el.mark[0]:]
            del self.cells[el.mark[1]:]
            self.strings.append(("\n", None))
            el.end = len(self.strings)

    def lines(self) -> str:
        if not self.blocks:
            return self.text("\n").strip()
        lines = []
        for block in self.blocks:
            if block.mark and block.tag != "tr":
                continue
            if block.tag == "tr":
                line = "\t".join(self.element_text(c, " ", strip=True) for c in self.cells
                                 if block.seq < c.seq <= block.last)
            else:
                line = self.element_text(block, "", strip=True)
            if line:
                lines.append(line)
        return "\n".join(lines)


def body_text(html: str) -> str:
    """Plain text of a revision body: the same as `core.html.html_to_text`, with one lxml parse."""
    return _BodyText(html or "").lines()
