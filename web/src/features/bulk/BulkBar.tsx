import { useState } from "react";
import { Link } from "react-router";
import { useAuth } from "../../auth/AuthProvider";
import { Button } from "../../components/ui";
import { useCustomFields } from "../fields/queries";
import type { Pipeline } from "../pipelines/types";
import { availableActions } from "./access";
import { BulkDialog } from "./BulkDialog";
import { LOG_PATH } from "./BulkRun";
import { barLabel, countOf } from "./labels";
import { scopeOf, objectOf, type MatchingScope } from "./scope";
import { hasSelection, selectedCount, selectionProblem, type Selection } from "./selection";
import type { BulkActionType, BulkScope } from "./types";
import "./bulk.css";

interface Opened {
  action: BulkActionType;
  scope: BulkScope;
  count: number | null;
}

/**
 * The bar under a list while something is selected: how much, the actions the role may take on these
 * records (each asks in a dialog first), clearing the selection, and the log of bulk actions.
 */
export function BulkBar({
  selection,
  matching,
  onClear,
  view = "active",
  pipeline,
}: {
  selection: Selection;
  /** The list's filters, for "all matching". */
  matching: MatchingScope;
  onClear: () => void;
  view?: "active" | "deleted";
  /** The leads' pipeline (its stages for a move); none for contacts. */
  pipeline?: Pipeline | null;
}) {
  const object = objectOf(matching);
  const { grants } = useAuth();
  const fields = useCustomFields(object === "leads" ? "lead" : "contact");
  const [opened, setOpened] = useState<Opened | null>(null);
  const actions = availableActions(object, grants, {
    view,
    hasCustomFields: (fields.data?.fields.length ?? 0) > 0,
    hasPipeline: Boolean(pipeline),
  });
  if (actions.length === 0 || (!hasSelection(selection) && !opened)) return null;
  const count = selectedCount(selection);
  const problem = selectionProblem(selection);

  return (
    <>
      <section className="bulk-bar" data-testid="bulk-bar" aria-label="Bulk actions">
        <p className="bulk-bar-count" aria-live="polite">
          {count === null ? "All matching records selected" : `${countOf(object, count)} selected`}
        </p>
        <div className="bulk-bar-actions">
          {actions.map((action) => (
            <Button
              key={action}
              className="btn-small"
              variant={action === "delete" ? "danger" : "secondary"}
              data-testid={`bulk-${action}`}
              disabled={problem !== null}
              onClick={() => setOpened({ action, scope: scopeOf(selection, matching), count })}
            >
              {barLabel(action)}
            </Button>
          ))}
          <Button className="btn-small" variant="ghost" onClick={onClear}>
            Clear selection
          </Button>
        </div>
        <Link to={LOG_PATH} className="bulk-log-link">
          See all bulk actions
        </Link>
        {problem && <p className="bulk-bar-problem">{problem}</p>}
      </section>
      {opened && (
        <BulkDialog
          object={object}
          action={opened.action}
          scope={opened.scope}
          count={opened.count}
          pipeline={pipeline}
          onClose={(started) => {
            setOpened(null);
            if (started) onClear();
          }}
        />
      )}
    </>
  );
}
