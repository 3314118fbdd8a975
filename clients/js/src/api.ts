import type { InboxPage, UnreadCount } from "./protocol.js";

/** A refusal from Herald's HTTP API, with its problem body when it sent one. */
export class HeraldApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { title?: string; errors?: Record<string, string[]> } | null,
  ) {
    super(problem?.title ?? `Herald answered ${status}.`);
    this.name = "HeraldApiError";
  }
}

/** Which page of the inbox to read. */
export interface PageQuery {
  unread?: boolean;
  type?: string;
  limit?: number;
  /** A `nextCursor` of a newest-first page. */
  before?: string;
  /** A stream position: what came after it, oldest first. */
  after?: number;
  /** Only archived ones; left out, the default list holds none. */
  archived?: boolean;
}

/** The caller's own inbox over HTTP. */
export class InboxApi {
  constructor(
    private readonly baseUrl: URL,
    private readonly accessToken: () => string | Promise<string>,
  ) {}

  page(query: PageQuery = {}): Promise<InboxPage> {
    const search = new URLSearchParams();

    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined) {
        search.set(name, String(value));
      }
    }

    const suffix = search.size > 0 ? `?${search}` : "";
    return this.call<InboxPage>("GET", `api/notifications${suffix}`);
  }

  unreadCount(): Promise<UnreadCount> {
    return this.call<UnreadCount>("GET", "api/notifications/unread-count");
  }

  /** Returns how many were unread. */
  async markRead(ids: readonly string[]): Promise<number> {
    return (await this.call<{ updated: number }>("POST", "api/notifications/read", { ids })).updated;
  }

  /** Marks every unread notification read, of one type if given. */
  async markAllRead(type?: string): Promise<number> {
    return (await this.call<{ updated: number }>("POST", "api/notifications/read", { all: true, type })).updated;
  }

  async markUnread(ids: readonly string[]): Promise<number> {
    return (await this.call<{ updated: number }>("POST", "api/notifications/unread", { ids })).updated;
  }

  /** The bell was opened: everything up to `through`, the newest position shown, is seen. */
  async markSeen(through: number): Promise<number> {
    return (await this.call<{ updated: number }>("POST", "api/notifications/seen", { through })).updated;
  }

  async archive(ids: readonly string[]): Promise<number> {
    return (await this.call<{ updated: number }>("POST", "api/notifications/archive", { ids })).updated;
  }

  /** Archives everything in the inbox, of one type if given. */
  async archiveAll(type?: string): Promise<number> {
    return (await this.call<{ updated: number }>("POST", "api/notifications/archive", { all: true, type })).updated;
  }

  async unarchive(ids: readonly string[]): Promise<number> {
    return (await this.call<{ updated: number }>("POST", "api/notifications/unarchive", { ids })).updated;
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.accessToken()}` };

    if (body !== undefined) {
      headers["content-type"] = "application/json";
    }

    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });

    if (!response.ok) {
      const problem = response.headers.get("content-type")?.includes("json") ? await response.json() : null;
      throw new HeraldApiError(response.status, problem);
    }

    return (await response.json()) as T;
  }
}
