"""Pages for legal acts and their amendments."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rightstrack.accounts.permissions import is_manager, manager_required
from rightstrack.core.forms import ConfirmForm
from rightstrack.core.history import history_entries
from rightstrack.core.views import RecordPages, run_service
from rightstrack.legislation import selectors, services
from rightstrack.legislation.forms import AmendmentForm, LegalActForm


def legal_act_list(request):
    qs, facets = selectors.legal_act_faceted(user=request.user, params=request.GET)
    return render(request, "legislation/legal_act_list.html", {
        "page": Paginator(qs, 50).get_page(request.GET.get("page")), "facets": facets,
        "can_create": is_manager(request.user)})


def legal_act_detail(request, pk):
    act = get_object_or_404(selectors.legal_act_list(user=request.user), pk=pk)
    return render(request, "legislation/legal_act_detail.html", {
        "object": act, "amendments": act.amendments.all(),
        "measures": selectors.legal_act_measures(user=request.user, act=act),
        "history": history_entries(act) if request.user.is_authenticated else [],
        "can_edit": is_manager(request.user)})


LEGAL_ACT_PAGES = RecordPages(
    selectors.legal_act_list, LegalActForm, "legal_act", create=services.legal_act_create,
    update=services.legal_act_update, publish=services.legal_act_publish,
    create_title=gettext_lazy("New legal act"), update_title=gettext_lazy("Edit legal act"))
legal_act_create = manager_required(LEGAL_ACT_PAGES.create_view)
legal_act_update = manager_required(LEGAL_ACT_PAGES.update_view)
legal_act_publish = manager_required(require_POST(LEGAL_ACT_PAGES.publish_view))


@manager_required
def legal_act_delete(request, pk):
    act = get_object_or_404(selectors.legal_act_list(user=request.user), pk=pk)
    form = ConfirmForm(request.POST or None)
    return run_service(request, form, lambda v: services.legal_act_delete(actor=request.user, legal_act=act),
                       success_url=reverse("legislation:legal_act_list"),
                       context={"title": _("Delete legal act"), "object": act, "danger": True})


@manager_required
def amendment_create(request, pk):
    act = get_object_or_404(selectors.legal_act_list(user=request.user), pk=pk)
    form = AmendmentForm(request.POST or None)
    return run_service(request, form, lambda v: services.amendment_create(actor=request.user, legal_act=act, **v),
                       success_url=act.get_absolute_url(), context={"title": _("New amendment"), "object": act})
