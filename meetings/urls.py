"""The delegates' site. Every address is spelled here once; links come from get_absolute_url() or reverse()."""

from django.urls import path, register_converter

from council import accounts, signin
from meetings import feeds, notification_views, output_views, search_views, views

app_name = "meetings"


class SessionNumber:
    """A session's number as its address shows it: "48", or "extraordinary-3" for an extraordinary one.

    The value is (kind, number): ordinary sessions and meetings carry no prefix.
    """

    regex = r"(?:extraordinary-)?[1-9][0-9]{0,2}"

    def to_python(self, value):
        prefix, _, number = value.rpartition("-")
        return (prefix or "ordinary", int(number))

    def to_url(self, value):
        kind, number = value
        return f"extraordinary-{number}" if kind == "extraordinary" else str(number)


class IsoCode:
    """Two letters; anything else is not a member state's address (and never reaches the database)."""

    regex = "[A-Za-z]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(SessionNumber, "session_number")
register_converter(IsoCode, "iso_code")

urlpatterns = [
    path("", views.home, name="home"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
    path("bodies/<slug:slug>/sessions/<session_number:number>/", views.session_detail, name="session"),
    path("bodies/<slug:slug>/sessions/<session_number:number>/report/", views.session_report, name="session_report"),
    # The first addresses used the database id; links to them keep working (301).
    path("sessions/<int:pk>/", views.session_by_id, name="session_by_id"),
    path("sessions/<int:pk>/report/", views.session_by_id, {"page": "session_report"}, name="session_report_by_id"),
    path("bodies/<slug:slug>/calendar.ics", output_views.body_calendar, name="body_calendar"),
    path("bodies/<slug:slug>/feed/", feeds.PublicationFeed(), name="body_feed"),
    path("bodies/<slug:slug>/sessions/<session_number:number>/calendar.ics", output_views.session_calendar,
         name="session_calendar"),
    path("bodies/<slug:slug>/sessions/<session_number:number>/agenda.pdf", output_views.session_pdf,
         {"kind": "agenda"}, name="agenda_pdf"),
    path("bodies/<slug:slug>/sessions/<session_number:number>/outcomes.pdf", output_views.session_pdf,
         {"kind": "outcomes"}, name="outcomes_pdf"),
    path("bodies/<slug:slug>/sessions/<session_number:number>/report.pdf", output_views.report_pdf,
         name="report_pdf"),
    path("calendar.ics", output_views.all_sessions_calendar, name="calendar"),
    path("feed/", feeds.PublicationFeed(), name="feed"),
    path("dossiers/<slug:slug>/", views.dossier_detail, name="dossier"),
    path("member-states/<iso_code:iso_code>/", views.member_state_detail, name="member_state"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("notifications/", notification_views.my_notifications, name="notifications"),
    path("notifications/unsubscribe/<str:token>/", notification_views.unsubscribe, name="unsubscribe"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("account/second-factor/", signin.second_factor, name="second_factor"),
    path("password/forgotten/", accounts.ForgottenPasswordView.as_view(), name="password_reset"),
    path("password/forgotten/sent/", accounts.ForgottenPasswordSentView.as_view(), name="password_reset_done"),
    path("password/set/<uidb64>/<token>/", accounts.SetPasswordView.as_view(), name="password_reset_confirm"),
    path("password/set/done/", accounts.PasswordSetView.as_view(), name="password_reset_complete"),
    path("search/", search_views.search, name="search"),
    path("follow-up/", views.follow_up_board, name="follow_up"),
]
