#!/usr/bin/env python
"""Prepare the public-submission scenarios of bench/load/run.py (run with the stack's environment).

Creates (once) an open 意见征集 and an active 留言 mailbox in the stack's database, then writes one
ready POST body per line for each scenario: a form as the browser sends it, with a CSRF token and
an ALTCHA proof of work solved here exactly as the widget solves it (each challenge is issued by the
application's own code with the stack's SECRET_KEY, and each is used once). The stack runs with a
small CHALLENGE_MAX_NUMBER so that solving thousands of them here takes seconds; the server's work
to verify one is the same whatever that number is (one key derivation of CHALLENGE_COST rounds).

    python bench/load/submissions.py --out DIR --count N

prints JSON: {"comment": {"path", "file", "consultation"}, "message": {"path", "file", "mailbox"}, "csrf"}.
"""
import argparse
import datetime as dt
import json
import os
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

WORDS = ("建议 明确 公共数据 开放 范围 条件 期限 申请 审核 安全 个人信息 保护 企业 群众 便利 办理 时限 "
         "公开 透明 监督 责任 部门 程序 规定 标准 费用 收费 免费 网上 平台 目录 更新 及时 准确 完整").split()
TEMPLATES = ["建议第三条增加对个人信息保护的要求，明确数据脱敏的标准。",
             "希望有条件开放的数据申请期限不超过十个工作日，并在网上公开办理进度。",
             "建议明确公共数据开放目录的更新频率，至少每季度更新一次。"]


def _text(rng: random.Random) -> str:
    if rng.random() < 0.3:  # a template comment, lightly edited (the 同类意见 the ledger groups)
        text = list(rng.choice(TEMPLATES))
        for _ in range(rng.randrange(0, 3)):
            text[rng.randrange(len(text))] = rng.choice("的和对在")
        return "".join(text)
    return "，".join("".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 7))) for _ in range(rng.randrange(2, 5))) + "。"


def _solve(challenge_json: str) -> str:
    from gongkai.core.challenge import challenge_solve

    return challenge_solve(challenge_json)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--count", type=int, default=4000)
    args = ap.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
    from django.utils import timezone

    from gongkai.agencies.models import Agency
    from gongkai.consultations.models import Consultation, ConsultationStatus
    from gongkai.core.challenge import challenge_issue
    from gongkai.mailboxes.models import Mailbox

    agency = Agency.objects.order_by("id").first() or Agency.objects.create(
        name="压测市人民政府", slug="load-city", kind=Agency.Kind.GOVERNMENT, level=Agency.Level.CITY, index_code="LOAD01")
    today = timezone.localdate()
    c, _created = Consultation.objects.get_or_create(
        agency=agency, title="《压测用征求意见稿》",
        defaults={"kind": "其他", "start_date": today - dt.timedelta(days=1), "end_date": today + dt.timedelta(days=30),
                  "status": ConsultationStatus.PUBLISHED, "draft_text": "第一条 压测。"})
    if c.end_date < today:
        Consultation.objects.filter(pk=c.pk).update(start_date=today - dt.timedelta(days=1),
                                                    end_date=today + dt.timedelta(days=30))
    box, _created = Mailbox.objects.get_or_create(slug="load-box", defaults={"agency": agency, "name": "压测信箱"})
    secret = _get_new_csrf_string()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    result = {"csrf": secret}
    with ProcessPoolExecutor(2) as pool:
        for name, scope, path in (("comment", "consultations.comment", f"/hdjl/yjzj/{c.pk}/"),
                                  ("message", "mailboxes.write", f"/hdjl/ly/{box.slug}/write/")):
            challenges = [challenge_issue(scope=scope).json for _ in range(args.count)]
            payloads = list(pool.map(_solve, challenges, chunksize=64))
            lines = []
            for payload in payloads:
                form = {"csrfmiddlewaretoken": _mask_cipher_secret(secret), "altcha": payload, "website": ""}
                if name == "comment":
                    form.update(article="", body=_text(rng), name=rng.choice(["", "张三", "某企业"]), phone="", email="")
                else:
                    form.update(type=rng.choice(["consult", "suggest", "complain", "help"]),
                                title=_text(rng)[:30], body=_text(rng), name="", phone="", email="", wants_public="1")
                lines.append(urlencode(form))
            file = out / f"{name}-bodies.txt"
            file.write_text("\n".join(lines) + "\n", encoding="utf-8")
            result[name] = {"path": path, "file": str(file)}
    result["comment"]["consultation"], result["message"]["mailbox"] = c.pk, box.pk
    print(json.dumps(result))


if __name__ == "__main__":
    main()
