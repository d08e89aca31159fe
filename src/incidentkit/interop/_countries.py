"""Country codes and names for the interop formats: ISO 3166-1 alpha-2 (what
incidentkit stores), the ISO numeric code (ACLED's ``iso`` column), the Gleditsch and
Ward state number (UCDP's ``country_id``, ``gwnoa`` and ``gwnob``; the published list
of independent states and microstates, as in force today) and a short English
name (what incidentkit writes into ``country`` columns). ``-`` marks no code.

The names are ordinary English short names; ACLED's and UCDP's own spellings, where
they differ, are kept verbatim when a row is read (see the docs on round trips).
"""

from __future__ import annotations

__all__ = [
    "GW_ALIASES",
    "ALPHA2_BY_GW",
    "ALPHA2_BY_NAME",
    "ALPHA2_BY_NUMERIC",
    "GW",
    "NAME",
    "NUMERIC",
]

# alpha-2, ISO numeric, Gleditsch-Ward number, name
_TABLE = """
AD 020 232 Andorra
AE 784 696 United Arab Emirates
AF 004 700 Afghanistan
AG 028  58 Antigua and Barbuda
AI 660   - Anguilla
AL 008 339 Albania
AM 051 371 Armenia
AO 024 540 Angola
AQ 010   - Antarctica
AR 032 160 Argentina
AS 016   - American Samoa
AT 040 305 Austria
AU 036 900 Australia
AW 533   - Aruba
AX 248   - Åland Islands
AZ 031 373 Azerbaijan
BA 070 346 Bosnia and Herzegovina
BB 052  53 Barbados
BD 050 771 Bangladesh
BE 056 211 Belgium
BF 854 439 Burkina Faso
BG 100 355 Bulgaria
BH 048 692 Bahrain
BI 108 516 Burundi
BJ 204 434 Benin
BL 652   - Saint Barthélemy
BM 060   - Bermuda
BN 096 835 Brunei Darussalam
BO 068 145 Bolivia
BQ 535   - Caribbean Netherlands
BR 076 140 Brazil
BS 044  31 Bahamas
BT 064 760 Bhutan
BV 074   - Bouvet Island
BW 072 571 Botswana
BY 112 370 Belarus
BZ 084  80 Belize
CA 124  20 Canada
CC 166   - Cocos Islands
CD 180 490 Democratic Republic of Congo
CF 140 482 Central African Republic
CG 178 484 Republic of Congo
CH 756 225 Switzerland
CI 384 437 Ivory Coast
CK 184   - Cook Islands
CL 152 155 Chile
CM 120 471 Cameroon
CN 156 710 China
CO 170 100 Colombia
CR 188  94 Costa Rica
CU 192  40 Cuba
CV 132 402 Cabo Verde
CW 531   - Curaçao
CX 162   - Christmas Island
CY 196 352 Cyprus
CZ 203 316 Czech Republic
DE 276 260 Germany
DJ 262 522 Djibouti
DK 208 390 Denmark
DM 212  54 Dominica
DO 214  42 Dominican Republic
DZ 012 615 Algeria
EC 218 130 Ecuador
EE 233 366 Estonia
EG 818 651 Egypt
EH 732   - Western Sahara
ER 232 531 Eritrea
ES 724 230 Spain
ET 231 530 Ethiopia
FI 246 375 Finland
FJ 242 950 Fiji
FK 238   - Falkland Islands
FM 583 987 Micronesia
FO 234   - Faroe Islands
FR 250 220 France
GA 266 481 Gabon
GB 826 200 United Kingdom
GD 308  55 Grenada
GE 268 372 Georgia
GF 254   - French Guiana
GG 831   - Guernsey
GH 288 452 Ghana
GI 292   - Gibraltar
GL 304   - Greenland
GM 270 420 Gambia
GN 324 438 Guinea
GP 312   - Guadeloupe
GQ 226 411 Equatorial Guinea
GR 300 350 Greece
GS 239   - South Georgia and the South Sandwich Islands
GT 320  90 Guatemala
GU 316   - Guam
GW 624 404 Guinea-Bissau
GY 328 110 Guyana
HK 344   - Hong Kong
HM 334   - Heard Island and McDonald Islands
HN 340  91 Honduras
HR 191 344 Croatia
HT 332  41 Haiti
HU 348 310 Hungary
ID 360 850 Indonesia
IE 372 205 Ireland
IL 376 666 Israel
IM 833   - Isle of Man
IN 356 750 India
IO 086   - British Indian Ocean Territory
IQ 368 645 Iraq
IR 364 630 Iran
IS 352 395 Iceland
IT 380 325 Italy
JE 832   - Jersey
JM 388  51 Jamaica
JO 400 663 Jordan
JP 392 740 Japan
KE 404 501 Kenya
KG 417 703 Kyrgyzstan
KH 116 811 Cambodia
KI 296 946 Kiribati
KM 174 581 Comoros
KN 659  60 Saint Kitts and Nevis
KP 408 731 North Korea
KR 410 732 South Korea
KW 414 690 Kuwait
KY 136   - Cayman Islands
KZ 398 705 Kazakhstan
LA 418 812 Laos
LB 422 660 Lebanon
LC 662  56 Saint Lucia
LI 438 223 Liechtenstein
LK 144 780 Sri Lanka
LR 430 450 Liberia
LS 426 570 Lesotho
LT 440 368 Lithuania
LU 442 212 Luxembourg
LV 428 367 Latvia
LY 434 620 Libya
MA 504 600 Morocco
MC 492 221 Monaco
MD 498 359 Moldova
ME 499 341 Montenegro
MF 663   - Saint Martin
MG 450 580 Madagascar
MH 584 983 Marshall Islands
MK 807 343 North Macedonia
ML 466 432 Mali
MM 104 775 Myanmar
MN 496 712 Mongolia
MO 446   - Macao
MP 580   - Northern Mariana Islands
MQ 474   - Martinique
MR 478 435 Mauritania
MS 500   - Montserrat
MT 470 338 Malta
MU 480 590 Mauritius
MV 462 781 Maldives
MW 454 553 Malawi
MX 484  70 Mexico
MY 458 820 Malaysia
MZ 508 541 Mozambique
NA 516 565 Namibia
NC 540   - New Caledonia
NE 562 436 Niger
NF 574   - Norfolk Island
NG 566 475 Nigeria
NI 558  93 Nicaragua
NL 528 210 Netherlands
NO 578 385 Norway
NP 524 790 Nepal
NR 520 970 Nauru
NU 570   - Niue
NZ 554 920 New Zealand
OM 512 698 Oman
PA 591  95 Panama
PE 604 135 Peru
PF 258   - French Polynesia
PG 598 910 Papua New Guinea
PH 608 840 Philippines
PK 586 770 Pakistan
PL 616 290 Poland
PM 666   - Saint Pierre and Miquelon
PN 612   - Pitcairn
PR 630   - Puerto Rico
PS 275   - Palestine
PT 620 235 Portugal
PW 585 986 Palau
PY 600 150 Paraguay
QA 634 694 Qatar
RE 638   - Réunion
RO 642 360 Romania
RS 688 340 Serbia
RU 643 365 Russia
RW 646 517 Rwanda
SA 682 670 Saudi Arabia
SB 090 940 Solomon Islands
SC 690 591 Seychelles
SD 729 625 Sudan
SE 752 380 Sweden
SG 702 830 Singapore
SH 654   - Saint Helena
SI 705 349 Slovenia
SJ 744   - Svalbard and Jan Mayen
SK 703 317 Slovakia
SL 694 451 Sierra Leone
SM 674 331 San Marino
SN 686 433 Senegal
SO 706 520 Somalia
SR 740 115 Suriname
SS 728 626 South Sudan
ST 678 403 Sao Tome and Principe
SV 222  92 El Salvador
SX 534   - Sint Maarten
SY 760 652 Syria
SZ 748 572 Eswatini
TC 796   - Turks and Caicos Islands
TD 148 483 Chad
TF 260   - French Southern Territories
TG 768 461 Togo
TH 764 800 Thailand
TJ 762 702 Tajikistan
TK 772   - Tokelau
TL 626 860 Timor-Leste
TM 795 701 Turkmenistan
TN 788 616 Tunisia
TO 776 955 Tonga
TR 792 640 Turkey
TT 780  52 Trinidad and Tobago
TV 798 947 Tuvalu
TW 158 713 Taiwan
TZ 834 510 Tanzania
UA 804 369 Ukraine
UG 800 500 Uganda
UM 581   - United States Minor Outlying Islands
US 840   2 United States
UY 858 165 Uruguay
UZ 860 704 Uzbekistan
VA 336   - Vatican City
VC 670  57 Saint Vincent and the Grenadines
VE 862 101 Venezuela
VG 092   - British Virgin Islands
VI 850   - United States Virgin Islands
VN 704 816 Vietnam
VU 548 935 Vanuatu
WF 876   - Wallis and Futuna
WS 882 990 Samoa
XK   - 347 Kosovo
YE 887 678 Yemen
YT 175   - Mayotte
ZA 710 560 South Africa
ZM 894 551 Zambia
ZW 716 552 Zimbabwe
"""


def _rows() -> list[tuple[str, int | None, int | None, str]]:
    rows = []
    for line in _TABLE.strip().splitlines():
        alpha2, numeric, gw, name = line.split(None, 3)
        rows.append(
            (
                alpha2,
                None if numeric == "-" else int(numeric),
                None if gw == "-" else int(gw),
                name,
            )
        )
    return rows


_ROWS = _rows()

#: ISO numeric code of each alpha-2 code that has one.
NUMERIC: dict[str, int] = {a: n for a, n, _, _ in _ROWS if n is not None}
#: Gleditsch-Ward number of each alpha-2 code that is a state in that list.
GW: dict[str, int] = {a: g for a, _, g, _ in _ROWS if g is not None}
#: English short name of each alpha-2 code.
NAME: dict[str, str] = {a: name for a, _, _, name in _ROWS}

#: Numbers read as a state though the published list gives it another: UCDP writes
#: 345 ("Serbia (Yugoslavia)") for Serbia, and 255 is Germany before 1945.
GW_ALIASES: dict[int, str] = {345: "RS", 255: "DE"}

ALPHA2_BY_NUMERIC = {n: a for a, n in NUMERIC.items()}
ALPHA2_BY_GW = {**GW_ALIASES, **{g: a for a, g in GW.items()}}
ALPHA2_BY_NAME = {name.casefold(): a for a, name in NAME.items()}
