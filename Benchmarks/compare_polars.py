#!/usr/bin/env python3
"""Reference for the csv benchmark: citynet's initiatives-csv pipeline done with Polars.

    python3 Benchmarks/compare_polars.py Benchmarks/.data/initiatives-20MB-seed42.csv --out /tmp/polars.csv

Reads a CSV made by generate_initiatives_csv.py, maps each country spelling to its UNESCO region through the
table below, splits `sdgs` at ";" into goal numbers (a target such as 4.1 or "SDG 11.a" counts for its goal,
and once per initiative), and groups by region x goal: initiatives (count), cities (distinct city) and
beneficiaries (sum; empty adds nothing). Writes region,sdg,initiatives,cities,beneficiaries in citynet's row
order (regions in UNESCO's order, goals by number). It relies on the generator's data: exact country spellings,
city names that are unique after folding, SDG values that are all valid; it is not a general normaliser.

Polars uses every core; the harness reports its CPU time beside its wall time.
"""

import argparse
import sys

import polars as pl

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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("csv", help="an initiatives CSV from generate_initiatives_csv.py")
    parser.add_argument("--out", required=True, help="the table to write (CSV)")
    args = parser.parse_args(argv)

    regions = pl.DataFrame({"country": list(REGIONS), "region": list(REGIONS.values())})
    order = pl.DataFrame({"region": REGION_ORDER, "region_order": list(range(len(REGION_ORDER)))})
    table = (
        pl.scan_csv(args.csv, infer_schema=False, quote_char='"')
        .select("city", "country", "sdgs", "beneficiaries")
        .with_row_index("record")
        .join(regions.lazy(), on="country", how="left")
        .with_columns(
            pl.col("region").fill_null("Unknown"),
            pl.col("beneficiaries").cast(pl.Int64, strict=False),
            pl.col("sdgs").str.split(";").alias("goal"),
        )
        .explode("goal")
        .with_columns(pl.col("goal").str.extract(r"(\d+)", 1).cast(pl.Int64))
        .unique(subset=["record", "region", "goal"])
        .group_by("region", "goal")
        .agg(
            pl.len().alias("initiatives"),
            pl.col("city").drop_nulls().n_unique().alias("cities"),
            pl.col("beneficiaries").sum().alias("beneficiaries"),
        )
        .join(order.lazy(), on="region", how="left")
        .sort(["region_order", "goal"], nulls_last=True)
        .select(
            "region",
            pl.col("goal").cast(pl.String).fill_null("Unknown").alias("sdg"),
            "initiatives",
            "cities",
            "beneficiaries",
        )
        .collect()
    )
    table.write_csv(args.out)
    print(f"polars {pl.__version__}: {table.height} rows written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
