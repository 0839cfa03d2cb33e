from django.urls import path

from rightstrack.exports import views

app_name = "exports"
urlpatterns = [path("<slug:kind>.<slug:fmt>", views.export, name="export")]
