from django.urls import path

from rightstrack.core import views

app_name = "core"
urlpatterns = [path("", views.home, name="home"), path("favicon.ico", views.favicon, name="favicon")]
