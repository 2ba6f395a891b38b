"""The demo data `make run` starts with: a tenant with one user per role and ~200 realistic leads
(their contacts, some with several leads, their companies and tags), a second tenant (to see
isolation), and the platform's developer users."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal
from typing import Any

from convertly.accounts import use_cases as accounts
from convertly.accounts.domain import SignUp
from convertly.analytics.rebuild import rebuild
from convertly.capture import forms
from convertly.capture.domain import FormCreate
from convertly.contacts import contacts as contact_use_cases
from convertly.contacts.domain import ContactFilters, ContactRole, ContactUpdate
from convertly.leads import use_cases as leads
from convertly.leads.domain.leads import Attribution, LeadCreate, LeadFilters, LeadSource, StageChange
from convertly.permissions import Role
from convertly.pipelines.stage_change import change_stage
from convertly.pipelines.use_cases import list_pipelines
from convertly.platform.clock import iso, now
from convertly.platform.principal import Principal
from devstack.seed_affiliates import seed_affiliates
from devstack.seed_ai import seed_ai
from devstack.seed_automation import seed_automation
from devstack.seed_sms import seed_sms
from devstack.seed_work import seed_work
from devstack.seeding import Demo, Login

PASSWORD = "Convertly-Demo-1"
DEMO_DOMAIN = "summitroofing.test"

FIRST = [
    "Olivia",
    "Liam",
    "Emma",
    "Noah",
    "Ava",
    "Elijah",
    "Sophia",
    "James",
    "Isabella",
    "Lucas",
    "Mia",
    "Mateo",
    "Amelia",
    "Ethan",
    "Harper",
    "Logan",
]
LAST = [
    "Garcia",
    "Nguyen",
    "Patel",
    "Johnson",
    "Kowalski",
    "Okafor",
    "Rossi",
    "Larsen",
    "Dubois",
    "Tanaka",
    "Silva",
    "Murphy",
    "Schmidt",
    "Haddad",
]
COMPANIES = ["", "", "Oak Street HOA", "Bright Dental", "Harbor Cafe", "Keystone Storage", "Lakeview Church"]
CAMPAIGNS = ["spring-roof-repair", "storm-damage", "free-inspection", "gutter-guard"]
SOURCES: list[tuple[LeadSource, int]] = [
    (LeadSource.GOOGLE_ADS, 40),
    (LeadSource.META_ADS, 30),
    (LeadSource.ORGANIC_SEARCH, 10),
    (LeadSource.REFERRAL, 10),
    (LeadSource.DIRECT, 5),
    (LeadSource.MICROSOFT_ADS, 5),
]
STAGE_WEIGHTS = [40, 25, 15, 12, 8]  # New, Contacted, Qualified, Closed Won, Closed Lost


def _attribution(rng: random.Random, source: LeadSource, created_ms: int) -> Attribution:
    campaign = rng.choice(CAMPAIGNS)
    page = f"https://{DEMO_DOMAIN}/{campaign}"
    common: dict[str, Any] = {"landing_page": page, "utm_campaign": campaign}
    if source is LeadSource.GOOGLE_ADS:
        gclid = "Cj0KCQ" + "".join(
            rng.choices("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz0123456789", k=40)
        )
        return Attribution(gclid=gclid, utm_source="google", utm_medium="cpc", **common)
    if source is LeadSource.META_ADS:
        fbclid = "IwAR" + "".join(
            rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", k=40)
        )
        return Attribution(fbclid=fbclid, fbc=f"fb.1.{created_ms}.{fbclid}", utm_source="facebook", **common)
    if source is LeadSource.MICROSOFT_ADS:
        return Attribution(
            msclkid=f"{rng.getrandbits(128):032x}", utm_source="bing", utm_medium="cpc", **common
        )
    if source is LeadSource.REFERRAL:
        return Attribution(referrer="https://www.nextdoor.com/", landing_page=page)
    if source is LeadSource.ORGANIC_SEARCH:
        return Attribution(referrer="https://www.google.com/", landing_page=f"https://{DEMO_DOMAIN}/")
    return Attribution(landing_page=f"https://{DEMO_DOMAIN}/")


def _principal(tenant_id: str, user_id: str, role: Role, email: str, name: str) -> Principal:
    return Principal(user_id=user_id, tenant_id=tenant_id, role=role, email=email, name=name)


# A person comes back for another job this often: their new lead joins their contact.
REPEAT_SHARE = 0.15
CONTACT_TAGS = ["vip", "repeat customer", "commercial", "newsletter", "referral partner"]


def _seed_leads(admin: Principal, owners: list[str], count: int, rng: random.Random) -> None:
    """Leads over 90 days; some people come back (a second or third lead for the same contact), and
    people at the same business share a company."""
    pipeline = list_pipelines(admin)[0]
    stage_ids = [stage.stage_id for stage in pipeline.stages]
    sources, weights = zip(*SOURCES, strict=True)
    start = now()
    people: list[tuple[str, str, str, str, str | None]] = []
    for index in range(count):
        if people and rng.random() < REPEAT_SHARE:
            first, last, email, phone, company = rng.choice(people)
        else:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            email = f"{first}.{last}{index}@example.com".lower()
            phone = f"+1 555 {rng.randint(200, 999)} {rng.randint(1000, 9999)}"
            company = rng.choice(COMPANIES) or None
            people.append((first, last, email, phone, company))
        source = rng.choices(sources, weights)[0]
        created = start - timedelta(days=rng.uniform(0, 90), minutes=index)
        request = LeadCreate(
            first_name=first,
            last_name=last,
            email=email,
            phone=phone,
            company=company,
            value=Decimal(rng.choice([850, 1200, 2400, 4800, 7500, 12000, 18500])),
            currency="USD",
            owner_id=rng.choice(owners) if rng.random() < 0.85 else None,
            source=source,
            tags=rng.sample(
                ["roof", "gutter", "siding", "insurance", "urgent", "commercial"], k=rng.randint(0, 2)
            ),
            attribution=_attribution(rng, source, int(created.timestamp() * 1000)),
            pipeline_id=pipeline.pipeline_id,
            stage_id=rng.choices(stage_ids, STAGE_WEIGHTS)[0],
        )
        leads.create_lead(admin, request, at=iso(created))


def _seed_contacts(admin: Principal, rng: random.Random) -> None:
    """Roles as their leads stand (a won lead's contact a Client, a qualified one's a Prospect) and a
    few tags, set as a rep would through the contacts API."""
    pipeline = list_pipelines(admin)[0]
    kinds = {stage.stage_id: stage.kind for stage in pipeline.stages}
    qualified = pipeline.stages[2].stage_id
    cursor: str | None = None
    while True:
        page = contact_use_cases.list_contacts(admin, ContactFilters(), cursor, 100)
        for contact in page.items:
            detail = contact_use_cases.get_contact(admin, contact.contact_id)
            stages = {lead.stage_id for lead in detail.leads}
            role: ContactRole = detail.role
            if any(kinds.get(s) == "won" for s in stages):
                role = "Client"
            elif qualified in stages:
                role = "Prospect"
            tags = rng.sample(CONTACT_TAGS, k=1) if rng.random() < 0.3 else []
            if role != detail.role or tags:
                update = ContactUpdate(version=detail.version, role=role, tags=tags)
                contact_use_cases.update_contact(admin, contact.contact_id, update)
        cursor = page.next_cursor
        if cursor is None:
            return


def _seed_moves(mover: Principal, moves: int) -> None:
    """A manager works some new leads through the board: each move has its history and its event, so
    the owners' bells (the notifier consumer) and the leads' timelines have something to show."""
    pipeline = list_pipelines(mover)[0]
    new, contacted, qualified, won = (stage.stage_id for stage in pipeline.stages[:4])
    page = leads.list_leads(mover, LeadFilters(stage_id=new), None, moves)
    for index, lead in enumerate(page.items):
        path = [contacted, qualified, won][: 1 + (index % 3 == 0) + (index % 6 == 0)]
        version = lead.version
        for stage_id in path:
            version = change_stage(
                mover, lead.lead_id, StageChange(stage_id=stage_id, version=version)
            ).version


def _tenant(company: str, admin_name: str, email: str) -> Principal:
    tenant, _ = accounts.sign_up(
        SignUp(company_name=company, name=admin_name, email=email, password=PASSWORD)
    )
    admin = next(
        u for u in accounts.list_users(_principal(tenant.tenant_id, "", Role.ADMIN, email, admin_name))
    )
    return _principal(tenant.tenant_id, admin.user_id, Role.ADMIN, email, admin_name)


def seed_demo(lead_count: int = 200) -> Demo:
    """Create the demo data and return what to print: the logins (role, email, password, tenant) and
    the demo form."""
    rng = random.Random(20261123)  # the same demo every time
    demo = "Summit Roofing Co"
    admin = _tenant(demo, "Avery Admin", f"admin@{DEMO_DOMAIN}")
    logins = [Login(Role.ADMIN.value, admin.email, PASSWORD, demo)]
    team = [
        (Role.MANAGER, "Morgan Manager", "manager"),
        (Role.SALES, "Sam Sales", "sales"),
        (Role.SALES, "Riley Sales", "sales2"),
        (Role.STAFF, "Sky Staff", "staff"),
    ]
    owners: list[str] = []
    manager: Principal | None = None
    for role, name, local in team:
        email = f"{local}@{DEMO_DOMAIN}"
        user = accounts.add_member(admin.tenant_id, email, name, role, PASSWORD)
        if role is Role.SALES:
            owners.append(user.user_id)
        if role is Role.MANAGER:
            manager = _principal(admin.tenant_id, user.user_id, role, email, name)
        logins.append(Login(role.value, email, PASSWORD, demo))
    _seed_leads(admin, owners, lead_count, rng)
    assert manager is not None
    _seed_moves(manager, moves=12)
    _seed_contacts(admin, rng)
    form_id = _seed_form(admin)
    seed_work(admin, owners, rng)
    seed_automation(admin, form_id, owners)
    seed_sms(admin)
    seed_ai(manager, rng)

    other = _tenant("Harbor Plumbing", "Hana Harbor", "admin@harborplumbing.test")
    _seed_leads(other, [other.user_id], 5, rng)
    # The reports open on figures at once; the consumer, catching up on the seed's events, finds
    # nothing left to change.
    for tenant_id in (admin.tenant_id, other.tenant_id):
        rebuild(tenant_id)
    logins.append(Login(f"{Role.ADMIN.value} (second tenant)", other.email, PASSWORD, "Harbor Plumbing"))

    for role, local in [
        (Role.DEVELOPER, "developer"),
        (Role.DEVELOPER_ADMIN, "devadmin"),
        (Role.DEVELOPER_STAFF, "devstaff"),
    ]:
        email = f"{local}@convertly.test"
        accounts.add_member(accounts.PLATFORM_TENANT, email, role.value, role, PASSWORD)
        logins.append(Login(role.value, email, PASSWORD, "Convertly platform"))
    # The partner signs in to the affiliate program's portal, apart from every tenant.
    logins.append(seed_affiliates(f"affiliate@{DEMO_DOMAIN}", PASSWORD, rng))
    return Demo(logins, form_id)


def _seed_form(admin: Principal) -> str:
    """A published quote form, its leads given to the Sales users in turn; the site may embed it from
    summitroofing.test or a page on localhost. Its hosted page is /f/<form_id> (GET /forms lists it)."""
    fields = [
        {"name": "name", "type": "text", "label": "Your name", "required": True, "maps_to": "full_name"},
        {"name": "email", "type": "email", "label": "Email", "required": True},
        {"name": "phone", "type": "phone", "label": "Phone"},
        {
            "name": "service",
            "type": "select",
            "label": "What do you need?",
            "options": ["Roof repair", "New roof", "Gutters", "Free inspection"],
        },
        {"name": "message", "type": "textarea", "label": "Tell us about your roof", "max_length": 2000},
        {
            "name": "ads_ok",
            "type": "consent",
            "label": "Summit Roofing may use my data to measure and personalise its ads",
            "consent_signals": ["ad_user_data", "ad_personalization"],
        },
    ]
    form = forms.create_form(
        admin,
        FormCreate.model_validate(
            {
                "name": "Free roof inspection",
                "fields": fields,
                "submit_label": "Book my inspection",
                "assignment": {"mode": "round_robin"},
                "thank_you_message": "Thanks! A roofer will call you within one business day.",
                "allowed_domains": [DEMO_DOMAIN, f"*.{DEMO_DOMAIN}", "localhost", "127.0.0.1"],
                "tags": ["web-form"],
            }
        ),
    )
    forms.publish_form(admin, form.form_id)
    return form.form_id
