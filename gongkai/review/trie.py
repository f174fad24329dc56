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

    def build(node, top=False) -> str:
        end = "" in node
        branches = []
        singles = []
        for ch in sorted(k for k in node if k):
            sub = build(node[ch])
            if sub:
                branches.append(re.escape(ch) + sub)
            else:
                singles.append(re.escape(ch))
        if top:
            # Every top-level alternative starts with a literal: the regex engine then collects
            # the first characters into a set and skips the positions that cannot start a word.
            branches += singles
        elif singles:
            branches.append(singles[0] if len(singles) == 1 else "[" + "".join(singles) + "]")
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            body = "(?:" + body + ")?"
        return body

    return build(trie, top=True)
