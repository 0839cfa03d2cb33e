"""Parsing of single cell values (dates, choices, yes/no) with messages a coordinator can act on."""

import datetime as dt
import math
import re

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

_EXCEL_EPOCH = dt.date(1899, 12, 30)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_YES = {"yes", "y", "true", "1", "да", "иә", "published"}
_NO = {"no", "n", "false", "0", "нет", "жоқ", "unpublished", ""}


def _not_a_date(text: str) -> str:
    return _("not a date: %(text)r (use YYYY-MM-DD, DD.MM.YYYY or an Excel date)") % {"text": text}


def parse_date(text: str) -> dt.date | None:
    """ISO (2020-03-01, with or without a time), an Excel serial number (43891) or 01.03.2020; '' is None."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if match := _ISO.match(text):
            return dt.date(*map(int, match.groups()))
        if match := _DOTTED.match(text):
            day, month, year = map(int, match.groups())
            return dt.date(year, month, day)
        serial = float(text)
    except ValueError:
        raise ValueError(_not_a_date(text)) from None
    if math.isnan(serial) or not 1 <= serial < 2958466:
        raise ValueError(_not_a_date(text))
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))


def parse_bool(text: str) -> bool:
    """yes/no in English, Russian or Kazakh, true/false, 1/0."""
    value = (text or "").strip().casefold()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError(_("expected yes or no, got %(text)r") % {"text": text})


def parse_choice(text: str, choices, aliases: dict | None = None, default: str | None = None) -> str:
    """A stored value or its label in any interface language, case-insensitively; aliases map other spellings.

    Labels are read in every language, so a file reads the same whoever imports it.
    """
    value = re.sub(r"\s+", " ", (text or "").strip()).casefold()
    if not value and default is not None:
        return default
    table = _choice_table(tuple(choices), tuple((aliases or {}).items()))
    if value in table:
        return table[value]
    raise ValueError(_("unknown value %(text)r (expected one of: %(values)s)")
                     % {"text": text, "values": ", ".join(k for k, _label in choices)})


_tables: dict[tuple, dict] = {}


def _choice_table(choices: tuple, aliases: tuple) -> dict:
    """Spelling -> stored value, built once per set of choices (the labels in every language are fixed)."""
    key = (tuple(str(k) for k, _label in choices), aliases)
    if key not in _tables:
        table = {str(k).casefold(): k for k, _label in choices}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                table.update({str(label).casefold(): k for k, label in choices})
        table.update(aliases)
        _tables[key] = table
    return _tables[key]
