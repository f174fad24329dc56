"""Matches of a pattern found from its first characters with `str.find` (a C loop close to memchr)
rather than by the regex engine's scan, which tests every character of the text against the
pattern's set of first characters (tens of instructions a character, for each pattern of each
review). Worth it for a pattern whose matches all start with one of a few characters that are rare
in ordinary text (官, 首, 党)."""


def first_char_matches(regex, text: str, firsts: str) -> list:
    """The matches `regex.finditer(text)` yields, when every match starts with one of `firsts` and
    none is empty: the leftmost match at or after the end of the last one starts at a candidate,
    and `regex.match` there is the attempt the scan makes (lookbehinds see the whole text)."""
    starts = []
    for ch in firsts:
        at = text.find(ch)
        while at >= 0:
            starts.append(at)
            at = text.find(ch, at + 1)
    out, pos = [], 0
    for at in sorted(starts):
        if at < pos:
            continue
        m = regex.match(text, at)
        if m is not None:
            out.append(m)
            pos = m.end()
    return out
