import { describe, expect, it } from "vitest";
import { setupResult } from "./stripeJs";

describe("setupResult", () => {
  it("takes the payment method of a confirmed SetupIntent, as an id or an object", () => {
    expect(setupResult({ error: null, setupIntent: { payment_method: "pm_123", status: "succeeded" } })).toEqual({ paymentMethod: "pm_123" });
    expect(setupResult({ setupIntent: { payment_method: { id: "pm_456" } } })).toEqual({ paymentMethod: "pm_456" });
  });

  it("passes Stripe's reason on, or says the card was not saved", () => {
    expect(setupResult({ error: { message: "Your card was declined." } })).toEqual({ error: "Your card was declined." });
    expect(setupResult({ error: {} })).toEqual({ error: "The card was not accepted" });
    expect(setupResult({ setupIntent: { payment_method: null } })).toEqual({ error: "The card could not be saved: try again" });
  });
});
