from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.home, name="home"),
    path("bodies/<slug:slug>/", views.body_detail, name="body"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("dossiers/<slug:slug>/", views.dossier_detail, name="dossier"),
]
