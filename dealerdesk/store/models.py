"""The peewee models: one class per entity of DESIGN.md "Core entities".

Why these shapes:
- Dates are ``DateField`` (ISO text in SQLite) so range queries compare as strings and
  indexes serve ``due <= ?``.
- Rows that carry history are archived, never deleted (customers, vehicles, staff,
  partners, campaigns): a deleted customer would take their contacts and complaints
  with them and the retention figures would lie.
- ``followup.source_key`` is unique: the cadence engine derives the same key for the
  same reason every run, which is what makes generation idempotent.
- ``customer_score`` and ``customer_search`` are caches the services rebuild; they may be
  dropped and rebuilt at any time.

Nothing outside ``dealerdesk.store`` imports these classes: services get dataclasses.
"""

from __future__ import annotations

from datetime import datetime

from peewee import (
    SQL,
    AutoField,
    BigIntegerField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    FloatField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from dealerdesk.store.db import database


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


class BaseModel(Model):
    """Common columns: every row knows when it was created and last changed."""

    created_at = DateTimeField(default=_now)
    updated_at = DateTimeField(default=_now)

    class Meta:
        database = database
        legacy_table_names = False

    def save(self, *args: object, **kwargs: object) -> int:
        self.updated_at = _now()
        return super().save(*args, **kwargs)  # type: ignore[arg-type]


class Staff(BaseModel):
    """A desk or manager account; owns customers and is assigned follow-ups."""

    id = AutoField()
    name = CharField(max_length=80)
    username = CharField(max_length=40, unique=True)
    role = CharField(max_length=12, default="desk")  # desk | manager | admin
    phone = CharField(max_length=20, null=True)
    password_hash = CharField(max_length=200, null=True)
    archived = BooleanField(default=False)
    # The day's capacity on Today (issue #7); a DDL default too, for raw inserts.
    calls_per_day = IntegerField(default=40, constraints=[SQL("DEFAULT 40")])


class Partner(BaseModel):
    """A business that sends customers (insurer, tyre shop, driving school…)."""

    id = AutoField()
    name = CharField(max_length=120)
    kind = CharField(max_length=30, default="other")  # vocab.referrals.PartnerKind
    contact_person = CharField(max_length=80, null=True)
    phone = CharField(max_length=20, null=True)
    notes = TextField(null=True)
    archived = BooleanField(default=False)
    terms = TextField(null=True)  # issue #14: what the two businesses agreed


class Campaign(BaseModel):
    """A new-model launch, promotion, trainer visit or club event with its invitations."""

    id = AutoField()
    name = CharField(max_length=120)
    kind = CharField(max_length=20, default="promotion")
    starts_on = DateField()
    ends_on = DateField(null=True)
    invite_days_before = IntegerField(default=7)
    audience = TextField(null=True)  # JSON filter: tiers, segments, vehicle age…
    notes = TextField(null=True)
    archived = BooleanField(default=False)
    # The manager's criteria as chosen on the Campaigns screen (JSON), the message with
    # its {name} {model} {plate} {date} fields, and the message's language.
    criteria = TextField(null=True)
    template = TextField(null=True)
    language = CharField(max_length=5, null=True)  # zh_CN | en; None: zh_CN


class Customer(BaseModel):
    """A person or a company that bought here; the centre of everything else."""

    id = AutoField()
    kind = CharField(max_length=8, default="person")  # person | company
    name = CharField(max_length=120, index=True)
    name_alt = CharField(max_length=120, null=True)  # romanised or English name
    gender = CharField(max_length=1, null=True)
    phone = CharField(max_length=20, null=True)  # E.164, see validation.normalize_phone
    phone2 = CharField(max_length=20, null=True)
    wechat = CharField(max_length=60, null=True)
    email = CharField(max_length=120, null=True)
    birthday = DateField(null=True)  # the real (solar) birth date
    birthday_lunar = BooleanField(default=False)  # celebrates the lunar birthday
    address = CharField(max_length=200, null=True)
    city = CharField(max_length=60, null=True)
    source = CharField(max_length=20, default="walk_in")
    referred_by = ForeignKeyField("self", null=True, backref="referrals_made", on_delete="SET NULL")
    partner = ForeignKeyField(Partner, null=True, backref="customers", on_delete="SET NULL")
    owner = ForeignKeyField(Staff, null=True, backref="customers", on_delete="SET NULL")
    status = CharField(max_length=10, default="active")  # active | lost | moved | deceased
    lost_reason = TextField(null=True)
    lost_on = DateField(null=True)
    lost_category = CharField(max_length=24, null=True)  # vocab.winback.LostReason
    won_back_on = DateField(null=True)
    preferred_channel = CharField(max_length=10, default="phone")
    notes = TextField(null=True)
    archived = BooleanField(default=False)
    # Pinyin for Chinese names ("zhang wei"), lower case for others: the list's name
    # order, as a phone's contact list sorts. Maintained with the search haystack.
    sort_name = CharField(max_length=240, default="")

    class Meta:
        indexes = (
            # One customer per mobile number; NULLs (no phone) are allowed many times.
            (("phone",), True),
            # The whole list in name order straight from the index.
            (("archived", "sort_name"), False),
        )


class ContactPerson(BaseModel):
    """Someone at a company customer, with the role they play in buying."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="contact_people", on_delete="CASCADE")
    name = CharField(max_length=80)
    role = CharField(max_length=16, default="user")  # decision_maker | finance | user | gatekeeper
    phone = CharField(max_length=20, null=True)
    email = CharField(max_length=120, null=True)
    notes = TextField(null=True)


class Consent(BaseModel):
    """The customer's latest word on one channel for one purpose, with where it came from.

    No row means consent was never withdrawn (the dealership's lawful default).
    """

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="consents", on_delete="CASCADE")
    channel = CharField(max_length=10)  # phone | sms | wechat | email
    purpose = CharField(max_length=10)  # service | marketing
    granted = BooleanField()
    source = CharField(max_length=60)  # "customer request", "purchase 2026-05-01"…
    recorded_on = DateField()

    class Meta:
        indexes = ((("customer", "channel", "purpose"), True),)


class PersonalDate(BaseModel):
    """A date the customer shared (wedding anniversary…), greeted every year."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="personal_dates", on_delete="CASCADE")
    kind = CharField(max_length=20, default="other")  # wedding | other
    label = CharField(max_length=80)
    date = DateField()
    lunar = BooleanField(default=False)


class Vehicle(BaseModel):
    """A car the customer owns, with the dates that drive reminders."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="vehicles", on_delete="CASCADE")
    vin = CharField(max_length=17, unique=True)
    plate = CharField(max_length=12, null=True, index=True)
    make = CharField(max_length=40)
    model = CharField(max_length=60)
    year = IntegerField(null=True)
    color = CharField(max_length=20, null=True)
    purchase_date = DateField(null=True)
    purchase_price = DecimalField(max_digits=12, decimal_places=2, null=True)
    sold_here = BooleanField(default=True)
    mileage_km = IntegerField(null=True)
    mileage_on = DateField(null=True)
    warranty_end = DateField(null=True)
    insurance_end = DateField(null=True)
    inspection_due = DateField(null=True)
    archived = BooleanField(default=False)
    # issue #16: the renewal list (续保): policy kind (vocab PolicyKind), last year's
    # insurer, and whether we sold that policy (a car serviced here, insured elsewhere).
    insurance_kind = CharField(max_length=12, null=True)
    insurer = CharField(max_length=80, null=True)
    insured_here = BooleanField(default=True, constraints=[SQL("DEFAULT 1")])


class Visit(BaseModel):
    """A purchase or a service visit: the events whose rhythm says who is drifting."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="visits", on_delete="CASCADE")
    vehicle = ForeignKeyField(Vehicle, null=True, backref="visits", on_delete="SET NULL")
    date = DateField()
    kind = CharField(max_length=10)  # sale | service | repair | parts | accessory | insurance
    amount = DecimalField(max_digits=12, decimal_places=2, default=0)
    mileage_km = IntegerField(null=True)
    recommended = TextField(null=True)  # work the advisor recommended
    declined = TextField(null=True)  # part of it the customer declined
    advisor = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    notes = TextField(null=True)

    class Meta:
        indexes = (
            # Covering index for the per-customer aggregates (see TOOLCHAIN.md).
            (("customer", "kind", "date", "amount"), False),
            (("date",), False),
        )


class Complaint(BaseModel):
    """A complaint: the speed of the first response is what customers remember."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="complaints", on_delete="CASCADE")
    vehicle = ForeignKeyField(Vehicle, null=True, on_delete="SET NULL")
    opened_at = DateTimeField()
    category = CharField(max_length=20, default="service")
    severity = CharField(max_length=8, default="medium")  # low | medium | high
    status = CharField(max_length=12, default="open")  # vocab.complaints.ComplaintStatus
    description = TextField()
    first_response_at = DateTimeField(null=True)
    resolved_at = DateTimeField(null=True)
    resolution = TextField(null=True)
    assignee = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    visit = ForeignKeyField(Visit, null=True, on_delete="SET NULL")
    closed_at = DateTimeField(null=True)
    satisfaction = IntegerField(null=True)  # the customer's 1–5 on the resolution

    class Meta:
        indexes = ((("customer", "status", "opened_at"), False),)


class ComplaintEvent(BaseModel):
    """One step of a complaint's history: opened, responded, resolved, closed, a note."""

    id = AutoField()
    complaint = ForeignKeyField(Complaint, backref="events", on_delete="CASCADE")
    at = DateTimeField()
    status = CharField(max_length=12)
    note = TextField(null=True)
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")


class Survey(BaseModel):
    """The five loyalty factors (1–5) and the NPS question (0–10)."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="surveys", on_delete="CASCADE")
    visit = ForeignKeyField(Visit, null=True, on_delete="SET NULL")
    date = DateField()
    kind = CharField(max_length=10, default="service")  # sale | service | periodic | exit
    satisfaction = IntegerField(null=True)
    initiative = IntegerField(null=True)
    repurchase = IntegerField(null=True)
    recommend = IntegerField(null=True)
    resistance = IntegerField(null=True)
    nps = IntegerField(null=True)
    comment = TextField(null=True)

    class Meta:
        indexes = ((("customer", "date"), False),)


class Referral(BaseModel):
    """Who sent whom; a converted referral earns the referrer a reward."""

    id = AutoField()
    referrer = ForeignKeyField(Customer, null=True, backref="referrals", on_delete="SET NULL")
    partner = ForeignKeyField(Partner, null=True, backref="referrals", on_delete="SET NULL")
    referred = ForeignKeyField(
        Customer, null=True, backref="referred_by_rows", on_delete="SET NULL"
    )
    referred_name = CharField(max_length=120)
    date = DateField()
    status = CharField(max_length=10, default="referred")  # vocab.referrals.ReferralStatus
    reward = CharField(max_length=120, null=True)
    reward_given = BooleanField(default=False)
    # issue #14: the day it became bought/serviced (the friend's first visit), and the
    # reward given with its amount and day.
    status_on = DateField(null=True)
    reward_amount = DecimalField(max_digits=12, decimal_places=2, null=True)
    rewarded_on = DateField(null=True)


class PartnerReferral(BaseModel):
    """A customer exchanged with a partner business: sent to us by it, or sent to it by us.

    One row per customer, partner and direction; what the partner reports the customer
    spent with it is in ``partner_spend``.
    """

    id = AutoField()
    partner = ForeignKeyField(Partner, backref="exchanged", on_delete="CASCADE")
    customer = ForeignKeyField(Customer, backref="partner_referrals", on_delete="CASCADE")
    direction = CharField(max_length=12)  # vocab.referrals.PartnerDirection
    date = DateField()
    notes = TextField(null=True)

    class Meta:
        table_name = "partner_referral"
        indexes = ((("partner", "customer", "direction"), True),)


class PartnerSpend(BaseModel):
    """What the partner says a customer we sent it spent there (typed in or imported)."""

    id = AutoField()
    referral = ForeignKeyField(PartnerReferral, backref="spends", on_delete="CASCADE")
    date = DateField()
    amount = DecimalField(max_digits=12, decimal_places=2)
    source = CharField(max_length=20, default="typed")  # typed | import
    notes = TextField(null=True)

    class Meta:
        table_name = "partner_spend"
        indexes = ((("referral", "date"), False),)


class Followup(BaseModel):
    """A task to contact a customer on a day, and why.

    ``source_key`` names the reason (``sale:812:thanks``, ``touch:77``…) so that the
    generator finds its own earlier work instead of adding a twin.
    """

    id = AutoField()
    # No single-column indexes on customer/vehicle/campaign/assignee: the composite
    # indexes below cover the lookups, and each extra index cost ~1.5 µs per row when
    # the first plan writes 600,000 rows at 100k customers. (Their parents are archived,
    # never deleted, so the SET NULL scans do not happen in use.)
    customer = ForeignKeyField(Customer, backref="followups", on_delete="CASCADE", index=False)
    vehicle = ForeignKeyField(Vehicle, null=True, on_delete="SET NULL", index=False)
    complaint = ForeignKeyField(Complaint, null=True, on_delete="SET NULL")
    campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL", index=False)
    kind = CharField(max_length=20)
    rule = CharField(max_length=20)  # the cadence rule key that made it, or "manual"
    source_key = CharField(max_length=80, unique=True)
    purpose = CharField(max_length=10, default="service")  # service | marketing
    essential = BooleanField(default=False)  # exempt from the contact-fatigue cap
    due = DateField()
    status = CharField(max_length=10, default="pending")  # pending | done | skipped
    assignee = ForeignKeyField(Staff, null=True, on_delete="SET NULL", index=False)
    reason = CharField(max_length=200, null=True)
    attempt = IntegerField(default=1)
    outcome = CharField(max_length=12, null=True)
    completed_at = DateTimeField(null=True)
    notes = TextField(null=True)
    # issue #7: the planner's channel (greetings are batched per channel) and the
    # one-time catch-up list of a customer's first plan.
    channel = CharField(max_length=10, null=True)
    catchup = BooleanField(default=False, constraints=[SQL("DEFAULT 0")])
    # issue #14: addressed to a named person at a company (NULL: the customer as a whole)
    contact_person = ForeignKeyField(ContactPerson, null=True, on_delete="SET NULL", index=False)

    class Meta:
        indexes = (
            (("customer", "status"), False),
            (("status", "due"), False),
        )


class CampaignMember(BaseModel):
    """A customer invited to a campaign, the message they get, and how they answered."""

    id = AutoField()
    campaign = ForeignKeyField(Campaign, backref="members", on_delete="CASCADE")
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    message = TextField(null=True)
    reached = BooleanField(default=False)
    accepted = BooleanField(default=False)
    visited = BooleanField(default=False)

    class Meta:
        indexes = ((("campaign", "customer"), True),)


class ContactLog(BaseModel):
    """Every contact, in or out; the last one resets the stay-in-touch clock."""

    id = AutoField()
    customer = ForeignKeyField(Customer, backref="contacts", on_delete="CASCADE")
    at = DateTimeField()
    channel = CharField(max_length=10)  # phone | sms | wechat | email | visit
    direction = CharField(max_length=3, default="out")  # out | in
    outcome = CharField(max_length=12)  # reached | no_answer | call_back | wrong_number | declined
    purpose = CharField(max_length=10, default="service")
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    followup = ForeignKeyField(Followup, null=True, on_delete="SET NULL")
    notes = TextField(null=True)
    # issue #14: addressed to a named person at a company (NULL: the customer as a whole)
    contact_person = ForeignKeyField(ContactPerson, null=True, on_delete="SET NULL", index=False)

    class Meta:
        table_name = "contact_log"
        indexes = ((("customer", "at"), False),)


class ContactPause(BaseModel):
    """A contact type paused (until a day, or until cleared) or closed for one vehicle,
    with the reason a person gave or the outcome that caused it (issue #16).

    Active while ``cleared_at`` is null and ``until`` is null or not past; the cadence
    planner blocks that car's follow-ups of the type (``all``: every type).
    """

    id = AutoField()
    customer = ForeignKeyField(Customer, on_delete="CASCADE", index=False)
    vehicle = ForeignKeyField(Vehicle, on_delete="CASCADE")
    contact_type = CharField(max_length=12)  # vocab.aftersales.ContactType
    state = CharField(max_length=8, default="paused")  # vocab.aftersales.PauseState
    reason = CharField(max_length=200)
    outcome = CharField(max_length=12, null=True)  # the outcome code that set it, if any
    since = DateField()
    until = DateField(null=True)
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL", index=False)
    cleared_at = DateTimeField(null=True)

    class Meta:
        table_name = "contact_pause"
        indexes = ((("customer", "cleared_at"), False),)


class CadenceRule(BaseModel):
    """One row of the follow-up cadence table, editable in Settings."""

    id = AutoField()
    key = CharField(max_length=20, unique=True)
    label = CharField(max_length=80)
    offset_days = IntegerField()  # days after (or, negative, before) the trigger
    limit_days = IntegerField(null=True)  # rule-specific second figure (max, interval…)
    purpose = CharField(max_length=10, default="service")
    essential = BooleanField(default=False)
    enabled = BooleanField(default=True)


class Setting(BaseModel):
    """Dealership-wide settings as key/value text (name, country, phone region…)."""

    key = CharField(max_length=40, primary_key=True)
    value = TextField()


class AuditLog(Model):
    """Who changed what, when: append-only."""

    id = AutoField()
    at = DateTimeField(default=_now, index=True)
    staff = ForeignKeyField(Staff, null=True, on_delete="SET NULL")
    action = CharField(max_length=20)
    entity = CharField(max_length=20)
    entity_id = IntegerField(null=True)
    details = TextField(null=True)

    class Meta:
        database = database
        table_name = "audit_log"


class CustomerSearch(Model):
    """Lower-cased haystack per customer: names, pinyin and initials, phones, plates, VINs.

    Identifiers (phones, plates, VINs) sit in their own column, searched only by
    fragments that look like one (a digit, a province character, or 4+ characters), so
    the pinyin initials "zw" find 张伟 and not every plate with a Z and a W in it.
    """

    customer = ForeignKeyField(Customer, primary_key=True, on_delete="CASCADE")
    text = TextField()  # names, pinyin, initials, WeChat id, e-mail
    id_text = TextField(default="")  # phone digits, plates, VINs

    class Meta:
        database = database
        table_name = "customer_search"


class CustomerScore(Model):
    """Cached analytics per customer (risk, tier, RFM, lifecycle), rebuilt by services."""

    customer = ForeignKeyField(Customer, primary_key=True, on_delete="CASCADE")
    computed_on = DateField()
    score = IntegerField()  # indexed with spend_24m: the at-risk order (Meta)
    band = CharField(max_length=8, index=True)  # a dealerdesk.vocab RiskBand code
    reasons = TextField()  # JSON list of sentences
    p_alive = FloatField(null=True)
    expected_visits = FloatField(null=True)
    tier = CharField(max_length=10, index=True)
    rfm = CharField(max_length=3)
    segment = CharField(max_length=20, index=True)
    lifecycle = CharField(max_length=10)
    spend_24m = DecimalField(max_digits=14, decimal_places=2, default=0)
    action = CharField(max_length=200, null=True)
    # What decided the row (``scores.signature``): a full refresh rewrites only the rows
    # whose signature moved. NULL: unknown (written before schema 14), rewritten.
    sig = BigIntegerField(null=True)

    class Meta:
        database = database
        table_name = "customer_score"
        # "Top N at risk" walks this index in order and stops after N (ties on score are
        # common: a few thousand customers at 100 on a large file).
        indexes = ((("score", "spend_24m"), False),)


class FollowupPlan(Model):
    """A customer whose follow-up plan is settled: the last generation run found nothing
    to change, from inputs whose fingerprint (a hash of every fact the plan was made
    from, of the run's day, rules and settings, and of the planner's code) is
    ``inputs``. A run whose fingerprint of the customer is the same skips them: the plan
    would again change nothing. ``wanted``/``held``: that plan's follow-ups kept and held
    back by the fatigue cap (for the run's counts). Not a foreign key: a stale row can
    only fail to match, never match wrongly."""

    customer_id = IntegerField(primary_key=True)
    inputs = CharField(max_length=32)
    wanted = IntegerField()
    held = IntegerField()

    class Meta:
        database = database
        table_name = "followup_plan"


class MembershipCard(BaseModel):
    """A member's card (会员卡, issue #14): the tier the staff set, not the computed one.

    ``tier`` is a ValueTier code; the 80/20 suggestion lives in ``customer_score.tier``
    and is never written here, so a tier set by hand (``overridden``) stays until a
    person accepts the suggestion.
    """

    id = AutoField()
    customer = ForeignKeyField(Customer, unique=True, backref="cards", on_delete="CASCADE")
    tier = CharField(max_length=10)
    card_number = CharField(max_length=24, unique=True)
    issued_on = DateField()
    benefits = TextField(null=True)
    overridden = BooleanField(default=False)

    class Meta:
        table_name = "membership_card"


class KeyAccount(BaseModel):
    """A company's next fleet purchase (大客户, issue #14): its stage, date and size."""

    customer = ForeignKeyField(Customer, primary_key=True, on_delete="CASCADE")
    stage = CharField(max_length=16, default="none", index=True)  # vocab.accounts.PurchaseStage
    expected_on = DateField(null=True)
    fleet_size = IntegerField(null=True)
    notes = TextField(null=True)

    class Meta:
        table_name = "key_account"


class VehicleDriver(BaseModel):
    """Who at a company drives one of its vehicles (one driver per vehicle)."""

    vehicle = ForeignKeyField(Vehicle, primary_key=True, on_delete="CASCADE")
    contact_person = ForeignKeyField(ContactPerson, on_delete="CASCADE")

    class Meta:
        table_name = "vehicle_driver"


class AddedValueOffer(BaseModel):
    """An "A+" suggestion the desk was shown (issue #14): the first step of its count.

    ``source_key`` is the suggestion's own key, which its follow-up also carries, so
    shown → follow-up made → taken up is one join.
    """

    id = AutoField()
    source_key = CharField(max_length=80, unique=True)
    customer = ForeignKeyField(Customer, on_delete="CASCADE")
    vehicle = ForeignKeyField(Vehicle, null=True, on_delete="SET NULL", index=False)
    kind = CharField(max_length=20)  # vocab.accounts.AddedValueKind
    shown_on = DateField()

    class Meta:
        table_name = "added_value_offer"


class SchemaVersion(Model):
    """One row per applied schema version; the highest is the file's version."""

    version = IntegerField(primary_key=True)
    applied_at = DateTimeField(default=_now)
    app_version = CharField(max_length=20)

    class Meta:
        database = database
        table_name = "schema_version"


ALL_MODELS: tuple[type[Model], ...] = (
    SchemaVersion,
    Setting,
    Staff,
    Partner,
    Campaign,
    Customer,
    ContactPerson,
    Consent,
    PersonalDate,
    Vehicle,
    Visit,
    Complaint,
    ComplaintEvent,
    Survey,
    Referral,
    PartnerReferral,
    PartnerSpend,
    Followup,
    CampaignMember,
    ContactLog,
    ContactPause,
    CadenceRule,
    AuditLog,
    CustomerSearch,
    CustomerScore,
    FollowupPlan,
    MembershipCard,
    KeyAccount,
    VehicleDriver,
    AddedValueOffer,
)

__all__ = [m.__name__ for m in ALL_MODELS] + ["ALL_MODELS"]

# Open follow-ups are a small slice of a large table: a partial index keeps "what is
# due" at a few milliseconds where a plain due-date index was 50x slower (TOOLCHAIN.md).
Followup.add_index(
    Followup.index(Followup.due, Followup.assignee, name="followup_pending_due").where(
        Followup.status == "pending"
    )
)
# issue #7: the day's ranking reads every open follow-up due by today from this index
# alone (no table lookups), and the catch-up list is counted from its ``catchup = 1``
# end. It ends with the column of its WHERE (SQLite counts an index as covering only
# then), and ``catchup`` leads, so the planner picks it over (status, due) without
# ANALYZE statistics.
Followup.add_index(
    Followup.index(Followup.catchup, Followup.due, Followup.assignee, Followup.kind,
                   Followup.customer, Followup.channel, Followup.status,
                   name="followup_pending_day")
    .where(Followup.status == "pending")
)  # fmt: skip
