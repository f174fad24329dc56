from django.shortcuts import render

from .selectors import answer_question


def qa(request):
    """Answer the question in ?q= (智能问答): the FAQ or the passages that answer it, else the pointer."""
    question = (request.GET.get("q") or "").strip()[:200]
    result = answer_question(question=question) if question else None
    return render(request, "answers/qa.html", {"question": question, "result": result})
