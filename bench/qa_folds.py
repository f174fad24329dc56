"""bench/qa_folds.py: how much of the 问答's passage ranking is fitted to the development questions.

    .venv/bin/python bench/qa.py              # first: builds var/bench-qa.sqlite3 with the demo
    .venv/bin/python bench/qa_folds.py        # then: 2-fold check on that database

The questions are split into odd and even (Q01, Q03, … / Q02, Q04, …). For each fold the weights of
`answers.selectors.WEIGHTS` are chosen on one half by a coarse grid (answer@1, then MRR) and measured
on the other half; the shipped weights are measured on both halves. Passages only (no FAQ): the demo
FAQ was written here. A question is answered when the first answer holds every key fact.
"""
import itertools
import os
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GRID = list(itertools.product([0.0, 0.2], [0.5, 0.7, 1.0], [0.4, 0.6, 0.9], [0.05, 0.1, 0.2], [1.0, 2.0],
                              [0.0, 0.1, 0.2, 0.3]))


def main() -> int:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench-qa.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path[:0] = [str(ROOT), str(BENCH)]
    import django

    django.setup()
    from realworld import realworld_root
    from realworld_qa import TOP, _norm, questions

    from gongkai.answers import selectors
    from gongkai.answers.cues import question_cues, wants_list
    from gongkai.search.query import parse_question

    data = []
    for q in questions(realworld_root()):
        cues = question_cues(q["question"])
        terms = [t.text for t in parse_question(q["question"]).terms]
        data.append((q, selectors.scored_passages(q["question"], terms, cues), [_norm(f) for f in q["key_facts"]]))

    def measure(weights, idx):
        hits, mrr = 0, 0.0
        for i in idx:
            q, answers, facts = data[i]
            for a in answers:
                a.score = sum(w * x for w, x in zip(weights, a.parts))
            ranked = sorted(answers, key=lambda a: (a.annual_report, not a.in_force, -a.score, -a.parts[0]))
            if not ranked or ranked[0].score < selectors.MIN_SCORE:
                continue
            ranked = selectors.answer_unit(ranked, list_question=wants_list(q["question"]))
            rank = next((k for k, a in enumerate(ranked[:TOP], 1) if all(f in _norm(a.text) for f in facts)), 0)
            hits += rank == 1
            mrr += 1 / rank if rank else 0.0
        return hits, round(mrr, 2)

    folds = {"odd": range(0, len(data), 2), "even": range(1, len(data), 2)}
    shipped = selectors.WEIGHTS
    print(f"shipped weights {shipped}: answer@1 on all {measure(shipped, range(len(data)))[0]}/{len(data)}, "
          + ", ".join(f"{k} {measure(shipped, v)[0]}/{len(v)}" for k, v in folds.items()))
    for train, test in (("odd", "even"), ("even", "odd")):
        scored = sorted(((measure(w, folds[train]), w) for w in GRID), reverse=True)
        (hits, _mrr), best = scored[0]
        ties = [w for s, w in scored if s[0] == hits]
        held = sorted(measure(w, folds[test])[0] for w in ties)
        print(f"tuned on {train}: {best} in-sample {hits}/{len(folds[train])}, held-out ({test}) "
              f"{measure(best, folds[test])[0]}/{len(folds[test])}; the {len(ties)} weightings tied in-sample "
              f"score {held[0]}–{held[-1]} held-out (median {held[len(held) // 2]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
