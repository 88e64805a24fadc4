"""Reads Canvass's native files back with the readers analysts use and compares every cell with the CSV.

usage: read_back.py CSV_DIR NATIVE_DIR BASE [FREQ_DIR]
  CSV_DIR/BASE.csv        written by `canvass export csv --out-dir`
  NATIVE_DIR/BASE.sav     `export spss` (pyreadstat and pandas.read_spss)
  NATIVE_DIR/BASE.dta     `export stata` (pyreadstat and pandas.read_stata)
  NATIVE_DIR/BOOK.xlsx    `export xlsx` (openpyxl), when given as NATIVE_DIR/BASE.xlsx-sheet:NAME
  FREQ_DIR/COLUMN.csv     `canvass tab freq --csv` of a column: the counts every reader must find
Prints one line per file checked; exits 1 with every difference listed.
"""
import csv, datetime, glob, math, os, re, sys, unicodedata

import pandas
import pyreadstat

csv_dir, native_dir, base = sys.argv[1:4]
freq_dir = sys.argv[4] if len(sys.argv) > 4 else None
problems = []

def needs_guard(s):
    """Canvass's CSV guard: a cell a spreadsheet would run as a formula gets a leading apostrophe."""
    if not s:
        return False
    if s[0] in "\t\r":
        return True
    i = 0
    while i < len(s) and (s[i] in " \u00a0\u3000" or unicodedata.category(s[i]) == "Cf"):
        i += 1
    rest = s[i:]
    return bool(rest) and rest[0] in "=+-@\uff1d\uff0b\uff0d\uff20" and not re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", rest)


def unguarded(cell):
    return cell[1:] if cell.startswith("'") and needs_guard(cell[1:]) else cell


with open(os.path.join(csv_dir, base + ".csv"), encoding="utf-8", newline="") as f:
    rows = [[unguarded(c) for c in row] for row in csv.reader(f)]
header, body = rows[0], rows[1:]


def number(text):
    try:
        return float(text)
    except ValueError:
        return None


def same_number(a, b):
    return a is not None and b is not None and abs(a - b) <= 1e-9 * max(1.0, abs(a))


def stamp(value):
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return None


def compare(tool, r, c, csv_cell, value, specials):
    if tool.endswith(".sav") and isinstance(value, str):
        csv_cell = csv_cell.rstrip(" ")  # SPSS pads strings with spaces: trailing spaces cannot be told apart
    """specials: how the tool shows dk/rf ({'-98': value}), None when the column is text."""
    where = f"{tool}: row {r + 1}, column {header[c]}"
    missing = value is None or (isinstance(value, float) and math.isnan(value)) or value is pandas.NaT
    if csv_cell == "":
        if not (missing or value == ""):
            problems.append(f"{where}: CSV is empty, read {value!r}")
        return
    if specials is not None and csv_cell in specials:
        s = stamp(value)
        if s is not None and s.startswith("1582-10-1"):
            return  # SPSS: dk/rf in a date column are its codes as seconds from 1582-10-14, declared missing
        if value != specials[csv_cell] and not (isinstance(value, float) and same_number(value, number(specials[csv_cell]) if isinstance(specials[csv_cell], str) else specials[csv_cell])):
            problems.append(f"{where}: CSV has the special {csv_cell}, read {value!r}")
        return
    if missing:
        problems.append(f"{where}: CSV has {csv_cell!r}, read a missing value")
        return
    s = stamp(value)
    if s is not None:
        if len(csv_cell) == 10 and s.endswith("T00:00:00"):
            s = s[:10]  # a date that the reader shows as a timestamp (Excel has only date-times)
        if not csv_cell.startswith(s):
            problems.append(f"{where}: CSV has {csv_cell!r}, read {s!r}")
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if not same_number(float(value), number(csv_cell)):
            problems.append(f"{where}: CSV has {csv_cell!r}, read {value!r}")
    elif str(value) != csv_cell:
        problems.append(f"{where}: CSV has {csv_cell!r}, read {value!r}")


def check_frame(tool, frame, special_of):
    if frame.shape[0] != len(body):
        problems.append(f"{tool}: {frame.shape[0]} rows, the CSV has {len(body)}")
        return
    if frame.shape[1] != len(header):
        problems.append(f"{tool}: {frame.shape[1]} columns, the CSV has {len(header)}")
        return
    for c in range(len(header)):
        column = frame.iloc[:, c].tolist()
        specials = special_of(c, frame.columns[c])
        for r, csv_row in enumerate(body):
            compare(tool, r, c, csv_row[c], column[r], specials)


def frequencies(tool, frame, names, text_specials=False):
    """Valid counts per code of each column tabulated by canvass, against the tool's own value counts."""
    if not freq_dir:
        return
    for path in sorted(glob.glob(os.path.join(freq_dir, "*.csv"))):
        column = os.path.basename(path)[:-4]
        expected = {}
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["statistic"] == "count" and row["row_code"] and not row["row_code"].startswith("-9") and int(row["value"]) > 0:
                    expected[row["row_code"]] = int(row["value"])
        name = names[header.index(column)]
        found = {}
        for v in frame[name].tolist():
            if v is None or v == "" or (isinstance(v, float) and math.isnan(v)):
                continue
            if text_specials and v in ("-98", "-99"):
                continue  # Stata labels numbers only: a text code column keeps dk/rf as their codes
            key = str(int(v)) if isinstance(v, float) and v == int(v) else str(v)
            found[key] = found.get(key, 0) + 1
        if found != expected:
            problems.append(f"{tool}: frequencies of {column}: read {found}, canvass tab freq has {expected}")


sav = os.path.join(native_dir, base + ".sav")
if os.path.exists(sav):
    # user-missing kept: dk/rf come back as their codes, declared missing
    frame, meta = pyreadstat.read_sav(sav, user_missing=True)
    check_frame("pyreadstat .sav", frame, lambda c, n: {code: number(code) if meta.readstat_variable_types[n] == "double" else code for code in ("-98", "-99")})
    # default reading: user-missing become missing, as in SPSS's own statistics
    plain, _ = pyreadstat.read_sav(sav)
    frequencies("pyreadstat .sav", plain, list(plain.columns))
    for name, ranges in meta.missing_ranges.items():
        if all(isinstance(r["lo"], float) for r in ranges) and sorted(r["lo"] for r in ranges) != [-99.0, -98.0]:
            problems.append(f"pyreadstat .sav: {name} declares missing {ranges}")
    pd_frame = pandas.read_spss(sav, convert_categoricals=False)
    if pd_frame.shape != (len(body), len(header)):
        problems.append(f"pandas.read_spss: shape {pd_frame.shape}")
    print(f"pyreadstat and pandas read {sav}: {frame.shape[0]} rows, {frame.shape[1]} columns")

dta = os.path.join(native_dir, base + ".dta")
if os.path.exists(dta):
    frame, meta = pyreadstat.read_dta(dta, user_missing=True)
    # Stata: dk/rf in numbers are the extended missing values .d and .r; in text the codes themselves
    check_frame("pyreadstat .dta", frame, lambda c, n: {"-98": "d", "-99": "r"} if meta.readstat_variable_types[n] == "double" else None)
    plain, _ = pyreadstat.read_dta(dta)
    frequencies("pyreadstat .dta", plain, list(plain.columns), text_specials=True)
    pd_frame = pandas.read_stata(dta, convert_categoricals=False)
    if pd_frame.shape != (len(body), len(header)):
        problems.append(f"pandas.read_stata: shape {pd_frame.shape}")
    print(f"pyreadstat and pandas read {dta}: {frame.shape[0]} rows, {frame.shape[1]} columns")

for book in glob.glob(os.path.join(native_dir, "*.xlsx")):
    import openpyxl

    wb = openpyxl.load_workbook(book)
    sheet_name = os.environ.get("SHEET", base)
    ws = wb[sheet_name]
    formulas = sum(1 for s in wb.worksheets for row in s.iter_rows() for cell in row if cell.data_type == "f")
    if formulas:
        problems.append(f"openpyxl: {formulas} formula cells")
    values = [list(r) for r in ws.iter_rows(values_only=True)]
    if [str(v) for v in values[0]] != header:
        problems.append(f"openpyxl: header {values[0]} is not the CSV's {header}")
    frame = pandas.DataFrame(values[1:], columns=range(len(header))) if len(values) > 1 else pandas.DataFrame(columns=range(len(header)))
    check_frame("openpyxl " + sheet_name, frame, lambda c, n: {"-98": "-98", "-99": "-99"})
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.value is not None and not isinstance(cell.value, (str, int, float, datetime.datetime, datetime.date)):
                problems.append(f"openpyxl: {cell.coordinate} has a {type(cell.value)}")
    print(f"openpyxl read {book} sheet {sheet_name}: {len(values) - 1} rows; sheets {wb.sheetnames}; {formulas} formula cells")

if problems:
    print("\n".join(problems[:60]))
    print(f"{len(problems)} differences")
    sys.exit(1)
print("every cell equals the CSV")
