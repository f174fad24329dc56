"""Allow-list HTML sanitising for everything that reaches a public page (nh3, i.e. ammonia)."""
import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "h6", "strong", "b", "em", "i", "u", "sub", "sup",
    "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
    "blockquote", "pre", "code", "hr", "a", "span", "div", "section",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "*": {"class"},
}


_HIDING_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0+(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:;|$|!)"
    r"|(?:left|top|text-indent|margin-left)\s*:\s*-\d{3,}|(?:height|width)\s*:\s*0+(?:px)?\s*(?:;|$|!)",
    re.I,
)


def _drop_hidden(html: str) -> str:
    """Remove elements hidden by their own markup (style or `hidden`), with everything inside.

    Injected SEO spam hides its links this way; once `style` is stripped they would show, so they
    are removed by content rather than made visible.
    """
    if not re.search(r"style|hidden", html, re.I):
        return html
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for element in soup.find_all(True):
        if element.decomposed:
            continue
        if element.has_attr("hidden") or _HIDING_STYLE.search(element.get("style", "") or ""):
            element.decompose()
    root = soup.body or soup
    return "".join(str(child) for child in root.contents)


def sanitize_html(html: str) -> str:
    """Keep structure, drop scripts, styles, iframes, event handlers and hidden blocks.

    Hidden elements (a favourite of injected SEO spam) are removed by content, not just unstyled:
    `style` is not an allowed attribute, and tags such as <noframes> and <noscript> are dropped with
    everything inside them.
    """
    return nh3.clean(
        _drop_hidden(html or ""),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        clean_content_tags={"script", "style", "noframes", "noscript", "iframe", "object", "embed", "template"},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def html_to_text(html: str) -> str:
    """Plain text of sanitized HTML: one line per block, table cells separated by tabs."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html or "", "lxml")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    lines = []
    blocks = soup.find_all(["p", "h2", "h3", "h4", "h5", "h6", "li", "tr", "pre", "blockquote", "caption"])
    if not blocks:
        return soup.get_text("\n").strip()
    for block in blocks:
        if block.find_parent(["p", "li", "tr", "pre", "blockquote"]) is not None and block.name != "tr":
            continue
        if block.name == "tr":
            line = "\t".join(c.get_text(" ", strip=True) for c in block.find_all(["td", "th"]))
        else:
            line = block.get_text("", strip=True)
        if line:
            lines.append(line)
    return "\n".join(lines)
