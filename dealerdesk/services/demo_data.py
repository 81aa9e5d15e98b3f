"""A realistic, reproducible demo dealership, as rows ready for bulk insert.

Why it is shaped like this: the retention features only prove themselves on data with
real behaviour in it. Each customer gets a *pattern*:
- steady (most): services every 4–9 months of their own rhythm, spend roughly flat;
- drifting: from a drift date visits thin out and bills shrink, calls go unanswered —
  the early warning DESIGN.md asks us to catch;
- gone: visits stop at a dropout date (the BG/NBD model needs real dropout to fit);
- new: bought within the last year.
Everything comes from ``random.Random(seed)``; no clock is read (``today`` is passed),
so one seed always gives the same file.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from dealerdesk.services.demo_accounts import TABLES as ACCOUNT_TABLES
from dealerdesk.services.demo_accounts import add_accounts
from dealerdesk.services.demo_aftersales import add_aftersales
from dealerdesk.services.demo_referrals import DemoReferrals
from dealerdesk.store.validation import vin_check_digit
from dealerdesk.vocab.complaints import ComplaintSeverity as Sev

# How often each severity comes up in the demo's complaints (medium twice as often).
SEVERITY_MIX = tuple(s.value for s in (Sev.LOW, Sev.MEDIUM, Sev.MEDIUM, Sev.HIGH))

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "慕容")
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红鹏辉建华飞鑫波宇浩凯健俊帆帅"
    "旭宁龙林欣佳悦晨雪琳婷颖瑶子涵梓轩一诺雨桐思远嘉怡志强海燕晓东建国春梅丹丹文博天佑"
)
EN_FIRST = (
    "James", "Mary", "John", "Linda", "David", "Sarah", "Michael", "Emma", "Daniel", "Olivia",
    "Peter", "Grace", "Thomas", "Sophie", "Mark", "Anna", "Paul", "Lucy", "Kevin", "Helen",
)  # fmt: skip
EN_LAST = (
    "Smith", "Brown", "Wilson", "Taylor", "Müller", "Martin", "Nguyen", "Kim", "Lee", "Walker",
    "Harris", "Clark", "Lewis", "Young", "King", "Wright", "Scott", "Green", "Baker", "Adams",
)  # fmt: skip
COMPANY = (
    "鹏程物流有限公司", "华南建设集团", "深蓝科技有限公司", "顺达出租车公司", "金桥贸易有限公司",
    "Harbour Freight Ltd", "南山医院", "前海租车服务有限公司", "宏远装饰工程公司", "Pearl River Hotels",
)  # fmt: skip
MOBILE_PREFIXES = ("139", "138", "137", "136", "135", "150", "151", "152", "158", "159",
                   "182", "183", "187", "188", "130", "131", "132", "155", "156", "185",
                   "186", "133", "153", "180", "181", "189", "177", "199")  # fmt: skip
# (WMI, make, models): Chinese-market manufacturer codes.
MAKES = (
    ("LFV", "FAW-Volkswagen", ("Sagitar", "Magotan", "Tayron", "ID.4 CROZZ")),
    ("LSV", "SAIC Volkswagen", ("Lavida", "Passat", "Tiguan L", "ID.3")),
    ("LBV", "BMW Brilliance", ("3 Series Li", "5 Series Li", "X3", "iX3")),
    ("LHG", "GAC Honda", ("Accord", "Fit", "Breeze")),
    ("LGB", "Dongfeng Nissan", ("Sylphy", "Teana", "X-Trail")),
    ("LC0", "BYD", ("Han", "Tang", "Song PLUS", "Qin PLUS", "Seal")),
    ("LSG", "SAIC-GM", ("Buick GL8", "Cadillac CT5", "Chevrolet Malibu XL")),
)
VIN_YEAR = "ABCDEFGHJKLMNPRSTVWXY123456789"  # position 10, 2010 = A
VIN_ALNUM = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
PLATE_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
CITIES = (("深圳", "粤B"), ("广州", "粤A"), ("东莞", "粤S"), ("佛山", "粤E"), ("惠州", "粤L"))
DECLINED = ("更换刹车片", "四轮定位", "更换轮胎", "空调清洗", "更换蓄电池", "brake fluid flush",
            "wiper blades", "cabin air filter")  # fmt: skip
COMPLAINT_TEXT = (
    ("service", "保养后异响未解决"), ("billing", "结算金额与报价不符"),
    ("waiting", "等待时间超过三小时"), ("parts", "配件到货延迟两周"),
    ("staff", "Advisor did not call back as promised"), ("quality", "维修后故障灯再次亮起"),
)  # fmt: skip
LOST_REASONS = ("搬家到外地", "Bought from a competitor closer to home", "车辆已出售",
                "对上次维修不满意")  # fmt: skip
NOTES = ("通话顺利，客户满意", "Customer asked about winter tyres", "客户表示会按时保养",
         "Left a message", "客户在开会，稍后回电", "Asked for a quote on extended warranty")  # fmt: skip


@dataclass
class DemoRows:
    """Rows per table, column names first; ids are assigned here so foreign keys are known."""

    tables: dict[str, tuple[tuple[str, ...], list[tuple[object, ...]]]] = field(
        default_factory=dict
    )

    def add(self, table: str, columns: tuple[str, ...], row: tuple[object, ...]) -> None:
        entry = self.tables.setdefault(table, (columns, []))
        entry[1].append(row)

    def count(self, table: str) -> int:
        return len(self.tables.get(table, ((), []))[1])


def _ts(d: date, hour: int = 9, minute: int = 0) -> str:
    return f"{d.isoformat()} {hour:02d}:{minute:02d}:00"


class DemoGenerator:
    """Builds the rows for one demo dealership; see the module docstring for the patterns."""

    def __init__(self, *, customers: int, seed: int, today: date) -> None:
        self.n = customers
        self.rng = random.Random(seed)
        self.today = today
        self.opened = today - timedelta(days=365 * 10)
        self.rows = DemoRows()
        self.vehicle_id = 0
        self.visit_id = 0
        self.serial = self.rng.randrange(100000, 400000)
        self.staff_ids: list[int] = []
        self.extras = DemoReferrals(self.rows, seed=seed, today=today, opened=self.opened)

    # -- static tables -------------------------------------------------------------
    def _staff(self) -> None:
        people = (("陈经理", "chen", "manager"), ("李娜", "lina", "desk"), ("王强", "wangq", "desk"),
                  ("Emily Zhou", "emily", "desk"), ("刘洋", "liuyang", "desk"),
                  ("黄敏", "huangmin", "desk"), ("赵磊", "zhaolei", "desk"),
                  ("孙悦", "sunyue", "manager"))  # fmt: skip
        cols = ("id", "name", "username", "role", "archived", "created_at", "updated_at")
        for i, (name, user, role) in enumerate(people, start=1):
            ts = _ts(self.opened)
            self.rows.add("staff", cols, (i, name, user, role, 0, ts, ts))
            self.staff_ids.append(i)
        self.extras.partners()  # issue #14
        ccols = ("id", "name", "kind", "starts_on", "ends_on", "invite_days_before", "audience",
                 "archived", "created_at", "updated_at")  # fmt: skip
        campaigns = (
            # A launch for the best customers, a safety check for older cars, and a
            # trainer day for one make: invitations go to who each is for.
            ("新款汉EV品鉴会", "new_model", 12, '{"tiers": ["VIP", "Gold"]}'),
            ("冬季安全检测月", "promotion", 25, '{"min_vehicle_age": 5, "max_vehicle_age": 7}'),
            ("Eco-driving trainer day", "trainer_visit", 40, '{"makes": ["BYD"]}'),
        )
        for i, (name, kind, days, audience) in enumerate(campaigns, start=1):
            start = self.today + timedelta(days=days)
            self.rows.add("campaign", ccols, (i, name, kind, start.isoformat(),
                          (start + timedelta(days=3)).isoformat(), 10, audience, 0,
                          _ts(self.today), _ts(self.today)))  # fmt: skip

    # -- one customer --------------------------------------------------------------
    def _name(self) -> tuple[str, str | None, str]:
        rng = self.rng
        if rng.random() < 0.05:
            return (
                "company",
                None,
                rng.choice(COMPANY)
                + ("" if rng.random() < 0.5 else f"（{rng.randrange(1, 99)}号）"),
            )
        if rng.random() < 0.14:
            first, last = rng.choice(EN_FIRST), rng.choice(EN_LAST)
            return "person", None, f"{first} {last}"
        surname = rng.choice(COMPOUND_SURNAMES) if rng.random() < 0.01 else rng.choice(SURNAMES)
        given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")
        return "person", None, surname + given

    def _phone(self, index: int) -> str:
        # A bijection on 0..10^8-1 keeps every phone unique without a lookup.
        body = (index * 48271 + 12345) % 100_000_000
        return f"+86{self.rng.choice(MOBILE_PREFIXES)}{body:08d}"

    def _vin(self, wmi: str, year: int) -> str:
        self.serial += 1
        vds = "".join(self.rng.choice(VIN_ALNUM) for _ in range(5))
        body = f"{wmi}{vds}0{VIN_YEAR[(year - 2010) % 30]}{self.rng.choice('ABCDEFGH')}{self.serial % 1_000_000:06d}"
        return body[:8] + vin_check_digit(body) + body[9:]

    def _plate(self, prefix: str) -> str:
        return prefix + "".join(self.rng.choice(PLATE_CHARS) for _ in range(5))

    def generate(self) -> DemoRows:
        self._staff()
        for cid in range(1, self.n + 1):
            self._customer(cid)
        add_accounts(self)  # issue #14: cards, contact people, fleet purchases
        add_aftersales(self)  # issue #16: policies, sold cars, insured elsewhere
        return self.rows

    def _customer(self, cid: int) -> None:
        rng, today = self.rng, self.today
        kind, alt, name = self._name()
        city, plate_prefix = rng.choice(CITIES)
        roll = rng.random()
        pattern = (
            "steady"
            if roll < 0.55
            else "drifting"
            if roll < 0.75
            else "gone"
            if roll < 0.93
            else "new"
        )
        if pattern == "new":
            first_buy = today - timedelta(days=rng.randrange(20, 360))
        else:
            first_buy = self.opened + timedelta(days=int(rng.random() ** 1.3 * (365 * 9)))
        owner = rng.choice(self.staff_ids[1:])
        birthday = None
        if kind == "person":
            birthday = date(
                today.year - rng.randrange(23, 68), rng.randrange(1, 13), rng.randrange(1, 29)
            )
            if rng.random() < 0.004:
                birthday = date(1988, 2, 29)
        lunar = int(kind == "person" and not name.isascii() and rng.random() < 0.2)
        status, lost_reason, lost_on = "active", None, None
        if pattern == "gone" and rng.random() < 0.25:
            status, lost_reason = "lost", rng.choice(LOST_REASONS)
            lost_on = (today - timedelta(days=rng.randrange(30, 700))).isoformat()
        referred_by = rng.randrange(1, cid) if cid > 20 and rng.random() < 0.04 else None
        source = (
            "referral"
            if referred_by
            else rng.choice(("walk_in", "walk_in", "online", "event", "partner"))
        )
        partner = rng.randrange(1, 5) if source == "partner" else None
        ts = _ts(first_buy)
        self.rows.add(
            "customer",
            ("id", "kind", "name", "name_alt", "phone", "email", "birthday", "birthday_lunar",
             "city", "source", "referred_by_id", "partner_id", "owner_id", "status",
             "lost_reason", "lost_on", "preferred_channel", "archived", "sort_name",
             "created_at", "updated_at"),
            (cid, kind, name, alt, self._phone(cid),
             f"c{cid}@example.com" if rng.random() < 0.3 else None,
             birthday.isoformat() if birthday else None, lunar, city, source, referred_by,
             partner, owner, status, lost_reason, lost_on,
             rng.choice(("phone", "phone", "wechat", "sms")), 0, "", ts, ts),
        )  # fmt: skip
        given = bool(referred_by) and rng.random() < 0.7  # (drawn here: the stream stays)
        if rng.random() < 0.06:
            self.rows.add("consent", ("customer_id", "channel", "purpose", "granted", "source",
                          "recorded_on", "created_at", "updated_at"),
                          (cid, "phone", "marketing", 0, "customer request",
                           first_buy.isoformat(), ts, ts))  # fmt: skip
        cars = 1 + (rng.random() < 0.15) + (kind == "company") * rng.randrange(1, 5)
        end = today
        if pattern == "gone":
            end = first_buy + timedelta(days=rng.randrange(200, 2400))
            end = min(end, today - timedelta(days=300))
        drift = None
        if pattern == "drifting":
            drift = max(
                first_buy + timedelta(days=200), today - timedelta(days=rng.randrange(300, 900))
            )
        events = _Events(self, cid, owner, pattern)
        for car in range(cars):
            buy = first_buy if car == 0 else first_buy + timedelta(days=rng.randrange(30, 2500))
            if buy >= end:
                break
            events.vehicle(buy, end, drift, plate_prefix)
        events.contacts_and_feedback(first_buy, end, drift)
        self.extras.customer(cid, name, referred_by=referred_by, partner=partner,  # issue #14
                             first_buy=first_buy, visits=events.visits, given=given)  # fmt: skip


class _Events:
    """The visits, contacts, complaints and surveys of one customer."""

    def __init__(self, gen: DemoGenerator, cid: int, owner: int, pattern: str) -> None:
        self.g, self.cid, self.owner, self.pattern = gen, cid, owner, pattern
        self.services: list[date] = []
        self.visits: list[tuple[date, str]] = []

    def vehicle(self, buy: date, end: date, drift: date | None, plate_prefix: str) -> None:
        g, rng = self.g, self.g.rng
        wmi, make, models = rng.choice(MAKES)
        model = rng.choice(models)
        year = buy.year if rng.random() < 0.9 else buy.year - 1
        g.vehicle_id += 1
        vid = g.vehicle_id
        price = round(rng.uniform(120_000, 420_000), -2)
        anniversary = _next_anniversary(buy, g.today)
        age = (g.today - buy).days / 365.25
        inspection = (
            _next_anniversary(buy, g.today, every=2 if age >= 6 else 6) if age < 15 else None
        )
        self.g.rows.add(
            "vehicle",
            ("id", "customer_id", "vin", "plate", "make", "model", "year", "color",
             "purchase_date", "purchase_price", "sold_here", "warranty_end", "insurance_end",
             "inspection_due", "archived", "created_at", "updated_at"),
            (vid, self.cid, g._vin(wmi, year), g._plate(plate_prefix), make, model, year,
             rng.choice(("白", "黑", "银", "蓝", "红", "灰")), buy.isoformat(), price, 1,
             _add_years(buy, 3).isoformat(), anniversary.isoformat(),
             inspection.isoformat() if inspection else None, 0, _ts(buy), _ts(buy)),
        )  # fmt: skip
        self.visit(buy, "sale", price, 10, vid)
        rhythm = rng.uniform(180, 380)  # this customer's own service interval, days
        km_per_day = rng.uniform(25, 70)
        spend_level = rng.uniform(0.7, 1.5)
        day = buy + timedelta(days=int(rhythm * rng.uniform(0.8, 1.2)))
        while day < end and day <= g.today:
            km = int((day - buy).days * km_per_day)
            thinning = 1.0
            if drift and day > drift:
                thinning = 1 + (day - drift).days / 200  # gaps widen, bills shrink
            kind = "repair" if rng.random() < 0.12 else "service"
            base = rng.uniform(2000, 12000) if kind == "repair" else rng.uniform(450, 2200)
            self.visit(day, kind, round(base * spend_level / thinning, 0), km, vid)
            if kind == "service":
                self.services.append(day)
            day += timedelta(days=int(rhythm * thinning * rng.uniform(0.75, 1.3)))
        if rng.random() < 0.35 and self.services:
            when = self.services[-1] + timedelta(days=rng.randrange(1, 20))
            if when <= g.today:
                self.visit(when, rng.choice(("parts", "accessory", "insurance")),
                           round(rng.uniform(300, 6000), 0), None, vid)  # fmt: skip

    def visit(self, day: date, kind: str, amount: float, km: int | None, vid: int) -> None:
        g, rng = self.g, self.g.rng
        g.visit_id += 1
        self.visits.append((day, kind))
        recommended = declined = None
        if kind == "service" and rng.random() < 0.22:
            recommended = rng.choice(DECLINED)
            declined = recommended if rng.random() < 0.6 else None
        g.rows.add(
            "visit",
            ("id", "customer_id", "vehicle_id", "date", "kind", "amount", "mileage_km",
             "recommended", "declined", "advisor_id", "created_at", "updated_at"),
            (g.visit_id, self.cid, vid, day.isoformat(), kind, amount, km, recommended,
             declined, rng.choice(g.staff_ids[1:]), _ts(day), _ts(day)),
        )  # fmt: skip

    def contacts_and_feedback(self, first: date, end: date, drift: date | None) -> None:
        g, rng = self.g, self.g.rng
        cols = ("customer_id", "at", "channel", "direction", "outcome", "purpose", "staff_id",
                "notes", "created_at", "updated_at")  # fmt: skip
        for day in self.services:
            if rng.random() < 0.3:
                when = day + timedelta(days=3)
                if when > g.today:
                    continue
                late = drift is not None and when > drift
                outcome = (
                    rng.choice(("no_answer", "no_answer", "reached"))
                    if late
                    else ("reached" if rng.random() < 0.8 else "no_answer")
                )
                ts = _ts(when, rng.randrange(9, 18), rng.randrange(0, 60))
                g.rows.add("contact_log", cols, (self.cid, ts, "phone", "out", outcome, "service",
                           self.owner, rng.choice(NOTES) if outcome == "reached" else None, ts, ts))  # fmt: skip
            if rng.random() < 0.12:
                when = day + timedelta(days=rng.randrange(3, 10))
                if when > g.today:
                    continue
                late = drift is not None and when > drift
                nps = rng.randrange(2, 8) if late else min(10, int(rng.triangular(5, 11, 10)))
                sat = max(1, min(5, round(nps / 2)))
                g.rows.add("survey", ("customer_id", "date", "kind", "satisfaction", "initiative",
                           "repurchase", "recommend", "resistance", "nps", "created_at",
                           "updated_at"),
                           (self.cid, when.isoformat(), "service", sat, max(1, sat - 1), sat,
                            sat, max(1, sat - rng.randrange(0, 2)), nps, _ts(when), _ts(when)))  # fmt: skip
        if self.pattern in ("steady", "new"):
            # The desk keeps in touch about monthly: the last call is recent, so the
            # stay-in-touch follow-ups fall due spread over the coming weeks.
            for back in sorted(rng.sample(range(1, 75), 2), reverse=True):
                when = g.today - timedelta(days=back)
                if when <= first:
                    continue
                ts = _ts(when, rng.randrange(9, 18), rng.randrange(0, 60))
                outcome = "reached" if rng.random() < 0.85 else "no_answer"
                g.rows.add("contact_log", cols, (self.cid, ts, rng.choice(("phone", "wechat")),
                           "out", outcome, "service", self.owner,
                           rng.choice(NOTES) if outcome == "reached" else None, ts, ts))  # fmt: skip
        if self.pattern == "drifting" and rng.random() < 0.5:
            # Recent unanswered calls: the "3 calls unanswered" early warning.
            for k in range(rng.randrange(2, 5)):
                when = g.today - timedelta(days=10 + 20 * k + rng.randrange(0, 9))
                ts = _ts(when, 10 + k)
                g.rows.add("contact_log", cols, (self.cid, ts, "phone", "out", "no_answer",
                           "service", self.owner, None, ts, ts))  # fmt: skip
        if rng.random() < (0.16 if self.pattern == "drifting" else 0.06) and self.services:
            day = rng.choice(self.services) + timedelta(days=rng.randrange(1, 15))
            if day <= g.today:
                category, text = rng.choice(COMPLAINT_TEXT)
                recent = (g.today - day).days < 40
                status = "open" if recent and rng.random() < 0.6 else "resolved"
                first_resp = _ts(day + timedelta(days=rng.choice((0, 0, 1, 1, 2, 5))), 15)
                if status == "open":  # answered already (responded), or not yet
                    if first_resp[:10] <= g.today.isoformat():
                        status = "responded"
                    else:
                        first_resp = None  # type: ignore[assignment]
                resolved = (
                    None
                    if status != "resolved"
                    else _ts(day + timedelta(days=rng.randrange(1, 20)), 17)
                )
                g.rows.add("complaint", ("customer_id", "opened_at", "category", "severity", "status",
                           "description", "first_response_at", "resolved_at", "resolution",
                           "assignee_id", "created_at", "updated_at"),
                           (self.cid, _ts(day, 11), category, rng.choice(SEVERITY_MIX),
                            status, text, first_resp, resolved,
                            None if status != "resolved" else "已致歉并免费返修", self.owner,
                            _ts(day, 11), _ts(day, 11)))  # fmt: skip


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _next_anniversary(start: date, today: date, *, every: int = 1) -> date:
    years = max(every, ((today.year - start.year) // every) * every)
    out = _add_years(start, years)
    while out < today:
        years += every
        out = _add_years(start, years)
    return out


def iter_tables(rows: DemoRows) -> Iterator[tuple[str, tuple[str, ...], list[tuple[object, ...]]]]:
    """Tables in foreign-key order, for the loader."""
    order = ("staff", "partner", "campaign", "customer", "consent", "referral", "vehicle",
             "visit", "contact_log", "survey", "complaint", "partner_referral",
             "partner_spend", "contact_pause", "followup", *ACCOUNT_TABLES)  # fmt: skip
    for table in order:
        if table in rows.tables:
            cols, data = rows.tables[table]
            yield table, cols, data
