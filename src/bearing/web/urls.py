from django.urls import path

from bearing.web import views

app_name = "web"

urlpatterns = [
    path("", views.start, name="start"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("o/<slug:org>/", views.home, name="home"),
]
