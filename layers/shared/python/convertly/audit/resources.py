"""The audit capability's AWS resources: the audit log consumer."""

from __future__ import annotations

from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    ConsumerSpec(
        function="audit_log",
        queue="convertly-audit-log",
        dead_letter_queue="convertly-audit-log-dlq",
        rule=RuleSpec(
            name="convertly-audit-log",
            detail_types=(
                "LeadCreated",
                "LeadUpdated",
                "LeadDeleted",
                "LeadRestored",
                "NoteAdded",
                "LeadStageChanged",
                "LeadTouched",
                # the team: invitations, roles, deactivations, deletions
                "UserInvited",
                "InvitationResent",
                "InvitationRevoked",
                "UserJoined",
                "UserRoleChanged",
                "UserDeactivated",
                "UserReactivated",
                "UserDeleted",
                "ReassignmentRequested",
                "ReassignmentFinished",
                # settings changes and exports (routes marked `audit`), deletes and merges of records
                "AuditedAction",
                "ContactDeleted",
                "ContactRestored",
                "ContactMerged",
                "CompanyDeleted",
                "CompanyRestored",
                "CompanyMerged",
                "TenantPlanChanged",
                # access: suspensions, trials, impersonation (in the tenant's log and the platform's)
                "TenantSuspended",
                "TenantReactivated",
                "TrialExtended",
                "ImpersonationStarted",
                "ImpersonationEnded",
                "ImpersonatedWrite",
            ),
        ),
    ),
)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec("audit", "The audit log for Admins: filter and export", "readwrite"),
    FunctionSpec(
        "audit_log", "Writes every domain event to the tenant's audit log", "readwrite", timeout_seconds=30
    ),
)
