from django.urls import path

from rightstrack.subscriptions import views

app_name = "subscriptions"
urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("sent/", views.subscribe_sent, name="subscribe_sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
