// The payout settings form: its values, the request it sends (PUT /affiliate/payout-settings), what is
// missing before sending, and where the API's field errors show.

import type { PayoutMethod, PayoutSettingsIn } from "./types";

export interface PayoutForm {
  method: PayoutMethod;
  paypalEmail: string;
  accountHolder: string;
  iban: string;
  accountNumber: string;
  routingNumber: string;
  country: string;
  currency: string;
}

export type PayoutInput = Exclude<keyof PayoutForm, "method">;

export function emptyPayoutForm(method: string | null | undefined): PayoutForm {
  return {
    method: method === "bank" ? "bank" : "paypal",
    paypalEmail: "",
    accountHolder: "",
    iban: "",
    accountNumber: "",
    routingNumber: "",
    country: "",
    currency: "usd",
  };
}

/** The API's names of each input's field (a bank's own check names `iban` alone). */
export const API_FIELDS: Record<PayoutInput, readonly string[]> = {
  paypalEmail: ["paypal_email"],
  accountHolder: ["bank.account_holder"],
  iban: ["bank.iban", "iban"],
  accountNumber: ["bank.account_number"],
  routingNumber: ["bank.routing_number"],
  country: ["bank.country"],
  currency: ["bank.currency"],
};

/** Every API field name the form shows next to an input (the rest go above the form). */
export const API_INPUTS: readonly string[] = Object.values(API_FIELDS).flat();

/** The API's message for an input, from the messages by API field name. */
export function apiErrorFor(byField: Record<string, string>, input: PayoutInput): string | undefined {
  for (const name of API_FIELDS[input]) {
    if (byField[name]) return byField[name];
  }
  return undefined;
}

const blank = (value: string) => value.trim() === "";

/** What is missing before sending, by input; empty when the form can be sent (the API checks the formats). */
export function missingFields(form: PayoutForm): Partial<Record<PayoutInput, string>> {
  const missing: Partial<Record<PayoutInput, string>> = {};
  if (form.method === "paypal") {
    if (blank(form.paypalEmail)) missing.paypalEmail = "Enter the email address of your PayPal account";
    return missing;
  }
  if (blank(form.accountHolder)) missing.accountHolder = "Enter the name on the account";
  if (!/^[A-Za-z]{2}$/.test(form.country.trim())) missing.country = "Enter the bank's country as two letters, e.g. US or DE";
  if (!/^[A-Za-z]{3}$/.test(form.currency.trim())) missing.currency = "Enter the account's currency as three letters, e.g. usd";
  if (blank(form.iban) && (blank(form.accountNumber) || blank(form.routingNumber))) {
    missing.iban = "Enter an IBAN, or the account number with its routing (or sort) code";
  }
  return missing;
}

/** The request: only the chosen method's details, trimmed; empty bank fields left out. */
export function payoutSettingsBody(form: PayoutForm): PayoutSettingsIn {
  if (form.method === "paypal") return { method: "paypal", paypal_email: form.paypalEmail.trim() };
  const optional = (value: string) => (blank(value) ? null : value.trim());
  return {
    method: "bank",
    bank: {
      account_holder: form.accountHolder.trim(),
      iban: optional(form.iban),
      account_number: optional(form.accountNumber),
      routing_number: optional(form.routingNumber),
      country: form.country.trim().toUpperCase(),
      currency: form.currency.trim().toLowerCase(),
    },
  };
}
