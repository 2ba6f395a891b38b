"""`python -m bench.contacts`: what contacts cost, in one run with a moto of its own.

1. A page of 25 contacts against the tenant's size: one tenant of 1,000 contacts and one of 100,000
   (written straight to the table, bench/contact_seeding.py), each page read through the use cases
   (convertly.contacts.contacts.list_contacts, convertly.contacts.smart_lists.list_members) as the
   tenant's Admin: by creation, name and update, by role, by owner, a search, and a smart list of
   the VIP-tagged contacts (built by convertly.contacts.membership.build for the small tenant; its
   members partition written in the same layout for the large one). Read units are computed from
   what each call read (bench/capacity.py); the target is the large tenant's over the small one's.
2. Form submissions (POST /f/{form_id} as the snippet posts them, bench/forms.py) from a new person
   and from a known contact under the "create" and the "attach" policy, each followed by the outbox
   relay publishing its event.
3. The contacts backfill over leads from before contacts (bench/contact_backfill.py).

Transactions use devstack/moto_speedups.py and Queries bench/moto_queries.py: moto would otherwise
copy or sort the whole table for each, and the table holds a million items here. Neither changes
what moto answers. Part 2 runs first, while the table is small; part 3 before part 1's 100,000.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import forms
from bench.contact_backfill import BackfillResults
from bench.contact_seeding import (
    VIP_TAG,
    SeededContacts,
    Writer,
    seed_contacts,
    seed_members,
    vip_list_filters,
)
from bench.scenarios import Bench, RequestReport

RESULTS = Path(__file__).resolve().parent / ".results-contacts.json"
SIZES = (1_000, 100_000)
BUILD_UP_TO = 10_000  # contacts: a larger tenant's list members are written, not built
PAGE = 25
SEARCH = "mar"
RATIO_TARGET = 1.1
KNOWN_CONTACT_CALLS_TARGET = forms.CALLS_TARGET + 1  # request + relay, for a known contact
BACKFILL_LEADS = 10_000  # 100,000 would take well over an hour in moto; per lead the same (README)
PATTERNS = (
    "sort=created",
    "sort=name",
    "sort=updated",
    "role=Client",
    "owner=<Admin>",
    f"q={SEARCH}",
    f"smart list (tags={VIP_TAG})",
)


def _progress(message: str) -> None:
    print(message, file=sys.__stderr__, flush=True)


# 1. List pages -------------------------------------------------------------------------------------


@dataclass
class ListTenant:
    size: int
    principal: Any  # convertly.platform.principal.Principal
    list_id: str
    seeded: SeededContacts


@dataclass
class PatternReport:
    pattern: str
    reports: list[RequestReport]  # one per tenant, in SIZES order

    @property
    def ratio(self) -> float:
        small, large = self.reports[0].computed.rcu, self.reports[-1].computed.rcu
        return large / small if small else float("inf")


def _list_tenant(bench: Bench, writer: Writer, size: int) -> ListTenant:
    from convertly.contacts.domain import SmartListCreate, SmartListFilters
    from convertly.contacts.membership import build
    from convertly.contacts.smart_lists import create_smart_list, get_smart_list
    from convertly.permissions import Role
    from convertly.platform.principal import Principal
    from convertly.resources import TABLE

    tenant = bench.sign_up(f"contacts{size}@bench.test")
    user = bench.api.call("GET", "/me", token=tenant.token)["user"]
    principal = Principal(user["user_id"], tenant.tenant_id, Role.ADMIN, user["email"], user["name"])
    seeded = seed_contacts(writer, tenant.tenant_id, principal.user_id, size, datetime.now(UTC))
    request = SmartListCreate(name="VIP", filters=SmartListFilters.model_validate(vip_list_filters()))
    smart_list = create_smart_list(principal, request)
    if size <= BUILD_UP_TO:
        build(tenant.tenant_id, smart_list.list_id, lambda: True)
    else:
        seed_members(
            writer,
            bench.stack.client("dynamodb"),
            TABLE.name,
            tenant.tenant_id,
            smart_list.list_id,
            seeded.vip,
        )
    built = get_smart_list(principal, smart_list.list_id)
    if built.status != "ready" or built.members != len(seeded.vip):
        raise RuntimeError(f"the VIP list is {built.status} with {built.members}, {len(seeded.vip)} expected")
    return ListTenant(size, principal, smart_list.list_id, seeded)


def _member_layout(tenant: ListTenant) -> dict[str, list[str]]:
    """The attributes of each kind of item in the list's members partition."""
    from convertly.contacts import keys
    from convertly.platform.store.items import Item, load_every_kind

    load_every_kind()
    partition = keys.members(tenant.principal.tenant_id, tenant.list_id, 1)  # a new list's generation
    layout: dict[str, list[str]] = {}
    for prefix in ("C#", keys.MEMBER_COUNT_SK, "S#"):
        for item in Item.query(partition, Item.SK.startswith(prefix), limit=1):
            names = {name for name, value in item.attribute_values.items() if value is not None}
            layout[type(item).__name__] = sorted(names - {"PK", "SK"})
    return layout


def _read_page(tenant: ListTenant, pattern: str) -> Any:
    from convertly.contacts.contacts import list_contacts
    from convertly.contacts.domain import ContactFilters
    from convertly.contacts.smart_lists import list_members

    principal = tenant.principal
    if pattern.startswith("smart list"):
        return list_members(principal, tenant.list_id, None, None, PAGE)
    filters = {
        "sort=created": ContactFilters(sort="created"),
        "sort=name": ContactFilters(sort="name"),
        "sort=updated": ContactFilters(sort="updated"),
        "role=Client": ContactFilters(role="Client"),
        "owner=<Admin>": ContactFilters(owner_id=principal.user_id),
        f"q={SEARCH}": ContactFilters(q=SEARCH),
    }[pattern]
    return list_contacts(principal, filters, None, PAGE)


def _measure_page(bench: Bench, tenant: ListTenant, pattern: str) -> RequestReport:
    _read_page(tenant, pattern)  # warm-up: the connection, as in a warm Lambda
    with bench.meter.recording() as recording:
        page = _read_page(tenant, pattern)
    if len(page.items) != PAGE or page.next_cursor is None:
        raise RuntimeError(f"{pattern} at {tenant.size:,}: {len(page.items)} rows, cursor {page.next_cursor}")
    return bench._report(f"{pattern} ({tenant.size:,})", pattern, recording.calls, 0)


def measure_lists(bench: Bench, writer: Writer) -> tuple[list[PatternReport], list[SeededContacts]]:
    tenants = []
    for size in SIZES:
        _progress(f"seeding {size:,} contacts ...")
        tenants.append(_list_tenant(bench, writer, size))
    layouts = [_member_layout(t) for t in tenants]
    if len(layouts[0]) != 3 or any(layout != layouts[0] for layout in layouts):
        raise RuntimeError(f"the written members differ from the built ones: {layouts}")
    patterns = [PatternReport(p, [_measure_page(bench, t, p) for t in tenants]) for p in PATTERNS]
    return patterns, [t.seeded for t in tenants]


# 2. Form submissions -------------------------------------------------------------------------------


@dataclass
class SubmissionReport:
    name: str
    request: RequestReport
    relay: Counter[str]
    known: bool

    @property
    def total_calls(self) -> int:
        return self.request.total_calls + sum(self.relay.values())


@dataclass
class SubmissionResults:
    cases: list[SubmissionReport] = field(default_factory=list)
    leads_of_contact: int = 0  # after the three posts: 2 (the first, and the "create" one)
    touches_on_lead: int = 0  # the newest lead's touches: 2 (its own, and the "attach" one)


def _again(n: int, click: str) -> dict[str, Any]:
    body = forms._post(n)
    body["attribution"]["gclid"] = f"Cj0KCQjw-{click}"
    return body


def measure_submissions(bench: Bench) -> SubmissionResults:
    """A new person, then the same person (a known contact) on the "create" form and on the
    "attach" form; each after warm-ups of the same path, so the container's caches are warm."""
    from convertly.contacts.writes import find_contact
    from convertly.leads import service as leads

    tenant = bench.sign_up("contacts-forms@bench.test")
    create_form, attach_form = forms._form(bench, tenant, "create"), forms._form(bench, tenant, "attach")
    visitor = forms._Visitor(bench)
    for n, form in ((0, create_form), (1, attach_form)):  # a new person, then the same one back
        visitor.post("warm-up", form, forms._post(n), f"contacts-warmup-{n}")
        visitor.post("warm-up", form, _again(n, "warm"), f"contacts-warmup-{n}-again")
    results = SubmissionResults()
    for name, form, body, known in (
        ("new person", create_form, forms._post(20), False),
        ("known contact, create policy (a new lead)", create_form, _again(20, "second"), True),
        ("known contact, attach policy (a touch on its open lead)", attach_form, _again(20, "third"), True),
    ):
        case = visitor.post(name, form, body, f"contacts-{len(results.cases)}")
        results.cases.append(SubmissionReport(name, case.report, forms._relay_last(bench, tenant), known))
    match = find_contact(tenant.tenant_id, forms._post(20)["fields"]["email"], None)
    if match is not None:
        results.leads_of_contact = len(match.links)
        newest = leads.get_lead(tenant.tenant_id, match.links[0].lead_id)
        results.touches_on_lead = int(newest.touch_count or 0) if newest is not None else 0
    return results


# The run -------------------------------------------------------------------------------------------


@dataclass
class ContactsResults:
    lists: list[PatternReport]
    tenants: list[SeededContacts]  # in SIZES order
    submissions: SubmissionResults
    backfill: BackfillResults
    seconds: float = 0.0


def main() -> int:
    started = time.perf_counter()
    from bench import stack

    # Before anything imports convertly: the models bind the endpoint at import.
    endpoint = stack.reserve_endpoint()

    from bench import contact_backfill, report
    from convertly.resources import TABLE

    captured = io.StringIO()  # the handlers' logs and metrics; shown only on failure
    local, meter, schema = stack.start_metered(endpoint)
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            meter.install()
            bench = Bench(local, meter, schema)
            writer = Writer(local.client("dynamodb"), TABLE.name)
            _progress("measuring form submissions that match a contact ...")
            submissions = measure_submissions(bench)
            _progress(f"seeding {BACKFILL_LEADS:,} leads from before contacts and backfilling them ...")
            backfill = contact_backfill.run(bench, writer, BACKFILL_LEADS)
            lists, tenants = measure_lists(bench, writer)
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        meter.uninstall()
        local.stop()
    results = ContactsResults(lists, tenants, submissions, backfill, time.perf_counter() - started)
    print(report.render_contacts(results))
    RESULTS.write_text(json.dumps(report.contacts_json(results), indent=2) + "\n", encoding="utf-8")
    print(f"\nfigures written to {RESULTS} in {time.perf_counter() - started:.0f} s")
    return 0 if all(ok for _, _, ok in report.contacts_targets(results)) else 1


if __name__ == "__main__":
    sys.exit(main())
