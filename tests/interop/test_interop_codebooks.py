"""Each mapping rule of the ACLED and UCDP readers, with the codebook words it follows.

ACLED: the ACLED Codebook (2024). UCDP: the UCDP Georeferenced Event Dataset
Codebook, version 19.1 (unchanged on these points since). Each test quotes the
rule it checks.
"""

from __future__ import annotations

import csv
import io
import warnings
from datetime import date, datetime, timezone

import pytest

from _paths import DATA
from incidentkit import ActorKind, GeoPrecision, Role, TimePrecision
from incidentkit.interop import ImportedValueWarning, _countries
from incidentkit.interop.acled import from_acled, to_acled
from incidentkit.interop.ucdp import (
    DATE_PREC_MEANING,
    WHERE_PREC_MEANING,
    from_ucdp,
    read_ucdp_csv,
    to_ucdp,
    write_ucdp_csv,
)


def _rows(name: str) -> dict[str, dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    key = "event_id_cnty" if name == "acled.csv" else "id"
    return {row[key]: row for row in rows}


ACLED = _rows("acled.csv")
UCDP = _rows("ucdp.csv")


def _roles(incident: object) -> list[tuple[str, Role]]:
    names = {a.id: a.name for a in incident.actors}  # type: ignore[attr-defined]
    return [(names[p.actor], p.role) for p in incident.participants]  # type: ignore[attr-defined]


# ---------------------------------------------------------------- ACLED


def test_acled_order_of_actors_has_no_meaning_outside_violence_against_civilians() -> None:
    # "The order of actors has no meaning in the ACLED system, except in cases of
    # 'Violence against civilians' events."
    clash = from_acled(ACLED["AFG1002"])
    assert {role for _, role in _roles(clash)} == {Role.PARTY}
    agreement = from_acled(ACLED["COL1018"])
    assert [role for _, role in _roles(agreement)] == [Role.PARTY, Role.PARTY]


def test_acled_violence_against_civilians_actor1_perpetrator_actor2_victims() -> None:
    # In violence against civilians "actor1 is the perpetrator", actor2 the civilians.
    incident = from_acled(ACLED["MMR1010"])
    assert _roles(incident) == [
        ("Military Forces of Myanmar (2021-)", Role.PERPETRATOR),
        ("Civilians (Myanmar)", Role.TARGET),
        ("Women (Myanmar)", Role.TARGET),
    ]
    assert to_acled(incident, lossy="raise") == ACLED["MMR1010"]


def test_acled_inter_0_in_older_exports_means_no_second_actor() -> None:
    # Exports before 2024 write inter2 = 0 (and interaction x0) for "no actor 2".
    row = {**ACLED["SYR1020"], "inter2": "0", "interaction": "30"}
    incident = from_acled(row)
    assert len(incident.participants) == 1
    assert len(incident.actors) == 1
    assert to_acled(incident, lossy="raise") == row


def test_acled_civilian_targeting_is_read_not_derived() -> None:
    # civilian_targeting: "civilians were the main or only target of an event".
    # An arrest of civilians is not flagged by ACLED; it must not be written flagged.
    arrest = {
        **ACLED["COL1018"],
        "sub_event_type": "Arrests",
        "actor2": "Civilians (Colombia)",
        "inter2": "7",
        "interaction": "17",
    }
    incident = from_acled(arrest)
    assert ("Civilians (Colombia)", Role.PARTY) in _roles(incident)
    assert to_acled(incident, lossy="raise")["civilian_targeting"] == ""
    # Excessive force against protesters is flagged: the protesters are the target.
    force = from_acled(ACLED["MMR1015"])
    assert ("Protesters (Myanmar)", Role.TARGET) in _roles(force)
    assert to_acled(force, lossy="raise")["civilian_targeting"] == "Civilian targeting"


def test_acled_geo_precision_2_is_part_of_a_region_not_a_point() -> None:
    # 2: "a small part of a region, or near a town": the district at best, not "near".
    incident = from_acled(ACLED["AFG1002"])
    assert incident.where.precision is GeoPrecision.ADMIN2
    no_district = {**ACLED["AFG1002"], "admin2": "", "admin3": ""}
    assert from_acled(no_district).where.precision is GeoPrecision.ADMIN1


def test_acled_geo_precision_3_is_a_larger_region() -> None:
    # 3: "a larger region", the provincial capital standing for it: the province.
    row = {**ACLED["AFG1002"], "geo_precision": "3"}
    assert from_acled(row).where.precision is GeoPrecision.ADMIN1


def test_acled_time_precision_3_covers_the_whole_month() -> None:
    # 3: the month is known; the date is its middle, or its first or last day when
    # the report notes the beginning or the end. All three lie within the time read.
    for day in ("2021-01-01", "2021-01-15", "2021-01-31"):
        row = {**ACLED["AFG1002"], "time_precision": "3", "event_date": day}
        when = from_acled(row).when
        assert when.precision is TimePrecision.MONTH
        assert when.earliest <= datetime(2021, 1, 1, tzinfo=timezone.utc)
        assert when.latest >= datetime(2021, 2, 1, tzinfo=timezone.utc)
        assert to_acled(from_acled(row), lossy="raise")["event_date"] == day


# ---------------------------------------------------------------- UCDP


def test_ged_dates_are_the_earliest_and_latest_possible_not_widened() -> None:
    # date_start: "the earliest possible date"; date_end: "the latest possible date".
    for code in (2, 3, 4, 5):
        row = {
            **UCDP["244700"],
            "date_prec": str(code),
            "date_start": "2021-04-28",
            "date_end": "2021-05-01",
        }
        when = from_ucdp(row).when
        assert when.earliest == datetime(2021, 4, 28, tzinfo=timezone.utc)
        assert when.latest == datetime(2021, 5, 2, tzinfo=timezone.utc)
        assert to_ucdp(from_ucdp(row), lossy="raise") == row


def test_ged_date_prec_meanings() -> None:
    assert DATE_PREC_MEANING[2] == "within a 2-6 day period"
    assert DATE_PREC_MEANING[4] == "only the month"


def test_ged_where_prec_5_is_a_linear_feature_not_near_and_7_is_waters() -> None:
    # 5: "a linear feature (road, river, border) or an area larger than 25 km".
    assert WHERE_PREC_MEANING[5].startswith("a linear feature")
    row = UCDP["244703"]
    assert row["where_prec"] == "5"
    assert from_ucdp(row).where.precision is not GeoPrecision.NEAR
    assert from_ucdp({**row, "adm_1": ""}).where.precision is GeoPrecision.COUNTRY
    # 7: "international waters or airspace".
    assert WHERE_PREC_MEANING[7] == "international waters or airspace"
    assert from_ucdp(UCDP["400001"]).where.precision is GeoPrecision.COUNTRY


def test_ged_sources_are_separated_by_a_semicolon_without_a_space() -> None:
    row = {
        **UCDP["244657"],
        "source_office": "Tolo News;Pajhwok",
        "source_date": "2021-03-11;2021-03-12",
        "source_headline": "Taliban capture center of Almar;Almar falls",
    }
    incident = from_ucdp(row)
    assert [s.publisher for s in incident.sources] == ["Tolo News", "Pajhwok"]
    assert "verbatim" not in incident.extensions["ucdp"]  # the canonical form
    assert to_ucdp(incident, lossy="raise") == row


def test_ged_date_time_cells_are_read_and_kept() -> None:
    # UCDP's own downloads write date-times such as 2017-07-31 00:00:00.000.
    row = {
        **UCDP["244657"],
        "date_start": "2021-03-11 00:00:00.000",
        "date_end": "2021-03-11 00:00:00.000",
    }
    incident = from_ucdp(row)
    assert incident.when.at.date() == date(2021, 3, 11)
    assert to_ucdp(incident, lossy="raise") == row


def test_ged_inverted_estimates_are_read_with_a_warning_naming_row_and_rule() -> None:
    row = {**UCDP["244657"], "best": "2", "low": "3", "high": "3"}
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(UCDP["244700"])
    writer.writerow(row)
    text.seek(0)
    reader = read_ucdp_csv(text)
    with pytest.warns(ImportedValueWarning, match="low <= best <= high"):
        incidents = list(reader)
    assert len(incidents) == 2
    [notice] = reader.warnings
    assert notice.kind == "low_above_best"
    assert notice.problem.line == 3
    assert notice.problem.path == "$.low"
    tally = incidents[1].tallies[-1]
    assert tally.count.best == 2
    assert tally.count.low is None
    out = io.StringIO()
    write_ucdp_csv(incidents, out, lossy="raise")
    out.seek(0)
    assert list(csv.DictReader(out))[1] == row


def test_ged_side_names_over_the_limit_are_read_with_a_warning() -> None:
    coalition = "Coalition of " + ", ".join(f"group {i}" for i in range(40))
    assert len(coalition) > 200
    row = {**UCDP["244657"], "side_b": coalition}
    with pytest.warns(ImportedValueWarning, match="over the 200"):
        incident = from_ucdp(row)
    assert len(incident.actors[1].name) == 200
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert to_ucdp(incident, lossy="raise") == row


def test_gleditsch_ward_numbers_match_the_published_list() -> None:
    # Gleditsch and Ward's list of independent states (iisystem) and microstates
    # (microstatessystem), the states in existence today, by their ISO alpha-2 code.
    published = {}
    for item in _PUBLISHED_GW.split():
        number, alpha2 = item.split(":")
        published[alpha2] = int(number)
    assert published == _countries.GW
    assert _countries.ALPHA2_BY_GW[345] == "RS"  # UCDP's "Serbia (Yugoslavia)"
    assert _countries.ALPHA2_BY_GW[260] == "DE"
    assert _countries.GW["DE"] == 260  # 255 is Germany (Prussia) before 1945


def test_ged_actor_kinds_on_one_sided_violence() -> None:
    incident = from_ucdp(UCDP["244657"])
    assert incident.actors[0].kind is ActorKind.STATE_FORCES


_PUBLISHED_GW = """
2:US 20:CA 31:BS 40:CU 41:HT 42:DO 51:JM 52:TT 53:BB 54:DM 55:GD 56:LC 57:VC 58:AG
60:KN 70:MX 80:BZ 90:GT 91:HN 92:SV 93:NI 94:CR 95:PA 100:CO 101:VE 110:GY 115:SR
130:EC 135:PE 140:BR 145:BO 150:PY 155:CL 160:AR 165:UY 200:GB 205:IE 210:NL 211:BE
212:LU 220:FR 221:MC 223:LI 225:CH 230:ES 232:AD 235:PT 260:DE 290:PL 305:AT 310:HU
316:CZ 317:SK 325:IT 331:SM 338:MT 339:AL 340:RS 341:ME 343:MK 344:HR 346:BA 347:XK
349:SI 350:GR 352:CY 355:BG 359:MD 360:RO 365:RU 366:EE 367:LV 368:LT 369:UA 370:BY
371:AM 372:GE 373:AZ 375:FI 380:SE 385:NO 390:DK 395:IS 402:CV 403:ST 404:GW 411:GQ
420:GM 432:ML 433:SN 434:BJ 435:MR 436:NE 437:CI 438:GN 439:BF 450:LR 451:SL 452:GH
461:TG 471:CM 475:NG 481:GA 482:CF 483:TD 484:CG 490:CD 500:UG 501:KE 510:TZ 516:BI
517:RW 520:SO 522:DJ 530:ET 531:ER 540:AO 541:MZ 551:ZM 552:ZW 553:MW 560:ZA 565:NA
570:LS 571:BW 572:SZ 580:MG 581:KM 590:MU 591:SC 600:MA 615:DZ 616:TN 620:LY 625:SD
626:SS 630:IR 640:TR 645:IQ 651:EG 652:SY 660:LB 663:JO 666:IL 670:SA 678:YE 690:KW
692:BH 694:QA 696:AE 698:OM 700:AF 701:TM 702:TJ 703:KG 704:UZ 705:KZ 710:CN 712:MN
713:TW 731:KP 732:KR 740:JP 750:IN 760:BT 770:PK 771:BD 775:MM 780:LK 781:MV 790:NP
800:TH 811:KH 812:LA 816:VN 820:MY 830:SG 835:BN 840:PH 850:ID 860:TL 900:AU 910:PG
920:NZ 935:VU 940:SB 946:KI 947:TV 950:FJ 955:TO 970:NR 983:MH 986:PW 987:FM 990:WS
"""


def test_acled_actor_names_over_the_limit_are_read_with_a_warning() -> None:
    row = {**ACLED["AFG1001"], "assoc_actor_2": "X" * 250}
    with pytest.warns(ImportedValueWarning, match="over the 200"):
        incident = from_acled(row)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert to_acled(incident, lossy="raise") == row
