"""UPR Info verb rules for action categories, in English, Russian and Kazakh."""

import pytest

from rightstrack.tagging.rules import rule_category


@pytest.mark.parametrize(
    "text, category",
    [
        ("Continue and strengthen its efforts to combat trafficking", "4"),  # the second verb counts
        ("To sign and ratify the Optional Protocol", "5"),
        ("To continue efforts to combat child labour", "2"),
        ("To consider ratifying the Rome Statute", "3"),  # considering wins over the specific verb it governs
        ("To further strengthen human rights education", "4"),
        ("To further improve prison conditions", "4"),  # "further" is an adverb, not continuity
        ("To urgently ratify the Convention", "5"),
        ("To take measures to limit the powers of prosecutors", "4"),
        ("To take all necessary measures to ratify the Convention", "4"),
        ("To introduce further measures against trafficking", "4"),  # generic effort object
        ("To introduce a moratorium on the death penalty", "5"),
        ("Redouble its efforts against discrimination", "4"),
        ("To implement the National Action Plan on human rights", "5"),  # "action plan" is not generic action
        ("To abolish the death penalty", "5"),
        ("Share its experience with other countries", "1"),
        ("Seek technical assistance from OHCHR", "1"),
        ("Kazakhstan should ratify the Convention", "5"),
        ("That the Government should consider abolishing the death penalty", "3"),
        ("May establish a national preventive mechanism", "3"),  # tentative modal
        ("Extend a standing invitation to all special procedures", "5"),
        ("In order to protect journalists, decriminalize defamation", "5"),
        ("Рассмотреть возможность ратификации Конвенции о правах инвалидов", "3"),
        ("Продолжать свои усилия по борьбе с торговлей людьми", "2"),
        ("И впредь принимать меры по защите прав детей", "2"),
        ("Ратифицировать Факультативный протокол к Конвенции против пыток", "5"),
        ("Принять закон о домашнем насилии", "5"),
        ("Принять все необходимые меры для защиты журналистов", "4"),
        ("Обеспечить независимость судебной системы", "4"),
        ("Казахстану следует отменить смертную казнь", "5"),
        ("Обратиться за технической помощью к УВКПЧ", "1"),
        ("Мүгедектердің құқықтары туралы конвенцияны ратификациялау", "5"),
        ("Азаптауларға қарсы конвенцияның факультативтік хаттамасын ратификациялау мүмкіндігін қарастыру", "3"),
        ("Адам саудасына қарсы күресті жалғастыру", "2"),
    ],
)
def test_opening_verb_decides_the_category(text, category):
    assert rule_category(text) == category


@pytest.mark.parametrize("text", ["To accomplish human rights voluntary goals", "Human rights education in schools"])
def test_text_without_a_known_opening_verb_has_no_rule(text):
    assert rule_category(text) is None
