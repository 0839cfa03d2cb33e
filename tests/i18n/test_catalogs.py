"""The Russian and Kazakh catalogs are complete, not fuzzy, compiled, and in step with the source."""

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
LANGUAGES = ["ru", "kk"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|\{\{?\s*\w+\s*\}?\}")


def catalog(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"))


def live_entries(po: polib.POFile) -> list[polib.POEntry]:
    return [e for e in po if not e.obsolete]


def nplurals(po) -> int:
    return int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated_and_not_fuzzy(lang):
    po = catalog(lang)
    assert len(live_entries(po)) > 300
    untranslated = [e.msgid for e in live_entries(po)
                    if not (all(e.msgstr_plural.values()) if e.msgid_plural else e.msgstr)]
    fuzzy = [e.msgid for e in live_entries(po) if "fuzzy" in e.flags]
    assert untranslated == [], f"{lang}: untranslated {untranslated[:20]}"
    assert fuzzy == [], f"{lang}: fuzzy {fuzzy[:20]}"
    assert po.metadata["Language"] == lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_keep_placeholders_and_plural_forms(lang):
    po = catalog(lang)
    forms = nplurals(po)
    for e in live_entries(po):
        wanted = sorted(PLACEHOLDER.findall(e.msgid))
        if e.msgid_plural:
            assert len(e.msgstr_plural) == forms, e.msgid
            got = [sorted(PLACEHOLDER.findall(s)) for s in e.msgstr_plural.values()]
            assert all(g == sorted(PLACEHOLDER.findall(e.msgid_plural)) for g in got), (e.msgid, e.msgstr_plural)
        else:
            assert sorted(PLACEHOLDER.findall(e.msgstr)) == wanted, (e.msgid, e.msgstr)


# Strings that read the same in every language: names of standards and a sign.
SAME_IN_EVERY_LANGUAGE = {"REST API", "No."}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_are_in_cyrillic_script_not_copied_english(lang):
    latin_word = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*")
    for e in live_entries(catalog(lang)):
        if e.msgid in SAME_IN_EVERY_LANGUAGE:
            continue
        pairs = [(e.msgid, e.msgstr)] if not e.msgid_plural else \
            [(e.msgid_plural, s) for s in e.msgstr_plural.values()]
        for source, text in pairs:
            assert re.search("[\u0400-\u04FF]", text), (e.msgid, text)
            # Latin words are allowed only when carried over from the source (names, codes, options, formats).
            assert set(latin_word.findall(PLACEHOLDER.sub("", text))) <= set(latin_word.findall(source)), (e.msgid, text)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_committed_mo_matches_the_po(lang):
    """The .mo files are committed (a fresh machine may lack GNU gettext), so they must not go stale."""

    def table(entries):
        out = {}
        for e in entries:
            if e.obsolete or "fuzzy" in e.flags or not e.msgid:
                continue
            out[(e.msgctxt, e.msgid)] = (tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural))
                                         if e.msgid_plural else e.msgstr)
        return out

    mo = polib.mofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo"))
    assert table(mo) == table(catalog(lang)), "run `django-admin compilemessages` in src/rightstrack and commit"


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogs_hold_every_marked_string(tmp_path, monkeypatch):
    """Every string marked in the templates and Python code has an entry, so none shows in English."""
    source = Path(settings.PACKAGE_DIR)
    copy = tmp_path / "rightstrack"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(
        "tagging", "static", "__pycache__", "*.mo", "*.po", "*.onnx", "*.bin", "*.safetensors", "*.npz"))
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["ru"], ignore_patterns=["tagging/*"], verbosity=0)
    fresh = {(e.msgctxt, e.msgid) for e in live_entries(polib.pofile(str(copy / "locale/ru/LC_MESSAGES/django.po")))}
    for lang in LANGUAGES:
        known = {(e.msgctxt, e.msgid) for e in live_entries(catalog(lang))}
        missing = sorted(m for _, m in fresh - known)
        assert missing == [], f"{lang}: run makemessages and translate: {missing[:20]}"
