// A payout batch's file (GET /platform/affiliate-payouts/{id}/export?format=paypal|wise), fetched with
// the user's token and the app client's refresh (analytics' fetchCsv), then handed to the browser.
// Unlike the reports' exports it has no byte-order mark: PayPal and Wise read the first cell as is
// (a mark would become part of the first recipient's email, or of Wise's first header).

import { useCallback, useMemo } from "react";
import { BrowserSessionStore } from "../../../api/client";
import { useServices } from "../../../context";
import { fetchCsv } from "../../analytics/exportCsv";
import { batchPath } from "./api";
import { exportFileName } from "./affiliatesModel";
import type { ExportFormat } from "./types";

export function saveFile(fileName: string, text: string, type = "text/csv;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Downloads the batch's file in `format`; the API marks a created batch exported. */
export function useBatchExport() {
  const { client, config } = useServices();
  // The same session the app's client keeps (main.tsx makes its store with the same key).
  const store = useMemo(() => new BrowserSessionStore(), []);
  return useCallback(
    async (batchId: string, format: ExportFormat) => {
      const source = { baseUrl: config.apiUrl, store, refresh: () => client.refresh() };
      const file = await fetchCsv(source, `${batchPath(batchId)}/export`, { format });
      saveFile(exportFileName(batchId, format, file.disposition), file.text);
    },
    [client, config.apiUrl, store],
  );
}
