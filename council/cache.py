"""Whole public pages cached for anonymous readers, retired by any content change.

Why one site-wide generation rather than a list of the pages each record shows: a
session appears on its own page, its body's, every attending member state's, its
dossiers', the home page and the search results, each in two languages and under
any `?year=` or query string; an agenda item's title shows on the sessions that
review it. Tracking that set exactly would be a second copy of every template's
logic, and one miss would show a withdrawn session. Content changes are rare (a
few a day, from the secretariat) and reads are many, so retiring every page on
every change costs one re-render per page after each change, and can never be
wrong. The generation is part of each page's key; the old pages expire unread.

Signed-in readers (delegates and staff) never read from or write to this cache:
their pages differ (restricted documents, drafts) and must be fresh.

Where the generation lives: with Redis (`REDIS_URL`), in Redis, shared by every
app server; with the default local-memory cache, each process has its own pages,
so the generation is read from the database every app server shares (one
primary-key read per cached request).

A cached page is served by CachedPageMiddleware, early in the middleware stack:
no session, user, URL resolution or view is involved, and no database query with
Redis (the page and the generation come in one round trip).
"""

import functools
import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "pages:generation"


def generation_in_cache():
    return settings.PAGE_CACHE_GENERATION == "cache"


def current_generation():
    if generation_in_cache():
        value = cache.get(GENERATION_KEY)
        if value is None:
            # Never counted from 0 again after an eviction or a flush: a fresh start is
            # larger than any number reached by counting, so no old page comes back.
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
            value = cache.get(GENERATION_KEY)
        return value
    return generation_from_database()


def bump_generation():
    """Retire every cached page: now, and again once the current transaction commits.

    The bump at commit is the one that counts: until then other readers still see
    the old rows and may cache them under the new number. The bump at once retires
    pages rendered inside this same transaction (a test, a view that saves then reads).
    """
    _bump()
    transaction.on_commit(_bump)


def _bump():
    if not settings.PAGE_CACHE_SECONDS:
        return  # no page is cached, none to retire
    if generation_in_cache():
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # not there: start afresh, above anything counted before
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        return
    from council.models import PageGeneration
    if not PageGeneration.objects.filter(pk=1).update(value=F("value") + 1):
        PageGeneration.objects.get_or_create(pk=1, defaults={"value": time.time_ns()})


def is_public_page(path):
    """The delegates' pages (/ar/…, /en/…), the only ones ever cached: not the admin, and not /healthz,
    which must answer 503 by itself when the database is down rather than fail here first."""
    language, _, rest = path.lstrip("/").partition("/")
    return language in PUBLIC_LANGUAGES and not rest.startswith("admin/")


PUBLIC_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def page_key(request):
    """The page's address and today's date: what is upcoming, recent or overdue changes at midnight too."""
    address = f"{request.get_host()}{request.get_full_path()} {timezone.localdate().isoformat()}"
    return f"pages:{hashlib.sha256(address.encode()).hexdigest()}"


def cacheable(request):
    if request.method not in ("GET", "HEAD") or not settings.PAGE_CACHE_SECONDS:
        return False
    # Without a session cookie nobody is signed in, and no session is read at all.
    if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
        return False
    return True


def generation_from_database():
    """The generation in one primary-key read, written in SQL: the ORM would cost more than the read."""
    from council.models import PageGeneration

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {connection.ops.quote_name(PageGeneration._meta.db_table)} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else 0


def stored_page(key):
    """The page stored under this key if it belongs to the current generation, with that generation.

    A page is stored with the generation it was rendered under and served only while that
    generation is current. With Redis, the page and the generation come in one round trip.
    """
    if generation_in_cache():
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            generation = current_generation()
        stored = found.get(key)
    else:
        generation = generation_from_database()
        stored = cache.get(key)
    if stored is not None and stored[0] == generation:
        return stored, generation
    return None, generation


def hit(stored):
    _, content, content_type = stored
    response = HttpResponse(content, content_type=content_type)
    response["Content-Length"] = str(len(content))
    response["X-Page-Cache"] = "hit"
    patch_vary_headers(response, ["Cookie"])
    return response


def cached_page(view):
    """Render a public page for an anonymous reader once, and store it for the next ones.

    The next ones are served by CachedPageMiddleware before the view is reached; a reader
    who still sends a session cookie but is signed out is served here.
    """

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not cacheable(request):
            return view(request, *args, **kwargs)
        # The middleware already looked and missed (one read of the generation per request).
        key, generation = getattr(request, "page_cache_miss", (None, None))
        if key is None:
            key = page_key(request)
            stored, generation = stored_page(key)
            if stored is not None:
                return hit(stored)
        response = view(request, *args, **kwargs)
        # Only a plain page: never an error, a redirect, or one that sets a cookie.
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (generation, response.content, response["Content-Type"]), settings.PAGE_CACHE_SECONDS)
        response["X-Page-Cache"] = "miss"
        patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


class CachedPageMiddleware:
    """Answer an anonymous reader's GET from the page cache before the rest of the stack runs.

    Placed after the security headers, the language and the refusal of control characters,
    before everything a cached page does not need: the session, the user, the second
    factor, CSRF, messages and the view. A request with a session cookie goes on to the
    view, which serves it from the cache only if nobody is signed in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and settings.PAGE_CACHE_SECONDS \
                and settings.SESSION_COOKIE_NAME not in request.COOKIES and is_public_page(request.path_info):
            key = page_key(request)
            stored, generation = stored_page(key)
            if stored is not None:
                return hit(stored)
            request.page_cache_miss = (key, generation)
        return self.get_response(request)


def content_changed(sender, **kwargs):
    """Any save or delete of a council or meetings record, or of a relation between them."""
    if kwargs.get("action", "post").startswith("pre"):
        return  # m2m_changed comes before and after; the change is made after
    if sender._meta.app_label in CONTENT_APPS and sender._meta.model_name != "pagegeneration":
        bump_generation()


def publication_changed(sender, **kwargs):
    bump_generation()


CONTENT_APPS = {"council", "meetings"}


def connect_signals():
    """Hook every content model generically: a model added later is covered without a line here."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from meetings.signals import session_published, session_withdrawn

    post_save.connect(content_changed, dispatch_uid="pages-post-save")
    post_delete.connect(content_changed, dispatch_uid="pages-post-delete")
    m2m_changed.connect(content_changed, dispatch_uid="pages-m2m")
    # Publication may be written with QuerySet.update(), which sends no post_save.
    session_published.connect(publication_changed, dispatch_uid="pages-published")
    session_withdrawn.connect(publication_changed, dispatch_uid="pages-withdrawn")


class StaffWriteMiddleware:
    """Retire cached pages after any write a signed-in staff member makes.

    Signals cover every save and delete; this also covers a change written with
    QuerySet.update() (an admin action, a bulk edit), which sends none. Staff
    writes are few, so an extra bump costs nothing worth counting.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD", "OPTIONS") and getattr(request, "user", None) is not None \
                and request.user.is_authenticated and request.user.is_staff:
            bump_generation()
        return response
