"""The CSRF failure page: Chinese, saying what happened and how to get back (Django's own is English)."""

from django.shortcuts import render


def csrf_failure(request, reason: str = ""):
    return render(request, "403_csrf.html", status=403)
