"""Login, password, the 三员 account page and the audit log."""

from django.urls import path

from . import accounts, agencies, audit_log, auth, second_factor

urlpatterns = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("password/", auth.PasswordChangeView.as_view(), name="password_change"),
    path("audit/", audit_log.audit_log, name="audit_log"),
    path("accounts/", accounts.account_list, name="account_list"),
    path("accounts/<int:pk>/role/", accounts.account_role, name="account_role"),
    path("agencies/", agencies.agency_list, name="agency_list"),
    path("agencies/<int:pk>/", agencies.agency_edit, name="agency_edit"),
    path("otp/", second_factor.otp_verify, name="otp_verify"),
    path("accounts/<int:pk>/otp/", second_factor.otp_enrol, name="otp_enrol"),
]
