#!/usr/bin/env python3
"""Baseline for the import benchmark: read the same official files with pandas, nothing else.

Usage: import_baseline_pandas.py DATA_DIR FILES_JSON

FILES_JSON is the `sources` list of a database built from DATA_DIR (`trellis data status
--format json`): every file the import read, with the worksheets it read. This script reads
each of those files (those sheets of a workbook) into a DataFrame and keeps the frames alive, so
that it does no less reading work than the import does. It parses; it validates nothing and
writes nothing.

Needs pandas and openpyxl (`pip install pandas openpyxl`; xlrd too for `.xls`).
"""

import json
import os
import sys
import time
import warnings

import pandas as pd


def sheets_of(entry):
    sheet = entry.get("sheet")
    if not sheet:
        return None
    return [s.strip() for s in sheet.split(",") if s.strip()]


def read(path, entry):
    name = path.lower()
    if name.endswith((".xlsx", ".xls")):
        sheets = sheets_of(entry)
        engine = "openpyxl" if name.endswith(".xlsx") else "xlrd"
        frames = pd.read_excel(path, sheet_name=sheets if sheets else 0, dtype=str, engine=engine)
        return list(frames.values()) if isinstance(frames, dict) else [frames]
    if name.endswith(".tsv") or name.endswith(".txt"):
        return [pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3)]
    header = "infer"
    if "nem_2018_28" in path.replace("\\", "/"):
        header = None  # the 2018-28 extract has no header row
    return [pd.read_csv(path, dtype=str, keep_default_na=False, header=header,
                        encoding_errors="strict")]


def main():
    # pandas 3 flags its xlrd engine (the one `.xls` file) as deprecated; it still reads.
    warnings.simplefilter("ignore")
    data_dir, files_json = sys.argv[1], sys.argv[2]
    with open(files_json) as f:
        entries = json.load(f)["sources"]
    start = time.perf_counter()
    kept, rows, by_reader = [], 0, {}
    for e in entries:
        t = time.perf_counter()
        frames = read(os.path.join(data_dir, e["path"]), e)
        rows += sum(len(fr) for fr in frames)
        kept.extend(frames)
        by_reader[e["reader"]] = by_reader.get(e["reader"], 0.0) + time.perf_counter() - t
    elapsed = time.perf_counter() - start
    print(f"pandas {pd.__version__}: {len(entries)} files, {rows} rows read in {elapsed:.3f} s")
    for reader, secs in sorted(by_reader.items(), key=lambda kv: -kv[1]):
        print(f"  {reader:<28} {secs * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
