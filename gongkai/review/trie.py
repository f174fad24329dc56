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


# The most frequent characters of government prose, most frequent first (counted once over the
# clean evaluation texts and the clean seed documents). Only the speed of SplitTrie depends on it.
FREQUENT_CHARS = ("政公开务府市信的息工办年作范关全行人理示规件一实发要请和各中保化进度动机于结共责策部室通申民法制"
                  "推网管主门报本彩为定号准时事任确知建依强众项落服按会等分局应生有负成体好加提社点及大单标方对完监面"
                  "步票情程做查国设区解预高布文入明不用内重求条以告学地展式所域合决新基受照教编读意博前据育在电当性专"
                  "善例施构统位力利算目平群同录转站万态见送层下业线元调复过益校县其赌与资上答督质月回现相况升能销切索"
                  "整量材料日")


class SplitTrie:
    """The matches `re.finditer` gives for `trie_pattern(words)` (leftmost, longest, not
    overlapping), found with a few smaller tries.

    Python's regex engine tries every top-level alternative of a failed attempt, so one trie of a
    hundred first characters costs a hundred checks at every position that holds one of them (公 in
    公开 for 公民). Here the words are split by how common their first character is: the frequent
    first characters sit in small tries. The matches of the parts are merged; where a part's match
    reached past a match of another part that comes first (so the part's own scan skipped text the
    single scan would have read), the single trie is used instead, so the result is always the same.
    """

    def __init__(self, words, sizes=(10, 30)):
        words = sorted(set(words))
        rank = {ch: i for i, ch in enumerate(FREQUENT_CHARS)}
        firsts = sorted({w[0] for w in words}, key=lambda ch: (rank.get(ch, len(rank)), ch))
        bounds, start = [], 0
        for size in sizes:
            bounds.append(set(firsts[start:start + size]))
            start += size
        bounds.append(set(firsts[start:]))
        self.parts = [re.compile(trie_pattern([w for w in words if w[0] in group])) for group in bounds if group]
        self.single = re.compile(trie_pattern(words))

    def spans(self, text: str) -> list:
        """[(start, end)] of the matches in `text`, in order."""
        if len(self.parts) == 1:
            return [m.span() for m in self.parts[0].finditer(text)]
        found = []
        for part in self.parts:
            found += [m.span() for m in part.finditer(text)]
        found.sort()
        out, pos = [], 0
        for s, e in found:
            if s >= pos:
                out.append((s, e))
                pos = e
            elif e > pos:
                # This part's scan went on from e, past text the single scan reads from pos.
                return [m.span() for m in self.single.finditer(text)]
        return out
