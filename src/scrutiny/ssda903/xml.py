"""Read the DfE XML return (EXPSSDA903) into the same raw tables as the CSV files."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd

from scrutiny import limits
from scrutiny.errors import Problem
from scrutiny.regular_files import open_regular
from scrutiny.ssda903.dataset import schema
from scrutiny.ssda903.raw import RawTable

RENAMES = {"CHILDID": "CHILD", "PL": "PLACE"}
# Repeated groups inside HEADER, and the table each one feeds.
GROUPS = {
    "AREVIEW": "reviews",
    "AMISSING": "missing",
    "OC2": "oc2",
    "PERMANENCE": "prev_perm",
    "AD_PLACED": "placed_adoption",
}
HEADER_FIELDS = {
    "ad1": ["DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"],
    "oc3": ["IN_TOUCH", "ACTIV", "ACCOM"],
}


def fields(element: ET.Element) -> dict[str, str]:
    return {RENAMES.get(c.tag, c.tag): (c.text or "").strip() for c in element if len(c) == 0}


def read_xml(path: Path, year: int | None) -> tuple[list[RawTable], list[Problem]]:
    rows: dict[str, list[dict]] = {name: [] for name in schema()["tables"]}
    record = elements = 0
    try:
        with open_regular(path, limits.TABLE_BYTES, "the XML file") as stream:
            for _, element in ET.iterparse(stream, events=("end",)):
                elements += 1  # those of the CHILD being read, held until its end
                limits.check(
                    path, "a CHILD's number of elements", elements, limits.XML_CHILD_ELEMENTS
                )
                if element.tag != "CHILD":
                    continue
                record += 1
                collect_child(element, record, rows)
                element.clear()
                elements = 0
                found = sum(map(len, rows.values()))
                limits.check(path, "the number of rows it holds", found, limits.TABLE_ROWS)
    except ET.ParseError as error:
        line = error.position[0] if error.position else None
        return [], [
            Problem("malformed-xml", f"XML does not parse: {error}", file=str(path), row=line)
        ]
    if record == 0:
        return [], [Problem("empty-file", "no CHILD elements in the XML", file=str(path))]
    tables = []
    for name, found in rows.items():
        if not found:
            continue
        columns = schema()["tables"][name]["columns"]
        frame = pd.DataFrame(found, dtype=object).reindex(columns=[*columns, "_record"])
        frame = frame.astype(object).fillna("")
        frame.index = frame.pop("_record").astype(int).rename(None)
        tables.append(RawTable(name, frame, str(path), year, row_kind="record"))
    return tables, []


def collect_child(child: ET.Element, record: int, rows: dict[str, list[dict]]) -> None:
    header = child.find("HEADER")
    head = fields(header) if header is not None else {}
    ident = {"CHILD": head.get("CHILD", ""), "DOB": head.get("DOB", ""), "_record": record}
    rows["header"].append({**head, "_record": record})
    if header is not None:
        for group, table in GROUPS.items():
            for element in header.iter(group):
                rows[table].append({**ident, **fields(element)})
        for table, names in HEADER_FIELDS.items():
            if any(head.get(n) for n in names):
                rows[table].append({**ident, **{n: head.get(n, "") for n in names}})
        uasc = header.find("UASC")
        if uasc is not None and len(uasc):
            rows["uasc"].append({**ident, "SEX": head.get("SEX", ""), **fields(uasc)})
    for episode in child.iter("EPISODE"):
        rows["episodes"].append({"CHILD": ident["CHILD"], **fields(episode), "_record": record})
