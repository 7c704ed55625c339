"""The site-wide search page: /<lang>/search/?q=… (the logic is in meetings/search/)."""

from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from council.cache import cached_page
from council.models import Body, MemberState
from meetings.search import CANDIDATES, KINDS, MAX_QUERY_LENGTH, Filters, SearchError
from meetings.search import search as run_search

PER_GROUP = 5  # hits shown per kind when all kinds are searched
PER_PAGE = 20  # hits per page when one kind is chosen


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False)
    type = forms.ChoiceField(label=_("Show"), required=False,
                             choices=[("", _("Everything"))] + [(kind.key, kind.label) for kind in KINDS])
    body = forms.ModelChoiceField(label=_("Body"), required=False, queryset=Body.objects.all(),
                                  to_field_name="slug", empty_label=_("All bodies"))
    state = forms.ModelChoiceField(label=_("Member state"), required=False, queryset=MemberState.objects.all(),
                                   to_field_name="iso_code", empty_label=_("All member states"))
    year_from = forms.IntegerField(label=_("From year"), required=False, min_value=1945, max_value=2100)
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=1945, max_value=2100)
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000, widget=forms.HiddenInput)

    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from and year_to and year_from > year_to:
            raise ValidationError(
                _("The years are the wrong way round: %(start)s is after %(end)s."),
                params={"start": year_from, "end": year_to}, code="backwards")
        return cleaned

    def filters(self):
        data = self.cleaned_data
        return Filters(body=data["body"], member_state=data["state"], year_from=data["year_from"],
                       year_to=data["year_to"], kind=data["type"])


@cached_page  # the same results for every anonymous reader: a popular search is answered from the cache
def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, "max_length": MAX_QUERY_LENGTH, "candidates": CANDIDATES, "searched": "q" in request.GET}
    if context["searched"] and form.is_valid():
        one_kind = bool(form.cleaned_data["type"])
        page = form.cleaned_data["page"] or 1
        limit = PER_PAGE if one_kind else PER_GROUP
        # The site's search shows everyone what anyone may read (search()'s default reader): the
        # secretariat finds drafts in the admin, and a draft among these results would carry no mark.
        try:
            results = run_search(form.cleaned_data["q"], form.filters(), language=get_language()[:2],
                                 limit=limit, offset=(page - 1) * limit if one_kind else 0)
        except SearchError as error:
            context["message"] = str(error)
        else:
            for group in results.groups:
                group.more_url = _with(request.GET, type=group.kind.key, page=None)
                group.next_url = (_with(request.GET, page=page + 1)
                                  if one_kind and group.shown_total > page * limit else None)
                group.previous_url = _with(request.GET, page=page - 1 if page > 2 else None) if page > 1 else None
            context.update(results=results, one_kind=one_kind, page=page)
    return render(request, "meetings/search.html", context)


def _with(params, **changes):
    """The query string of this search with some parameters changed (None removes one)."""
    params = params.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    return "?" + params.urlencode()
