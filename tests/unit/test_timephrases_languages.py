"""resolve_time in other languages: dateparser's locale tables for the words (the
``lang`` extra), incidentkit's grammar and windows for the meaning."""

from __future__ import annotations

import sys

import pytest

from incidentkit import Time, ValidationError, _phrases_lang, resolve_time

KABUL = "Asia/Kabul"
PUBLISHED = Time.local(2021, 3, 11, tz=KABUL)  # Thursday 11 March 2021

YESTERDAY = "day 2021-03-10 00:00 / 2021-03-11 00:00"
THURSDAY = "day 2021-03-11 00:00 / 2021-03-12 00:00"
SUNDAY = "day 2021-03-07 00:00 / 2021-03-08 00:00"
LAST_NIGHT = "hour 2021-03-10 18:00 / 2021-03-11 06:00"
THREE_DAYS_AGO = "day 2021-03-08 00:00 / 2021-03-09 00:00"
TWO_WEEKS_AGO = "day 2021-02-25 00:00 / 2021-02-26 00:00 ~ ±72h"
THREE_MONTHS_AGO = "month 2020-12-01 00:00 / 2021-01-01 00:00 ~"
LAST_WEEK = "day 2021-03-01 00:00 / 2021-03-08 00:00"
LAST_MONTH = "month 2021-02-01 00:00 / 2021-03-01 00:00"
DATE = THURSDAY
EVENING = "part_of_day 2021-03-10 18:00 / 2021-03-10 22:00"
AFTERNOON = "part_of_day 2021-03-11 12:00 / 2021-03-11 18:00"

#: (language, phrase, expected) for each language the docs list: weekdays, yesterday,
#: last night, parts of day, N days/weeks/months ago, last week/month, dated months.
PHRASES = [
    ("de", "am Sonntag", SUNDAY),
    ("de", "am Samstagabend", "part_of_day 2021-03-06 18:00 / 2021-03-06 22:00"),
    ("de", "gestern", YESTERDAY),
    ("de", "letzte Nacht", LAST_NIGHT),
    ("de", "gestern Abend", EVENING),
    ("de", "Donnerstagnachmittag", AFTERNOON),
    ("de", "vor drei Tagen", THREE_DAYS_AGO),
    ("de", "vor 2 Wochen", TWO_WEEKS_AGO),
    ("de", "vor drei Monaten", THREE_MONTHS_AGO),
    ("de", "letzte Woche", LAST_WEEK),
    ("de", "letzten Monat", LAST_MONTH),
    ("de", "am 11. März 2021", DATE),
    ("fr", "dimanche", SUNDAY),
    ("fr", "hier", YESTERDAY),
    ("fr", "la nuit dernière", LAST_NIGHT),
    ("fr", "hier soir", EVENING),
    ("fr", "jeudi après-midi", AFTERNOON),
    ("fr", "il y a trois jours", THREE_DAYS_AGO),
    ("fr", "il y a deux semaines", TWO_WEEKS_AGO),
    ("fr", "il y a 3 mois", THREE_MONTHS_AGO),
    ("fr", "la semaine dernière", LAST_WEEK),
    ("fr", "le mois dernier", LAST_MONTH),
    ("fr", "le 11 mars 2021", DATE),
    ("es", "el domingo", SUNDAY),
    ("es", "ayer", YESTERDAY),
    ("es", "anoche", LAST_NIGHT),
    ("es", "el jueves por la tarde", AFTERNOON),
    ("es", "hace tres días", THREE_DAYS_AGO),
    ("es", "hace 2 semanas", TWO_WEEKS_AGO),
    ("es", "hace 3 meses", THREE_MONTHS_AGO),
    ("es", "la semana pasada", LAST_WEEK),
    ("es", "el mes pasado", LAST_MONTH),
    ("es", "11 de marzo de 2021", DATE),
    ("ru", "в воскресенье", SUNDAY),
    ("ru", "вчера", YESTERDAY),
    ("ru", "прошлой ночью", LAST_NIGHT),
    ("ru", "вчера вечером", EVENING),
    ("ru", "три дня назад", THREE_DAYS_AGO),
    ("ru", "две недели назад", TWO_WEEKS_AGO),
    ("ru", "3 месяца назад", THREE_MONTHS_AGO),
    ("ru", "на прошлой неделе", LAST_WEEK),
    ("ru", "в прошлом месяце", LAST_MONTH),
    ("ru", "11 марта 2021", DATE),
    ("ar", "الأحد", SUNDAY),
    ("ar", "أمس", YESTERDAY),
    ("ar", "الليلة الماضية", LAST_NIGHT),
    ("ar", "مساء الخميس", "part_of_day 2021-03-11 18:00 / 2021-03-11 22:00"),
    ("ar", "منذ ثلاثة أيام", THREE_DAYS_AGO),
    ("ar", "منذ 2 أسابيع", TWO_WEEKS_AGO),
    ("ar", "منذ 3 أشهر", THREE_MONTHS_AGO),
    ("ar", "الأسبوع الماضي", LAST_WEEK),
    ("ar", "الشهر الماضي", LAST_MONTH),
    ("ar", "11 مارس 2021", DATE),
    ("fa", "یکشنبه", SUNDAY),
    ("fa", "دیروز", YESTERDAY),
    ("fa", "دیشب", LAST_NIGHT),
    ("fa", "بعدازظهر پنجشنبه", AFTERNOON),
    ("fa", "سه روز پیش", THREE_DAYS_AGO),
    ("fa", "دو هفته پیش", TWO_WEEKS_AGO),
    ("fa", "۳ ماه پیش", THREE_MONTHS_AGO),
    ("fa", "هفته گذشته", LAST_WEEK),
    ("fa", "ماه گذشته", LAST_MONTH),
    ("fa", "\u06f1\u06f1 مارس \u06f2\u06f0\u06f2\u06f1", DATE),  # Persian digits
]


DAWN = "hour 2021-03-11 04:00 / 2021-03-11 08:00"
BEFORE_DAWN = "hour 2021-03-11 00:00 / 2021-03-11 07:00"
EARLY_HOURS = "hour 2021-03-11 00:00 / 2021-03-11 06:00"

#: The newswire windows (NIGHT_WINDOWS) in each language.
PHRASES += [
    ("de", "am Donnerstag im Morgengrauen", DAWN),
    ("de", "in den frühen Morgenstunden", EARLY_HOURS),
    ("fr", "jeudi à l'aube", DAWN),
    ("fr", "avant l'aube jeudi", BEFORE_DAWN),
    ("es", "el jueves al amanecer", DAWN),
    ("es", "el jueves de madrugada", EARLY_HOURS),
    ("ru", "в четверг на рассвете", DAWN),
    ("ru", "в четверг перед рассветом", BEFORE_DAWN),
    ("ar", "فجر الخميس", DAWN),
    ("ar", "قبل الفجر يوم الخميس", BEFORE_DAWN),
    ("fa", "سحرگاه پنجشنبه", DAWN),
    ("fa", "بامداد پنجشنبه", EARLY_HOURS),
]


def describe(t: Time) -> str:
    zone = t.zone
    text = (
        f"{t.precision.value} {t.start.astimezone(zone):%Y-%m-%d %H:%M}"
        f" / {t.end.astimezone(zone):%Y-%m-%d %H:%M}"
    )
    if t.approximate:
        text += " ~"
    if t.margin_seconds is not None:
        text += f" ±{t.margin_seconds / 3600:g}h"
    return text


@pytest.mark.parametrize(("language", "phrase", "expected"), PHRASES)
def test_phrase_in_another_language(language: str, phrase: str, expected: str) -> None:
    pytest.importorskip("dateparser")
    result = resolve_time(phrase, reference=PUBLISHED, tz=KABUL, language=language)
    assert describe(result) == expected


def test_every_documented_language_is_in_the_table() -> None:
    assert {language for language, _, _ in PHRASES} == set(_phrases_lang.LANGUAGES)


@pytest.mark.parametrize(
    ("language", "phrase", "message"),
    [
        ("de", "morgen", "(read as 'tomorrow')"),  # the future is refused, as in English
        ("de", "am Sankt-Nimmerleins-Tag", "does not know"),
        ("fr", "demain soir", "it is in the future"),
        ("xx", "yesterday", "no language data for 'xx'"),
        ("not a code", "yesterday", "BCP 47"),
    ],
)
def test_a_refused_phrase_says_how_it_was_read(language: str, phrase: str, message: str) -> None:
    pytest.importorskip("dateparser")
    with pytest.raises(ValidationError) as info:
        resolve_time(phrase, reference=PUBLISHED, tz=KABUL, language=language)
    assert message in str(info.value)


def test_english_needs_no_extra() -> None:
    for code in (None, "en", "en-GB"):
        assert resolve_time("yesterday", reference=PUBLISHED, tz=KABUL, language=code)


def test_without_the_extra_a_non_english_call_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # Simulate an install without dateparser, whatever this environment has.
    _phrases_lang.language.cache_clear()
    for name in ("dateparser", "dateparser.languages", "dateparser.languages.loader"):
        monkeypatch.setitem(sys.modules, name, None)
    try:
        with pytest.raises(ValidationError) as info:
            resolve_time("gestern", reference=PUBLISHED, tz=KABUL, language="de")
        assert "pip install 'incidentkit[lang]'" in str(info.value)
        # English still works
        assert resolve_time("yesterday", reference=PUBLISHED, tz=KABUL).at.day == 10
    finally:
        _phrases_lang.language.cache_clear()
