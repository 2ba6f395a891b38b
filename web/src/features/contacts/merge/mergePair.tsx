// What the contact and company merge pages share: the pair their URL names
// (?survivor=<id>&duplicate=<id>), read fresh, and the steps from the one to keep to the merge form.

import { useQuery, type QueryKey, type UseQueryResult } from "@tanstack/react-query";
import { Fragment, type ReactNode } from "react";
import { useSearchParams } from "react-router";
import { Button, Spinner } from "../../../components/ui";
import { LoadError } from "../parts";

type Read<R> = (id: string) => { queryKey: QueryKey; queryFn: () => Promise<R> };

export interface MergePair<R> {
  survivorId: string;
  duplicateId: string;
  survivor: UseQueryResult<R>;
  duplicate: UseQueryResult<R>;
  /** Opens the page on another pair; without `merge`, the duplicate is picked again. */
  choose: (keep: string, merge: string) => void;
}

/** A record as the merge page reads it: fresh on opening, and not again until asked (its version is what the merge sends). */
function useRecordToMerge<R>(read: Read<R>, id: string) {
  return useQuery({
    ...read(id),
    enabled: id !== "",
    refetchOnMount: "always",
    refetchOnWindowFocus: false,
    meta: { inlineErrors: true },
  });
}

export function useMergePair<R>(read: Read<R>): MergePair<R> {
  const [params, setParams] = useSearchParams();
  const survivorId = params.get("survivor") ?? "";
  const duplicateId = params.get("duplicate") ?? "";
  const survivor = useRecordToMerge(read, survivorId);
  const duplicate = useRecordToMerge(read, duplicateId);
  const choose = (keep: string, merge: string) => setParams(new URLSearchParams(merge ? { survivor: keep, duplicate: merge } : { survivor: keep }));
  return { survivorId, duplicateId, survivor, duplicate, choose };
}

/** The page header's actions once both are picked; null leaves the header without any. */
export function pairActions(pair: MergePair<unknown>): ReactNode {
  const { survivorId, duplicateId, choose } = pair;
  if (!survivorId || !duplicateId) return null;
  return (
    <>
      <Button onClick={() => choose(duplicateId, survivorId)}>Keep the other one instead</Button>
      <Button onClick={() => choose(survivorId, "")}>Pick another duplicate</Button>
    </>
  );
}

/** The one to keep is read; then the duplicate is picked (`picker`) or read, and `merge` shows the form. */
export function MergeSteps<R extends { version: number }>({
  pair,
  noun,
  back,
  picker,
  merge,
}: {
  pair: MergePair<R>;
  noun: "contact" | "company";
  back: { to: string; label: string };
  picker: (survivor: R, onPick: (id: string) => void) => ReactNode;
  merge: (survivor: R, duplicate: R, onReload: () => Promise<unknown>) => ReactNode;
}) {
  const { survivor, duplicate } = pair;
  if (survivor.isPending) return <Spinner label={`Loading the ${noun}`} />;
  if (survivor.isError) return <LoadError error={survivor.error} noun={noun} back={back} retry={() => void survivor.refetch()} />;
  if (!pair.duplicateId) return picker(survivor.data, (picked) => pair.choose(pair.survivorId, picked));
  if (duplicate.isPending) return <Spinner label="Loading the duplicate" />;
  if (duplicate.isError) return <LoadError error={duplicate.error} noun={noun} back={back} retry={() => void duplicate.refetch()} />;
  return (
    // The choices start again from what the page shows whenever either record is read again.
    <Fragment key={`${survivor.data.version}:${duplicate.data.version}`}>
      {merge(survivor.data, duplicate.data, () => Promise.all([survivor.refetch(), duplicate.refetch()]))}
    </Fragment>
  );
}
