import { describe, expect, it } from "vitest";
import { calibrationRows, measureText, modelKindText, monthLabel, percentText, tokensText, trainingWaiting, usageShare } from "./settingsModel";

describe("the month's usage", () => {
  it("reads as N of M tokens", () => {
    expect(tokensText({ tokens: 12345, budget: 2_000_000 })).toBe("12,345 of 2,000,000 tokens");
  });

  it("fills the meter with the share used, never past full", () => {
    expect(usageShare({ tokens: 500_000, budget: 2_000_000 })).toBe(0.25);
    expect(usageShare({ tokens: 2_100_000, budget: 2_000_000 })).toBe(1);
    expect(usageShare({ tokens: 0, budget: 0 })).toBe(0);
    expect(usageShare({ tokens: 10, budget: 0 })).toBe(1);
  });

  it("names the month", () => {
    expect(monthLabel("2026-03")).toBe("March 2026");
    expect(monthLabel("soon")).toBe("soon");
  });
});

describe("the score model", () => {
  it("says what it is", () => {
    expect(modelKindText({ kind: "learned", leads: 1240 })).toBe("Learned from 1,240 closed leads");
    expect(modelKindText({ kind: "prior", leads: 12 })).toBe(
      "A starting estimate from your stage and source rates (until 50 leads are won or lost)",
    );
  });

  it("writes a measure to two decimals, or that there is none yet", () => {
    expect(measureText(0.7834)).toBe("0.78");
    expect(measureText(null)).toBe("Not measured yet");
    expect(percentText(0.456)).toBe("46%");
    expect(percentText(null)).toBe("—");
  });

  it("lists the calibration bins that hold leads", () => {
    const bins = [
      { from: 0, to: 0.1, leads: 4, predicted: 0.06, actual: 0 },
      { from: 0.1, to: 0.2, leads: 0, predicted: null, actual: null },
      { from: 0.6, to: 0.7, leads: 3, predicted: 0.6533, actual: 0.6667 },
    ];
    expect(calibrationRows(bins)).toEqual([
      { label: "0–10%", leads: 4, predicted: "6%", actual: "0%" },
      { label: "60–70%", leads: 3, predicted: "65%", actual: "67%" },
    ]);
    expect(calibrationRows(undefined)).toEqual([]);
  });

  it("waits for a training asked for after the model was trained", () => {
    expect(trainingWaiting({ trained_at: "2026-03-01T10:00:00Z" }, "2026-03-01T10:05:00Z")).toBe(true);
    expect(trainingWaiting({ trained_at: "2026-03-01T10:06:00Z" }, "2026-03-01T10:05:00Z")).toBe(false);
    expect(trainingWaiting(null, "2026-03-01T10:05:00Z")).toBe(true);
    expect(trainingWaiting({ trained_at: "2026-03-01T10:00:00Z" }, null)).toBe(false);
  });
});
