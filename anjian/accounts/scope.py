"""A user's scope: the agencies they may see (their own and every one below it) and what they may change.

Upper levels read the agencies below them but change nothing there; an object outside the scope is answered
with 404 so that its existence is not disclosed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from anjian.registry.models import Agency

from .models import ADMIN_ROLES, APPROVER_ROLES, EDITOR_ROLES, Membership, Role


@dataclass(frozen=True)
class Scope:
    agency_ids: frozenset[int]
    home_id: int | None
    role: str
    superuser: bool = False
    officer_id: int | None = None
    office_id: int | None = None

    @property
    def role_label(self) -> str:
        return "超级用户" if self.superuser else Role(self.role).label if self.role else "未分配角色"

    @property
    def handles_business(self) -> bool:
        """三员分立: administrators manage accounts and audit, never plans or enterprises."""
        return self.superuser or (bool(self.role) and self.role not in ADMIN_ROLES)

    @property
    def reads_audit(self) -> bool:
        return self.superuser or self.role == Role.AUDIT_ADMIN

    @property
    def manages_accounts(self) -> bool:
        return self.superuser or self.role in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN)

    def sees(self, agency_id: int | None) -> bool:
        return agency_id in self.agency_ids

    def edits(self, agency_id: int | None) -> bool:
        return self.superuser or (self.role in EDITOR_ROLES and agency_id == self.home_id)

    def approves(self, agency_id: int | None) -> bool:
        return self.superuser or (self.role in APPROVER_ROLES and agency_id == self.home_id)

    def check_visible(self, agency_id: int | None) -> None:
        if not self.sees(agency_id):
            raise Http404("不在本账号的管辖范围内")


def subtree_ids(agency_id: int) -> frozenset[int]:
    ids, frontier = {agency_id}, [agency_id]
    while frontier:
        frontier = list(Agency.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        ids.update(frontier)
    return frozenset(ids)


def scope_for(user) -> Scope:  # an auth user
    if not user.is_authenticated:
        return Scope(frozenset(), None, "")
    if user.is_superuser:
        return Scope(frozenset(Agency.objects.values_list("pk", flat=True)), None, "", superuser=True)
    m = Membership.objects.filter(user=user).first()
    if m is None:
        return Scope(frozenset(), None, "")
    return Scope(
        subtree_ids(m.agency_id), m.agency_id, m.role, officer_id=m.officer_id, office_id=m.office_id
    )


def request_scope(request) -> Scope:
    if not hasattr(request, "_anjian_scope"):
        request._anjian_scope = scope_for(request.user)
    return request._anjian_scope
