"""Extraction of recommendations from the messy text layer of UN reports, on small cuts of real reports."""

from collections import Counter
from pathlib import Path

import pytest

from rightstrack.imports.pdf.clean import join_lines, page_lines, repair_split_words, vocabulary
from rightstrack.imports.pdf.concluding import co_paragraphs, co_recommendations
from rightstrack.imports.pdf.cover import read_cover
from rightstrack.imports.pdf.languages import ENGLISH, LANGUAGES
from rightstrack.imports.pdf.report import lines_extract, report_extract
from rightstrack.imports.pdf.states import parse_states
from rightstrack.imports.pdf.text import pdf_pages
from rightstrack.imports.pdf.items import Grammar, split_item
from rightstrack.imports.pdf.upr import response_of
from rightstrack.imports.readers import UnusableInput
from rightstrack.recommendations.state_names import iso_country, listed_state_name

FIXTURES = Path(__file__).parent / "fixtures"


def _extract(name: str):
    return lines_extract((FIXTURES / name).read_text(encoding="utf-8").split("\f"), name)


def _by_paragraph(name: str) -> dict:
    return {r.paragraph: r for r in _extract(name).recommendations}


def test_running_headers_page_numbers_and_job_numbers_are_not_text():
    lines = page_lines(["A/HRC/26/16 \n14\nRatify the Convention\nGE.14-10028 17\n Page 17\n*1412727*\npage 18 \n"
                        "A/HRC/11/26*\nnow (Chad);"])
    assert lines == ["Ratify the Convention", "now (Chad);"]


def test_footnote_lines_and_their_markers_are_dropped():
    found = _by_paragraph("poland2012_footnote.txt")
    assert found["90.41"].recommending_states == ["Hungary"]
    assert found["90.41"].text.endswith("widely respected in the country")
    assert "as read during" not in found["90.54"].text and "as read during" not in found["90.55"].text
    assert found["90.54"].recommending_states == ["Iraq"]


def test_the_rest_of_a_footnote_at_the_foot_of_the_next_page_is_dropped():
    found = _by_paragraph("poland2012_footnote_continued.txt")
    assert found["90.114"].text.endswith("employment and housing") and not found["90.114"].response_comment
    assert "registration of all children." not in " ".join(r.text for r in found.values())


def test_a_footnote_whose_number_stands_on_its_own_line_is_dropped():  # burkinafaso2013.pdf, page 20
    page = ("138.2 Extend a standing invitation to all mandate holders (Hungary);\n138.3 Step up its cooperation "
            "(Latvia);\n138.8 Pay particular attention to polygamy in a future global action plan to \ncombat "
            "violence against women and children (Belgium);3\n138.9 Eliminate provisions on polygamy (Hungary).\n"
            "3\n The recommendation made during the interactive dialogue was as follows: \u201cConsider setting-up "
            "a \nglobal action plan (Belgium).\u201d \n")
    assert page_lines([page]) == [
        "138.2 Extend a standing invitation to all mandate holders (Hungary);", "138.3 Step up its cooperation "
        "(Latvia);", "138.8 Pay particular attention to polygamy in a future global action plan to",
        "combat violence against women and children (Belgium);", "138.9 Eliminate provisions on polygamy (Hungary)."]


def test_the_starred_footnote_of_the_heading_is_dropped():
    assert page_lines(["** The conclusions and recommendations have not been edited.\n90. The"]) == ["90. The"]


def test_a_recommendation_that_crosses_a_page_is_whole():
    found = _by_paragraph("kazakhstan2010_page_crossing.txt")
    text = found["97.10"].text
    assert "amendment to the Law" not in text and "A/HRC/14/10" not in text
    assert "in accordance with the laws adopted in 2005 on the elimination of extremism" in text
    assert text.endswith("for the registration of religious entities") and found["97.10"].recommending_states == [
        "Mexico"]


def test_old_numbering_becomes_paragraph_dot_item_and_the_response_comes_from_the_introduction():
    found = _by_paragraph("kazakhstan2010_page_crossing.txt")
    assert list(found)[:3] == ["97.1", "97.2", "97.3"]
    assert {r.response for r in found.values()} == {"pending"}


def test_states_in_nested_parentheses_are_one_state_normalised_to_the_list():
    found = _by_paragraph("cambodia2014_nested_states.txt")
    assert found["118.170"].recommending_states == ["Iran"]
    assert found["118.170"].text.endswith("Rights of Persons with Disabilities")
    assert found["118.169"].response == "supported" and found["119.1"].response == "pending"
    assert "120" not in "".join(found)  # the closing paragraph ends the section


def test_words_split_by_glyph_spacing_are_joined_again():
    found = _by_paragraph("monaco2013_pypdf_split_words.txt")
    assert "Co nvention" not in " ".join(r.text for r in found.values())
    assert found["89.6"].text == ("Accelerate the process for the ratification of the Convention on the Rights of "
                                  "Persons with Disabilities")


def test_two_real_words_are_not_joined_into_a_third():
    words = vocabulary("a part of it; a plan; apart from that; a part again")
    assert repair_split_words("a part", words) == "a part"
    assert repair_split_words("ratificati on", Counter({"ratification": 3, "on": 9, "ratificati": 1,
                                                        ("ratificati", "on"): 1})) == "ratification"


def test_bundled_recommendations_of_early_reports_are_separated_by_their_states():
    found = _by_paragraph("japan2008_bundled.txt")
    assert [p for p in found if p.startswith("60.2")] == ["60.2a", "60.2b", "60.2c", "60.2d"]
    assert found["60.2c"].text == "Establish the national human rights institution"
    assert found["60.2c"].recommending_states == ["Mexico"]
    assert found["60.4"].recommending_states == ["Canada", "Brazil"]


GRAMMAR = Grammar.of(ENGLISH, "Tunisia")


def test_a_state_inside_a_sentence_recommended_the_words_before_it_and_the_last_states_the_whole():
    assert split_item("Recommends Tunisia to consider ratifying the Optional Protocol to CAT (Canada) as soon as "
                      "possible (United Kingdom)", GRAMMAR) == [
        ("Consider ratifying the Optional Protocol to CAT", ["Canada"]),
        ("Consider ratifying the Optional Protocol to CAT as soon as possible", ["United Kingdom"])]


def test_each_state_gets_the_parts_its_name_follows():  # mexico2009.pdf, 93.6
    parts = split_item("Harmonize federal and state laws with international human rights instruments (Bolivia, "
                       "Guatemala, Spain, Turkey, Uruguay), in order to ensure their effective implementation "
                       "(Turkey), and equal protection and guarantees (Spain), at federal and state levels (Spain, "
                       "Turkey).", GRAMMAR)
    assert parts == [
        ("Harmonize federal and state laws with international human rights instruments",
         ["Bolivia", "Guatemala", "Uruguay"]),
        ("Harmonize federal and state laws with international human rights instruments, and equal protection and "
         "guarantees, at federal and state levels", ["Spain"]),
        ("Harmonize federal and state laws with international human rights instruments, in order to ensure their "
         "effective implementation, at federal and state levels", ["Turkey"])]


def test_states_and_a_verb_close_a_recommendation_and_open_the_next():  # netherlands2008.pdf, 78.7; tunisia2008 83.6
    assert split_item("Accede to the International Convention on the Protection of the Rights of All Migrant Workers "
                      "and Members of Their Families (Egypt, Peru, Algeria) and to increase its efforts to prevent "
                      "acts of discrimination against migrants (Algeria);", GRAMMAR) == [
        ("Accede to the International Convention on the Protection of the Rights of All Migrant Workers and Members "
         "of Their Families", ["Egypt", "Peru", "Algeria"]),
        ("Increase its efforts to prevent acts of discrimination against migrants", ["Algeria"])]
    assert [t for t, _s in split_item("Recommends Tunisia to continue its efforts in the field of economic social "
                                      "and cultural rights (Cuba) and requests Tunisia to share its best practices "
                                      "(South Africa)", GRAMMAR)] == [
        "Continue its efforts in the field of economic social and cultural rights", "Share its best practices"]


def test_a_list_gives_each_state_the_verb_and_its_own_items():  # japan2008.pdf, 60.1
    parts = {tuple(s): t for t, s in split_item(
        "Ratify the First Optional Protocol (Albania), the Optional Protocol to the Convention against Torture "
        "(United Kingdom, Albania), the Convention on the Rights of Persons with Disabilities (Mexico)", GRAMMAR)}
    assert parts[("Mexico",)] == "Ratify the Convention on the Rights of Persons with Disabilities"
    assert parts[("Albania",)] == ("Ratify the First Optional Protocol, the Optional Protocol to the Convention "
                                   "against Torture")


def test_neighbouring_state_groups_are_one():  # ukraine2012.pdf, 97.7
    assert split_item("Ratify the Rome Statute of the International Criminal Court (Slovakia) (Austria);",
                      GRAMMAR) == [("Ratify the Rome Statute of the International Criminal Court",
                                    ["Slovakia", "Austria"])]


def test_each_states_own_opening_of_a_shared_recommendation_is_one_recommendation():
    parts = split_item("To consider ratifying (Slovenia)/ratify (Republic of Korea) the Convention on the Rights "
                       "of Persons with Disabilities;", GRAMMAR)
    assert parts == [("To consider ratifying the Convention on the Rights of Persons with Disabilities", ["Slovenia"]),
                     ("Ratify the Convention on the Rights of Persons with Disabilities", ["Republic of Korea"])]
    assert split_item("Combat (Algeria, Honduras) and continue efforts to eradicate (Holy See) extreme poverty "
                      "(Algeria, Holy See, Honduras).", GRAMMAR) == [  # mexico2009.pdf, 93.65
        ("Combat extreme poverty", ["Algeria", "Honduras"]),
        ("Continue efforts to eradicate extreme poverty", ["Holy See"])]


def test_states_inside_the_common_rest_of_own_openings_give_each_state_its_parts():  # A/HRC/14/15 (Slovenia), 111.2
    parts = split_item("To ratify (Spain)/consider the possibility of ratifying (Argentina) the International "
                       "Convention for the Protection of All Persons from Enforced Disappearance (Spain, Argentina) "
                       "and of accepting the jurisdiction of the competent committee (Argentina);", GRAMMAR)
    assert parts == [
        ("To ratify the International Convention for the Protection of All Persons from Enforced Disappearance",
         ["Spain"]),
        ("Consider the possibility of ratifying the International Convention for the Protection of All Persons from "
         "Enforced Disappearance and of accepting the jurisdiction of the competent committee", ["Argentina"])]


def test_the_states_comment_on_recommendations_printed_elsewhere_is_no_recommendation():  # monaco2009.pdf, 82.3
    found = lines_extract(["II. CONCLUSIONS AND/OR RECOMMENDATIONS\n82. The recommendations noted in paragraph 37 "
                           "above did not enjoy the support of Monaco:\n1. Ratify the Convention (Chile);\n2. With "
                           "regard to the recommendation in paragraph 37 (United States), Monaco indicated that "
                           "freedom of expression is fully guaranteed."]).recommendations
    assert [(r.paragraph, r.text, r.response) for r in found] == [("82.1", "Ratify the Convention", "noted")]


def test_un_names_map_to_the_country_list():
    assert listed_state_name("Iran (Islamic Republic of)") == listed_state_name("Islamic Republic of Iran") == "Iran"
    assert listed_state_name("United Kingdom of Great Britain and Northern Ireland") == "United Kingdom"
    assert parse_states("Bolivia (Plurinational State of), Trinidad and Tobago and the Netherlands") == [
        "Bolivia", "Trinidad & Tobago", "Netherlands"]
    assert parse_states("Special Rapporteur on torture") is None
    assert parse_states("Türkiye, Netherlands (Kingdom of the)") == ["Turkey", "Netherlands"]
    assert parse_states("AI") is None  # a code pycountry knows (Anguilla) is no State of the table


def test_the_extractor_and_display_read_one_state_table():
    for printed in ("Iran (Islamic Republic of)", "Türkiye", "Иран (Исламская Республика)", "St Lucia"):
        assert iso_country(listed_state_name(printed)) == iso_country(printed) is not None


@pytest.mark.parametrize(("intro", "response"), [
    ("The recommendations below did not enjoy the support of Monaco:", "noted"),
    ("The following recommendations will be examined by Cambodia which will provide responses", "pending"),
    ("listed below have been examined by Turkey and enjoy its support:", "supported"),
    ("In the course of the discussion, the following recommendations were made to Japan:", "pending"),
])
def test_the_response_follows_the_paragraph_introduction(intro, response):
    assert response_of(intro, ENGLISH) == response


def test_a_hyphen_at_a_line_end_joins_the_next_line():
    assert join_lines(["a non-", "discriminatory system"]) == "a non-discriminatory system"


def test_the_cover_gives_symbol_date_session_and_cycle():
    report = report_extract(FIXTURES / "kazakhstan2010_cut.pdf")
    assert (report.cover.symbol, report.cover.date, report.cover.session, report.cover.cycle) == (
        "A/HRC/14/10", "2010-03-23", "7", "1")
    assert [r["paragraph"] for r in report.rows()] == ["95.1", "95.2", "95.3a", "95.3b", "95.4", "95.5"]


def test_a_report_without_the_section_is_unusable():
    with pytest.raises(UnusableInput, match="no section of conclusions"):
        lines_extract(["A/HRC/1/1\nSome report\n1. Text (Chad);"])


def test_a_russian_report_is_read_with_the_russian_patterns():
    """No Russian report PDF is held: the fixture is the text layer of a Russian edition written from the wording
    of A/HRC/28/10 (Kazakhstan, 2014), with its running headers, job numbers and starred footnote."""
    report = _extract("kazakhstan2014_ru_synthetic.txt")
    assert report.language == "ru"
    assert (report.cover.symbol, report.cover.date, report.cover.session, report.cover.cycle) == (
        "A/HRC/28/10", "2014-12-10", "20", "2")
    found = {r.paragraph: r for r in report.recommendations}
    assert [(p, r.response) for p, r in found.items()] == [
        ("124.1", "supported"), ("124.2a", "supported"), ("124.2b", "supported"), ("124.3", "supported"),
        ("124.4", "supported"), ("125.1", "pending"), ("125.2", "pending"), ("126.1", "noted"), ("126.2", "noted")]
    assert found["124.2b"].text == "Рассмотреть возможность ратификации Конвенции о статусе апатридов"
    assert found["124.3"].recommending_states == ["Iran"]  # "(Иран (Исламская Республика))"
    assert found["124.4"].recommending_states == ["Belarus", "Kyrgyzstan", "Trinidad & Tobago"]
    assert found["124.4"].text.endswith("особенно женщинами и детьми")  # across the page, without its headers
    assert found["126.1"].recommending_states == ["United Kingdom"]


def test_the_state_comments_printed_as_items_become_response_comments():
    found = _by_paragraph("costarica2010_state_comments.txt")
    assert list(found) == ["92.1a", "92.1b", "92.1c", "92.1d", "92.1e", "92.1f", "92.1g", "92.3", "92.5"]
    assert found["92.1g"].recommending_states == ["Uruguay"] and found["92.1g"].response == "noted"
    assert found["92.1g"].response_comment.startswith("Costa Rica explained that it has not considered")
    assert found["92.5"].response_comment == "Not applicable."


def test_the_next_heading_ends_the_section():
    found = _by_paragraph("tunisia2008_next_heading.txt")
    assert "83.12" in found and not any("VOLUNTARY" in r.text for r in found.values())
    assert found["83.12"].recommending_states == ["Mexico"]


def test_a_misprinted_item_number_takes_the_next_number():
    assert list(_by_paragraph("cambodia2014_misprinted_number.txt")) == ["118.107", "118.108", "118.109",
                                                                           "118.110"]


def test_recommendations_referred_to_in_the_summary_of_the_dialogue_are_read_there():  # monaco2009.pdf
    found = _by_paragraph("monaco2009_referenced.txt")
    assert {p: (r.text, r.recommending_states, r.response) for p, r in found.items()} == {
        "31 (b)": ("Accede to the International Convention on the Protection of the Rights of All Migrant Workers "
                   "and Members of Their Families (ICRMWC)", ["Algeria"], "noted"),
        "33 (a)": ("Actively consider widening opportunities for foreign inhabitants to participate actively in "
                   "political life", ["Netherlands"], "noted"),
        "37": ("Uphold freedom of expression, including with respect to public denunciations of the royal family",
               ["United States"], "noted"),
        "38 (b)": ("Take the necessary measures to guarantee the human rights of migrants, including ratifying "
                   "ICRMW", ["Mexico"], "noted"),
        "43 (a) (ii)": ("Ratify the International Convention on the Protection of the Rights of All Migrant Workers "
                        "and Members of Their Families", ["Azerbaijan"], "noted"),
    }  # 68 (d) (i) and 74 (a) are not in the cut; the items "With regard to ..." are the State's comments


def _co_lines(name: str) -> list[str]:
    return page_lines((FIXTURES / name).read_text(encoding="utf-8").split("\f"))


def test_concluding_observations_are_a_second_layout():  # CCPR/C/KGZ/CO/2, page 2 (fixtures/README.md)
    report = _extract("ccpr_kgz_co2_page_2.txt")
    assert (report.cover.symbol, report.mechanism, report.cover.session) == ("CCPR/C/KGZ/CO/2", "CCPR", "")
    assert [(r.paragraph, r.recommending_states, r.response) for r in report.recommendations] == [("5", [], "")]
    text = report.recommendations[0].text  # from "The State party should" on; the concern and the next heading not
    assert text.startswith("The State party should take appropriate measures to raise awareness among judges")
    assert text.endswith("by the domestic courts in its next periodic report.")


def test_concluding_observations_paragraphs_drop_topic_headings():  # CCPR/C/KGZ/CO/2, page 8
    found = [r for number, body in co_paragraphs(_co_lines("ccpr_kgz_co2_page_8.txt"))
             for r in co_recommendations(number, body, ENGLISH)]
    assert [r.paragraph for r in found] == ["26", "27", "28"]
    assert found[0].text.endswith("providing the necessary identification documents.")
    assert found[1].text.startswith("The State party should strengthen its efforts to ensure representation")
    assert found[1].text.endswith("restoring Uzbek-language television stations.")  # not "Dissemination of ..."
    assert found[2].text.startswith("The State party should widely disseminate the Covenant")


def test_concluding_observations_lettered_sub_items_in_reading_order():  # CCPR/C/KGZ/CO/2, page 4
    lines = _co_lines("ccpr_kgz_co2_page_4.txt")
    paragraph_11 = lines[:lines.index("Trafficking in persons")]  # its number and concern are on page 3
    found = {r.paragraph: r.text for r in co_recommendations("11", paragraph_11, ENGLISH)}
    assert list(found) == ["11", "11(a)", "11(b)", "11(c)", "11(d)"]
    assert found["11"].endswith("including bride kidnapping, spousal rape and domestic violence and:")
    assert found["11(a)"].startswith("Reinforce training of police")
    assert found["11(c)"] == "Ensure the availability of a sufficient number of adequately resourced shelters"
    assert found["11(d)"].endswith("adverse impact of violence on women.")


def test_a_paragraph_that_only_states_a_concern_recommends_nothing():  # CCPR/C/KGZ/CO/2, page 4, paragraph 13
    lines = _co_lines("ccpr_kgz_co2_page_4.txt")
    assert co_recommendations("13", lines[lines.index("13.") + 1:], ENGLISH) == []


def test_a_semicolon_before_in_particular_continues_the_recommendation():  # mexico2009.pdf, item 93.27
    text = join_lines(["Take the necessary measures to prevent/prohibit the use of torture / ill-treatment (Japan, ",
                       "Uzbekistan); in particular by security forces in prisons, as noted by a number of special ",
                       "rapporteurs (France) "])
    assert split_item(text, Grammar.of(ENGLISH)) == [
        ("Take the necessary measures to prevent/prohibit the use of torture / ill-treatment", ["Japan", "Uzbekistan"]),
        ("Take the necessary measures to prevent/prohibit the use of torture / ill-treatment; in particular by "
         "security forces in prisons, as noted by a number of special rapporteurs", ["France"])]


def test_a_last_group_naming_an_earlier_state_adds_its_words_to_that_states_recommendation():  # mexico2009, 93.69
    text = join_lines(["Continue to extend and strengthen the system of primary healthcare and improve the ",
                       "quality of such services (Honduras); and redouble efforts to reduce the number of maternal ",
                       "deaths by training birth attendants and establishing more obstetric clinics (Holy See), with ",
                       "particular attention to indigenous women and peoples (Holy See, Honduras). "])
    assert split_item(text, Grammar.of(ENGLISH)) == [
        ("Continue to extend and strengthen the system of primary healthcare and improve the quality of such "
         "services, with particular attention to indigenous women and peoples", ["Honduras"]),
        ("Redouble efforts to reduce the number of maternal deaths by training birth attendants and establishing "
         "more obstetric clinics, with particular attention to indigenous women and peoples", ["Holy See"])]


def test_a_paragraph_that_lists_without_recommending_gives_nothing():  # CCPR/C/KGZ/CO/2, page 2, paragraph 4
    lines = _co_lines("ccpr_kgz_co2_page_2.txt")
    welcomes = lines[lines.index("4.") + 1:lines.index("C.")]  # "(a) The Second Optional Protocol ..."
    assert co_recommendations("4", welcomes, ENGLISH) == []


def test_a_third_cycle_report_with_its_pending_list_is_read():
    """Third-cycle layout (2017–2022), on nine pages of the text layer of A/HRC/43/15 (Slovenia, 2019;
    fixtures/README.md): the Council session's dates on the cover before the issue date, States each in their own
    parentheses, several States' recommendations under one number, items past 100, and a list that "will be
    examined" (pending until the addendum)."""
    report = _extract("slovenia2019_third_cycle.txt")
    assert (report.cover.symbol, report.cover.date, report.cover.session, report.cover.cycle) == (
        "A/HRC/43/15", "2019-12-19", "34", "3")  # not "20 March 2020", the end of "24 February–20 March 2020"
    found = {r.paragraph: r for r in report.recommendations}
    # 39 items supported, one of them two States' own wordings; 53 pending, 122.3 three and 122.11 two
    assert Counter(r.response for r in found.values()) == {"supported": 40, "pending": 56}
    assert found["121.1"].recommending_states == ["France", "Lithuania"]  # "(France) (Lithuania)"
    assert [(found[p].recommending_states, found[p].text.split()[:2]) for p in ("121.2a", "121.2b")] == [
        (["Ukraine"], ["Complete", "the"]), (["Slovakia"], ["Increase", "efforts"])]
    assert [found[f"122.3{x}"].recommending_states for x in "abc"] == [["Indonesia"], ["Niger"], ["Philippines"]]
    assert found["122.7"].recommending_states == ["Slovakia", "Spain", "Macedonia FYR"]
    assert found["121.3"].text.endswith("Forced Labour Convention, 1930 (No. 29)")
    assert found["121.3"].recommending_states == ["United Kingdom"]  # its name across two lines
    assert found["122.22"].recommending_states == ["Venezuela"]  # "(Bolivarian Republic\nof Venezuela)"
    assert "122.22a" not in found and found["122.22"].text.endswith("; and strengthen its policies to combat racism "
                                                                   "and hate speech")  # no States before "; and"
    assert found["121.55"].text.endswith("comply with European and international obligations and norms")
    assert (found["122.100"].response, found["122.157"].recommending_states) == ("pending", ["Costa Rica"])
    assert list(found)[-1] == "122.157"  # the closing paragraph and the annex are not read


@pytest.mark.parametrize(("words", "session", "cycle"), [
    ("held its thirtieth session", "30", "3"), ("held its fortieth session", "40", "3"),
    ("held its forty-first session", "41", "4"), ("провела свою тридцатую сессию", "30", "3")])
def test_round_session_ordinals_past_twenty_are_read(words, session, cycle):
    language = LANGUAGES["ru" if words.startswith("провела") else "en"]
    cover = read_cover([f"A/HRC/39/1\nThe Working Group {words} from 7 to 18 May 2018."], language)
    assert (cover.session, cover.cycle) == (session, cycle)


def test_a_hyphen_that_ends_a_line_in_the_pdf_stays_a_hyphen():  # PDFium gives it as U+0002
    [cover, page, _] = pdf_pages(FIXTURES / "kazakhstan2010_cut.pdf")
    assert "well-being of citizens" in page and "\x02" not in cover + page
