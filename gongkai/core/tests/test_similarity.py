"""The prefix filter of core.similarity never misses an alike pair."""
import random

from gongkai.core.similarity import THRESHOLD, fingerprint, prefix_tokens, similarity


def test_every_pair_at_the_threshold_shares_a_prefix_token():
    rng = random.Random(5)
    alphabet = "公开政府信息建议明确范围数据企业服务第一条二三"
    checked = 0
    for _ in range(4000):
        base = "".join(rng.choice(alphabet) for _ in range(rng.randrange(2, 60)))
        other = list(base)
        for _edit in range(rng.randrange(0, 4)):  # a few edits keep many pairs near the threshold
            i = rng.randrange(len(other))
            other[i] = rng.choice(alphabet)
        a, b = fingerprint(base), fingerprint("".join(other))
        if similarity(a, b) >= THRESHOLD:
            checked += 1
            assert set(prefix_tokens(a)) & set(prefix_tokens(b)), (base, "".join(other))
    assert checked > 1000


def test_prefix_is_the_whole_set_below_five_tokens_and_shrinks_with_size():
    small = fingerprint("建议公开")  # 3 bigrams: floor(0.8*3) = 2, so 2 tokens
    assert len(prefix_tokens(small)) == 2
    big = fingerprint("建议明确公共数据的范围包括公共服务企业的数据和个人信息")
    assert len(prefix_tokens(big)) == len(big) - int(THRESHOLD * len(big)) + 1
    assert prefix_tokens(frozenset()) == []
