import { describe, expect, it } from "vitest";
import { Grants, Permission } from "../../auth/permissions";
import { ROLE_PERMISSIONS, type Role } from "../../auth/permissions.gen";
import { mayOpenPath } from "../../navigation";
import type { AdsSettings } from "../conversions/types";
import type { Import, ImportPage } from "../imports/types";
import type { Team, TeamMember } from "../team/types";
import {
  adsConnected,
  allDone,
  contactsImported,
  formPublished,
  hiddenKey,
  isEmptyWorkspace,
  progressText,
  stateLabel,
  STEPS,
  stepsFor,
  stepViews,
  teammateInvited,
  tilesBesideChecklist,
  type Answers,
} from "./gettingStarted";
import { isChart, TILE_IDS } from "./layout";
import type { Dashboard } from "./types";

const ME = "u-me";

function grantsOf(role: Role): Grants {
  return new Grants(ROLE_PERMISSIONS[role]);
}

function stepIdsFor(role: Role): string[] {
  const grants = grantsOf(role);
  return stepsFor((permission) => grants.can(permission)).map((step) => step.id);
}

const NOT_SET_UP: AdsSettings = {
  google_ads: { configured: false, connected: false, missing: ["customer_id", "refresh_token"] },
  meta: { configured: false, connected: false, missing: ["dataset_id", "access_token"] },
  timezone: "UTC",
  default_country: "US",
  updated_at: null,
};

function member(user_id: string, status: string): TeamMember {
  return { user_id, status, name: user_id, email: `${user_id}@example.com`, role: "Sales", created_at: "2026-12-01T10:00:00Z", open_leads: 0 };
}

function team(...members: TeamMember[]): Team {
  return { items: members, seats_used: members.length, seats_limit: 5 };
}

const COUNTS: Import["counts"] = {
  rows_total: 0,
  rows_read: 0,
  created: 0,
  updated: 0,
  skipped: 0,
  failed: 0,
  leads_created: 0,
  companies_created: 0,
  over_limit: 0,
};

function anImport(status: Import["status"], counts: Partial<Import["counts"]> = {}): Import {
  return {
    import_id: `imp-${status}`,
    file_name: "contacts.csv",
    size_bytes: 2048,
    status,
    problem: null,
    problem_code: null,
    format: "csv",
    encoding: "utf-8",
    delimiter: ",",
    header: ["Name", "Email"],
    sample: [],
    mapping: ["name", "email"],
    proposed: [],
    options: null,
    counts: { ...COUNTS, ...counts },
    problem_rows: 0,
    created_by: ME,
    created_by_name: "Me",
    created_at: "2026-12-01T10:00:00Z",
    started_at: null,
    finished_at: null,
    duration_seconds: null,
    undo_until: null,
    undone_at: null,
    undone_contacts: 0,
    undone_leads: 0,
  };
}

function imports(...items: Import[]): ImportPage {
  return { items, next_cursor: null };
}

/** Every read answered: nothing done yet in a new workspace (only its Admin on the team). */
function freshAnswers(): Answers {
  return {
    ads: { data: NOT_SET_UP, isError: false },
    form: { data: [], isError: false },
    invite: { data: team(member(ME, "active")), isError: false },
    import: { data: imports(), isError: false },
  };
}

describe("stepsFor", () => {
  it("shows an Admin all four steps, in order", () => {
    expect(stepIdsFor("Admin")).toEqual(["ads", "form", "invite", "import"]);
  });

  it("shows a Manager only the steps their role may do", () => {
    // A Manager reads the team but does not invite, and has no say over the ad platforms.
    expect(stepIdsFor("Manager")).toEqual(["form", "import"]);
  });

  it("shows no checklist to roles that may do none of the steps", () => {
    expect(stepIdsFor("Sales")).toEqual([]);
    expect(stepIdsFor("Staff")).toEqual([]);
    expect(stepIdsFor("Affiliate")).toEqual([]);
  });

  it("needs every permission of a step", () => {
    const grants = new Grants([Permission.formsRead, Permission.teamRead, Permission.usersManage]);
    expect(stepsFor((permission) => grants.can(permission)).map((step) => step.id)).toEqual(["invite"]);
  });

  it("links each step to a page the role that sees it may open", () => {
    expect(STEPS.map((step) => step.to)).toEqual(["/settings/ad-platforms", "/forms", "/settings/team", "/settings/imports"]);
    for (const role of ["Admin", "Manager"] as const) {
      const grants = grantsOf(role);
      for (const step of stepsFor((permission) => grants.can(permission))) {
        expect(mayOpenPath(grants, step.to), `${role}: ${step.to}`).toBe(true);
      }
    }
  });
});

describe("each step's answer", () => {
  it("connects an ad account when either platform is connected or set up by hand", () => {
    expect(adsConnected(NOT_SET_UP)).toBe(false);
    expect(adsConnected({ ...NOT_SET_UP, meta: { ...NOT_SET_UP.meta, connected: true } })).toBe(true);
    expect(adsConnected({ ...NOT_SET_UP, google_ads: { ...NOT_SET_UP.google_ads, configured: true, missing: [] } })).toBe(true);
  });

  it("publishes a form only when one is published, not a draft", () => {
    expect(formPublished([])).toBe(false);
    expect(formPublished([{ status: "draft" }])).toBe(false);
    expect(formPublished([{ status: "draft" }, { status: "published" }])).toBe(true);
  });

  it("invites a teammate with another member or a pending invitation, not oneself or a deactivated one", () => {
    expect(teammateInvited(team(member(ME, "active")), ME)).toBe(false);
    expect(teammateInvited(team(member(ME, "active"), member("u2", "deactivated")), ME)).toBe(false);
    expect(teammateInvited(team(member(ME, "active"), member("u2", "invited")), ME)).toBe(true);
    expect(teammateInvited(team(member("u2", "active"), member(ME, "active")), ME)).toBe(true);
  });

  it("imports contacts with a finished import that wrote rows", () => {
    expect(contactsImported(imports())).toBe(false);
    expect(contactsImported(imports(anImport("done", { rows_read: 3, failed: 3 })))).toBe(false);
    expect(contactsImported(imports(anImport("undone", { created: 4 })))).toBe(false);
    expect(contactsImported(imports(anImport("done", { created: 4 })))).toBe(true);
    expect(contactsImported(imports(anImport("done", { updated: 2 })))).toBe(true);
    expect(contactsImported(imports(anImport("done", { leads_created: 1 })))).toBe(true);
  });
});

describe("stepViews and progressText", () => {
  const admin = grantsOf("Admin");
  const adminSteps = stepsFor((permission) => admin.can(permission));

  it("counts nothing done in a new workspace", () => {
    const steps = stepViews(adminSteps, freshAnswers(), ME);
    expect(steps.map((step) => step.state)).toEqual(["todo", "todo", "todo", "todo"]);
    expect(progressText(steps)).toBe("0 of 4 done");
    expect(allDone(steps)).toBe(false);
  });

  it("ticks the steps the answers show done", () => {
    const answers = freshAnswers();
    answers.form = { data: [{ status: "published" }], isError: false };
    answers.invite = { data: team(member(ME, "active"), member("u2", "invited")), isError: false };
    const steps = stepViews(adminSteps, answers, ME);
    expect(steps.map((step) => [step.id, step.state])).toEqual([
      ["ads", "todo"],
      ["form", "done"],
      ["invite", "done"],
      ["import", "todo"],
    ]);
    expect(progressText(steps)).toBe("2 of 4 done");
  });

  it("is all done when every step it shows is done", () => {
    const manager = grantsOf("Manager");
    const answers = freshAnswers();
    answers.form = { data: [{ status: "published" }], isError: false };
    answers.import = { data: imports(anImport("done", { created: 10 })), isError: false };
    const steps = stepViews(stepsFor((permission) => manager.can(permission)), answers, ME);
    expect(progressText(steps)).toBe("2 of 2 done");
    expect(allDone(steps)).toBe(true);
  });

  it("says it is checking while a read is pending, and names a read that failed", () => {
    const answers = freshAnswers();
    answers.ads = { data: undefined, isError: false };
    const checking = stepViews(adminSteps, answers, ME);
    expect(checking[0]!.state).toBe("checking");
    expect(progressText(checking)).toBe("Checking what is done…");

    answers.ads = { data: undefined, isError: true };
    const failed = stepViews(adminSteps, answers, ME);
    expect(failed[0]!.state).toBe("unknown");
    expect(progressText(failed)).toBe("0 of 4 done");
    expect(allDone(failed)).toBe(false);
  });

  it("keeps the last answer while it is read again", () => {
    const answers = freshAnswers();
    answers.form = { data: [{ status: "published" }], isError: true };
    expect(stepViews(adminSteps, answers, ME)[1]!.state).toBe("done");
  });

  it("names each state in words", () => {
    expect(stateLabel("done")).toBe("Done");
    expect(stateLabel("todo")).toBe("Not done yet");
    expect(stateLabel("unknown")).toBe("Could not be checked");
  });

  it("is never all done without steps", () => {
    expect(allDone([])).toBe(false);
  });
});

const EMPTY: Dashboard = {
  opportunities: 0,
  pipeline_value_minor: 0,
  conversion_rate: null,
  won_this_month_minor: 0,
  funnel: {
    cohort: 0,
    won: 0,
    pipeline_id: "p1",
    pipeline_name: "Sales",
    stages: [],
    range: { date_from: "2026-11-08", date_to: "2026-12-07", currency: "USD", timezone: "UTC" },
  },
  stages: [{ stage_id: "s1", name: "New", kind: "open", leads: 0, value_minor: 0 }],
  top_sources: [],
  tasks: { due_today: 0, overdue: 0 },
  followups: { due_today: 0, overdue: 0 },
  range: { date_from: "2026-11-08", date_to: "2026-12-07", currency: "USD", timezone: "UTC" },
  layout: { order: [...TILE_IDS], hidden: [] },
  model: "last_touch",
};

describe("isEmptyWorkspace", () => {
  it("is empty before any lead reaches the figures", () => {
    expect(isEmptyWorkspace(EMPTY)).toBe(true);
    expect(isEmptyWorkspace({ ...EMPTY, funnel: null, stages: [] })).toBe(true);
  });

  it("is not empty once a lead shows anywhere", () => {
    expect(isEmptyWorkspace({ ...EMPTY, opportunities: 1 })).toBe(false);
    expect(isEmptyWorkspace({ ...EMPTY, won_this_month_minor: 5000 })).toBe(false);
    expect(isEmptyWorkspace({ ...EMPTY, funnel: { ...EMPTY.funnel!, cohort: 2 } })).toBe(false);
    expect(isEmptyWorkspace({ ...EMPTY, stages: [{ ...EMPTY.stages[0]!, kind: "lost", leads: 1 }] })).toBe(false);
    expect(isEmptyWorkspace({ ...EMPTY, top_sources: [{ source: "google_ads", won: 1, revenue_minor: 100 }] })).toBe(false);
  });
});

describe("tilesBesideChecklist", () => {
  it("leaves out the chart tiles and keeps the figures in the user's order", () => {
    expect(tilesBesideChecklist(["funnel", "tasks_due", "stages", "opportunities", "top_sources"], isChart)).toEqual([
      "tasks_due",
      "opportunities",
    ]);
  });
});

describe("hiddenKey", () => {
  it("is one per user in each workspace", () => {
    expect(hiddenKey("t1", "u1")).not.toBe(hiddenKey("t2", "u1"));
    expect(hiddenKey("t1", "u1")).not.toBe(hiddenKey("t1", "u2"));
    expect(hiddenKey("t1", "u1")).toBe(hiddenKey("t1", "u1"));
  });
});
