from django.urls import path

from rightstrack.taxonomy import views

app_name = "taxonomy"
urlpatterns = [
    path("", views.term_list, name="term_list"),
    path("terms/<int:pk>/", views.term_detail, name="term_detail"),
    path("terms/<int:pk>/edit/", views.term_update, name="term_update"),
    path("aliases/<int:pk>/delete/", views.term_alias_delete, name="term_alias_delete"),
    path("tag/recommendation/<int:pk>/", views.tag_assign, name="tag_assign"),
    path("tags/decide/", views.tag_decide, name="tag_decide"),
]
