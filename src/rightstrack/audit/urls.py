from django.urls import path

from rightstrack.audit import views

app_name = "audit"
urlpatterns = [
    path("", views.audit_event_list_view, name="audit_event_list"),
]
