// Where the templates' pages are (Settings > Templates).

import type { Channel } from "./types";

export const TEMPLATES_PATH = "/settings/templates";

export const templatePath = (templateId: string) => `${TEMPLATES_PATH}/${encodeURIComponent(templateId)}`;

export const newTemplatePath = (channel: Channel) => `${TEMPLATES_PATH}/new?channel=${channel}`;
