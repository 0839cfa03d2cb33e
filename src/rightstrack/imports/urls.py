from django.urls import path

from rightstrack.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_list, name="import_list"),
    path("new/", views.import_create, name="import_create"),
    path("<int:pk>/", views.import_detail, name="import_detail"),
    path("<int:pk>/mapping/", views.import_mapping_update, name="import_mapping_update"),
    path("<int:pk>/commit/", views.import_commit, name="import_commit"),
    path("<int:pk>/retry/", views.import_retry, name="import_retry"),
    path("<int:pk>/labels/", views.import_labels_update, name="import_labels_update"),
]
