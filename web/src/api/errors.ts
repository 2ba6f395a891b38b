// The API answers every error as {"error": {"code", "message", "fields"}}; this is its one reader.

export const CONFLICT_CODES = new Set(["stale_version", "version_conflict", "write_conflict"]);
export const SESSION_CODES = new Set(["missing_token", "invalid_token", "token_expired"]);

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Record<string, string>;
  /** What a client needs to recover, when the API gives it (e.g. the limit and the upgrade of a 402). */
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    fields: Record<string, string> = {},
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }

  /** Someone else saved the record first: the editor has to reload before saving again. */
  get isConflict(): boolean {
    return this.status === 409 && CONFLICT_CODES.has(this.code);
  }

  /** The token is missing, expired or not valid: refresh it, or log in again. */
  get isSessionError(): boolean {
    return this.status === 401 && SESSION_CODES.has(this.code);
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }
}

function asFields(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  const fields: Record<string, string> = {};
  for (const [name, message] of Object.entries(value as Record<string, unknown>)) {
    if (message !== null && message !== undefined) fields[name] = String(message);
  }
  return fields;
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: "The request was not valid",
  401: "Log in to continue",
  402: "Your plan does not include this: see the Billing page",
  403: "You do not have access to this",
  404: "Not found",
  409: "This changed in the meantime: reload it",
  413: "This is too large to send",
  422: "Some fields are not valid",
  429: "Too many requests: wait a moment and try again",
};

/** Build an ApiError from a response's status and parsed body (any shape, even none). */
export function toApiError(status: number, body: unknown): ApiError {
  const error =
    body && typeof body === "object" && "error" in body ? (body as { error: unknown }).error : undefined;
  if (error && typeof error === "object") {
    const { code, message, fields, details } = error as Record<string, unknown>;
    return new ApiError(
      status,
      typeof code === "string" ? code : `http_${status}`,
      typeof message === "string" && message ? message : fallbackMessage(status),
      asFields(fields),
      details && typeof details === "object" && !Array.isArray(details) ? (details as Record<string, unknown>) : {},
    );
  }
  return new ApiError(status, `http_${status}`, fallbackMessage(status));
}

function fallbackMessage(status: number): string {
  return FALLBACK_MESSAGES[status] ?? (status >= 500 ? "Something went wrong on our side; try again" : `Request failed (${status})`);
}

export function networkError(): ApiError {
  return new ApiError(0, "network_error", "Cannot reach Convertly: check your connection and try again");
}

/**
 * Split an error's `fields` into messages for the inputs a form has and the rest (shown above the
 * form). A nested field such as `attribution.gclid` belongs to its top-level input when there is one.
 */
export function fieldMessages(
  error: unknown,
  inputs: readonly string[],
): { byField: Record<string, string>; other: string[] } {
  const byField: Record<string, string> = {};
  const other: string[] = [];
  if (!(error instanceof ApiError)) return { byField, other };
  for (const [name, message] of Object.entries(error.fields)) {
    const input = inputs.includes(name) ? name : inputs.find((candidate) => name.startsWith(`${candidate}.`));
    if (input && !(input in byField)) byField[input] = message;
    else other.push(name === "body" || name === "" ? message : `${label(name)}: ${message}`);
  }
  return { byField, other };
}

function label(field: string): string {
  const text = field.replace(/[._]/g, " ").trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a person should read for any error thrown by a request. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return "Something went wrong; try again";
}
