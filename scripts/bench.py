"""Runs the Canvass benchmarks (see scripts/bench). Every figure is a median of 3 runs, measured
side by side with a reference doing the same work on the same data, on this machine."""
import json, os, platform, re, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CANVASS = os.path.join(ROOT, ".build/release/canvass")
BENCH = os.path.join(ROOT, ".build/release/canvass-bench")
SCHEMA = os.path.join(ROOT, "schemas/firm_case.yaml")
RUNS = 3
work = tempfile.mkdtemp(prefix="canvass-bench-")
rows = []  # (what, n, canvass, reference name, reference, ratio, target, met)

def run(cmd, stdin=None, stdout=subprocess.DEVNULL):
    subprocess.run(cmd, check=True, stdin=stdin, stdout=stdout, stderr=subprocess.PIPE)

def timed(cmd, prepare=None, stdin_path=None):
    times = []
    for _ in range(RUNS):
        if prepare: prepare()
        fin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
        t = time.perf_counter(); run(cmd, stdin=fin); times.append(time.perf_counter() - t)
    return statistics.median(times)

def peak_kb(cmd):
    r = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    return int(r.stderr.strip().splitlines()[-1])

def sql(db, query, mode="-csv", out=None):
    with open(out or os.devnull, "w") as f:
        subprocess.run(["sqlite3", mode, db, query], check=True, stdout=f)

def record(what, n, canvass, ref_name, ref, target, limit):
    ratio = canvass / ref if ref else None
    met = ratio is not None and ratio <= limit
    rows.append((what, n, canvass, ref_name, ref, ratio, target, met))
    print(f"{what:<44} {n:>7}  canvass {canvass:8.3f}  {ref_name:<16} {ref:8.3f}  ratio {ratio:5.2f}  target {target:<8} {'met' if met else 'MISSED'}", flush=True)

CONCERNS = ["csl", "tbt", "market_access", "ip", "subsidy", "procurement", "political", "talent", "finance", "partners", "local_gov"]
TAB_SQL = """SELECT s.value, c.value, count(*) FROM interview i
JOIN answer s ON s.interview_id = i.id AND s.question = 'sector' AND s.value IS NOT NULL
JOIN answer a ON a.interview_id = i.id AND a.question = 'concern_areas' AND a.value IS NOT NULL
JOIN json_each('%s') c ON (' ' || a.value || ' ') LIKE ('%% ' || c.value || ' %%')
WHERE i.status = 'completed' GROUP BY 1, 2 ORDER BY 1, 2;""" % json.dumps(CONCERNS)

def pivot_sql(header):
    cols = ["i.id", "i.key", "q.version", "i.interviewer", "i.started_at", "i.completed_at"]
    for h in header[6:]:
        if "/" in h:
            name, code = h.split("/")
            cols.append(f"max(CASE WHEN a.question = '{name}' THEN CASE a.special WHEN 'dk' THEN '-98' WHEN 'rf' THEN '-99' WHEN 'skip' THEN '' ELSE ((' ' || a.value || ' ') LIKE '% {code} %') END END)")
        else:
            cols.append(f"max(CASE WHEN a.question = '{h}' THEN CASE a.special WHEN 'dk' THEN '-98' WHEN 'rf' THEN '-99' WHEN 'skip' THEN '' ELSE a.value END END)")
    return ("SELECT " + ", ".join(cols) + " FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id "
            "JOIN answer a ON a.interview_id = i.id WHERE i.status = 'completed' GROUP BY i.id ORDER BY i.id;")

PANDAS = r'''
import sqlite3, sys, pandas as pd
db, out = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
df = pd.read_sql("SELECT a.interview_id, a.question, CASE a.special WHEN 'dk' THEN '-98' WHEN 'rf' THEN '-99' WHEN 'skip' THEN '' ELSE a.value END AS v FROM answer a JOIN interview i ON i.id = a.interview_id WHERE i.status = 'completed'", con)
wide = df.pivot(index="interview_id", columns="question", values="v")
meta = pd.read_sql("SELECT i.id AS interview_id, i.key AS KEY, q.version, i.interviewer, i.started_at, i.completed_at FROM interview i JOIN questionnaire_version q ON q.id = i.questionnaire_version_id WHERE i.status = 'completed'", con).set_index("interview_id")
meta.join(wide).to_csv(out)
'''

def main(sizes):
    with open(os.path.join(work, "pandas_export.py"), "w") as f: f.write(PANDAS)
    for n in sizes:
        jsonl = os.path.join(work, f"sim{n}.jsonl")
        t = time.perf_counter(); run([CANVASS, "simulate", SCHEMA, "--count", str(n), "--seed", "1", "--out", jsonl]); sim = time.perf_counter() - t
        print(f"simulate {n}: {sim:.2f} s", flush=True)
        db = os.path.join(work, f"c{n}.db")
        def fresh():
            for s in ["", "-wal", "-shm"]:
                if os.path.exists(db + s): os.remove(db + s)
            run([CANVASS, "schema", "add", SCHEMA, "--db", db])
        t_import = timed([CANVASS, "import", jsonl, "--db", db], prepare=fresh)
        answers = int(subprocess.run(["sqlite3", db, "SELECT count(*) FROM answer"], capture_output=True, text=True).stdout)
        # reference: the same answers as a long CSV, .import into the same table and indexes
        long_csv = os.path.join(work, f"long{n}.csv")
        sql(db, "SELECT interview_id, question, value, special, answered_at FROM answer", out=long_csv)
        empty = os.path.join(work, "empty.db")
        if os.path.exists(empty): os.remove(empty)
        run([CANVASS, "schema", "add", SCHEMA, "--db", empty])
        ref_db = os.path.join(work, f"ref{n}.db")
        def fresh_ref():
            for s in ["", "-wal", "-shm"]:
                if os.path.exists(ref_db + s): os.remove(ref_db + s)
            shutil.copy(empty, ref_db)
        ref_script = os.path.join(work, "ref_import.sql")
        with open(ref_script, "w") as f:
            # CSV has no NULL: stage the text, then insert into the real table (same columns, checks and key)
            f.write(f"PRAGMA synchronous=FULL;\nBEGIN;\nCREATE TEMP TABLE staging (interview_id INTEGER, question TEXT, value TEXT, special TEXT, answered_at TEXT);\n"
                    f".import --csv {long_csv} staging\nINSERT INTO answer (interview_id, question, value, special, answered_at) SELECT interview_id, question, nullif(value, ''), nullif(special, ''), answered_at FROM staging;\nCOMMIT;\n")
        t_ref_import = timed(["sqlite3", ref_db], prepare=fresh_ref, stdin_path=ref_script)
        record(f"import {n} interviews ({answers} answers)", n, t_import, "sqlite3 .import, staged", t_ref_import, "<= 1.5x", 1.5)
        # the direct reference #18 names: .import of the same answers straight into a table of answer's shape
        direct_script = os.path.join(work, "ref_direct.sql")
        with open(direct_script, "w") as f:
            f.write("PRAGMA synchronous=FULL;\nBEGIN;\nCREATE TABLE direct (interview_id INTEGER NOT NULL, question TEXT NOT NULL, value TEXT, "
                    "special TEXT, answered_at TEXT NOT NULL, PRIMARY KEY (interview_id, question)) WITHOUT ROWID;\n"
                    f".import --csv {long_csv} direct\nCOMMIT;\n")
        t_direct = timed(["sqlite3", ref_db], prepare=fresh_ref, stdin_path=direct_script)
        record(f"import {n} interviews ({answers} answers)", n, t_import, "sqlite3 .import, direct", t_direct, "<= 1.5x", 1.5)

        t_tab = timed([CANVASS, "tab", "freq", "firm_case", "concern_areas", "--by", "sector", "--csv", "--db", db])
        t_tab_ref = timed(["sqlite3", "-csv", db, TAB_SQL])
        record("concern areas by sector (tab freq --by)", n, t_tab, "sqlite3 query", t_tab_ref, "<= 1.2x", 1.2)

        out_csv = os.path.join(work, f"wide{n}.csv")
        t_export = timed([CANVASS, "export", "csv", "firm_case", "--db", db, "--out", out_csv])
        with open(out_csv) as f: header = f.readline().strip().split(",")
        pivot = os.path.join(work, "pivot.sql")
        with open(pivot, "w") as f: f.write(".mode csv\n" + pivot_sql(header) + "\n")
        t_export_ref = timed(["sqlite3", db], stdin_path=pivot)
        t_pandas = timed([sys.executable, os.path.join(work, "pandas_export.py"), db, os.path.join(work, "pandas.csv")])
        record("wide CSV export", n, t_export, "sqlite3 pivot", t_export_ref, "<= 2x", 2.0)
        record("wide CSV export", n, t_export, "pandas", t_pandas, "< 1x", 0.999)
        # the files for Stata, SPSS and Excel against the CSV of the same tables (interviews and repeat), same run
        csv_dir = os.path.join(work, f"csv{n}")
        t_csv_all = timed([CANVASS, "export", "csv", "firm_case", "--db", db, "--out-dir", csv_dir])
        for what, cmd in [
            ("Stata .dta (ReadStat)", ["export", "stata", "firm_case", "--out", os.path.join(work, f"dta{n}")]),
            ("SPSS .sav (ReadStat)", ["export", "spss", "firm_case", "--out", os.path.join(work, f"sav{n}")]),
            ("Excel .xlsx (libxlsxwriter)", ["export", "xlsx", "firm_case", "--out", os.path.join(work, f"book{n}.xlsx")]),
        ]:
            t_native = timed([CANVASS] + cmd + ["--db", db])
            record(f"{what} export", n, t_native, "export csv --out-dir", t_csv_all, "<= 2x", 2.0)
            mem_native = peak_kb([CANVASS] + cmd + ["--db", db])
            rows.append((f"peak memory {what} export (MB)", n, mem_native / 1024, None, None, None, "< 64 MB, flat", mem_native < 64 * 1024))
            print(f"{what} {n}: {t_native:.2f} s vs csv {t_csv_all:.2f} s, {mem_native/1024:.1f} MB", flush=True)
        mem_export = peak_kb([CANVASS, "export", "csv", "firm_case", "--db", db, "--out", out_csv])
        mem_tab = peak_kb([CANVASS, "tab", "freq", "firm_case", "concern_areas", "--by", "sector", "--db", db])
        mem_import = peak_kb([CANVASS, "import", jsonl, "--db", empty + ".mem"]) if run([CANVASS, "schema", "add", SCHEMA, "--db", empty + ".mem"]) is None else 0
        os.remove(empty + ".mem")
        rows.append((f"peak memory export / tab (MB)", n, (mem_export / 1024, mem_tab / 1024), None, None, None, "< 64 MB, flat", max(mem_export, mem_tab) < 64 * 1024))
        # import has no memory target: it keeps the file's interview keys to refuse duplicates, so it grows with N
        rows.append((f"peak memory import (MB), for information", n, mem_import / 1024, None, None, None, "", True))
        print(f"peak memory {n}: export {mem_export/1024:.1f} MB, tab {mem_tab/1024:.1f} MB, import {mem_import/1024:.1f} MB", flush=True)

    # durable save of one answer, p50/p99 over 10,000 answers
    results = [json.loads(subprocess.run([BENCH, "10000"], capture_output=True, text=True, check=True).stdout) for _ in range(RUNS)]
    med = {k: statistics.median(r[k] for r in results) for k in results[0]}
    ratio50 = med["canvass_p50_ms"] / med["bare_p50_ms"]; ratio99 = med["canvass_p99_ms"] / med["bare_p99_ms"]
    met = med["canvass_p99_ms"] <= 5 and ratio99 <= 1.5
    rows.append(("durable save of one answer (ms) p50 / p99", 10000, (med["canvass_p50_ms"], med["canvass_p99_ms"]), "bare insert+commit", (med["bare_p50_ms"], med["bare_p99_ms"]), (ratio50, ratio99), "p99 <= 5 ms, <= 1.5x", met))
    print(f"durable save: canvass p50 {med['canvass_p50_ms']:.3f} p99 {med['canvass_p99_ms']:.3f} ms; bare p50 {med['bare_p50_ms']:.3f} p99 {med['bare_p99_ms']:.3f} ms", flush=True)

    # a 2,000-question questionnaire: schema check and time to the first prompt
    big = os.path.join(work, "big.yaml")
    with open(big, "w") as f:
        f.write("questionnaire: big\nversion: '1'\nlanguages: [ko, en]\nchoice_lists:\n  yn5: [{code: a, label: A}, {code: b, label: B}, {code: c, label: C}]\nsections:\n")
        for s in range(40):
            f.write(f"  - name: s{s}\n    title: {{ko: 섹션 {s}, en: Section {s}}}\n    questions:\n")
            for q in range(50):
                i = s * 50 + q
                rel = f', relevant: "${{q{i-1}}} != \'b\'"' if i % 7 == 3 else ""
                typ = "select_one, choices: yn5" if i % 3 == 0 else "integer, constraint: \". >= 0\"" if i % 3 == 1 else "text"
                f.write(f"      - {{name: q{i}, type: {typ}, label: {{ko: 질문 {i}, en: Question {i}}}{rel}}}\n")
    t_check = timed([CANVASS, "schema", "check", big])
    bigdb = os.path.join(work, "big.db")
    def fresh_big():
        for s in ["", "-wal", "-shm"]:
            if os.path.exists(bigdb + s): os.remove(bigdb + s)
    t_prompt = timed([CANVASS, "interview", "new", big, "--respondent", "r", "--interviewer", "i", "--db", bigdb], prepare=fresh_big)
    rows.append(("2,000-question questionnaire: schema check (s)", 2000, t_check, None, None, None, "< 0.3 s", t_check < 0.3))
    rows.append(("2,000-question questionnaire: first prompt (s)", 2000, t_prompt, None, None, None, "< 0.15 s", t_prompt < 0.15))
    print(f"2,000 questions: schema check {t_check:.3f} s, first prompt {t_prompt:.3f} s", flush=True)
    write_markdown()

def fmt(v):
    if v is None: return ""
    if isinstance(v, tuple): return " / ".join(f"{x:.3f}" if x < 100 else f"{x:.0f}" for x in v)
    return f"{v:.3f}"

def write_markdown():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    sqlite_v = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
    import pandas
    lines = ["# Benchmarks", "", "Written by `scripts/bench` (release build; every time is the median of 3 runs, in seconds unless stated;",
             "Canvass and its reference run side by side on the same data in the same run). Data: `canvass simulate schemas/firm_case.yaml --seed 1`.", "",
             f"Machine: {cpu}, {os.cpu_count()} cores, Linux {platform.release()}; sqlite3 {sqlite_v}; pandas {pandas.__version__}; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", "",
             "| what | interviews | Canvass | reference | reference | ratio | target | |", "|---|---:|---:|---|---:|---:|---|---|"]
    for what, n, c, rn, r, ratio, target, met in rows:
        verdict = "" if not target else "met" if met else "**missed**"
        lines.append(f"| {what} | {n} | {fmt(c)} | {rn or ''} | {fmt(r)} | {fmt(ratio)} | {target} | {verdict} |")
    path = os.path.join(ROOT, "BENCHMARKS.md")
    old = open(path).read() if os.path.exists(path) else ""
    # the sections after the table (measured by hand, notes) are kept as they are
    rest = old.split("\n\n## ", 1)[1] if "\n\n## " in old else "Notes\n"
    open(path, "w").write("\n".join(lines) + "\n\n## " + rest)
    print("\n".join(lines))

if __name__ == "__main__":
    try:
        main([int(a) for a in sys.argv[1:]] or [10000, 100000])
    finally:
        shutil.rmtree(work, ignore_errors=True)
