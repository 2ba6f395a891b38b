"""The accounts capability's items on the single table."""

from __future__ import annotations

from pynamodb.attributes import (
    BooleanAttribute,
    ListAttribute,
    NumberAttribute,
    UnicodeAttribute,
)

from convertly.platform.store.items import Item


class TenantItem(Item, discriminator="Tenant"):
    tenant_id = UnicodeAttribute()
    name = UnicodeAttribute()
    currency = UnicodeAttribute(default="USD")
    timezone = UnicodeAttribute(default="UTC")
    # How the web app writes money, numbers and dates (a tag of platform/locales.py); none for a tenant
    # from before the setting: each browser's own locale.
    locale = UnicodeAttribute(null=True)
    country = UnicodeAttribute(default="US")
    created_at = UnicodeAttribute()


class UserItem(Item, discriminator="User"):
    user_id = UnicodeAttribute()
    email = UnicodeAttribute()
    name = UnicodeAttribute()
    role = UnicodeAttribute()
    status = UnicodeAttribute(default="active")  # invited, active, deactivated
    created_at = UnicodeAttribute()
    phone = UnicodeAttribute(null=True)
    timezone = UnicodeAttribute(null=True)
    signature = UnicodeAttribute(null=True)
    avatar_color = UnicodeAttribute(null=True)
    last_sign_in_at = UnicodeAttribute(null=True)
    invited_at = UnicodeAttribute(null=True)
    invited_by = UnicodeAttribute(null=True)
    invitation_expires_at = UnicodeAttribute(null=True)
    invitations_sent = NumberAttribute(null=True)  # each resend is a new mail id
    deactivated_at = UnicodeAttribute(null=True)


class AdminCountItem(Item, discriminator="AdminCount"):
    """How many active Admins the tenant has: every demotion, deactivation or deletion of an Admin
    takes one off on the condition that another remains, so two Admins demoting each other at once
    cannot leave the tenant without one."""

    admins = NumberAttribute(default=0)


class ReassignmentItem(Item, discriminator="Reassignment"):
    """A bulk reassignment of one user's open leads, follow-ups and tasks to others, round robin.
    The consumer moves a chunk per message and adds what actually moved, so progress stays true when
    a message is delivered twice."""

    job_id = UnicodeAttribute()
    from_user_id = UnicodeAttribute()
    to_user_ids = ListAttribute(of=UnicodeAttribute)
    leads = BooleanAttribute(default=True)
    followups = BooleanAttribute(default=True)
    tasks = BooleanAttribute(default=True)
    status = UnicodeAttribute(default="queued")  # queued, running, done
    leads_total = NumberAttribute(default=0)
    followups_total = NumberAttribute(default=0)
    tasks_total = NumberAttribute(default=0)
    leads_moved = NumberAttribute(default=0)
    followups_moved = NumberAttribute(default=0)
    tasks_moved = NumberAttribute(default=0)
    skipped = NumberAttribute(default=0)  # changed by someone else meanwhile: left as they were
    requested_by = UnicodeAttribute()
    requested_by_name = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    finished_at = UnicodeAttribute(null=True)
