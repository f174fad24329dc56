from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from gongkai.catalog.selectors import document_list_for_user


@login_required
def home(request):
    """Show the user's agencies' most recently changed documents."""
    documents = document_list_for_user(user=request.user)[:20]
    return render(request, "console/home.html", {"documents": documents})
