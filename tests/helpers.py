"""Helpers shared by the tests: addresses, pages read as text, query counts, forms read as a browser would."""

from datetime import timedelta
from html.parser import HTMLParser

from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation


def address(obj, language="en"):
    """A public object's address in a language, as its pages link to it."""
    with translation.override(language):
        return obj.get_absolute_url()


def time_passes(seconds):
    """Move every sign-in failure django-axes has counted `seconds` into the past, as if that time had gone by."""
    from axes.models import AccessAttempt

    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(seconds=seconds))


def site_url(language, name, *args):
    """The public address `meetings:<name>` in a language."""
    with translation.override(language):
        return reverse(f"meetings:{name}", args=args)


def admin_url(language, name, *args, query=""):
    """The admin address `admin:<name>` in a language."""
    with translation.override(language):
        return reverse(f"admin:{name}", args=args) + query


def page(client, url):
    """The HTML of a page that must answer 200."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def between(html, start, end):
    """The part of the page from one marker to the next."""
    return html.split(start, 1)[1].split(end, 1)[0]


def queries_for(client, url):
    """How many queries a page that must answer 200 makes."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


# --- Forms as a browser submits them ----------------------------------------


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values = {}
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values[name] = attrs.get("value", "on")
            else:
                self.values[name] = attrs.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.values.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data.lstrip("\n") if not self.values[self._textarea] else data


def form_values(response):
    """Return {name: value} for every field the page would submit (empty inline templates excluded)."""
    reader = _FormReader()
    reader.feed(response.content.decode())
    return {name: value for name, value in reader.values.items() if "__prefix__" not in name}
