"""Split a run of digits printed without separators (`801000081`) into cells, guided by totals."""

MAX_DIGITS = 40
MAX_CANDIDATES = 200


def _parts(s: str, n: int):
    """Yield every way to cut `s` into `n` numbers written without leading zeros."""
    if n == 1:
        if s and (s == "0" or s[0] != "0"):
            yield [int(s)]
        return
    if len(s) < n:
        return
    if s[0] == "0":
        for rest in _parts(s[1:], n - 1):
            yield [0] + rest
        return
    for i in range(1, len(s) - n + 2):
        head = s[:i]
        for rest in _parts(s[i:], n - 1):
            yield [int(head)] + rest


def split_with_total(s: str, n: int = 7) -> list:
    """Return every reading of `s` as n-1 numbers followed by their sum."""
    if not s.isdigit() or len(s) > MAX_DIGITS or len(s) < n:
        return []
    out = []
    for parts in _parts(s, n):
        if sum(parts[:-1]) == parts[-1]:
            out.append(parts)
            if len(out) >= MAX_CANDIDATES:
                break
    return out


def split_groups(s: str, groups: int = 3, size: int = 5) -> list:
    """Return every reading of `s` as `groups` runs of size-1 numbers each followed by their sum."""
    if not s.isdigit() or len(s) > MAX_DIGITS or len(s) < groups * size:
        return []
    out = []

    def walk(rest, acc):
        if len(out) >= MAX_CANDIDATES:
            return
        if len(acc) == groups * size:
            if not rest:
                out.append(list(acc))
            return
        remaining_groups = groups - len(acc) // size
        # The current group takes s[:k]; the others need at least size digits each.
        for k in range(size, len(rest) - (remaining_groups - 1) * size + 1):
            for parts in split_with_total(rest[:k], size):
                walk(rest[k:], acc + parts)

    walk(s, [])
    return out
