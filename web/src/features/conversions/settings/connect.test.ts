import { describe, expect, it } from "vitest";
import type { ConnectionTestResult, GoogleAdsSettings } from "../types";
import {
  actionGroups,
  actionPlaceholder,
  callbackResult,
  chosenOption,
  customerGroups,
  datasetGroups,
  formatCustomerId,
  googleChoice,
  googlePickChanged,
  isAdPlatform,
  missingWords,
  sameChoice,
  savedCustomerValue,
  testResultHeading,
  type GoogleAdsCustomer,
} from "./connect";

const CUSTOMERS: GoogleAdsCustomer[] = [
  { customer_id: "1234567890", name: "Summit Roofing", manager: false, login_customer_id: null, manager_name: null },
  { customer_id: "1112223333", name: "Ridgeline Agency", manager: true, login_customer_id: null, manager_name: null },
  { customer_id: "4445556666", name: "Peak Roofing Co", manager: false, login_customer_id: "1112223333", manager_name: "Ridgeline Agency" },
  { customer_id: "7778889999", name: "Gutter Pros", manager: false, login_customer_id: "1112223333", manager_name: "Ridgeline Agency" },
];

const GOOGLE: GoogleAdsSettings = {
  configured: true,
  missing: [],
  customer_id: "4445556666",
  login_customer_id: "1112223333",
  conversion_action_id: "555000111",
};

describe("the platform's redirect back", () => {
  it("carries a code and a state to finish with", () => {
    expect(callbackResult(new URLSearchParams("state=abc&code=4%2Fxyz&scope=adwords"), "Google Ads")).toEqual({
      kind: "code",
      body: { code: "4/xyz", state: "abc" },
    });
  });

  it("says plainly when the person did not allow access", () => {
    const result = callbackResult(new URLSearchParams("error=access_denied&state=abc"), "Meta");
    expect(result.kind).toBe("refused");
    expect(result.kind === "refused" && result.message).toMatch(/Meta access was not allowed/);
  });

  it("refuses a page opened without the platform's answer", () => {
    expect(callbackResult(new URLSearchParams("code=only"), "Google Ads").kind).toBe("refused");
    expect(callbackResult(new URLSearchParams("error=server_error&error_description=Try%20later"), "Meta")).toEqual({
      kind: "refused",
      message: "Meta did not connect (Try later).",
    });
  });

  it("knows the two platforms only", () => {
    expect(isAdPlatform("google_ads")).toBe(true);
    expect(isAdPlatform("meta")).toBe(true);
    expect(isAdPlatform("tiktok")).toBe(false);
    expect(isAdPlatform(undefined)).toBe(false);
  });
});

describe("the Google Ads accounts to pick from", () => {
  it("lists direct accounts first, then each manager's clients under the manager, never a manager itself", () => {
    const groups = customerGroups(CUSTOMERS);
    expect(groups.map((group) => group.label)).toEqual(["Your accounts", "Through Ridgeline Agency (manager)"]);
    expect(groups[0]?.options.map((option) => option.label)).toEqual(["Summit Roofing (123-456-7890)"]);
    expect(groups[1]?.options.map((option) => option.value)).toEqual(["4445556666/1112223333", "7778889999/1112223333"]);
  });

  it("finds the saved pick again, and turns a pick into the settings update", () => {
    const groups = customerGroups(CUSTOMERS);
    const value = savedCustomerValue(GOOGLE);
    const chosen = chosenOption(groups, value);
    expect(chosen?.name).toBe("Peak Roofing Co");
    const action = { conversion_action_id: "555000111", name: "Signed contract", status: "ENABLED", type: "UPLOAD_CLICKS" };
    expect(googleChoice(CUSTOMERS[0]!, action)).toEqual({
      google_ads: {
        customer_id: "1234567890",
        customer_name: "Summit Roofing",
        login_customer_id: "",
        conversion_action_id: "555000111",
        conversion_action_name: "Signed contract",
      },
    });
    expect(sameChoice(GOOGLE, chosen, "555000111")).toBe(true);
    expect(sameChoice(GOOGLE, chosen, "555000112")).toBe(false);
    expect(sameChoice(GOOGLE, CUSTOMERS[0], "555000111")).toBe(false);
    expect(savedCustomerValue({ configured: false, missing: [] })).toBe("");
  });

  it("knows when the account or action chosen differs from the saved pick", () => {
    const saved = savedCustomerValue(GOOGLE);
    expect(googlePickChanged(GOOGLE, saved, "555000111")).toBe(false);
    expect(googlePickChanged(GOOGLE, saved, "555000112")).toBe(true);
    expect(googlePickChanged(GOOGLE, "1234567890/", "")).toBe(true);
    expect(googlePickChanged({ configured: false, missing: [] }, "", "")).toBe(false);
    expect(googlePickChanged({ configured: false, missing: [] }, "1234567890/", "")).toBe(true);
  });

  it("shows a conversion action's status when it is not enabled", () => {
    const [group] = actionGroups([{ conversion_action_id: "2", name: "Qualified lead", status: "HIDDEN", type: "UPLOAD_CLICKS" }]);
    expect(group?.options[0]?.label).toBe("Qualified lead (hidden)");
    expect(actionGroups([])).toEqual([]);
    expect(actionPlaceholder(false, false)).toBe("Choose the account first");
    expect(actionPlaceholder(true, true)).toBe("Loading…");
  });

  it("writes customer ids as Google shows them", () => {
    expect(formatCustomerId("1234567890")).toBe("123-456-7890");
    expect(formatCustomerId("act_1")).toBe("act_1");
  });
});

describe("the Meta datasets to pick from", () => {
  it("groups them by ad account", () => {
    const groups = datasetGroups([
      { dataset_id: "1", name: "Website", ad_account_id: "act_1", ad_account_name: "Summit Ads" },
      { dataset_id: "2", name: "Old pixel", ad_account_id: "act_1", ad_account_name: "Summit Ads" },
      { dataset_id: "3", name: "Agency", ad_account_id: "act_2", ad_account_name: null },
    ]);
    expect(groups.map((group) => [group.label, group.options.map((option) => option.value)])).toEqual([
      ["Summit Ads", ["1", "2"]],
      ["act_2", ["3"]],
    ]);
  });
});

describe("what the page says", () => {
  const result = (state: ConnectionTestResult["state"], ok = false): ConnectionTestResult => ({
    platform: "meta",
    ok,
    state,
    message: "",
  });

  it("calls a working connection connected, and a missing setting not ready rather than failed", () => {
    expect(testResultHeading("Meta", result("connected", true))).toEqual({ tone: "success", heading: "Meta: connected" });
    expect(testResultHeading("Meta", result("not_ready"))).toEqual({ tone: "info", heading: "Meta: not ready yet" });
    expect(testResultHeading("Meta", result("unreachable")).tone).toBe("warning");
    expect(testResultHeading("Meta", result("refused"))).toEqual({ tone: "error", heading: "Meta: connection failed" });
  });

  it("names what is missing in words, the manual inputs by their labels", () => {
    const labels = (names: string[]) => names.join("+");
    expect(missingWords("google_ads", ["customer_id", "conversion_action_id"], labels)).toBe("the account, the conversion action");
    expect(missingWords("google_ads", ["refresh_token", "developer_token", "client_id"], labels)).toBe(
      "a connection (Connect Google Ads), developer_token+client_id",
    );
    expect(missingWords("meta", ["dataset_id"], labels)).toBe("the dataset");
  });
});
