"""Recommending States in the reader's language: a stored name ("as printed in the report", English) is matched to
an ISO 3166-1 country, by the project's State table (`reference/states.csv`: each State's name as UPR Info gives
it, its ISO code, and the forms UN reports print, "Iran (Islamic Republic of)", in English and Russian) or else
pycountry's names, and named from the iso-codes catalogue of the reader's language. The PDF extractor reads the
same table (`imports/pdf/states.py`).

Only reading changes: the stored names stay as printed, so filters, exports and interchange files are stable.
"""

import csv
import gettext
import re
from functools import cache
from pathlib import Path

import pycountry

STATES = Path(__file__).resolve().parent.parent / "reference" / "states.csv"
ORIGINAL = "en"  # the language stored names are printed in


def _fold(name: str) -> str:
    """Case, apostrophe style, spacing, "ё" and a leading "the" do not matter."""
    name = name.replace("\u2019", "'").replace("\u00a0", " ").replace("ё", "е").replace("Ё", "Е")
    return re.sub(r"\s+", " ", name).strip(" .;,").casefold().removeprefix("the ")


@cache
def _state_table() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The State table: (name, ISO 3166-1 alpha-3 code, the other forms of the name) for each State."""
    with open(STATES, encoding="utf-8", newline="") as handle:
        return tuple((row["name"], row["alpha_3"], tuple(filter(None, row["aliases"].split("|"))))
                     for row in csv.DictReader(handle))


@cache
def _aliases() -> dict[str, str]:
    """Folded name or alias -> ISO 3166-1 alpha-3 code."""
    return {_fold(form): code for name, code, aliases in _state_table() for form in (name, *aliases)}


@cache
def _names() -> dict[str, str]:
    """ISO 3166-1 alpha-3 code -> the table's name."""
    return {code: name for name, code, _forms in _state_table()}


def listed_state_name(name: str) -> str | None:
    """The table's name of a State as printed ("Iran (Islamic Republic of)" -> "Iran"), or None when the table does
    not list it. pycountry is not asked: its codes and territories would read "(AI)" in a report as Anguilla."""
    code = _aliases().get(_fold(name))
    return _names()[code] if code else None


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
