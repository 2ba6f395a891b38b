// The one HTTP client: base URL from /config.json, the ID token on every user route, a refresh
// before the token runs out (and once more on a 401), and retries for reads that hit a network blip.

import type { Schemas } from "./contract";
import { ApiError, networkError, SESSION_CODES, toApiError } from "./errors";

/** What login, sign-up and POST /auth/refresh answer. */
export type Tokens = Schemas["TokensOut"];

export interface Session {
  idToken: string;
  accessToken: string;
  refreshToken: string | null;
  /** Epoch milliseconds at which the ID token expires. */
  expiresAt: number;
}

export interface SessionStore {
  get(): Session | null;
  set(session: Session | null): void;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  body?: unknown;
  query?: Query;
  /** Public routes (sign-up, login, password reset) send no token. */
  auth?: boolean;
  signal?: AbortSignal;
}

export interface ClientOptions {
  baseUrl: string;
  store: SessionStore;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Called once when the session cannot be refreshed (the app sends the user to the login page). */
  onSessionEnded?: () => void;
  /** Extra attempts for idempotent requests after a network error, 429 or 502-504. */
  retries?: number;
  retryDelayMs?: number;
  /** Refresh this long before the ID token expires. */
  refreshMarginMs?: number;
}

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS"]);
const RETRIABLE_STATUS = new Set([0, 429, 502, 503, 504]);

/**
 * Asked when the API refuses a session that has no refresh token (a view-as session): the session to
 * go back to (the person's own, set aside when the view started), or null to end the session.
 */
export type SessionFallback = (cause: ApiError | undefined) => Session | null;
let sessionFallback: SessionFallback | null = null;

/** The app's one fallback for a refused view-as session (features/impersonation sets it). */
export function setSessionFallback(fallback: SessionFallback | null): void {
  sessionFallback = fallback;
}

/** Told of every error answer (while viewing as someone, the banner names the person in a refused change). */
let errorObserver: ((error: ApiError) => void) | null = null;

export function observeApiErrors(observer: (error: ApiError) => void): () => void {
  errorObserver = observer;
  return () => {
    if (errorObserver === observer) errorObserver = null;
  };
}

export function sessionFrom(tokens: Tokens, now: number, previousRefreshToken: string | null = null): Session {
  return {
    idToken: tokens.id_token,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token ?? previousRefreshToken,
    expiresAt: now + tokens.expires_in * 1000,
  };
}

export function buildUrl(baseUrl: string, path: string, query?: Query): string {
  const url = `${baseUrl.replace(/\/+$/, "")}${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${url}?${text}` : url;
}

export class ApiClient {
  private readonly options: Required<Omit<ClientOptions, "onSessionEnded">> &
    Pick<ClientOptions, "onSessionEnded">;
  private refreshing: Promise<Session> | null = null;
  private readonly refreshListeners = new Set<(session: Session) => void>();
  private ended: ApiError | null = null;

  constructor(options: ClientOptions) {
    this.options = {
      fetch: (...args) => globalThis.fetch(...args),
      now: () => Date.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      retries: 2,
      retryDelayMs: 300,
      refreshMarginMs: 60_000,
      ...options,
    };
  }

  get<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
    return this.request<T>("GET", path, { query, signal });
  }

  post<T>(path: string, body?: unknown, options: Omit<RequestOptions, "body"> = {}): Promise<T> {
    return this.request<T>("POST", path, { ...options, body: body ?? {} });
  }

  patch<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>("PATCH", path, { body });
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>("DELETE", path, {});
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    let token = auth ? await this.freshToken() : null;
    try {
      return await this.withRetries<T>(method, path, options, token);
    } catch (error) {
      // Any 401 of a signed-in route: the token is out of date (expired, or issued before a role
      // change) or its session was ended (logged out, signed out everywhere, deactivated). One refresh
      // tells them apart: new tokens carry on, with the new role; a refused refresh ends the session.
      if (!(auth && error instanceof ApiError && error.status === 401)) throw error;
      token = (await this.refresh(error)).idToken;
      try {
        return await this.withRetries<T>(method, path, options, token);
      } catch (again) {
        // Refused with fresh tokens too: this session cannot be used any more.
        if (again instanceof ApiError && again.status === 401) throw this.endSession(again);
        throw again;
      }
    }
  }

  /**
   * Exchange the refresh token for new tokens; one exchange at a time, shared by every caller.
   * `cause` is the 401 that asked for it: when the refresh is refused, it says why the session ended.
   */
  refresh(cause?: ApiError): Promise<Session> {
    this.refreshing ??= this.exchange(cause).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Called with the new session after every refresh (the app reads the profile again: the role may have changed). */
  onRefresh(listener: (session: Session) => void): () => void {
    this.refreshListeners.add(listener);
    return () => this.refreshListeners.delete(listener);
  }

  /**
   * Why the last session ended: the API's own reason when it gave one (`account_deactivated`,
   * `session_ended`), else the refused refresh. Set before `onSessionEnded` runs.
   */
  get endedWith(): ApiError | null {
    return this.ended;
  }

  private async freshToken(): Promise<string> {
    const session = this.options.store.get();
    if (!session) throw this.endSession(new ApiError(401, "missing_token", "Log in to continue"));
    if (session.refreshToken && session.expiresAt - this.options.now() < this.options.refreshMarginMs) {
      return (await this.refresh()).idToken;
    }
    return session.idToken;
  }

  private async exchange(cause?: ApiError): Promise<Session> {
    const current = this.options.store.get();
    if (!current?.refreshToken) {
      // A view-as session gives way to the session set aside for it; the request is not retried.
      const back = current ? sessionFallback?.(cause) : null;
      if (back) {
        this.options.store.set(back);
        throw new ApiError(401, "invalid_refresh", "This view has ended: you are back in your own account");
      }
      throw this.endSession(new ApiError(401, "invalid_refresh", "The session has ended: log in again"), cause);
    }
    let session: Session;
    try {
      const tokens = await this.send<Tokens>("POST", "/auth/refresh", { body: { refresh_token: current.refreshToken } }, null);
      session = sessionFrom(tokens, this.options.now(), current.refreshToken);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 400 || error.status === 401 || error.status === 422)) {
        throw this.endSession(new ApiError(401, "invalid_refresh", "The session has ended: log in again"), cause);
      }
      throw error;
    }
    this.options.store.set(session);
    for (const listener of this.refreshListeners) listener(session);
    return session;
  }

  /** Forget the session (once) and say so; `cause`, a 401 with a reason of its own, is kept as `endedWith`. */
  private endSession(error: ApiError, cause?: ApiError): ApiError {
    if (this.options.store.get() !== null) {
      this.ended = cause && !SESSION_CODES.has(cause.code) ? cause : error;
      this.options.store.set(null);
      this.options.onSessionEnded?.();
    }
    return error;
  }

  private async withRetries<T>(method: string, path: string, options: RequestOptions, token: string | null): Promise<T> {
    const attempts = IDEMPOTENT.has(method) ? this.options.retries + 1 : 1;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.send<T>(method, path, options, token);
      } catch (error) {
        const retriable = error instanceof ApiError && RETRIABLE_STATUS.has(error.status);
        if (!retriable || attempt >= attempts || options.signal?.aborted) throw error;
        await this.options.sleep(this.options.retryDelayMs * 2 ** (attempt - 1));
      }
    }
  }

  private async send<T>(method: string, path: string, options: RequestOptions, token: string | null): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await this.options.fetch(buildUrl(this.options.baseUrl, path, options.query), {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: options.signal,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      throw networkError();
    }
    const body = await readJson(response);
    if (!response.ok) {
      const error = toApiError(response.status, body);
      errorObserver?.(error);
      throw error;
    }
    return body as T;
  }
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Keeps the session in localStorage so a reload (or a second tab) stays signed in. */
export class BrowserSessionStore implements SessionStore {
  constructor(private readonly key = "convertly.session") {}

  get(): Session | null {
    const raw = window.localStorage.getItem(this.key);
    if (!raw) return null;
    try {
      const session = JSON.parse(raw) as Session;
      return session.idToken ? session : null;
    } catch {
      return null;
    }
  }

  set(session: Session | null): void {
    if (session) window.localStorage.setItem(this.key, JSON.stringify(session));
    else window.localStorage.removeItem(this.key);
  }
}

export class MemorySessionStore implements SessionStore {
  private session: Session | null;

  constructor(session: Session | null = null) {
    this.session = session;
  }

  get(): Session | null {
    return this.session;
  }

  set(session: Session | null): void {
    this.session = session;
  }
}
