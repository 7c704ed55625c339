"""Long lists of sessions, read a few years at a time.

A body's, a member state's or a dossier's sessions grow with the archive (Egypt
attended thousands). Their pages show the latest years up to a budget of rows, or
one year chosen by `?year=2021` (`?year=undated` for sessions with no year yet): an
address that names what it shows and never shifts when sessions are added, unlike a
page number. A navigation lists every year with its count, read in one grouped query.
"""

from django.db.models import Count, F, Q
from django.http import Http404

# Rows shown when no year is chosen: whole years, newest first, until this many.
YEAR_PAGE_BUDGET = 60
UNDATED = "undated"


class YearPage:
    """The years of `rows` (a QuerySet) and the rows of the chosen ones."""

    def __init__(self, request, rows, year_field="year", newest_first=True):
        order = F(year_field).desc(nulls_first=True) if newest_first else F(year_field).asc(nulls_last=True)
        counts = rows.order_by().values_list(year_field).annotate(count=Count("pk", distinct=True)).order_by(order)
        self.years = [{"year": year, "count": count, "param": UNDATED if year is None else str(year)}
                      for year, count in counts]
        chosen = request.GET.get("year")
        if chosen is None:
            self.chosen = None
            shown, total = [], 0
            for entry in self.years:
                if shown and total + entry["count"] > YEAR_PAGE_BUDGET:
                    break
                shown.append(entry)
                total += entry["count"]
        else:
            shown = [entry for entry in self.years if entry["param"] == chosen]
            if not shown:
                raise Http404("No session in that year.")
            self.chosen = chosen
        for entry in self.years:
            entry["shown"] = entry in shown
        self.paged = len(shown) < len(self.years)
        years = [entry["year"] for entry in shown]
        chosen_years = Q(**{f"{year_field}__in": [year for year in years if year is not None]})
        if None in years:
            chosen_years |= Q(**{f"{year_field}__isnull": True})
        self.rows = rows.filter(chosen_years)
