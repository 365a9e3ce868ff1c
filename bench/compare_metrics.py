#!/usr/bin/env python3
"""Compares two metrics.csv, pages.csv or campaigns.csv files (SPEC 4, 4.1 and 7) cell by cell.

Usage: python3 bench/compare_metrics.py A.csv B.csv

Prints every differing cell as its key, column and both values, rows present in only
one file, and a header mismatch; exits 1 on any difference, 0 when the files agree, 2 when
a file cannot be read. Rows are matched by their key columns, those before `sessions`
((week, source) in metrics.csv, (week, landing_page) in pages.csv, the week and the three
utm values in campaigns.csv), so a difference in row order is reported separately from a
difference in values.
"""
import csv
import sys


def read_metrics(path):
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows:
        raise ValueError(f"{path} is empty")
    header, body = rows[0], rows[1:]
    key_count = header.index("sessions") if "sessions" in header else 2
    keyed = {}
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise ValueError(f"{path} line {number}: {len(row)} cells, header has {len(header)}")
        key = tuple(row[:key_count])
        if key in keyed:
            raise ValueError(f"{path} line {number}: key {key!r} appears twice")
        keyed[key] = dict(zip(header, row))
    return header[:key_count], header, [tuple(row[:key_count]) for row in body], keyed


def compare(path_a, path_b, out=sys.stdout):
    """Writes the differences to `out` and returns how many there are."""
    keys_a, header_a, order_a, rows_a = read_metrics(path_a)
    _, header_b, order_b, rows_b = read_metrics(path_b)
    differences = 0
    if header_a != header_b:
        print(f"header differs:\n  A: {','.join(header_a)}\n  B: {','.join(header_b)}", file=out)
        differences += 1
    columns = [column for column in header_a if column in header_b and column not in keys_a]
    for key in sorted(set(rows_a) | set(rows_b)):
        name = " ".join(repr(part) for part in key)
        if key not in rows_b:
            print(f"{name}: only in A", file=out)
            differences += 1
            continue
        if key not in rows_a:
            print(f"{name}: only in B", file=out)
            differences += 1
            continue
        for column in columns:
            a, b = rows_a[key][column], rows_b[key][column]
            if a != b:
                print(f"{name} {column}: A={a!r} B={b!r}", file=out)
                differences += 1
    shared = set(rows_a) & set(rows_b)
    if [k for k in order_a if k in shared] != [k for k in order_b if k in shared]:
        print("the rows shared by both files are in a different order", file=out)
        differences += 1
    return differences


def main(arguments):
    if len(arguments) != 2:
        print("usage: compare_metrics.py A.csv B.csv", file=sys.stderr)
        return 2
    try:
        differences = compare(*arguments)
    except (OSError, ValueError, csv.Error) as error:
        print(f"compare_metrics: {error}", file=sys.stderr)
        return 2
    if differences:
        print(f"{differences} difference(s) between {arguments[0]} (A) and {arguments[1]} (B)")
        return 1
    print(f"{arguments[0]} and {arguments[1]} agree cell for cell")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
