// How values read on screen: dates, money, sources and people.

const SOURCE_LABELS: Record<string, string> = {
  google_ads: "Google Ads",
  meta_ads: "Meta Ads",
  microsoft_ads: "Microsoft Ads",
  tiktok_ads: "TikTok Ads",
  linkedin_ads: "LinkedIn Ads",
  organic_search: "Organic search",
  social: "Social",
  referral: "Referral",
  email: "Email",
  direct: "Direct",
  form: "Form",
  manual: "Manual",
  import: "Import",
  other: "Other",
};

export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}

// The display locale ----------------------------------------------------------------------------
// The account's number and date format (the tenant's `locale`, set from the signed-in profile): every
// formatter below writes in it unless a call names a locale. Without one (signed out, a tenant from
// before the setting, the platform's own users) each browser's own locale.

let displayLocale: string | undefined;

/** Make `locale` (a BCP 47 tag such as "de-DE") the format of every amount, number and date; null,
 *  or a tag this browser's Intl cannot take, goes back to the browser's own. */
export function setDisplayLocale(locale: string | null | undefined): void {
  displayLocale = locale && usableLocale(locale) ? locale : undefined;
}

/** The locale the formatters write in; undefined: the browser's. */
export function getDisplayLocale(): string | undefined {
  return displayLocale;
}

function usableLocale(locale: string): boolean {
  try {
    return Intl.NumberFormat.supportedLocalesOf(locale).length > 0;
  } catch {
    return false;
  }
}

/** A number as it reads in the display locale: 1234.5 -> "1,234.5" (en-US), "1.234,5" (de-DE). */
export function formatNumber(value: number, options?: Intl.NumberFormatOptions, locale: string | undefined = displayLocale): string {
  return new Intl.NumberFormat(locale, options).format(value);
}

// Money ------------------------------------------------------------------------------------------
// Every amount on screen goes through formatMoney: whole amounts without decimals ("$7,500"), others
// with their currency's digits ("$1,234.50", "KWD 1.234"), in the display locale.

/** An amount: a number, or its exact decimal text ("1234.50") when a float could lose digits. */
export type Amount = number | `${number}`;

/** The most decimals an amount shows: the most precise currencies (CLF, UYW) have 4. */
const MAX_DIGITS = 4;

/** The digits of a currency's minor unit, as Intl knows them: 2 for USD (cents), 0 for JPY, 3 for KWD;
 *  2 for a code Intl cannot take. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.trim().toUpperCase() }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The decimals `value` shows: none when whole, else the currency's (more when it has more, up to 4, so
 *  an exact amount is never rounded away). */
function fractionDigits(value: Amount, digits: number): number {
  if (typeof value === "string") {
    const fraction = (value.split(".")[1] ?? "").replace(/0+$/, "");
    return fraction ? Math.min(MAX_DIGITS, Math.max(digits, fraction.length)) : 0;
  }
  // Exact at `places` within a float's own error (1234.5 * 100, 0.1 + 0.2)
  const exactAt = (places: number) => {
    const scaled = value * 10 ** places;
    return Math.abs(scaled - Math.round(scaled)) <= Math.max(1e-6, Math.abs(scaled) * Number.EPSILON * 4);
  };
  if (exactAt(0)) return 0;
  let places = digits;
  while (places < MAX_DIGITS && !exactAt(places)) places += 1;
  return places;
}

/** Money as it reads: "$7,500", "$1,234.50", "¥7,500", "KWD 1.234"; "12.50 ZZ1" for a code Intl
 *  cannot take. */
export function formatMoney(value: Amount, currency: string, locale: string | undefined = displayLocale): string {
  const code = currency.trim().toUpperCase();
  const places = fractionDigits(value, currencyDigits(code));
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: code, minimumFractionDigits: places, maximumFractionDigits: places }).format(value);
  } catch {
    return `${Number(value).toFixed(places)} ${code}`.trim();
  }
}

/** An integer of the currency's minor units (cents; whole yen) as its exact decimal text: 123456 USD ->
 *  "1234.56", 4200 JPY -> "4200", -5 USD -> "-0.05". No float arithmetic. */
export function minorToDecimal(minor: number, digits: number): `${number}` {
  const whole = Math.trunc(minor);
  const sign = whole < 0 ? "-" : "";
  const text = String(Math.abs(whole)).padStart(digits + 1, "0");
  if (digits === 0) return `${sign}${text}` as `${number}`;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}` as `${number}`;
}

/** Money given in the currency's minor units (Stripe's and the partner program's amounts): 4000 USD ->
 *  "$40", 123450 USD -> "$1,234.50", 1500 JPY -> "¥1,500". */
export function formatMinorUnits(minor: number, currency: string, locale: string | undefined = displayLocale): string {
  return formatMoney(minorToDecimal(minor, currencyDigits(currency)), currency, locale);
}

/** Money given in hundredths whatever the currency (the API's `*_minor` report figures): 123450 ->
 *  "$1,234.50"; a JPY report's 750000 -> "¥7,500". */
export function formatHundredths(hundredths: number, currency: string, locale: string | undefined = displayLocale): string {
  // A 3- or 4-decimal currency's amount can be a fraction of a hundredth (KWD 1.234 is 123.4)
  const amount = Number.isInteger(hundredths) ? minorToDecimal(hundredths, 2) : hundredths / 100;
  return formatMoney(amount, currency, locale);
}

/** A short amount for a chart's axis: "$1.2K", "$0". */
export function formatMoneyShort(value: number, currency: string, locale: string | undefined = displayLocale): string {
  const code = currency.trim().toUpperCase();
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: code, notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(value);
  } catch {
    return `${Math.round(value)} ${code}`;
  }
}

/** An instant's day as it reads: "Dec 7, 2026" (en-US), "7. Dez. 2026" (de-DE). */
export function formatDate(iso: string | null | undefined, locale: string | undefined = displayLocale): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString(locale, { year: "numeric", month: "short", day: "numeric" });
}

/** A calendar day (YYYY-MM-DD) as it reads, the same day in every time zone. */
export function formatDay(day: string | null | undefined, locale: string | undefined = displayLocale): string {
  if (!day) return "";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return date.toLocaleDateString(locale, { year: "numeric", month: "short", day: "numeric" });
}

export function formatDateTime(iso: string | null | undefined, locale: string | undefined = displayLocale): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return "";
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (parts.length > 1 ? `${parts[0]![0]}${parts[parts.length - 1]![0]}` : (parts[0] ?? "?").slice(0, 2)).toUpperCase();
}
