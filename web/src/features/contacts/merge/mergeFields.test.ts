import { describe, expect, it } from "vitest";
import type { Company, Contact } from "../types";
import {
  companyMergeRows,
  contactFieldValue,
  contactMergeRows,
  defaultChoices,
  keptFromBoth,
  mergeBody,
  sameValue,
  unionOf,
} from "./mergeFields";

const names = { owner: (id: string) => (id === "U1" ? "Ada Admin" : "Ben Sales") };

function contact(overrides: Partial<Contact>): Contact {
  return {
    contact_id: "C1",
    first_name: "",
    last_name: "",
    name: "",
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
    created_at: "2024-01-01T00:00:00Z",
    created_by: "U1",
    updated_at: "2024-01-01T00:00:00Z",
    deleted_at: null,
    version: 1,
    ...overrides,
  };
}

const survivor = contact({
  contact_id: "C1",
  first_name: "Ada",
  last_name: "Lovelace",
  email: "ada@example.com",
  emails: ["ada@work.example"],
  owner_id: "U1",
  tags: ["vip"],
  consent: { email_marketing: "granted" },
  version: 3,
});
const duplicate = contact({
  contact_id: "C2",
  first_name: "Adaline",
  last_name: "Lovelace",
  email: "ada@example.com",
  phone: "+15552013344",
  owner_id: "U2",
  tags: ["vip", "event"],
  address: { city: "London", country: "GB" },
  consent: { email_marketing: "unspecified" },
  version: 7,
});

describe("merge rows", () => {
  it("shows each field's value as a person reads it", () => {
    const rows = contactMergeRows(survivor, duplicate, names);
    const row = (field: string) => rows.find((candidate) => candidate.field === field)!;
    expect(row("owner_id").survivor.text).toBe("Ada Admin");
    expect(row("owner_id").duplicate.text).toBe("Ben Sales");
    expect(row("address").duplicate.text).toBe("London, GB");
    expect(row("consent").survivor.text).toBe("Email marketing: Granted");
    expect(row("source").survivor.text).toBe("Manual");
  });

  it("counts consent never given as no value", () => {
    expect(contactFieldValue(duplicate, "consent", names)).toEqual({ key: "", text: "" });
  });

  it("compares companies by id, not by name", () => {
    const here = contact({ company_id: "CO1", company_name: "Acme" });
    const there = contact({ company_id: "CO2", company_name: "Acme" });
    const [row] = contactMergeRows(here, there, names).filter((candidate) => candidate.field === "company_id");
    expect(sameValue(row!)).toBe(false);
  });
});

describe("defaultChoices", () => {
  it("keeps the survivor's value, or the duplicate's where the survivor has none", () => {
    const choices = defaultChoices(contactMergeRows(survivor, duplicate, names));
    expect(choices.first_name).toBe("survivor");
    expect(choices.owner_id).toBe("survivor");
    expect(choices.phone).toBe("duplicate");
    expect(choices.address).toBe("duplicate");
    expect(choices.consent).toBe("survivor");
    expect(choices.website).toBe("survivor"); // neither has one
  });

  it("does the same for companies", () => {
    const base = { company_id: "CO1", name: "Acme", domain: null, phone: null, website: null, address: {}, owner_id: null } as unknown as Company;
    const other = { ...base, company_id: "CO2", name: "ACME Ltd", domain: "acme.example" } as Company;
    expect(defaultChoices(companyMergeRows(base, other, names))).toEqual({
      name: "survivor",
      domain: "duplicate",
      phone: "survivor",
      website: "survivor",
      address: "survivor",
      owner_id: "survivor",
    });
  });
});

describe("what both keep", () => {
  it("is every email, phone and tag of both, once", () => {
    expect(keptFromBoth(survivor, duplicate)).toEqual({
      emails: ["ada@example.com", "ada@work.example"],
      phones: ["+15552013344"],
      tags: ["vip", "event"],
    });
    expect(unionOf([null, "a", "", "b", "a", undefined])).toEqual(["a", "b"]);
  });
});

describe("mergeBody", () => {
  it("sends both ids at the versions shown and every field's choice", () => {
    const choices = { ...defaultChoices(contactMergeRows(survivor, duplicate, names)), first_name: "duplicate" as const };
    const body = mergeBody({ id: "C1", version: 3 }, { id: "C2", version: 7 }, choices);
    expect(body).toMatchObject({ survivor_id: "C1", duplicate_id: "C2", survivor_version: 3, duplicate_version: 7 });
    expect(body.fields).toMatchObject({ first_name: "duplicate", last_name: "survivor", phone: "duplicate" });
    expect(Object.keys(body.fields ?? {})).toHaveLength(13);
  });
});
