// A person's avatar: their initials on the colour they chose (PATCH /me `avatar_color`), with text that
// stays readable on it; without a colour, the app's default avatar.

import type { CSSProperties } from "react";

export interface Swatch {
  value: string;
  label: string;
}

/** The colours the profile page offers; any other "#rrggbb" can be picked as a custom colour. */
export const AVATAR_SWATCHES: readonly Swatch[] = [
  { value: "#2563eb", label: "Blue" },
  { value: "#7c3aed", label: "Violet" },
  { value: "#db2777", label: "Pink" },
  { value: "#dc2626", label: "Red" },
  { value: "#ea580c", label: "Orange" },
  { value: "#facc15", label: "Yellow" },
  { value: "#16a34a", label: "Green" },
  { value: "#0d9488", label: "Teal" },
  { value: "#475569", label: "Slate" },
];

const HEX = /^#[0-9a-fA-F]{6}$/;

export function isHexColor(value: string | null | undefined): value is string {
  return typeof value === "string" && HEX.test(value);
}

/** WCAG relative luminance of "#rrggbb". */
export function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

function contrast(a: number, b: number): number {
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** White or near-black, whichever reads better on the colour. */
export function textOn(hex: string): "#ffffff" | "#0f172a" {
  const background = luminance(hex);
  return contrast(background, 1) >= contrast(background, luminance("#0f172a")) ? "#ffffff" : "#0f172a";
}

/** The avatar's inline style for a chosen colour; undefined keeps the default look. */
export function avatarStyle(color: string | null | undefined): CSSProperties | undefined {
  if (!isHexColor(color)) return undefined;
  return { background: color, color: textOn(color) };
}

/** How a colour is named to a screen reader: its swatch's name, or the code of a custom one. */
export function colorName(color: string | null | undefined): string {
  if (!isHexColor(color)) return "Default";
  const swatch = AVATAR_SWATCHES.find((candidate) => candidate.value.toLowerCase() === color.toLowerCase());
  return swatch ? swatch.label : `Custom (${color.toLowerCase()})`;
}
