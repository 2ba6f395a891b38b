"""`python -m bench.conversions`: HTTP requests per conversion for a burst of 1,000 wins across three
tenants, then 200 value edits of won leads, fed to the conversions function in SQS batches of ten
against the local Google Ads, OAuth and Meta fakes. Targets: one request per tenant and platform per
batch, and the ledger's net value per platform equal to the leads' final values (Google Ads: restated;
Meta cannot correct a Purchase, so its difference is the edits' and is printed as such)."""

from __future__ import annotations

import contextlib
import io
import json
import random
import sys
import time
import uuid
from collections import Counter
from typing import Any

WINS = 1000
EDITS = 200
TENANTS = 3
BATCH = 10


def main() -> int:
    from bench import stack

    endpoint = stack.reserve_endpoint()
    local = stack.start(endpoint)
    captured = io.StringIO()  # the handlers' logs and metrics; shown only on failure
    try:
        with contextlib.redirect_stdout(captured):
            figures = run(local)
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        local.stop()
    print(render(figures))
    return 0 if figures["ratio"] <= 1.0 and figures["edit_ratio"] <= 1.0 else 1


def _configure(local: Any, n: int) -> tuple[str, str, str]:
    """A tenant with its own Google customer and Meta dataset; (tenant id, customer id, dataset id)."""
    email = f"bench-conversions-{n}-{uuid.uuid4().hex[:6]}@example.test"
    signed = local.api.call(
        "POST",
        "/auth/signup",
        {
            "company_name": f"Bench Roofing {n}",
            "name": "Bea Bench",
            "email": email,
            "password": "Correct-Horse-9",
        },
    )
    customer, dataset = f"100000000{n}", f"90000000000000{n}"
    settings = {
        "google_ads": {
            "customer_id": customer,
            "conversion_action_id": "555",
            "developer_token": f"dev-token-{n}",
            "client_id": "bench-client",
            "client_secret": "bench-secret",
            "refresh_token": f"1//bench-refresh-{n}",
        },
        "meta": {"dataset_id": dataset, "access_token": f"EAAG-bench-{n}"},
    }
    local.api.call("PUT", "/settings/ads", settings, signed["tokens"]["id_token"])
    return signed["tenant"]["tenant_id"], customer, dataset


def _leads(tenant_ids: list[str]) -> list[tuple[str, Any]]:
    from convertly.leads import keys as leads_keys
    from convertly.leads.items import LeadItem
    from convertly.leads.store import apply_index_keys
    from convertly.platform.clock import iso, new_id

    made, at = [], iso()
    with LeadItem.batch_write() as batch:
        for n in range(WINS):
            tenant_id, lead_id = tenant_ids[n % len(tenant_ids)], new_id()
            lead = LeadItem(
                leads_keys.lead(tenant_id, lead_id),
                leads_keys.LEAD_SK,
                lead_id=lead_id,
                tenant_id=tenant_id,
                first_name="Win",
                last_name=str(n),
                email=f"win{n}@example.test",
                phone=f"+1415555{n:04d}",
                value=100_000 + n,
                currency="USD",
                source="form",
                attribution={
                    "gclid": f"Cj0-bench-{n}",
                    "first_seen_at": at,
                    "fbp": f"fb.1.1700000000000.{n}",
                },
                pipeline_id="P",
                stage_id="WON",
                stage_entered_at=at,
                created_at=at,
                created_by="bench",
                updated_at=at,
            )
            apply_index_keys(lead)
            batch.save(lead)
            made.append((tenant_id, lead))
    return made


def _record(tenant_id: str, lead: Any, arn: str) -> dict[str, Any]:
    from convertly.platform.clock import iso

    detail = {
        "tenant_id": tenant_id,
        "event_id": uuid.uuid4().hex,
        "occurred_at": iso(),
        "subject_id": lead.lead_id,
        "data": {
            "lead_id": lead.lead_id,
            "to_kind": "won",
            "to_stage_id": "WON",
            "value_minor": int(lead.value),
            "currency": "USD",
            "reopened": False,
            "lead": {"attribution": {}},
        },
    }
    body = {"source": "convertly.crm", "detail-type": "LeadStageChanged", "detail": detail}
    return _sqs_record(body, arn)


def _sqs_record(body: dict[str, Any], arn: str) -> dict[str, Any]:
    """An SQS record of the conversions queue carrying `body`, first received."""
    return {
        "messageId": str(uuid.uuid4()),
        "receiptHandle": uuid.uuid4().hex,
        "body": json.dumps(body),
        "attributes": {"ApproximateReceiveCount": "1"},
        "eventSourceARN": arn,
    }


def _edit_record(tenant_id: str, lead: Any, old: int, new: int, arn: str) -> dict[str, Any]:
    from convertly.platform.clock import iso

    detail = {
        "tenant_id": tenant_id,
        "event_id": uuid.uuid4().hex,
        "occurred_at": iso(),
        "subject_id": lead.lead_id,
        "data": {
            "lead": {"lead_id": lead.lead_id, "currency": "USD"},
            "changes": {"value": {"from": old, "to": new}},
        },
    }
    body = {"source": "convertly.crm", "detail-type": "LeadUpdated", "detail": detail}
    return _sqs_record(body, arn)


def _net_values(leads: list[tuple[str, Any]], finals: dict[str, int]) -> dict[str, dict[str, int]]:
    """Per platform: the sum of what the ledger says it holds for each lead (its latest entry's
    held value), and the sum of the leads' final values."""
    from convertly.conversions import store

    held: Counter[str] = Counter()
    for tenant_id, lead in leads:
        latest: dict[str, Any] = {}
        for entry in store.lead_entries(tenant_id, lead.lead_id):  # newest first
            latest.setdefault(entry.platform, entry)
        for platform, entry in latest.items():
            held[platform] += int(entry.held_minor or 0)
    final = sum(finals.values())
    return {platform: {"held": held[platform], "final": final} for platform in ("google_ads", "meta")}


def run(local: Any) -> dict[str, Any]:
    import os

    from convertly.platform.config import get_settings
    from convertly.platform.events.backoff import VisibilityBackoff
    from devstack.ad_fakes import AdFakes
    from devstack.bootstrap.extras import ensure_key
    from devstack.functions import lambda_context
    from functions.conversions.handler import handler

    class NoBackoff(VisibilityBackoff):
        def delay(self, records: Any, seconds: Any) -> None:
            raise AssertionError(f"no message should be retried: {dict(seconds)}")

    ensure_key(local.client("kms"))
    fakes = AdFakes("127.0.0.1", 0).start()
    os.environ.update(fakes.environment())
    get_settings.cache_clear()
    try:
        tenants = [_configure(local, n) for n in range(TENANTS)]
        by_customer = {customer: tenant for tenant, customer, _ in tenants}
        by_dataset = {dataset: tenant for tenant, _, dataset in tenants}
        leads = _leads([tenant for tenant, _, _ in tenants])
        random.Random(7).shuffle(leads)
        arn = "arn:aws:sqs:us-east-1:123456789012:convertly-conversions"
        per_batch: list[tuple[int, int]] = []  # (requests, tenant-platform pairs in the batch)
        totals: Counter[str] = Counter()
        started = time.perf_counter()
        for start in range(0, len(leads), BATCH):
            chunk = leads[start : start + BATCH]
            for fake in (fakes.google_ads, fakes.meta):
                fake.requests.clear()
            response = handler(
                {"Records": [_record(t, lead, arn) for t, lead in chunk]},
                lambda_context("conversions"),  # type: ignore[arg-type]
                backoff=NoBackoff(),
            )
            assert response == {"batchItemFailures": []}, response
            google = Counter(
                by_customer[r.path.split("/")[3].split(":")[0]] for r in fakes.google_ads.platform_requests()
            )
            meta = Counter(by_dataset[r.path.split("/")[2]] for r in fakes.meta.platform_requests())
            totals.update({"google_ads": sum(google.values()), "meta": sum(meta.values())})
            pairs = len({t for t, _ in chunk}) * 2
            per_batch.append((sum(google.values()) + sum(meta.values()), pairs))
        seconds = time.perf_counter() - started
        requests, pairs = sum(r for r, _ in per_batch), sum(p for _, p in per_batch)
        finals = {lead.lead_id: int(lead.value) for _, lead in leads}
        edit_batches = _edits(leads, finals, fakes, handler, NoBackoff, by_customer, by_dataset, arn)
        edit_requests, edit_pairs = sum(r for r, _ in edit_batches), sum(p for _, p in edit_batches)
        net = _net_values(leads, finals)
        return {
            "wins": WINS,
            "tenants": TENANTS,
            "batches": len(per_batch),
            "requests": dict(totals),
            "oauth_token_requests": len(fakes.oauth.platform_requests("/token")),
            "tenant_platform_pairs": pairs,
            "ratio": requests / pairs,
            "requests_per_conversion": requests / (WINS * 2),
            "max_per_pair_in_a_batch": max(r / p for r, p in per_batch),
            "problems": len(fakes.google_ads.problems) + len(fakes.meta.problems),
            "seconds": seconds,
            "edits": EDITS,
            "edit_batches": len(edit_batches),
            "edit_requests": edit_requests,
            "edit_ratio": edit_requests / max(1, edit_pairs),
            "net": net,
            "google_fake_net": round(
                sum(
                    fakes.google_ads.held_value(str(r["orderId"]))
                    for r in fakes.google_ads.conversions.values()
                )
                * 100
            ),
        }
    finally:
        fakes.stop()


def _edits(
    leads: list[tuple[str, Any]],
    finals: dict[str, int],
    fakes: Any,
    handler: Any,
    no_backoff: Any,
    by_customer: dict[str, str],
    by_dataset: dict[str, str],
    arn: str,
) -> list[tuple[int, int]]:
    """EDITS new values of won leads (each lead's value updated, its LeadUpdated delivered), in
    batches; per batch, (requests, tenants with a correction to send to Google Ads)."""
    from convertly.leads.items import LeadItem
    from devstack.functions import lambda_context

    rng = random.Random(11)
    chosen = [leads[rng.randrange(len(leads))] for _ in range(EDITS)]
    per_batch: list[tuple[int, int]] = []
    for start in range(0, len(chosen), BATCH):
        records = []
        for tenant_id, lead in chosen[start : start + BATCH]:
            old, new = finals[lead.lead_id], finals[lead.lead_id] + rng.randrange(1, 50_000)
            lead.update(actions=[LeadItem.value.set(new)])
            finals[lead.lead_id] = new
            records.append((tenant_id, _edit_record(tenant_id, lead, old, new, arn)))
        for fake in (fakes.google_ads, fakes.meta):
            fake.requests.clear()
        response = handler(
            {"Records": [r for _, r in records]},
            lambda_context("conversions"),
            backoff=no_backoff(),
        )
        assert response == {"batchItemFailures": []}, response
        google = Counter(
            by_customer[r.path.split("/")[3].split(":")[0]] for r in fakes.google_ads.platform_requests()
        )
        meta = Counter(by_dataset[r.path.split("/")[2]] for r in fakes.meta.platform_requests())
        # Google gets one restatement request per tenant; Meta cannot correct, so it gets none.
        per_batch.append((sum(google.values()) + sum(meta.values()), len({t for t, _ in records})))
    return per_batch


def render(f: dict[str, Any]) -> str:
    lines = [
        f"conversions: {f['wins']} wins across {f['tenants']} tenants, {f['batches']} SQS batches of {BATCH}",
        f"  HTTP requests: Google Ads {f['requests'].get('google_ads', 0)}, "
        f"Meta {f['requests'].get('meta', 0)}, "
        f"OAuth tokens {f['oauth_token_requests']} (cached per container)",
        f"  requests per (tenant, platform) present in a batch: {f['ratio']:.2f} (target 1.00; worst batch "
        f"{f['max_per_pair_in_a_batch']:.2f})",
        f"  requests per conversion per platform: {f['requests_per_conversion']:.3f}",
        f"  request-format problems found by the fakes: {f['problems']}; {f['seconds']:.1f} s",
        f"value edits: {f['edits']} edits of won leads, {f['edit_batches']} SQS batches of {BATCH}",
        f"  HTTP requests per tenant with a correction in a batch: {f['edit_ratio']:.2f} (target 1.00; "
        f"{f['edit_requests']} requests)",
    ]
    for platform, label in (("google_ads", "Google Ads"), ("meta", "Meta")):
        net = f["net"][platform]
        difference = (net["held"] - net["final"]) / 100
        lines.append(
            f"  {label}: ledger net value {net['held'] / 100:,.2f} vs leads' final values "
            f"{net['final'] / 100:,.2f}: difference {difference:,.2f}"
            + (" (Meta cannot correct a Purchase: it keeps the first value)" if platform == "meta" else "")
        )
    lines.append(f"  Google Ads fake holds {f['google_fake_net'] / 100:,.2f} (its own count of the same)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
