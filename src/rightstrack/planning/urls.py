from django.urls import path

from rightstrack.planning import views

app_name = "planning"
urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/", views.plan_create, name="plan_create"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/edit/", views.plan_update, name="plan_update"),
    path("<int:pk>/publish/", views.plan_publish, name="plan_publish"),
    path("<int:pk>/versions/new/", views.plan_version_create, name="plan_version_create"),
    path("<int:pk>/measures/new/", views.measure_create, name="measure_create"),
    path("measures/", views.measure_list, name="measure_list"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("measures/<int:pk>/edit/", views.measure_update, name="measure_update"),
    path("measures/<int:pk>/publish/", views.measure_publish, name="measure_publish"),
    path("measures/<int:pk>/delete/", views.measure_delete, name="measure_delete"),
    path("measures/<int:pk>/link/", views.measure_link, name="measure_link"),
    path("measures/<int:pk>/unlink/", views.measure_unlink, name="measure_unlink"),
    path("measures/pick/", views.measure_pick, name="measure_pick"),
    path("recommendations/pick/", views.recommendation_pick, name="recommendation_pick"),
    path("report/<str:kind>/<int:pk>/", views.progress_report_create, name="progress_report_create"),
    path("reports/<int:pk>/", views.progress_report_detail, name="progress_report_detail"),
    path("reports/<int:pk>/edit/", views.progress_report_update, name="progress_report_update"),
    path("reports/<int:pk>/transition/", views.progress_report_transition, name="progress_report_transition"),
    path("reports/<int:pk>/publish/", views.progress_report_publish, name="progress_report_publish"),
    path("reports/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("indicators/new/", views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", views.indicator_update, name="indicator_update"),
    path("indicators/<int:pk>/publish/", views.indicator_publish, name="indicator_publish"),
    path("indicators/<int:pk>/values/new/", views.indicator_value_add, name="indicator_value_add"),
]
