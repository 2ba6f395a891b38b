"""The capture capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import (
    ListAttribute,
    MapAttribute,
    NumberAttribute,
    UnicodeAttribute,
    VersionAttribute,
)

from convertly.platform.store.items import Item


# Lead capture: forms, their public routes, submissions, touches, idempotency and rate limits.
class FormItem(Item, discriminator="Form"):
    """A lead capture form in its tenant's partition; `settings` is the builder's JSON, without the
    captcha secret, which is kept sealed (KMS) in `captcha_secret`."""

    form_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()
    name = UnicodeAttribute()
    status = UnicodeAttribute(default="draft")  # draft | published
    settings = UnicodeAttribute()
    captcha_secret = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    created_by = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    published_at = UnicodeAttribute(null=True)
    version = VersionAttribute()


class FormRouteItem(Item, discriminator="FormRoute"):
    """Platform-level: which tenant a public form id belongs to, so a public post finds its tenant
    with one GetItem. It holds no tenant data beyond the tenant id."""

    form_id = UnicodeAttribute()
    tenant_id = UnicodeAttribute()


class SubmissionItem(Item, discriminator="Submission"):
    """One post to a form and what became of it: a new lead, a touch on a lead, or spam (which
    expires after 30 days)."""

    submission_id = UnicodeAttribute()
    form_id = UnicodeAttribute()
    submitted_at = UnicodeAttribute()
    outcome = UnicodeAttribute()  # created | attached | spam
    spam_reason = UnicodeAttribute(null=True)
    lead_id = UnicodeAttribute(null=True)
    lead_name = UnicodeAttribute(null=True)
    values = UnicodeAttribute(default="{}")  # JSON
    attribution = MapAttribute(default=dict)  # type: ignore[var-annotated]


class TouchItem(Item, discriminator="Touch"):
    """A form submission that reached a lead, in the lead's partition: the lead's touch history."""

    lead_id = UnicodeAttribute()
    submission_id = UnicodeAttribute()
    form_id = UnicodeAttribute()
    touched_at = UnicodeAttribute()
    attribution = MapAttribute(default=dict)  # type: ignore[var-annotated]
    # What the visitor answered, as [{"label", "value"}] in the form's order: the lead page shows it,
    # whether or not an answer landed on a field of the lead or its contact.
    answers = ListAttribute(of=MapAttribute, null=True)


class IdempotencyItem(Item, discriminator="IdempotencyRecord"):
    """The answer given to a submission, by its idempotency key; a repeat gets the same answer."""

    payload_hash = UnicodeAttribute()
    response = UnicodeAttribute()  # JSON
    created_at = UnicodeAttribute()


class RateCounterItem(Item, discriminator="RateCounter"):
    """Submissions counted in one fixed window for one visitor IP or one form."""

    hits = NumberAttribute(null=True)
    window_ends_at = NumberAttribute(null=True)  # epoch seconds


class RotationCounterItem(Item, discriminator="RotationCounter"):
    """How many leads a round-robin form has handed out; the next owner is the next Sales user."""

    turns = NumberAttribute(default=0)
