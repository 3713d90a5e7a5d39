#!/usr/bin/env python3
"""Generate a synthetic initiatives CSV for citynet's benchmarks.

The output is deterministic: the same arguments give the same bytes, on any machine and Python 3 version
(only `random.Random(seed).random()` is used, never hash order, the clock or the locale).

    python3 Benchmarks/generate_initiatives_csv.py --megabytes 20 --out Benchmarks/.data/initiatives-20MB.csv
    python3 Benchmarks/generate_initiatives_csv.py --rows 1000000 --seed 42 --out /tmp/initiatives.csv

Columns: id,city,country,year,title,sdgs,themes,beneficiaries,summary (UTF-8, LF line ends, RFC 4180 quoting).
About 150 bytes per row. Every value is one citynet accepts: countries are spellings of its built-in table,
SDGs are goals 1-17 and real target codes, years are 2015-2024, beneficiaries are whole numbers or empty.

A megabyte here is 1,000,000 bytes; with --megabytes the generator stops after the first row that reaches
the size. The file is written beside its destination and renamed into place, and one line of JSON
(path, bytes, rows, seed, sha256) is printed on stdout.
"""

import argparse
import bisect
import hashlib
import json
import os
import random
import sys
import unicodedata

HEADER = "id,city,country,year,title,sdgs,themes,beneficiaries,summary"

# The spellings of each country that citynet resolves (ISO alpha-2, alpha-3, names); a city keeps its
# country, each row picks one of its spellings.
COUNTRIES = [
    ["KR", "KOR", "Republic of Korea"],
    ["CN", "China"],
    ["DE", "Germany"],
    ["FR", "France"],
    ["BR", "Brazil"],
    ["MX", "Mexico"],
    ["CO", "Colombia"],
    ["EG", "Egypt"],
    ["MA", "Morocco"],
    ["NG", "Nigeria"],
    ["KE", "Kenya"],
    ["ZA", "South Africa"],
    ["IN", "India"],
    ["ID", "Indonesia"],
    ["VN", "Viet Nam"],
    ["TR", "Türkiye"],
    ["GB", "United Kingdom"],
    ["US", "United States"],
    ["CA", "Canada"],
    ["AR", "Argentina"],
    ["CL", "Chile"],
    ["PE", "Peru"],
    ["JO", "Jordan"],
    ["SA", "Saudi Arabia"],
    ["AE", "United Arab Emirates"],
    ["ET", "Ethiopia"],
    ["GH", "Ghana"],
    ["SN", "Senegal"],
    ["IT", "Italy"],
    ["ES", "Spain"],
    ["PT", "Portugal"],
    ["GR", "Greece"],
    ["UA", "Ukraine"],
    ["PL", "Poland"],
    ["SE", "Sweden"],
    ["FI", "Finland"],
    ["IE", "Ireland"],
    ["AU", "Australia"],
    ["JP", "Japan"],
    ["MY", "Malaysia"],
    ["PH", "Philippines"],
    ["TH", "Thailand"],
]

THEMES = [
    "Inclusion",
    "Lifelong learning",
    "Digital skills",
    "Health and well-being",
    "Literacy",
    "Early childhood",
    "Employment and entrepreneurship",
    "Citizenship and participation",
]

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

# Learning-city initiatives lean to SDG 4, 11 and 8; every goal occurs.
GOAL_WEIGHTS = [2, 1, 4, 30, 5, 1, 1, 10, 2, 5, 14, 2, 4, 1, 1, 3, 4]

ONSETS = ["b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "pr",
          "r", "s", "st", "sh", "t", "tr", "v", "w", "z", "", "", ""]
NUCLEI = ["a", "e", "i", "o", "u", "a", "e", "o", "ia", "ea", "ou", "ai"]
CODAS = ["", "", "", "n", "r", "l", "s", "m", "k", "t", "nd", "rg", "sk"]
ENDINGS = ["", "", "", "", "", "", "", "", "", "", "ville", "burg", "stad", "polis", "pur", "abad", "ton", "field", "holm", "grad",
           "dorf", "mouth", "haven", "iya", "ena", "ara"]
PREFIXES = ["San ", "Santa ", "Nova ", "Port ", "New ", "Puerto ", "Saint-", "Bad ", "Nueva ", "Al "]
REGION_WORDS = ["North", "South", "East", "West", "Upper", "Lower", "Central", "Coast", "Highlands", "Valley"]
# Letters that make a name non-ASCII, replacing the ASCII letter on the left.
ACCENTS = [("e", "é"), ("u", "ü"), ("o", "ø"), ("n", "ñ"), ("c", "ç"), ("s", "ş"), ("a", "ă"), ("a", "á"),
           ("o", "ö"), ("i", "í"), ("e", "è"), ("a", "å"), ("z", "ž"), ("o", "ó"), ("u", "ú")]

TITLE_ADJECTIVES = ["Inclusive", "Green", "Digital", "Community", "Intergenerational", "Open", "Smart",
                    "Resilient", "Creative", "Neighbourhood", "Family", "Youth", "Senior", "Learning", "Urban",
                    "Healthy", "Safe", "Sustainable", "Local", "Migrant", "Women's", "Rural", "Civic",
                    "Cultural", "Mobile"]
TITLE_NOUNS = ["Festival", "Reading Circles", "Skills Hub", "Literacy Drive", "Makerspace", "Study Centres",
               "Network", "Coding Clubs", "Library Days", "Mentoring", "Green Jobs", "Parent School",
               "Story Trails", "Career Guidance", "Health Days", "Citizen Labs", "Heritage Walks", "Media Lab",
               "Second Chance", "Apprenticeships", "Science Cafés", "Language Cafés", "Garden School",
               "Learning Week", "Learning Bus", "Water School", "Arts Workshops", "Civic Academy", "Passport",
               "Book Club", "Repair Café", "Youth Forum", "Play Streets", "Reading Buddies", "Open Campus",
               "Tech Corner", "Job Club", "Town Hall Talks", "Urban Farm", "Music School"]
TITLE_TAILS = ["", "", "", "", "", "", "", "", " for All", " 2.0", " Initiative", " Project", " Pilot", " Plus", " Network",
               " for Refugees", " for Older Adults", " in Schools", " at Work", " Online", " on Wheels"]

SUMMARY_WORDS = (
    "the city runs learning programmes for adults young people families and older residents in libraries "
    "schools parks community centres and online with partners from universities civil society employers "
    "and local government to widen access improve skills reduce inequality and support healthy active and "
    "sustainable lives through workshops courses festivals mentoring volunteering and digital tools that "
    "reach migrants women people with disabilities and learners in low income neighbourhoods"
).split()
QUOTED_WORDS = ["Learning Festival", "open doors", "skills passport", "learning city", "second chance",
                "city as a classroom", "no one left behind"]


def fold(text):
    """A key of letters and digits, like citynet's TextFolding.compactKey (case, accents, punctuation)."""
    extra = {"ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "ß": "ss", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
             "ı": "i", "œ": "oe", "Œ": "oe", "þ": "th", "Þ": "th", "ð": "d", "Ð": "d"}
    out = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.category(ch) == "Mn":
            continue
        ch = extra.get(ch, ch)
        if ch.isalnum():
            out.append(ch.lower())
    return "".join(out)


def csv_field(text):
    """RFC 4180: quote a field that holds a comma, a quote or a line break."""
    if any(c in text for c in ',"\n\r'):
        return '"' + text.replace('"', '""') + '"'
    return text


class Generator:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.r = self.rng.random
        self.cities = self.make_cities(4000)
        self.titles = self.make_titles(2000)
        self.goal_cumulative = []
        total = 0
        for weight in GOAL_WEIGHTS:
            total += weight
            self.goal_cumulative.append(total)

    # Helpers built on random() alone, whose sequence is stable across Python versions.
    def below(self, n):
        return int(self.r() * n)

    def pick(self, seq):
        return seq[int(self.r() * len(seq))]

    def between(self, low, high):
        return low + int(self.r() * (high - low + 1))

    def syllable_name(self):
        syllables = 1 if self.r() < 0.45 else 2 if self.r() < 0.92 else 3
        name = "".join(self.pick(ONSETS) + self.pick(NUCLEI) + self.pick(CODAS) for _ in range(syllables))
        name += self.pick(ENDINGS)
        if len(name) < 4:
            name += self.pick(NUCLEI) + self.pick(CODAS) + "a"
        return name

    def make_cities(self, count):
        """`count` cities, (quoted name, country index), unique after folding, ~15 % non-ASCII."""
        cities = []
        seen = set()
        while len(cities) < count:
            name = self.syllable_name().capitalize()
            roll = self.r()
            if roll < 0.10:
                name = self.pick(PREFIXES) + name
            elif roll < 0.13:
                name = name + "-" + self.syllable_name()
            if self.r() < 0.15:
                ascii_letter, accented = self.pick(ACCENTS)
                positions = [i for i, ch in enumerate(name) if ch == ascii_letter]
                if not positions:
                    name = name + accented
                else:
                    i = self.pick(positions)
                    name = name[:i] + accented + name[i + 1:]
            if self.r() < 0.02:
                name = name + ", " + self.pick(REGION_WORDS)
            key = fold(name)
            if key in seen:
                continue
            seen.add(key)
            cities.append((csv_field(name), self.below(len(COUNTRIES))))
        return cities

    def make_titles(self, count):
        titles = []
        seen = set()
        while len(titles) < count:
            roll = self.r()
            if roll < 0.5:
                title = self.pick(TITLE_ADJECTIVES) + " " + self.pick(TITLE_NOUNS) + self.pick(TITLE_TAILS)
            elif roll < 0.85:
                title = self.pick(TITLE_NOUNS) + self.pick(TITLE_TAILS)
            else:
                title = self.pick(TITLE_ADJECTIVES) + " City: " + self.pick(TITLE_NOUNS)
            if title in seen:
                continue
            seen.add(title)
            titles.append(csv_field(title))
        return titles

    def goal(self):
        return bisect.bisect_right(self.goal_cumulative, self.r() * self.goal_cumulative[-1]) + 1

    def sdgs(self):
        roll = self.r()
        count = 1 if roll < 0.40 else 2 if roll < 0.70 else 3 if roll < 0.90 else 4
        goals = []
        while len(goals) < count:
            goal = self.goal()
            if goal not in goals:
                goals.append(goal)
        parts = []
        for goal in goals:
            form = self.r()
            if form < 0.25:
                parts.append(str(goal))
            elif form < 0.45:
                parts.append("SDG " + str(goal))
            elif form < 0.60:
                parts.append("Goal " + str(goal))
            elif form < 0.85:
                parts.append(str(goal) + "." + self.pick(TARGETS[goal - 1]))
            else:
                parts.append("SDG " + str(goal) + "." + self.pick(TARGETS[goal - 1]))
        return ";".join(parts)

    def themes(self):
        roll = self.r()
        count = 0 if roll < 0.35 else 1 if roll < 0.75 else 2 if roll < 0.94 else 3
        chosen = []
        while len(chosen) < count:
            theme = self.pick(THEMES)
            if theme not in chosen:
                chosen.append(theme)
        return ";".join(chosen)

    def summary(self):
        """40-120 characters of words; ~20 % with a comma, ~3 % with a quoted phrase, ~1 % with a line break."""
        r = self.r
        target = 39 + int(80 * r() ** 8)  # leans to short summaries, as feeds do
        words = []
        size = -1  # the length of " ".join(words); the final text adds a "."
        while size < target:
            word = self.pick(SUMMARY_WORDS)
            if size + 1 + len(word) > 118:
                if size >= 39:
                    break
                continue
            words.append(word)
            size += 1 + len(word)
        if r() < 0.03:
            phrase = '"' + self.pick(QUOTED_WORDS) + '"'
            if size + 1 + len(phrase) <= 118:
                words.insert(self.between(1, len(words) - 1), phrase)
                size += 1 + len(phrase)
        if r() < 0.20 and size + 1 <= 118:
            i = self.between(1, len(words) - 2)
            words[i] = words[i] + ","
            size += 1
        text = " ".join(words)
        text = text[0].upper() + text[1:] + "."
        if r() < 0.01:
            i = text.find(" ", len(text) // 2)
            if i > 0:
                text = text[:i] + "\n" + text[i + 1:]
        return '"' + text.replace('"', '""') + '"'

    def row(self, number):
        r = self.r
        city, country = self.cities[int(len(self.cities) * r() ** 1.5)]
        spelling = self.pick(COUNTRIES[country])
        year = 2015 + self.below(10)
        title = self.pick(self.titles)
        sdgs = self.sdgs()
        themes = self.themes()
        beneficiaries = "" if r() < 0.05 else str(int(10 ** (1 + 4 * r())))
        summary = self.summary()
        return (f"INI-{number:07d},{city},{spelling},{year},{title},{sdgs},{themes},"
                f"{beneficiaries},{summary}\n")


def generate(out, seed, rows=None, megabytes=None):
    """Writes the CSV and returns (bytes, rows, sha256)."""
    limit = None if megabytes is None else int(megabytes * 1_000_000)
    generator = Generator(seed)
    digest = hashlib.sha256()
    directory = os.path.dirname(os.path.abspath(out))
    os.makedirs(directory, exist_ok=True)
    temporary = out + ".tmp"
    size = 0
    count = 0
    with open(temporary, "wb") as handle:
        chunk = [HEADER + "\n"]
        size = len(chunk[0])
        while True:
            if rows is not None and count >= rows:
                break
            if limit is not None and size >= limit:
                break
            count += 1
            line = generator.row(count)
            chunk.append(line)
            size += len(line.encode("utf-8")) if not line.isascii() else len(line)
            if len(chunk) >= 20000:
                data = "".join(chunk).encode("utf-8")
                digest.update(data)
                handle.write(data)
                chunk = []
        data = "".join(chunk).encode("utf-8")
        digest.update(data)
        handle.write(data)
    os.replace(temporary, out)
    return size, count, digest.hexdigest()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--rows", type=int, help="number of data rows (0: header only)")
    size.add_argument("--megabytes", type=float, help="stop at the first row reaching this size (1 MB = 10^6 bytes)")
    parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    parser.add_argument("--out", required=True, help="the CSV file to write")
    args = parser.parse_args(argv)
    if args.rows is not None and args.rows < 0 or args.megabytes is not None and args.megabytes < 0:
        parser.error("sizes must not be negative")
    if args.rows is not None and args.rows > 9_999_999:
        parser.error("at most 9,999,999 rows (ids have 7 digits)")
    size, count, sha = generate(args.out, args.seed, rows=args.rows, megabytes=args.megabytes)
    print(json.dumps({"path": args.out, "bytes": size, "rows": count, "seed": args.seed, "sha256": sha}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
