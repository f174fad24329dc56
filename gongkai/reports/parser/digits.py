"""Split a run of digits printed without separators (`801000081`) into cells, guided by totals."""

MAX_DIGITS = 30
MAX_CANDIDATES = 200


def _parts_sum(s: str, k: int, remaining: int):
    """Yield every way to cut `s` into `k` numbers without leading zeros that add up to `remaining`."""
    if k == 1:
        if s and (s == "0" or s[0] != "0") and int(s) == remaining:
            yield [int(s)]
        return
    if len(s) < k or remaining >= k * 10 ** (len(s) - k + 1):
        return  # too few digits, or even the largest cut cannot reach the total
    if s[0] == "0":
        for rest in _parts_sum(s[1:], k - 1, remaining):
            yield [0] + rest
        return
    for i in range(1, len(s) - k + 2):
        head = int(s[:i])
        if head > remaining:
            break  # longer heads are larger still
        for rest in _parts_sum(s[i:], k - 1, remaining - head):
            yield [head] + rest


def split_with_total(s: str, n: int = 7) -> list:
    """Return every reading of `s` as n-1 numbers followed by their sum."""
    if not s.isdigit() or len(s) > MAX_DIGITS or len(s) < n:
        return []
    out = []
    # The total has at most one digit more than the largest part: bounds its length.
    for length in range(1, (len(s) - n + 3) // 2 + 1):
        tail = s[-length:]
        if len(tail) > 1 and tail[0] == "0":
            continue
        total = int(tail)
        for parts in _parts_sum(s[:-length], n - 1, total):
            out.append(parts + [total])
            if len(out) >= MAX_CANDIDATES:
                return out
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


def split_any(s: str, n: int = 7) -> list:
    """Every reading of `s` as n numbers without leading zeros, whatever they add up to."""
    if not s.isdigit() or len(s) > MAX_DIGITS or len(s) < n:
        return []
    out = []

    def walk(rest, acc):
        if len(out) >= MAX_CANDIDATES:
            return
        if len(acc) == n - 1:
            if rest == "0" or (rest and rest[0] != "0"):
                out.append(acc + [int(rest)])
            return
        if rest[0] == "0":
            walk(rest[1:], acc + [0])
            return
        for i in range(1, len(rest) - (n - 1 - len(acc)) + 1):
            walk(rest[i:], acc + [int(rest[:i])])

    walk(s, [])
    return out


def split_vanished(s: str, n: int = 7) -> list:
    """Readings of a short run whose empty cells vanished: k < n numbers, the last their sum."""
    if not s.isdigit() or len(s) >= n:
        return []
    out = []
    for k in range(2, len(s) + 1):
        out.extend(split_with_total_k(s, k))
    return out


def split_with_total_k(s: str, k: int) -> list:
    out = []
    for length in range(1, len(s) - k + 2):
        tail = s[-length:]
        if len(tail) > 1 and tail[0] == "0":
            continue
        for parts in _parts_sum(s[:-length], k - 1, int(tail)):
            out.append(parts + [int(tail)])
    return out


def split_spaced(tokens: list, n: int = 7) -> list:
    """Readings of a row printed as digit runs with a space between some cells (`230 000023`,
    `20 0 00 0 121`): the runs joined and split as one run whose cuts keep every space."""
    joined = "".join(tokens)
    if len(tokens) < 2 or not all(tk.isdigit() for tk in tokens):
        return []
    bounds, at = set(), 0
    for tk in tokens[:-1]:
        at += len(tk)
        bounds.add(at)
    out = []
    for cand in split_with_total(joined, n):
        cuts, at = set(), 0
        for v in cand[:-1]:
            at += len(str(v))
            cuts.add(at)
        if bounds <= cuts:
            out.append(cand)
    return out
