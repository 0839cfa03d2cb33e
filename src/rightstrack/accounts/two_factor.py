"""Two-factor sign-in (django-otp): an authenticator app's TOTP codes, and single-use recovery codes.

After the password, a session is held at one step until it is done: `verify` (the user has an authenticator and
must give a code) or `enrol` (their role requires one and they have none). The step is decided once, at sign-in,
and kept in the session, so an ordinary request costs no query.
"""

import hashlib
import secrets
from base64 import b32encode

import segno
from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

SESSION_KEY = "two_factor_step"
VERIFY, ENROL = "verify", "enrol"
RECOVERY_CODE_COUNT = 10


def two_factor_required(user) -> bool:
    """Whether this user may not use the app without an authenticator: their role, or staff access to /admin/."""
    required = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    return bool(required) and (user.role in required or user.is_staff or user.is_superuser)


def two_factor_step(user) -> str | None:
    """The step a fresh sign-in must pass: VERIFY, ENROL or None."""
    if user_has_device(user):
        return VERIFY
    return ENROL if two_factor_required(user) else None


def hold_session_at_step(sender, request, user, **kwargs):
    """On sign-in (the site's form, /admin/'s, a test client's): keep the session's two-factor step, if any."""
    step = two_factor_step(user)
    if request is not None and step is not None:
        request.session[SESSION_KEY] = step


def two_factor_passed(request, device) -> None:
    """The session has passed its step with `device`: it may use the app."""
    otp_login(request, device)
    request.session.pop(SESSION_KEY, None)


def totp_device_get(*, user) -> TOTPDevice | None:
    """The user's confirmed authenticator, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """An unconfirmed authenticator for enrolment; the same one until confirmed, so a reload keeps the QR code."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def totp_device_qr_svg(device: TOTPDevice) -> str:
    """The enrolment QR code as a data: URI (an SVG made here: no outside service sees the secret)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)


def totp_device_secret(device: TOTPDevice) -> str:
    """The secret in base32, grouped by four for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def totp_device_confirm(*, user, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the enrolment if `code` is the app's current code; returns the new recovery codes, or None."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user, confirmed=False)
    if not device.verify_token(code.strip()):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user=user)


def _normal(code: str) -> str:
    """A code as typed, without case, spaces or the hyphens recovery codes are shown with."""
    return code.strip().replace(" ", "").replace("-", "").lower()


def recovery_code_digest(code: str) -> str:
    """What is stored of a recovery code: 16 hex digits of its SHA-256 (django-otp's column holds 16 characters).
    A code carries 80 random bits, so someone who reads the database cannot search the digest back to a code."""
    return hashlib.sha256(_normal(code).encode()).hexdigest()[:16]


def _recovery_code() -> str:
    code = b32encode(secrets.token_bytes(10)).decode().lower()  # 16 characters, 80 bits
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


@transaction.atomic
def recovery_codes_renew(*, user) -> list[str]:
    """Replace the user's recovery codes with RECOVERY_CODE_COUNT new ones, each good for one sign-in; only their
    digests are stored, so the codes are shown this once."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="recovery", defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=recovery_code_digest(code)) for code in codes)
    return codes


def recovery_codes_left(*, user) -> int:
    """How many unused recovery codes the user has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def two_factor_check(*, user, code: str):
    """The device that accepts `code` (an app code or an unused recovery code, which is then spent), or None.

    Each device throttles its own failures (django-otp doubles the wait after each wrong code). A recovery code is
    compared by its digest (`recovery_code_digest`), as it is stored."""
    code = _normal(code)
    if not code:
        return None
    with transaction.atomic():
        for device in devices_for_user(user, for_verify=True):
            if device.verify_token(recovery_code_digest(code) if isinstance(device, StaticDevice) else code):
                return device
    return None


@transaction.atomic
def two_factor_disable(*, user) -> None:
    """Remove the user's authenticator and recovery codes (not allowed where their role requires them)."""
    if two_factor_required(user):
        raise PermissionError("two-factor sign-in is required for this account")
    for device in devices_for_user(user, confirmed=None):
        device.delete()
