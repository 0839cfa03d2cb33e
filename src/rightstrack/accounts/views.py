"""The language switch, and the two-factor pages: the code after the password, enrolment and recovery codes."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from rightstrack.accounts import two_factor
from rightstrack.accounts.forms import TwoFactorCodeForm
from rightstrack.accounts.services import user_language_set
from rightstrack.audit.models import AuditEvent
from rightstrack.audit.services import audit_record


@require_POST
def set_language(request):
    """Set the language cookie and, for a signed-in user, their saved language (used on every browser and e-mail)."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_language_set(user=request.user, language=language)
    return response


def _next_url(request) -> str:
    """Where to go once the step is passed: the page asked for, if it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("dashboards:home")


@login_required
def two_factor_verify(request):
    """After the password: a code from the authenticator app, or one recovery code."""
    next_url = _next_url(request)
    if request.session.get(two_factor.SESSION_KEY) != two_factor.VERIFY:
        return redirect(next_url)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.two_factor_check(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            two_factor.two_factor_passed(request, device)
            return redirect(next_url)
        audit_record(kind=AuditEvent.Kind.TWO_FACTOR_FAILED, request=request)
        form.add_error("code", _("This code is wrong, expired or already used. Wait a few seconds and try again."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": next_url})


@login_required
def two_factor_setup(request):
    """Enrol an authenticator app (QR code and secret, then a code to confirm), or manage the one enrolled."""
    user, next_url = request.user, _next_url(request)
    if request.session.get(two_factor.SESSION_KEY) == two_factor.VERIFY:
        return redirect(f"{reverse('accounts:two_factor_verify')}?{urlencode({'next': next_url})}")
    device = two_factor.totp_device_get(user=user)
    if device is None:
        return _enrol(request, next_url)
    if request.method == "POST" and request.POST.get("action") == "codes":
        codes = two_factor.recovery_codes_renew(user=user)
        return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": next_url})
    if request.method == "POST" and request.POST.get("action") == "disable" and not two_factor.two_factor_required(user):
        two_factor.two_factor_disable(user=user)
        messages.success(request, _("Two-factor sign-in is off for your account."))
        return redirect("accounts:two_factor_setup")
    return render(request, "accounts/two_factor_setup.html", {
        "device": device, "codes_left": two_factor.recovery_codes_left(user=user),
        "required": two_factor.two_factor_required(user)})


def _enrol(request, next_url):
    """The enrolment form; a right code confirms the authenticator and shows the recovery codes once."""
    device = two_factor.totp_device_start(user=request.user)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.totp_device_confirm(user=request.user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            two_factor.two_factor_passed(request, device)
            return render(request, "accounts/two_factor_codes.html", {"codes": codes, "next": next_url})
        form.add_error("code", _("This code is wrong or expired. Check the time on your phone and try again."))
    return render(request, "accounts/two_factor_enrol.html", {
        "form": form, "next": next_url, "qr": two_factor.totp_device_qr_svg(device),
        "secret": two_factor.totp_device_secret(device), "required": two_factor.two_factor_required(request.user)})
