// How many parts a text message takes, counted as the API counts it (convertly/messaging/render.py
// sms_segments): GSM-7 holds 160 characters in one part and 153 a part once split, with ^ { } [ ] ~ |
// € and \ taking two; one character outside GSM-7 makes the whole text UCS-2 ("Unicode"), 70 in one
// part and 67 a part once split, counted in UTF-16 units (an emoji takes two).

export type SmsEncoding = "gsm7" | "ucs2";

export interface SmsCount {
  /** The characters typed (what the 1,600-character limit counts). */
  characters: number;
  segments: number;
  encoding: SmsEncoding;
  /** Characters of GSM-7's extension table (each takes two places); 0 for a Unicode text. */
  doubled: number;
}

/** The longest text message a template may hold, in characters. */
export const SMS_MAX_CHARACTERS = 1600;

const GSM = new Set(
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà",
);
const GSM_EXTENDED = new Set("^{}\\[~]|€");

function parts(length: number, single: number, split: number): number {
  return length <= single ? 1 : Math.ceil(length / split);
}

export function smsCount(text: string): SmsCount {
  const characters = [...text];
  const gsm = characters.every((character) => GSM.has(character) || GSM_EXTENDED.has(character));
  if (gsm) {
    const doubled = characters.filter((character) => GSM_EXTENDED.has(character)).length;
    return { characters: characters.length, segments: parts(characters.length + doubled, 160, 153), encoding: "gsm7", doubled };
  }
  // UTF-16 code units, as the carriers' UCS-2 counts them.
  return { characters: characters.length, segments: parts(text.length, 70, 67), encoding: "ucs2", doubled: 0 };
}

export const ENCODING_LABELS: Record<SmsEncoding, string> = { gsm7: "GSM-7", ucs2: "Unicode" };

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/** "161 characters · 2 parts · GSM-7" */
export function smsCounterText(count: SmsCount): string {
  return `${plural(count.characters, "character", "characters")} · ${plural(count.segments, "part", "parts")} · ${ENCODING_LABELS[count.encoding]}`;
}

/** Why the count is not the characters typed, when it is not. */
export function smsCounterNote(count: SmsCount): string | null {
  if (count.encoding === "ucs2") {
    return "A character outside the GSM alphabet (an emoji, a curly quote, some accents) makes this a Unicode text: 70 characters fit in one part, 67 a part once split.";
  }
  if (count.doubled > 0) return "^ { } [ ] ~ | € and \\ each take the place of two characters.";
  return null;
}
