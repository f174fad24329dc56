"""Query codes for public forms (依申请公开, 留言): shown once to the person who files, stored only as a
salted hash, checked in constant time. Whoever holds the number and the code may read the record's
progress; nothing else identifies the person."""
import hashlib
import hmac
import secrets

# No 0/O, 1/I/L: a code read aloud or copied by hand stays unambiguous.
QUERY_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def query_code_new() -> str:
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _i in range(8))


def query_code_hash(code: str, *, salt: str | None = None) -> str:
    salt = salt or secrets.token_hex(8)
    digest = hashlib.sha256(f"{salt}:{code.strip().upper()}".encode()).hexdigest()
    return f"{salt}${digest}"


def query_code_check(stored_hash: str, code: str) -> bool:
    salt, _sep, _digest = stored_hash.partition("$")
    return bool(code) and bool(salt) and hmac.compare_digest(query_code_hash(code, salt=salt), stored_hash)
