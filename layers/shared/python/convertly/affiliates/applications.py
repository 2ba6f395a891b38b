"""Joining: a public application, and a Developer Admin's decision in the console. Approval creates
the partner's sign-in (an invitation email with a temporary password), their affiliate record and
their referral code, in that order: the sign-in's id is the affiliate's id."""

from __future__ import annotations

import re
import secrets

from convertly.accounts import service as accounts
from convertly.affiliates import keys
from convertly.affiliates.domain import (
    PartnerApplication,
    PartnerApplicationIn,
    PartnerApplicationList,
    PartnerApplicationReceipt,
)
from convertly.affiliates.identity import address_key, company_domain
from convertly.affiliates.items import (
    AffiliateItem,
    AffiliateStatsItem,
    ApplicationItem,
    CodeRouteItem,
    DirectoryItem,
    DomainRouteItem,
    EmailRouteItem,
)
from convertly.platform.clock import iso, new_id
from convertly.platform.errors import ConflictError, NotFoundError
from convertly.platform.principal import Principal
from convertly.platform.store.paging import query_page
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

STATUSES = ("pending", "approved", "rejected")


def to_application(item: ApplicationItem) -> PartnerApplication:
    return PartnerApplication(
        application_id=item.application_id,
        name=item.name,
        email=item.email,
        website=item.website,
        audience=item.audience,
        promotion=item.promotion,
        status=item.status,
        created_at=item.created_at,
        decided_at=item.decided_at,
        note=item.note,
        affiliate_id=item.affiliate_id,
    )


def apply(body: PartnerApplicationIn) -> PartnerApplicationReceipt:
    """Record an application; one per email address while it is pending or approved (a rejected one's
    address may apply again). A second submit of the same application answers the first one."""
    application_id = new_id()
    item = ApplicationItem(
        keys.applications("pending"),
        keys.application_sk(application_id),
        application_id=application_id,
        name=body.name,
        email=body.email,
        website=body.website,
        audience=body.audience,
        promotion=body.promotion,
        created_at=iso(),
    )
    route = EmailRouteItem(
        keys.email_route(address_key(body.email)),
        keys.ROUTE_SK,
        email=body.email,
        application_id=application_id,
    )
    tx = Transaction()
    tx.put("email", route, condition=EmailRouteItem.PK.does_not_exist(), return_old=True)
    tx.put("application", item)
    try:
        tx.commit()
    except TransactionCancelledError as error:
        existing = _route(body.email)
        if existing is not None and existing.affiliate_id is None:
            earlier = _find(existing.application_id)
            if earlier is not None and earlier.status == "pending" and _same(earlier, body):
                return _receipt(earlier)  # the same form sent twice
        raise ConflictError(
            "This email has applied already: we answer every application by email",
            code="application_exists",
            fields={"email": "has applied already"},
        ) from error
    return _receipt(item)


def _same(item: ApplicationItem, body: PartnerApplicationIn) -> bool:
    return (item.name, item.website, item.audience, item.promotion) == (
        body.name,
        body.website,
        body.audience,
        body.promotion,
    )


def _receipt(item: ApplicationItem) -> PartnerApplicationReceipt:
    return PartnerApplicationReceipt(
        application_id=item.application_id,
        status=item.status,
        message="Thank you: we review every application and answer by email within a few days.",
    )


def _route(email: str) -> EmailRouteItem | None:
    try:
        return EmailRouteItem.get(keys.email_route(address_key(email)), keys.ROUTE_SK, consistent_read=True)
    except EmailRouteItem.DoesNotExist:
        return None


def _find(application_id: str) -> ApplicationItem | None:
    for status in STATUSES:
        try:
            return ApplicationItem.get(
                keys.applications(status), keys.application_sk(application_id), consistent_read=True
            )
        except ApplicationItem.DoesNotExist:
            continue
    return None


def list_applications(status: str, cursor: str | None, limit: int) -> PartnerApplicationList:
    items, next_cursor = query_page(ApplicationItem, keys.applications(status), limit=limit, cursor=cursor)
    return PartnerApplicationList(items=[to_application(item) for item in items], next_cursor=next_cursor)


def _pending(application_id: str) -> ApplicationItem:
    item = _find(application_id)
    if item is None:
        raise NotFoundError("No such application", code="application_not_found")
    if item.status != "pending":
        raise ConflictError(
            f"This application was {item.status} already",
            code="application_decided",
            details={"status": item.status},
        )
    return item


def _moved(item: ApplicationItem, status: str, principal: Principal, note: str) -> ApplicationItem:
    return ApplicationItem(
        keys.applications(status),
        keys.application_sk(item.application_id),
        application_id=item.application_id,
        name=item.name,
        email=item.email,
        website=item.website,
        audience=item.audience,
        promotion=item.promotion,
        status=status,
        created_at=item.created_at,
        decided_at=iso(),
        decided_by=principal.user_id,
        note=note or None,
    )


def reject(principal: Principal, application_id: str, note: str) -> PartnerApplication:
    """Reject with a note; the email address may apply again."""
    item = _pending(application_id)
    decided = _moved(item, "rejected", principal, note)
    tx = Transaction()
    tx.delete("application", item, condition=ApplicationItem.status == "pending")
    tx.put("decided", decided)
    tx.delete("email", EmailRouteItem(keys.email_route(address_key(item.email)), keys.ROUTE_SK))
    _commit_decision(tx)
    return to_application(decided)


def approve(
    principal: Principal,
    application_id: str,
    note: str,
    *,
    user_id: str | None = None,
    code: str | None = None,
) -> PartnerApplication:
    """Approve: the partner's sign-in and invitation, then in one transaction the affiliate, its code,
    its directory entry and the application's decision. A failed transaction removes the sign-in.
    `user_id`: a sign-in made already (the local demo's partner, with its password), no invitation;
    `code`: the referral code to give (else one from the name)."""
    item = _pending(application_id)
    if user_id is not None:
        _commit_approval(principal, item, user_id, note, code)
        decided = _find(application_id)
        assert decided is not None
        return to_application(decided)
    try:
        user = accounts.invite_affiliate(principal, item.email, item.name)
    except ConflictError as error:
        if error.code != "email_taken":
            raise
        raise ConflictError(
            "This email signs in to Convertly already (a customer's account): ask the applicant for "
            "another address to apply with",
            code="email_taken",
        ) from error
    try:
        _commit_approval(principal, item, user.user_id, note)
    except Exception:
        accounts.revoke_affiliate_invitation(principal, user.user_id)
        raise
    decided = _find(application_id)
    assert decided is not None
    return to_application(decided)


def _commit_approval(
    principal: Principal, item: ApplicationItem, affiliate_id: str, note: str, wanted: str | None = None
) -> str:
    at = iso()
    for attempt in range(5):
        code = wanted if wanted and attempt == 0 else new_code(item.name)
        decided = _moved(item, "approved", principal, note)
        decided.affiliate_id = affiliate_id
        tx = Transaction()
        tx.delete("application", item, condition=ApplicationItem.status == "pending")
        tx.put("decided", decided)
        tx.put(
            "code",
            CodeRouteItem(keys.code_route(code), keys.ROUTE_SK, code=code, affiliate_id=affiliate_id),
            condition=CodeRouteItem.PK.does_not_exist(),
        )
        tx.update(
            "email",
            EmailRouteItem(keys.email_route(address_key(item.email)), keys.ROUTE_SK),
            actions=[EmailRouteItem.affiliate_id.set(affiliate_id)],
        )
        tx.put(
            "affiliate",
            affiliate_item(affiliate_id, item, code, at),
            condition=AffiliateItem.PK.does_not_exist(),
        )
        tx.put("stats", AffiliateStatsItem(keys.affiliate(affiliate_id), keys.STATS_SK))
        domain = company_domain(item.email)
        if domain is not None:
            tx.update(
                "domain",
                DomainRouteItem(keys.domain_route(domain), keys.ROUTE_SK),
                actions=[
                    DomainRouteItem.type.set(DomainRouteItem),
                    DomainRouteItem.domain.set(domain),
                    DomainRouteItem.affiliate_ids.add({affiliate_id}),
                ],
            )
        tx.put(
            "directory",
            DirectoryItem(
                keys.DIRECTORY,
                keys.directory_sk(affiliate_id),
                affiliate_id=affiliate_id,
                name=item.name,
                email=item.email,
                code=code,
                created_at=at,
            ),
        )
        try:
            tx.commit()
            return code
        except TransactionCancelledError as error:
            if error.failed == ["code"]:
                continue  # the code was taken: another one
            raise _decision_error(error) from error
    raise ConflictError("No free referral code was found; try again", code="code_unavailable")


def affiliate_item(affiliate_id: str, item: ApplicationItem, code: str, at: str) -> AffiliateItem:
    return AffiliateItem(
        keys.affiliate(affiliate_id),
        keys.PROFILE_SK,
        affiliate_id=affiliate_id,
        user_id=affiliate_id,
        name=item.name,
        email=item.email,
        website=item.website,
        code=code,
        created_at=at,
        application_id=item.application_id,
    )


def _commit_decision(tx: Transaction) -> None:
    try:
        tx.commit()
    except TransactionCancelledError as error:
        raise _decision_error(error) from error


def _decision_error(error: TransactionCancelledError) -> ConflictError:
    if "application" in error.failed:
        return ConflictError("This application was decided already", code="application_decided")
    return ConflictError("The decision could not be saved; try again", code="write_conflict")


def new_code(name: str) -> str:
    """A referral code from the name's first word and four random characters: `dana-k3x9`."""
    word = re.sub(r"[^a-z0-9]", "", name.split()[0].lower() if name.split() else "")[:12] or "partner"
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return f"{word}-{''.join(secrets.choice(alphabet) for _ in range(4))}"
