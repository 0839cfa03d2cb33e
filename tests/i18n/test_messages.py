"""Messages built in code reach the user in their language, including Django's own ones that its
Kazakh catalog leaves in English (our catalog supplies them)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation

from rightstrack.planning.workflow import State, TransitionError, check_transition


@pytest.mark.parametrize(("lang", "expected"), [
    ("en", "Enter a valid email address."),
    ("ru", "Введите правильный адрес электронной почты."),
    ("kk", "Дұрыс электрондық пошта мекенжайын енгізіңіз."),
])
def test_django_form_errors_are_translated(lang, expected):
    with translation.override(lang):  # the messages are lazy: read them while the language is active
        with pytest.raises(ValidationError) as error:
            forms.EmailField().clean("not-an-address")
        assert error.value.messages == [expected]


@pytest.mark.parametrize(("lang", "length", "expected"), [
    ("ru", 21, "не более 21 символа"),
    ("ru", 3, "не более 3 символов"),
    ("kk", 3, "3 таңбадан аспауы керек"),
])
def test_plural_form_errors_follow_the_language(lang, length, expected):
    with translation.override(lang):
        with pytest.raises(ValidationError) as error:
            forms.CharField(max_length=length).clean("x" * 40)
        assert expected in error.value.messages[0]


@pytest.mark.parametrize(("lang", "expected"), [
    ("ru", "Отчёт в состоянии «Утверждён» нельзя перевести в состояние «Черновик»."),
    ("kk", "«Бекітілді» күйіндегі есепті «Жоба» күйіне ауыстыруға болмайды."),
])
def test_workflow_refusals_name_the_states_in_the_users_language(lang, expected):
    with translation.override(lang), pytest.raises(TransitionError) as error:
        check_transition(State.APPROVED, State.DRAFT)
    assert str(error.value) == expected
