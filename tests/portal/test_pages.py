"""The public portal: published records only (whoever is signed in), share metadata, no personal data."""

import pytest
from django.urls import reverse
from django.utils import timezone

from rightstrack.accounts.models import Role
from rightstrack.planning.models import ProgressReport
from rightstrack.recommendations.services import recommendation_status_override
from tests.core.test_visibility import SECRETS
from tests.factories import PASSWORD, make_user


PAGES = ["/public/", "/public/recommendations/", "/public/measures/", "/public/plans/", "/public/legal-acts/",
         "/public/open-data/", "/public/subscriptions/"]


def _detail_pages(world):
    return [f"/public/recommendations/{world.recommendation.pk}/", f"/public/measures/{world.measure.pk}/",
            f"/public/plans/{world.plan.pk}/", f"/public/legal-acts/{world.legal_act.pk}/"]


def test_signed_in_staff_see_only_published_records_on_the_portal(client, world):
    client.login(username="coord", password=PASSWORD)
    for url in PAGES + _detail_pages(world):
        page = client.get(url).content.decode()
        for secret in SECRETS:
            assert secret not in page, f"{secret!r} on {url}"
    assert client.get(f"/public/recommendations/{world.hidden_recommendation.pk}/").status_code == 404
    assert client.get(f"/public/legal-acts/{world.hidden_legal_act.pk}/").status_code == 404


def test_unpublished_plan_hides_its_measures_on_the_portal(client, world):
    world.plan.is_published = False
    world.plan.save()
    assert client.get(f"/public/plans/{world.plan.pk}/").status_code == 404
    assert client.get(f"/public/measures/{world.measure.pk}/").status_code == 404
    assert "Service model for the police" not in client.get("/public/measures/").content.decode()


def test_published_progress_and_assessment_appear_beside_the_government_status(client, world):
    ProgressReport.objects.filter(pk=world.approved.pk).update(is_published=True, published_at=timezone.now())
    world.assessment.is_published = True
    world.assessment.save()
    page = client.get(f"/public/measures/{world.measure.pk}/").content.decode()
    assert "Approved narrative" in page and "Unpublished assessment rationale" in page
    assert "Government (reported status)" in page and "Draft narrative" not in page


def test_no_usernames_or_emails_on_public_pages(client, world):
    for user in world.users.values():
        user.email = f"{user.username}.person@example.org"
        user.save()
    ProgressReport.objects.filter(pk=world.approved.pk).update(is_published=True, published_at=timezone.now())
    world.assessment.is_published = True
    world.assessment.save()
    editor = make_user("zz-editor-name", Role.COORDINATOR)
    recommendation_status_override(actor=editor, recommendation=world.recommendation, status="in_progress",
                                   reason="Reported by the ministry in a letter")
    pages = [client.get(url).content.decode() for url in PAGES + _detail_pages(world)]
    # The internal page is public too for published records: its history table (with usernames) is not.
    pages.append(client.get(f"/recommendations/{world.recommendation.pk}/").content.decode())
    for page in pages:
        assert "@example.org" not in page and "zz-editor-name" not in page
        for name in ("focal", "assessor"):
            assert f">{name}<" not in page


def test_detail_pages_carry_share_metadata_and_a_permalink(client, world):
    page = client.get(f"/public/recommendations/{world.recommendation.pk}/").content.decode()
    assert '<meta property="og:title" content="A/HRC/28/10 ¶124.1">' in page
    assert 'property="og:description" content="Ratify the Optional Protocol' in page
    permalink = f"http://testserver/public/recommendations/{world.recommendation.pk}/"
    assert f'<link rel="canonical" href="{permalink}">' in page and f'value="{permalink}"' in page


def test_facets_and_search_filter_the_public_list(client, world):
    assert "Ratify the Optional" in client.get("/public/recommendations/?status=not_started").content.decode()
    assert "Ratify the Optional" not in client.get("/public/recommendations/?status=implemented").content.decode()
    assert "Ratify the Optional" not in client.get("/public/recommendations/?q=nothingmatches").content.decode()


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("query", ["", "?q=recommendation+OR+torture", "?q=recommendation+OR+torture&sort=paragraph"])
def test_the_public_list_counts_and_shows_published_records_only(client, world, signed_in, query):
    # The portal reads as a visitor whoever is signed in: the secret draft is neither listed nor counted.
    if signed_in:
        assert client.login(username="coord", password=PASSWORD)
    page = client.get(f"/public/recommendations/{query}").content.decode()
    assert "Ratify the Optional" in page and "Secret draft" not in page
    assert '<span class="count">1</span>' in page
    assert "124.2" not in page


def test_language_switch_applies_to_the_portal(client, world):
    client.post(reverse("accounts:set_language"), {"language": "ru", "next": "/public/"})
    page = client.get("/public/").content.decode()
    assert '<html lang="ru">' in page and 'og:locale" content="ru"' in page


def test_internal_pages_point_anonymous_visitors_to_the_portal(client, world):
    assert 'href="/public/"' in client.get("/recommendations/").content.decode()
