"""Time phrases in other languages: read into the English grammar of
:mod:`incidentkit.timephrases`, which keeps its own precision and windows.

The vocabulary comes from dateparser's locale tables (month and weekday names, "ago",
"yesterday", "last week", number words), behind the ``lang`` extra. dateparser has no
parts of the day or "last night", and no number words for Arabic and Persian; those
few words are in ``_EXTRA`` below. Only the tables are used, never dateparser's own
parsing: "letzte Woche" is the calendar week before the reference's, as "last week"
is, not seven days back.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from typing import Any

from .errors import ValidationError

#: The languages documented and tested (BCP 47 primary subtags); dateparser knows
#: many more, which are read the same way but without this package's own words.
LANGUAGES = ("ar", "de", "es", "fa", "fr", "ru")
INSTALL_HINT = "pip install 'incidentkit[lang]'"

# dateparser's "relative-type" keys, as this grammar's phrases. "1 week ago" is how
# dateparser writes "last week" ("letzte Woche"); here it stays the calendar week.
_RELATIVE = {
    "0 day ago": "today",
    "1 day ago": "yesterday",
    "2 day ago": "the day before yesterday",
    "0 week ago": "this week",
    "1 week ago": "last week",
    "0 month ago": "this month",
    "1 month ago": "last month",
    "0 year ago": "this year",
    "1 year ago": "last year",
    "in 1 day": "tomorrow",
    "in 2 day": "tomorrow",
    "in 1 week": "next week",
    "in 1 month": "next month",
    "in 1 year": "next year",
}
_NAMES = (
    *("january", "february", "march", "april", "may", "june", "july", "august"),
    *("september", "october", "november", "december", "monday", "tuesday", "wednesday"),
    *("thursday", "friday", "saturday", "sunday"),
)

#: Words dateparser's tables lack: parts of the day, nights, fillers, number words.
#: Longer phrases are replaced first; an empty translation drops the word.
_EXTRA: dict[str, dict[str, str]] = {
    "de": {
        "letzte nacht": "last night",
        "im morgengrauen": "at dawn",
        "bei tagesanbruch": "at dawn",
        "in den frühen morgenstunden": "early hours",
        "vor tagesanbruch": "before dawn",
        "in der abenddämmerung": "at dusk",
        "heute nacht": "tonight",
        "in der nacht": "night",
        "gestern abend": "yesterday evening",
        "heute morgen": "this morning",
        "morgens": "morning",
        "vormittag": "morning",
        "nachmittag": "afternoon",
        "nachmittags": "afternoon",
        "abend": "evening",
        "abends": "evening",
        "nacht": "night",
        "nachts": "night",
        "am": "on",
        "im": "in",
        "letzten": "last",
        "letzte": "last",
        "letzter": "last",
    },
    "fr": {
        "la nuit dernière": "last night",
        "à l'aube": "at dawn",
        "avant l'aube": "before dawn",
        "au petit matin": "early hours",
        "au crépuscule": "at dusk",
        "cette nuit": "last night",
        "hier soir": "yesterday evening",
        "ce matin": "this morning",
        "matin": "morning",
        "après-midi": "afternoon",
        "soir": "evening",
        "soirée": "evening",
        "nuit": "night",
        "dans la": "",
        "la": "",
        "en": "in",
        "dernier": "last",
        "dernière": "last",
    },
    "es": {
        "anoche": "last night",
        "al amanecer": "at dawn",
        "antes del amanecer": "before dawn",
        "madrugada": "early hours",
        "al anochecer": "at dusk",
        "esta noche": "tonight",
        "ayer por la tarde": "yesterday afternoon",
        "esta mañana": "this morning",
        "por la mañana": "morning",
        "por la tarde": "afternoon",
        "por la noche": "night",
        "mañana": "morning",
        "tarde": "afternoon",
        "noche": "night",
        "el": "",
        "la": "",
        "pasado": "last",
        "pasada": "last",
    },
    "ru": {
        "прошлой ночью": "last night",
        "на рассвете": "at dawn",
        "перед рассветом": "before dawn",
        "на закате": "at dusk",
        "этой ночью": "last night",
        "вчера вечером": "yesterday evening",
        "сегодня утром": "this morning",
        "утром": "morning",
        "днём": "afternoon",
        "днем": "afternoon",
        "вечером": "evening",
        "ночью": "night",
        "на": "",
    },
    "ar": {
        "الليلة الماضية": "last night",
        "عند الفجر": "at dawn",
        "فجر": "at dawn",
        "قبل الفجر": "before dawn",
        "عند الغسق": "at dusk",
        "الليلة": "tonight",
        "مساء أمس": "yesterday evening",
        "صباح": "morning",
        "ظهر": "afternoon",
        "بعد الظهر": "afternoon",
        "مساء": "evening",
        "ليلة": "night",
        "ليل": "night",
        "يوم": "",
    },
    "fa": {
        "دیشب": "last night",
        "سحرگاه": "at dawn",
        "بامداد": "early hours",
        "غروب": "at dusk",
        "امشب": "tonight",
        "صبح": "morning",
        "بعدازظهر": "afternoon",
        "بعد از ظهر": "afternoon",
        "عصر": "evening",
        "شب": "night",
        "روز": "",
    },
}
#: Replaced before dateparser's patterns run: number words its tables lack, and the
#: Arabic "منذ" (since, ago), which they do not use for counting back.
_PRE: dict[str, dict[str, str]] = {
    "ar": {
        "واحد": "1",
        "اثنين": "2",
        "ثلاثة": "3",
        "أربعة": "4",
        "خمسة": "5",
        "ستة": "6",
        "سبعة": "7",
        "ثمانية": "8",
        "تسعة": "9",
        "عشرة": "10",
        "منذ": "قبل",
    },
    "fa": {
        "یک": "1",
        "دو": "2",
        "سه": "3",
        "چهار": "4",
        "پنج": "5",
        "شش": "6",
        "هفت": "7",
        "هشت": "8",
        "نه": "9",
        "ده": "10",
    },
    "es": {
        "dos": "2",
        "tres": "3",
        "cuatro": "4",
        "cinco": "5",
        "seis": "6",
        "siete": "7",
        "ocho": "8",
        "nueve": "9",
        "diez": "10",
    },
}
# Persian and Arabic spellings of the same letters, as dateparser's tables mix them.
_FOLD = str.maketrans(
    {
        "\u06cc": "\u064a",  # Persian yeh: Arabic yeh
        "\u0649": "\u064a",  # alef maksura: yeh
        "\u06a9": "\u0643",  # Persian keheh: Arabic kaf
        "\u06c0": "\u0647",  # heh with yeh above: heh
        "\u0629": "\u0647",  # teh marbuta: heh
        "\u0640": None,  # tatweel
        "\u0654": None,  # hamza above
    }
)


def _fold(text: str) -> str:
    """Lower case, NFC, Arabic-Indic and Persian digits as ASCII, one spelling of
    the letters that Arabic and Persian write differently, single spaces."""
    text = unicodedata.normalize("NFC", text).lower().translate(_FOLD)
    text = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return " ".join(text.split())


def _fold_pattern(pattern: str) -> str:
    """A pattern from dateparser's tables with the letters folded as ``_fold`` does
    (not lower-cased: that would turn \\S into \\s)."""
    return unicodedata.normalize("NFC", pattern).translate(_FOLD)


def _import_dateparser() -> Any:
    try:
        from dateparser.languages.loader import default_loader  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:
        raise ValidationError(
            f"time phrases in languages other than English need the language extra: {INSTALL_HINT}"
        ) from None
    return default_loader


class Language:
    """One language's rewrite rules into the English grammar."""

    def __init__(self, code: str, info: dict[str, Any]) -> None:
        import regex  # type: ignore[import-untyped,import-not-found,unused-ignore]

        self.code = code
        words: dict[str, str] = {}
        for name in _NAMES:
            for spelling in info.get(name, ()):
                if len(spelling) > 1:
                    words[_fold(spelling)] = name
        for word in info.get("skip", ()):
            if word.strip() and word.isalpha():
                words.setdefault(_fold(word), "")
        for key, phrases in info.get("relative-type", {}).items():
            if key in _RELATIVE:
                for phrase in phrases:
                    words[_fold(phrase)] = _RELATIVE[key]
        for phrase, english in _EXTRA.get(code, {}).items():
            words[_fold(phrase)] = english
        self.words = words
        pre = {_fold(w): e for w, e in _PRE.get(code, {}).items()}
        pre.update({w: e for w, e in words.items() if e.isdigit()})
        self._pre = pre
        self._pre_re = _words_pattern(pre) if pre else None
        # longest first, whole words only
        self._words_re = _words_pattern(words)
        self._rules: list[tuple[Any, str]] = []  # number words and such
        self._counts: list[tuple[Any, str]] = []  # "vor 3 Tagen": "3 days ago"
        for rule in info.get("simplifications", ()):
            for pattern, replacement in rule.items():
                self._rules.append(
                    (regex.compile(rf"(?<!\w){_fold_pattern(pattern)}(?!\w)"), replacement)
                )
        for key, patterns in info.get("relative-type-regex", {}).items():
            match = re.fullmatch(r"(in )?\\1 (\w+)( ago)?", key)
            if match is None:
                continue
            unit = match.group(2)
            english = rf"in \1 {unit}s" if match.group(1) else rf"\1 {unit}s ago"
            for pattern in patterns:
                self._counts.append(
                    (regex.compile(rf"(?<!\w){_fold_pattern(pattern)}(?!\w)"), english)
                )
        self._compounds = self._compound_rule(words)
        # single words of all the phrases and patterns, for find_times
        texts = [*words, *pre] + [p.pattern for p, _ in (*self._rules, *self._counts)]
        self.vocabulary = frozenset(
            w for t in texts for w in regex.findall(r"[^\W\d_]+", t) if len(w) > 1 or t == w
        ) - {"d", "w", "s"}  # left of \\d, \\w, \\s in the patterns

    def _compound_rule(self, words: dict[str, str]) -> Callable[[str], str] | None:
        """German writes a weekday and a part of the day as one word: Samstagabend."""
        if self.code != "de":
            return None
        days = [w for w, e in words.items() if e in _NAMES[12:] and len(w) > 3]
        parts = [w for w, e in words.items() if e in ("morning", "afternoon", "evening", "night")]
        pattern = re.compile(rf"\b({'|'.join(days)})({'|'.join(parts)})\b")
        return lambda text: pattern.sub(r"\1 \2", text)

    def knows_word(self, word: str) -> bool:
        """Whether a word of running text belongs to this language's time phrases."""
        folded = _fold(word)
        if folded in self.vocabulary:
            return True
        parts = self._split_compound(folded)
        return len(parts) > 1 and all(part in self.vocabulary for part in parts)

    def _split_compound(self, word: str) -> list[str]:
        if self._compounds is None:
            return []
        return self._compounds(word).split()

    def translate(self, text: str) -> str:
        """The phrase in the English of the grammar (words it does not know are kept,
        so that the grammar names them)."""
        value = _fold(text)
        if self._compounds is not None:
            value = self._compounds(value)
        if self._pre_re is not None:
            value = self._pre_re.sub(lambda m: self._pre[m.group(0)], value)
        made: list[str] = []  # English made by the patterns, kept from the word pass

        def keep(match: Any, template: str) -> str:
            made.append(match.expand(template))
            return f" \x00{len(made) - 1}\x00 "

        for pattern, replacement in self._rules:
            value = pattern.sub(replacement, value)
        for pattern, replacement in self._counts:
            value = pattern.sub(lambda m, t=replacement: keep(m, t), value)
        value = self._words_re.sub(lambda m: self.words[m.group(0)], value)
        value = re.sub("\x00(\\d+)\x00", lambda m: made[int(m.group(1))], value)
        return " ".join(value.split())


def _words_pattern(words: dict[str, str]) -> Any:
    """One pattern for whole words and phrases, the longest first."""
    import regex  # type: ignore[import-untyped,import-not-found,unused-ignore]

    alternatives = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return regex.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@cache
def language(code: str) -> Language:
    """The rules for a BCP 47 language code ("de", "fa-AF": the primary subtag
    counts), or a ValidationError naming the extra when dateparser is missing."""
    # a caller without type checking may pass anything
    if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*", code):  # type: ignore[redundant-expr]
        raise ValidationError(f"language must be a BCP 47 code such as 'de', got {code!r}")
    primary = code.split("-")[0].split("_")[0].lower()
    loader = _import_dateparser()
    try:
        locale = loader.get_locale(primary)
    except (ValueError, KeyError):
        raise ValidationError(f"no language data for {code!r}") from None
    return Language(primary, locale.info)
