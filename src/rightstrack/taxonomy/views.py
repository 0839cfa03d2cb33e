"""Pages for browsing and editing taxonomies, and for tagging recommendations."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rightstrack.accounts.permissions import is_manager, manager_required
from rightstrack.core.forms import ConfirmForm
from rightstrack.core.history import history_entries
from rightstrack.core.views import run_service
from rightstrack.recommendations.selectors import recommendation_list
from rightstrack.taxonomy import services
from rightstrack.taxonomy.forms import TagAssignForm, TagDecisionForm, TermForm
from rightstrack.taxonomy.models import TagAssignment, Term, TermAlias, Vocabulary


def term_list(request):
    vocabulary = request.GET.get("vocabulary") or Vocabulary.THEME
    terms = (Term.objects.filter(vocabulary=vocabulary).select_related("parent")
             .annotate(used=Count("assignments", filter=Q(assignments__status=TagAssignment.Status.ACCEPTED))))
    return render(request, "taxonomy/term_list.html", {
        "terms": terms, "vocabulary": vocabulary, "vocabularies": Vocabulary.choices,
        "can_edit": is_manager(request.user)})


def term_detail(request, pk):
    term = get_object_or_404(Term, pk=pk)
    return render(request, "taxonomy/term_detail.html", {
        "object": term, "children": term.children.all(),
        "recommendations": recommendation_list(user=request.user).filter(
            tags__term=term, tags__status=TagAssignment.Status.ACCEPTED)[:200],
        "aliases": term.aliases.all() if request.user.is_authenticated else [],
        "history": history_entries(term) if request.user.is_authenticated else [],
        "can_edit": is_manager(request.user)})


@manager_required
def term_alias_delete(request, pk):
    alias = get_object_or_404(TermAlias.objects.select_related("term"), pk=pk)
    return run_service(request, ConfirmForm(request.POST or None),
                       lambda v: services.term_alias_delete(actor=request.user, alias=alias),
                       success_url=reverse("taxonomy:term_detail", args=[alias.term_id]),
                       success_message=_("Imports no longer read this label as the term."),
                       context={"title": _("Remove the alias %(label)r") % {"label": alias.label}, "object": alias,
                                "danger": True})


@manager_required
def term_update(request, pk):
    term = get_object_or_404(Term, pk=pk)
    form = TermForm(request.POST or None, instance=term)
    return run_service(request, form, lambda v: services.term_update(actor=request.user, term=term, **v),
                       success_url=reverse("taxonomy:term_detail", args=[term.pk]),
                       context={"title": _("Edit term"), "object": term})


@manager_required
@require_POST
def tag_assign(request, pk):
    rec = get_object_or_404(recommendation_list(user=request.user), pk=pk)
    form = TagAssignForm(request.POST)
    return run_service(request, form, lambda v: services.tag_assign(actor=request.user, target=rec, **v),
                       success_url=rec.get_absolute_url(), success_message=_("Tag added."),
                       context={"title": _("Add a tag"), "object": rec})


@manager_required
@require_POST
def tag_decide(request):
    form = TagDecisionForm(request.POST)
    return run_service(request, form, lambda v: services.tag_decide(actor=request.user, **v),
                       success_url=request.POST.get("next") if str(request.POST.get("next", "")).startswith("/")
                       else reverse("recommendations:recommendation_list"),
                       success_message=_("Tag decisions saved."), context={"title": _("Review tags")})
