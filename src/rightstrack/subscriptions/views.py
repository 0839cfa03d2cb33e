"""Sign-up, confirmation and unsubscribe pages. Thin: parse, call a service, render."""

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import is_ratelimited

from rightstrack.core.views import run_service
from rightstrack.subscriptions import selectors, services
from rightstrack.subscriptions.consent import consent_text
from rightstrack.subscriptions.forms import SubscribeForm

INITIAL_KEYS = {"theme": "themes", "mechanism": "mechanisms", "institution": "institutions"}


def subscribe(request):
    """The sign-up form; `?theme=ID` (or mechanism, institution) pre-ticks what the visitor came from. The Preview
    button shows what a digest on the ticked topics would hold, sends nothing and keeps the form as it was."""
    context = {"consent_text": consent_text(), "theme_tree": selectors.theme_tree(),
               "mechanisms": selectors.mechanisms_with_counts()}
    if request.method == "POST" and "preview" in request.POST:
        posted = SubscribeForm(request.POST)
        chosen = posted.chosen_topics()
        form = SubscribeForm(initial={"email": request.POST.get("email", ""), "themes": chosen["terms"],
                                      "mechanisms": chosen["mechanisms"], "institutions": chosen["institutions"]})
        return render(request, "subscriptions/subscribe.html", {
            **context, "form": form, "ticked": _ticked(form), "preview": selectors.digest_preview(**chosen)})
    if request.method == "POST" and is_ratelimited(request, group="subscribe", key="ip", method="POST",
                                                    rate=settings.SUBSCRIPTIONS_CLIENT_RATE, increment=True):
        return render(request, "subscriptions/too_many.html", status=429)
    initial = {field: request.GET.getlist(key) for key, field in INITIAL_KEYS.items() if request.GET.get(key)}
    form = SubscribeForm(request.POST or None, initial=initial)
    return run_service(
        request, form,
        lambda v: services.subscription_request(language=(get_language() or "en")[:2], **v),
        success_url=reverse("subscriptions:subscribe_sent"), template="subscriptions/subscribe.html",
        context={**context, "ticked": _ticked(form)})


def _ticked(form) -> dict[str, set[int]]:
    """The ids ticked in each topic list, from the posted data or the initial values."""
    ticked = {}
    for name in ("themes", "mechanisms"):
        values = form.data.getlist(name) if form.is_bound else form.initial.get(name, [])
        ticked[name] = {int(getattr(v, "pk", v)) for v in values if str(getattr(v, "pk", v)).isdigit()}
    return ticked


def subscribe_sent(request):
    """Same page whether or not the address was known: the form reveals nothing about subscribers."""
    return render(request, "subscriptions/sent.html")


def confirm(request, token):
    """GET shows one button; the POST records the confirmation (link scanners only ever GET)."""
    if request.method != "POST":
        return render(request, "subscriptions/confirm.html", {"token": token})
    try:
        subscriber = services.subscription_confirm(token=token)
    except services.InvalidToken:
        return render(request, "subscriptions/invalid.html", status=400)
    return render(request, "subscriptions/confirmed.html", {"subscriber": subscriber})


@csrf_exempt  # RFC 8058: mail clients POST here without a form; the signed token authorises it
def unsubscribe(request, token):
    """One-click unsubscribe: the button on the page, or the List-Unsubscribe-Post request of a mail client."""
    if request.method != "POST":
        return render(request, "subscriptions/unsubscribe.html", {"token": token})
    try:
        services.subscription_cancel(token=token)
    except services.InvalidToken:
        return render(request, "subscriptions/invalid.html", status=400)
    return render(request, "subscriptions/unsubscribed.html")
