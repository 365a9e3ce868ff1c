#!/usr/bin/env python3
"""Dump an XLSX workbook as JSON for tests, read independently of the code that wrote it.

    xlsx-dump.py cells WORKBOOK   sheets, cells (value, openpyxl data type, number format),
                                  tables, conditional formats, frozen panes, charts and print
                                  setup per sheet,
                                  document properties
    xlsx-dump.py parts WORKBOOK   every part of the zip with the SHA-256 of its bytes, so two
                                  workbooks can be compared part by part
    xlsx-dump.py sheets WORKBOOK  every worksheet part's XML text, for what openpyxl does not
                                  tell (how a cell's text is stored)
    xlsx-dump.py named-xml WORKBOOK  xl/workbook.xml's text (defined names such as print
                                  titles) and each worksheet's XML under "sheet:<name>", for
                                  the page setup exactly as a spreadsheet program reads it

openpyxl reads cells but not charts, so charts are counted from the zip's own parts:
worksheet -> drawing -> chart relationships, and the plot type inside each chart part.
"""
import hashlib
import json
import posixpath
import re
import sys
import zipfile
import datetime

import openpyxl


def cell_value(value):
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return value


def relationships(archive, part):
    folder, name = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", name + ".rels")
    if rels_path not in archive.namelist():
        return []
    xml = archive.read(rels_path).decode("utf-8")
    targets = []
    for match in re.finditer(r"<Relationship [^>]*?/>", xml):
        tag = match.group(0)
        rel_type = re.search(r'Type="([^"]+)"', tag).group(1).rsplit("/", 1)[-1]
        target = re.search(r'Target="([^"]+)"', tag).group(1)
        targets.append((rel_type, posixpath.normpath(posixpath.join(folder, target))))
    return targets


def sheet_parts(archive):
    """Sheet name -> worksheet part, read from xl/workbook.xml and its relationships."""
    workbook = archive.read("xl/workbook.xml").decode("utf-8")
    ids = {}
    for match in re.finditer(r'<Relationship [^>]*?/>', archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")):
        tag = match.group(0)
        ids[re.search(r'Id="([^"]+)"', tag).group(1)] = "xl/" + re.search(r'Target="([^"]+)"', tag).group(1)
    parts = {}
    for match in re.finditer(r"<sheet [^>]*?/>", workbook):
        tag = match.group(0)
        name = re.search(r'name="([^"]*)"', tag).group(1)
        name = name.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
        parts[name] = ids[re.search(r'r:id="([^"]+)"', tag).group(1)]
    return parts


def charts_by_sheet(archive):
    result = {}
    for name, part in sheet_parts(archive).items():
        charts = []
        for rel_type, drawing in relationships(archive, part):
            if rel_type != "drawing":
                continue
            # Each chart's cells in the drawing, by its relationship id: where it starts and ends.
            drawing_xml = archive.read(drawing).decode("utf-8")
            drawing_rels = {}
            rels_part = posixpath.join(posixpath.dirname(drawing), "_rels", posixpath.basename(drawing) + ".rels")
            for match in re.finditer(r'<Relationship [^>]*?/>', archive.read(rels_part).decode("utf-8")):
                tag = match.group(0)
                target = re.search(r'Target="([^"]+)"', tag).group(1)
                drawing_rels[posixpath.normpath(posixpath.join(posixpath.dirname(drawing), target))] = \
                    re.search(r'Id="([^"]+)"', tag).group(1)
            anchors = {}
            for anchor in re.findall(r"<xdr:twoCellAnchor.*?</xdr:twoCellAnchor>", drawing_xml, re.S):
                rid = re.search(r'r:id="([^"]+)"', anchor)
                cells = re.findall(r"<xdr:col>(\d+)</xdr:col>.*?<xdr:row>(\d+)</xdr:row>", anchor, re.S)
                if rid and len(cells) == 2:
                    anchors[rid.group(1)] = {"from_col": int(cells[0][0]), "from_row": int(cells[0][1]),
                                             "to_col": int(cells[1][0]), "to_row": int(cells[1][1])}
            for chart_type, chart in relationships(archive, drawing):
                if chart_type != "chart":
                    continue
                xml = archive.read(chart).decode("utf-8")
                kinds = re.findall(r"<c:(\w+Chart)>", xml)
                charts.append({"part": chart, "plots": kinds,
                               "series": len(re.findall(r"<c:ser>", xml)),
                               "formulas": re.findall(r"<c:f>([^<]*)</c:f>", xml),
                               "anchor": anchors.get(drawing_rels.get(chart), {})})
        result[name] = charts
    return result


def dump_cells(path):
    workbook = openpyxl.load_workbook(path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        chart_parts = sorted(n for n in names if re.fullmatch(r"xl/charts/chart\d+\.xml", n))
        drawing_parts = sorted(n for n in names if re.fullmatch(r"xl/drawings/drawing\d+\.xml", n))
        charts = charts_by_sheet(archive)
    sheets = {}
    for sheet in workbook.worksheets:
        cells = []
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                cells.append({"row": cell.row, "column": cell.column, "type": cell.data_type,
                              "value": cell_value(cell.value), "format": cell.number_format})
        sheets[sheet.title] = {
            "cells": cells,
            "freeze": sheet.freeze_panes,
            "tables": [{"name": table.name, "ref": table.ref,
                        "autofilter": table.autoFilter is not None,
                        "columns": [column.name for column in table.tableColumns]}
                       for table in sheet.tables.values()],
            "conditional_formats": [{"range": str(rng.sqref), "types": [rule.type for rule in rules]}
                                    for rng, rules in sheet.conditional_formatting._cf_rules.items()],
            "column_widths": {key: dim.width for key, dim in sorted(sheet.column_dimensions.items())
                              if dim.width},
            "charts": charts.get(sheet.title, []),
            "print": {
                "orientation": sheet.page_setup.orientation,
                "fit_to_page": bool(sheet.sheet_properties.pageSetUpPr and sheet.sheet_properties.pageSetUpPr.fitToPage),
                "fit_to_width": sheet.page_setup.fitToWidth,
                "fit_to_height": sheet.page_setup.fitToHeight,
                "title_rows": sheet.print_title_rows,
                "header_left": sheet.oddHeader.left.text,
                "header_right": sheet.oddHeader.right.text,
                "footer_center": sheet.oddFooter.center.text,
                "gridlines": bool(sheet.print_options.gridLines),
            },
        }
    properties = workbook.properties
    return {
        "sheet_names": workbook.sheetnames,
        "sheets": sheets,
        "chart_parts": chart_parts,
        "drawing_parts": drawing_parts,
        "properties": {"title": properties.title, "creator": properties.creator,
                       "created": cell_value(properties.created)},
    }


def dump_parts(path):
    with zipfile.ZipFile(path) as archive:
        return {name: hashlib.sha256(archive.read(name)).hexdigest() for name in sorted(archive.namelist())}


def dump_sheet_xml(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name).decode("utf-8") for name in sorted(archive.namelist())
                if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name)}


def dump_named_xml(path):
    with zipfile.ZipFile(path) as archive:
        result = {"xl/workbook.xml": archive.read("xl/workbook.xml").decode("utf-8")}
        for name, part in sheet_parts(archive).items():
            result["sheet:" + name] = archive.read(part).decode("utf-8")
        return result


def main():
    modes = {"cells": dump_cells, "parts": dump_parts, "sheets": dump_sheet_xml, "named-xml": dump_named_xml}
    if len(sys.argv) != 3 or sys.argv[1] not in modes:
        sys.stderr.write(__doc__)
        return 2
    mode, path = sys.argv[1], sys.argv[2]
    result = modes[mode](path)
    json.dump(result, sys.stdout, ensure_ascii=False, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
