"""The audit log: sign-ins, failed sign-ins, API token use, role and permission changes and exports of non-public
data are written; administrators read them (a page, the admin) and nobody edits them."""

import pytest
from django.test import Client

from rightstrack.api.models import api_token_create
from rightstrack.audit.models import AuditEvent
from tests.factories import PASSWORD

Kind = AuditEvent.Kind


def events(kind):
    return list(AuditEvent.objects.filter(kind=kind).order_by("id"))


def test_sign_ins_and_failed_sign_ins_are_recorded_with_the_address(world):
    client = Client(REMOTE_ADDR="203.0.113.9")
    client.post("/accounts/login/", {"username": "coord", "password": "wrong"})
    client.post("/admin/login/", {"username": "nobody", "password": "wrong"})
    client.post("/accounts/login/", {"username": "coord", "password": PASSWORD})
    failed = events(Kind.SIGN_IN_FAILED)
    assert [(e.username, e.ip_address, e.actor) for e in failed] == [("coord", "203.0.113.9", None),
                                                                     ("nobody", "203.0.113.9", None)]
    [signed_in] = events(Kind.SIGN_IN)
    assert (signed_in.actor, signed_in.username, signed_in.ip_address) == (world.users["coordinator"], "coord",
                                                                            "203.0.113.9")


def test_api_token_use_and_refused_tokens_are_recorded(client, world):
    token = api_token_create(user=world.users["focal_point"], name="ministry system")[1]
    client.get("/api/v1/recommendations", HTTP_AUTHORIZATION=f"Bearer {token}")
    client.get("/api/v1/recommendations", HTTP_AUTHORIZATION="Bearer rt_guessed")
    client.get("/api/v1/recommendations")  # anonymous reads are not token use
    [used] = events(Kind.TOKEN_USED)
    assert used.actor == world.users["focal_point"] and used.target == "GET /api/v1/recommendations"
    [refused] = events(Kind.TOKEN_REFUSED)
    assert refused.actor is None


def changes_of(username):
    """The account-change events of a user after the account's creation (which is recorded too)."""
    return [e for e in events(Kind.ACCOUNT_CHANGED) if e.target == username and not e.detail.get("created")]


def test_role_and_permission_changes_are_recorded(world):
    [created] = [e for e in events(Kind.ACCOUNT_CHANGED) if e.target == "viewer"]
    assert created.detail["changes"]["role"] == [None, "viewer"]
    viewer = world.users["viewer"]
    viewer.role = "coordinator"
    viewer.save()
    viewer.institutions.add(world.chr)
    viewer.save()  # nothing watched changed: no event
    assert [e.detail for e in changes_of("viewer")] == [{"created": False, "changes": {"role": ["viewer", "coordinator"]}},
                       {"institutions": {"add": [str(world.chr)]}}]


def test_a_role_change_in_the_admin_names_the_administrator(world):
    client = Client(REMOTE_ADDR="203.0.113.10")
    client.force_login(world.users["administrator"])
    user = world.users["viewer"]
    response = client.get(f"/admin/accounts/user/{user.pk}/change/")
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None and name != "password"}
    data = {k: ([str(x) for x in v] if isinstance(v, (list, tuple)) else v) for k, v in data.items()}
    data.update({"role": "coordinator", "last_login_0": "", "last_login_1": "",
                 "date_joined_0": user.date_joined.strftime("%Y-%m-%d"), "date_joined_1": "00:00:00"})
    data.pop("last_login", None)
    data.pop("date_joined", None)
    assert client.post(f"/admin/accounts/user/{user.pk}/change/", data).status_code == 302
    [event] = changes_of("viewer")
    assert event.actor == world.users["administrator"] and event.ip_address == "203.0.113.10"
    assert event.detail["changes"] == {"role": ["viewer", "coordinator"]}
    page = client.get("/audit/?kind=account_changed").content.decode()
    assert "role: viewer → coordinator" in page and "{&#x27;" not in page  # read as words, never a Python dict


def test_exports_by_signed_in_readers_are_recorded_and_public_ones_are_not(client, world):
    client.get("/exports/recommendations.csv")
    assert events(Kind.EXPORT) == []
    client.force_login(world.users["viewer"])
    b"".join(client.get("/exports/recommendations.csv?theme=1").streaming_content)
    [export] = events(Kind.EXPORT)
    assert export.actor == world.users["viewer"] and export.target == "recommendations.csv"
    assert export.detail == {"query": "theme=1"}


def test_only_administrators_read_the_log_page(client, world):
    client.post("/accounts/login/", {"username": "coord", "password": "wrong"})
    assert client.get("/audit/").status_code == 302  # anonymous: sign in first
    client.force_login(world.users["coordinator"])
    assert client.get("/audit/").status_code == 403
    client.force_login(world.users["administrator"])
    page = client.get("/audit/?kind=sign_in_failed").content.decode()
    assert "Failed sign-in" in page and "coord" in page


def test_nobody_adds_changes_or_deletes_events_in_the_admin(client, world):
    client.force_login(world.users["administrator"])
    event = AuditEvent.objects.filter(kind=Kind.SIGN_IN).first()
    assert client.get("/admin/audit/auditevent/").status_code == 200
    assert client.get(f"/admin/audit/auditevent/{event.pk}/change/").status_code == 200  # read-only view
    assert client.get("/admin/audit/auditevent/add/").status_code == 403
    assert client.post(f"/admin/audit/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"/admin/audit/auditevent/{event.pk}/change/", {"kind": "export", "username": "someone"})
    event.refresh_from_db()
    assert (event.kind, event.username) == (Kind.SIGN_IN, "admin")


def test_the_retention_prune_deletes_only_events_older_than_the_period(world, settings):
    from datetime import timedelta

    from django.core.management import CommandError, call_command
    from django.utils import timezone

    from rightstrack.audit.services import audit_prune

    AuditEvent.objects.all().delete()  # the world's own account changes
    now = timezone.now()
    for days in (800, 731, 729, 1):
        event = AuditEvent.objects.create(kind=Kind.SIGN_IN, username=f"{days} days ago")
        AuditEvent.objects.filter(pk=event.pk).update(at=now - timedelta(days=days))
    assert settings.AUDIT_RETENTION_DAYS == 730
    assert audit_prune(now=now) == 2
    assert sorted(AuditEvent.objects.values_list("username", flat=True)) == ["1 days ago", "729 days ago"]
    assert audit_prune(days=0) == 0 and AuditEvent.objects.count() == 2  # 0 keeps every event
    call_command("prune-audit", "--days", "7")
    assert list(AuditEvent.objects.values_list("username", flat=True)) == ["1 days ago"]
    with pytest.raises(CommandError, match="cannot be negative"):
        call_command("prune-audit", "--days", "-1")
