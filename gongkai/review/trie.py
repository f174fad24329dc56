"""Compile a word list into one regular expression shaped like a trie (fast alternation)."""
import re


def trie_pattern(words) -> str:
    """Return a pattern matching any of `words`, longest first, sharing common prefixes."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node) -> str:
        end = "" in node
        branches = []
        singles = []
        for ch in sorted(k for k in node if k):
            sub = build(node[ch])
            if sub:
                branches.append(re.escape(ch) + sub)
            else:
                singles.append(re.escape(ch))
        if singles:
            branches.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    body = build(trie)
    first = sorted(k for k in trie if k)
    if len(first) > 1:
        # A leading class lets the regex engine skip positions that cannot start a word.
        body = "(?=[" + "".join(re.escape(c) for c in first) + "])" + body
    return body
