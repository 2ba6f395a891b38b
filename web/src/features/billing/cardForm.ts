// The card form's input checks: what Stripe.js's confirmCardSetup gets, or what to fix first.

export interface CardFormValues {
  number: string;
  expiry: string;
  cvc: string;
  postalCode: string;
}

export interface CardDetails {
  number: string;
  exp_month: number;
  exp_year: number;
  cvc: string;
}

export type CardFormErrors = Partial<Record<keyof CardFormValues, string>>;

export type ParsedCard = { ok: true; card: CardDetails; postalCode: string } | { ok: false; errors: CardFormErrors };

export const EMPTY_CARD_FORM: CardFormValues = { number: "", expiry: "", cvc: "", postalCode: "" };

export function digitsOnly(value: string): string {
  return value.replace(/[\s-]/g, "");
}

/** The Luhn checksum every card number carries. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** "4242424242424242" -> "4242 4242 4242 4242" (as it is typed). */
export function groupCardNumber(value: string): string {
  return digitsOnly(value)
    .replace(/\D/g, "")
    .slice(0, 19)
    .replace(/(\d{4})(?=\d)/g, "$1 ");
}

/** "MM/YY", "MM / YYYY" or "MMYY" -> month and four-digit year. */
export function parseExpiry(value: string): { month: number; year: number } | null {
  const match = /^\s*(\d{1,2})\s*(?:\/|-|\s)?\s*(\d{2}|\d{4})\s*$/.exec(value);
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  if (month < 1 || month > 12) return null;
  return { month, year };
}

export function parseCard(values: CardFormValues, now: Date = new Date()): ParsedCard {
  const errors: CardFormErrors = {};
  const number = digitsOnly(values.number);
  if (!number) errors.number = "Enter the card number";
  else if (!/^\d{12,19}$/.test(number) || !luhnValid(number)) errors.number = "This card number is not valid";

  const expiry = parseExpiry(values.expiry);
  if (!values.expiry.trim()) errors.expiry = "Enter the expiry date";
  else if (!expiry) errors.expiry = "Enter the expiry date as MM/YY";
  else if (expiry.year * 12 + expiry.month < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) {
    errors.expiry = "This card has expired";
  }

  const cvc = values.cvc.trim();
  if (!cvc) errors.cvc = "Enter the security code";
  else if (!/^\d{3,4}$/.test(cvc)) errors.cvc = "The security code is 3 or 4 digits";

  if (Object.keys(errors).length || !expiry) return { ok: false, errors };
  return {
    ok: true,
    card: { number, exp_month: expiry.month, exp_year: expiry.year, cvc },
    postalCode: values.postalCode.trim(),
  };
}
