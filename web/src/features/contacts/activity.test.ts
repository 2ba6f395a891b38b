import { describe, expect, it } from "vitest";
import { contactActivity } from "./activity";
import type { ContactDetail, ContactLead } from "./types";

const lead = (lead_id: string, created_at: string): ContactLead => ({
  lead_id,
  name: `Lead ${lead_id}`,
  pipeline_id: "P1",
  stage_id: "S1",
  value: 0,
  currency: "USD",
  owner_id: null,
  created_at,
  deleted_at: null,
});

function contact(overrides: Partial<ContactDetail>): ContactDetail {
  return {
    contact_id: "C1",
    first_name: "Ada",
    last_name: "",
    name: "Ada",
    email: null,
    emails: [],
    phone: null,
    phones: [],
    country: null,
    company_id: null,
    company_name: null,
    role: "Lead",
    owner_id: null,
    source: "manual",
    tags: [],
    custom_fields: {},
    consent: {},
    address: {},
    website: null,
    time_zone: null,
    active: true,
    test: false,
    lead_count: 0,
    last_activity_at: null,
    created_at: "2026-01-01T10:00:00Z",
    created_by: "U1",
    updated_at: "2026-01-01T10:00:00Z",
    deleted_at: null,
    version: 1,
    leads: [],
    ...overrides,
  };
}

describe("contactActivity", () => {
  it("lists the creation alone for an untouched contact", () => {
    expect(contactActivity(contact({})).map((entry) => entry.text)).toEqual(["Contact added"]);
  });

  it("puts the changes and the leads newest first", () => {
    const entries = contactActivity(
      contact({
        updated_at: "2026-01-05T10:00:00Z",
        leads: [lead("L2", "2026-01-04T10:00:00Z"), lead("L1", "2026-01-02T10:00:00Z")],
      }),
    );
    expect(entries.map((entry) => entry.text)).toEqual([
      "Contact last changed",
      "Lead opened",
      "Lead opened",
      "Contact added",
    ]);
    expect(entries[1]?.lead).toEqual({ lead_id: "L2", name: "Lead L2" });
  });

  it("shows the deletion once, not also as a change", () => {
    const at = "2026-01-03T10:00:00Z";
    expect(contactActivity(contact({ updated_at: at, deleted_at: at })).map((entry) => entry.text)).toEqual([
      "Contact deleted",
      "Contact added",
    ]);
  });
});
