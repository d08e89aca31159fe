"""A fixed, seeded corpus of realistic Incident records in their wire form.

Each record is a plain dict as it travels in JSON: a location with a point and admin
levels (sometimes a position relative to a district centre), several actors of each
kind with aliases and a parent organisation, participants, outcomes, casualty figures
and tallies as counts, memberships with posts, sources and the claims they carry,
times with zones, precisions and hedges, tags and partner extensions. Defaults are
omitted, as the codecs write them, so every library's output can be compared with
the input. The same seed always gives the same bytes.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

__all__ = ["make_corpus"]

# (zone, country, province/district names) for the places the records happen in.
_PLACES: list[tuple[str, str, list[tuple[str, str, list[str]]]]] = [
    (
        "Asia/Kabul",
        "AF",
        [
            ("Faryab", "AF-FYB", ["Almar", "Qaysar", "Shirin Tagab", "Dawlat Abad"]),
            ("Helmand", "AF-HEL", ["Nad Ali", "Sangin", "Musa Qala", "Nahr-e Saraj"]),
            ("Kunduz", "AF-KDZ", ["Chahar Dara", "Imam Sahib", "Dasht-e Archi"]),
        ],
    ),
    (
        "Africa/Lagos",
        "NG",
        [
            ("Borno", "NG-BO", ["Gwoza", "Konduga", "Bama", "Dikwa"]),
            ("Zamfara", "NG-ZA", ["Tsafe", "Maru", "Anka"]),
        ],
    ),
    (
        "Asia/Baghdad",
        "IQ",
        [("Ninewa", "IQ-NI", ["Sinjar", "Tel Afar"]), ("Diyala", "IQ-DI", ["Khanaqin"])],
    ),
    (
        "America/Bogota",
        "CO",
        [("Cauca", "CO-CAU", ["Argelia", "Suárez", "Toribío"]), ("Arauca", "CO-ARA", ["Tame"])],
    ),
    (
        "Asia/Yangon",
        "MM",
        [("Sagaing", "MM-01", ["Kale", "Tamu"]), ("Kachin", "MM-11", ["Myitkyina", "Hpakant"])],
    ),
    (
        "Africa/Maputo",
        "MZ",
        [("Cabo Delgado", "MZ-P", ["Palma", "Mocímboa da Praia", "Macomia"])],
    ),
    (
        "Africa/Mogadishu",
        "SO",
        [("Lower Shabelle", "SO-SH", ["Afgooye", "Marka"]), ("Bay", "SO-BY", ["Baidoa"])],
    ),
    (
        "Europe/Kyiv",
        "UA",
        [("Donetska", "UA-14", ["Bakhmut", "Pokrovsk"]), ("Kharkivska", "UA-63", ["Izium"])],
    ),
]

_GROUPS = [
    ("Taliban", "rebel_group", "armed_group", ["Islamic Emirate of Afghanistan"]),
    ("Islamic State", "rebel_group", "armed_group", ["ISKP", "Daesh"]),
    ("National Army", "state_forces", "armed_forces", ["NA"]),
    ("National Police", "state_forces", "police", ["NP", "Police"]),
    ("Popular Defence Militia", "political_militia", "armed_group", []),
    ("Communal Militia", "identity_militia", "armed_group", []),
    ("Ministry of Defence", "state_forces", "ministry", ["MoD"]),
    ("Peacekeeping Mission", "external_other", "international", []),
]
_PEOPLE = [
    ("Mohammad Amin", [("محمد امین", "native", "fa", "Arab")]),
    ("Abdul Karim", [("Abdulkarim", "transliteration", "en", None)]),
    ("Ibrahim Musa", []),
    ("Fatima Bello", [("Fatimah Bello", "alias", None, None)]),
    ("Juan Carlos Ortiz", []),
    ("Aung Min", [("အောင်မင်း", "native", "my", "Mymr")]),
]
_PUBLISHERS = [
    ("Tolo News", "national", "news", "en", "https://tolonews.com"),
    ("Premium Times", "national", "news", "en", "https://www.premiumtimesng.com"),
    ("Rudaw", "regional", "news", "en", "https://www.rudaw.net"),
    ("El Tiempo", "national", "news", "es", "https://www.eltiempo.com"),
    ("Ministry of Defence", "national", "official", "en", None),
    ("Local residents", "local", "field_report", None, None),
    ("Radio Dabanga", "subnational", "news", "ar", "https://www.dabangasudan.org"),
    ("OCHA", "international", "ngo_report", "en", "https://reliefweb.int"),
    ("Telegram channel", "other", "social_media", "uk", None),
]
_TYPES_BY_WEIGHT = [
    ("armed_clash", 6),
    ("non_state_actor_overtakes_territory", 2),
    ("government_regains_territory", 2),
    ("air_drone_strike", 3),
    ("shelling_artillery_missile_attack", 4),
    ("remote_explosive_landmine_ied", 3),
    ("attack", 4),
    ("abduction_forced_disappearance", 1),
    ("peaceful_protest", 2),
    ("violent_demonstration", 1),
    ("arrests", 1),
    ("looting_property_destruction", 1),
]
_FEATURES = ["village", "town", "district_centre", "checkpoint", "base", "road", "building"]
_ROLES = ["perpetrator", "target", "defender", "withdrew", "supporter"]
_OUTCOMES = ["territory_taken", "facility_taken", "facility_destroyed", "withdrawal"]
_QUALIFIERS = ["exact", "exact", "about", "at_least", "more_than", "at_most"]
_SUBJECTS = ["district governor's office", "police headquarters", "checkpoint", "school"]
_NOTES = [
    "Reports differ on who started the fighting.",
    "Local officials were not reachable for comment.",
    "The figures come from a hospital source and were not confirmed.",
]
_TAGS = ["territorial-control", "civilian-harm", "ied", "drone", "checkpoint", "displacement"]


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower() if c.isascii()).strip("-")


class _Builder:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def time(self, zone: str, start: datetime, hedged: bool = True) -> dict[str, Any]:
        """A time at ``start`` (local wall time) at a random precision."""
        rng = self.rng
        precision = rng.choice(["day", "day", "part_of_day", "hour", "hour", "minute"])
        wall = start
        extra: dict[str, Any] = {}
        if precision == "day":
            wall = wall.replace(hour=0, minute=0)
        elif precision == "part_of_day":
            part, hour = rng.choice([("morning", 6), ("afternoon", 12), ("evening", 18)])
            wall = wall.replace(hour=hour, minute=0)
            extra["part_of_day"] = part
        elif precision == "hour":
            wall = wall.replace(minute=0)
        if wall.hour < 5 and precision in ("hour", "minute"):  # clear of DST changes
            wall = wall.replace(hour=wall.hour + 5)
        local = wall.replace(second=0, tzinfo=ZoneInfo(zone))
        data: dict[str, Any] = {"at": local.isoformat(), "tz": zone, "precision": precision}
        data.update(extra)
        if hedged and rng.random() < 0.3:
            data["approximate"] = True
        if hedged and rng.random() < 0.05:
            data["margin_seconds"] = rng.choice([600, 1800, 3600])
        return data

    def count(self, low: int, high: int) -> dict[str, Any]:
        rng = self.rng
        best = rng.randint(low, high)
        data: dict[str, Any] = {"best": best}
        qualifier = rng.choice(_QUALIFIERS)
        if qualifier != "exact":
            data["qualifier"] = qualifier
            if qualifier == "about" and rng.random() < 0.4:
                data["low"] = max(0, best - rng.randint(1, 5))
                data["high"] = best + rng.randint(1, 5)
        return data

    def location(
        self, country: str, province: tuple[str, str, list[str]], district: str
    ) -> dict[str, Any]:
        rng = self.rng
        lat = round(rng.uniform(-30.0, 45.0), 4)
        lon = round(rng.uniform(-80.0, 100.0), 4)
        admin1 = {"name": province[0], "code": province[1]}
        admin2 = {"name": district}
        precision = rng.choice(["exact", "near", "near", "admin2"])
        feature = rng.choice(_FEATURES)
        place = rng.choice([district, f"{district} bazaar", f"{district} road", "Kalan"])
        data: dict[str, Any] = {
            "precision": precision,
            "name": place,
            "feature": feature,
            "country": country,
            "admin1": admin1,
            "admin2": admin2,
        }
        if rng.random() < 0.5:
            data["id"] = _slug(f"{district}-{place}-{feature}")
        if precision in ("exact", "near") or rng.random() < 0.5:
            data["point"] = {"lat": lat, "lon": lon}
        if precision == "near" and rng.random() < 0.5:
            relative: dict[str, Any] = {
                "anchor": {
                    "precision": "admin2",
                    "name": f"{district} district centre",
                    "feature": "district_centre",
                    "country": country,
                    "admin1": {"name": province[0]},
                    "admin2": {"name": district},
                },
                "distance": float(rng.choice([2, 4, 5, 10, 15, 0.5])),
            }
            if rng.random() < 0.3:
                relative["unit"] = "m"
                relative["distance"] = float(rng.choice([200, 500, 800]))
            if rng.random() < 0.4:
                relative["bearing"] = float(rng.choice([0, 45, 90, 135, 180, 270, 292.5]))
            if rng.random() < 0.4:
                relative["approximate"] = True
            data["relative"] = relative
        return data

    def actors(self, country: str) -> list[dict[str, Any]]:
        rng = self.rng
        actors: list[dict[str, Any]] = []
        orgs = rng.sample(_GROUPS, rng.randint(2, 3))
        for name, kind, category, aliases in orgs:
            org: dict[str, Any] = {"type": "organization", "id": _slug(name), "name": name}
            if aliases:
                org["aliases"] = [
                    {"name": alias, "kind": "acronym"} if alias.isupper() else {"name": alias}
                    for alias in aliases
                ]
            org["kind"] = kind
            org["country"] = country
            org["category"] = category
            actors.append(org)
        if actors[0]["kind"] == "state_forces" and len(actors) > 1:
            actors[1]["parent"] = actors[0]["id"]  # e.g. police within national forces
        group = {
            "type": "group",
            "id": "local-" + actors[0]["id"],
            "name": "local " + actors[0]["name"].lower() + " fighters",
            "kind": actors[0]["kind"],
            "size": self.count(10, 300),
            "part_of": actors[0]["id"],
        }
        actors.append(group)
        if rng.random() < 0.6:
            name, aliases = rng.choice(_PEOPLE)
            person: dict[str, Any] = {"type": "person", "id": _slug(name), "name": name}
            if aliases:
                alias_name, alias_kind, language, script = aliases[0]
                alias: dict[str, Any] = {"name": alias_name}
                if alias_kind != "alias":
                    alias["kind"] = alias_kind
                if language:
                    alias["language"] = language
                if script:
                    alias["script"] = script
                person["aliases"] = [alias]
            person["description"] = "A commander named in the reports."
            actors.append(person)
        return actors

    def record(self, number: int) -> dict[str, Any]:
        rng = self.rng
        zone, country, provinces = rng.choice(_PLACES)
        province = rng.choice(provinces)
        district = rng.choice(province[2])
        start = datetime(2019, 1, 1) + timedelta(
            days=rng.randint(0, 5 * 365), hours=rng.randint(6, 20), minutes=rng.randint(0, 59)
        )
        types, weights = zip(*_TYPES_BY_WEIGHT, strict=True)
        actors = self.actors(country)
        orgs = [a for a in actors if a["type"] == "organization"]
        record: dict[str, Any] = {
            "id": f"{country.lower()}-{start:%Y%m%d}-{number:06d}",
            "type": rng.choices(types, weights)[0],
            "when": self.time(zone, start),
        }
        if rng.random() < 0.3:
            record["until"] = self.time(zone, start + timedelta(days=rng.randint(1, 4)))
        record["where"] = self.location(country, province, district)

        participants = [{"actor": orgs[0]["id"], "role": "perpetrator"}]
        participants.append({"actor": orgs[1]["id"], "role": "target"})
        for actor in actors[2:]:
            participant = {"actor": actor["id"], "role": rng.choice(_ROLES)}
            if rng.random() < 0.3:
                participant["note"] = "named in one source only"
            participants.append(participant)
        record["participants"] = participants

        outcomes = []
        for _ in range(rng.randint(0, 2)):
            outcome: dict[str, Any] = {"kind": rng.choice(_OUTCOMES), "actor": orgs[0]["id"]}
            if outcome["kind"] == "withdrawal":
                outcome["actor"] = orgs[1]["id"]
                outcome["location"] = self.location(country, province, district)
                outcome["count"] = self.count(5, 80)
            else:
                outcome["subject"] = rng.choice(_SUBJECTS)
            outcomes.append(outcome)
        if outcomes:
            record["outcomes"] = outcomes

        casualties = []
        for side in rng.sample([orgs[0]["id"], orgs[1]["id"], None], rng.randint(1, 3)):
            figures: dict[str, Any] = {"actor": side} if side else {"civilians": True}
            figures["killed"] = self.count(0, 40)
            if rng.random() < 0.6:
                figures["injured"] = self.count(0, 60)
            if rng.random() < 0.1:
                figures["captured"] = self.count(1, 20)
            casualties.append(figures)
        record["casualties"] = casualties
        if rng.random() < 0.3:
            record["tallies"] = [
                {"subject": "people displaced", "count": self.count(100, 5000)},
            ]
        if rng.random() < 0.2:
            record["related"] = [f"{country.lower()}-{start:%Y%m%d}-defection"]
        status = rng.choice(["reported", "reported", "confirmed", "disputed"])
        if status != "reported":
            record["status"] = status
        record["actors"] = actors

        people = [a for a in actors if a["type"] == "person"]
        if people:
            membership: dict[str, Any] = {
                "member": people[0]["id"],
                "organization": orgs[0]["id"],
                "post": {
                    "label": f"Commander, {district}",
                    "organization": orgs[0]["id"],
                    "role": "commander",
                },
                "start": self.time(zone, start - timedelta(days=rng.randint(60, 900))),
            }
            if rng.random() < 0.3:
                membership["acting"] = True
            record["memberships"] = [membership]

        sources = []
        for publisher, scale, kind, language, site in rng.sample(_PUBLISHERS, rng.randint(1, 3)):
            source: dict[str, Any] = {"id": _slug(publisher), "publisher": publisher}
            if kind != "news":
                source["kind"] = kind
            source["scale"] = scale
            source["title"] = f"Fighting reported in {district}, {province[0]}"
            if site:
                source["url"] = f"{site}/news/{start:%Y/%m/%d}/{number}"
            if language:
                source["language"] = language
            source["published"] = self.time(
                zone, start + timedelta(hours=rng.randint(2, 30)), hedged=False
            )
            sources.append(source)
        record["sources"] = sources

        claims = []
        for source in sources:
            claim: dict[str, Any] = {
                "stance": rng.choice(["asserts", "asserts", "denies", "disputes"]),
                "about": rng.choice(["record", "casualties", "outcome", "actors"]),
            }
            if rng.random() < 0.5:
                claim["claimant"] = orgs[rng.randint(0, 1)]["id"]
            claim["source"] = source["id"]
            if claim["about"] == "casualties":
                claim["target"] = "$.casualties[0].killed"
            elif claim["about"] == "outcome" and outcomes:
                claim["target"] = "$.outcomes[0]"
            claim["made"] = self.time(zone, start + timedelta(hours=rng.randint(1, 20)))
            claim["text"] = "A spokesman said the figures were exaggerated."
            if rng.random() < 0.3:
                claim["quoted"] = True
            claims.append(claim)
        record["claims"] = claims
        if rng.random() < 0.4:
            record["notes"] = rng.choice(_NOTES)
        record["tags"] = rng.sample(_TAGS, rng.randint(1, 3))
        if rng.random() < 0.5:
            record["extensions"] = {
                "acled": {
                    "event_id_cnty": f"{country}{number:07d}",
                    "inter1": rng.randint(1, 8),
                    "fatalities": sum(c["killed"]["best"] for c in casualties),
                    "geo_precision": rng.randint(1, 3),
                }
            }
        return record


def make_corpus(count: int, seed: int = 2021) -> list[dict[str, Any]]:
    """``count`` Incident records as wire-form dicts, the same for the same seed."""
    builder = _Builder(random.Random(seed))
    return [builder.record(number) for number in range(count)]


# ------------------------------------------------------------------ other corpora

#: The fewest fields an Incident can have: an id, a type, a day and a country.
MINIMAL_INCIDENT: dict[str, Any] = {
    "id": "minimal-1",
    "type": "armed_clash",
    "when": {"at": "2021-03-11T00:00:00+04:30", "tz": "Asia/Kabul", "precision": "day"},
    "where": {"precision": "country", "country": "AF"},
}


def reference_example() -> dict[str, Any]:
    """The documentation's reference incident (``incidentkit.examples.INCIDENT``)."""
    import incidentkit
    from incidentkit import examples

    # The peers model the record as it stood before claims carried values: the
    # parts they have no field for (claim values, the no-statement stance, the
    # unnamed council member and his outlet, the side-less toll) are left out.
    data = incidentkit.to_dict(examples.INCIDENT)
    data.pop("casualties", None)
    data["claims"] = [
        c for c in data["claims"] if "value" not in c and c["stance"] != "no_statement"
    ]
    data["actors"] = [a for a in data["actors"] if not a.get("unnamed")]
    data["sources"] = [s for s in data["sources"] if s["id"] == "tolonews"]
    return data


def acled_rows(folder: Path, limit: int) -> list[dict[str, Any]]:
    """Up to ``limit`` real ACLED rows, converted by incidentkit's ACLED reader, in
    wire form (rows the reader refuses are left out); [] without the files."""
    import incidentkit
    from incidentkit.interop.acled import read_acled_csv

    records: list[dict[str, Any]] = []
    for path in sorted(folder.glob("acled_*.csv")):
        for incident in read_acled_csv(path, on_error="collect"):
            records.append(incidentkit.to_dict(incident))
            if len(records) >= limit:
                return records
    return records
