#!/usr/bin/env python3
"""Generate a synthetic IATI 2.03 activity file for citynet's benchmarks.

The output is deterministic: the same arguments give the same bytes, on any machine and Python 3 version
(only `random.Random(seed).random()` is used, never hash order, the clock or the locale). It is written as
a stream, one activity at a time, so any size takes constant memory.

    python3 Benchmarks/generate_iati.py --megabytes 20 --out Benchmarks/.data/iati-20MB.xml
    python3 Benchmarks/generate_iati.py --activities 5000 --seed 7 --out /tmp/iati.xml

Each <iati-activity> is shaped like a real IATI 2.03 activity (see the IATI annotated example): identifier,
reporting-org (a pool of ~300 organisations), title, description (sometimes with &amp; and a CDATA section),
participating-org, activity-status, activity-date type 1 (always) and 2 (~70 %), 1-3 recipient-country codes
of real countries, DAC sectors, SDG goals/targets as sector vocabulary 7/8 (~40 %) and tag vocabulary 2/3
(~50 %), 1-3 budgets, 1-5 transactions (whose values are not budgets) and sometimes a result. About 2.5 KB
per activity.

A megabyte here is 1,000,000 bytes; with --megabytes the generator stops after the first activity that reaches
the size (the closing tag follows). The file is written beside its destination and renamed into place, and one
line of JSON (path, bytes, activities, seed, sha256) is printed on stdout.
"""

import argparse
import hashlib
import json
import os
import random
import sys

# ISO 3166-1 alpha-2 codes of real countries, from every world region (IATI recipient countries).
COUNTRIES = (
    # Africa
    "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA "
    "MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW "
    # Americas
    "AR BO BR CL CO CR CU DO EC SV GT HT HN JM MX NI PA PY PE TT UY VE BZ GY SR CA US "
    # Asia
    "AF BD BT KH CN IN ID IR IQ JO KZ KG LA LB MY MV MN MM NP KP PK PS PH LK SY TJ TH TL TM UZ VN YE TR "
    "KR JP SA AE "
    # Europe
    "AL BA BY MD ME MK RS UA XK GE AM AZ DE FR GB IT ES PT PL SE FI IE GR NL "
    # Oceania
    "FJ KI MH FM NR PG WS SB TO TV VU AU NZ"
).split()
COUNTRIES.remove("XK")  # Kosovo has no ISO 3166-1 code

# The suffixes of each goal's targets (the UN's 169 targets).
TARGETS = [
    ["1", "2", "3", "4", "5", "a", "b"],
    ["1", "2", "3", "4", "5", "a", "b", "c"],
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d"],
    ["1", "2", "3", "4", "5", "6", "7", "a", "b", "c"],
    ["1", "2", "3", "4", "5", "6", "a", "b", "c"],
    ["1", "2", "3", "4", "5", "6", "a", "b"],
    ["1", "2", "3", "a", "b"],
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "a", "b"],
    ["1", "2", "3", "4", "5", "a", "b", "c"],
    ["1", "2", "3", "4", "5", "6", "7", "a", "b", "c"],
    ["1", "2", "3", "4", "5", "6", "7", "a", "b", "c"],
    ["1", "2", "3", "4", "5", "6", "7", "8", "a", "b", "c"],
    ["1", "2", "3", "a", "b"],
    ["1", "2", "3", "4", "5", "6", "7", "a", "b", "c"],
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c"],
    ["1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "a", "b"],
    [str(n) for n in range(1, 20)],
]

# DAC 5-digit purpose codes (sector vocabulary 1), education-heavy as learning-city funding is.
DAC_SECTORS = ["11110", "11120", "11130", "11182", "11220", "11230", "11231", "11232", "11240", "11320",
               "11330", "11420", "11430", "12220", "12261", "13020", "14030", "15110", "15150", "15160",
               "15170", "16010", "16020", "16050", "16061", "25010", "31120", "41010", "43030", "43040",
               "43060", "72010", "73010", "74020"]

ORG_PREFIXES = ["XM-DAC-", "GB-CHC-", "GB-COH-", "US-EIN-", "NL-KVK-", "SE-ON-", "CA-CRA_ACR-", "AU-ABN-",
                "ZA-NPO-", "KE-NCB-", "DE-CR-", "FR-RCS-"]
ORG_TYPES = ["10", "15", "21", "22", "40", "60", "70", "80"]
ORG_FIRST = ["Global", "International", "Nordic", "African", "Pacific", "Andean", "Mediterranean", "Asian",
             "European", "Caribbean", "Sahel", "Balkan", "Danube", "Mekong", "Atlantic", "Alpine", "Baltic",
             "Great Lakes", "Himalayan", "Amazon"]
ORG_KIND = ["Foundation", "Alliance", "Fund", "Institute", "Agency", "Network", "Trust", "Council",
            "Partnership", "Centre", "Society", "Association"]
ORG_TOPIC = ["Lifelong Learning", "Education", "Cities", "Literacy", "Skills & Jobs", "Urban Development",
             "Children & Youth", "Health", "Migration", "Sustainable Development", "Digital Inclusion",
             "Women's Empowerment", "Culture", "Peace & Justice", "Water & Sanitation"]

TITLE_VERBS = ["Strengthening", "Expanding", "Improving", "Building", "Supporting", "Scaling up",
               "Promoting", "Developing", "Piloting", "Sustaining"]
TITLE_OBJECTS = ["adult literacy programmes", "community learning centres", "digital skills for youth",
                 "early childhood education", "technical and vocational training", "learning cities",
                 "girls' secondary education", "teacher professional development", "inclusive schools",
                 "skills for green jobs", "refugee education", "municipal education planning",
                 "public libraries", "non-formal education", "health literacy", "water schools"]
TITLE_PLACES = ["in rural districts", "in secondary cities", "in informal settlements", "along the corridor",
                "in coastal towns", "in the capital region", "in border areas", "in post-conflict areas",
                "in refugee-hosting municipalities", "in small island states"]

SENTENCES = [
    "The project works with municipal governments, schools and community organisations to widen access to "
    "quality learning for all ages.",
    "Activities include teacher training, curriculum reform, community outreach and the refurbishment of "
    "learning spaces.",
    "It targets out-of-school youth, adult learners, women and people with disabilities in low-income "
    "neighbourhoods.",
    "Local partners run literacy circles, digital skills workshops and vocational courses linked to the "
    "labour market.",
    "A monitoring framework tracks enrolment, completion and learning outcomes, disaggregated by sex and age.",
    "The programme builds the capacity of city education departments to plan, budget and report on "
    "lifelong learning.",
    "Grants support civil society organisations that reach marginalised groups through non-formal education.",
    "Results feed into national policy dialogue on education and skills development.",
]
AMPERSAND_SENTENCES = [
    "Partners include the Ministry of Education & Training and local Chambers of Commerce & Industry.",
    "The Water, Sanitation & Hygiene component equips schools with safe facilities.",
    "Research & development activities test new approaches to adult learning.",
]
CDATA_SENTENCES = [
    "<![CDATA[Key outputs: <b>community learning centres</b> & mobile libraries (phase 1 < phase 2).]]>",
    "<![CDATA[See the <a href=\"https://example.org/report\">annual report</a> for details & data.]]>",
    "<![CDATA[Budget lines <i>A</i> & <i>B</i> cover training costs.]]>",
]
FRENCH_TITLES = ["Renforcer l'éducation des adultes", "Élargir l'accès à l'apprentissage tout au long de la vie",
                 "Améliorer la qualité de l'éducation de base", "Soutenir les villes apprenantes"]
INDICATORS = ["Number of adult learners completing a literacy course", "Number of teachers trained",
              "Share of girls completing lower secondary school", "Number of community learning centres open",
              "Number of young people with a job six months after training"]


def escape(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.r = self.rng.random
        self.orgs = self.make_orgs(300)

    # Helpers built on random() alone, whose sequence is stable across Python versions.
    def pick(self, seq):
        return seq[int(self.r() * len(seq))]

    def between(self, low, high):
        return low + int(self.r() * (high - low + 1))

    def make_orgs(self, count):
        orgs = []
        refs = set()
        names = set()
        while len(orgs) < count:
            prefix = self.pick(ORG_PREFIXES)
            if prefix == "XM-DAC-":
                ref = prefix + str(self.between(41000, 47999))
            elif prefix == "US-EIN-":
                ref = prefix + "%02d-%07d" % (self.between(10, 99), self.between(0, 9_999_999))
            else:
                ref = prefix + "%08d" % self.between(0, 99_999_999)
            name = "%s %s for %s" % (self.pick(ORG_FIRST), self.pick(ORG_KIND), self.pick(ORG_TOPIC))
            if ref in refs or name in names:
                continue
            refs.add(ref)
            names.add(name)
            orgs.append((ref, self.pick(ORG_TYPES), escape(name)))
        return orgs

    def date(self, year):
        return "%04d-%02d-%02d" % (year, self.between(1, 12), self.between(1, 28))

    def amount(self, low, high):
        return "%.2f" % (low + (high - low) * self.r() ** 3)

    def percentages(self, count):
        if count == 1:
            return [100]
        cuts = sorted(self.between(1, 99) for _ in range(count - 1))
        parts = [b - a for a, b in zip([0] + cuts, cuts + [100])]
        if 0 in parts:
            return [100 // count] * (count - 1) + [100 - (100 // count) * (count - 1)]
        return parts

    def description(self):
        sentences = []
        for _ in range(self.between(1, 3)):
            roll = self.r()
            if roll < 0.12:
                sentences.append(escape(self.pick(AMPERSAND_SENTENCES)))
            elif roll < 0.20:
                sentences.append(self.pick(CDATA_SENTENCES))
            else:
                sentences.append(escape(self.pick(SENTENCES)))
        return " ".join(sentences)

    def activity(self, number):
        r = self.r
        pick = self.pick
        ref, org_type, org_name = pick(self.orgs)
        start_year = self.between(2012, 2024)
        end_year = start_year + self.between(1, 5)
        status = "2" if end_year >= 2025 else pick(["3", "4", "2"])
        out = []
        w = out.append
        w(' <iati-activity last-updated-datetime="%s" xml:lang="en" default-currency="USD" humanitarian="%s" '
          'hierarchy="1">\n' % (self.date(min(end_year, 2024)) + "T00:00:00Z", "1" if r() < 0.1 else "0"))
        w("  <iati-identifier>%s-%07d</iati-identifier>\n" % (ref, number))
        w('  <reporting-org ref="%s" type="%s">\n   <narrative>%s</narrative>\n  </reporting-org>\n'
          % (ref, org_type, org_name))
        title = "%s %s %s" % (pick(TITLE_VERBS), pick(TITLE_OBJECTS), pick(TITLE_PLACES))
        w("  <title>\n   <narrative>%s</narrative>\n" % escape(title))
        if r() < 0.15:
            w('   <narrative xml:lang="fr">%s</narrative>\n' % escape(pick(FRENCH_TITLES)))
        w("  </title>\n")
        w('  <description type="1">\n   <narrative>%s</narrative>\n  </description>\n' % self.description())
        if r() < 0.15:
            w('  <description type="2">\n   <narrative>%s</narrative>\n  </description>\n'
              % escape(pick(SENTENCES)))
        funder_ref, funder_type, funder_name = pick(self.orgs)
        w('  <participating-org ref="%s" role="1" type="%s">\n   <narrative>%s</narrative>\n'
          "  </participating-org>\n" % (funder_ref, funder_type, funder_name))
        w('  <participating-org ref="%s" role="4" type="%s" activity-id="%s-%07d">\n'
          "   <narrative>%s</narrative>\n  </participating-org>\n" % (ref, org_type, ref, number, org_name))
        w('  <activity-status code="%s"/>\n' % status)
        w('  <activity-date iso-date="%s" type="1"/>\n' % self.date(start_year))
        if r() < 0.7:
            w('  <activity-date iso-date="%s" type="2"/>\n' % self.date(start_year))
        w('  <activity-date iso-date="%s" type="3"/>\n' % self.date(end_year))
        if status != "2":
            w('  <activity-date iso-date="%s" type="4"/>\n' % self.date(min(end_year, 2024)))
        if r() < 0.25:
            w('  <contact-info type="1">\n   <organisation>\n    <narrative>%s</narrative>\n   </organisation>\n'
              "   <email>info@example.org</email>\n  </contact-info>\n" % org_name)
        w('  <activity-scope code="%s"/>\n' % pick(["3", "4", "4", "5", "6"]))
        count = 1 if r() < 0.7 else self.between(2, 3)
        countries = []
        while len(countries) < count:
            code = pick(COUNTRIES)
            if code not in countries:
                countries.append(code)
        for code, share in zip(countries, self.percentages(count)):
            w('  <recipient-country code="%s" percentage="%d"/>\n' % (code, share))
        count = self.between(1, 3)
        sectors = []
        while len(sectors) < count:
            code = pick(DAC_SECTORS)
            if code not in sectors:
                sectors.append(code)
        for code, share in zip(sectors, self.percentages(count)):
            w('  <sector vocabulary="1" code="%s" percentage="%d"/>\n' % (code, share))
        goal = 4 if r() < 0.45 else self.between(1, 17)
        target = "%d.%s" % (goal, pick(TARGETS[goal - 1]))
        if r() < 0.4:
            if r() < 0.6:
                w('  <sector vocabulary="7" code="%d" percentage="100"/>\n' % goal)
            else:
                w('  <sector vocabulary="8" code="%s" percentage="100"/>\n' % target)
        if r() < 0.5:
            roll = r()
            if roll < 0.4:
                w('  <tag vocabulary="2" code="%d">\n   <narrative>Goal %d</narrative>\n  </tag>\n'
                  % (goal, goal))
            elif roll < 0.7:
                w('  <tag vocabulary="3" code="%s"/>\n' % target)
            else:
                other = self.between(1, 17)
                w('  <tag vocabulary="2" code="%d"/>\n  <tag vocabulary="3" code="%s"/>\n'
                  % (goal, target))
                if other != goal:
                    w('  <tag vocabulary="2" code="%d"/>\n' % other)
        w('  <default-flow-type code="10"/>\n  <default-finance-type code="%s"/>\n'
          '  <default-aid-type code="%s" vocabulary="1"/>\n  <default-tied-status code="5"/>\n'
          % (pick(["110", "110", "410"]), pick(["C01", "B01", "B03", "D02"])))
        roll = r()
        for i in range(1 if roll < 0.4 else 2 if roll < 0.75 else 3):
            year = start_year + i
            w('  <budget type="1" status="%s">\n   <period-start iso-date="%d-01-01"/>\n'
              '   <period-end iso-date="%d-12-31"/>\n'
              '   <value currency="USD" value-date="%d-01-01">%s</value>\n  </budget>\n'
              % ("2" if year < 2024 else "1", year, year, year, self.amount(5_000, 5_000_000)))
        roll = r()
        transactions = 1 if roll < 0.35 else 2 if roll < 0.65 else 3 if roll < 0.85 else 4 if roll < 0.95 else 5
        for i in range(transactions):
            kind = pick(["1", "2", "3", "3", "4"])
            day = self.date(start_year + i // 2)
            w('  <transaction>\n   <transaction-type code="%s"/>\n   <transaction-date iso-date="%s"/>\n'
              '   <value currency="USD" value-date="%s">%s</value>\n' % (kind, day, day, self.amount(500, 2_000_000)))
            if r() < 0.3:
                w("   <description>\n    <narrative>%s</narrative>\n   </description>\n"
                  % pick(["Disbursement", "Quarterly disbursement", "Expenditure on training",
                          "Commitment &amp; grant agreement", "Incoming funds"]))
            if r() < 0.5:
                w('   <provider-org ref="%s" type="%s">\n    <narrative>%s</narrative>\n   </provider-org>\n'
                  % (funder_ref, funder_type, funder_name))
            if r() < 0.3:
                w('   <receiver-org ref="%s" type="%s">\n    <narrative>%s</narrative>\n   </receiver-org>\n'
                  % (ref, org_type, org_name))
            w("  </transaction>\n")
        if r() < 0.15:
            baseline = self.between(0, 500)
            w('  <result type="1" aggregation-status="1">\n   <title>\n    <narrative>Outcome %d</narrative>\n'
              '   </title>\n   <indicator measure="1" ascending="1">\n    <title>\n     <narrative>%s</narrative>\n'
              '    </title>\n    <baseline year="%d" iso-date="%d-01-01" value="%d"/>\n    <period>\n'
              '     <period-start iso-date="%d-01-01"/>\n     <period-end iso-date="%d-12-31"/>\n'
              '     <target value="%d"/>\n     <actual value="%d"/>\n    </period>\n   </indicator>\n'
              "  </result>\n" % (self.between(1, 3), escape(pick(INDICATORS)), start_year, start_year,
                                 baseline, start_year, start_year, baseline + self.between(10, 1000),
                                 baseline + self.between(0, 900)))
        w(" </iati-activity>\n")
        return "".join(out)


def generate(out, seed, activities=None, megabytes=None):
    """Writes the XML and returns (bytes, activities, sha256)."""
    limit = None if megabytes is None else int(megabytes * 1_000_000)
    generator = Generator(seed)
    digest = hashlib.sha256()
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    temporary = out + ".tmp"
    head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            "<!-- Synthetic IATI 2.03 activities for citynet's benchmarks (Benchmarks/generate_iati.py, seed %d). "
            "No real organisation or activity is meant. -->\n"
            '<iati-activities version="2.03" generated-datetime="2024-01-01T00:00:00Z">\n' % seed).encode("utf-8")
    tail = b"</iati-activities>\n"
    count = 0
    size = len(head)
    with open(temporary, "wb") as handle:
        handle.write(head)
        digest.update(head)
        buffer = []
        buffered = 0
        while True:
            if activities is not None and count >= activities:
                break
            if limit is not None and size + len(tail) >= limit:
                break
            count += 1
            data = generator.activity(count).encode("utf-8")
            size += len(data)
            buffer.append(data)
            buffered += len(data)
            if buffered >= 1 << 20:
                chunk = b"".join(buffer)
                handle.write(chunk)
                digest.update(chunk)
                buffer = []
                buffered = 0
        chunk = b"".join(buffer) + tail
        handle.write(chunk)
        digest.update(chunk)
        size += len(tail)
    os.replace(temporary, out)
    return size, count, digest.hexdigest()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--activities", type=int, help="number of activities (0: an empty root)")
    size.add_argument("--megabytes", type=float,
                      help="stop at the first activity reaching this size (1 MB = 10^6 bytes)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--out", required=True, help="the XML file to write")
    args = parser.parse_args(argv)
    if args.activities is not None and args.activities < 0 or args.megabytes is not None and args.megabytes < 0:
        parser.error("sizes must not be negative")
    if args.activities is not None and args.activities > 9_999_999:
        parser.error("at most 9,999,999 activities (identifiers have 7 digits)")
    size, count, sha = generate(args.out, args.seed, activities=args.activities, megabytes=args.megabytes)
    print(json.dumps({"path": args.out, "bytes": size, "activities": count, "seed": args.seed, "sha256": sha}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
