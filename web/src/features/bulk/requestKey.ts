// The request key of a bulk action: made once when its confirmation opens, so that a double click or
// a retry sends the same key and the API runs the action once (it answers 200 with the same action).

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const KEY = /^[A-Za-z0-9_-]{8,64}$/;
export const KEY_LENGTH = 32;

function cryptoBytes(count: number): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(count));
}

/** A random key of `length` characters of [A-Za-z0-9_-] (64 of them: each byte picks one evenly). */
export function newRequestKey(randomBytes: (count: number) => Uint8Array = cryptoBytes, length = KEY_LENGTH): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (byte) => ALPHABET[byte % ALPHABET.length]).join("");
}

/** Whether the API takes this as a request key. */
export function isRequestKey(key: string): boolean {
  return KEY.test(key);
}
