import { useState } from "react";
import { errorMessage } from "../../api/errors";
import { toast } from "../../components/toasts";
import { Button } from "../../components/ui";
import { useBulkApi } from "./api";

/** An export's CSV: a fresh link each time (it lasts minutes), opened so the browser downloads the file. */
export function DownloadButton({ bulkId }: { bulkId: string }) {
  const api = useBulkApi();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="primary"
      busy={busy}
      data-testid="bulk-download"
      onClick={async () => {
        setBusy(true);
        try {
          const { url } = await api.download(bulkId);
          // The link answers the file as an attachment: the page stays where it is.
          window.location.assign(url);
        } catch (error) {
          toast.error(`The file could not be downloaded: ${errorMessage(error)}`);
        } finally {
          setBusy(false);
        }
      }}
    >
      Download CSV
    </Button>
  );
}
