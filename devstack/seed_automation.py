"""Demo automation: the demo tenant on Professional (automation is part of it), two templates, and a
published workflow on the demo form: a submission gets the welcome email and a call for its owner
(a manual action), then a follow-up task the next day. Seeded after the leads, so it runs only for
the form's new submissions."""

from __future__ import annotations

from convertly.automation import use_cases as automation
from convertly.automation.definition import Definition
from convertly.automation.domain import WorkflowCreate
from convertly.billing import keys as billing_keys
from convertly.billing.items import BillingItem
from convertly.messaging import use_cases as messaging
from convertly.messaging.domain import TemplateCreate
from convertly.platform.principal import Principal
from convertly.platform.store import keys as platform_keys

WELCOME = (
    "<p>Hi {{contact.first_name}},</p>"
    "<p>Thanks for reaching out to {{custom_values.company_name}}. {{owner.first_name}} will call you today "
    "to book a free roof inspection.</p><p>Talk soon,<br>The Summit Roofing team</p>"
)


def seed_automation(admin: Principal, form_id: str, owner_ids: list[str]) -> None:
    BillingItem.get(platform_keys.tenant(admin.tenant_id), billing_keys.BILLING_SK).update(
        actions=[BillingItem.plan.set("professional")]
    )
    welcome = messaging.create_template(
        admin,
        TemplateCreate(
            channel="email",
            name="Welcome a new lead",
            subject="Thanks, {{contact.first_name}}: your roof inspection",
            body=WELCOME.replace("{{custom_values.company_name}}", "Summit Roofing"),
        ),
    )
    messaging.create_template(
        admin,
        TemplateCreate(
            channel="sms",
            name="Inspection reminder",
            body="Hi {{contact.first_name}}, it's {{owner.first_name}} from Summit Roofing: "
            "still good for your roof inspection tomorrow?",
        ),
    )
    definition = Definition.model_validate(
        {
            "trigger": {"type": "form_submitted", "form_id": form_id},
            "steps": [
                {
                    "id": "owner",
                    "kind": "assign_owner",
                    "mode": "round_robin",
                    "user_ids": owner_ids,
                    "only_if_unowned": True,
                    "name": "Give it to a rep in turn",
                },
                {
                    "id": "welcome",
                    "kind": "send_email",
                    "template_id": welcome.template_id,
                    "name": "Welcome email",
                },
                {
                    "id": "call",
                    "kind": "manual_action",
                    "action_type": "call",
                    "assignee": "owner",
                    "note": "New web lead: book the inspection",
                    "name": "Call the lead",
                },
                {"id": "wait", "kind": "wait", "mode": "duration", "minutes": 1440, "name": "Wait a day"},
                {
                    "id": "booked",
                    "kind": "if",
                    "name": "Still new?",
                    "conditions": [{"field": "lead.tags", "operator": "not_contains", "value": "booked"}],
                    "then": [
                        {
                            "id": "chase",
                            "kind": "create_task",
                            "title": "Chase the inspection booking",
                            "assignee": "owner",
                            "due_in_minutes": 240,
                            "priority": "high",
                        }
                    ],
                    "else": [],
                },
            ],
        }
    )
    created = automation.create_workflow(
        admin, WorkflowCreate(name="New web lead: welcome and call", definition=definition)
    )
    automation.publish_workflow(admin, created.workflow_id, created.version)
