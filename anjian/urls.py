from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "安监计划 管理后台"
admin.site.site_title = "安监计划"
admin.site.index_title = "安全生产年度监督检查计划"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("anjian.web.urls")),
]
