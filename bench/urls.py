"""The site's addresses plus /bare/: a Django view that returns "ok", through the same
middleware and the same process, so that each page's throughput reads as a share of it."""

from django.http import HttpResponse
from django.urls import path

from council.urls import urlpatterns as site


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("bare/", bare), *site]
