"""UPR Info's action-category verb rules: the recommendation's opening verb decides its category (1-5).

UPR Info codes a recommendation by its action verb: 1 minimal (call on, seek, share), 2 continuing
(continue, maintain, pursue), 3 considering (consider, examine, review), 4 general (ensure, promote,
strengthen, take measures), 5 specific (ratify, adopt, establish, abolish, amend). The verb lists below
extend the published examples (`upr_action_categories.csv`) with verbs of the same kind, in English,
Russian and Kazakh. Conventions, as UPR Info codes them:

- with two coordinated opening verbs the second counts ("Continue and strengthen" -> 4);
- a verb whose object is generic effort ("introduce further measures", "redouble its efforts") is
  general action (4), unless the verb itself continues or considers ("continue efforts" -> 2);
- a tentative modal ("may establish", "could consider") is considering action (3);
- adverbs do not change the verb ("further improve" -> 4, "urgently ratify" -> 5).
"""

import re

# Openings that carry no verb of their own: "That ...", "Kazakhstan should ...", "In order to X, ...".
_EN_LEAD = re.compile(
    r"^(?:(?:in order to|with a view to)[^,]*,\s*)?(?:(?:it is )?recommend(?:s|ed)? that\s+)?(?:that\s+)?"
    r"(?:(?:[\w-]+\s+){0,3}?(?P<modal>should|must|shall|may|could|might|is (?:urged|invited|encouraged) to)\s+|to\s+)?"
)
_EN_TENTATIVE = {"may", "could", "might"}
_EN_ADVERBS = (
    "further|fully|effectively|also|urgently|swiftly|promptly|seriously|completely|immediately|actively|duly|"
    "vigorously|expeditiously|speedily|resolutely|progressively|gradually|systematically|formally|"
    "strongly|firmly|rapidly|quickly|genuinely|thoroughly|consistently|properly|adequately|explicitly|"
    "comprehensively|independently|impartially|officially|finally|still|now|again"
)
# Generic-effort objects: "take measures", "make further efforts", "redouble its efforts" (not "action plan").
_EN_EFFORT = (
    r"(?:(?:its|their|the|all|every|further|additional|necessary|concrete|appropriate|effective|urgent|specific|"
    r"practical|serious|more|greater|increased|adequate|resolute|firm|decisive|immediate|legislative|legal|"
    r"relevant|special|targeted|comprehensive|proactive|positive|continued|sustained|new|strong|stronger|robust|"
    r"tangible|meaningful|possible|required|needed|ongoing|current|other|such|and|administrative|policy)\s+)*"
    r"(?:measures|efforts|effort|steps|actions?(?!\s+plan))\b"
)
# (pattern at the verb, category), tried in order: the first match wins.
_EN_VERBS = [
    (r"(?:re)?consider|analy[sz]e|envisage|envision|examine|explore|reflect|revise|review|study|assess|evaluate|"
     r"look into|contemplate|think about", "3"),
    (r"continue|maintain|persevere|persist|pursue|sustain|keep|carry on|remain", "2"),
    (r"call (?:up)?on|seek|share|request|exchange", "1"),
    (r"extend (?:an? )?(?:open |standing |and |permanent )*invitation", "5"),
    (r"[\w-]+ " + _EN_EFFORT, "4"),
    (r"accelerate|address|encourage|engage|ensure|guarantee|intensify|promote|speed up|strengthen|improve|enhance|"
     r"combat|fight|increase|redouble|step up|bolster|reinforce|support|protect|respect|raise (?:the )?awareness|"
     r"cooperate|collaborate|involve|extend|counter|tackle|work|strive|endeavou?r|facilitate|foster|advance|"
     r"empower|prioriti[sz]e|give (?:\w+ )?priority|pay (?:\w+ )?attention|comply|fulfil+|uphold|safeguard|reduce|"
     r"expand|broaden|prevent|spare no|do (?:its|their|the) utmost|make every|redouble|devote|mobili[sz]e|"
     r"harmoni[sz]e|align|bring (?:its |the )?(?:\w+ )?(?:legislation|laws?|code) (?:in|into) (?:line|conformity)",
     "4"),
    (r"conduct|develop|eliminate|establish|investigate|undertake|abolish|accede|adopt|amend|implement|enforce|"
     r"ratify|sign|enact|introduce|remove|repeal|discontinue|join|(?:de)?criminali[sz]e|prohibit|ban|outlaw|"
     r"release|invite|issue|submit|withdraw|lift|allocate|set up|create|publish|prosecute|abrogate|incorporate|"
     r"become (?:a )?party|eradicate|finali[sz]e|approve|pass|draft|launch|appoint|designate|legislate|"
     r"define|codify|revoke|annul|modify|rescind", "5"),
]

# Russian: UN texts open with an infinitive ("Ратифицировать ...", "Продолжать ...") or "X следует ...".
_RU_LEAD = re.compile(
    r"^(?:чтобы\s+)?(?:(?:[\w-]+\s+){0,3}?(?:следует|необходимо|надлежит|рекомендуется|должно|должен|должна)\s+)?")
_RU_TENTATIVE = re.compile(r"^(?:[\w-]+\s+){0,3}?(?:может|могло бы|мог бы|могла бы)\s+")
_RU_ADVERBS = (
    "далее|дополнительно|полностью|эффективно|неотложно|срочно|оперативно|незамедлительно|также|безотлагательно|"
    "активно|последовательно|в полной мере|в приоритетном порядке|как можно скорее|в срочном порядке|настоятельно|"
    "решительно|постепенно|официально|еще|ещё|более|активнее"
)
_RU_EFFORT = r"(?:\S+\s+){0,3}?(?:мер|усили|шаг|действи)"
_RU_VERBS = [
    (r"и (?:впредь|далее)|впредь", "2"),  # "И впредь принимать меры": go on taking measures
    (r"рассмотр|изучить|изучать|проанализир|анализир|пересмотр|оценить|обдумать|проработать", "3"),
    (r"продолж|сохран|упорно|неуклонно", "2"),
    (r"обратиться|запрос|делиться|поделиться|обмен|призва|добиваться (?:технической|международной)", "1"),
    (r"направить (?:\w+ )?приглашени", "5"),
    (r"[\w-]+ " + _RU_EFFORT, "4"),
    (r"обеспеч|гарантир|укреп|усил|активизир|поощр|содейств|способств|улучш|расшир|бороться|вести борьбу|"
     r"повыс|повыш|защищ|защити|уважать|соблюдать|поддерж|развивать|стимулир|облегч|сократить|сокращать|"
     r"предотвра|преодол|противодейств|сотруднич|вовлек|привлек|наращ|приложить|удвоить|ускор|"
     r"уделять|уделить|решать|решить|заниматься|выполнять (?:свои )?обязательств", "4"),
    (r"ратифиц|присоедин|созда|учред|отмен|упразд|внести (?:\w+ )?(?:изменени|поправк)|измени|принять|"
     r"разработ|ликвидир|искорен|расследова|провести|провод|осуществ|выполн|подписа|криминализ|декриминализ|"
     r"запрет|освобод|ввести|вводить|снять|отозвать|выделить|опубликова|назначить|внедр|утверд|закреп|"
     r"исключить|привлечь к (?:уголовной )?ответственности|положить конец|прекрат|реализ|имплементир|"
     r"стать участни|вывести|включить|сделать заявлени", "5"),
]

# Kazakh is verb-final: the category comes from the verbal noun that ends the first clause
# ("... конвенцияны ратификациялау" -> 5). (stem at the clause end, category), tried in order.
_KK_LETTERS = re.compile(r"[әіңғүұқөһ]")
_KK_VERBS = [
    (r"қарастыру|қарау|зерделеу|талдау|қайта қарау|бағалау", "3"),
    (r"жалғастыру|жалғастыра беру|сақтау|ұстану", "2"),
    (r"бөлісу|сұрау|жүгіну|шақыру|өтіну", "1"),
    (r"(?:шара|шаралар|күш|күш-жігер|қадам|қадамдар|әрекет)\S* (?:қабылдау|жұмсау|жасау|салу|арттыру|күшейту)", "4"),
    (r"қамтамасыз ету|кепілдік беру|нығайту|күшейту|ынталандыру|жетілдіру|жақсарту|кеңейту|арттыру|көтеру|"
     r"қорғау|құрметтеу|ықпал ету|жәрдемдесу|күресу|алдын алу|ынтымақтасу|тарту|қолдау|жеделдету|дамыту", "4"),
    (r"ратификациялау|қосылу|қабылдау|құру|жою|алып тастау|өзгерту|өзгерістер енгізу|түзету|енгізу|әзірлеу|"
     r"тергеу|жүргізу|іске асыру|орындау|қол қою|қылмыстық жауапкершілік|тыйым салу|босату|тағайындау|бекіту|"
     r"шақыру жіберу|жариялау|бөлу|тоқтату", "5"),
]


def _compile(table: list[tuple[str, str]], suffix: str = "", tail: bool = False) -> list[tuple[re.Pattern, str]]:
    """Anchor each pattern at the verb (or, for verb-final languages, at the clause end) on word boundaries."""
    if tail:
        return [(re.compile(rf"(?:^|\s)(?:{pattern})\S{{0,4}}$"), category) for pattern, category in table]
    return [(re.compile(rf"^(?:{pattern}){suffix}"), category) for pattern, category in table]


_TABLES = {
    "en": _compile(_EN_VERBS, suffix=r"(?:s|es|d|ed|ing)?\b"),
    "ru": _compile(_RU_VERBS),
    "kk": _compile(_KK_VERBS, tail=True),
}
_ADVERB_RUNS = {
    "en": re.compile(rf"^(?:(?:{_EN_ADVERBS})\s+)+"),
    "ru": re.compile(rf"^(?:(?:{_RU_ADVERBS})\s+)+"),
}


def _normalise(text: str) -> str:
    """Lower case, hyphens and letters kept, other punctuation (except the first comma) turned into spaces."""
    return " ".join(re.sub(r"[^\w\s,-]", " ", text.lower().replace("ё", "е")).split())


def _verb_at(opening: str, language: str) -> tuple[str | None, str]:
    """The category of the verb phrase opening `opening`, and the text after that phrase's first word."""
    opening = _ADVERB_RUNS[language].sub("", opening)
    for pattern, category in _TABLES[language]:
        if pattern.match(opening):
            return category, opening.split(" ", 1)[1] if " " in opening else ""
    return None, opening


def _coordinated(category: str | None, rest: str, language: str) -> str | None:
    """With "V1 and V2 ..." the second verb counts; otherwise the first."""
    conjunction = {"en": "and ", "ru": "и "}[language]
    rest = rest.replace(",", "")
    if category and rest.startswith(conjunction):
        second, _ = _verb_at(rest[len(conjunction):], language)
        return second or category
    return category


def _english(text: str) -> str | None:
    lead = _EN_LEAD.match(text)
    opening = text[lead.end():]
    category, rest = _verb_at(opening.replace(",", " ").strip(), "en")
    if lead.group("modal") in _EN_TENTATIVE and category:
        return "3"
    return _coordinated(category, " ".join(rest.split()), "en")


def _russian(text: str) -> str | None:
    if _RU_TENTATIVE.match(text):
        return "3"
    opening = " ".join(_RU_LEAD.sub("", text, count=1).replace(",", " ").split())
    return _coordinated(*_verb_at(opening, "ru"), "ru")


def _kazakh(text: str) -> str | None:
    clause = " ".join(re.split(r"[.;:]", text, maxsplit=1)[0].replace(",", " ").split())
    clause = re.sub(r"(?:\s+(?:керек|тиіс|қажет|ұсынылады))+$", "", clause)
    for pattern, category in _TABLES["kk"]:
        if pattern.search(clause):
            return category
    return None


def rule_category(text: str) -> str | None:
    """The UPR Info action category implied by the opening verb(s), or None when no known verb is found."""
    normalised = _normalise(text)
    if _KK_LETTERS.search(normalised):
        return _kazakh(normalised)
    if re.search(r"[а-я]", normalised[:40]):
        return _russian(normalised)
    return _english(normalised)
