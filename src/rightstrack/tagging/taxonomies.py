"""The seven taxonomies: their labels, the texts that describe each label, and any shipped training data.

Everything is read from the reference CSVs inside the package, so the taggers work out of the box.
"""

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files

TAXONOMY_NAMES = ("sdg", "sdg-targets", "upr-issues", "action-category", "themes", "groups", "articles")

# UPR Info's database uses a few spellings that differ from its own published issue list.
ISSUE_ALIASES = {"Detention": "Detention conditions", "Technical assistance and cooperation": "Technical assistance"}
# What each issue covers, in the words recommendations use (acronyms spelt out), written from the issue
# names and UPR Info's usage; used as zero-shot prototypes and as extra labelled examples.
ISSUE_DESCRIPTIONS = {
    "Asylum-seekers - refugees": "Refugees and asylum-seekers, refugee status determination, non-refoulement, UNHCR, "
                                 "1951 Refugee Convention, stateless persons",
    "Civil society": "Civil society and non-governmental organizations (NGOs), their participation, consultation "
                     "and registration",
    "Corruption": "Corruption, anti-corruption measures, bribery, transparency and accountability of officials",
    "Counter-terrorism": "Counter-terrorism and combating extremism, terrorism laws and security measures that "
                         "respect human rights",
    "CP rights - general": "Civil and political rights in general, rule of law, democratic institutions and "
                           "political participation",
    "Death penalty": "Death penalty, capital punishment, moratorium on executions, death sentences, Second Optional "
                     "Protocol to the ICCPR on the abolition of the death penalty",
    "Detention conditions": "Detention conditions, prisons and prisoners, penitentiary and correctional institutions, "
                            "pre-trial detention, overcrowding, treatment of detainees",
    "Development": "Economic and social development, sustainable development, Millennium Development Goals, "
                   "development cooperation and aid",
    "Disabilities": "Persons with disabilities, Convention on the Rights of Persons with Disabilities, accessibility, "
                    "inclusion of children with disabilities",
    "Elections": "Elections and electoral process, free and fair elections, electoral law, OSCE/ODIHR observers, "
                 "political parties, parliament",
    "Enforced disappearances": "Enforced disappearances, missing persons, International Convention for the "
                               "Protection of All Persons from Enforced Disappearance",
    "Environment": "Environment, environmental protection, climate change, pollution, ecology, natural resources",
    "ESC rights - general": "Economic, social and cultural rights in general, International Covenant on Economic, "
                            "Social and Cultural Rights, social protection, standard of living, well-being",
    "Extrajudicial executions": "Extrajudicial, summary or arbitrary executions, unlawful killings",
    "Freedom of association and peaceful assembly": "Freedom of association and peaceful assembly, demonstrations, "
                                                    "protests, right to assembly, registration of associations, "
                                                    "trade unions and political parties",
    "Freedom of movement": "Freedom of movement, residence registration, exit visas, travel restrictions",
    "Freedom of opinion and expression": "Freedom of opinion and expression, free speech, Internet, censorship, "
                                         "criminal libel and defamation, access to information",
    "Freedom of religion and belief": "Freedom of religion and belief, religious communities and their registration, "
                                      "religious extremism, interfaith dialogue, believers",
    "Freedom of the press": "Freedom of the press, journalists, media outlets, independent media, mass media law, "
                            "defamation suits against journalists",
    "General": "Human rights in general, promotion and protection of human rights, human rights policies, legislation "
               "and reforms",
    "HIV - Aids": "HIV and AIDS, people living with HIV/AIDS, drug users, stigmatization and discrimination",
    "Human rights defenders": "Human rights defenders, activists, protection of defenders from harassment and "
                              "reprisals",
    "Human rights education and training": "Human rights education and training, awareness-raising, training of "
                                           "police, judges, law enforcement officials and public servants, "
                                           "human rights in school curricula",
    "Human rights violations by state agents": "Human rights violations by state agents, police abuse, excessive use "
                                               "of force by law enforcement officials",
    "Impunity": "Impunity, accountability, investigation and prosecution of perpetrators, remedies and reparation "
                "for victims",
    "Indigenous peoples": "Indigenous peoples, their lands, cultures and consultation",
    "Internally displaced persons": "Internally displaced persons (IDPs), displacement, return and resettlement",
    "International humanitarian law": "International humanitarian law, armed conflict, Geneva Conventions, "
                                      "protection of civilians",
    "International instruments": "Ratification of international human rights treaties and optional protocols, "
                                 "accession to conventions, withdrawal of reservations, Rome Statute",
    "Justice": "Justice system, courts, independence of the judiciary, judges, fair trial, lawyers, legal aid, "
               "judicial reform, prosecutors, juvenile justice",
    "Labour": "Labour and employment, workers' rights, unemployment, working conditions, trade unions, child labour, "
              "forced labour, equal pay",
    "Migrants": "Migrants and migrant workers, labour migration, Convention on the Protection of the Rights of All "
                "Migrant Workers and Members of Their Families",
    "Minorities": "Ethnic, national and linguistic minorities, minority languages, interethnic harmony and "
                  "integration",
    "National plan of action": "National human rights action plan, national strategy or programme for human rights "
                               "and its implementation",
    "NHRI": "National human rights institution, ombudsman, human rights commissioner, Paris Principles",
    "Other": "Other issues, cooperation with the United Nations and international organizations",
    "Poverty": "Poverty reduction and eradication, wealth distribution, social assistance, income and living "
               "conditions of the poor",
    "Public security": "Public security, police, crime prevention, law enforcement and public order",
    "Racial discrimination": "Racial discrimination, racism, xenophobia, ethnic discrimination, hate speech, "
                             "Convention on the Elimination of Racial Discrimination",
    "Right to education": "Right to education, access to schools, quality of education, school enrolment, "
                          "teachers, education in minority languages",
    "Right to food": "Right to food, food security, nutrition, hunger",
    "Right to health": "Right to health, health care, medical services, maternal and child mortality, "
                       "World Health Organization",
    "Right to housing": "Right to adequate housing, evictions, homelessness",
    "Right to land": "Right to land, land rights, land ownership and use",
    "Right to water": "Right to safe drinking water and sanitation",
    "Rights of the Child": "Rights of the child, children, juvenile justice, child labour, violence against children, "
                           "alternative care, Convention on the Rights of the Child, ombudsman for children",
    "Sexual Orientation and Gender Identity": "Sexual orientation and gender identity, lesbian, gay, bisexual and "
                                              "transgender (LGBT) persons, same-sex relations",
    "Special procedures": "Special procedures of the Human Rights Council, special rapporteurs, standing invitation, "
                          "country visits by mandate holders",
    "Technical assistance": "Technical assistance and cooperation, capacity-building with OHCHR and United Nations "
                            "agencies, requests for assistance",
    "Torture and other CID treatment": "Torture and other cruel, inhuman or degrading treatment or punishment, "
                                       "ill-treatment, national preventive mechanism, Optional Protocol to the "
                                       "Convention against Torture, confessions obtained under torture",
    "Trafficking": "Trafficking in persons, human trafficking, victims of trafficking, sexual and labour exploitation",
    "Treaty bodies": "Treaty bodies, reports to United Nations treaty committees, implementation of their "
                     "recommendations and views, individual complaints",
    "UPR process": "Universal Periodic Review process, follow-up of UPR recommendations, mid-term reports, "
                   "consultation with civil society on the review",
    "Women's rights": "Women's rights, gender equality, discrimination against women, domestic violence, violence "
                      "against women, women's participation, CEDAW",
}

# Who each UHRI concerned group is, in the words recommendations use for them (written from the group names and
# UHRI's usage, not from coded recommendations). Without these, zero-shot matched bare names such as "Media" or
# "Women" poorly: a recommendation on domestic violence or on journalists' safety rarely says "women" or "media"
# in the way the name does (benchmarks/stand_in.py). Legacy and current names of one group share words.
_CHILDREN = "children, the child, boys and girls, minors, juvenile justice, child protection, birth registration"
_DETAINED = ("persons deprived of their liberty, detainees, prisoners, pre-trial detention, prisons, places of "
             "detention, conditions of detention, arrested persons")
_EDUCATION = "teachers, educational staff, students, pupils, schools, universities, academic freedom"
_LGBTI = ("lesbian, gay, bisexual, transgender and intersex persons, LGBTI, sexual orientation and gender "
          "identity, same-sex relations")
_MEDICAL = "medical staff, doctors, nurses, health professionals, health workers, hospitals"
_MIGRANTS = "migrants, migrant workers and their families, labour migration, undocumented migrants"
_MINORITIES = ("national, ethnic, religious and linguistic minorities, minority languages, racial discrimination, "
               "ethnic groups, descent-based discrimination")
_POLICE = "police officers, law enforcement officials, security forces, use of force by the police"
_PRISON = "prison staff, penitentiary officials, prison guards, the penitentiary system"
_WOMEN = ("women, gender equality, discrimination against women, violence against women, domestic violence, "
          "women's participation, maternity, CEDAW")
_YOUTH = "young people, youth, adolescents, juveniles, youth employment"
GROUP_DESCRIPTIONS = {
    "Children": _CHILDREN,
    "Children in street situations": "street children, children living or working on the street, homeless children",
    "Children in vulnerable situations (abused, living on the street, institutionalized, indigenous, migrant "
    "children etc.)": "abused and neglected children, street children, children in institutions and alternative "
                      "care, orphans, child labour, migrant and indigenous children",
    "Civil society": "civil society, non-governmental organizations, NGOs, associations, community organizations, "
                     "consultation with civil society",
    "Disappeared persons": "disappeared persons, enforced disappearance, missing persons and their families",
    "Educational staff": _EDUCATION,
    "Educational staff & students": _EDUCATION,
    "General": "everyone, the whole population, all persons without distinction, human rights in general",
    "Girls": "girls, the girl child, child marriage, girls' education, female genital mutilation",
    "Human rights defenders": "human rights defenders, activists, civil society activists, whistle-blowers, "
                              "harassment and reprisals against defenders",
    "Indigenous peoples": "indigenous peoples, indigenous communities, traditional lands, free, prior and informed "
                          "consent",
    "Internally displaced persons": "internally displaced persons, IDPs, displacement within the country, return and "
                                    "resettlement",
    "Judges, lawyers and prosecutors": "judges, lawyers, prosecutors, the judiciary, the bar, independence of the "
                                       "judiciary and of lawyers",
    "Law enforcement / police officials": _POLICE,
    "Law enforcement / police & prison officials": f"{_POLICE}, {_PRISON}",
    "Lesbian, gay, bisexual and transgender and intersex persons (LGBTI)": _LGBTI,
    "Media": "journalists, media, the press, media workers, bloggers, freedom of the press, safety of journalists",
    "Medical staff": _MEDICAL,
    "Medical staff / health professionals": _MEDICAL,
    "Mercenaries": "mercenaries, foreign fighters, private military contractors",
    "Migrants": _MIGRANTS,
    "Migrants & domestic workers": f"{_MIGRANTS}, domestic workers",
    "Military staff": "the armed forces, military personnel, soldiers, conscripts, military courts",
    "Minorities / racial, ethnic, linguistic, religious or descent-based groups": _MINORITIES,
    "Minorities/ racial, ethnic, linguistic, religious or descent-based groups": _MINORITIES,
    "Non-citizens": "non-citizens, foreigners, foreign nationals, aliens, residents without citizenship",
    "Older persons": "older persons, the elderly, pensioners, old age, ageing",
    "Persons affected by armed conflict": "persons affected by armed conflict, civilians in war, victims of conflict",
    "Persons deprived of their liberty": _DETAINED,
    "Persons deprived of their liberty & detainees": _DETAINED,
    "Persons living in poverty": "persons living in poverty, the poor, low-income families, social assistance, "
                                 "poverty reduction, unemployed persons",
    "Persons living in rural areas": "rural areas, rural population, villages, remote regions, farmers",
    "Persons living with HIV/AIDS": "persons living with HIV, HIV/AIDS, people affected by HIV, antiretroviral "
                                    "treatment",
    "Persons with disabilities": "persons with disabilities, disabled persons, disability, accessibility, inclusive "
                                 "education, Convention on the Rights of Persons with Disabilities",
    "Prison officials": _PRISON,
    "Private security": "private security companies, private guards, private military and security services",
    "Public officials": "public officials, civil servants, state employees, public administration, government "
                        "officials",
    "Refugees & asylum seekers": "refugees, asylum-seekers, asylum procedures, refugee status, non-refoulement, "
                                 "UNHCR",
    "Roma, Gypsies, Sinti & Travellers": "Roma, Gypsies, Sinti, Travellers, Roma communities",
    "Rural women": "rural women, women in rural areas, women farmers",
    "Social workers": "social workers, social services, social care staff",
    "Stateless persons": "stateless persons, statelessness, persons without citizenship, nationality",
    "Vulnerable persons/groups": "vulnerable groups, persons in vulnerable situations, marginalized and "
                                 "disadvantaged groups",
    "Women": _WOMEN,
    "Women & girls": f"{_WOMEN}, girls",
    "Youth": _YOUTH,
    "Youth & juveniles": f"{_YOUTH}, juvenile offenders, juvenile justice",
}

# What each treaty article is about, in the words recommendations use (written from the article titles and the
# committees' usual subjects, not from coded recommendations): a recommendation cites the subject ("abolish the
# death penalty", "independence of the judiciary"), rarely the article.
ARTICLE_DESCRIPTIONS = {
    "ICCPR 1": "self-determination of peoples, natural resources of a people",
    "ICCPR 2": "effective remedy for violations, obligations to respect and ensure rights, incorporation of the "
               "Covenant into domestic law, national human rights institution, non-discrimination in the enjoyment "
               "of rights",
    "ICCPR 3": "equality of men and women, gender equality, discrimination against women, women's rights",
    "ICCPR 4": "state of emergency, derogation from rights, emergency measures, counter-terrorism measures",
    "ICCPR 5": "no restriction of rights beyond the Covenant, safeguard clause",
    "ICCPR 6": "right to life, death penalty, capital punishment, moratorium on executions, abolition of the death "
               "penalty, Second Optional Protocol, extrajudicial killings, use of lethal force",
    "ICCPR 7": "torture, cruel, inhuman or degrading treatment or punishment, ill-treatment, investigation of "
               "torture allegations, corporal punishment",
    "ICCPR 8": "slavery, forced labour, trafficking in persons, servitude, exploitation",
    "ICCPR 9": "arbitrary arrest and detention, liberty and security of person, pre-trial detention, judicial "
               "review of detention, habeas corpus, access to a lawyer on arrest, enforced disappearance",
    "ICCPR 10": "conditions of detention, prisons, treatment of prisoners, overcrowding, juvenile detainees, "
                "penitentiary system",
    "ICCPR 11": "imprisonment for debt, inability to fulfil a contractual obligation",
    "ICCPR 12": "freedom of movement, residence registration, exit visas, right to leave and return to the country",
    "ICCPR 13": "expulsion and deportation of aliens, extradition procedures, asylum-seekers' procedural rights",
    "ICCPR 14": "fair trial, independence of the judiciary, judges and lawyers, access to justice, presumption of "
                "innocence, legal aid, equality of arms, juvenile justice",
    "ICCPR 15": "no retroactive criminal law, legality of offences and penalties",
    "ICCPR 16": "recognition as a person before the law, legal capacity, legal identity",
    "ICCPR 17": "privacy, surveillance, data protection, interception of communications, home and family life, "
                "honour and reputation",
    "ICCPR 18": "freedom of religion or belief, religious communities, registration of religious associations, "
                "conscientious objection",
    "ICCPR 19": "freedom of expression and opinion, freedom of the media, journalists, access to information, "
                "defamation and libel, censorship, internet freedom",
    "ICCPR 20": "hate speech, incitement to hatred, propaganda for war, incitement to discrimination or violence",
    "ICCPR 21": "peaceful assembly, demonstrations, protests, rallies, public gatherings",
    "ICCPR 22": "freedom of association, non-governmental organizations, registration of associations, trade "
                "unions, political parties",
    "ICCPR 23": "family, marriage, equality of spouses, family reunification",
    "ICCPR 24": "rights of the child, child protection, birth registration, children's name and nationality",
    "ICCPR 25": "elections, right to vote and be elected, political participation, public affairs, access to "
                "public service, electoral law",
    "ICCPR 26": "equality before the law, non-discrimination, anti-discrimination law, discrimination on any "
                "ground",
    "ICCPR 27": "minorities, ethnic, religious and linguistic minorities, minority languages and culture",
    "CAT 1": "definition of torture in national law in line with the Convention",
    "CAT 2": "prevention of torture, effective measures against torture, absolute prohibition, legal safeguards "
             "in custody, national preventive mechanism",
    "CAT 3": "non-refoulement, return or extradition to a risk of torture, deportation, asylum",
    "CAT 4": "criminalization of torture, torture as a crime with appropriate penalties",
    "CAT 5": "jurisdiction over torture offences, universal jurisdiction",
    "CAT 6": "custody of alleged torturers, preliminary inquiry",
    "CAT 7": "prosecution or extradition of alleged torturers",
    "CAT 8": "torture as an extraditable offence, extradition treaties",
    "CAT 9": "mutual legal assistance in torture cases",
    "CAT 10": "training of police, law enforcement, prison and medical personnel on the prohibition of torture, "
              "Istanbul Protocol",
    "CAT 11": "review of interrogation rules, custody arrangements, video recording of interrogations",
    "CAT 12": "prompt and impartial investigation of torture, independent investigation of ill-treatment by "
              "officials",
    "CAT 13": "complaints of torture, complaint mechanisms, protection of complainants and witnesses from "
              "reprisals",
    "CAT 14": "redress, compensation and rehabilitation for victims of torture",
    "CAT 15": "exclusion of confessions and evidence obtained under torture",
    "CAT 16": "cruel, inhuman or degrading treatment, conditions in places of detention, ill-treatment",
}

# Each goal's usual vocabulary, written from its target texts, so paragraphs that name a goal's subject
# without the 2030 Agenda's wording ("schools", "carbon emissions") still reach the goal.
SDG_KEYWORDS = {
    "1": "poverty, poor households, extreme poverty, social protection, social assistance, low income, "
         "vulnerable people, basic services, resilience to shocks and disasters",
    "2": "hunger, food security, nutrition, malnutrition, stunting, agriculture, farmers, crops, "
         "agricultural productivity, smallholders, livestock",
    "3": "health, health care, disease, mortality, maternal health, child health, HIV, tuberculosis, malaria, "
         "vaccines, medicines, hospitals, drug abuse, road traffic injuries, universal health coverage",
    "4": "education, schools, pupils, students, teachers, learning, literacy, primary and secondary education, "
         "vocational training, universities, early childhood education",
    "5": "gender equality, women and girls, discrimination against women, violence against women, "
         "domestic violence, child marriage, women's participation and leadership, unpaid care work",
    "6": "water, drinking water, sanitation, hygiene, wastewater, water resources, water scarcity",
    "7": "energy, electricity, renewable energy, solar, wind, energy efficiency, clean fuels, power supply",
    "8": "economic growth, employment, jobs, decent work, unemployment, labour rights, productivity, "
         "small and medium enterprises, youth employment, forced labour, tourism",
    "9": "infrastructure, industry, industrialization, innovation, research and development, technology, "
         "manufacturing, internet access, transport infrastructure",
    "10": "inequality, income inequality, social inclusion, discrimination, migration, migrants, "
          "remittances, equal opportunity, fiscal and wage policies",
    "11": "cities, urban development, housing, slums, public transport, urban planning, air quality, "
          "waste management in cities, cultural heritage, disaster risk",
    "12": "sustainable consumption and production, waste, recycling, food waste, chemicals, natural resource "
          "use, sustainable procurement, corporate sustainability reporting",
    "13": "climate change, greenhouse gas emissions, carbon, global warming, climate adaptation and "
          "mitigation, climate-related disasters",
    "14": "oceans, seas, marine resources, fisheries, fishing, coastal ecosystems, marine pollution, "
          "ocean acidification",
    "15": "forests, deforestation, biodiversity, ecosystems, land degradation, desertification, wildlife, "
          "protected species, mountains",
    "16": "peace, justice, strong institutions, rule of law, violence, crime, corruption, courts, "
          "access to justice, human rights, accountable institutions, birth registration, freedoms",
    "17": "partnerships, international cooperation, development assistance, finance, debt, trade, exports, "
          "technology transfer, capacity building, statistics and data",
}


class UnknownTaxonomy(ValueError):
    """Raised for a taxonomy name that is not one of TAXONOMY_NAMES."""


@dataclass(frozen=True)
class Taxonomy:
    """A label set: `descriptions[label]` are texts that describe the label (used zero-shot).

    `opening_words` > 0 means models see only that many opening words of a text (0: the whole text).
    """

    name: str
    labels: tuple[str, ...]
    descriptions: dict[str, tuple[str, ...]]
    single_label: bool = False
    min_labels: int = 0
    opening_words: int = 0
    training: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())


def reference_rows(name: str) -> list[dict[str, str]]:
    """Rows of a reference CSV shipped in rightstrack.reference."""
    with files("rightstrack.reference").joinpath(name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _unique(names) -> tuple[str, ...]:
    """Names in first-seen order, without duplicates."""
    return tuple(dict.fromkeys(n.strip() for n in names if n.strip()))


def cycle1_recommendations() -> list[dict[str, str]]:
    """Kazakhstan's cycle-1 UPR recommendations with UPR Info's coding (cycle 2's is withheld on purpose)."""
    return [r for r in reference_rows("kazakhstan_demo/recommendations.csv") if r["cycle"] == "1"]


def _sdg(targets: bool) -> Taxonomy:
    goals = {g["goal"]: g for g in reference_rows("sdg_goals.csv")}
    rows = reference_rows("sdg_targets.csv")
    if targets:
        desc = {r["target"]: (f"{goals[r['goal']]['short_name']}: {r['text']}",) for r in rows}
        return Taxonomy("sdg-targets", tuple(desc), desc)
    desc = {g: [f"{row['short_name']}: {row['text']}"] for g, row in goals.items()}
    for r in rows:
        desc[r["goal"]].append(r["text"])
    for goal, words in SDG_KEYWORDS.items():
        desc[goal].append(f"{goals[goal]['short_name']}: {words}")
    # Texts sent for SDG tagging are development texts: each gets at least its best goal.
    return Taxonomy("sdg", tuple(desc), {k: tuple(v) for k, v in desc.items()}, min_labels=1)


def _issues() -> Taxonomy:
    labels = tuple(r["issue"] for r in reference_rows("upr_info_issues.csv"))
    desc = {label: (label, ISSUE_DESCRIPTIONS[label]) for label in labels}
    training = []
    for r in cycle1_recommendations():
        issues = tuple(ISSUE_ALIASES.get(i, i) for i in r["upr_info_issues"].split("|") if i)
        if issues:
            training.append((r["text"], issues))
    return Taxonomy("upr-issues", labels, desc, min_labels=1, training=tuple(training))


def _actions() -> Taxonomy:
    rows = reference_rows("upr_action_categories.csv")
    desc = {r["category"]: (f"{r['name']}: {r['definition']}. {r['example_verbs']}",) for r in rows}
    # Rows coded with two categories ("4|5") or none cannot teach a single-label model.
    training = tuple(
        (r["text"], (r["upr_info_action_category"],))
        for r in cycle1_recommendations()
        if r["upr_info_action_category"] in desc
    )
    # The category is defined by the opening verb, so the models look at the opening words only.
    return Taxonomy("action-category", tuple(desc), desc, single_label=True, min_labels=1, opening_words=4,
                    training=training)


def _names(taxonomy: str, csv_name: str, min_labels: int = 0, words: dict[str, str] | None = None) -> Taxonomy:
    """Labels named in a CSV, each described by its name, and by `words[name]` where given (one description per
    label, so thresholds are calibrated on background texts; see `training.zero_shot`)."""
    labels = _unique(r["name"] for r in reference_rows(csv_name))
    words = words or {}
    return Taxonomy(taxonomy, labels, {label: (f"{label}: {words[label]}" if label in words else label,)
                                       for label in labels}, min_labels=min_labels)


def _articles() -> Taxonomy:
    desc = {}
    for treaty, csv_name, long_name in (
        ("ICCPR", "iccpr_articles.csv", "International Covenant on Civil and Political Rights"),
        ("CAT", "cat_articles.csv", "Convention against Torture"),
    ):
        for r in reference_rows(csv_name):
            label = f"{treaty} {r['article']}"
            desc[label] = (f"{r['short_title']} ({long_name}, article {r['article']}): {ARTICLE_DESCRIPTIONS[label]}",)
    return Taxonomy("articles", tuple(desc), desc)


def model_inputs(opening_words: int, texts: list[str]) -> list[str]:
    """The part of each text a model embeds: the whole text, or its first words after a leading "To"/"That"."""
    if not opening_words:
        return texts
    return [" ".join(re.sub(r"^\s*(?:to|that)\s+", "", t, flags=re.IGNORECASE).split()[:opening_words]) for t in texts]


@lru_cache(maxsize=None)
def get_taxonomy(name: str) -> Taxonomy:
    """The taxonomy called `name`; raises UnknownTaxonomy otherwise."""
    builders = {
        "sdg": lambda: _sdg(targets=False),
        "sdg-targets": lambda: _sdg(targets=True),
        "upr-issues": _issues,
        "action-category": _actions,
        "themes": lambda: _names("themes", "uhri_themes.csv", min_labels=1),  # UHRI files every text under a theme
        "groups": lambda: _names("groups", "uhri_concerned_groups.csv", words=GROUP_DESCRIPTIONS),
        "articles": _articles,
    }
    if name not in builders:
        raise UnknownTaxonomy(f"unknown taxonomy {name!r}; choose one of: {', '.join(TAXONOMY_NAMES)}")
    return builders[name]()
