"""Two-factor sign-in (finding 7): enrolment, the code after the password, recovery codes, required roles."""

import re

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from rightstrack.accounts import two_factor
from tests.factories import PASSWORD

REQUIRED = ["administrator", "coordinator"]


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = REQUIRED


def current_code(device) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def enrolled(user) -> tuple[TOTPDevice, list[str]]:
    """A user with a confirmed authenticator (through the services), and their recovery codes."""
    device = two_factor.totp_device_start(user=user)
    codes = two_factor.totp_device_confirm(user=user, device=device, code=current_code(device))
    device.refresh_from_db()
    device.last_t = -1  # the enrolment spent this period's code; let the test use it once more
    device.save(update_fields=["last_t"])
    return device, codes


def sign_in(username, url="/accounts/login/") -> Client:
    client = Client()
    assert client.post(url, {"username": username, "password": PASSWORD}).status_code == 302
    return client


@pytest.mark.parametrize("role", REQUIRED)
def test_required_roles_cannot_use_the_app_until_enrolled(world, required, role):
    client = sign_in(world.users[role].username)
    for path in ["/", "/recommendations/", "/admin/" if role == "administrator" else "/plans/"]:
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/?next=")
    assert client.post(f"/recommendations/{world.recommendation.pk}/edit/", {"text": "changed"}).status_code == 302
    world.recommendation.refresh_from_db()
    assert world.recommendation.text.startswith("Ratify")


def test_optional_roles_are_not_held_and_nothing_is_required_in_the_demo(world, settings):
    assert sign_in("viewer").get("/").status_code == 200
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    assert sign_in("coord").get("/").status_code == 200


def test_enrolment_shows_a_local_qr_code_and_the_secret_then_a_right_code_lets_the_user_in(world, required):
    client = sign_in("coord")
    page = client.get("/accounts/two-factor/?next=/plans/").content.decode()
    assert 'src="data:image/svg+xml' in page
    device = TOTPDevice.objects.get(user=world.users["coordinator"], confirmed=False)
    assert two_factor.totp_device_secret(device) in page
    wrong = client.post("/accounts/two-factor/", {"code": "000000" if current_code(device) != "000000" else "111111",
                                                  "next": "/plans/"})
    assert wrong.status_code == 200 and "This code is wrong" in wrong.content.decode()
    assert client.get("/").status_code == 302
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a second
    done = client.post("/accounts/two-factor/", {"code": current_code(device), "next": "/plans/"})
    codes = re.findall(r"<li><code>([\w-]+)</code></li>", done.content.decode())
    assert done.status_code == 200 and len(codes) == two_factor.RECOVERY_CODE_COUNT
    assert client.get("/").status_code == 200
    assert TOTPDevice.objects.get(user=world.users["coordinator"]).confirmed


@pytest.mark.parametrize("login_url", ["/accounts/login/", "/admin/login/"])
def test_an_enrolled_user_gives_a_code_after_the_password(world, login_url):
    device, _ = enrolled(world.users["administrator"])
    client = sign_in("admin", login_url)
    held = client.get("/admin/")
    assert held.status_code == 302 and held["Location"].startswith("/accounts/two-factor/verify/")
    passed = client.post("/accounts/two-factor/verify/", {"code": current_code(device), "next": "/admin/"})
    assert passed.status_code == 302 and passed["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_and_keeps_the_session_held(world):
    device, _ = enrolled(world.users["viewer"])  # optional roles, once enrolled, are asked too
    client = sign_in("viewer")
    wrong = "000000" if current_code(device) != "000000" else "111111"
    refused = client.post("/accounts/two-factor/verify/", {"code": wrong})
    assert refused.status_code == 200 and "This code is wrong" in refused.content.decode()
    assert client.get("/").status_code == 302
    # django-otp throttles: straight after a failure even the right code is refused.
    assert client.post("/accounts/two-factor/verify/", {"code": current_code(device)}).status_code == 200


def test_a_recovery_code_works_once(world):
    _, codes = enrolled(world.users["coordinator"])
    first = sign_in("coord")
    assert first.post("/accounts/two-factor/verify/", {"code": codes[0].upper()}).status_code == 302
    assert first.get("/").status_code == 200
    assert two_factor.recovery_codes_left(user=world.users["coordinator"]) == len(codes) - 1
    again = sign_in("coord")
    assert again.post("/accounts/two-factor/verify/", {"code": codes[0]}).status_code == 200
    assert again.get("/").status_code == 302


def test_recovery_codes_are_stored_as_digests_only(world):
    from django_otp.plugins.otp_static.models import StaticToken

    _, codes = enrolled(world.users["coordinator"])
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(codes) == len(stored) == 10 and all(len(code.replace("-", "")) == 16 for code in codes)
    assert stored == {two_factor.recovery_code_digest(code) for code in codes}
    assert stored.isdisjoint({code.replace("-", "") for code in codes} | set(codes))
    digest = sorted(stored)[0]  # someone who read the database cannot sign in with what they read
    assert sign_in("coord").post("/accounts/two-factor/verify/", {"code": digest}).status_code == 200


def test_a_held_session_cannot_renew_codes_or_turn_two_factor_off(world):
    enrolled(world.users["viewer"])
    client = sign_in("viewer")
    assert client.post("/accounts/two-factor/", {"action": "disable"}).status_code == 302
    assert TOTPDevice.objects.filter(user=world.users["viewer"], confirmed=True).exists()


def test_required_roles_cannot_turn_it_off_and_others_can(world, required):
    client = Client()
    for role in ["coordinator", "viewer"]:
        enrolled(world.users[role])
        client.force_login(world.users[role])
        session = client.session  # as if the sign-in's code was given
        session.pop(two_factor.SESSION_KEY, None)
        session.save()
        client.post("/accounts/two-factor/", {"action": "disable"})
    assert TOTPDevice.objects.filter(user=world.users["coordinator"]).exists()
    assert not TOTPDevice.objects.filter(user=world.users["viewer"]).exists()


def test_codes_stored_before_are_hashed_by_the_migration_and_still_work(world):
    from importlib import import_module

    from django.apps import apps
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    user = world.users["viewer"]
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    StaticToken.objects.create(device=device, token="abcd2345")  # as django-otp kept it
    import_module("rightstrack.accounts.migrations.0002_hash_recovery_codes").hash_codes(apps, None)
    assert list(StaticToken.objects.values_list("token", flat=True)) == [two_factor.recovery_code_digest("abcd2345")]
    assert two_factor.two_factor_check(user=user, code="ABCD 2345") == device
    assert not StaticToken.objects.exists()  # spent
