// Query keys and the shared reads (stages, users) every lead page looks names up in.

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useAuth } from "../auth/AuthProvider";
import { Permission } from "../auth/permissions";
import { useApi } from "../context";
import type { Stage, User } from "../api/types";
import type { LeadFilters } from "./filters";

export const keys = {
  pipelines: ["pipelines"] as const,
  users: ["users"] as const,
  leads: ["leads"] as const,
  leadPage: (filters: LeadFilters, cursor: string | null) => ["leads", "page", filters, cursor] as const,
  lead: (leadId: string) => ["lead", leadId] as const,
};

export function usePipelines() {
  const api = useApi();
  const { grants } = useAuth();
  return useQuery({
    queryKey: keys.pipelines,
    queryFn: api.pipelines,
    enabled: grants.can(Permission.pipelinesRead),
    staleTime: 60_000,
  });
}

export function useUsers() {
  const api = useApi();
  const { grants } = useAuth();
  return useQuery({
    queryKey: keys.users,
    queryFn: api.users,
    enabled: grants.can(Permission.usersRead),
    staleTime: 5 * 60_000,
  });
}

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
