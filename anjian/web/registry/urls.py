"""The enterprise register and its import."""

from django.urls import path

from . import enterprises, imports

urlpatterns = [
    path("enterprises/", enterprises.enterprise_list, name="enterprise_list"),
    path("enterprises/<int:pk>/", enterprises.enterprise_detail, name="enterprise_detail"),
    path("import/", imports.import_page, name="import"),
    path("import/confirm/", imports.import_confirm, name="import_confirm"),
]
