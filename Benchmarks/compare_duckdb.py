#!/usr/bin/env python3
"""Reference for the csv benchmark: citynet's initiatives-csv pipeline done with DuckDB.

    python3 Benchmarks/compare_duckdb.py Benchmarks/.data/initiatives-20MB-seed42.csv --out /tmp/duckdb.csv

Reads a CSV made by generate_initiatives_csv.py, maps each country spelling to its UNESCO region through the
table below, splits `sdgs` at ";" into goal numbers (a target such as 4.1 or "SDG 11.a" counts for its goal,
and once per initiative), and groups by region x goal: initiatives (count), cities (distinct city) and
beneficiaries (sum; empty adds nothing). Writes region,sdg,initiatives,cities,beneficiaries in citynet's row
order (regions in UNESCO's order, goals by number). It relies on the generator's data: exact country spellings,
city names that are unique after folding, SDG values that are all valid; it is not a general normaliser.

DuckDB uses every core; the harness reports its CPU time beside its wall time.
"""

import argparse
import sys

import duckdb

AFRICA = "Africa"
ARAB = "Arab States"
ASIA = "Asia and the Pacific"
EUROPE = "Europe and North America"
LATIN = "Latin America and the Caribbean"
REGION_ORDER = [AFRICA, ARAB, ASIA, EUROPE, LATIN, "Unknown"]

# The spellings generate_initiatives_csv.py writes, and the UNESCO region citynet puts each country in.
REGIONS = {
    "KR": ASIA, "KOR": ASIA, "Republic of Korea": ASIA,
    "CN": ASIA, "China": ASIA,
    "DE": EUROPE, "Germany": EUROPE,
    "FR": EUROPE, "France": EUROPE,
    "BR": LATIN, "Brazil": LATIN,
    "MX": LATIN, "Mexico": LATIN,
    "CO": LATIN, "Colombia": LATIN,
    "EG": ARAB, "Egypt": ARAB,
    "MA": ARAB, "Morocco": ARAB,
    "NG": AFRICA, "Nigeria": AFRICA,
    "KE": AFRICA, "Kenya": AFRICA,
    "ZA": AFRICA, "South Africa": AFRICA,
    "IN": ASIA, "India": ASIA,
    "ID": ASIA, "Indonesia": ASIA,
    "VN": ASIA, "Viet Nam": ASIA,
    "TR": EUROPE, "Türkiye": EUROPE,
    "GB": EUROPE, "United Kingdom": EUROPE,
    "US": EUROPE, "United States": EUROPE,
    "CA": EUROPE, "Canada": EUROPE,
    "AR": LATIN, "Argentina": LATIN,
    "CL": LATIN, "Chile": LATIN,
    "PE": LATIN, "Peru": LATIN,
    "JO": ARAB, "Jordan": ARAB,
    "SA": ARAB, "Saudi Arabia": ARAB,
    "AE": ARAB, "United Arab Emirates": ARAB,
    "ET": AFRICA, "Ethiopia": AFRICA,
    "GH": AFRICA, "Ghana": AFRICA,
    "SN": AFRICA, "Senegal": AFRICA,
    "IT": EUROPE, "Italy": EUROPE,
    "ES": EUROPE, "Spain": EUROPE,
    "PT": EUROPE, "Portugal": EUROPE,
    "GR": EUROPE, "Greece": EUROPE,
    "UA": EUROPE, "Ukraine": EUROPE,
    "PL": EUROPE, "Poland": EUROPE,
    "SE": EUROPE, "Sweden": EUROPE,
    "FI": EUROPE, "Finland": EUROPE,
    "IE": EUROPE, "Ireland": EUROPE,
    "AU": ASIA, "Australia": ASIA,
    "JP": ASIA, "Japan": ASIA,
    "MY": ASIA, "Malaysia": ASIA,
    "PH": ASIA, "Philippines": ASIA,
    "TH": ASIA, "Thailand": ASIA,
}

QUERY = r"""
WITH records AS (
    SELECT row_number() OVER () AS record, city, country, sdgs, TRY_CAST(beneficiaries AS BIGINT) AS beneficiaries
    FROM read_csv($path, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"',
                  strict_mode = true)
),
goals AS (
    SELECT DISTINCT r.record, r.city, coalesce(m.region, 'Unknown') AS region, r.beneficiaries,
           TRY_CAST(regexp_extract(g.value, '(\d+)', 1) AS INTEGER) AS goal
    FROM records r
    LEFT JOIN regions m ON m.country = r.country
    CROSS JOIN unnest(string_split(coalesce(r.sdgs, ''), ';')) AS g(value)
)
SELECT region, coalesce(CAST(goal AS VARCHAR), 'Unknown') AS sdg, count(*) AS initiatives,
       count(DISTINCT city) AS cities, coalesce(sum(beneficiaries), 0) AS beneficiaries
FROM goals JOIN region_order USING (region)
GROUP BY region, goal, position
ORDER BY position, goal NULLS LAST
"""


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", help="an initiatives CSV from generate_initiatives_csv.py")
    parser.add_argument("--out", required=True, help="the table to write (CSV)")
    args = parser.parse_args(argv)

    con = duckdb.connect()
    con.execute("CREATE TEMP TABLE regions (country VARCHAR, region VARCHAR)")
    con.executemany("INSERT INTO regions VALUES (?, ?)", list(REGIONS.items()))
    con.execute("CREATE TEMP TABLE region_order (region VARCHAR, position INTEGER)")
    con.executemany("INSERT INTO region_order VALUES (?, ?)", [(r, i) for i, r in enumerate(REGION_ORDER)])
    rows = con.execute(QUERY, {"path": args.csv}).fetchall()
    with open(args.out, "w", encoding="utf-8", newline="") as handle:
        handle.write("region,sdg,initiatives,cities,beneficiaries\n")
        for region, sdg, initiatives, cities, beneficiaries in rows:
            handle.write(f"{region},{sdg},{initiatives},{cities},{beneficiaries}\n")
    print(f"duckdb {duckdb.__version__}: {len(rows)} rows written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
