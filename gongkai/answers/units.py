"""The unit a first answer is widened to: a guide section's paragraphs, a run of articles for a list
question, the chapter's articles stating the question's type, the one article holding the rest of
the question (see `answer_unit`)."""
from .results import Answer

MIN_SCORE = 0.65            # below this the best passage does not answer: say so
LEAD = 5                   # index in Answer.parts of the cues matched in the passage's lead
RUN_SHARE = 0.9            # list questions: neighbouring articles scoring this share of the first join it
RUN_MAX = 4                # passages in one answer at most
UNIT_CHARS = 1500          # nor more text than this
COMPLEMENT_SHARE = 0.8     # an article that holds the rest of the question joins the first at this share…
COMPLEMENT_LOOK = 3        # …from the next answers


def answer_unit(answers: list[Answer], *, list_question: bool, share: float = RUN_SHARE,
                most: int = RUN_MAX) -> list[Answer]:
    """The first answer as the unit that answers: a guide section's paragraphs together (the three
    channels under “（二）申请方式”), and for a question asking for a list, the run of consecutive
    articles around the first that each score at least `share` of it or state the question's type
    in their lead as it does (第十四条 to 第十六条 for what is withheld), in the document's order,
    as one answer; an article is joined by the one article of its document that holds the rest of
    the question (`_complement`: 第十五条 says what is withheld, 第三十二条 how the third party is asked)."""
    top = answers[0]
    if top.kind == "faq":
        return answers
    run = _run(answers, list_question=list_question, share=share, most=most)
    if top.article:
        extra = _complement(answers, run, most=most)
        if extra is not None:
            run = sorted(run + [extra], key=lambda a: a.ordinal)
    if len(run) == 1:
        return answers
    merged = Answer(text="\n".join(a.text for a in run), source_title=top.source_title, source_url=top.source_url,
                    article="、".join(dict.fromkeys(a.article for a in run if a.article)), heading=top.heading,
                    validity=top.validity, in_force=top.in_force, score=top.score, kind=top.kind,
                    sentence=top.sentence, doc_no=top.doc_no, annual_report=top.annual_report, parts=top.parts,
                    document_id=top.document_id, ordinal=run[0].ordinal, asked=top.asked, distinct=top.distinct,
                    covered=frozenset().union(*(a.covered for a in run)))
    used = {id(a) for a in run}
    return [merged] + [a for a in answers if id(a) not in used]


def _run(answers: list[Answer], *, list_question: bool, share: float, most: int) -> list[Answer]:
    """The passages the first answer is made of, in the document's order (see answer_unit)."""
    top = answers[0]
    if top.article:
        if not list_question:
            return [top]
        # a neighbour joins when it scores near the first, or when its lead states the question's
        # type as the first's does (第十五条 is about what is withheld as 第十四条 is)
        leads = top.parts[LEAD]
        near = {a.ordinal: a for a in answers[1:]
                if a.document_id == top.document_id and a.article
                and (a.score >= share * top.score or (leads and a.parts[LEAD] >= leads and a.score >= MIN_SCORE))}
    elif top.heading:
        near = {a.ordinal: a for a in answers[1:]
                if a.document_id == top.document_id and not a.article and a.heading == top.heading}
    else:
        return [top]
    before, after = [], []
    while len(before) + len(after) + 1 < most:
        low = (before[0] if before else top).ordinal - 1
        high = (after[-1] if after else top).ordinal + 1
        pick = max((near[o] for o in (low, high) if o in near), key=lambda a: a.score, default=None)
        if pick is None or sum(len(a.text) for a in before + after) + len(top.text) + len(pick.text) > UNIT_CHARS:
            break
        (before.insert(0, pick) if pick.ordinal == low else after.append(pick))
    run = before + [top] + after
    if top.article and top.parts[LEAD] and top.heading:
        # the rest of the chapter that states the question's type in its lead (第五章: 第四十七条
        # 督促整改, 第五十一条 复议、诉讼), best first, while there is room
        mates = sorted((a for a in answers[1:] if a.document_id == top.document_id and a.article
                        and a.heading == top.heading and a.parts[LEAD] >= top.parts[LEAD]
                        and a.score >= MIN_SCORE and all(a is not x for x in run)), key=lambda a: -a.score)
        for a in mates:
            if len(run) >= most or sum(len(x.text) for x in run) + len(a.text) > UNIT_CHARS:
                break
            run.append(a)
        run.sort(key=lambda a: a.ordinal)
    return run


def _complement(answers: list[Answer], run: list[Answer], *, most: int) -> Answer | None:
    """The article that answers the part of the question the first answer leaves out: of the next
    COMPLEMENT_LOOK answers, one of the same document scoring at least COMPLEMENT_SHARE of the first,
    whose words cover question words the run lacks, and with it cover the whole question (a question
    about withholding for privacy *and* about asking the third party needs 第十五条 and 第三十二条)."""
    top = answers[0]
    have = frozenset().union(*(a.covered for a in run))
    if len(run) >= most or not top.asked or have >= top.asked:
        return None
    for a in answers[1:1 + COMPLEMENT_LOOK]:
        if any(a is x for x in run) or a.document_id != top.document_id or not a.article:
            continue
        if a.score < COMPLEMENT_SHARE * top.score:
            break
        if (a.covered - have) and (have | a.covered) >= top.asked \
                and sum(len(x.text) for x in run) + len(a.text) <= UNIT_CHARS:
            return a
    return None
