"""A form that breaks a database constraint says what to do in a sentence, never the constraint's name."""

import pytest
from django.utils import translation

from rightstrack.planning.forms import EvidenceForm

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_evidence_without_file_or_link_gets_one_sentence_not_the_constraint_name(language):
    with translation.override(language):
        errors = EvidenceForm(data={"title": "Order"}, files={}).non_field_errors()
        assert len(errors) == 1
        assert "evidence_file_or_url" not in errors[0] and errors[0].endswith(".")
