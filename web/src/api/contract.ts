// Reading the generated contract (schema.gen.ts, from functions/docs/openapi.json): the features'
// types modules name their API shapes through these.

import type { components, paths } from "./schema.gen";

/** Every named schema of the OpenAPI document: request bodies, answers and enums. */
export type Schemas = components["schemas"];

/** The query parameters GET `path` takes. */
export type QueryOf<Path extends keyof paths> = paths[Path] extends { get: { parameters: { query?: infer Query } } }
  ? NonNullable<Query>
  : never;

/** The query of a cursor-paged list without the paging (`cursor`, `limit`), which the client adds. */
export type ListQueryOf<Path extends keyof paths> = Omit<QueryOf<Path>, "cursor" | "limit">;
