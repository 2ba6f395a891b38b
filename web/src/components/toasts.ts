// Toasts live outside React so the data layer (query and mutation caches) can raise them too.

export type ToastTone = "success" | "error" | "info";

export interface ToastAction {
  label: string;
  run: () => void;
}

export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
  action?: ToastAction;
}

/** Why a toast's timer stands still: the pointer is over it, or focus is inside it. */
export type ToastHold = "hover" | "focus";

type Listener = () => void;

const DURATION_MS: Record<ToastTone, number> = { success: 4000, info: 6000, error: 9000 };
/** A toast with an action (Undo) stays long enough to be read and reached with the keyboard. */
export const ACTION_MIN_MS = 10_000;

/** How long a toast shows while nobody hovers or focuses it. */
export function toastDuration(tone: ToastTone, action?: ToastAction): number {
  return action ? Math.max(DURATION_MS[tone], ACTION_MIN_MS) : DURATION_MS[tone];
}

interface Timer {
  remaining: number;
  startedAt: number;
  handle: ReturnType<typeof setTimeout> | null;
  holds: Set<ToastHold>;
}

let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<Listener>();
const timers = new Map<number, Timer>();

function emit(): void {
  for (const listener of listeners) listener();
}

function run(id: number, timer: Timer): void {
  timer.startedAt = Date.now();
  timer.handle = setTimeout(() => dismissToast(id), timer.remaining);
}

function stopTimer(id: number): void {
  const timer = timers.get(id);
  if (timer?.handle) clearTimeout(timer.handle);
  timers.delete(id);
}

export function subscribeToasts(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentToasts(): readonly Toast[] {
  return toasts;
}

export function dismissToast(id: number): void {
  stopTimer(id);
  toasts = toasts.filter((toast) => toast.id !== id);
  emit();
}

/** Stop a toast's timer; it keeps the time it had left. */
export function holdToast(id: number, hold: ToastHold): void {
  const timer = timers.get(id);
  if (!timer) return;
  timer.holds.add(hold);
  if (!timer.handle) return;
  clearTimeout(timer.handle);
  timer.handle = null;
  timer.remaining = Math.max(0, timer.remaining - (Date.now() - timer.startedAt));
}

/** Let a held toast's timer run on with the time it had left, once nothing else holds it. */
export function releaseToast(id: number, hold: ToastHold): void {
  const timer = timers.get(id);
  if (!timer) return;
  timer.holds.delete(hold);
  if (timer.holds.size === 0 && !timer.handle) run(id, timer);
}

export function showToast(tone: ToastTone, message: string, action?: ToastAction): number {
  const id = nextId++;
  // The same message twice in a row (say, two failing queries) shows once.
  const shown = [...toasts.filter((toast) => toast.message !== message), { id, tone, message, action }].slice(-4);
  for (const gone of toasts) if (!shown.includes(gone)) stopTimer(gone.id);
  toasts = shown;
  const timer: Timer = { remaining: toastDuration(tone, action), startedAt: 0, handle: null, holds: new Set() };
  timers.set(id, timer);
  run(id, timer);
  emit();
  return id;
}

export const toast = {
  success: (message: string, action?: ToastAction) => showToast("success", message, action),
  error: (message: string, action?: ToastAction) => showToast("error", message, action),
  info: (message: string, action?: ToastAction) => showToast("info", message, action),
};
