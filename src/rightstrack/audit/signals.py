"""Receivers that write sign-ins, failed sign-ins and changes of role or permission to the audit log.

Account changes are caught on the model, whatever made them (the admin, a command, the shell); the acting user
and address come from the request that simple_history's middleware keeps for the thread, when there is one."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from rightstrack.audit.models import AuditEvent
from rightstrack.audit.services import audit_record

User = get_user_model()
WATCHED_FIELDS = ("role", "is_active", "is_staff", "is_superuser")


def _current_request():
    return getattr(HistoricalRecords.context, "request", None)


@receiver(user_logged_in, dispatch_uid="audit_sign_in")
def _sign_in(sender, request, user, **kwargs):
    audit_record(kind=AuditEvent.Kind.SIGN_IN, request=request, actor=user,
                 detail={"path": request.path} if request is not None else {})


@receiver(user_login_failed, dispatch_uid="audit_sign_in_failed")
def _sign_in_failed(sender, credentials, request=None, **kwargs):
    audit_record(kind=AuditEvent.Kind.SIGN_IN_FAILED, request=request, username=str(credentials.get("username", "")),
                 detail={"path": request.path} if request is not None else {})


@receiver(pre_save, sender=User, dispatch_uid="audit_account_before")
def _remember_account(sender, instance, raw=False, **kwargs):
    if not raw and instance.pk:
        instance._audit_before = User.objects.filter(pk=instance.pk).values(*WATCHED_FIELDS).first()


@receiver(post_save, sender=User, dispatch_uid="audit_account_after")
def _account_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = {} if created else (getattr(instance, "_audit_before", None) or {})
    changes = {field: [before.get(field), getattr(instance, field)] for field in WATCHED_FIELDS
               if before.get(field) != getattr(instance, field)}
    if created:
        changes = {field: [None, getattr(instance, field)] for field in WATCHED_FIELDS}
    if changes:
        audit_record(kind=AuditEvent.Kind.ACCOUNT_CHANGED, request=_current_request(), target=instance.get_username(),
                     detail={"created": created, "changes": changes})


def _relation_changed(name):
    def receiver_(sender, instance, action, model, pk_set, reverse=False, **kwargs):
        if reverse or action not in {"post_add", "post_remove", "post_clear"} or (not pk_set and action != "post_clear"):
            return
        labels = sorted(str(obj) for obj in model.objects.filter(pk__in=pk_set or ()))
        audit_record(kind=AuditEvent.Kind.ACCOUNT_CHANGED, request=_current_request(), target=instance.get_username(),
                     detail={name: {action.removeprefix("post_"): labels}})
    return receiver_


for _field in ("groups", "user_permissions", "institutions"):
    m2m_changed.connect(_relation_changed(_field), sender=getattr(User, _field).through, weak=False,
                        dispatch_uid=f"audit_account_{_field}")
