// Stage and user names by id, for every page that shows leads or work: the shared reads of the
// pipelines and the users.

import { useMemo } from "react";
import { useUsers } from "../features/accounts/queries";
import type { User } from "../features/accounts/types";
import { usePipelines } from "../features/pipelines/queries";
import type { Stage } from "../features/pipelines/types";

export interface Lookups {
  stages: Stage[];
  users: User[];
  stageName: (stageId: string) => string;
  ownerName: (ownerId: string | null) => string;
  userName: (userId: string) => string;
}

/** Stage and user names by id; ids show until their lists arrive. */
export function useLookups(): Lookups {
  const pipelines = usePipelines();
  const users = useUsers();
  return useMemo(() => {
    const pipeline = pipelines.data?.find((p) => p.is_default) ?? pipelines.data?.[0];
    const stages = [...(pipelines.data ?? []).flatMap((p) => p.stages)].sort((a, b) => a.position - b.position);
    const stageById = new Map(stages.map((stage) => [stage.stage_id, stage.name]));
    const userById = new Map((users.data ?? []).map((user) => [user.user_id, user.name || user.email]));
    return {
      stages: pipeline ? [...pipeline.stages].sort((a, b) => a.position - b.position) : [],
      users: users.data ?? [],
      stageName: (stageId) => stageById.get(stageId) ?? (pipelines.isPending ? "…" : "Unknown stage"),
      ownerName: (ownerId) => (ownerId ? (userById.get(ownerId) ?? "Unknown user") : "Unassigned"),
      userName: (userId) => userById.get(userId) ?? "Someone",
    };
  }, [pipelines.data, pipelines.isPending, users.data]);
}
