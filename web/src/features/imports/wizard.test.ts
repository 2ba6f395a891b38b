// @vitest-environment jsdom
// The imports pages rendered in jsdom against a scripted API (the real client, a fake fetch) and a
// fake S3 (XMLHttpRequest): the list, each step of the wizard, and the way the API's answers land.

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, createElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import { createMemoryRouter, RouterProvider } from "react-router";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiClient, MemorySessionStore } from "../../api/client";
import { AuthProvider, ME_KEY } from "../../auth/AuthProvider";
import { ROLE_PERMISSIONS } from "../../auth/permissions.gen";
import type { AppConfig } from "../../config";
import { ServicesContext } from "../../context";
import { importsSettingsRoutes } from "./routes";
import type { Import, ImportTemplate, Target } from "./types";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const READY: Import = {
  import_id: "imp1",
  file_name: "contacts.csv",
  size_bytes: 2048,
  status: "ready",
  problem: null,
  problem_code: null,
  format: "csv",
  encoding: "utf-8",
  delimiter: ",",
  header: ["Full Name", "Email", "Phone", "Notes"],
  sample: [
    ["Ada Lovelace", "ada@example.com", "555 0100", ""],
    ["Grace Hopper", "grace@example.com", "", "met at the expo"],
  ],
  mapping: [],
  proposed: ["name", "email", "phone", ""],
  options: null,
  counts: { rows_total: 0, rows_read: 0, created: 0, updated: 0, skipped: 0, failed: 0, leads_created: 0, companies_created: 0, over_limit: 0 },
  problem_rows: 0,
  created_by: "u1",
  created_by_name: "Ada Admin",
  created_at: "2026-12-01T10:00:00Z",
  started_at: null,
  finished_at: null,
  duration_seconds: null,
  undo_until: null,
  undone_at: null,
  undone_contacts: 0,
  undone_leads: 0,
};
const TARGETS: { items: Target[] } = {
  items: [
    { key: "name", label: "Full name", group: "Person" },
    { key: "email", label: "Email", group: "Person" },
    { key: "phone", label: "Phone", group: "Person" },
    { key: "company", label: "Company", group: "Person" },
    { key: "stage", label: "Stage", group: "Lead" },
  ],
};
const TEMPLATE: ImportTemplate = {
  template_id: "t1",
  name: "Expo list",
  columns: { "full name": "company", email: "email", phone: "", notes: "" },
  options: { duplicate_rule: "fill", tags: ["expo"] },
  created_at: "2026-11-01T00:00:00Z",
  created_by: "u1",
};
const PIPELINES = {
  items: [
    {
      pipeline_id: "p1",
      name: "Sales",
      is_default: true,
      position: 0,
      show_in_funnel: true,
      show_in_pie: true,
      stages: [
        { stage_id: "s2", name: "Qualified", position: 1 },
        { stage_id: "s1", name: "New", position: 0 },
      ],
    },
  ],
};
const USERS = {
  items: [
    { user_id: "u1", name: "Ada Admin", email: "ada@summit.test", status: "active", role: "Admin", created_at: "" },
    { user_id: "u2", name: "Bo Sales", email: "bo@summit.test", status: "active", role: "Sales", created_at: "" },
  ],
};
const MAPPING_READS = { "GET /imports/targets": TARGETS, "GET /import-templates": { items: [] }, "GET /pipelines": PIPELINES, "GET /users": USERS };

/** An answer: a body (200), or [status, body] from a function of the request's body. */
type Reply = unknown | ((body: unknown) => [number, unknown]);
interface Call {
  method: string;
  path: string;
  body: unknown;
}

let mounted: { root: Root; container: HTMLElement } | null = null;

function renderAt(path: string, replies: Record<string, Reply>) {
  const calls: Call[] = [];
  const fetch = async (url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const { pathname, search } = new URL(String(url));
    const method = init?.method ?? "GET";
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: pathname + search, body });
    const reply = replies[`${method} ${pathname}`];
    if (reply === undefined) return new Response(JSON.stringify({ error: { code: "not_found", message: "Not found" } }), { status: 404 });
    const [status, answer] = typeof reply === "function" ? (reply as (body: unknown) => [number, unknown])(body) : [200, reply];
    return new Response(answer === null ? "" : JSON.stringify(answer), { status });
  };
  const store = new MemorySessionStore({ idToken: "id", accessToken: "access", refreshToken: "refresh", expiresAt: Date.now() + 3_600_000 });
  const client = new ApiClient({ baseUrl: "http://api.test", store, fetch: fetch as typeof globalThis.fetch, retries: 0 });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(ME_KEY, { permissions: ROLE_PERMISSIONS.Admin, user: { user_id: "u1", role: "Admin" }, portal: "/dashboard", tenant: null });
  const router = createMemoryRouter([{ path: "/settings", children: importsSettingsRoutes }], { initialEntries: [path] });
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  const config = { apiUrl: "http://api.test" } as AppConfig;
  act(() =>
    root.render(
      createElement(
        ServicesContext.Provider,
        { value: { config, client } },
        createElement(
          QueryClientProvider,
          { client: queryClient },
          createElement(AuthProvider, { store, sessionEnded: new EventTarget(), children: createElement(RouterProvider, { router }) }),
        ),
      ),
    ),
  );
  mounted = { root, container };
  return { container, router, calls };
}

/** Waits (up to 3 s) until the assertion passes, letting React and the timers run. */
async function until(assertion: () => void, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    try {
      assertion();
      return;
    } catch (error) {
      if (Date.now() > end) throw error;
      await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    }
  }
}

function byTestId<T extends HTMLElement = HTMLElement>(container: HTMLElement, id: string): T {
  const found = container.querySelector<T>(`[data-testid="${id}"]`);
  if (!found) throw new Error(`no [data-testid="${id}"]`);
  return found;
}

function buttonNamed(container: HTMLElement, name: string): HTMLButtonElement {
  const found = [...container.querySelectorAll("button")].find((button) => button.textContent === name);
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

function choose(select: HTMLSelectElement, value: string) {
  act(() => {
    select.value = value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

function click(element: HTMLElement) {
  act(() => element.click());
}

function chooseFile(input: HTMLInputElement, file: File) {
  Object.defineProperty(input, "files", { value: [file], configurable: true });
  act(() => {
    input.dispatchEvent(new Event("change", { bubbles: true }));
  });
}

const columnValues = (container: HTMLElement, count: number) =>
  Array.from({ length: count }, (_, index) => byTestId<HTMLSelectElement>(container, `map-${index}`).value);

/** S3 as the browser sees it: answers each POST with `status` and `body` after one progress event. */
function fakeS3(status: number, body = "") {
  const sent: { url: string; form: FormData }[] = [];
  class FakeRequest {
    status = 0;
    responseText = "";
    upload: { onprogress: ((event: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private url = "";
    open(_method: string, url: string) {
      this.url = url;
    }
    abort() {
      this.onabort?.();
    }
    send(form: FormData) {
      sent.push({ url: this.url, form });
      setTimeout(() => {
        this.upload.onprogress?.({ lengthComputable: true, loaded: 5, total: 10 });
        setTimeout(() => {
          this.status = status;
          this.responseText = body;
          this.onload?.();
        }, 10);
      }, 10);
    }
  }
  vi.stubGlobal("XMLHttpRequest", FakeRequest);
  return sent;
}

beforeEach(() => {
  // jsdom has no modal dialogs nor scrolling.
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.open = false;
  };
  vi.spyOn(window, "scrollTo").mockImplementation(() => undefined);
});

afterEach(() => {
  if (mounted) {
    const { root, container } = mounted;
    act(() => root.unmount());
    container.remove();
    mounted = null;
  }
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("Settings > Imports", () => {
  it("lists the imports with the URL's filters sent to the API", async () => {
    const done = { ...READY, status: "done", counts: { ...READY.counts, created: 12, updated: 3, skipped: 1, failed: 2 } };
    const { container, calls } = renderAt("/settings/imports?status=done", { "GET /imports": { items: [done], next_cursor: "c2" }, "GET /users": USERS });
    await until(() => expect(container.querySelectorAll('[data-testid="import-row"]')).toHaveLength(1));
    const row = byTestId(container, "import-row");
    expect(row.textContent).toContain("contacts.csv");
    expect(row.textContent).toContain("Ada Admin");
    expect(byTestId(row, "import-status").textContent).toBe("Done");
    expect([...row.querySelectorAll("td.numeric")].map((cell) => cell.textContent)).toEqual(["12", "3", "1", "2"]);
    expect(calls.find((call) => call.path.startsWith("/imports"))?.path).toBe("/imports?status=done&limit=25");
    expect(buttonNamed(container, "Next page").disabled).toBe(false);
  });

  it("says what to do when there is no import yet", async () => {
    const { container } = renderAt("/settings/imports", { "GET /imports": { items: [], next_cursor: null }, "GET /users": USERS });
    await until(() => expect(container.textContent).toContain("No imports yet"));
    expect(container.querySelector('a[href="/settings/imports/new"]')).not.toBeNull();
  });
});

describe("the file step", () => {
  it("refuses a file the API would refuse without creating an import", async () => {
    const { container, calls } = renderAt("/settings/imports/new", {});
    chooseFile(byTestId(container, "import-file-input"), new File(["x"], "photo.png"));
    await until(() => expect(byTestId(container, "file-error").textContent).toMatch(/not a spreadsheet Convertly can read/));
    expect(calls).toEqual([]);
  });

  it("previews the CSV, creates the import, uploads to S3, waits for the check and opens the mapping", async () => {
    const sent = fakeS3(201);
    let reads = 0;
    const { container, router, calls } = renderAt("/settings/imports/new", {
      "POST /imports": () => [201, { ...READY, status: "awaiting_upload", upload: { url: "http://s3.test/uploads", fields: { key: "T#1/imp1", policy: "p" }, max_bytes: 52428800, expires_at: "" } }],
      "GET /imports/imp1": () => {
        reads += 1;
        return [200, { ...READY, status: reads > 1 ? "ready" : "inspecting" }];
      },
      ...MAPPING_READS,
    });
    const file = new File(["Name,Email\nAda,ada@example.com\n"], "contacts.csv", { type: "text/csv" });
    chooseFile(byTestId(container, "import-file-input"), file);
    await until(() => expect(byTestId(container, "import-preview").textContent).toContain("ada@example.com"));
    expect(calls[0]).toEqual({ method: "POST", path: "/imports", body: { file_name: "contacts.csv", size_bytes: file.size } });
    await until(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.url).toBe("http://s3.test/uploads");
    expect([...sent[0]!.form.keys()]).toEqual(["key", "policy", "file"]);
    await until(() => expect(router.state.location.pathname).toBe("/settings/imports/imp1"));
    await until(() => expect(columnValues(container, 4)).toEqual(["name", "email", "phone", ""]));
  });

  it("shows S3's refusal and cancels the import it made; a workbook waits for the server's preview", async () => {
    fakeS3(400, "<Error><Code>EntityTooLarge</Code><Message>Your proposed upload exceeds the maximum allowed size</Message></Error>");
    const { container, calls } = renderAt("/settings/imports/new", {
      "POST /imports": () => [201, { ...READY, status: "awaiting_upload", upload: { url: "http://s3.test/uploads", fields: {}, max_bytes: 1, expires_at: "" } }],
      "POST /imports/imp1/cancel": { ...READY, status: "cancelled" },
    });
    chooseFile(byTestId(container, "import-file-input"), new File(["PK"], "Book1.xlsx"));
    await until(() => expect(container.textContent).toContain("Excel preview appears once the file is checked"));
    await until(() => expect(byTestId(container, "file-error").textContent).toBe("The upload was refused: the file is larger than 50 MB"));
    await until(() => expect(calls.map((call) => `${call.method} ${call.path}`)).toContain("POST /imports/imp1/cancel"));
    expect(byTestId<HTMLInputElement>(container, "import-file-input").disabled).toBe(false);
  });

  it("shows why the server refused the file, with another go", async () => {
    const { container } = renderAt("/settings/imports/imp1", { "GET /imports/imp1": { ...READY, status: "rejected", problem: "The file has no header row." } });
    await until(() => expect(byTestId(container, "import-rejected").textContent).toContain("The file has no header row."));
    expect(byTestId(container, "import-rejected").querySelector('a[href="/settings/imports/new"]')?.textContent).toBe("Choose another file");
  });
});

describe("the mapping step", () => {
  it("starts from the proposal, warns of a field taken twice, applies a template and sends the start", async () => {
    let started: unknown = null;
    const { container } = renderAt("/settings/imports/imp1", {
      "GET /imports/imp1": READY,
      ...MAPPING_READS,
      "GET /import-templates": { items: [TEMPLATE] },
      "POST /imports/imp1/start": (body: unknown) => {
        started = body;
        return [202, { ...READY, status: "queued", mapping: ["company", "email", "", ""] }];
      },
    });
    await until(() => expect(columnValues(container, 4)).toEqual(["name", "email", "phone", ""]));
    const notes = byTestId<HTMLSelectElement>(container, "map-3");
    expect([...notes.querySelectorAll("optgroup")].map((group) => group.label)).toEqual(["Person", "Lead"]);
    expect(notes.labels?.[0]?.textContent).toBe("Field for column 4, “Notes”");

    choose(notes, "email");
    expect(notes.getAttribute("aria-invalid")).toBe("true");
    expect(container.textContent).toContain("Column 2 (“Email”) already goes to Email");
    choose(notes, "");

    const saved = [...container.querySelectorAll("select")].find((select) => select.querySelector('option[value="t1"]'))!;
    choose(saved, "t1");
    click(buttonNamed(container, "Apply"));
    expect(columnValues(container, 4)).toEqual(["company", "email", "", ""]);
    expect(container.textContent).toContain("Applied “Expo list” to every column.");

    click(container.querySelector<HTMLInputElement>('input[value="leads"]')!);
    click(byTestId(container, "start-import"));
    await until(() => expect(started).not.toBeNull());
    expect(started).toEqual({
      mapping: ["company", "email", "", ""],
      options: { creates: "leads", pipeline_id: "p1", stage_id: "s1", duplicate_rule: "fill", owner_mode: "none", owner_ids: [], tags: ["expo"], default_country: null },
    });
    await until(() => expect(byTestId(container, "import-progress").getAttribute("role")).toBe("progressbar"));
  });

  it("does not send a mapping without a name, email or phone, nor round robin over nobody", async () => {
    const { container, calls } = renderAt("/settings/imports/imp1", { "GET /imports/imp1": { ...READY, proposed: ["company", "", "", ""] }, ...MAPPING_READS });
    await until(() => expect(byTestId(container, "identity-warning")).toBeTruthy());
    click(container.querySelector<HTMLInputElement>('input[value="round_robin"]')!);
    click(byTestId(container, "start-import"));
    await until(() => expect(container.textContent).toContain("Choose the people who take the rows in turn"));
    expect(calls.filter((call) => call.method === "POST")).toEqual([]);
  });

  it("puts the API's 422 under the column it names", async () => {
    const { container } = renderAt("/settings/imports/imp1", {
      "GET /imports/imp1": READY,
      ...MAPPING_READS,
      "POST /imports/imp1/start": () => [
        422,
        { error: { code: "validation_error", message: "Some columns are mapped to fields that cannot take them", fields: { "mapping.1": "column 1 already goes to this field" } } },
      ],
    });
    await until(() => expect(byTestId(container, "map-1")).toBeTruthy());
    click(byTestId(container, "start-import"));
    const select = byTestId<HTMLSelectElement>(container, "map-1");
    await until(() => expect(select.getAttribute("aria-invalid")).toBe("true"));
    expect(document.getElementById(select.getAttribute("aria-describedby")!)?.textContent).toBe("Column 1 already goes to this field");
    expect(byTestId(container, "start-error").textContent).toBe("Some columns are mapped to fields that cannot take them");
  });
});

describe("the run and the report", () => {
  it("shows the progress and live counts, and cancels after confirming", async () => {
    const running = { ...READY, status: "running", options: { creates: "leads" }, counts: { ...READY.counts, rows_total: 200, rows_read: 50, created: 40, leads_created: 40 } };
    const { container, calls } = renderAt("/settings/imports/imp1", { "GET /imports/imp1": running, "POST /imports/imp1/cancel": running });
    await until(() => expect(byTestId(container, "import-progress").getAttribute("aria-valuenow")).toBe("50"));
    expect(byTestId(container, "import-progress").getAttribute("aria-valuemax")).toBe("200");
    expect(byTestId(container, "count-created").textContent).toBe("Contacts created40");
    expect(byTestId(container, "count-leads_created").textContent).toBe("Leads created40");
    click(byTestId(container, "cancel-import"));
    click(byTestId(container, "confirm-dialog"));
    await until(() => expect(container.textContent).toContain("Stopping after the current rows"));
    expect(calls.filter((call) => call.method === "POST").map((call) => call.path)).toEqual(["/imports/imp1/cancel"]);
  });

  it("reports the counts, the problems file and the mapping used, and undoes after confirming", async () => {
    const done = {
      ...READY,
      status: "done",
      mapping: ["name", "email", "", ""],
      options: { creates: "contacts", duplicate_rule: "skip", tags: [] },
      problem_rows: 3,
      started_at: "2026-12-01T10:00:00Z",
      finished_at: "2026-12-01T10:02:00Z",
      duration_seconds: 120,
      undo_until: "2099-01-01T00:00:00Z",
      counts: { ...READY.counts, rows_total: 10, rows_read: 10, created: 7, skipped: 2, failed: 1 },
    };
    const { container, calls } = renderAt("/settings/imports/imp1", {
      "GET /imports/imp1": done,
      "GET /imports/targets": TARGETS,
      "POST /imports/imp1/undo": () => [202, { ...done, status: "undoing" }],
    });
    await until(() => expect(byTestId(container, "download-problems").textContent).toBe("Download problems (3 rows)"));
    expect(container.textContent).toContain("2 min");
    await until(() => expect([...byTestId(container, "mapping-used").querySelectorAll("td")].map((cell) => cell.textContent)).toEqual(["Full name", "Email", "Not imported", "Not imported"]));
    click(byTestId(container, "undo-import"));
    expect(container.querySelector("dialog[open]")?.textContent).toContain("This deletes the 7 contacts and 0 leads this import created.");
    click(byTestId(container, "confirm-dialog"));
    await until(() => expect(container.textContent).toContain("Deleting what this import created"));
    expect(calls.filter((call) => call.method === "POST").map((call) => call.path)).toEqual(["/imports/imp1/undo"]);
  });

  it("says what an undo deleted, and offers no undo any more", async () => {
    const undone = { ...READY, status: "undone", mapping: ["name", "email", "", ""], undone_at: "2026-12-02T10:00:00Z", undone_contacts: 7, undone_leads: 2 };
    const { container } = renderAt("/settings/imports/imp1", { "GET /imports/imp1": undone, "GET /imports/targets": TARGETS });
    await until(() => expect(byTestId(container, "undone-note").textContent).toMatch(/^Undone on .+: 7 contacts and 2 leads deleted\.$/));
    expect(container.querySelector('[data-testid="undo-import"]')).toBeNull();
  });
});
