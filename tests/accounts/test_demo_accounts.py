"""The demo's accounts show 三员分立: one per role, none a superuser, passwords that pass the policy."""

from django.contrib.auth import get_user_model

from anjian.accounts.models import Role
from anjian.accounts.scope import scope_for
from anjian.management.commands.demo import demo_accounts_create
from anjian.registry.models import Agency


def test_demo_creates_one_account_per_role_and_no_superuser(db):
    city = Agency.objects.create(name="吕梁市应急管理局", code="lvliang", level="city", region_code="141100")
    Agency.objects.create(
        name="夏县应急管理局", code="xiaxian", level="county", parent=city, region_code="140828"
    )
    made = demo_accounts_create()
    assert {role for _, _, role, _ in made} == set(Role.values)
    assert not get_user_model().objects.filter(is_superuser=True).exists()
    for username, password, role, _ in made:
        user = get_user_model().objects.get(username=username)
        assert user.check_password(password), username
        scope = scope_for(user)
        assert scope.handles_business == (role in (Role.LEADER, Role.OFFICE_HEAD, Role.OFFICER))
    assert get_user_model().objects.get(username="sysadmin").is_staff
    assert not get_user_model().objects.get(username="demo").is_staff


def test_running_the_demo_again_gives_new_passwords(db):
    Agency.objects.create(name="吕梁市应急管理局", code="lvliang", level="city", region_code="141100")
    Agency.objects.create(name="夏县应急管理局", code="xiaxian", level="county", region_code="140828")
    first = {u: p for u, p, _, _ in demo_accounts_create()}
    second = {u: p for u, p, _, _ in demo_accounts_create()}
    assert all(first[u] != second[u] for u in first)
    assert get_user_model().objects.count() == len(first)
