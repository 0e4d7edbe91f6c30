#!/usr/bin/python3
"""Writes testdata/datasets/insteval.csv, a slice of lme4's InstEval lecture evaluations.

InstEval (R package lme4, GPL >= 2) holds 73,421 ratings (1 = poor to 5 = very good) that 2,972
anonymised ETH Zurich students (column s) gave the lectures of 1,128 lecturers (column d). This
script takes the 40 students with the most ratings (ties to the lower id) and the lecturers
whom at least 10 of them rated, and writes their ratings as (user, item, rating) triples with
users and items numbered from 0 in the order of the original ids, which are kept in the
columns student and lecturer.

Run with Debian's python3 and python3-rdata (apt-get install python3-rdata), in a folder
holding Debian's r-cran-lme4 1.1-31-1 package file (apt-get download r-cran-lme4):

    /usr/bin/python3 insteval_slice.py r-cran-lme4_1.1-31-1_amd64.deb ../../../testdata/datasets/insteval.csv
"""
import gzip
import subprocess
import sys
import tempfile
import zlib

import pandas as pd
import rdata

DATA = "usr/lib/R/site-library/lme4/data/"


def lazyload(rdx, rdb, name):
    """Reads one object of an R lazy-load database (data/Rdata.rdx and Rdata.rdb)."""
    index = rdata.conversion.convert(rdata.parser.parse_data(b"RDX3\n" + gzip.decompress(rdx)))
    off, length = index["variables"][name]
    blob = rdb[int(off):int(off + length)]
    raw = zlib.decompress(blob[4:])  # 4 bytes of length, then zlib
    return rdata.conversion.convert(rdata.parser.parse_data(b"RDX3\n" + raw))


def main(deb, out):
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", deb, tmp], check=True)
        rdx = open(f"{tmp}/{DATA}Rdata.rdx", "rb").read()
        rdb = open(f"{tmp}/{DATA}Rdata.rdb", "rb").read()
    df = lazyload(rdx, rdb, "InstEval")
    df["s"] = df.s.astype(str).astype(int)
    df["d"] = df.d.astype(str).astype(int)
    assert len(df) == 73421 and not df.duplicated(["s", "d"]).any()
    counts = df.s.value_counts()
    students = sorted(counts.index, key=lambda s: (-counts[s], s))[:40]
    block = df[df.s.isin(students)]
    counts = block.d.value_counts()
    lecturers = sorted(counts[counts >= 10].index)
    block = block[block.d.isin(lecturers)]
    user = {s: u for u, s in enumerate(sorted(students))}
    item = {d: i for i, d in enumerate(lecturers)}
    table = pd.DataFrame({
        "user": block.s.map(user), "item": block.d.map(item), "rating": block.y,
        "student": block.s, "lecturer": block.d,
    }).sort_values(["user", "item"])
    table.to_csv(out, index=False)
    print(f"{len(table)} ratings, {len(students)} users, {len(lecturers)} items, "
          f"{len(table) / (len(students) * len(lecturers)):.3f} of the cells observed")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
