from django.urls import path

from rightstrack.legislation import views

app_name = "legislation"
urlpatterns = [
    path("", views.legal_act_list, name="legal_act_list"),
    path("new/", views.legal_act_create, name="legal_act_create"),
    path("<int:pk>/", views.legal_act_detail, name="legal_act_detail"),
    path("<int:pk>/edit/", views.legal_act_update, name="legal_act_update"),
    path("<int:pk>/publish/", views.legal_act_publish, name="legal_act_publish"),
    path("<int:pk>/delete/", views.legal_act_delete, name="legal_act_delete"),
    path("<int:pk>/amendments/new/", views.amendment_create, name="amendment_create"),
]
