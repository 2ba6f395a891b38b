// Where the imports' pages are (Settings > Imports and the wizard under it).

export const IMPORTS_PATH = "/settings/imports";
export const NEW_IMPORT_PATH = "/settings/imports/new";

export function importPath(importId: string): string {
  return `${IMPORTS_PATH}/${encodeURIComponent(importId)}`;
}
