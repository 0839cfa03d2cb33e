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
    # A paragraph that only comments on other recommendations (no list of its own).
    "remark": [r"recommendations? (?:nos?\.|numbers?|contained in paragraph)", r"^all conclusions"],
    # Cover page.
    "months": ["january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december"],
    "session": r"held its (\w+(?:-\w+)?) session",
    "state_under_review": r"review of (?:the )?(.{2,60}?) (?:was|took place|is) held",
    "ordinals": ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                 "eighteenth", "nineteenth", "twentieth"],
}

# Russian: the same shape; the phrases are those of the Russian editions of the reports. Not yet checked
# against a Russian report (none is held), so `extract` only uses it when the English heading is absent.
RUSSIAN = {
    "section": [r"^\s*(?:[IVX]+\.\s*)?выводы\s+и(?:/или)?\s+рекомендации\W*$"],
    "closing": [r"^все выводы и(?:/или)? рекомендации", r"^состав делегации"],
    "end_lines": ["приложение"],
    "responses": [
        ("noted", [r"не пользуются поддержкой", r"не получили поддержки", r"принял[аио]? к сведению"]),
        ("pending", [r"будут изучены", r"рассмотрит", r"представит ответы"]),
        ("supported", [r"пользуются поддержкой", r"получили поддержку"]),
    ],
    "remark": [r"рекомендаци\w* №", r"^все выводы"],
    "months": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
               "октября", "ноября", "декабря"],
    "session": r"(\w+) сесси",
    "state_under_review": r"обзор (.{2,60}?) состоялся",
    "ordinals": ["первой", "второй", "третьей", "четвертой", "пятой", "шестой", "седьмой", "восьмой", "девятой",
                 "десятой", "одиннадцатой", "двенадцатой", "тринадцатой", "четырнадцатой", "пятнадцатой",
                 "шестнадцатой", "семнадцатой", "восемнадцатой", "девятнадцатой", "двадцатой"],
}

LANGUAGES = {"en": ENGLISH, "ru": RUSSIAN}
