#!/usr/bin/env python3
"""Generate src/blocwatch/actors/data/states.yaml (format: actors/data/FORMAT.md).

Base: pycountry's ISO 3166-1 English names and their German translations (official and
short names; inverted catalogue forms like "Korea, Republic of" are skipped).
On top: the hand-written table HAND below (common names, adjectives, demonyms, capitals,
seats, weak forms, Wikidata ids), reviewed entry by entry.

Usage:  .venv/bin/python tools/make_states.py [OUT]
The output is meant to be reviewed and committed; re-running it must give the same file.
"""
from __future__ import annotations

import gettext
import re
import sys
from pathlib import Path

import pycountry
import yaml

OUT = Path(__file__).resolve().parents[1] / "src/blocwatch/actors/data/states.yaml"

# Never listed under any code: ambiguous between two states.
NEVER = {"Kongo", "Congo", "Korea", "the Congo", "Republic of Korea (the)"}

# Field spec: strings separated by ";".
#   adj_en: "Russian+" adds "Russian" and "Russians".
#   dem (German demonyms): "Russe" -> Russe, Russen, Russin, Russinnen;
#       "Ukrainer" -> Ukrainer, Ukrainern, Ukrainerin, Ukrainerinnen; "=Form" is taken as is.
#   weak: forms that are also ordinary words, person names or places elsewhere; they are
#       listed in their own field too (the loader marks a listed form weak if it is here).
# wd: Wikidata Q number.
HAND: dict[str, dict] = {
 "AFG": dict(wd=889, de="Islamisches Emirat Afghanistan", en="Islamic Emirate of Afghanistan",
             adj_en="Afghan+", adj_de="afghanisch", dem="Afghane", cap="Kabul"),
 "ALB": dict(wd=222, adj_en="Albanian+", adj_de="albanisch", dem="Albaner", cap="Tirana"),
 "DZA": dict(wd=262, adj_en="Algerian+", adj_de="algerisch", dem="Algerier", cap="Algier; Algiers"),
 "AND": dict(wd=228, adj_en="Andorran+", adj_de="andorranisch", dem="Andorraner", cap="Andorra la Vella"),
 "AGO": dict(wd=916, adj_en="Angolan+", adj_de="angolanisch", dem="Angolaner", cap="Luanda"),
 "ATG": dict(wd=781, adj_en="Antiguan+", adj_de="antiguanisch"),
 "ARG": dict(wd=414, adj_en="Argentine+; Argentinian+", adj_de="argentinisch", dem="Argentinier",
             cap="Buenos Aires"),
 "ARM": dict(wd=399, adj_en="Armenian+", adj_de="armenisch", dem="Armenier",
             cap="Eriwan; Jerewan; Yerevan", other="Армения"),
 "AUS": dict(wd=408, adj_en="Australian+", adj_de="australisch", dem="Australier", cap="Canberra"),
 "AUT": dict(wd=40, adj_en="Austrian+", adj_de="österreichisch", dem="Österreicher",
             cap="Wien; Vienna", seat="Ballhausplatz"),
 "AZE": dict(wd=227, de="Aserbeidschan", adj_en="Azerbaijani+; Azeri+",
             adj_de="aserbaidschanisch; aserbeidschanisch; aserisch", dem="Aserbaidschaner; Aserbeidschaner; =Aseri; =Aseris",
             cap="Baku", other="Азербайджан"),
 "BHS": dict(wd=778, en="Bahamas", adj_en="Bahamian+", adj_de="bahamaisch", dem="Bahamaer"),
 "BHR": dict(wd=398, adj_en="Bahraini+", adj_de="bahrainisch", dem="Bahrainer", cap="Manama"),
 "BGD": dict(wd=902, de="Bangladesh; Volksrepublik Bangladesch", adj_en="Bangladeshi+",
             adj_de="bangladeschisch", dem="Bangladescher", cap="Dhaka; Dakka"),
 "BRB": dict(wd=244, adj_en="Barbadian+; Bajan+", adj_de="barbadisch", dem="Barbadier", cap="Bridgetown"),
 "BLR": dict(wd=184, en="Byelorussia; Belorussia; White Russia",
             de="Weißrussland; Belarussland; Weißrußland",
             adj_en="Belarusian+; Belarusan+; Byelorussian+; Belorussian+",
             adj_de="belarussisch; belarusisch; weißrussisch",
             dem="Belarusse; Belaruse; Weißrusse", cap="Minsk", other="Беларусь; Белоруссия"),
 "BEL": dict(wd=31, adj_en="Belgian+", adj_de="belgisch", dem="Belgier"),
 "BLZ": dict(wd=242, adj_en="Belizean+", adj_de="belizisch", dem="Belizer", cap="Belmopan"),
 "BEN": dict(wd=962, adj_en="Beninese", adj_de="beninisch", dem="Beniner", cap="Porto-Novo",
             seat="Cotonou"),
 "BTN": dict(wd=917, adj_en="Bhutanese", adj_de="bhutanisch", dem="Bhutaner", cap="Thimphu"),
 "BOL": dict(wd=750, adj_en="Bolivian+", adj_de="bolivianisch", dem="Bolivianer", cap="La Paz"),
 "BIH": dict(wd=225, en="Bosnia; Bosnia-Herzegovina", de="Bosnien; Bosnien-Herzegowina",
             adj_en="Bosnian+", adj_de="bosnisch; bosnisch-herzegowinisch", dem="Bosnier",
             cap="Sarajevo; Sarajewo"),
 "BWA": dict(wd=963, de="Botswana", adj_en="Botswanan+; Motswana; Batswana",
             adj_de="botsuanisch; botswanisch", dem="Botsuaner", cap="Gaborone"),
 "BRA": dict(wd=155, adj_en="Brazilian+", adj_de="brasilianisch", dem="Brasilianer",
             cap="Brasília; Brasilia", seat="Planalto; Palácio do Planalto"),
 "BRN": dict(wd=921, en="Brunei", de="Brunei", adj_en="Bruneian+", adj_de="bruneiisch",
             dem="Bruneier", cap="Bandar Seri Begawan"),
 "BGR": dict(wd=219, adj_en="Bulgarian+", adj_de="bulgarisch", dem="Bulgare", cap="Sofia",
             weak="Sofia"),
 "BFA": dict(wd=965, adj_en="Burkinabe; Burkinabé", adj_de="burkinisch", dem="Burkiner; =Burkinabe; =Burkinabé",
             cap="Ouagadougou; Wagadugu"),
 "BDI": dict(wd=967, adj_en="Burundian+", adj_de="burundisch", dem="Burundier", cap="Gitega"),
 "CPV": dict(wd=1011, en="Cape Verde", de="Kapverden; Kapverdische Inseln", adj_en="Cape Verdean+",
             adj_de="kapverdisch", dem="Kapverdier", cap="Praia"),
 "KHM": dict(wd=424, adj_en="Cambodian+", adj_de="kambodschanisch", dem="Kambodschaner",
             cap="Phnom Penh"),
 "CMR": dict(wd=1009, adj_en="Cameroonian+", adj_de="kamerunisch", dem="Kameruner",
             cap="Jaunde; Yaoundé; Yaounde"),
 "CAN": dict(wd=16, adj_en="Canadian+", adj_de="kanadisch", dem="Kanadier", cap="Ottawa"),
 "CAF": dict(wd=929, adj_en="Central African+", adj_de="zentralafrikanisch", dem="Zentralafrikaner", cap="Bangui"),
 "TCD": dict(wd=657, adj_en="Chadian+", adj_de="tschadisch", dem="Tschader", cap="N'Djamena; Ndjamena",
             weak="Chad"),
 "CHL": dict(wd=298, adj_en="Chilean+", adj_de="chilenisch", dem="Chilene",
             cap="Santiago de Chile", seat="La Moneda"),
 "CHN": dict(wd=148, en="PRC; Mainland China", de="VR China; Reich der Mitte; Festlandchina",
             adj_en="Chinese", adj_de="chinesisch", dem="Chinese", cap="Peking; Beijing",
             seat="Zhongnanhai", other="中国; 中华人民共和国"),
 "COL": dict(wd=739, adj_en="Colombian+", adj_de="kolumbianisch", dem="Kolumbianer",
             cap="Bogotá; Bogota", seat="Casa de Nariño"),
 "COM": dict(wd=970, de="Union der Komoren", en="Comoros Islands", adj_en="Comorian+",
             adj_de="komorisch", dem="Komorer"),
 "COG": dict(wd=971, en="Republic of Congo; Congo-Brazzaville; Congo Brazzaville",
             de="Kongo-Brazzaville; Republik Kongo-Brazzaville", cap="Brazzaville"),
 "COD": dict(wd=974, en="Democratic Republic of the Congo; Democratic Republic of Congo; DR Congo; "
                        "D.R. Congo; DRC; Congo-Kinshasa; Zaire; Zaïre",
             de="Demokratische Republik Kongo; DR Kongo; D.R. Kongo; Kongo-Kinshasa; Zaire; Zaïre",
             cap="Kinshasa"),
 "CRI": dict(wd=800, adj_en="Costa Rican+", adj_de="costa-ricanisch; costaricanisch", dem="Costa-Ricaner"),
 "CIV": dict(wd=1008, en="Ivory Coast; Cote d'Ivoire; Republic of Cote d'Ivoire",
             de="Elfenbeinküste; Cote d'Ivoire; Republik Elfenbeinküste",
             adj_en="Ivorian+", adj_de="ivorisch", dem="Ivorer",
             cap="Yamoussoukro", seat="Abidjan"),
 "HRV": dict(wd=224, adj_en="Croatian+; Croat+", adj_de="kroatisch", dem="Kroate", cap="Zagreb"),
 "CUB": dict(wd=241, adj_en="Cuban+", adj_de="kubanisch", dem="Kubaner", cap="Havanna; Havana"),
 "CYP": dict(wd=229, adj_en="Cypriot+", adj_de="zyprisch; zypriotisch",
             dem="Zyprer; =Zypriot; =Zyprioten; =Zypriotin; =Zypriotinnen", cap="Nikosia; Nicosia"),
 "CZE": dict(wd=213, en="Czech Republic; Czechia", de="Tschechien; Tschechische Republik",
             adj_en="Czech+", adj_de="tschechisch", dem="Tscheche", cap="Prag; Prague",
             seat="Hradschin; Prague Castle; Prager Burg"),
 "DNK": dict(wd=35, adj_en="Danish; Danes", adj_de="dänisch", dem="Däne", cap="Kopenhagen; Copenhagen"),
 "DJI": dict(wd=977, adj_en="Djiboutian+", adj_de="dschibutisch", dem="Dschibutier"),
 "DMA": dict(wd=784, cap="Roseau"),
 "DOM": dict(wd=786, cap="Santo Domingo"),
 "ECU": dict(wd=736, adj_en="Ecuadorian+; Ecuadorean+", adj_de="ecuadorianisch", dem="Ecuadorianer",
             cap="Quito"),
 "EGY": dict(wd=79, adj_en="Egyptian+", adj_de="ägyptisch", dem="Ägypter", cap="Kairo; Cairo"),
 "SLV": dict(wd=792, adj_en="Salvadoran+; Salvadorian+", adj_de="salvadorianisch; salvadorenisch",
             dem="Salvadorianer", cap="San Salvador"),
 "GNQ": dict(wd=983, adj_en="Equatorial Guinean+; Equatoguinean+", adj_de="äquatorialguineisch",
             dem="Äquatorialguineer", cap="Malabo"),
 "ERI": dict(wd=986, adj_en="Eritrean+", adj_de="eritreisch", dem="Eritreer", cap="Asmara"),
 "EST": dict(wd=191, adj_en="Estonian+", adj_de="estnisch", dem="Este", cap="Tallinn"),
 "SWZ": dict(wd=1050, en="Swaziland; Kingdom of Swaziland", de="Swasiland; Swaziland",
             adj_en="Swazi+", adj_de="swasiländisch; eswatinisch", dem="Swasi; =Swasis",
             cap="Mbabane; Lobamba"),
 "ETH": dict(wd=115, adj_en="Ethiopian+", adj_de="äthiopisch", dem="Äthiopier",
             cap="Addis Abeba; Addis Ababa"),
 "FJI": dict(wd=712, de="Fiji", adj_en="Fijian+", adj_de="fidschianisch", dem="Fidschianer", cap="Suva"),
 "FIN": dict(wd=33, adj_en="Finnish; Finns", adj_de="finnisch", dem="Finne", cap="Helsinki"),
 "FRA": dict(wd=142, adj_en="French; Frenchman; Frenchmen", adj_de="französisch",
             dem="=Franzose; =Franzosen; =Französin; =Französinnen", cap="Paris",
             seat="Élysée; Elysée; Elysee; Élysée-Palast; Elysée-Palast; Elyseepalast; Élyséepalast; "
                  "Élysée Palace; Elysee Palace; Quai d'Orsay; Matignon"),
 "GAB": dict(wd=1000, adj_en="Gabonese", adj_de="gabunisch", dem="Gabuner", cap="Libreville"),
 "GMB": dict(wd=1005, adj_en="Gambian+", adj_de="gambisch", dem="Gambier", cap="Banjul"),
 "GEO": dict(wd=230, adj_en="Georgian+", adj_de="georgisch", dem="Georgier", cap="Tiflis; Tbilisi",
             weak="Georgia; Georgian; Georgians", other="Грузия; საქართველო"),
 "DEU": dict(wd=183, en="FRG; West Germany", de="BRD; Bundesrepublik; Westdeutschland",
             weak="Bundesrepublik; Westdeutschland",
             adj_en="German+; West German+", adj_de="deutsch; bundesdeutsch",
             dem="=Deutsche; =Deutscher; =Deutschen; =Bundesbürger; =Bundesbürgern",
             cap="Berlin", seat="Kanzleramt; Bundeskanzleramt"),
 "GHA": dict(wd=117, adj_en="Ghanaian+", adj_de="ghanaisch", dem="Ghanaer", cap="Accra"),
 "GRC": dict(wd=41, adj_en="Greek+; Hellenic", adj_de="griechisch", dem="Grieche", cap="Athen; Athens"),
 "GRD": dict(wd=769, adj_en="Grenadian+", adj_de="grenadisch", dem="Grenader"),
 "GTM": dict(wd=774, adj_en="Guatemalan+", adj_de="guatemaltekisch", dem="Guatemalteke",
             cap="Guatemala-Stadt; Guatemala City"),
 "GIN": dict(wd=1006, en="Guinea-Conakry; Guinea Conakry", de="Guinea-Conakry",
             adj_en="Guinean+", adj_de="guineisch", dem="Guineer", cap="Conakry", weak="Guinea"),
 "GNB": dict(wd=1007, adj_en="Bissau-Guinean+", adj_de="guinea-bissauisch", dem="Guinea-Bissauer",
             cap="Bissau"),
 "GUY": dict(wd=734, adj_en="Guyanese", adj_de="guyanisch", dem="Guyaner"),
 "HTI": dict(wd=790, adj_en="Haitian+", adj_de="haitianisch", dem="Haitianer", cap="Port-au-Prince"),
 "HND": dict(wd=783, adj_en="Honduran+", adj_de="honduranisch", dem="Honduraner", cap="Tegucigalpa"),
 "HUN": dict(wd=28, adj_en="Hungarian+", adj_de="ungarisch", dem="=Ungar; =Ungarin; =Ungarinnen",
             cap="Budapest"),
 "ISL": dict(wd=189, adj_en="Icelandic; Icelander+", adj_de="isländisch", dem="Isländer",
             cap="Reykjavík; Reykjavik"),
 "IND": dict(wd=668, en="Bharat", adj_en="Indian+", adj_de="indisch", dem="Inder",
             cap="Neu-Delhi; New Delhi; Delhi", weak="Delhi"),
 "IDN": dict(wd=252, adj_en="Indonesian+", adj_de="indonesisch", dem="Indonesier", cap="Jakarta; Djakarta"),
 "IRN": dict(wd=794, en="Persia", de="Persien", adj_en="Iranian+", adj_de="iranisch", dem="Iraner",
             cap="Teheran; Tehran", other="ایران"),
 "IRQ": dict(wd=796, adj_en="Iraqi+", adj_de="irakisch", dem="Iraker", cap="Bagdad; Baghdad"),
 "IRL": dict(wd=27, en="Republic of Ireland; Eire; Éire", de="Republik Irland",
             adj_en="Irish; Irishman; Irishmen", adj_de="irisch", dem="=Iren; =Irin; =Irinnen",
             cap="Dublin"),
 "ISR": dict(wd=801, adj_en="Israeli+", adj_de="israelisch", dem="=Israeli; =Israelis", seat="Knesset"),
 "ITA": dict(wd=38, adj_en="Italian+", adj_de="italienisch", dem="Italiener", cap="Rom; Rome",
             seat="Palazzo Chigi; Quirinal; Quirinale"),
 "JAM": dict(wd=766, adj_en="Jamaican+", adj_de="jamaikanisch", dem="Jamaikaner"),
 "JPN": dict(wd=17, adj_en="Japanese", adj_de="japanisch", dem="Japaner", cap="Tokio; Tokyo"),
 "JOR": dict(wd=810, adj_en="Jordanian+", adj_de="jordanisch", dem="Jordanier", cap="Amman", weak="Jordan"),
 "KAZ": dict(wd=232, en="Kazakstan", adj_en="Kazakh+; Kazakhstani+; Kazak+",
             adj_de="kasachisch; kasachstanisch", dem="Kasache; Kasachstaner",
             cap="Astana; Nur-Sultan; Nursultan", seat="Akorda; Ak Orda; Ak-Orda",
             other="Казахстан; Қазақстан"),
 "KEN": dict(wd=114, adj_en="Kenyan+", adj_de="kenianisch", dem="Kenianer", cap="Nairobi"),
 "KIR": dict(wd=710, adj_en="I-Kiribati", adj_de="kiribatisch", cap="Tarawa; South Tarawa"),
 "PRK": dict(wd=423, en="North Korea; DPRK; DPR Korea", de="Nordkorea; DVRK; DVR Korea",
             adj_en="North Korean+", adj_de="nordkoreanisch", dem="Nordkoreaner",
             cap="Pjöngjang; Pjongjang; Pyongyang"),
 "KOR": dict(wd=884, en="South Korea; Republic of Korea; ROK", de="Südkorea; Republik Korea",
             adj_en="South Korean+", adj_de="südkoreanisch", dem="Südkoreaner", cap="Seoul",
             seat="Blue House; Blaues Haus; Blaue Haus; Blauen Haus; Blauen Hauses"),
 "KWT": dict(wd=817, adj_en="Kuwaiti+", adj_de="kuwaitisch", dem="Kuwaiter",
             cap="Kuwait City; Kuwait-Stadt"),
 "KGZ": dict(wd=813, en="Kyrgyz Republic; Kirghizia; Kirgizia; Kirgizstan",
             de="Kirgistan; Kirgisien; Kirgisistan; Kirgisische Republik",
             adj_en="Kyrgyz; Kirghiz; Kyrgyzstani+", adj_de="kirgisisch", dem="Kirgise",
             cap="Bischkek; Bishkek", other="Кыргызстан; Киргизия"),
 "LAO": dict(wd=819, en="Lao PDR", de="Demokratische Volksrepublik Laos",
             adj_en="Laotian+; Lao", adj_de="laotisch", dem="Laote", cap="Vientiane"),
 "LVA": dict(wd=211, adj_en="Latvian+", adj_de="lettisch", dem="Lette", cap="Riga"),
 "LBN": dict(wd=822, adj_en="Lebanese", adj_de="libanesisch", dem="Libanese", cap="Beirut"),
 "LSO": dict(wd=1013, adj_en="Basotho; Mosotho", adj_de="lesothisch", cap="Maseru"),
 "LBR": dict(wd=1014, adj_en="Liberian+", adj_de="liberianisch", dem="Liberianer", cap="Monrovia"),
 "LBY": dict(wd=1016, adj_en="Libyan+", adj_de="libysch", dem="Libyer", cap="Tripolis; Tripoli"),
 "LIE": dict(wd=347, adj_en="Liechtensteiner+", adj_de="liechtensteinisch", dem="Liechtensteiner",
             cap="Vaduz"),
 "LTU": dict(wd=37, adj_en="Lithuanian+", adj_de="litauisch", dem="Litauer", cap="Vilnius; Wilna"),
 "LUX": dict(wd=32, adj_en="Luxembourgish; Luxembourger+", adj_de="luxemburgisch", dem="Luxemburger"),
 "MDG": dict(wd=1019, adj_en="Malagasy", adj_de="madagassisch", dem="Madagasse", cap="Antananarivo"),
 "MWI": dict(wd=1020, adj_en="Malawian+", adj_de="malawisch", dem="Malawier", cap="Lilongwe"),
 "MYS": dict(wd=833, adj_en="Malaysian+", adj_de="malaysisch", dem="Malaysier",
             cap="Kuala Lumpur", seat="Putrajaya"),
 "MDV": dict(wd=826, adj_en="Maldivian+", adj_de="maledivisch", dem="Malediver", cap="Malé"),
 "MLI": dict(wd=912, adj_en="Malian+", adj_de="malisch", dem="Malier", cap="Bamako"),
 "MLT": dict(wd=233, adj_en="Maltese", adj_de="maltesisch", cap="Valletta"),
 "MHL": dict(wd=709, adj_en="Marshallese", adj_de="marshallisch", cap="Majuro"),
 "MRT": dict(wd=1025, adj_en="Mauritanian+", adj_de="mauretanisch", dem="Mauretanier", cap="Nouakchott"),
 "MUS": dict(wd=1027, adj_en="Mauritian+", adj_de="mauritisch", dem="Mauritier", cap="Port Louis"),
 "MEX": dict(wd=96, en="Mexico", de="Mexiko", adj_en="Mexican+", adj_de="mexikanisch", dem="Mexikaner",
             cap="Mexiko-Stadt; Mexico City; Ciudad de México"),
 "FSM": dict(wd=702, en="Micronesia", de="Mikronesien", adj_en="Micronesian+", adj_de="mikronesisch",
             cap="Palikir"),
 "MDA": dict(wd=217, en="Moldavia; Republic of Moldova", de="Moldawien; Republik Moldawien",
             adj_en="Moldovan+; Moldavian+", adj_de="moldauisch; moldawisch",
             dem="Moldauer; Moldawier", cap="Chișinău; Chişinău; Chisinau; Kischinau; Kischinjow",
             other="Молдова"),
 "MCO": dict(wd=235, adj_en="Monegasque+; Monacan", adj_de="monegassisch", dem="Monegasse"),
 "MNG": dict(wd=711, adj_en="Mongolian+", adj_de="mongolisch", dem="Mongole",
             cap="Ulan Bator; Ulaanbaatar; Ulan-Bator"),
 "MNE": dict(wd=236, adj_en="Montenegrin+", adj_de="montenegrinisch", dem="Montenegriner",
             cap="Podgorica"),
 "MAR": dict(wd=1028, adj_en="Moroccan+", adj_de="marokkanisch", dem="Marokkaner", cap="Rabat"),
 "MOZ": dict(wd=1029, adj_en="Mozambican+", adj_de="mosambikanisch", dem="Mosambikaner", cap="Maputo"),
 "MMR": dict(wd=836, en="Burma; Republic of the Union of Myanmar", de="Birma; Burma; Republik der Union Myanmar",
             adj_en="Burmese", adj_de="myanmarisch; birmanisch; burmesisch",
             dem="Birmane; Burmese", cap="Naypyidaw; Naypyitaw; Nay Pyi Taw; Naypyidaw"),
 "NAM": dict(wd=1030, adj_en="Namibian+", adj_de="namibisch", dem="Namibier", cap="Windhoek; Windhuk"),
 "NRU": dict(wd=697, adj_en="Nauruan+", adj_de="nauruisch", dem="Nauruer", cap="Yaren"),
 "NPL": dict(wd=837, adj_en="Nepalese; Nepali+", adj_de="nepalesisch; nepalisch", dem="Nepalese",
             cap="Kathmandu; Katmandu"),
 "NLD": dict(wd=55, en="Holland", de="Holland", adj_en="Dutch; Dutchman; Dutchmen",
             adj_de="niederländisch; holländisch", dem="Niederländer; Holländer", cap="Amsterdam"),
 "NZL": dict(wd=664, en="Aotearoa", adj_en="New Zealander+", adj_de="neuseeländisch", dem="Neuseeländer",
             cap="Wellington", weak="Wellington"),
 "NIC": dict(wd=811, adj_en="Nicaraguan+", adj_de="nicaraguanisch", dem="Nicaraguaner", cap="Managua"),
 "NER": dict(wd=1032, adj_en="Nigerien+", adj_de="nigrisch", dem="Nigrer", cap="Niamey"),
 "NGA": dict(wd=1033, adj_en="Nigerian+", adj_de="nigerianisch", dem="Nigerianer", cap="Abuja"),
 "MKD": dict(wd=221, en="Macedonia; Republic of Macedonia; FYROM; Former Yugoslav Republic of Macedonia",
             de="Mazedonien; Republik Mazedonien; Ehemalige jugoslawische Republik Mazedonien; EJRM",
             weak="Macedonia; Mazedonien; Macedonian; Macedonians; mazedonisch; Mazedonier",
             adj_en="North Macedonian+; Macedonian+", adj_de="nordmazedonisch; mazedonisch",
             dem="Nordmazedonier; Mazedonier", cap="Skopje"),
 "NOR": dict(wd=20, adj_en="Norwegian+", adj_de="norwegisch", dem="Norweger", cap="Oslo"),
 "OMN": dict(wd=842, adj_en="Omani+", adj_de="omanisch", dem="Omaner", cap="Maskat; Muscat"),
 "PAK": dict(wd=843, adj_en="Pakistani+", adj_de="pakistanisch", dem="Pakistaner; =Pakistani; =Pakistanis",
             cap="Islamabad"),
 "PLW": dict(wd=695, adj_en="Palauan+", adj_de="palauisch", dem="Palauer", cap="Ngerulmud"),
 "PAN": dict(wd=804, adj_en="Panamanian+", adj_de="panamaisch; panamesisch", dem="Panamaer",
             cap="Panama-Stadt; Panama City", weak="Panama City"),
 "PNG": dict(wd=691, adj_en="Papua New Guinean+", adj_de="papua-neuguineisch", dem="Papua-Neuguineer",
             cap="Port Moresby"),
 "PRY": dict(wd=733, adj_en="Paraguayan+", adj_de="paraguayisch", dem="Paraguayer", cap="Asunción; Asuncion"),
 "PER": dict(wd=419, adj_en="Peruvian+", adj_de="peruanisch", dem="Peruaner", cap="Lima"),
 "PHL": dict(wd=928, adj_en="Filipino+; Philippine", adj_de="philippinisch",
             dem="Philippiner; =Filipino; =Filipinos; =Filipina; =Filipinas", cap="Manila",
             seat="Malacañang; Malacanang"),
 "POL": dict(wd=36, adj_en="Polish", adj_de="polnisch", dem="=Polin; =Polinnen", cap="Warschau; Warsaw"),
 "PRT": dict(wd=45, adj_en="Portuguese", adj_de="portugiesisch", dem="Portugiese", cap="Lissabon; Lisbon"),
 "QAT": dict(wd=846, de="Qatar", adj_en="Qatari+", adj_de="katarisch", dem="Katarer", cap="Doha"),
 "ROU": dict(wd=218, en="Rumania", adj_en="Romanian+", adj_de="rumänisch", dem="Rumäne", cap="Bukarest; Bucharest"),
 "RUS": dict(wd=159, en="Russia", de="Russland; Rußland", adj_en="Russian+", adj_de="russisch",
             dem="Russe", cap="Moskau; Moscow", seat="Kreml; Kremlin", other="Россия; Российская Федерация"),
 "RWA": dict(wd=1037, de="Rwanda", adj_en="Rwandan+", adj_de="ruandisch", dem="Ruander", cap="Kigali"),
 "KNA": dict(wd=763, en="St Kitts and Nevis; St. Kitts and Nevis; Saint Kitts; St Kitts",
             de="Saint Kitts und Nevis; St. Kitts", cap="Basseterre"),
 "LCA": dict(wd=760, en="St Lucia; St. Lucia", de="Saint Lucia; Sankt Lucia", adj_en="Saint Lucian+",
             cap="Castries"),
 "VCT": dict(wd=757, en="St Vincent and the Grenadines; St. Vincent and the Grenadines; Saint Vincent",
             de="Saint Vincent und die Grenadinen", cap="Kingstown"),
 "WSM": dict(wd=683, adj_en="Samoan+", adj_de="samoanisch", dem="Samoaner", cap="Apia"),
 "SMR": dict(wd=238, adj_en="Sammarinese", adj_de="san-marinesisch", dem="San-Marinese"),
 "STP": dict(wd=1039, en="São Tomé and Príncipe; Sao Tome", de="Sao Tome und Principe",
             cap="São Tomé"),
 "SAU": dict(wd=851, en="KSA", de="Saudiarabien", adj_en="Saudi+; Saudi Arabian+",
             adj_de="saudi-arabisch; saudisch", dem="Saudi-Araber; =Saudi; =Saudis",
             cap="Riad; Riyadh"),
 "SEN": dict(wd=1041, adj_en="Senegalese", adj_de="senegalesisch", dem="Senegalese", cap="Dakar"),
 "SRB": dict(wd=403, adj_en="Serbian+; Serb+", adj_de="serbisch", dem="Serbe", cap="Belgrad; Belgrade",
             other="Србија"),
 "SYC": dict(wd=1042, adj_en="Seychellois", adj_de="seychellisch", dem="Seychellois"),
 "SLE": dict(wd=1044, adj_en="Sierra Leonean+", adj_de="sierra-leonisch", dem="Sierra-Leoner", cap="Freetown"),
 "SGP": dict(wd=334, adj_en="Singaporean+", adj_de="singapurisch", dem="Singapurer"),
 "SVK": dict(wd=214, adj_en="Slovak+; Slovakian+", adj_de="slowakisch", dem="Slowake", cap="Bratislava"),
 "SVN": dict(wd=215, adj_en="Slovenian+; Slovene+", adj_de="slowenisch", dem="Slowene", cap="Ljubljana"),
 "SLB": dict(wd=685, de="Salomonen", adj_en="Solomon Islander+", cap="Honiara"),
 "SOM": dict(wd=1045, adj_en="Somali+; Somalian+", adj_de="somalisch", dem="Somalier; =Somali; =Somalis",
             cap="Mogadischu; Mogadishu"),
 "ZAF": dict(wd=258, adj_en="South African+", adj_de="südafrikanisch", dem="Südafrikaner",
             cap="Pretoria", seat="Union Buildings"),
 "SSD": dict(wd=958, adj_en="South Sudanese", adj_de="südsudanesisch", dem="Südsudanese",
             cap="Juba; Dschuba"),
 "ESP": dict(wd=29, adj_en="Spanish; Spaniard+", adj_de="spanisch", dem="Spanier", cap="Madrid",
             seat="Moncloa"),
 "LKA": dict(wd=854, adj_en="Sri Lankan+", adj_de="sri-lankisch",
             dem="Sri-Lanker", cap="Colombo; Sri Jayewardenepura Kotte"),
 "SDN": dict(wd=1049, adj_en="Sudanese", adj_de="sudanesisch", dem="Sudanese",
             cap="Khartum; Khartoum"),
 "SUR": dict(wd=730, adj_en="Surinamese", adj_de="surinamisch", dem="Surinamer", cap="Paramaribo"),
 "SWE": dict(wd=34, adj_en="Swedish; Swedes", adj_de="schwedisch", dem="Schwede", cap="Stockholm"),
 "CHE": dict(wd=39, de="Eidgenossenschaft", adj_en="Swiss", adj_de="schweizerisch; eidgenössisch",
             dem="Schweizer", cap="Bern; Berne"),
 "SYR": dict(wd=858, de="Arabische Republik Syrien", adj_en="Syrian+", adj_de="syrisch", dem="Syrer", cap="Damaskus; Damascus"),
 "TJK": dict(wd=863, adj_en="Tajik+; Tajikistani+; Tadjik+", adj_de="tadschikisch", dem="Tadschike",
             cap="Duschanbe; Dushanbe", other="Таджикистан; Тоҷикистон"),
 "TZA": dict(wd=924, adj_en="Tanzanian+", adj_de="tansanisch", dem="Tansanier", cap="Dodoma"),
 "THA": dict(wd=869, adj_en="Thai+", adj_de="thailändisch", dem="Thailänder; =Thai",
             cap="Bangkok"),
 "TLS": dict(wd=574, en="East Timor", de="Osttimor; Ost-Timor", adj_en="Timorese; East Timorese",
             adj_de="osttimoresisch; timoresisch", dem="Osttimorese", cap="Dili"),
 "TGO": dict(wd=945, adj_en="Togolese", adj_de="togoisch; togolesisch", dem="Togoer; Togolese", cap="Lomé; Lome"),
 "TON": dict(wd=678, adj_en="Tongan+", adj_de="tongaisch", dem="Tongaer", cap="Nukuʻalofa; Nuku'alofa"),
 "TTO": dict(wd=754, adj_en="Trinidadian+; Tobagonian+", adj_de="trinidadisch", dem="Trinidader",
             cap="Port of Spain; Port-of-Spain"),
 "TUN": dict(wd=948, adj_en="Tunisian+", adj_de="tunesisch", dem="Tunesier", cap="Tunis"),
 "TUR": dict(wd=43, en="Turkey; Turkiye; Republic of Turkey", de="Tuerkei",
             adj_en="Turkish; Turk+", adj_de="türkisch", dem="Türke", cap="Ankara"),
 "TKM": dict(wd=874, de="Turkmenien", adj_en="Turkmen+; Turkmenistani+", adj_de="turkmenisch",
             dem="Turkmene", cap="Aschgabat; Ashgabat; Aşgabat; Ashkhabad", other="Туркменистан"),
 "TUV": dict(wd=672, adj_en="Tuvaluan+", adj_de="tuvaluisch", dem="Tuvaluer", cap="Funafuti"),
 "UGA": dict(wd=1036, adj_en="Ugandan+", adj_de="ugandisch", dem="Ugander", cap="Kampala"),
 "UKR": dict(wd=212, adj_en="Ukrainian+", adj_de="ukrainisch", dem="Ukrainer",
             cap="Kiew; Kyjiw; Kyiv; Kiev; Kijiw", other="Україна; Украина"),
 "ARE": dict(wd=878, en="UAE; U.A.E.; Emirates", de="VAE; Emirate", weak="Emirates; Emirate",
             adj_en="Emirati+", adj_de="emiratisch", dem="=Emirati; =Emiratis", cap="Abu Dhabi; Abu Dabi"),
 "GBR": dict(wd=145, en="Britain; Great Britain; UK; U.K.; England",
             de="Großbritannien; Britannien; England",
             weak="England",
             adj_en="British; Brit+; Briton+", adj_de="britisch", dem="Brite", cap="London",
             seat="Downing Street; Whitehall; Westminster"),
 "USA": dict(wd=30, en="US; U.S.; USA; U.S.A.; America; United States",
             de="USA; Amerika; Vereinigte Staaten",
             weak="America; Washington",
             adj_en="American+; US-American+", adj_de="amerikanisch; US-amerikanisch",
             dem="Amerikaner; US-Amerikaner; US-Bürger", cap="Washington; Washington D.C.; Washington, D.C.",
             seat="Weißes Haus; Weiße Haus; Weißen Haus; Weißen Hauses; White House; Pentagon"),
 "URY": dict(wd=77, adj_en="Uruguayan+", adj_de="uruguayisch", dem="Uruguayer", cap="Montevideo"),
 "UZB": dict(wd=265, adj_en="Uzbek+; Uzbekistani+", adj_de="usbekisch", dem="Usbeke",
             cap="Taschkent; Tashkent", other="Узбекистан; Oʻzbekiston"),
 "VUT": dict(wd=686, adj_en="Vanuatuan+; Ni-Vanuatu", adj_de="vanuatuisch", cap="Port Vila; Port-Vila"),
 "VEN": dict(wd=717, adj_en="Venezuelan+", adj_de="venezolanisch", dem="Venezolaner", cap="Caracas",
             seat="Palacio de Miraflores"),
 "VNM": dict(wd=881, en="Vietnam; Viet Nam", de="Viet Nam", adj_en="Vietnamese", adj_de="vietnamesisch",
             dem="Vietnamese", cap="Hanoi"),
 "YEM": dict(wd=805, adj_en="Yemeni+; Yemenite+", adj_de="jemenitisch",
             dem="=Jemenit; =Jemeniten; =Jemenitin; =Jemenitinnen", cap="Sanaa; Sana'a"),
 "ZMB": dict(wd=953, adj_en="Zambian+", adj_de="sambisch", dem="Sambier", cap="Lusaka"),
 "ZWE": dict(wd=954, adj_en="Zimbabwean+", adj_de="simbabwisch", dem="Simbabwer", cap="Harare"),
 # --- not UN members, but named as states in the news -------------------------------------
 "PSE": dict(wd=219060, en="Palestine; State of Palestine; Palestinian Authority; Palestinian National Authority",
             de="Palästina; Staat Palästina; Palästinensische Autonomiebehörde; Autonomiebehörde",
             weak="Autonomiebehörde",
             adj_en="Palestinian+", adj_de="palästinensisch", dem="Palästinenser", seat="Ramallah"),
 "VAT": dict(wd=237, en="Holy See; Vatican; Vatican City; Vatican City State",
             de="Vatikan; Heiliger Stuhl; Vatikanstadt; Staat Vatikanstadt",
             adj_de="vatikanisch"),
 "XKX": dict(wd=1246, en="Kosovo; Republic of Kosovo", de="Kosovo; Republik Kosovo; Kosova",
             adj_en="Kosovar+; Kosovan+", adj_de="kosovarisch", dem="Kosovare",
             cap="Pristina; Priština; Prishtina; Prishtinë"),
 "TWN": dict(wd=865, en="Taiwan; Republic of China", de="Taiwan; Republik China",
             adj_en="Taiwanese", adj_de="taiwanisch; taiwanesisch", dem="Taiwaner; Taiwanese",
             cap="Taipeh; Taipei"),
 # --- former states (ISO 3166-3) -----------------------------------------------------------
 "SUN": dict(wd=15180, kind="former_state",
             en="Soviet Union; USSR; U.S.S.R.; Union of Soviet Socialist Republics",
             de="Sowjetunion; UdSSR; Union der Sozialistischen Sowjetrepubliken",
             adj_en="Soviet+", adj_de="sowjetisch", dem="=Sowjets; =Sowjetbürger; =Sowjetbürgern",
             other="СССР; Советский Союз"),
 "CSK": dict(wd=33946, kind="former_state",
             en="Czechoslovakia; Czechoslovak Socialist Republic; ČSSR; CSSR",
             de="Tschechoslowakei; ČSSR; CSSR; ČSR; Tschechoslowakische Sozialistische Republik; "
                "Tschechoslowakische Republik",
             adj_en="Czechoslovak+; Czechoslovakian+", adj_de="tschechoslowakisch",
             dem="Tschechoslowake"),
 "YUG": dict(wd=36704, kind="former_state",
             en="Yugoslavia; Socialist Federal Republic of Yugoslavia; Federal Republic of Yugoslavia; SFRY; "
                "SFR Yugoslavia; FRY",
             de="Jugoslawien; Sozialistische Föderative Republik Jugoslawien; Bundesrepublik Jugoslawien; "
                "SFRJ; SFR Jugoslawien",
             adj_en="Yugoslav+; Yugoslavian+", adj_de="jugoslawisch", dem="Jugoslawe"),
 "DDR": dict(wd=16957, kind="former_state",
             en="East Germany; German Democratic Republic; GDR",
             de="DDR; Deutsche Demokratische Republik",
             adj_en="East German+", cap="Ost-Berlin; Ostberlin; East Berlin"),
}

# pycountry forms not wanted (misleading or ambiguous outside the catalogue).
DROP = {
    "TWN": {"Taiwan, Province of China", "Taiwan, Chinesische Provinz"},
    "COG": {"Congo", "Kongo"},
    # German "Island" is English "island" to a lower-casing matcher: Iceland keeps
    # "Republik Island", isländisch, Isländer.
    "ISL": {"Island"},
}

HEAD_NOUNS = {
    "Republik": "f", "Volksrepublik": "f", "Bundesrepublik": "f", "Föderation": "f",
    "Eidgenossenschaft": "f", "Union": "f", "Autonomiebehörde": "f",
    "Staaten": "pl", "Emirate": "pl", "Inseln": "pl",
    "Königreich": "n", "Großherzogtum": "n", "Fürstentum": "n", "Sultanat": "n", "Emirat": "n",
    "Staat": "m", "Stuhl": "m", "Bund": "m",
}
PLURAL_DATIVE = {"Emirate": "Emiraten"}
# The loader adds no genitive to multi-word names: des Vereinigten Königreichs is listed.
GENITIVE_HEAD = {"Königreich": "Königreichs", "Stuhl": "Stuhls", "Staat": "Staates",
                 "Emirat": "Emirats", "Bund": "Bundes"}


def split(spec: str | None) -> list[str]:
    return [s.strip() for s in (spec or "").split(";") if s.strip()]


def german_inflections(name: str) -> list[str]:
    """Adjective forms after an article: Russische Föderation -> Russischen Föderation."""
    words = name.split()
    head = next((i for i, w in enumerate(words) if w in HEAD_NOUNS), None)
    if not head:                       # None, or no adjective before the head noun
        return []
    gender = HEAD_NOUNS[words[head]]
    adjs, rest = words[:head], words[head:]
    out = []
    if gender in ("f", "pl"):
        if all(a.endswith("e") for a in adjs):
            out.append(" ".join([a + "n" for a in adjs] + rest))
    elif gender == "n":
        if all(a.endswith("es") for a in adjs):
            out.append(" ".join([a[:-1] for a in adjs] + rest))        # das Vereinigte K.
            out.append(" ".join([a[:-2] + "en" for a in adjs] + rest))  # dem Vereinigten K.
    elif gender == "m":
        if all(a.endswith("er") for a in adjs):
            out.append(" ".join([a[:-1] for a in adjs] + rest))        # der Heilige Stuhl
            out.append(" ".join([a[:-2] + "en" for a in adjs] + rest))  # dem Heiligen Stuhl
    if gender in ("n", "m") and out and words[head] in GENITIVE_HEAD:
        w = out[-1].split()
        w[head] = GENITIVE_HEAD[w[head]]
        out.append(" ".join(w))                                    # des Vereinigten Königreichs
    if gender == "pl" and words[head] in PLURAL_DATIVE:
        extra = []
        for form in out:
            w = form.split()
            w[head] = PLURAL_DATIVE[w[head]]
            extra.append(" ".join(w))
        out += extra
    return [o for o in out if o != name]


def demonyms(spec: str | None) -> list[str]:
    out = []
    for tok in split(spec):
        if tok.startswith("="):
            out.append(tok[1:])
        elif tok.endswith("er"):
            out += [tok, tok + "n", tok + "in", tok + "innen"]
        elif tok.endswith("e"):
            out += [tok, tok + "n", tok[:-1] + "in", tok[:-1] + "innen"]
        else:
            out.append(tok)
    return out


def adj_en(spec: str | None) -> list[str]:
    out = []
    for tok in split(spec):
        if tok.endswith("+"):
            out += [tok[:-1], tok[:-1] + "s"]
        else:
            out.append(tok)
    return out


def with_ss(forms: list[str]) -> list[str]:
    """Swiss spelling: Weißrussland -> Weissrussland."""
    out = []
    for f in forms:
        out.append(f)
        if "ß" in f:
            out.append(f.replace("ß", "ss"))
    return out


ADJ_ENDINGS = ("e", "en", "er", "es", "em")


def genitive(name: str) -> list[str]:
    """The loader's German genitive (actors/gazetteer.py): Russland -> Russlands."""
    if name[-1:] in "sßxz" or not name[-1:].isalpha() or " " in name:
        return []
    return [name + "s"]


def weak_forms(block: dict, weak: list[str]) -> list[str]:
    """Weak forms plus every form the loader derives from them (the loader checks each
    derived form against `weak`): adjective endings, demonym inflection, genitives."""
    out = []
    for w in weak:
        out.append(w)
        if w in block.get("adj_de", []):
            out += [w + e for e in ADJ_ENDINGS]
        if w in block.get("demonym_de", []) and w.endswith(("e", "er")):
            out += [d for d in demonyms(w) if d in block["demonym_de"]]
        if any(w in block.get(k, []) for k in ("de", "capital", "seat")):
            out += genitive(w)
    return uniq(out)


def uniq(xs):
    seen, out = set(), []
    for x in xs:
        if x not in seen and x not in NEVER:
            seen.add(x)
            out.append(x)
    return out


def catalogue_forms(names: list[str]) -> list[str]:
    out = []
    for n in names:
        if not n or ", " in n:
            continue
        n = re.sub(r"^the ", "", n)
        if "(" in n:
            a, b = n.split(" (", 1)
            out += [a.strip(), b.rstrip(")").strip()]
        else:
            out.append(n)
    return out


def build() -> dict:
    de_tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    data = {}
    for code, h in HAND.items():
        kind = h.get("kind", "state")
        c = pycountry.countries.get(alpha_3=code) if kind == "state" else None
        en_base, de_base = [], []
        if c is not None:
            raw = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)]
            raw = [r for r in raw if r]
            en_base = catalogue_forms(raw)
            de_base = catalogue_forms([de_tr.gettext(r) for r in raw])
            drop = DROP.get(code, set())
            en_base = [x for x in en_base if x not in drop]
            de_base = [x for x in de_base if x not in drop]
        en = uniq(en_base + split(h.get("en")))
        de = uniq(de_base + split(h.get("de")))
        de = uniq(with_ss(de + [i for d in de for i in german_inflections(d)]))
        block: dict = {"kind": kind}
        if h.get("wd"):
            block["wikidata"] = f"Q{h['wd']}"
        block["en"] = en
        block["de"] = de
        if h.get("other"):
            block["other"] = uniq(split(h["other"]))
        block["adj_en"] = uniq(adj_en(h.get("adj_en")))
        block["adj_de"] = uniq(with_ss(split(h.get("adj_de"))))
        block["demonym_de"] = uniq(with_ss(demonyms(h.get("dem"))))
        block["capital"] = uniq(with_ss(split(h.get("capital") or h.get("cap"))))
        block["seat"] = uniq(with_ss(split(h.get("seat"))))
        block["weak"] = weak_forms(block, with_ss(split(h.get("weak"))))
        # a weak form must be listed in one of the fields as well (the loader marks a
        # listed form weak when it is in `weak`)
        listed = {f for k, v in block.items() if isinstance(v, list) and k != "weak" for f in v}
        for w in with_ss(split(h.get("weak"))):
            if w not in listed:
                raise SystemExit(f"{code}: weak form {w!r} is not listed in any field")
        data[code] = {k: v for k, v in block.items() if v not in ([], None)}
    return data


HEADER = """\
# States and former states for the actor gazetteer: one block per code.
# Format: see FORMAT.md beside this file. Codes follow the shared ONTOLOGY.md: ISO 3166-1
# alpha-3 for states (XKX for Kosovo, not ISO but common), ISO 3166-3 for SUN, CSK, YUG, DDR.
#
# Sources: English and German official and short names from pycountry (ISO 3166-1 and its
# German translation catalogue); common names, adjectives, German adjective stems,
# demonyms, capitals and seats added by hand and reviewed. Wikidata ids only where known.
# Generated by tools/make_states.py (edit the table there and re-run, or edit here and keep
# the two in step).
#
# Conventions:
# - adj_de holds STEMS (russisch): the loader adds -e -en -er -es -em.
# - German genitives (Russlands) are generated by the loader; the declined forms of
#   names with an adjective (der Russischen Föderation, den Vereinigten Staaten) are listed.
# - Swiss spellings with ss for ß are listed beside the ß form.
# - weak: forms also common as something else (a person name, a US state, an ordinary
#   word in English or German, a city elsewhere); they are listed in their field as well.
# - Left out on purpose: "Kongo"/"Congo" and "Korea" alone (two states each), "kongolesisch",
#   "koreanisch", "dominikanisch"/"Dominican" (two states, and a religious order),
#   "Brüssel" (the EU or NATO: context.yaml), "die Staaten", Jerusalem (contested),
#   German "Island", "Pole", "Ire" (English island, pole, ire to a case-blind matcher:
#   Iceland keeps "Republik Island", isländisch, Isländer), "salomonisch" (Solomonic).
"""

PLAIN = re.compile(r"^[^\W\d_][\w .'’\-ʻ]*$", re.UNICODE)
SPECIAL = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(s: str) -> str:
    if PLAIN.match(s) and s.lower() not in SPECIAL and not s.endswith((" ", ".")) or \
            (PLAIN.match(s) and s.endswith(".") and ": " not in s and s.lower() not in SPECIAL):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow(key: str, items: list[str], width: int = 100) -> list[str]:
    """A flow-style list, wrapped at `width` with continuation lines indented."""
    lines, cur = [], f"  {key}: ["
    for i, x in enumerate(items):
        piece = scalar(x) + ("]" if i == len(items) - 1 else ",")
        if len(cur) + 1 + len(piece) > width and not cur.endswith("["):
            lines.append(cur)
            cur = "      " + piece
        else:
            cur += ("" if cur.endswith("[") else " ") + piece
    lines.append(cur)
    return lines


def dump(data: dict) -> str:
    lines = [HEADER]
    for code, block in data.items():
        lines.append(f"{code}:")
        for k, v in block.items():
            if isinstance(v, list):
                lines += flow(k, v)
            else:
                lines.append(f"  {k}: {scalar(v)}")
        lines.append("")
    return "\n".join(lines)


TOKEN = re.compile(r"[^\W_]+", re.UNICODE)          # as in actors/gazetteer.py
FORMER = {"SUN", "CSK", "YUG", "DDR"}


def surface_forms(block: dict):
    """(form, field) pairs as the loader derives them from one block."""
    for f in ("en", "de", "other"):
        for n in block.get(f, []):
            yield n, f
            if f == "de":
                for g in genitive(n):
                    yield g, f
    for a in block.get("adj_en", []):
        yield a, "adj_en"
    for st in block.get("adj_de", []):
        for e in ("",) + ADJ_ENDINGS:
            yield st + e, "adj_de"
    for d in block.get("demonym_de", []):
        yield d, "demonym_de"
    for f in ("capital", "seat"):
        for n in block.get(f, []):
            yield n, f
            for g in genitive(n):
                yield g, f


def check(data: dict) -> list[str]:
    problems = []
    owners: dict[tuple, set] = {}
    for code, block in data.items():
        if not re.fullmatch(r"[A-Z]{3}", code):
            problems.append(f"{code}: not a 3-letter code")
        want = "former_state" if code in FORMER else "state"
        if block["kind"] != want:
            problems.append(f"{code}: kind {block['kind']}, expected {want}")
        if code not in FORMER and code != "XKX" and not pycountry.countries.get(alpha_3=code):
            problems.append(f"{code}: not in ISO 3166-1")
        weak = set(block.get("weak", []))
        for form, field in surface_forms(block):
            key = tuple(t.lower() for t in TOKEN.findall(form))
            owners.setdefault(key, set()).add(code)
            if form in NEVER:
                problems.append(f"{code}: {form!r} must not be listed")
        for w in weak:      # forms derived from a weak form must be weak too
            for form, field in surface_forms({k: v for k, v in block.items()
                                              if isinstance(v, list) and w in v}):
                if form.startswith(w) and form not in weak and \
                        any(form == w + e for e in ("s",) + ADJ_ENDINGS):
                    problems.append(f"{code}: derived form {form!r} of weak {w!r} is not weak")
        for st in block.get("adj_de", []):
            if not st.endswith("sch"):
                problems.append(f"{code}: adjective stem {st!r} looks inflected")
    for key, codes in owners.items():
        if len(codes) > 1:
            problems.append(f"{' '.join(key)!r} under {sorted(codes)}")
    n_states = sum(1 for c in data if c not in FORMER)
    if n_states != 193 + 4:
        problems.append(f"{n_states} states, expected 193 UN members + PSE VAT XKX TWN")
    return problems


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    built = build()
    order = sorted(c for c in built if built[c]["kind"] == "state") + \
        sorted(c for c in built if built[c]["kind"] != "state")
    data = {c: built[c] for c in order}
    problems = check(data)
    if problems:
        raise SystemExit("\n".join(problems))
    text = dump(data)
    if yaml.safe_load(text) != data:
        raise SystemExit("YAML round trip differs")
    out.write_text(text, encoding="utf-8")
    print(f"{len(data)} entries -> {out}")


if __name__ == "__main__":
    main()
