#!/usr/bin/env python3
"""Writes the example interviews in fixtures/ (fictional firms and experts), deterministically.

Concern patterns differ by sector and nationality, so that the tables say something:
AI firms meet the cybersecurity law, smart-car firms meet technical barriers (map and road-test
licences, battery white lists), O2O firms meet market access; Korean firms report political risk.
Run: python3 scripts/make-fixtures.py   (the output is committed; tests rely on it)
"""
import json, random

rng = random.Random(2018)
prng = random.Random(7)   # firms' projects
mrng = random.Random(11)  # expert meetings
SECTORS = ["ai"] * 22 + ["o2o"] * 19 + ["smartcar"] * 19
NAT = ["kr"] * 30 + ["cn"] * 18 + ["other"] * 12
rng.shuffle(SECTORS); rng.shuffle(NAT)
REGIONS = {"ai": ["beijing", "shanghai", "hangzhou", "shenzhen", "guiyang"],
           "o2o": ["shanghai", "hangzhou", "shenzhen", "beijing", "chongqing"],
           "smartcar": ["beijing", "shanghai", "chongqing", "wuhan", "tianjin", "xiongan"]}
P = {  # probability of experiencing each concern area, by sector
    "ai": {"csl": .75, "tbt": .35, "market_access": .3, "ip": .5, "subsidy": .2, "procurement": .25, "political": .2, "talent": .45, "finance": .2, "partners": .25, "local_gov": .2},
    "o2o": {"csl": .6, "tbt": .15, "market_access": .7, "ip": .2, "subsidy": .3, "procurement": .1, "political": .25, "talent": .2, "finance": .3, "partners": .35, "local_gov": .45},
    "smartcar": {"csl": .4, "tbt": .85, "market_access": .35, "ip": .35, "subsidy": .5, "procurement": .4, "political": .2, "talent": .2, "finance": .25, "partners": .3, "local_gov": .35},
}
CSL_ITEMS = {"ai": ["data_localisation", "cross_border", "source_code", "mlps", "product_review"],
             "o2o": ["data_localisation", "real_name", "cross_border", "mlps"],
             "smartcar": ["data_localisation", "cross_border", "product_review", "mlps"]}
TBT_ITEMS = {"ai": ["divergent_standards", "mandatory_cert", "standard_committees", "encryption"],
             "o2o": ["divergent_standards", "encryption"],
             "smartcar": ["map_licence", "road_test_licence", "white_lists", "mandatory_cert", "divergent_standards"]}
ACCOUNTS = {
    "csl": ["고객 데이터를 중국 내 서버로 옮겨야 했다", "Cross-border transfer of test data was held up for months", "본사 분석을 위한 데이터 이전이 제한되었다", "Asked to disclose parts of the source code for a security review"],
    "tbt": ["HD map surveying needs a licence we cannot obtain as a foreign firm", "배터리가 권장 목록에 없어 보조금 대상에서 제외되었다", "CCC certification had to be repeated at a designated lab", "도로 시험 허가 절차가 불투명하다"],
}
FIRST = ["Hanbit", "Saebyeol", "Mirae", "Dasol", "Nuri", "Haneul", "Jade", "Lotus", "Kunlun", "Yangtze", "Orion", "Nova", "Pangyo", "Gangnam", "Bluefin", "Redwood", "Aster", "Cedar", "Delta", "Ember"]
SECOND = {"ai": ["AI", "Vision", "Speech Lab", "Robotics", "Data"], "o2o": ["Delivery", "Pay", "Mobility", "Retail Tech", "Local"], "smartcar": ["Motors", "Auto Parts", "Drive", "Mobility Systems", "EV"]}
INTERVIEWERS = {"beijing": "kim", "shanghai": "lee", "shenzhen": "park", "hangzhou": "choi"}

def pick(items, p):
    return [i for i in items if rng.random() < p]

firms = []
for n in range(60):
    sector, nat = SECTORS[n], NAT[n]
    name = f"{FIRST[n % len(FIRST)]} {SECOND[sector][n % 5]} {'Co., Ltd.' if nat != 'cn' else '有限公司'}"
    regions = sorted(set([REGIONS[sector][0] if rng.random() < .5 else rng.choice(REGIONS[sector])] + pick(REGIONS[sector], .25)),
                     key=lambda r: ["beijing", "shanghai", "shenzhen", "hangzhou", "guiyang", "chongqing", "wuhan", "tianjin", "xiongan", "other"].index(r))
    field = next((r for r in regions if r in INTERVIEWERS), "beijing")
    interviewer = INTERVIEWERS[field]
    day = 2 + n % 27
    month = 6 + n % 3
    started = f"2018-{month:02d}-{day:02d}T{9 + n % 8:02d}:00:00+08:00"
    completed = f"2018-{month:02d}-{day:02d}T{10 + n % 8:02d}:15:00+08:00"
    a = {"consent": "yes"}
    if n in (17, 44):  # two firms declined
        firms.append({"questionnaire": "firm_case", "version": "2018.1", "respondent": name, "interviewer": interviewer, "language": "ko",
                      "status": "completed", "started_at": started, "completed_at": started.replace(":00:00+", ":05:00+"), "answers": {"consent": "no"}})
        continue
    a["firm_name"] = name
    if rng.random() < .6:
        a["contact_email"] = f"contact{n}@example.com"
    a["nationality"] = nat
    if nat == "other":
        a["home_country"] = rng.choice(["Japan", "Germany", "USA", "Singapore", "France"])
    size = {"kr": [35, 120, 800, 5000, 60000], "cn": [200, 1500, 12000, 80000], "other": [300, 4000, 25000, 150000]}[nat]
    r = rng.random()
    a["employees"] = {"special": "dk"} if r < .05 else {"special": "rf"} if r < .08 else int(rng.choice(size) * rng.uniform(.6, 1.4))
    a["sector"] = sector
    hq = {"beijing": ("beijing", "beijing"), "shanghai": ("shanghai", "shanghai"), "shenzhen": ("guangdong", "shenzhen"), "hangzhou": ("zhejiang", "hangzhou")}.get(regions[0])
    if hq:
        a["hq_province"], a["hq_city"] = hq
    else:
        a["hq_province"] = "other"
    a["regions"] = regions
    mode = "wfoe" if nat == "cn" else rng.choice(["wfoe", "jv", "jv", "rep_office", "partnership", "not_entered"])
    a["entry_mode"] = mode
    if mode != "not_entered":
        a["years_in_china"] = round(rng.uniform(.5, 15), 1) if nat != "cn" else round(rng.uniform(3, 20), 1)
    proj = pick(["smart_city", "av_test_zone", "industry_park", "platform"], .3)
    if sector == "smartcar" and rng.random() < .5 and "av_test_zone" not in proj:
        proj.append("av_test_zone")
    a["projects"] = [p for p in ["smart_city", "av_test_zone", "industry_park", "platform"] if p in proj] or ["none"]
    if a["projects"] != ["none"]:  # one to three projects in China, each of a kind chosen above (own generator: the rest stays as it was)
        a["china_project"] = []
        for k in range(prng.choice([1, 1, 2, 3])):
            kind = prng.choice(a["projects"])
            a["china_project"].append({
                "project_title": f"{name.split()[0]} {kind.replace('_', ' ')} project {k + 1}",
                "project_type": kind,
                "project_city": prng.choice(["beijing", "shanghai", "shenzhen", "guangzhou", "hangzhou", "ningbo"]),
                "project_role": prng.choice(["lead", "partner", "partner", "supplier", "investor"]),
                "project_year": prng.randint(2012, 2018),
                "project_outcome": prng.choice(["planned", "ongoing", "ongoing", "completed", "suspended", "withdrawn"]),
            })
    areas = []
    for area, p in P[sector].items():
        if nat == "cn" and area in ("tbt", "market_access", "political", "csl"):
            p *= .4
        if nat == "kr" and area == "political":
            p = .55
        if rng.random() < p:
            areas.append(area)
    a["concern_areas"] = areas
    def severity(base):
        r = rng.random()
        if r < .03: return {"special": "dk"}
        if r < .05: return {"special": "rf"}
        return max(1, min(5, round(rng.gauss(base, .9))))
    if "csl" in areas:
        a["csl_items"] = pick(CSL_ITEMS[sector], .55) or [CSL_ITEMS[sector][0]]
        a["csl_severity"] = severity(4.1 if sector == "ai" else 3.4)
        a["csl_account"] = rng.choice(ACCOUNTS["csl"])
    if "tbt" in areas:
        a["tbt_items"] = pick(TBT_ITEMS[sector], .5) or [TBT_ITEMS[sector][0]]
        a["tbt_severity"] = severity(4.3 if sector == "smartcar" else 3.0)
        a["tbt_account"] = rng.choice(ACCOUNTS["tbt"])
    for area, account in [("market_access", "부가통신 사업 허가의 외국인 지분 제한"), ("ip", "Partner asked for technology transfer as a condition"),
                          ("subsidy", "지방정부 보조금이 현지 기업에만 지급됨"), ("procurement", "Local brands preferred in city tenders"),
                          ("political", "2017년 사드 이후 불매운동으로 매출 감소")]:
        if area in areas:
            a[f"{area}_severity"] = severity(3.8 if area == "market_access" and sector == "o2o" else 3.2)
            if rng.random() < .7:
                a[f"{area}_account"] = account
    for area in ("talent", "finance", "partners", "local_gov"):
        if area in areas:
            a[f"{area}_severity"] = severity(2.8)
    if rng.random() < .2:
        a["other_concerns"] = rng.choice(["환율 변동", "Visa processing for engineers is slow", "Payment licence renewal uncertain"])
    a["coop_fields"] = pick(["rnd", "standards", "testbeds", "market_entry", "talent", "finance"], .35) or ["rnd"]
    a["coop_partner"] = rng.choice(["cn_gov", "cn_firm", "cn_firm", "kr_firm", "research", "other"])
    if a["coop_partner"] == "other":
        a["coop_partner_other"] = rng.choice(["산업 협회", "Industry association", "地方开发区管委会"])
    a["gov_support"] = pick(["information", "negotiation", "finance", "network", "legal"], .4) or ["information"]
    if rng.random() < .3:
        a["comments"] = "정부 간 규제 대화 채널이 필요하다\nA standing dialogue on data rules would help."
    # accounts that name the firm, as respondents do (no random draw: the rest stays as it was); redaction must take
    # these names out of every output
    if n % 7 == 3 and "csl_account" in a:
        a["csl_account"] = f"{name.split(' 有限公司')[0].split(' 주식회사')[0]}의 경우: " + a["csl_account"]
    if n % 9 == 4 and "tbt_account" in a:
        a["tbt_account"] += f"\n({name.upper()} 담당자 설명)"
    open_ = n in (8, 51)
    if open_:  # interrupted interviews: profile done, concerns not yet
        a = {k: v for k, v in a.items() if k in ("consent", "firm_name", "nationality", "employees", "sector", "hq_province", "hq_city", "regions")}
    firms.append({"questionnaire": "firm_case", "version": "2018.1", "respondent": name, "interviewer": interviewer,
                  "language": "ko", "status": "open" if open_ else "completed", "started_at": started,
                  "completed_at": None if open_ else completed, "answers": a})

experts = []
for n in range(15):
    aff = ["government", "academia", "industry", "think_tank"][n % 4]
    a = {"expert_name": f"Expert {chr(65 + n)}. (fictional)", "affiliation_type": aff, "years_expertise": 3 + (n * 7) % 25}
    a["position_ai"] = rng.choice([3, 4, 4, 5, 5])
    a["position_o2o"] = rng.choice([4, 5, 5, 5])
    a["position_smartcar"] = rng.choice([2, 3, 3, 4]) if n != 6 else {"special": "dk"}
    a["effect_korean_firms"] = rng.choice(["negative", "neutral", "positive", "positive", "very_positive", "negative"])
    a["policy_priorities"] = sorted(rng.sample(["data_rules", "standards", "fta", "pilots", "startups", "information"], rng.choice([1, 2, 3])),
                                    key=["data_rules", "standards", "fta", "pilots", "startups", "information"].index)
    if n % 3 == 0:
        a["comments"] = rng.choice(["중국 데이터 규제 동향을 지속적으로 모니터링해야 한다", "Korean firms should join Chinese pilot zones early", "표준화 협력이 가장 시급하다"])
    experts.append({"questionnaire": "expert_survey", "version": "2018.1", "respondent": a["expert_name"],
                    "interviewer": ["jung", "kim"][n % 2], "language": "ko", "status": "completed",
                    "started_at": f"2018-05-{10 + n:02d}T14:00:00+09:00", "completed_at": f"2018-05-{10 + n:02d}T14:40:00+09:00", "answers": a})

# Expert meetings: participants (4 to 6; observers give no views) and agenda topics, each with every participant's view.
MEETINGS = [
    ("2018-03-15", "KIEP, Sejong", "China's cybersecurity law and Korean AI firms", "ai",
     [("Data localisation for AI training data", "csl"), ("Security reviews of AI products", "csl"), ("Joint standards for AI", "cooperation")]),
    ("2018-04-12", "KOTRA Beijing office", "Licences for connected and autonomous cars", "smartcar",
     [("HD map surveying licences", "tbt"), ("Road-test permits in pilot zones", "tbt"), ("Battery white lists", "tbt")]),
    ("2018-05-03", "Seoul, Korea Chamber of Commerce", "O2O platforms: entry and payment licences", "o2o",
     [("Foreign equity caps on value-added telecom", "market_access"), ("Payment licences", "market_access")]),
    ("2018-06-21", "Shanghai Jiao Tong University", "Technology transfer and IP in joint ventures", "cross",
     [("Forced technology transfer", "ip"), ("Patent enforcement", "ip"), ("Cross-border data for R&D", "csl"), ("A Korea-China data dialogue", "cooperation")]),
    ("2018-07-19", "KIEP, Sejong", "Standards and certification after the CSL", "cross",
     [("Mandatory certification (CCC, MLPS)", "tbt"), ("Mutual recognition of test results", "cooperation")]),
    ("2018-09-06", "Shenzhen, KOTRA office", "Smart-city pilots open to foreign firms?", "cross",
     [("Procurement preferences in pilots", "other"), ("Partnering with Chinese platforms", "cooperation"), ("Data rules in smart cities", "csl")]),
]
PEOPLE = ["Min-jun Choi", "Seo-yeon Kim", "Wei Zhang", "Ji-ho Park", "Li Na", "Hyun-woo Lee", "Chen Jing", "Soo-ah Jung", "Yuki Tanaka", "Dong-hyun Han",
          "Liu Yang", "Eun-ji Song", "Wang Fang", "Tae-yang Yoon", "Zhao Lei", "Ha-eun Kang"]
VIEWS = {"concern": ["Firms are unsure what counts as important data", "현지 저장 의무로 비용이 크게 늘었다", "The rules change faster than firms can adapt"],
         "mixed": ["Rules are strict but clearer than before", "대기업은 대응 가능하나 중소기업은 어렵다"],
         "opportunity": ["Compliance services are a market for Korean firms", "표준 협력으로 공동 진출 기회가 있다"]}
meetings = []
for n, (date, place, topic, sector, agenda) in enumerate(MEETINGS):
    size = [4, 5, 6, 4, 5, 6][n]
    names = mrng.sample(PEOPLE, size)
    roles = ["presenter"] + [mrng.choice(["discussant", "discussant", "observer"]) for _ in range(size - 1)]
    participants = [{"participant_name": names[k], "role": roles[k],
                     "affiliation_type": mrng.choice(["government", "academia", "industry", "think_tank"]),
                     "affiliation_name": mrng.choice(["KIEP", "KOTRA", "Seoul National University", "Tsinghua University", "CAICT", "Hyundai Motor", "Naver", "Baidu"])}
                    for k in range(size)]
    topics = []
    for title, area in agenda:
        views = []
        for k in range(size):
            if roles[k] == "observer":
                views.append({})
                continue
            stance = mrng.choice(["concern", "concern", "mixed", "opportunity"])
            views.append({"view_text": mrng.choice(VIEWS[stance]), "view_stance": stance,
                          "view_severity": {"concern": 4, "mixed": 3, "opportunity": 2}[stance] + mrng.choice([-1, 0, 0, 1])})
        topics.append({"topic_title": title, "topic_area": area, "topic_minutes": mrng.choice([20, 30, 40, 45, 60]), "view": views})
    a = {"meeting_date": date, "meeting_place": place, "meeting_topic": topic, "meeting_sector": sector,
         "chair_name": names[0] if n % 2 else "Dr. Kwon (chair)", "participant": participants, "agenda": topics}
    if n % 2 == 0:
        a["follow_up"] = mrng.choice(["Send the summary to MOTIE", "후속 회의: 베이징 현지 기업 간담회", "Draft a policy brief on data rules"])
    meetings.append({"questionnaire": "expert_meeting", "version": "2018.1", "respondent": f"Meeting {n + 1}: {topic}",
                     "interviewer": ["jung", "kim"][n % 2], "language": "ko", "status": "completed",
                     "started_at": f"{date}T14:00:00+09:00", "completed_at": f"{date}T17:00:00+09:00", "answers": a})

def dump(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for r in rows:
            if r.get("completed_at") is None:
                r.pop("completed_at", None)
            f.write(json.dumps(r, ensure_ascii=False) + "\n")

dump("fixtures/firm_interviews.jsonl", firms)
dump("fixtures/expert_survey.jsonl", experts)
dump("fixtures/expert_meetings.jsonl", meetings)
print(f"{len(firms)} firm interviews, {len(experts)} expert responses, {len(meetings)} expert meetings")
