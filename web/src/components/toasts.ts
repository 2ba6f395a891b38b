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

type Listener = () => void;

const DURATION_MS: Record<ToastTone, number> = { success: 4000, info: 6000, error: 9000 };

let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<Listener>();

function emit(): void {
  for (const listener of listeners) listener();
}

export function subscribeToasts(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentToasts(): readonly Toast[] {
  return toasts;
}

export function dismissToast(id: number): void {
  toasts = toasts.filter((toast) => toast.id !== id);
  emit();
}

export function showToast(tone: ToastTone, message: string, action?: ToastAction): number {
  const id = nextId++;
  // The same message twice in a row (say, two failing queries) shows once.
  toasts = [...toasts.filter((toast) => toast.message !== message), { id, tone, message, action }].slice(-4);
  emit();
  setTimeout(() => dismissToast(id), DURATION_MS[tone]);
  return id;
}

export const toast = {
  success: (message: string, action?: ToastAction) => showToast("success", message, action),
  error: (message: string, action?: ToastAction) => showToast("error", message, action),
  info: (message: string, action?: ToastAction) => showToast("info", message, action),
};
