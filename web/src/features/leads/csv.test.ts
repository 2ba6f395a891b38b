import { describe, expect, it } from "vitest";
import { csvCell, csvFileName, EXPORT_PAGE_SIZE, fetchAllLeads, leadColumns, toCsv } from "./csv";
import type { Lead, LeadPage } from "./types";

function lead(overrides: Partial<Lead> = {}): Lead {
  return {
    lead_id: "L1",
    first_name: "Ana",
    last_name: "Silva",
    name: "Ana Silva",
    email: "ana@example.com",
    phone: "+1 555 123 4567",
    company: null,
    value: 1200,
    currency: "USD",
    owner_id: "U1",
    source: "google_ads",
    tags: ["roof", "urgent"],
    custom_fields: {},
    attribution: { gclid: "Cj0abc", utm_campaign: "spring" },
    pipeline_id: "P1",
    stage_id: "S1",
    stage_entered_at: "2026-01-01T00:00:00.000Z",
    created_at: "2026-01-01T00:00:00.000Z",
    created_by: "U1",
    updated_at: "2026-01-01T00:00:00.000Z",
    deleted_at: null,
    version: 1,
    ...overrides,
  };
}

describe("csvCell", () => {
  it("leaves plain text as it is", () => {
    expect(csvCell("Ana")).toBe("Ana");
    expect(csvCell(12.5)).toBe("12.5");
  });

  it("writes nothing for a missing value", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling inner quotes", () => {
    expect(csvCell("Smith, Jr.")).toBe('"Smith, Jr."');
    expect(csvCell('The "Roof" Co')).toBe('"The ""Roof"" Co"');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("a\r\nb")).toBe('"a\r\nb"');
  });

  it("quotes edge spaces so they survive a spreadsheet", () => {
    expect(csvCell(" padded ")).toBe('" padded "');
  });

  it("defuses cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
  });

  it("keeps phone numbers and signed numbers as they are", () => {
    expect(csvCell("+1 555 123 4567")).toBe("+1 555 123 4567");
    expect(csvCell("-42")).toBe("-42");
  });
});

describe("toCsv", () => {
  it("writes a header line and one CRLF-terminated line per row", () => {
    const columns = [
      { header: "Name", value: (row: { name: string }) => row.name },
      { header: "Note, short", value: () => "x" },
    ];
    expect(toCsv(columns, [{ name: "Ana" }, { name: 'Bo "B"' }])).toBe(
      'Name,"Note, short"\r\nAna,x\r\n"Bo ""B""",x\r\n',
    );
  });

  it("writes the lead columns with names looked up", () => {
    const columns = leadColumns({ stageName: () => "Qualified", ownerName: () => "Sam Sales" });
    const [header, row] = toCsv(columns, [lead({ company: "Oak, Inc." })]).split("\r\n");
    expect(header).toContain("Lead ID,First name,Last name,Email,Phone,Company,Stage,Source,Owner,Value");
    expect(row).toContain('L1,Ana,Silva,ana@example.com,+1 555 123 4567,"Oak, Inc.",Qualified,google_ads,Sam Sales,1200.00,USD,roof; urgent');
    expect(row).toContain("Cj0abc");
    expect(row).toContain("spring");
  });

  it("ends with the contact and each lead custom field by its label", () => {
    const columns = leadColumns({ stageName: () => "New", ownerName: () => "" }, [
      { key: "roof", label: "Roof type" },
      { key: "extras", label: "Extras" },
      { key: "insured", label: "Insured" },
    ]);
    const [header, row] = toCsv(
      columns,
      [lead({ contact_id: "C1", custom_fields: { roof: "Slate", extras: ["gutter", "skylight"], insured: true } })],
    ).split("\r\n");
    expect(header).toMatch(/,Contact ID,Roof type,Extras,Insured$/);
    expect(row).toMatch(/,C1,Slate,gutter; skylight,Yes$/);
  });
});

describe("fetchAllLeads", () => {
  it("pages through every cursor with the largest page and the same filters", async () => {
    const calls: { filters: unknown; cursor: string | null; limit: number }[] = [];
    const pages: Record<string, LeadPage> = {
      start: { items: [lead({ lead_id: "1" }), lead({ lead_id: "2" })], next_cursor: "c2" },
      c2: { items: [lead({ lead_id: "3" })], next_cursor: "c3" },
      c3: { items: [], next_cursor: null },
    };
    const progress: number[] = [];
    const all = await fetchAllLeads(
      async (filters, cursor, limit) => {
        calls.push({ filters, cursor, limit });
        return pages[cursor ?? "start"]!;
      },
      { source: "google_ads" },
      (loaded) => progress.push(loaded),
    );
    expect(all.map((l) => l.lead_id)).toEqual(["1", "2", "3"]);
    expect(calls.map((c) => c.cursor)).toEqual([null, "c2", "c3"]);
    expect(calls.every((c) => c.limit === EXPORT_PAGE_SIZE && EXPORT_PAGE_SIZE === 100)).toBe(true);
    expect(calls.every((c) => JSON.stringify(c.filters) === '{"source":"google_ads"}')).toBe(true);
    expect(progress).toEqual([2, 3, 3]);
  });

  it("stops when the API hands back a cursor it already gave", async () => {
    let calls = 0;
    const all = await fetchAllLeads(async () => {
      calls += 1;
      return { items: [lead()], next_cursor: "same" };
    }, {});
    expect(calls).toBe(2);
    expect(all).toHaveLength(2);
  });
});

describe("csvFileName", () => {
  it("names the file by day", () => {
    expect(csvFileName(new Date("2026-03-04T10:00:00Z"))).toBe("leads-2026-03-04.csv");
  });
});
