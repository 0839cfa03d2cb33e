"""How well semantic search ranks: E5's query and passage sides, as shipped, against `query: ` on both sides.

Kazakhstan's 127 coded cycle-1 recommendations carry UPR Info's issues. Each issue coded on at least two of them is
a query, in the words a user would type: its name in English, and for the issues coded at least four times (but the
two general ones, "ESC rights - general" and "UPR process") a Russian and a Kazakh name written for this script. The
relevant records are those coded with the issue. A second corpus adds 20 of the recommendations in Russian (written
for this script, with their originals' coding), as a commission's records mix languages. In the same run, the
records and queries are embedded with the search embedder twice: as the app does now (`tagging.embed` for the
records: `passage: `; `tagging.embed_queries` for the queries: `query: `, or `passage: ` for a Kazakh query), and as
it did before (`query: ` for both).

Figures: mean average precision (MAP) and precision of the first 10 (P@10), per language. UPR Info codes each
recommendation under a few issues, so a relevant record coded under another issue counts as a miss: compare the
two variants, not the absolute figures.

Run: HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/search_quality.py
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


def main() -> None:
    argparse.ArgumentParser(description=__doc__.split("\n")[0]).parse_args()

    from sklearn.metrics import average_precision_score

    from rightstrack.tagging import embed, embed_queries
    from rightstrack.tagging.embedders import get_search_embedder
    from rightstrack.tagging.taxonomies import cycle1_recommendations, get_taxonomy

    embedder = get_search_embedder()
    coded = list(get_taxonomy("upr-issues").training)
    counts = {issue: sum(issue in labels for _text, labels in coded) for issue in get_taxonomy("upr-issues").labels}
    english = [issue for issue, n in counts.items() if n >= 2]
    assert set(TRANSLATIONS) <= set(english), "a translated issue is not coded twice"
    queries = {"en": {issue: issue for issue in english},
               "ru": {issue: names[0] for issue, names in TRANSLATIONS.items()},
               "kk": {issue: names[1] for issue, names in TRANSLATIONS.items()}}
    coding, ids = dict(coded), {r["id"]: r["text"] for r in cycle1_recommendations()}
    corpora = {"English": coded,
               "English and Russian": coded + [(text, coding[ids[pk]]) for pk, text in RUSSIAN_RECORDS.items()]}
    print(f"{len(coded)} coded recommendations (and {len(RUSSIAN_RECORDS)} of them in Russian), embedder "
          f"{embedder.version}; queries: " + ", ".join(f"{len(q)} {lang}" for lang, q in queries.items()))
    figures = {}
    for corpus_name, corpus in corpora.items():
        texts = [text for text, _labels in corpus]
        variants = {"query: on both sides (before)": (embedder.embed(texts), embedder.embed),
                    "query: and passage: (shipped)": (embed(texts), embed_queries)}
        print(corpus_name)
        for lang, named in queries.items():
            for variant, (documents, embed_query_texts) in variants.items():
                ap, p10 = [], []
                for issue, vector in zip(named, embed_query_texts(list(named.values()))):
                    relevant = np.array([issue in labels for _text, labels in corpus])
                    scores = documents @ vector
                    ap.append(average_precision_score(relevant, scores))
                    p10.append(relevant[np.argsort(-scores, kind="stable")[:10]].mean())
                figures.setdefault(corpus_name, {}).setdefault(lang, {})[variant] = {
                    "map": round(float(np.mean(ap)), 3), "p_at_10": round(float(np.mean(p10)), 3)}
                print(f"  {lang} {variant:32} MAP {np.mean(ap):.3f}  P@10 {np.mean(p10):.3f}")
    print(json.dumps({"embedder": embedder.version, "texts": len(coded), "russian_texts": len(RUSSIAN_RECORDS),
                      "figures": figures}))


if __name__ == "__main__":
    main()
