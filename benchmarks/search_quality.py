"""How well search ranks in English, Russian and Kazakh: MAP and P@10 per query language, corpus and mode.

Kazakhstan's 127 coded cycle-1 recommendations carry UPR Info's issues. Each issue coded on at least two of them is
a query, in the words a user would type: its name in English, and for the issues coded at least four times (but the
two general ones, "ESC rights - general" and "UPR process") a Russian and a Kazakh name written for this script. The
relevant records are those coded with the issue. A second corpus adds 20 of the recommendations in Russian and the
same 20 in Kazakh (written for this script, with their originals' coding), as a commission's records mix languages.

Modes as the app runs them, with the app's functions: full text (the app's stems, clauses and FTS5 rendering in an
in-memory SQLite table, BM25), semantic (`e5-small-int8`, the app's query vector and band) and hybrid (RRF of the
full-text best, the any-word English list and the semantic band; the named-terms list is left out, as its relevant
records would be the coding itself). In the same run: the Russian/Kazakh -> English bridge (search/bridge.py) off
("before"), and learnt without UPR Info's names (held out: the English queries are those names); the Kazakh and
Russian stemming variants; MAP on two halves of the queries (a parameter tuned on one is checked on the other); and
two rough back-translations of the query sets (by meaning with E5, word by word with the held-out bridge).

UPR Info codes each recommendation under a few issues, so a relevant record coded under another issue counts as a
miss: compare the variants, not the absolute figures.

Run: HF_HUB_OFFLINE=1 PYTHONPATH=src .venv/bin/python benchmarks/search_quality.py
The last line is one JSON object.
"""

import argparse
import json
import os

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")

# The issues coded on at least four cycle-1 recommendations (but the two general ones), as a Russian and a Kazakh
# user might name them.
TRANSLATIONS = {
    "International instruments": ("Ратификация международных договоров по правам человека",
                                  "Халықаралық адам құқықтары шарттарын ратификациялау"),
    "Rights of the Child": ("Права ребёнка", "Бала құқықтары"),
    "Justice": ("Правосудие и независимость судей", "Сот төрелігі және соттардың тәуелсіздігі"),
    "Torture and other CID treatment": ("Пытки и жестокое обращение", "Азаптау және қатыгез қарым-қатынас"),
    "Women's rights": ("Права женщин", "Әйелдер құқықтары"),
    "Freedom of opinion and expression": ("Свобода мнений и их выражения", "Пікір білдіру бостандығы"),
    "Freedom of religion and belief": ("Свобода вероисповедания", "Діни сенім бостандығы"),
    "Detention conditions": ("Условия содержания под стражей", "Қамауда ұстау жағдайлары"),
    "Freedom of the press": ("Свобода прессы", "Баспасөз бостандығы"),
    "Disabilities": ("Права людей с инвалидностью", "Мүгедектердің құқықтары"),
    "NHRI": ("Национальное правозащитное учреждение", "Ұлттық адам құқықтары институты"),
    "Human rights education and training": ("Образование в области прав человека",
                                            "Адам құқықтары саласындағы білім беру"),
    "Trafficking": ("Торговля людьми", "Адам саудасы"),
    "National plan of action": ("Национальный план действий по правам человека",
                                "Адам құқықтары жөніндегі ұлттық іс-қимыл жоспары"),
    "Death penalty": ("Смертная казнь", "Өлім жазасы"),
    "Minorities": ("Права национальных меньшинств", "Ұлттық азшылықтардың құқықтары"),
    "Right to education": ("Право на образование", "Білім алу құқығы"),
}


# Twenty of the coded recommendations in Russian, written for this script: the corpus holds them beside the English
# originals, with the same coding, as a commission's records mix UN texts in English with national ones in Russian.
RUSSIAN_RECORDS = {
    "KAZ-UPR1-95.1": "Выполнить добровольные обязательства в области прав человека, включая ратификацию Конвенции о "
                     "правах инвалидов и Факультативного протокола к ней",
    "KAZ-UPR1-95.7": "Тесно сотрудничать с Управлением Верховного комиссара ООН по делам беженцев в вопросах статуса "
                     "беженцев и лиц, ищущих убежища",
    "KAZ-UPR1-95.9": "Продолжать совершенствование законов о защите прав детей, усилив уголовную и административную "
                     "ответственность за преступления против детей и вовлечение детей в преступную деятельность",
    "KAZ-UPR1-95.10": "Усилить меры и принять специальное законодательство о борьбе с дискриминацией и насилием в "
                      "отношении женщин, в частности с сексуальным и бытовым насилием",
    "KAZ-UPR1-95.13": "Обеспечить, чтобы законодательство об Интернете и новых коммуникационных технологиях "
                      "соответствовало международным обязательствам в области прав человека",
    "KAZ-UPR1-95.15": "Рассмотреть в ходе реформы института Уполномоченного по правам человека переход к независимому "
                      "национальному правозащитному учреждению в соответствии с Парижскими принципами",
    "KAZ-UPR1-95.23": "Полностью выполнить Национальный план действий в области прав человека на 2009-2012 годы",
    "KAZ-UPR1-95.29": "Осуществлять программы, рекомендованные Всемирной организацией здравоохранения, для улучшения "
                      "медицинской помощи женщинам и детям",
    "KAZ-UPR1-95.31": "Укреплять меры по противодействию экстремизму, обеспечивая эффективную защиту прав человека в "
                      "стране",
    "KAZ-UPR1-95.32": "Разработать программу повышения правовой грамотности сотрудников исправительных учреждений по "
                      "вопросам условно-досрочного освобождения осуждённых",
    "KAZ-UPR1-95.34": "Продолжать долгосрочную политику интеграции в общество 650 000 этнических казахов, вернувшихся "
                      "из Азии, Ближнего Востока и Европы",
    "KAZ-UPR1-95.41": "Продолжить процесс отмены смертной казни и рассмотреть вопрос о ратификации второго "
                      "Факультативного протокола к Международному пакту о гражданских и политических правах",
    "KAZ-UPR1-95.44": "Продолжать придерживаться нулевой терпимости к пыткам и жестоким, бесчеловечным или унижающим "
                      "достоинство видам обращения и наказания",
    "KAZ-UPR1-95.49": "Наращивать усилия по предупреждению торговли людьми и борьбе с ней",
    "KAZ-UPR1-95.53": "Принять меры для укрепления независимости судебной власти и борьбы с коррупцией в судах",
    "KAZ-UPR1-95.76": "Эффективно расследовать нарушения в отношении правозащитников и журналистов и преследовать "
                      "виновных",
    "KAZ-UPR1-95.81": "Продолжать борьбу с детским трудом",
    "KAZ-UPR1-95.84": "Продолжать меры по обеспечению всеобщего доступа к здравоохранению и образованию",
    "KAZ-UPR1-95.86": "Удвоить усилия по справедливому распределению благосостояния и искоренению бедности, оказывая "
                      "поддержку наиболее маргинализированным и обездоленным группам",
    "KAZ-UPR1-97.14": "Ускорить принятие нового закона о праве на собрания с меньшими требованиями о предварительной "
                      "регистрации и сведениях об участниках",
}

# The same twenty in Kazakh, written for this script (checked below: each one's nearest English text by meaning
# should be its original, a reading by the model rather than by the author).
KAZAKH_RECORDS = {
    "KAZ-UPR1-95.1": "Адам құқықтары жөніндегі ерікті міндеттемелерді орындау, оның ішінде Мүгедектердің құқықтары "
                     "туралы конвенцияны және оның Факультативтік хаттамасын ратификациялау",
    "KAZ-UPR1-95.7": "Босқындардың және баспана іздеушілердің мәртебесі мәселелерінде БҰҰ-ның Босқындар істері "
                     "жөніндегі Жоғарғы комиссарымен тығыз ынтымақтасу",
    "KAZ-UPR1-95.9": "Балаларға қарсы қылмыстар үшін қылмыстық және әкімшілік жауапкершілікті күшейте отырып, бала "
                     "құқықтарын қорғау туралы заңдарды жетілдіруді жалғастыру",
    "KAZ-UPR1-95.10": "Әйелдерге қатысты кемсітушілікпен және зорлық-зомбылықпен, әсіресе жыныстық және тұрмыстық "
                      "зорлық-зомбылықпен күресу үшін шараларды күшейту және арнайы заң қабылдау",
    "KAZ-UPR1-95.13": "Интернет және жаңа коммуникациялық технологиялар туралы заңнаманың адам құқықтары саласындағы "
                      "халықаралық міндеттемелерге сәйкес болуын қамтамасыз ету",
    "KAZ-UPR1-95.15": "Адам құқықтары жөніндегі уәкіл институтын реформалау барысында Париж қағидаттарына сәйкес "
                      "тәуелсіз ұлттық адам құқықтары институтына көшуді қарастыру",
    "KAZ-UPR1-95.23": "2009-2012 жылдарға арналған Адам құқықтары саласындағы ұлттық іс-қимыл жоспарын толық орындау",
    "KAZ-UPR1-95.29": "Әйелдер мен балаларға медициналық көмекті жақсарту үшін Дүниежүзілік денсаулық сақтау ұйымы "
                      "ұсынған бағдарламаларды іске асыру",
    "KAZ-UPR1-95.31": "Елде адам құқықтарының тиімді қорғалуын қамтамасыз ете отырып, экстремизмге қарсы іс-қимыл "
                      "шараларын нығайту",
    "KAZ-UPR1-95.32": "Түзеу мекемелері қызметкерлерінің сотталғандарды шартты түрде мерзімінен бұрын босату "
                      "мәселелері бойынша құқықтық сауаттылығын арттыру бағдарламасын әзірлеу",
    "KAZ-UPR1-95.34": "Азиядан, Таяу Шығыстан және Еуропадан оралған 650 000 этникалық қазақты қоғамға біріктірудің "
                      "ұзақ мерзімді саясатын жалғастыру",
    "KAZ-UPR1-95.41": "Өлім жазасын жою процесін жалғастыру және Азаматтық және саяси құқықтар туралы халықаралық "
                      "пактінің екінші Факультативтік хаттамасын ратификациялау мәселесін қарау",
    "KAZ-UPR1-95.44": "Азаптауға және қатыгез, адамгершілікке жатпайтын немесе ар-намысты қорлайтын қарым-қатынас пен "
                      "жазалау түрлеріне мүлдем төзбеушілікті ұстануды жалғастыру",
    "KAZ-UPR1-95.49": "Адам саудасының алдын алу және оған қарсы күрес жөніндегі күш-жігерді арттыру",
    "KAZ-UPR1-95.53": "Сот билігінің тәуелсіздігін нығайту және соттардағы сыбайлас жемқорлыққа қарсы күрес үшін "
                      "шаралар қабылдау",
    "KAZ-UPR1-95.76": "Құқық қорғаушылар мен журналистерге қатысты бұзушылықтарды тиімді тергеу және кінәлілерді "
                      "қудалау",
    "KAZ-UPR1-95.81": "Балалар еңбегіне қарсы күресті жалғастыру",
    "KAZ-UPR1-95.84": "Денсаулық сақтау мен білім беруге жалпыға бірдей қолжетімділікті қамтамасыз ету шараларын "
                      "жалғастыру",
    "KAZ-UPR1-95.86": "Әл-ауқатты әділ бөлу және кедейлікті жою жөніндегі күш-жігерді екі есе арттыру, ең осал және "
                      "әлеуметтік жағынан қорғалмаған топтарға қолдау көрсету",
    "KAZ-UPR1-97.14": "Алдын ала тіркеу және қатысушылар туралы мәліметтерге қойылатын талаптары аз жиналыс құқығы "
                      "туралы жаңа заңды қабылдауды жеделдету",
}


def average_precision(ranking: list[int], relevant: set[int]) -> float:
    """AP of a ranked list that may stop early: records never listed count as misses."""
    hits, total = 0, 0.0
    for position, index in enumerate(ranking, start=1):
        if index in relevant:
            hits += 1
            total += hits / position
    return total / len(relevant) if relevant else 0.0


class FullText:
    """The app's SQLite engine without Django's ORM: an in-memory FTS5 table of the app's stems (search/text.py),
    queried with the app's clauses and FTS5 rendering (search/query.py), ranked by BM25, ties by position."""

    def __init__(self, texts: list[str]):
        import sqlite3

        from rightstrack.search.text import stem_text

        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE fts USING fts5(body, tokenize='unicode61 remove_diacritics 2')")
        self.db.executemany("INSERT INTO fts (rowid, body) VALUES (?, ?)",
                            [(i, " ".join(stem_text(text).split())) for i, text in enumerate(texts)])

    def ranked(self, clauses) -> list[int]:
        from rightstrack.search.query import to_fts5

        if not clauses:
            return []
        rows = self.db.execute("SELECT rank, rowid FROM fts WHERE fts MATCH ?", [to_fts5(clauses)]).fetchall()
        return [index for _rank, index in sorted(rows)]


def stemming(variant: str):
    """Switch search/text.py's stemming to a variant for a measurement: "shipped", "no Kazakh stemming", "Russian
    Snowball for Kazakh (before)", "Snowball only for Russian (before)"."""
    import re

    from rightstrack.search import bridge, text

    text.kazakh_stem = {"no Kazakh stemming": lambda w: w,
                        "Russian Snowball for Kazakh (before)": text._russian.stemWord}.get(variant, SHIPPED_KAZAKH)
    text._FLEETING = re.compile("(?!)") if variant == "Snowball only for Russian (before)" else SHIPPED_FLEETING
    text.stem.cache_clear()
    bridge._dictionary.cache_clear()  # learnt from stems


def halves(issues) -> tuple[set, set]:
    """The queries split in two by name (alternately), for parameters tuned on one half and checked on the other."""
    ordered = sorted(issues)
    return set(ordered[0::2]), set(ordered[1::2])


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rightstrack.settings")
    import django

    django.setup()
    global SHIPPED_KAZAKH, SHIPPED_FLEETING, SHIPPED_VOCABULARIES
    from rightstrack.search import bridge
    from rightstrack.search import text as search_text
    from rightstrack.search.query import english_clause, parse, with_english
    from rightstrack.search.selectors import query_vector, rrf
    from rightstrack.tagging import embed, embed_queries
    from rightstrack.tagging.embedders import get_search_embedder
    from rightstrack.tagging.taxonomies import cycle1_recommendations, get_taxonomy

    SHIPPED_KAZAKH, SHIPPED_FLEETING = search_text.kazakh_stem, search_text._FLEETING
    SHIPPED_VOCABULARIES = bridge.VOCABULARIES
    # The bridge learnt without UPR Info's issue names, whose English names are the English queries: a held-out check.
    HELD_OUT = tuple(v for v in bridge.VOCABULARIES if v != "upr_issue")

    def band(scores, width):
        """Indexes by score, best first, within `width` of the best (the app's semantic window)."""
        whole = [int(i) for i in np.argsort(-scores, kind="stable")]
        return [i for i in whole if scores[i] >= scores[whole[0]] - width]
    # SEARCH_CANDIDATES, SEARCH_SEMANTIC_WINDOW, SEARCH_HYBRID_WINDOW
    candidates, window, hybrid_window = 200, 0.05, 0.10
    embedder = get_search_embedder()
    coded = list(get_taxonomy("upr-issues").training)
    counts = {issue: sum(issue in labels for _text, labels in coded) for issue in get_taxonomy("upr-issues").labels}
    english = [issue for issue, n in counts.items() if n >= 2]
    assert set(TRANSLATIONS) <= set(english), "a translated issue is not coded twice"
    queries = {"en": {issue: issue for issue in english},
               "ru": {issue: names[0] for issue, names in TRANSLATIONS.items()},
               "kk": {issue: names[1] for issue, names in TRANSLATIONS.items()}}
    coding, ids = dict(coded), {r["id"]: r["text"] for r in cycle1_recommendations()}
    translated = [(text, coding[ids[pk]]) for records in (RUSSIAN_RECORDS, KAZAKH_RECORDS)
                  for pk, text in records.items()]
    corpora = {"English": coded, "English, Russian and Kazakh": coded + translated}
    print(f"{len(coded)} coded recommendations (and {len(RUSSIAN_RECORDS)} of them in Russian, "
          f"{len(KAZAKH_RECORDS)} in Kazakh), embedder {embedder.version}; queries: "
          + ", ".join(f"{len(q)} {lang}" for lang, q in queries.items()))

    # A reading that is not the author's: each translation's nearest English record by meaning should be its original.
    english_vectors = embed([text for text, _labels in coded])
    position = {ids[pk]: i for i, (text, _labels) in enumerate(coded) for pk in ids if ids[pk] == text}
    check = {}
    for lang, records in (("ru", RUSSIAN_RECORDS), ("kk", KAZAKH_RECORDS)):
        nearest = (embed(list(records.values())) @ english_vectors.T).argmax(axis=1)
        check[lang] = int(sum(position[ids[pk]] == int(n) for pk, n in zip(records, nearest)))
        print(f"{lang} translations whose nearest English record is their original: {check[lang]}/{len(records)}")
    # The queries too, two rough back-translations: by meaning, the nearest of the 31 English issue names to each
    # Russian or Kazakh query should be its own; word by word, the bridge learnt without UPR Info's names (so not from
    # these issues' own names) should give at least one word of the English name.
    from rightstrack.search.text import stem, words

    bridge.VOCABULARIES = tuple(v for v in bridge.VOCABULARIES if v != "upr_issue")
    names = list(queries["en"])
    name_vectors = embed(names)
    for lang in ("ru", "kk"):
        nearest = (embed(list(queries[lang].values())) @ name_vectors.T).argmax(axis=1)
        check[f"{lang}_queries_by_meaning"] = int(sum(names[int(n)] == issue for issue, n in zip(queries[lang], nearest)))
        check[f"{lang}_queries_by_words"] = sum(
            bool({stem(w) for w in bridge.english_words(query)} & {stem(w) for w in words(issue)})
            for issue, query in queries[lang].items())
        print(f"{lang} queries whose nearest English issue name is their own: "
              f"{check[f'{lang}_queries_by_meaning']}/{len(queries[lang])}; that share a word with it through the "
              f"bridge: {check[f'{lang}_queries_by_words']}/{len(queries[lang])}")
        for issue, query in queries[lang].items():
            print(f"    {query} -> {' '.join(bridge.english_words(query))} ({issue})")
    bridge.VOCABULARIES = SHIPPED_VOCABULARIES

    figures, split, twins, found_by = {}, {}, {}, {}
    for corpus_name, corpus in corpora.items():
        texts = [text for text, _labels in corpus]
        documents = embed(texts)
        print(corpus_name)
        for lang, named in queries.items():
            plain = embed_queries(list(named.values()))  # without the bridge, as before
            rows = {}
            for variant in ("shipped", "Snowball only for Russian (before)", "Russian Snowball for Kazakh (before)",
                            "no Kazakh stemming"):
                if variant != "shipped" and (lang == "en" or (lang == "ru") != variant.startswith("Snowball only")):
                    continue
                stemming(variant)
                engine = FullText(texts)
                suffix = "" if variant == "shipped" else ", " + variant
                for issue, before_vector in zip(named, plain):
                    query = named[issue]
                    relevant = {i for i, (_text, labels) in enumerate(corpus) if issue in labels}
                    positive = parse(query).positive
                    rankings = {}
                    for bridge_name, vocabularies in (("", bridge.VOCABULARIES),
                                                      (", bridge without UPR Info names", HELD_OUT)):
                        if bridge_name and variant != "shipped":
                            continue
                        bridge.VOCABULARIES = vocabularies
                        english = english_clause(positive)
                        fulltext = engine.ranked(with_english(positive))
                        scores = documents @ query_vector(query)
                        rankings |= {f"full text{bridge_name}{suffix}": fulltext,
                                     f"semantic{bridge_name}{suffix}": band(scores, window),
                                     f"hybrid{bridge_name}{suffix}": rrf(
                                         fulltext[:candidates],
                                         engine.ranked([english] if english else [])[:candidates],
                                         band(scores, hybrid_window)[:candidates])}
                    bridge.VOCABULARIES = SHIPPED_VOCABULARIES
                    if variant == "shipped":
                        before = engine.ranked(positive)
                        before_scores = documents @ before_vector
                        rankings |= {"full text, no bridge (before)": before,
                                     "semantic, no bridge (before)": band(before_scores, window),
                                     "hybrid, no bridge (before)": rrf(before[:candidates],
                                                                       band(before_scores, hybrid_window)[:candidates])}
                    for mode, ranking in rankings.items():
                        row = rows.setdefault(mode, {"ap": {}, "p10": [], "found": 0, "found_by": {}})
                        row["ap"][issue] = average_precision(ranking, relevant)
                        row["p10"].append(len(set(ranking[:10]) & relevant) / 10)
                        row["found"] += len(set(ranking) & relevant)
                        row["found_by"][issue] = len(set(ranking) & relevant)
            stemming("shipped")
            first, second = halves(named)
            for mode, row in rows.items():
                ap = list(row["ap"].values())
                figures.setdefault(corpus_name, {}).setdefault(lang, {})[mode] = {
                    "map": round(float(np.mean(ap)), 3), "p_at_10": round(float(np.mean(row["p10"])), 3),
                    "relevant_found": row["found"]}
                if mode in ("hybrid", "hybrid, no bridge (before)", "hybrid, bridge without UPR Info names"):
                    split.setdefault(corpus_name, {}).setdefault(lang, {})[mode] = [
                        round(float(np.mean([row["ap"][i] for i in half])), 3) for half in (first, second)]
                print(f"  {lang} {mode:56} MAP {np.mean(ap):.3f}  P@10 {np.mean(row['p10']):.3f}  "
                      f"relevant found {row['found']}")
            # Full text, the translated queries against their English twins: relevant records found.
            twins.setdefault(corpus_name, {})[lang] = sum(rows["full text"]["found_by"].get(i, 0) for i in TRANSLATIONS)
            found_by[lang] = rows["full text"]["found_by"]
        print("  full text, relevant records found by the 17 translated queries: "
              + ", ".join(f"{lang} {n}" for lang, n in twins[corpus_name].items()))
        print("    where a translation finds fewer than its English twin: " + "; ".join(
            f"{issue} en {found_by['en'][issue]}, ru {found_by['ru'][issue]}, kk {found_by['kk'][issue]}"
            for issue in TRANSLATIONS if min(found_by["ru"][issue], found_by["kk"][issue]) < found_by["en"][issue]))
        for lang, modes in split[corpus_name].items():
            print(f"  {lang} MAP on the two halves of the queries: "
                  + "; ".join(f"{mode} {a:.3f} / {b:.3f}" for mode, (a, b) in modes.items()))
    print(json.dumps({"embedder": embedder.version, "texts": len(coded), "russian_texts": len(RUSSIAN_RECORDS),
                      "kazakh_texts": len(KAZAKH_RECORDS), "translation_check": check, "figures": figures,
                      "halves": split, "fulltext_found_17": twins}))


if __name__ == "__main__":
    main()
