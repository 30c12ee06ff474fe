"""Signal handlers that append create/update/delete of registry, plan, draw and schedule rows, and logins.

Rows written with bulk_create (compiled entries, scheduled visits, imported enterprises) send no signals;
they are covered by the event of the version or import that wrote them (see anjian.web views).
"""

from __future__ import annotations

import json

from django.contrib.auth import signals as auth_signals
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import signals
from django.forms.models import model_to_dict

from anjian.accounts import signals as account_signals

from .chain import record
from .context import client_ip
from .models import AuditEvent

WATCHED = (
    "registry.Agency", "registry.Office", "registry.Officer", "registry.Enterprise", "registry.RiskFact",
    "plans.Plan", "plans.PlanVersion", "plans.PlanEntry", "plans.Draw", "plans.WorkdaySheet",
    "plans.ScheduledVisit", "plans.EntryOverride", "accounts.Membership",
    "execution.Inspection", "execution.RectificationOrder", "execution.Hazard", "execution.Review",
    "execution.PenaltyDecision", "execution.PlanAdjustment", "plans.WorkdayLineEdit", "plans.CapJustification",
    "execution.ItemListPublication", "execution.InspectionItem", "execution.ContactPoint", "execution.ContactFeedback",
    "execution.ReportSubmission", "auth.User",
)  # fmt: skip
# How to reach the agency that owns a row, for scoping the auditor's search.
AGENCY_PATH = {
    "registry.Agency": "pk", "registry.Office": "agency_id", "registry.Officer": "office.agency_id",
    "registry.Enterprise": "agency_id", "registry.RiskFact": "enterprise.agency_id", "plans.Plan": "agency_id",
    "plans.PlanVersion": "plan.agency_id", "plans.EntryOverride": "plan.agency_id",
    "accounts.Membership": "agency_id", "execution.Inspection": "agency_id",
    "execution.RectificationOrder": "inspection.agency_id", "execution.Hazard": "inspection.agency_id",
    "execution.Review": "order.inspection.agency_id", "execution.PenaltyDecision": "inspection.agency_id",
    "execution.PlanAdjustment": "plan.agency_id", "plans.WorkdayLineEdit": "plan.agency_id",
    "plans.CapJustification": "plan.agency_id", "execution.ItemListPublication": "agency_id",
    "execution.InspectionItem": "agency_id", "execution.ContactPoint": "agency_id",
    "execution.ContactFeedback": "contact_point.agency_id", "execution.ReportSubmission": "agency_id",
    "auth.User": "membership.agency_id",
}  # fmt: skip
# A password change is its own event (accounts.history); last_login is already the login event.
SKIPPED_FIELDS = {"updated_at", "password", "last_login"}


def snapshot(instance) -> dict:
    data = model_to_dict(instance, fields=[f.name for f in instance._meta.concrete_fields])
    data = {k: v for k, v in data.items() if k not in SKIPPED_FIELDS}
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False))


def agency_of(instance) -> int | None:
    path = AGENCY_PATH.get(instance._meta.label, "version.plan.agency_id")
    value = instance
    try:
        for part in path.split("."):
            value = getattr(value, part)
    except Exception:  # a dangling relation during a cascade must not stop the write
        return None
    return value


def _pre_save(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._audit_before = None
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = snapshot(old) if old is not None else None


def _post_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    after = snapshot(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        record(AuditEvent.Action.CREATE, obj=instance, agency_id=agency_of(instance), after=after)
        return
    changed = {k for k in after if before.get(k) != after[k]}
    if changed:
        record(
            AuditEvent.Action.UPDATE, obj=instance, agency_id=agency_of(instance),
            before={k: before.get(k) for k in changed}, after={k: after[k] for k in changed},
        )  # fmt: skip


def _post_delete(sender, instance, **kwargs):
    record(AuditEvent.Action.DELETE, obj=instance, agency_id=agency_of(instance), before=snapshot(instance))


def _home_agency(username: str) -> int | None:
    """The agency of the account, so that an auditor sees the logins of the agencies in their scope."""
    from anjian.accounts.models import Membership

    return Membership.objects.filter(user__username=username).values_list("agency_id", flat=True).first()


def _logged_in(sender, request, user, **kwargs):
    name = user.get_username()
    record(
        AuditEvent.Action.LOGIN,
        actor=name,
        ip_address=client_ip(request),
        obj=user,
        agency_id=_home_agency(name),
    )


def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        name = user.get_username()
        record(
            AuditEvent.Action.LOGOUT, actor=name, ip_address=client_ip(request), obj=user,
            agency_id=_home_agency(name),
        )  # fmt: skip


def _login_failed(sender, credentials, request=None, **kwargs):
    name = str(credentials.get("username", ""))[:150]
    record(
        AuditEvent.Action.LOGIN_FAILED, actor=name, ip_address=client_ip(request) if request else None,
        object_type="auth.User", object_repr=name, agency_id=_home_agency(name),
    )  # fmt: skip


def _password_changed(sender, user, agency_id=None, **kwargs):
    record(AuditEvent.Action.PASSWORD_CHANGE, obj=user, agency_id=agency_id)


def _otp_enrolled(sender, user, agency_id=None, **kwargs):
    record(AuditEvent.Action.OTP_ENROL, obj=user, agency_id=agency_id)


def connect() -> None:
    from django.apps import apps

    for label in WATCHED:
        model = apps.get_model(label)
        uid = f"audit-{label}"
        signals.pre_save.connect(_pre_save, sender=model, dispatch_uid=f"{uid}-pre")
        signals.post_save.connect(_post_save, sender=model, dispatch_uid=f"{uid}-post")
        signals.post_delete.connect(_post_delete, sender=model, dispatch_uid=f"{uid}-del")
    auth_signals.user_logged_in.connect(_logged_in, dispatch_uid="audit-login")
    auth_signals.user_logged_out.connect(_logged_out, dispatch_uid="audit-logout")
    auth_signals.user_login_failed.connect(_login_failed, dispatch_uid="audit-login-failed")
    account_signals.password_changed.connect(_password_changed, dispatch_uid="audit-password-changed")
    account_signals.otp_enrolled.connect(_otp_enrolled, dispatch_uid="audit-otp-enrolled")
