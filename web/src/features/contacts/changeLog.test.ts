import { describe, expect, it } from "vitest";
import { formatMoney } from "../../lib/format";
import type { FieldDefinition } from "../fields/types";
import {
  actorPhrase,
  changeLines,
  emailedBy,
  emailedTitle,
  fieldLabel,
  readCause,
  readChanges,
  readEmailed,
  type ChangeContext,
  type ChangeLine,
} from "./changeLog";

const size: FieldDefinition = {
  field_id: "F1",
  key: "size",
  label: "Company size",
  type: "dropdown",
  placeholder: null,
  required: false,
  options: ["Small", "Large"],
};
const budget: FieldDefinition = { ...size, field_id: "F2", key: "budget", label: "Budget", type: "money", options: [] };

const context: ChangeContext = {
  userName: (id) => ({ U1: "Sam Sales" })[id] ?? "Someone",
  companyName: (id) => ({ CO1: "Acme Roofing" })[id] ?? null,
  customFields: [size, budget],
};

/** "Label: old → new", as the page reads a line. */
const read = (lines: ChangeLine[]) => lines.map((line) => `${line.label}: ${line.from.text} → ${line.to.text}`);

describe("a change's lines", () => {
  it("read lists joined, nothing as a dash, booleans as Yes/No", () => {
    expect(
      read(
        changeLines(
          [
            { field: "role", old: "Lead", new: "Client" },
            { field: "tags", old: ["vip"], new: ["vip", "golf"] },
            { field: "emails", old: [], new: ["a@x.example"] },
            { field: "active", old: true, new: false },
            { field: "website", old: null, new: "acme.example" },
          ],
          context,
        ),
      ),
    ).toEqual([
      "Role: Lead → Client",
      "Tags: vip → vip, golf",
      "Other emails: — → a@x.example",
      "Active: Yes → No",
      "Website: — → acme.example",
    ]);
  });

  it("name owners and companies, linking a company to its page", () => {
    const [owner, company, gone] = changeLines(
      [
        { field: "owner_id", old: null, new: "U1" },
        { field: "company_id", old: "CO9", new: "CO1" },
        { field: "company_id", old: "CO1", new: null },
      ],
      context,
    );
    expect([owner?.from.text, owner?.to.text]).toEqual(["Unassigned", "Sam Sales"]);
    expect(company?.from).toEqual({ text: "a company", to: "/companies/CO9" });
    expect(company?.to).toEqual({ text: "Acme Roofing", to: "/companies/CO1" });
    expect(gone?.to).toEqual({ text: "—" });
  });

  it("read maps as key: value, consent and address in words", () => {
    expect(
      read(
        changeLines(
          [
            { field: "consent", old: {}, new: { email_marketing: "granted", sms_marketing: "unspecified" } },
            { field: "address", old: { city: "London" }, new: { line1: "1 Main St", city: "Paris", country: "FR" } },
            { field: "settings", old: { a: 1 }, new: { a: 2, b: ["x", "y"] } },
          ],
          context,
        ),
      ),
    ).toEqual(["Consent: — → Email marketing: Granted", "Address: London → 1 Main St, Paris, FR", "Settings: a: 1 → a: 2, b: x, y"]);
  });

  it("split custom fields into one line per changed field, by its label and type", () => {
    const lines = changeLines(
      [{ field: "custom_fields", old: { size: "Small", budget: "1200.00", legacy: "x" }, new: { size: "Large", budget: "1200.00", nps: 9 } }],
      context,
    );
    expect(read(lines)).toEqual(["Company size: Small → Large", "legacy: x → —", "nps: — → 9"]);
    expect(read(changeLines([{ field: "custom_fields", old: {}, new: { budget: "1234.5" } }], context))).toEqual([
      `Budget: — → ${(1234.5).toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`,
    ]);
  });

  it("show a lead's value (in cents) as money, in the currency of each side", () => {
    const lead = { ...context, currency: "USD" };
    expect(read(changeLines([{ field: "value", old: 10000, new: 25000 }], lead))).toEqual([
      `Value: ${formatMoney(100, "USD")} → ${formatMoney(250, "USD")}`,
    ]);
    const switched = changeLines(
      [
        { field: "currency", old: "USD", new: "EUR" },
        { field: "value", old: 10000, new: 9050 },
      ],
      lead,
    );
    expect(switched[1]?.from.text).toBe(formatMoney(100, "USD"));
    expect(switched[1]?.to.text).toBe(formatMoney(90.5, "EUR"));
    expect(read(changeLines([{ field: "value", old: 1, new: 2 }], context))).toEqual(["Value: 1 → 2"]);
  });
});

describe("labels and readings", () => {
  it("labels known fields and words others from their key", () => {
    expect(fieldLabel("owner_id")).toBe("Owner");
    expect(fieldLabel("time_zone")).toBe("Time zone");
    expect(fieldLabel("next_step")).toBe("Next step");
  });

  it("reads a lead timeline's open change objects, leaving out those without a field", () => {
    expect(readChanges([{ field: "value", old: 1, new: 2 }, { old: 1 }])).toEqual([{ field: "value", old: 1, new: 2 }]);
    expect(readChanges(null)).toEqual([]);
  });

  it("reads why a change happened", () => {
    expect(readCause({ lead_id: "L1" })).toEqual({ kind: "made_with_lead", leadId: "L1" });
    expect(readCause({ lead_id: "L1", reason: "lead_won" })).toEqual({ kind: "lead_won", leadId: "L1" });
    expect(readCause({ merged: "C2", name: "Ada" })).toEqual({ kind: "merged_in", recordId: "C2", name: "Ada" });
    expect(readCause({ into: "C1", name: "Ada L." })).toEqual({ kind: "merged_into", recordId: "C1", name: "Ada L." });
    expect(readCause({ something: "else" })).toBeNull();
    expect(readCause(null)).toBeNull();
  });

  it("words who did it", () => {
    expect(actorPhrase("Sam Sales")).toBe("Sam Sales");
    expect(actorPhrase("A form")).toBe("a form");
    expect(actorPhrase("Tag list")).toBe("the tag list");
    expect(actorPhrase("Convertly")).toBe("Convertly");
    expect(actorPhrase(null)).toBe("someone");
  });
});

describe("an email sent to a contact", () => {
  it("reads what was sent, to whom, and from which template", () => {
    expect(readEmailed({ subject: "Welcome, Ada", to: "ada@example.com", template_id: "T1" })).toEqual({
      subject: "Welcome, Ada",
      to: "ada@example.com",
      templateId: "T1",
      workflow: null,
    });
    expect(emailedTitle(readEmailed({ subject: "Welcome, Ada", to: "ada@example.com", template_id: null }))).toBe(
      "Emailed “Welcome, Ada” to ada@example.com",
    );
  });

  it("says who sent it: the person, or the workflow by name", () => {
    expect(emailedBy(readEmailed({ subject: "Hi", to: "a@b.c", template_id: "T1" }), "Blair Owner")).toBe("Blair Owner");
    expect(emailedBy(readEmailed({ subject: "Hi", to: "a@b.c", workflow: "Onboarding" }), "Convertly")).toBe("Workflow: Onboarding");
  });

  it("reads an entry without its details", () => {
    expect(emailedTitle(readEmailed(null))).toBe("Emailed a message without a subject");
  });
});
