import { useMemo, useState } from "react";
import { useAuth } from "../../auth/AuthProvider";
import type { Board } from "../pipelines/types";
import { canSelect } from "./access";
import { boardScope } from "./scope";
import { useBulkSelection } from "./useBulkSelection";

/**
 * The board's selection: off until "Select" is pressed (cards then show checkboxes); the cards loaded
 * are its page, and "all matching" is every lead of the pipeline with the board's owner and search.
 */
export function useBoardSelection(board: Board | undefined, pipelineId: string | null, ownerId: string | null, q: string | null) {
  const { grants } = useAuth();
  const [selecting, setSelecting] = useState(false);
  const matching = useMemo(() => boardScope(pipelineId ?? "", ownerId, q), [pipelineId, ownerId, q]);
  const cardIds = useMemo(() => board?.columns.flatMap((column) => column.items.map((card) => card.lead_id)) ?? [], [board]);
  const bulk = useBulkSelection(matching, cardIds, "card", "on the board");
  return {
    available: Boolean(pipelineId) && canSelect("leads", grants),
    selecting,
    toggle: () => {
      if (selecting) bulk.clear();
      setSelecting(!selecting);
    },
    /** The cards' checkboxes, while selecting. */
    rows: selecting ? bulk.rows : undefined,
    bulk,
    matching,
    cardIds,
  };
}

export type BoardSelection = ReturnType<typeof useBoardSelection>;
