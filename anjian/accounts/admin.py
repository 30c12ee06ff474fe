from django.contrib import admin

from .models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "agency", "office", "password_changed_at")
    list_filter = ("role", "agency")
    search_fields = ("user__username",)
