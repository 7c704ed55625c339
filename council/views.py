"""Views of the whole site that belong to no app's pages."""

import uuid

from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Answer 200 when this server can read its database and its cache, 503 naming what fails.

    For a load balancer's or orchestrator's health check: it says nothing about
    content, needs no sign-in, and takes a millisecond.
    """
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception as exc:  # any failure is the answer, not a 500
        checks["database"] = f"error: {exc.__class__.__name__}"
    try:
        probe = uuid.uuid4().hex  # a key of its own: servers sharing the cache check at once
        cache.set(f"healthz:{probe}", probe, 10)
        checks["cache"] = "ok" if cache.get(f"healthz:{probe}") == probe else "error: the value read back differs"
        cache.delete(f"healthz:{probe}")
    except Exception as exc:
        checks["cache"] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def robots_txt(request):
    """Crawlers read the public pages from the sitemap and leave the secretariat's admin alone."""
    sitemap = request.build_absolute_uri("/sitemap.xml")
    lines = ["User-agent: *", "Disallow: /ar/admin/", "Disallow: /en/admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
