from django.urls import path

from meetings import search_views, views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/report/", views.session_report, name="session_report"),
    path("dossiers/<slug:slug>/", views.dossier_detail, name="dossier"),
    path("member-states/<str:iso_code>/", views.member_state_detail, name="member_state"),
    path("documents/<int:pk>/", views.document_download, name="document"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("search/", search_views.search, name="search"),
    path("follow-up/", views.follow_up_board, name="follow_up"),
]
