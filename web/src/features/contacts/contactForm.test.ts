import { describe, expect, it } from "vitest";
import {
  changedCompanyFields,
  changedContactFields,
  companyCreateBody,
  contactCreateBody,
  contactToForm,
  emptyCompanyForm,
  emptyContactForm,
  parseList,
} from "./contactForm";
import type { Contact } from "./types";

const contact: Contact = {
  contact_id: "C1",
  first_name: "Ada",
  last_name: "Lovelace",
  name: "Ada Lovelace",
  email: "ada@example.com",
  emails: ["ada@work.example"],
  phone: "+1 555 201 3344",
  phones: [],
  country: "US",
  company_id: "CO1",
  company_name: "Engines Ltd",
  role: "Prospect",
  owner_id: "U1",
  source: "manual",
  tags: ["vip"],
  custom_fields: {},
  consent: { email_marketing: "granted" },
  address: { city: "London" },
  website: null,
  time_zone: "Europe/London",
  active: true,
  test: false,
  lead_count: 1,
  last_activity_at: null,
  created_at: "2026-01-01T00:00:00Z",
  created_by: "U1",
  updated_at: "2026-01-01T00:00:00Z",
  deleted_at: null,
  version: 3,
};

describe("contactCreateBody", () => {
  it("leaves out empty inputs and trims the rest", () => {
    const values = {
      ...emptyContactForm({ company_id: "CO1", name: "Engines Ltd" }),
      first_name: " Ada ",
      emails: "a@x.example\nb@x.example, a@x.example",
      tags: "vip, vip",
      address: { ...emptyContactForm().address, city: " London " },
    };
    expect(contactCreateBody(values)).toEqual({
      first_name: "Ada",
      emails: ["a@x.example", "b@x.example"],
      tags: ["vip"],
      company_id: "CO1",
      role: "Lead",
      active: true,
      test: false,
      address: { city: "London" },
    });
  });

  it("sends the consent once a choice is made", () => {
    const values = emptyContactForm();
    values.consent = { ...values.consent, sms_marketing: "denied" };
    expect(contactCreateBody(values).consent).toEqual({
      ad_user_data: "unspecified",
      ad_personalization: "unspecified",
      email_marketing: "unspecified",
      sms_marketing: "denied",
    });
  });
});

describe("changedContactFields", () => {
  const before = contactToForm(contact);

  it("reads a contact into the form", () => {
    expect(before.company).toEqual({ company_id: "CO1", name: "Engines Ltd" });
    expect(before.consent.email_marketing).toBe("granted");
    expect(before.address.city).toBe("London");
    expect(before.emails).toBe("ada@work.example");
  });

  it("sends nothing when nothing changed", () => {
    expect(changedContactFields(before, { ...before, tags: " vip ", emails: "ada@work.example," })).toEqual({});
  });

  it("sends only what changed, clearing with null", () => {
    const after = { ...before, phone: "", company: null, role: "Client" as const, test: true };
    expect(changedContactFields(before, after)).toEqual({ phone: null, company_id: null, role: "Client", test: true });
  });

  it("sends the whole address and consent when a part changed", () => {
    const after = {
      ...before,
      address: { ...before.address, city: "" },
      consent: { ...before.consent, ad_user_data: "denied" as const },
    };
    expect(changedContactFields(before, after)).toEqual({
      address: null,
      consent: { ad_user_data: "denied", ad_personalization: "unspecified", email_marketing: "granted", sms_marketing: "unspecified" },
    });
  });
});

describe("parseList", () => {
  it("splits on commas, semicolons and new lines, keeping spaces inside an entry", () => {
    expect(parseList("+1 555 0100; +1 555 0101\n\n+1 555 0100")).toEqual(["+1 555 0100", "+1 555 0101"]);
  });
});

describe("company bodies", () => {
  it("creates with the filled-in fields", () => {
    expect(companyCreateBody({ ...emptyCompanyForm(), name: " Acme ", domain: "acme.example", tags: "b2b" })).toEqual({
      name: "Acme",
      domain: "acme.example",
      tags: ["b2b"],
    });
  });

  it("edits only what changed", () => {
    const before = { ...emptyCompanyForm(), name: "Acme", phone: "+1 555 0100" };
    expect(changedCompanyFields(before, { ...before, phone: "", name: "Acme Inc" })).toEqual({ name: "Acme Inc", phone: null });
  });
});
