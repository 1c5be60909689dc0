"""Bearing's URLs plus one that never finishes on its own: the request time limit's test."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path

from bearing.okrs.models import Cycle
from bearing.urls import urlpatterns as bearing_urls


def spin(request: HttpRequest) -> HttpResponse:
    Cycle.objects.count()  # hold a connection, as a real request would
    while True:  # what a file bomb did to a worker: busy for ever
        pass


urlpatterns = [path("spin/", spin), path("api/v1/spin/", spin), *bearing_urls]
