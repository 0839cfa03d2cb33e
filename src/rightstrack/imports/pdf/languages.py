"""What depends on the report's language, as data: headings, response phrases, the closing paragraph, cover words.

Each entry is a list of regular expressions (case-insensitive). A new language is a new entry in `LANGUAGES`;
the extractor picks the one whose section heading the report contains.
"""

ENGLISH = {
    # The heading of the section that lists the recommendations ("II. Conclusions and/or recommendations").
    "section": [r"^\s*(?:[IVX]+\.\s*)?conclusions\s+and(?:/or)?\s+recommendations\W*$"],
    # The paragraph that closes the section.
    "closing": [r"^all conclusions and(?:/or)? recommendations", r"^composition of the delegation"],
    # A line that alone ends the section.
    "end_lines": ["annex"],
    # A paragraph's introduction says how the State responded; checked in this order.
    "responses": [
        ("noted", [r"did not enjoy the support", r"do not enjoy the support", r"were noted by",
                   r"have been noted", r"\bnot (?:been )?accepted\b", r"\brejected\b", r"not supported"]),
        ("pending", [r"will be examined", r"will examine", r"response of .{0,80} will be included",
                     r"responses? .{0,40}in due (?:course|time)", r"following recommendations were made to",
                     r"recommendations made during the interactive dialogue"]),
        ("supported", [r"enjoys? (?:the|its) support", r"enjoyed the support", r"accepted by", r"supported by",
                       r"agreed to"]),
    ],
    # A paragraph whose recommendations are printed earlier, in the summary of the dialogue (2008–2009 reports):
    # "The recommendations noted in paragraphs 31 (b), 33 (a), 37 ... above did not enjoy the support of Monaco".
    # The group is the list of references.
    "references": r"recommendations?\s+(?:\w+\s+)?in\s+paragraphs?\s+(.+?)\s+above\b",
    # A paragraph that only comments on other recommendations (no list of its own).
    "remark": [r"recommendations? (?:nos?\.|numbers?|contained in paragraph)", r"^all conclusions"],
    # An item that comments on recommendations printed elsewhere in the report ("With regard to the
    # recommendations in paragraphs 31 (b) (Algeria), ... Monaco indicated that ..."): not a recommendation.
    "comment": [r"^with regard to the recommendations? in paragraphs?\b"],
    # How one item's recommendations are told apart (`items.py`): the verbs a recommendation opens with (a
    # States group followed by "and" + one of them closes a recommendation), adverbs that may precede them, the
    # words that join two recommendations, the infinitive marker ("and to set clear time frames"), and how 2008
    # reports address the State under review ("Recommends that Tunisia pursue", "calls upon it to share").
    "verbs": ["abolish", "abrogate", "accede", "accelerate", "accept", "accomplish", "address", "adhere", "adopt",
              "align", "allocate", "allow", "amend", "apply", "approve", "assist", "become", "bring", "build",
              "carry", "cease", "combat", "commit", "complete", "comply", "conduct", "consider", "consolidate",
              "continue", "cooperate", "create", "criminalize", "decriminalize", "define", "develop", "devote",
              "eliminate", "encourage", "end", "enact", "enforce", "engage", "enhance", "ensure", "eradicate",
              "establish", "evaluate", "examine", "expand", "expedite", "explore", "extend", "facilitate",
              "finalize", "follow", "formulate", "fulfil", "give", "grant", "guarantee", "harmonize", "implement",
              "improve", "include", "incorporate", "increase", "initiate", "integrate", "intensify", "introduce",
              "invite", "investigate", "launch", "lift", "maintain", "make", "modify", "pay", "prevent", "prioritize",
              "proceed", "prohibit", "promote", "prosecute", "protect", "provide", "pursue", "put", "raise",
              "ratify", "reconsider", "redouble", "reduce", "refrain", "reinforce", "remove", "repeal", "respect",
              "revise", "review", "seek", "set", "share", "sign", "speed", "step", "strengthen", "submit",
              "take", "undertake", "uphold", "withdraw"],
    "adverbs": ["further", "also", "effectively", "fully", "urgently", "promptly", "actively"],
    "conjunctions": ["and", "as well as"],
    # Words after "(States); " that continue the sentence instead of opening the next recommendation ("(Japan,
    # Uzbekistan); in particular by security forces in prisons (France)").
    "continuations": ["in particular", "particularly", "especially", "notably", "including", "inter alia"],
    "infinitive": r"to\s+",
    "articles": r"the",  # a list's items start with one ("Ratify the OP-CAT (France), the CRPD (Chile)")
    "addressee": r"(?:further\s+)?(?:recommends?|recommended|encourages?|calls?\s+(?:up)?on|requests?|urges?|invites?)"
                 r"\s+(?:that\s+)?(?:it|the\s+Government|(?:the\s+)?{state})\s+(?:to\s+)?",
    # Treaty bodies' concluding observations (`concluding.py`): the heading of the section of concerns and
    # recommendations, and how a paragraph's recommending part opens.
    "co_section": [r"^\s*(?:[A-Z]\.\s*)?principal (?:matters|subjects) of concern and recommendations\W*$",
                   r"^\s*(?:[A-Z]\.\s*)?concerns and recommendations\W*$"],
    "co_recommends": r"\b(?:The State party should|The Committee (?:(?:also|further|strongly) )?"
                     r"(?:recommends|urges|encourages|requests|calls (?:up)?on) (?:that )?the State party)\b",
    # Cover page.
    "months": ["january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"],
    "session": r"held its (\w+(?:-\w+)?) session",
    "state_under_review": r"review of (?:the )?(.{2,60}?) (?:was|took place|is) held",
    "ordinals": ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                 "eighteenth", "nineteenth", "twentieth"],
    "tens": {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50},  # "twenty-first"
    "tenths": {"thirtieth": 30, "fortieth": 40, "fiftieth": 50},  # the round ones past "twentieth"
}

# Russian: the same shape, with the wording of the Russian editions of the reports. No Russian report PDF is
# held: it is checked on a text-layer fixture written from that wording (tests/imports/pdf/fixtures/
# kazakhstan2014_ru_synthetic.txt). `extract` tries English first.
RUSSIAN = {
    "section": [r"^\s*(?:[IVX]+\.\s*)?выводы\s+и(?:/или)?\s+рекомендации\W*$"],
    "closing": [r"^все выводы и(?:/или)? рекомендации", r"^состав делегации"],
    "end_lines": ["приложение"],
    "responses": [
        ("noted", [r"не пользуются (?:\w+ )?поддержкой", r"не получили (?:\w+ )?поддержки",
                   r"принят[аыо]? к сведению", r"принял[аио]? к сведению", r"отклонен"]),
        ("pending", [r"будут изучены", r"рассмотрит", r"представит (?:свои )?ответы"]),
        ("supported", [r"пользуются (?:\w+ )?поддержкой", r"получили (?:\w+ )?поддержку"]),
    ],
    "references": r"рекомендаци\w*,?\s+(?:\w+\s+)?в\s+пункта?х?\s+(.+?)\s+выше\b",
    "remark": [r"рекомендаци\w* №", r"^все выводы"],
    "comment": [r"^(?:в связи с|что касается) рекомендаци\w* в пункт"],
    "verbs": ["активизировать", "внедрить", "внести", "выполнить", "гарантировать", "завершить", "изучить",
              "обеспечить", "осуществлять", "отменить", "принимать", "принять", "продолжать", "продолжить",
              "пересмотреть", "присоединиться", "подписать", "рассмотреть", "ратифицировать", "расширить",
              "содействовать", "создать", "укрепить", "улучшить", "усилить", "учредить"],
    "adverbs": ["далее", "также", "эффективно", "полностью", "незамедлительно"],
    "conjunctions": ["и", "а также"],
    "continuations": ["в частности", "особенно", "включая"],
    "infinitive": r"(?!)",
    "articles": r"(?!)",
    "addressee": r"(?:рекомендует|призывает|предлагает)\s+{state}\s+",
    # The cover of a Russian edition keeps the English date ("Distr.: General 10 December 2014 Russian"); the
    # text gives Russian ones ("18 июня 2007 года"). Each month is a regular expression.
    "months": [f"{en}|{ru}" for en, ru in zip(ENGLISH["months"], [
        "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
        "декабря"])],
    "session": r"провела свою (\w+(?:[\s-]\w+)?) сесси",  # "провела свою двадцать первую сессию"
    "state_under_review": r"обзор(?: по)? (.{2,60}?) состоялся",
    "ordinals": ["первую", "вторую", "третью", "четвертую", "пятую", "шестую", "седьмую", "восьмую", "девятую",
                 "десятую", "одиннадцатую", "двенадцатую", "тринадцатую", "четырнадцатую", "пятнадцатую",
                 "шестнадцатую", "семнадцатую", "восемнадцатую", "девятнадцатую", "двадцатую"],
    "tens": {"двадцать": 20, "тридцать": 30, "сорок": 40, "пятьдесят": 50},
    "tenths": {"тридцатую": 30, "сороковую": 40, "пятидесятую": 50},
}

LANGUAGES = {"en": ENGLISH, "ru": RUSSIAN}
