"""Refuse requests carrying characters no honest client sends, before any view or query sees them.

PostgreSQL cannot store or compare a NUL character in text: a NUL that reached a
lookup (`/en/member-states/EG%00/`, an admin filter, an autocomplete term) raised
a database error and answered 500. Other C0 control characters have no use in an
address or a cookie either. Form fields already refuse NUL on their own (Django's
ProhibitNullCharactersValidator), so request bodies are left to the forms, which
answer with a message beside the field instead of losing what was typed.
"""

import re

from django.core.exceptions import SuspiciousOperation

# C0 controls and DEL; tab, line feed and carriage return are allowed in query values
# (a pasted search phrase may hold them), never in the path or a cookie.
FORBIDDEN_IN_PATH = re.compile(r"[\x00-\x1f\x7f]")
FORBIDDEN_IN_QUERY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class HostileCharacter(SuspiciousOperation):
    """Answered as 400 Bad Request and logged under django.security.HostileCharacter."""


class RefuseControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if FORBIDDEN_IN_PATH.search(request.path):
            raise HostileCharacter("A control character in the path.")
        for key, values in request.GET.lists():
            if any(FORBIDDEN_IN_QUERY.search(text) for text in (key, *values)):
                raise HostileCharacter("A control character in the query string.")
        for key, value in request.COOKIES.items():
            if FORBIDDEN_IN_PATH.search(key) or FORBIDDEN_IN_PATH.search(value):
                raise HostileCharacter("A control character in a cookie.")
        return self.get_response(request)
