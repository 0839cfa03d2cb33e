"""Labels a file uses that match no term: mapped once in the review (as aliases of terms), read by every later import."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from rightstrack.imports.forms import _field_name
from rightstrack.imports.models import StagedImport
from rightstrack.imports.services import import_file
from rightstrack.recommendations.models import Recommendation
from rightstrack.taxonomy.models import TagAssignment, TermAlias
from rightstrack.taxonomy.services import term_alias_create
from tests.factories import PASSWORD
from tests.imports.conftest import csv_bytes, uhri_row


def _work():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def _themes(external_id: str) -> set[str]:
    rec = Recommendation.objects.get(external_id=external_id)
    return set(rec.tags.filter(vocabulary="theme", status=TagAssignment.Status.ACCEPTED).values_list("term__name",
                                                                                                     flat=True))


@pytest.mark.django_db(transaction=True)  # the staging jobs are enqueued on commit
def test_a_label_mapped_in_the_review_is_read_on_the_next_check_and_by_later_imports(client, terms, tmp_path):
    client.login(username="coord", password=PASSWORD)
    rows = [uhri_row(1, Themes="- Death penalties"), uhri_row(2, Themes="- Death penalties"),
            uhri_row(3, Themes="- Nothing like any theme")]
    client.post(reverse("imports:import_create"), {"file": SimpleUploadedFile("u.csv", csv_bytes(rows)), "format": ""})
    staged = StagedImport.objects.latest("pk")
    _work()
    staged.refresh_from_db()
    assert staged.counts["rejected"] == 3
    assert staged.counts["unknown_labels"] == [
        {"vocabulary": "theme", "label": "Death penalties", "rows": 2, "suggestion": terms["theme"].pk},
        {"vocabulary": "theme", "label": "Nothing like any theme", "rows": 1, "suggestion": None}]
    page = client.get(staged.get_absolute_url()).content.decode()
    assert "Labels that match no term" in page
    assert f'<option value="{terms["theme"].pk}" selected>' in page  # the closest term is proposed

    first, second = staged.counts["unknown_labels"]
    response = client.post(reverse("imports:import_labels_update", args=[staged.pk]),
                           {_field_name(first): str(terms["theme"].pk), _field_name(second): ""})
    assert response.status_code == 302
    alias = TermAlias.objects.get()
    assert (alias.label, alias.term, alias.created_by.username) == ("Death penalties", terms["theme"], "coord")
    assert alias.history.get().history_user.username == "coord"
    _work()
    staged.refresh_from_db()
    assert (staged.state, staged.counts["created"], staged.counts["rejected"]) == ("staged", 2, 1)
    assert [item["label"] for item in staged.counts["unknown_labels"]] == ["Nothing like any theme"]

    later = tmp_path / "later.csv"
    later.write_bytes(csv_bytes([uhri_row(7, Themes="- death   PENALTIES")]))
    result = import_file(path=later, actor=None, format_name="uhri")
    assert result.summary_line() == "created=1 updated=0 unchanged=0 rejected=0"
    assert _themes(uhri_row(7)["OHCHR Annotation Id"]) == {"Death penalty"}


@pytest.mark.django_db(transaction=True)
def test_a_forged_or_stale_label_form_writes_nothing(client, terms):
    client.login(username="coord", password=PASSWORD)
    client.post(reverse("imports:import_create"),
                {"file": SimpleUploadedFile("u.csv", csv_bytes([uhri_row(1, Themes="- Death penalties")])),
                 "format": ""})
    staged = StagedImport.objects.latest("pk")
    _work()
    staged.refresh_from_db()
    item = staged.counts["unknown_labels"][0]
    # a term of another vocabulary is not a choice for a theme label
    wrong = client.post(reverse("imports:import_labels_update", args=[staged.pk]),
                        {_field_name(item): str(terms["children"].pk)})
    assert wrong.status_code == 400 and not TermAlias.objects.exists()
    # a form for a label this staging does not have maps nothing, and the file is not checked again
    stale = {**item, "label": "Some label of an earlier upload"}
    client.post(reverse("imports:import_labels_update", args=[staged.pk]), {_field_name(stale): str(terms["theme"].pk)})
    assert not TermAlias.objects.exists()
    # while the rows are being checked again, mapping is refused
    StagedImport.objects.filter(pk=staged.pk).update(state=StagedImport.State.STAGING)
    busy = client.post(reverse("imports:import_labels_update", args=[staged.pk]),
                       {_field_name(item): str(terms["theme"].pk)})
    assert busy.status_code == 400 and "Only a staged, reviewed import" in busy.content.decode()
    assert not TermAlias.objects.exists()


@pytest.mark.django_db
def test_term_alias_create_refuses_labels_that_name_another_term_and_is_idempotent(terms, world):
    coordinator = world.users["coordinator"]
    with pytest.raises(ValidationError, match="already the name of"):
        term_alias_create(actor=coordinator, term=terms["women"], label="CHILDREN")
    alias = term_alias_create(actor=coordinator, term=terms["theme"], label="  Capital   punishment ")
    assert alias.label == "Capital punishment" and alias.key == "capital punishment"
    assert term_alias_create(actor=coordinator, term=terms["theme"], label="capital punishment") == alias
    assert TermAlias.objects.count() == 1
    with pytest.raises(ValidationError, match="already stands for"):
        twin = terms["theme"].__class__.objects.get(vocabulary="theme", code="D23")
        term_alias_create(actor=coordinator, term=twin, label="Capital Punishment")
    with pytest.raises(ValidationError, match="needs a label"):
        term_alias_create(actor=coordinator, term=terms["theme"], label="   ")
    with pytest.raises(PermissionDenied):
        term_alias_create(actor=world.users["viewer"], term=terms["theme"], label="Executions")
    assert TermAlias.objects.count() == 1


@pytest.mark.django_db
def test_the_term_page_lists_its_aliases_and_a_coordinator_removes_a_mistaken_one(client, terms, world, tmp_path):
    alias = term_alias_create(actor=world.users["coordinator"], term=terms["theme"], label="Executions")
    client.login(username="viewer", password=PASSWORD)
    page = client.get(reverse("taxonomy:term_detail", args=[terms["theme"].pk])).content.decode()
    assert "Also read as" in page and "Executions" in page
    assert reverse("taxonomy:term_alias_delete", args=[alias.pk]) not in page  # only managers may remove
    client.login(username="coord", password=PASSWORD)
    assert reverse("taxonomy:term_alias_delete", args=[alias.pk]) in client.get(
        reverse("taxonomy:term_detail", args=[terms["theme"].pk])).content.decode()
    unconfirmed = client.post(reverse("taxonomy:term_alias_delete", args=[alias.pk]), {})
    assert unconfirmed.status_code == 400 and TermAlias.objects.filter(pk=alias.pk).exists()
    response = client.post(reverse("taxonomy:term_alias_delete", args=[alias.pk]), {"confirm": "on"})
    assert response.status_code == 302 and not TermAlias.objects.exists()
    assert TermAlias.history.filter(id=alias.pk, history_type="-").get().history_user.username == "coord"
    path = tmp_path / "after.csv"
    path.write_bytes(csv_bytes([uhri_row(8, Themes="- Executions")]))
    assert import_file(path=path, actor=None, format_name="uhri").rejected == 1  # the label is unknown again
