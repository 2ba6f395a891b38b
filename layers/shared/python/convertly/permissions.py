"""Roles and the one permission table. Every route names a permission; roles grant permissions."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "Admin"
    MANAGER = "Manager"
    SALES = "Sales"
    STAFF = "Staff"
    AFFILIATE = "Affiliate"
    DEVELOPER = "Developer"
    DEVELOPER_ADMIN = "DeveloperAdmin"  # Cognito group names allow no spaces
    DEVELOPER_STAFF = "DeveloperStaff"


class Permission(StrEnum):
    PROFILE_READ = "profile:read"  # every signed-in user: who am I
    PROFILE_WRITE = "profile:write"  # every signed-in user: their own profile, password, sign-out
    LEADS_READ = "leads:read"
    LEADS_READ_ALL = "leads:read_all"  # without it a user sees only leads assigned to them
    LEADS_WRITE = "leads:write"
    LEADS_DELETE = "leads:delete"
    NOTES_WRITE = "notes:write"
    CONTACTS_READ = (
        "contacts:read"  # contacts and companies; Sales see the contacts they own or have leads of
    )
    CONTACTS_READ_ALL = "contacts:read_all"  # every contact of the tenant
    CONTACTS_WRITE = "contacts:write"  # create and edit contacts and companies
    CONTACTS_DELETE = "contacts:delete"  # delete and restore contacts and companies
    CONTACTS_MANAGE = "contacts:manage"  # contact settings, tags, custom fields and custom values
    ANALYTICS_READ = "analytics:read"  # the dashboard and reports, of one's own leads
    ANALYTICS_READ_ALL = "analytics:read_all"  # the whole team's figures, the agent report of everyone
    PIPELINES_READ = "pipelines:read"
    PIPELINES_MANAGE = "pipelines:manage"  # add, edit, reorder and delete pipelines and their stages
    NOTIFICATIONS_READ = "notifications:read"  # one's own in-app notifications
    FORMS_READ = "forms:read"  # see forms and their embed codes
    FORMS_MANAGE = "forms:manage"  # build, publish, duplicate and delete forms
    FORM_SUBMISSIONS_READ = "forms:submissions"  # what forms received, spam included (visitors' data)
    USERS_READ = "users:read"  # the team's names and roles (owner and assignee pickers)
    TEAM_READ = "team:read"  # Settings > Team: status, last sign-in, open leads, invitations
    USERS_MANAGE = "users:manage"  # invite, change roles, deactivate, reactivate, delete
    BILLING_READ = "billing:read"  # plan, status, usage against limits, invoices' dates
    BILLING_MANAGE = "billing:manage"  # subscribe, change plan, cancel, the customer portal
    # ad platform credentials (sealed secrets), connecting and disconnecting the ad accounts (OAuth) and
    # listing what they reach, connection tests
    ADS_SETTINGS_MANAGE = "ads:settings"
    CONVERSIONS_READ = "conversions:read"  # the tenant's conversions log
    CONVERSIONS_REPLAY = "conversions:replay"  # resend a lead's conversions or the dead-lettered ones
    FOLLOWUPS_READ = "followups:read"  # follow-ups on the leads one sees, and one's own queue
    FOLLOWUPS_WRITE = "followups:write"  # schedule, edit, complete, snooze follow-ups
    TASKS_READ = "tasks:read"  # one's own tasks
    TASKS_WRITE = "tasks:write"  # create and work one's own tasks
    WORK_ASSIGN = "work:assign"  # give follow-ups and tasks to anyone; see everyone's tasks
    IMPORTS_RUN = "imports:run"  # import spreadsheets of contacts and leads, see and undo imports
    BULK_ACTIONS = "bulk:run"  # change, delete or export many records at once (each as the role allows)
    AUDIT_READ = "audit:read"  # the tenant's audit log: who did what, filter and export
    EMAIL_SETTINGS_MANAGE = "settings:email"  # the tenant's SMTP server (sealed password), test email
    SMS_SETTINGS_MANAGE = "settings:sms"  # the tenant's Twilio account (sealed Auth Token), test text
    TEMPLATES_READ = "templates:read"  # email and SMS templates, their previews
    TEMPLATES_MANAGE = "templates:manage"  # create, edit, clone and delete templates
    MEDIA_READ = "media:read"  # the media library: its files, their previews and download links
    MEDIA_MANAGE = "media:manage"  # upload, rename and delete the media library's files
    MESSAGES_SEND = "messages:send"  # a one-off email or text to a contact one sees
    AUTOMATION_MANAGE = "automation:manage"  # build, publish, pause workflows; enrolments and history
    AUTOMATION_ENROL = "automation:enrol"  # enrol the contacts and leads one sees in a published workflow
    MANUAL_ACTIONS = "automation:manual"  # the manual actions queue: one's own, and start and complete them
    # the account's outbound webhook signing secret: reveal and rotate it (Admins)
    AUTOMATION_WEBHOOK_SECRET = "automation:webhook_secret"  # noqa: S105 (a permission, no secret)
    AI_USE = "ai:use"  # scores, reasons and summaries of the leads one sees; pipeline questions
    AI_SETTINGS_READ = "ai:settings"  # Settings > AI: the model's quality, the month's AI usage
    AI_MANAGE = "settings:ai"  # turn AI on or off for the account, train the score model now
    AFFILIATE_PORTAL = "affiliate:portal"  # a partner's own figures, links, payouts and payout settings
    AFFILIATES_READ = "affiliates:read"  # the console's affiliates, applications, ledger and payouts
    # approve and reject applications, the program's terms and overrides, releases, payouts, assets
    AFFILIATES_MANAGE = "affiliates:manage"
    PLATFORM_READ = "platform:read"  # the console: tenants, their health, the platform's users
    PLATFORM_OPERATE = "platform:operate"  # suspend and reactivate a tenant, extend a trial
    PLATFORM_MANAGE = "platform:manage"  # the platform's users, viewing as a tenant's Admin


P = Permission
_TENANT_READ = {
    P.PROFILE_READ,
    P.PROFILE_WRITE,
    P.LEADS_READ,
    P.ANALYTICS_READ,
    P.CONTACTS_READ,
    P.PIPELINES_READ,
    P.USERS_READ,
    P.NOTIFICATIONS_READ,
    P.FORMS_READ,
    P.FOLLOWUPS_READ,
    P.TASKS_READ,
    P.AI_USE,
}
# Follow-ups and tasks: who works them, and who hands them out.
_WORK = {P.FOLLOWUPS_WRITE, P.TASKS_WRITE, P.BULK_ACTIONS}
# Reaching contacts: templates, one-off messages, putting them in workflows, the manual actions.
_OUTREACH = {P.TEMPLATES_READ, P.MESSAGES_SEND, P.AUTOMATION_ENROL, P.MANUAL_ACTIONS, P.MEDIA_READ}
# Building the automation: workflows, the templates they send and the files templates attach.
_AUTOMATION = {P.TEMPLATES_MANAGE, P.AUTOMATION_MANAGE, P.MEDIA_MANAGE}
# Every contact and company, and their upkeep.
_CONTACTS = {P.CONTACTS_READ_ALL, P.CONTACTS_WRITE, P.CONTACTS_DELETE, P.CONTACTS_MANAGE, P.IMPORTS_RUN}
# Building forms, and reading what they received (every visitor's data, like LEADS_READ_ALL).
_FORMS = {P.FORMS_MANAGE, P.FORM_SUBMISSIONS_READ}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(
        _TENANT_READ
        | {P.LEADS_READ_ALL, P.LEADS_WRITE, P.LEADS_DELETE, P.NOTES_WRITE, P.PIPELINES_MANAGE}
        | {P.TEAM_READ, P.USERS_MANAGE}
        | {P.ANALYTICS_READ_ALL}
        | _CONTACTS
        | _FORMS
        | {P.BILLING_READ, P.BILLING_MANAGE}
        | {P.ADS_SETTINGS_MANAGE, P.CONVERSIONS_READ, P.CONVERSIONS_REPLAY}
        | _WORK
        | {P.WORK_ASSIGN, P.EMAIL_SETTINGS_MANAGE}
        | {P.SMS_SETTINGS_MANAGE}
        | {P.AUTOMATION_WEBHOOK_SECRET}
        | {P.AUDIT_READ}
        | {P.AI_SETTINGS_READ, P.AI_MANAGE}
        | _OUTREACH
        | _AUTOMATION
    ),
    Role.MANAGER: frozenset(
        _TENANT_READ
        | {P.LEADS_READ_ALL, P.LEADS_WRITE, P.LEADS_DELETE, P.NOTES_WRITE, P.PIPELINES_MANAGE}
        | {P.TEAM_READ}  # a manager sees the team and its invitations; an Admin changes it
        | {P.ANALYTICS_READ_ALL}
        | _CONTACTS
        | _FORMS
        | {P.BILLING_READ}  # a manager runs the team, so sees its seats and lead usage; pays nothing
        | {P.CONVERSIONS_READ}
        | _WORK
        | {P.WORK_ASSIGN}
        | _OUTREACH
        | _AUTOMATION
        | {P.AI_SETTINGS_READ}
    ),
    Role.SALES: frozenset(
        _TENANT_READ | {P.LEADS_WRITE, P.NOTES_WRITE, P.CONTACTS_WRITE} | _WORK | _OUTREACH
    ),
    # Staff read every lead (and its follow-ups) and write none; they work the tasks given to them.
    Role.STAFF: frozenset(
        _TENANT_READ
        | {
            P.LEADS_READ_ALL,
            P.CONTACTS_READ_ALL,
            P.FORM_SUBMISSIONS_READ,
            P.TASKS_WRITE,
            P.ANALYTICS_READ_ALL,
        }
    ),
    Role.AFFILIATE: frozenset({P.PROFILE_READ, P.PROFILE_WRITE, P.AFFILIATE_PORTAL}),
    Role.DEVELOPER: frozenset(
        {P.PROFILE_READ, P.PROFILE_WRITE, P.PLATFORM_READ, P.PLATFORM_OPERATE, P.AFFILIATES_READ}
    ),
    Role.DEVELOPER_ADMIN: frozenset(
        {P.PROFILE_READ, P.PROFILE_WRITE, P.PLATFORM_READ, P.PLATFORM_OPERATE, P.PLATFORM_MANAGE}
        | {P.AFFILIATES_READ, P.AFFILIATES_MANAGE}
    ),
    Role.DEVELOPER_STAFF: frozenset({P.PROFILE_READ, P.PROFILE_WRITE, P.PLATFORM_READ, P.AFFILIATES_READ}),
}

# Roles that belong to a customer's CRM (as opposed to the affiliate portal or the platform console).
TENANT_ROLES = (Role.ADMIN, Role.MANAGER, Role.SALES, Role.STAFF)
PLATFORM_ROLES = (Role.DEVELOPER, Role.DEVELOPER_ADMIN, Role.DEVELOPER_STAFF)


def has_permission(role: Role, permission: Permission) -> bool:
    return permission in PERMISSIONS[role]


def roles_with(permission: Permission) -> tuple[Role, ...]:
    """Every role granted `permission`, in the table's order."""
    return tuple(role for role, granted in PERMISSIONS.items() if permission in granted)


def portal_for(role: Role) -> str:
    """Where the web app sends a user of this role after login."""
    if role is Role.AFFILIATE:
        return "/affiliate/dashboard"
    if role in PLATFORM_ROLES:
        return "/platform"
    return "/dashboard"
