#!/usr/bin/env python3
"""Writes N realistic generated notices of one category as `xxgkctl import` JSON files (chunks of
--chunk notices each), for `make bench`. The notices are then stored by xxgk itself (import runs
notice_validate and notice_save, the writer of the push API and the staff editor), so every row
is what the application writes: notices (their items in their rows), notice_columns for every
column the category is in plus "*", index_serials and site_generation.

One category, so that a column of the default 100,000 notices has a page 5,000 (20 a page).
Deterministic: the same files on every machine, whatever --jobs (each file has its own seed).
Standard library only."""
import argparse, json, multiprocessing, os, random, sys
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta

COUNTIES = ["临翔区", "凤庆县", "云县", "永德县", "镇康县", "双江县", "耿马县", "沧源县"]
PROJECTS = ["城南片区", "滨江新区", "高新技术产业园", "城北污水处理厂", "第二人民医院", "职业教育园区", "老旧小区改造",
            "乡村振兴示范带", "综合交通枢纽", "体育中心", "人民公园", "供水管网", "智慧城市", "农田水利", "国道改扩建",
            "中心学校"]
GOODS = ["办公设备", "教学仪器", "医疗设备", "信息化系统", "物业管理服务", "绿化养护服务", "车辆", "监控设备",
         "图书资料", "课桌椅", "消防器材", "餐饮服务", "保安服务", "审计服务", "工程监理服务"]
FIRMS = ["华宇", "中建", "恒信", "永达", "泰和", "鼎盛", "广源", "宏图", "博远", "瑞丰"]
COMPANIES = ["建设工程有限公司", "工程咨询有限公司", "信息技术股份有限公司", "招标代理有限公司", "物业服务有限公司"]
ISSUERS = ["财政局", "公共资源交易中心", "教育体育局", "卫生健康委员会", "住房和城乡建设局", "交通运输局"]
PLACE = "临沧市"


def category(catalog, code):
    root = ET.parse(catalog).getroot()
    for el in root.iter("category"):
        if el.get("code") == code:
            return el.get("name"), [(i.get("code"), "".join(i.itertext()).strip()) for i in el.findall("item")]
    sys.exit(f"gen_notices: no category {code} in {catalog}")


def value(r, label, project, published):
    if "联系人" in label or "联系方式" in label:
        return f"联系人：王先生，电话：0883-{r.randrange(2000000, 9000000):07d}"
    if "名称" in label and "地址" in label:
        return (f"采购人：{PLACE}{r.choice(ISSUERS)}，地址：{PLACE}{r.choice(COUNTIES)}{r.choice(PROJECTS)}路"
                f"{r.randrange(1, 300)}号；采购代理机构：{PLACE}{r.choice(FIRMS)}{r.choice(COMPANIES)}")
    if "预算" in label or "金额" in label:
        return f"人民币{r.randrange(5, 9000)}.{r.randrange(100):02d}万元"
    if "时间" in label or "日期" in label:
        d = published + timedelta(days=r.randrange(5, 25))
        return f"{d:%Y-%m-%d} 09:30，{PLACE}公共资源交易中心开标{r.randrange(1, 6)}室"
    if "资格" in label:
        return "具有独立承担民事责任的能力；具有良好的商业信誉和健全的财务会计制度；参加政府采购活动前三年内无重大违法记录。"
    if "政策" in label:
        return "落实促进中小企业发展、支持监狱企业发展、促进残疾人就业、节能环保产品优先采购等政府采购政策。"
    if "项目" in label or "名称" in label:
        return f"{project}，数量1批，具体规格见采购文件第三章。"
    return f"{project}{label}已按规定编制，详见采购文件。"


def notice(r, k, cat_code, cat_name, items, start, days):
    published = start + timedelta(days=r.randrange(days), seconds=r.randrange(8 * 3600, 18 * 3600))
    formed = published.date() - timedelta(days=1 + r.randrange(15))
    county = r.choice(COUNTIES)
    project = f"{PLACE}{county}{r.choice(PROJECTS)}{r.choice(GOODS)}采购项目"
    issuer = f"{PLACE}{r.choice(ISSUERS)}"
    body = "\n".join([
        f"根据《中华人民共和国政府采购法》和《中华人民共和国政府信息公开条例》的规定，现就{project}进行公开招标，欢迎合格的供应商参加投标。",
        f"一、项目概况。{project}位于{county}，由{issuer}组织实施，资金来源为财政资金。",
        "二、获取采购文件。有意参加投标的供应商可在公告期限内登录云南省政府采购网免费下载采购文件。",
        f"三、监督渠道。对公告内容有异议的，可在公布之日起5个工作日内向{issuer}以书面形式提出。",
        "特此公告。"])
    return {
        "external_id": f"GEN-{k + 1:07d}",  # the CMS's own id: importing again updates
        "title": f"{project}{cat_name}",
        "issuer": issuer,
        "doc_number": f"临采〔{published.year}〕{k + 1}号",
        "subject": "综合政务/公共资源配置",
        "formed_on": f"{formed:%Y-%m-%d}",
        "published_at": f"{published:%Y-%m-%d %H:%M:%S}",
        "validity": "有效",
        "category": cat_code,
        "decision_kind": "general",
        "status": "published",
        "body": body,
        "items": {code: value(r, label, project, published.date()) for code, label in items},
    }


def write_part(job):
    """One file: notices [k, k + n) with the part's own seed, so that parts can be written at once."""
    a, name, items, start, days, part, k, n = job
    r = random.Random(20261123 * 1000 + part)
    path = os.path.join(a.out, f"notices-{part:04d}.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"site": a.site, "notices": [notice(r, k + i, a.category, name, items, start, days)
                                               for i in range(n)]}, f, ensure_ascii=False, indent=0)
    return path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--catalog", required=True)
    ap.add_argument("--category", required=True)
    ap.add_argument("--site", required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--chunk", type=int, default=10000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    name, items = category(a.catalog, a.category)
    # Publication times over about five years before today: ~55 a day at 100k, so many share a
    # second at 1M and the keyset's (published_at, id) tie-break is exercised.
    days = 1800
    start = datetime.combine(date.today() - timedelta(days=days + 1), datetime.min.time())
    os.makedirs(a.out, exist_ok=True)
    jobs = [(a, name, items, start, days, part + 1, k, min(a.chunk, a.count - k))
            for part, k in enumerate(range(0, a.count, a.chunk))]
    # The paths in order, each as soon as it and those before it are written.
    with multiprocessing.Pool(max(1, a.jobs)) as pool:
        for path in pool.imap(write_part, jobs):
            print(path, flush=True)


if __name__ == "__main__":
    main()
