// Query keys of the media library.

import type { MediaListQuery } from "./types";

export const mediaKeys = {
  all: ["media"] as const,
  page: (query: MediaListQuery, cursor: string | null, limit: number) => ["media", "page", query, cursor, limit] as const,
};
