import { describe, expect, it } from "vitest";
import { attemptsText, curlExample, deliveryTone, hookUrl } from "./webhookText";

describe("a hook's URL", () => {
  it("is the API's URL and the hook's path", () => {
    expect(hookUrl("https://api.example.com/prod/", "/hooks/workflows/abc")).toBe("https://api.example.com/prod/hooks/workflows/abc");
  });
});

describe("the curl example", () => {
  it("signs the time and the body with the secret and posts them with the signature header", () => {
    const text = curlExample("https://api.example.com/hooks/workflows/abc", "cvsec_s3cret");
    expect(text).toContain("SECRET='cvsec_s3cret'");
    expect(text).toContain(`printf '%s.%s' "$T" "$BODY" | openssl dgst -sha256 -hmac "$SECRET"`);
    expect(text).toContain(`curl -sS -X POST 'https://api.example.com/hooks/workflows/abc'`);
    expect(text).toContain('-H "Convertly-Signature: t=$T,v1=$SIG"');
    expect(text).toContain("Idempotency-Key");
  });

  it("quotes a secret safely for the shell, and says where to find one not revealed", () => {
    expect(curlExample("https://x", "a'b")).toContain(`SECRET='a'\\''b'`);
    expect(curlExample("https://x", null)).toContain("paste the secret here");
  });
});

describe("a delivery's state", () => {
  it("reads its attempts and replays", () => {
    expect(attemptsText({ attempts: 1, status: "delivered", replays: 0 })).toBe("1 attempt");
    expect(attemptsText({ attempts: 3, status: "delivered", replays: 1 })).toBe("3 attempts (1 replay)");
  });

  it("has a tone per status", () => {
    expect([deliveryTone("delivered"), deliveryTone("failed"), deliveryTone("pending")]).toEqual(["good", "bad", "busy"]);
  });
});
