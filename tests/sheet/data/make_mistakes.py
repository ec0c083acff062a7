#!/usr/bin/env python3
"""Writes mistakes.xlsx: a workbook with 20 kinds of mistakes, one of each,
for the error test of `orgflow import sheet` (tests/sheet/test_errors.cpp,
tests/cli/cases/import-sheet-mistakes.case). The XML is written by hand so
that the workbook can hold what a spreadsheet program writes but orgflow's
writer never does: a date-formatted number and an error cell (#N/A).

    python3 make_mistakes.py OUT.xlsx

Each mistake and the cell it is in are listed in MISTAKES below; the tests
expect exactly these 20 messages, in this order.
"""
import sys
import zipfile
from xml.sax.saxutils import escape

MISTAKES = [
    ("model!B2", "format version 3"),
    ("units!J1", "unknown column colour"),
    ("units!F3", "staff 0"),
    ("units!F4", "staff 2.5"),
    ("units!C5", "kind dept"),
    ("units!A6", "id with a space"),
    ("units!A7", "duplicate id"),
    ("units!D8", "a unit that is its own group"),
    ("artifacts!C3", "owner left empty"),
    ("artifacts!D4", "a date"),
    ("flows!C3", "unknown unit"),
    ("flows!I4", "manual maybe"),
    ("flows!J5", "reliability 1.5"),
    ("flows!D6", "carries [unclosed"),
    ("flows!L7", "x- cell that is not JSON"),
    ("handoffs!G2", "an error cell #N/A"),
    ("handoffs!C3", "to equal to from"),
    ("needs!D1", "no artifact column"),
    ("symptoms!H2", "a cell under no column name"),
    ("accepted!A2", "unknown finding code"),
]

# Cells: str = shared string, int/float = number, ("date", serial) =
# number with a date format, ("error", "#N/A") = error cell.
SHEETS = [
    ("model", [["key", "value"], ["orgflow", 3], ["name", "Twenty mistakes"]]),
    ("units", [
        ["id", "name", "kind", "group", "capacity", "staff", "demand", "accepts", "members", "colour"],
        ["sales", "Sales", None, None, "60/w", 4],
        ["finance", "Finance", None, None, None, 0],
        ["marketing", "Marketing", None, None, None, 2.5],
        ["it", "IT", "dept"],
        ["Sales Team", "Sales team"],
        ["sales", "Sales again"],
        ["legal", "Legal", None, "legal"],
    ]),
    ("artifacts", [
        ["id", "name", "owner", "changes", "max_age", "format"],
        ["prices", "Price list", "finance", "30d"],
        ["plan", "Plan"],
        ["leads", "Leads", "sales", ("date", 45322)],
    ]),
    ("flows", [
        ["id", "from", "to", "carries", "channel", "latency", "cadence", "format", "manual", "reliability", "volume",
         "x-note"],
        [None, "finance", "sales", "prices", None, None, None, None, None, None, None, '"checked"'],
        [None, "finance", "nowhere"],
        [None, "finance", "marketing", None, None, None, None, None, "maybe"],
        [None, "sales", "finance", None, None, None, None, None, None, 1.5],
        [None, "sales", "marketing", "[unclosed"],
        [None, "marketing", "sales", None, None, None, None, None, None, None, None, "not json"],
    ]),
    ("handoffs", [
        ["id", "from", "to", "process", "item", "volume", "wait", "context", "returns"],
        [None, "sales", "finance", "order-to-cash", "order", None, ("error", "#N/A")],
        [None, "sales", "sales", "order-to-cash"],
    ]),
    ("needs", [["unit", "max_age", "purpose"], ["marketing", None, "campaigns"]]),
    ("symptoms", [
        ["id", "unit", "description"],
        ["slow", "sales", "Orders are slow", None, None, None, None, "a note"],
    ]),
    ("accepted", [["code", "units", "reason"], ["RISK.NOPE", "sales", "decided in March"]]),
]


def column(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def main(out):
    strings = []

    def shared(s):
        if s not in strings:
            strings.append(s)
        return strings.index(s)

    sheets_xml = []
    for name, rows in SHEETS:
        xml_rows = []
        for r, row in enumerate(rows, start=1):
            cells = []
            for c, v in enumerate(row):
                ref = f"{column(c)}{r}"
                if v is None:
                    continue
                if isinstance(v, str):
                    cells.append(f'<c r="{ref}" t="s"><v>{shared(v)}</v></c>')
                elif isinstance(v, tuple) and v[0] == "date":
                    cells.append(f'<c r="{ref}" s="1"><v>{v[1]}</v></c>')
                elif isinstance(v, tuple) and v[0] == "error":
                    cells.append(f'<c r="{ref}" t="e"><v>{escape(v[1])}</v></c>')
                else:
                    cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            xml_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
        sheets_xml.append(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{"".join(xml_rows)}</sheetData></worksheet>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel_ns = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    pkg = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    workbook = (f'<?xml version="1.0" encoding="UTF-8"?>\n<workbook {ns} {rel_ns}><sheets>' +
                "".join(f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"/>' for i, (n, _) in enumerate(SHEETS)) +
                "</sheets></workbook>")
    rels = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
            "".join(f'<Relationship Id="rId{i + 1}" Type="{pkg}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                    for i in range(len(SHEETS))) +
            f'<Relationship Id="rIdS" Type="{pkg}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rIdT" Type="{pkg}/styles" Target="styles.xml"/></Relationships>')
    styles = (f'<?xml version="1.0" encoding="UTF-8"?>\n<styleSheet {ns}><cellXfs count="2">'
              '<xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>')
    sst = (f'<?xml version="1.0" encoding="UTF-8"?>\n<sst {ns} count="{len(strings)}" uniqueCount="{len(strings)}">' +
           "".join(f'<si><t xml:space="preserve">{escape(s)}</t></si>' for s in strings) + "</sst>")
    root_rels = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                 '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 f'<Relationship Id="rId1" Type="{pkg}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        "".join(f'<Override PartName="/xl/worksheets/sheet{i + 1}.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                for i in range(len(SHEETS))) +
        '<Override PartName="/xl/sharedStrings.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        def add(name, text):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)
        add("[Content_Types].xml", content_types)
        add("_rels/.rels", root_rels)
        add("xl/workbook.xml", workbook)
        add("xl/_rels/workbook.xml.rels", rels)
        add("xl/styles.xml", styles)
        add("xl/sharedStrings.xml", sst)
        for i, x in enumerate(sheets_xml):
            add(f"xl/worksheets/sheet{i + 1}.xml", x)


if __name__ == "__main__":
    main(sys.argv[1])
