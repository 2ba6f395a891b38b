// How many SMS parts a text takes, as carriers count them (the API's messaging/render.py counts the
// same way): GSM-7 holds 160 characters in one part and 153 a part once split, and ^ { } [ ] ~ \ | €
// take two; one character outside the GSM alphabet (an emoji, a curly quote) makes the whole text
// UCS-2: 70 in one part, 67 a part once split, counted in UTF-16 units.

const GSM_BASIC = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§" +
    "¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM_EXTENDED = new Set("^{}\\[~]|€");

export type SmsEncoding = "gsm7" | "ucs2";

export interface SmsCount {
  encoding: SmsEncoding;
  /** Characters as the encoding counts them (GSM-7's extended ones twice, UTF-16 units for UCS-2). */
  units: number;
  /** 0 for an empty text. */
  parts: number;
  /** What the parts hold in all: 160 (70) for one part, 153 (67) a part once split. */
  capacity: number;
}

const LIMITS: Record<SmsEncoding, { single: number; part: number }> = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
};

function gsmUnits(text: string): number | null {
  let units = 0;
  for (const char of text) {
    if (GSM_BASIC.has(char)) units += 1;
    else if (GSM_EXTENDED.has(char)) units += 2;
    else return null;
  }
  return units;
}

export function smsCount(text: string): SmsCount {
  const gsm = gsmUnits(text);
  const encoding: SmsEncoding = gsm === null ? "ucs2" : "gsm7";
  const units = gsm ?? text.length; // a JavaScript string's length is its UTF-16 units
  const { single, part } = LIMITS[encoding];
  if (units === 0) return { encoding, units, parts: 0, capacity: single };
  if (units <= single) return { encoding, units, parts: 1, capacity: single };
  const parts = Math.ceil(units / part);
  return { encoding, units, parts, capacity: parts * part };
}

/** The counter under the text: "48/160 characters · 1 part", "200/306 characters · 2 parts". */
export function countText(count: SmsCount): string {
  if (count.parts === 0) return `0/${count.capacity} characters`;
  return `${count.units}/${count.capacity} characters · ${count.parts} ${count.parts === 1 ? "part" : "parts"}`;
}

/** Why the parts are short or a character counts twice, when that is the case. */
export function encodingNote(text: string, count: SmsCount): string | null {
  if (count.encoding === "ucs2") {
    return "A special character or emoji makes this a Unicode text: 70 characters fit in one part, 67 a part once split.";
  }
  for (const char of text) if (GSM_EXTENDED.has(char)) return "^ { } [ ] ~ \\ | € count as two characters each.";
  return null;
}
