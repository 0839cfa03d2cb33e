"""Recommending States in the reader's language: a stored name ("as printed in the report", English) is matched to
an ISO 3166-1 country, by pycountry's names or the alias table (`reference/state_aliases.csv`, for UN and UPR Info
forms such as "Iran (Islamic Republic of)"), and named from the iso-codes catalogue of the reader's language.

Only reading changes: the stored names stay as printed, so filters, exports and interchange files are stable.
"""

import csv
import gettext
import re
from functools import cache
from pathlib import Path

import pycountry

ALIASES = Path(__file__).resolve().parent.parent / "reference" / "state_aliases.csv"
ORIGINAL = "en"  # the language stored names are printed in


def _fold(name: str) -> str:
    name = re.sub(r"\s+", " ", name.replace("\u2019", "'").replace("\u00a0", " ")).strip(" .;,").casefold()
    return name.removeprefix("the ")


@cache
def _aliases() -> dict[str, str]:
    """Folded alias -> ISO 3166-1 alpha-3 code."""
    with open(ALIASES, encoding="utf-8", newline="") as handle:
        return {_fold(row["name"]): row["alpha_3"] for row in csv.DictReader(handle)}


@cache
def iso_country(name: str):
    """The pycountry country a stored State name means, or None when neither pycountry nor the aliases know it."""
    folded = _fold(name)
    if folded in _aliases():
        return pycountry.countries.get(alpha_3=_aliases()[folded])
    try:
        return pycountry.countries.lookup(folded)
    except LookupError:
        return None


@cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)


@cache
def state_name(name: str, language: str) -> tuple[str, bool]:
    """(the name a reader of `language` sees, whether it is the stored original shown untranslated).

    English readers get the name as printed; others its ISO name in their language, or the printed one when
    the State is unknown or its name has no translation in that language."""
    language = language[:2]
    if language == ORIGINAL:
        return name, False
    country = iso_country(name)
    translated = _catalogue(language).gettext(country.name) if country else None
    if not translated or translated == country.name:
        return name, True
    return translated, False
