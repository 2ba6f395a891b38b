import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, errorMessage } from "../../api/errors";
import { toast } from "../../components/toasts";
import { Alert, Button, TextField } from "../../components/ui";
import { useLeadsApi } from "../leads/api";
import { leadKeys } from "../leads/queries";
import { parseValue } from "./matchQuality";
import { refreshConversionsSoon } from "./queries";

/**
 * A win not sent for want of a value: set the lead's value (at the version on screen) and the
 * conversions consumer sends the win with it.
 */
export function SetValueAndSend({ leadId }: { leadId: string }) {
  const leads = useLeadsApi();
  const queryClient = useQueryClient();
  const lead = useQuery({ queryKey: leadKeys.lead(leadId), queryFn: () => leads.getLead(leadId) });
  const [input, setInput] = useState("");
  const [invalid, setInvalid] = useState<string | undefined>();
  const [conflict, setConflict] = useState(false);
  const save = useMutation({
    mutationFn: ({ value, version }: { value: number; version: number }) => leads.updateLead(leadId, { value, version }),
    meta: { inlineErrors: true },
    onSuccess: async () => {
      toast.success("Value saved: the win is being sent");
      setInput("");
      await queryClient.invalidateQueries({ queryKey: leadKeys.lead(leadId) });
      refreshConversionsSoon(queryClient);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.isConflict) {
        setConflict(true);
        await queryClient.invalidateQueries({ queryKey: leadKeys.lead(leadId) });
      } else if (error instanceof ApiError && error.fields.value) {
        setInvalid(error.fields.value);
      }
    },
  });
  const currency = lead.data?.currency ?? "USD";
  const submit = () => {
    setConflict(false);
    const parsed = parseValue(input);
    if ("error" in parsed) {
      setInvalid(parsed.error);
      return;
    }
    setInvalid(undefined);
    if (lead.data) save.mutate({ value: parsed.value, version: lead.data.version });
  };

  return (
    <form
      className="set-value"
      aria-label="Set the value and send"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      {conflict && (
        <Alert tone="warning" title="Someone else changed this lead meanwhile">
          Its latest version is loaded now: check the value and send again.
        </Alert>
      )}
      {save.isError && !conflict && !invalid && <Alert title="The value was not saved">{errorMessage(save.error)}</Alert>}
      <div className="set-value-row">
        <TextField
          label={`Value (${currency})`}
          inputMode="decimal"
          autoComplete="off"
          value={input}
          error={invalid}
          onChange={(event) => setInput(event.target.value)}
        />
        <Button type="submit" variant="primary" busy={save.isPending} disabled={!lead.data}>
          Set the value and send
        </Button>
      </div>
    </form>
  );
}
