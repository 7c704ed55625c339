"""Two middlewares: one refuses hostile characters (below), one compacts the admin's HTML (at the end).

Refuse requests carrying characters no honest client sends, before any view or query sees them.

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


# --- The admin's HTML without its templates' indentation ----------------------------------------

# Whitespace between two tags that holds a line break: the indentation of the admin's templates, a
# third of a session's change form. A run without a line break (`</a> <a>`) is left as it is. The
# elements of the first alternative are matched whole, so that their content is kept byte for byte:
# a textarea's value, preformatted text, code.
INDENTATION = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)|(?<=>)[ \t\r\n\f]*\n[ \t\r\n\f]*(?=<)",
                         re.IGNORECASE | re.DOTALL)


def compact_html(html):
    """Replace each run of whitespace between a `>` and a `<` that holds a line break by one line break.

    The page renders the same: in HTML a run of spaces and line breaks between two inline
    elements shows as one space, and none between blocks. What a person typed is never
    touched: it is escaped (a `<` of theirs is `&lt;`), so it never sits between two tags,
    and a textarea's value, a <pre>, a script and a style are kept whole.
    """
    return INDENTATION.sub(lambda match: match.group(1) or "\n", html)


class CompactAdminHTMLMiddleware:
    """Send the admin's pages without their templates' indentation (a 30-item session's change form lost a
    quarter of its size this way; see bench/README.md)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if (match is None or match.namespace != "admin" or response.streaming
                or not response.get("Content-Type", "").startswith("text/html")):
            return response
        charset = response.charset
        response.content = compact_html(response.content.decode(charset)).encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
