"""Import pages: upload, column mapping, progress, review and commit. Thin: parse, call a service, render."""

from django import forms
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.accounts.permissions import manager_required
from rightstrack.core.views import run_service
from rightstrack.imports import selectors, staging
from rightstrack.imports.forms import (
    CommitForm,
    LabelMappingForm,
    MappingForm,
    UploadForm,
)


def _list_context(request, form):
    return {"form": form, "imports": selectors.staged_import_list(user=request.user)[:20]}


@manager_required
def import_list(request):
    """The upload form and the latest imports."""
    return render(request, "imports/import_list.html", _list_context(request, UploadForm()))


@manager_required
@require_POST
def import_create(request):
    form = UploadForm(request.POST, request.FILES)
    return run_service(request, form,
                       lambda v: staging.staged_import_create(actor=request.user, upload=v["file"],
                                                              format_name=v["format"]),
                       success_url=lambda staged: staged.get_absolute_url(),
                       template="imports/import_list.html", context=_list_context(request, form))


def _get(request, pk):
    return get_object_or_404(selectors.staged_import_list(user=request.user), pk=pk)


@manager_required
def import_detail(request, pk):
    """One import: the mapping step, its progress, or the staged rows to review before committing."""
    staged = _get(request, pk)
    context = {"object": staged}
    if staged.state == staged.State.MAPPING:
        context["mapping_form"] = MappingForm(staged=staged)
    if staged.state in {staged.State.STAGED, staged.State.COMMITTED}:
        context.update(selectors.staged_rows_for_review(staged=staged), commit_form=CommitForm())
    if staged.state == staged.State.STAGED and staged.counts.get("unknown_labels"):
        context["labels_form"] = LabelMappingForm(staged=staged)
    return render(request, "imports/import_detail.html", context)


@manager_required
@require_POST
def import_mapping_update(request, pk):
    staged = _get(request, pk)
    form = MappingForm(request.POST, staged=staged)
    return run_service(request, form,
                       lambda v: staging.staged_import_map(actor=request.user, staged=staged, mapping=form.mapping()),
                       success_url=staged.get_absolute_url(), template="imports/import_detail.html",
                       context={"object": staged, "mapping_form": form})


@manager_required
@require_POST
def import_commit(request, pk):
    staged = _get(request, pk)
    form = CommitForm(request.POST)
    return run_service(request, form,
                       lambda v: staging.staged_import_commit(actor=request.user, staged=staged,
                                                              partial=v["partial"]),
                       success_url=staged.get_absolute_url(), success_message=_("Import started."),
                       template="imports/import_detail.html",
                       context={"object": staged, "commit_form": form,
                                **selectors.staged_rows_for_review(staged=staged)})


@manager_required
@require_POST
def import_retry(request, pk):
    staged = _get(request, pk)
    return run_service(request, forms.Form(request.POST),
                       lambda v: staging.staged_import_retry(actor=request.user, staged=staged),
                       success_url=staged.get_absolute_url(), success_message=_("The rows are being checked again."),
                       template="imports/import_detail.html", context={"object": staged})


@manager_required
@require_POST
def import_labels_update(request, pk):
    staged = _get(request, pk)
    form = LabelMappingForm(request.POST, staged=staged)
    return run_service(request, form,
                       lambda v: staging.staged_import_map_labels(actor=request.user, staged=staged,
                                                                  terms=form.chosen()),
                       success_url=staged.get_absolute_url(),
                       success_message=_("The labels are mapped; the rows are being checked again."),
                       template="imports/import_detail.html",
                       context={"object": staged, "labels_form": form, "commit_form": CommitForm(),
                                **selectors.staged_rows_for_review(staged=staged)})
