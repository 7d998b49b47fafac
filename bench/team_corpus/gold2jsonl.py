#!/usr/bin/env python3
"""Convert the compact gold.txt of this corpus to gold.jsonl and validate it.

usage: python3 gold2jsonl.py gold.txt > gold.jsonl
Line format: SUBJECT RELATION OBJECT [neg] [opt] [mod=..] [time=..] [src=Name_With_Underscores] [goods=a,b]
Defaults: polarity pos, modality asserted (mod=null leaves it unjudged), time/source null, goods [].
"""
import json
import re
import sys

RELATIONS = {"MEMBER_OF", "LEFT", "OBSERVER_OF", "ALIGN", "DISTANCE", "MEET",
             "COOPERATE_MILITARY", "COOPERATE_ECONOMIC", "SUPPORT", "REQUEST_AID",
             "DEPLOY_FORCES", "SUPPLY", "GUARANTEE", "DEPEND_ON", "CRITICIZE",
             "THREATEN", "CONFLICT", "SANCTION", "RECOGNIZE"}
GOODS = {"weapons", "ammunition", "drones", "military_equipment", "spare_parts",
         "dual_use", "raw_materials", "energy", "other"}
ORGS = {"CSTO", "SCO", "NATO", "EU", "UN", "BRICS", "EAEU", "CIS", "WARSAW_PACT", "ASEAN", "AU",
        "OSCE", "G7", "G20", "WEST", "WAGNER", "DPR", "LPR", "TALIBAN", "HAMAS", "HEZBOLLAH", "HOUTHIS"}
# ISO 3166-1 alpha-3 codes used in this corpus (plus ISO 3166-3 SUN and XKX for Kosovo); extend when needed
ISO = set("""AFG ARE ARG ARM AZE BFA BLR BRA CHN DEU EGY ETH FRA GBR GEO HUN IND IRN IRQ ISR JPN KAZ
KGZ KOR LBY LTU MLI NER PAK POL PRK RUS SAU SRB SYR TJK TUR TWN UKR USA UZB ZAF SUN XKX""".split())
CODES = ORGS | ISO
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def fail(n, msg):
    sys.exit(f"gold.txt:{n}: {msg}")


def main(path):
    docs, cur = [], None
    for n, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = raw.split("  #")[0].rstrip() if not raw.startswith("#") else raw.rstrip()
        if not line.strip():
            continue
        if line.startswith("# doc "):
            cur = {"doc": line[6:].strip(), "date": None, "actors": [], "claims": []}
            docs.append(cur)
            continue
        if line.startswith("#"):
            continue
        if line.startswith("date:"):
            v = line[5:].strip()
            if v != "null" and not DATE.match(v):
                fail(n, f"bad date {v}")
            cur["date"] = None if v == "null" else v
            continue
        if line.startswith("actors:"):
            acts = line[7:].split()
            for a in acts:
                if a not in CODES:
                    fail(n, f"unknown actor code {a}")
            if len(set(acts)) != len(acts):
                fail(n, "duplicate actor")
            cur["actors"] = sorted(acts)
            continue
        t = line.split()
        s, r, o = t[:3]
        if r not in RELATIONS:
            fail(n, f"unknown relation {r}")
        for c in (s, o):
            if c not in CODES:
                fail(n, f"unknown code {c}")
            if c not in cur["actors"]:
                fail(n, f"{c} not in actors of {cur['doc']}")
        claim = {"subject": s, "relation": r, "object": o, "polarity": "pos",
                 "modality": "asserted", "time": None, "source": None, "goods": [],
                 "optional": False}
        for x in t[3:]:
            if x == "neg":
                claim["polarity"] = "neg"
            elif x == "opt":
                claim["optional"] = True
            elif x.startswith("mod="):
                v = x[4:]
                if v not in ("asserted", "reported", "possible", "null"):
                    fail(n, f"bad modality {v}")
                claim["modality"] = None if v == "null" else v
            elif x.startswith("time="):
                if not DATE.match(x[5:]):
                    fail(n, f"bad time {x}")
                claim["time"] = x[5:]
            elif x.startswith("src="):
                claim["source"] = x[4:].replace("_", " ")
            elif x.startswith("goods="):
                g = x[6:].split(",")
                if not set(g) <= GOODS:
                    fail(n, f"bad goods {g}")
                if r != "SUPPLY":
                    fail(n, "goods only for SUPPLY")
                claim["goods"] = g
            else:
                fail(n, f"unknown token {x}")
        cur["claims"].append(claim)
    seen = set()
    for d in docs:
        if d["doc"] in seen:
            sys.exit(f"duplicate doc {d['doc']}")
        seen.add(d["doc"])
        print(json.dumps(d, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
