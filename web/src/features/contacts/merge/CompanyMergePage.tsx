import { useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "react-router";
import { toast } from "../../../components/toasts";
import { Card, EmptyState, PageHeader } from "../../../components/ui";
import { useLookups } from "../../../lib/lookups";
import { leadKeys } from "../../leads/queries";
import { useContactsApi } from "../api";
import { Detail } from "../parts";
import { contactKeys } from "../queries";
import { SearchPicker } from "../SearchPicker";
import type { CompanyDetail } from "../types";
import { useMergeApi } from "./api";
import { MergeForm } from "./MergeForm";
import { MergeSteps, pairActions, useMergePair } from "./mergePair";
import { companyMergeRows, mergeBody, unionOf } from "./mergeFields";
import "./merge.css";

const PICKER_RESULTS = 8;

function companyName(company: { name: string }): string {
  return company.name || "Unnamed company";
}

/**
 * Merge a duplicate company into the one that stays: /companies/merge?survivor=<id>&duplicate=<id>;
 * with only `survivor`, the duplicate is picked by searching for it.
 */
export function CompanyMergePage() {
  const api = useContactsApi();
  const pair = useMergePair((companyId) => ({ queryKey: contactKeys.company(companyId), queryFn: () => api.getCompany(companyId) }));
  const back = pair.survivorId ? `/companies/${pair.survivorId}` : "/companies";

  return (
    <>
      <PageHeader
        back={
          <Link to={back} className="back-link">
            {pair.survivorId ? "← Back to the company" : "← All companies"}
          </Link>
        }
        title="Merge companies"
        subtitle="The company that stays takes the values you choose, and the contacts of both."
        actions={pairActions(pair)}
      />
      {pair.survivorId ? (
        <MergeSteps
          pair={pair}
          noun="company"
          back={{ to: back, label: "Back" }}
          picker={(survivor, onPick) => <DuplicatePicker survivor={survivor} onPick={onPick} />}
          merge={(survivor, duplicate, onReload) => <CompanyMerge survivor={survivor} duplicate={duplicate} cancelTo={back} onReload={onReload} />}
        />
      ) : (
        <EmptyState title="Pick the company to keep">
          <p>
            Open the company that stays from <Link to="/companies">Companies</Link>, then merge another into it.
          </p>
        </EmptyState>
      )}
    </>
  );
}

function DuplicatePicker({ survivor, onPick }: { survivor: CompanyDetail; onPick: (companyId: string) => void }) {
  const api = useContactsApi();
  return (
    <Card title={`Keep ${companyName(survivor)}`} className="merge-pick">
      <SearchPicker
        label="Company to merge into it"
        placeholder="Search by name or domain"
        hint="The company you pick is merged into this one, then deleted"
        noun="company"
        value={null}
        queryKey={(q) => [...contactKeys.companySearch(q), "merge", survivor.company_id]}
        search={async (q, signal) =>
          (await api.listCompanies({ q }, null, PICKER_RESULTS, signal)).items
            .filter((company) => company.company_id !== survivor.company_id)
            .map((company) => ({ id: company.company_id, name: companyName(company), detail: company.domain }))
        }
        onChange={(picked) => picked && onPick(picked.id)}
      />
    </Card>
  );
}

function mergeBlocked(survivor: CompanyDetail, duplicate: CompanyDetail): string | null {
  const kept = companyName(survivor);
  const merged = companyName(duplicate);
  if (duplicate.merged_into === survivor.company_id) return `${merged} was already merged into ${kept}.`;
  if (survivor.deleted_at) return `${kept} is deleted: restore it before merging another company into it.`;
  if (duplicate.deleted_at) return `${merged} is deleted: restore it before merging it.`;
  return null;
}

function CompanyMerge({
  survivor,
  duplicate,
  cancelTo,
  onReload,
}: {
  survivor: CompanyDetail;
  duplicate: CompanyDetail;
  cancelTo: string;
  onReload: () => Promise<unknown>;
}) {
  const api = useMergeApi();
  const lookups = useLookups();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const names = { survivor: companyName(survivor), duplicate: companyName(duplicate) };
  const moving = duplicate.contact_count;

  return (
    <MergeForm
      noun="company"
      names={names}
      rows={companyMergeRows(survivor, duplicate, { owner: lookups.ownerName })}
      kept={
        <Card title="Kept from both" className="merge-kept">
          <p className="card-intro muted">
            Whichever values you choose, {names.survivor} keeps the tags of both, and {names.duplicate}’s contacts move to it
            with their leads.
          </p>
          <dl className="details">
            <Detail label="Tags">{unionOf([...survivor.tags, ...duplicate.tags]).join(", ")}</Detail>
            <Detail label="Contacts">{`${survivor.contact_count + moving} in all: ${survivor.contact_count} of its own and ${moving} moving`}</Detail>
          </dl>
        </Card>
      }
      blocked={mergeBlocked(survivor, duplicate)}
      cancelTo={cancelTo}
      confirmBody={
        <p>
          {names.duplicate} will be deleted, and its page will point to {names.survivor}.{" "}
          {moving === 0 ? "It has no contacts to move." : `Its ${moving === 1 ? "contact moves" : `${moving} contacts move`} to ${names.survivor}, with their leads.`}{" "}
          A merge cannot be undone.
        </p>
      }
      merge={async (choices) => {
        const merged = await api.mergeCompanies(
          mergeBody({ id: survivor.company_id, version: survivor.version }, { id: duplicate.company_id, version: duplicate.version }, choices),
        );
        toast.success(`Companies merged into ${companyName(merged)}`);
        // Both companies, their moved contacts (a new company name) and those contacts' leads.
        await Promise.all(
          [contactKeys.companies, ["company"], contactKeys.contacts, ["contact"], leadKeys.leads, ["lead"]].map((queryKey) =>
            queryClient.invalidateQueries({ queryKey }),
          ),
        );
        navigate(`/companies/${merged.company_id}`);
      }}
      onReload={onReload}
    />
  );
}
