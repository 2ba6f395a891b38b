// Query keys of the accounts area and the users read (every page that names people looks them up).

import { useQuery } from "@tanstack/react-query";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { useAccountsApi } from "./api";

export const accountKeys = {
  users: ["users"] as const,
};

export function useUsers() {
  const api = useAccountsApi();
  const { grants } = useAuth();
  return useQuery({
    queryKey: accountKeys.users,
    queryFn: api.users,
    enabled: grants.can(Permission.usersRead),
    staleTime: 5 * 60_000,
  });
}
