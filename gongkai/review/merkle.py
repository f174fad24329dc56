"""A Merkle tree over published revisions, as in RFC 6962 / RFC 9162 (Certificate Transparency):
leaf hash SHA-256(0x00 || data), node hash SHA-256(0x01 || left || right), the left subtree the
largest power of two smaller than the size. Inclusion proofs are verified with RFC 9162 §2.1.3.2.
"""
import hashlib


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _split(n: int) -> int:
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def root(leaves: list[bytes]) -> bytes:
    """The tree head of `leaves` (leaf hashes); SHA-256 of nothing for an empty tree."""
    if not leaves:
        return hashlib.sha256(b"").digest()
    return _root(leaves, 0, len(leaves))


def _root(leaves, lo, hi):
    n = hi - lo
    if n == 1:
        return leaves[lo]
    k = _split(n)
    return _node(_root(leaves, lo, lo + k), _root(leaves, lo + k, hi))


def inclusion_proof(leaves: list[bytes], index: int) -> list[bytes]:
    """The audit path of leaf `index` (RFC 6962 PATH(m, D[n]))."""
    if not 0 <= index < len(leaves):
        raise IndexError(index)
    return _path(leaves, index, 0, len(leaves))


def _path(leaves, m, lo, hi):
    n = hi - lo
    if n == 1:
        return []
    k = _split(n)
    if m < k:
        return _path(leaves, m, lo, lo + k) + [_root(leaves, lo + k, hi)]
    return _path(leaves, m - k, lo + k, hi) + [_root(leaves, lo, lo + k)]


def verify_inclusion(leaf: bytes, index: int, size: int, proof: list[bytes], expected_root: bytes) -> bool:
    """RFC 9162 §2.1.3.2: does `proof` show leaf `index` of a tree of `size` under `expected_root`?"""
    if not 0 <= index < size:
        return False
    fn, sn, r = index, size - 1, leaf
    for p in proof:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            r = _node(p, r)
            if not fn & 1:
                while True:
                    fn >>= 1
                    sn >>= 1
                    if fn & 1 or fn == 0:
                        break
        else:
            r = _node(r, p)
        fn >>= 1
        sn >>= 1
    return sn == 0 and r == expected_root
