"""Near-duplicates across cycles become cluster suggestions; a coordinator confirms or dismisses them."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from rightstrack.recommendations.models import Cluster, Recommendation
from rightstrack.search.models import ClusterSuggestion, RecommendationEmbedding
from rightstrack.search.selectors import duplicate_groups
from rightstrack.search.services import cluster_suggestion_decide, cluster_suggestions_build
from tests.factories import PASSWORD
from tests.search.fixtures import cluster_suggestion, unit
from tests.snapshot import database_fingerprint


@pytest.fixture
def repeats(corpus):
    """op_cat (cycle 2) and tortured (cycle 1) say the same; death_penalty (1) ~ penalty_death (1), same document."""
    vectors = {"op_cat": unit(0, 1), "tortured": unit(0, 1, noise=0.01), "torture_inquiry": unit(0, 3),
               "death_penalty": unit(5), "penalty_death": unit(5, noise=0.01), "ru_children": unit(7)}
    for key, vector in vectors.items():
        RecommendationEmbedding.objects.create(recommendation=corpus[key], vector=vector, text_hash="fixed")
    return corpus


def test_repeats_across_documents_are_grouped_and_same_document_pairs_are_not(repeats):
    groups = duplicate_groups(threshold=0.93)
    assert [sorted(m) for m, _s in groups] == [sorted([repeats["op_cat"].pk, repeats["tortured"].pk])]
    assert 0.93 <= groups[0][1] <= 1.0


def test_a_weak_link_does_not_chain_groups_together(repeats):
    # torture_inquiry is 0.82 from op_cat (below op_cat's best match by more than the margin) -> left out.
    assert all(repeats["torture_inquiry"].pk not in m for m, _s in duplicate_groups(threshold=0.8))


def test_build_stores_each_group_once(world, repeats):
    assert cluster_suggestions_build(actor=world.users["coordinator"]) == 1
    assert cluster_suggestions_build(actor=world.users["coordinator"]) == 0
    suggestion = ClusterSuggestion.objects.get()
    assert set(suggestion.recommendations.all()) == {repeats["op_cat"], repeats["tortured"]}


def test_confirming_creates_a_cluster_with_history(world):
    suggestion = cluster_suggestion(world)
    coordinator = world.users["coordinator"]
    cluster_suggestion_decide(actor=coordinator, suggestion=suggestion, confirm=True, name="OPCAT")
    cluster = Cluster.objects.get(name="OPCAT")
    assert set(cluster.recommendations.all()) == set(suggestion.recommendations.all())
    assert world.recommendation.history.filter(cluster=cluster, history_user=coordinator).exists()
    suggestion.refresh_from_db()
    assert (suggestion.status, suggestion.cluster, suggestion.decided_by) == ("confirmed", cluster, coordinator)


def test_confirming_joins_the_cluster_a_member_already_has(world):
    suggestion = cluster_suggestion(world)
    existing = Cluster.objects.create(name="Torture")
    Recommendation.objects.filter(pk=world.recommendation.pk).update(cluster=existing)
    cluster_suggestion_decide(actor=world.users["coordinator"], suggestion=suggestion, confirm=True)
    assert set(existing.recommendations.all()) == set(suggestion.recommendations.all())
    assert Cluster.objects.count() == 1


def test_a_clustered_group_is_not_suggested_again(world):
    suggestion = cluster_suggestion(world)
    cluster_suggestion_decide(actor=world.users["coordinator"], suggestion=suggestion, confirm=True, name="OPCAT")
    ClusterSuggestion.objects.all().delete()
    assert cluster_suggestions_build(actor=world.users["coordinator"]) == 0


def test_dismissed_stays_dismissed(world):
    suggestion = cluster_suggestion(world)
    cluster_suggestion_decide(actor=world.users["coordinator"], suggestion=suggestion, confirm=False)
    assert cluster_suggestions_build(actor=world.users["coordinator"]) == 0
    assert not Cluster.objects.exists()


def test_bad_decisions_are_refused_and_change_nothing(client, world):
    suggestion = cluster_suggestion(world)
    client.login(username="coord", password=PASSWORD)
    url = reverse("search:cluster_suggestion_decide", args=[suggestion.pk])
    before = database_fingerprint()
    response = client.post(url, {"confirm": "1", "name": " "})  # a new cluster needs a name
    assert response.status_code == 400 and "Name the new cluster" in response.content.decode()
    Cluster.objects.create(name="Taken")
    before = database_fingerprint()
    response = client.post(url, {"confirm": "1", "name": "Taken"})  # names are unique
    assert response.status_code == 400 and database_fingerprint() == before
    assert client.post(url, {"confirm": "maybe"}).status_code == 400
    with pytest.raises(PermissionDenied):
        cluster_suggestion_decide(actor=world.users["viewer"], suggestion=suggestion, confirm=False)


def test_members_in_two_clusters_are_left_to_a_person(world):
    suggestion = cluster_suggestion(world)
    for rec, name in zip(suggestion.recommendations.all(), ("A", "B")):
        Recommendation.objects.filter(pk=rec.pk).update(cluster=Cluster.objects.create(name=name))
    with pytest.raises(ValueError, match="different clusters"):
        cluster_suggestion_decide(actor=world.users["coordinator"], suggestion=suggestion, confirm=True)


def test_decided_twice_is_refused(world):
    suggestion = cluster_suggestion(world)
    cluster_suggestion_decide(actor=world.users["coordinator"], suggestion=suggestion, confirm=False)
    with pytest.raises(ValueError, match="already decided"):
        cluster_suggestion_decide(actor=world.users["coordinator"], suggestion=suggestion, confirm=False)


def test_suggestion_page_lists_members_and_decides(client, world):
    suggestion = cluster_suggestion(world)
    client.login(username="coord", password=PASSWORD)
    page = client.get(reverse("search:cluster_suggestion_list")).content.decode()
    assert "A/HRC/14/10" in page and "A/HRC/28/10" in page
    client.post(reverse("search:cluster_suggestion_decide", args=[suggestion.pk]), {"confirm": "1", "name": "OP"})
    assert Cluster.objects.filter(name="OP").exists()


def test_the_near_duplicates_page_is_for_coordinators(client, world):
    route = reverse("search:cluster_suggestion_list")
    assert client.get(route)["Location"].startswith(reverse("accounts:login"))
    client.login(username="viewer", password=PASSWORD)
    assert client.get(route).status_code == 403
    client.login(username="coord", password=PASSWORD)
    assert client.get(route).status_code == 200
