import { useState } from "react";
import { errorMessage } from "../../api/errors";
import { Alert, Button } from "../../components/ui";
import { RadioGroup } from "../capture/controls";
import { useContactsApi } from "../contacts/api";
import { contactName } from "../contacts/labels";
import { contactKeys } from "../contacts/queries";
import { SearchPicker, type Picked } from "../contacts/SearchPicker";
import { useLeadsApi } from "../leads/api";
import { Modal } from "../team/Modal";
import { useAutomationApi } from "./api";
import { kindLabel } from "./definition";
import { TEST_RUN_LABELS } from "./labels";
import { StepRunBadge } from "./StatusBadges";
import type { Enrolment } from "./types";
import "../team/team.css";

type Subject = "contact" | "lead";
const RESULTS = 8;

function SubjectPicker({ subject, value, onChange }: { subject: Subject; value: Picked | null; onChange: (picked: Picked | null) => void }) {
  const contacts = useContactsApi();
  const leads = useLeadsApi();
  if (subject === "contact") {
    return (
      <SearchPicker
        label="Contact"
        placeholder="Search by name, email or phone"
        noun="contact"
        value={value}
        queryKey={contactKeys.contactSearch}
        search={async (q, signal) =>
          (await contacts.listContacts({ q }, null, RESULTS, signal)).items.map((contact) => ({
            id: contact.contact_id,
            name: contactName(contact),
            detail: contact.email || contact.phone,
          }))
        }
        onChange={onChange}
      />
    );
  }
  return (
    <SearchPicker
      label="Lead"
      placeholder="Search by name, email or phone"
      noun="lead"
      value={value}
      queryKey={(q) => ["automation", "test-leads", q]}
      search={async (q, signal) =>
        (await leads.listLeads({ q }, null, RESULTS, signal)).items.map((lead) => ({
          id: lead.lead_id,
          name: lead.name || "Unnamed lead",
          detail: lead.email || lead.phone,
        }))
      }
      onChange={onChange}
    />
  );
}

/** What a test run did: each step it reached, what it would have done, and that nothing happened. */
function TestResult({ run, name, numbers }: { run: Enrolment; name: string; numbers: ReadonlyMap<string, number> }) {
  const steps = run.steps ?? [];
  return (
    <section className="test-result-panel" aria-label="Test run result">
      <p role="status" className="test-run-note">
        This was a test with {name}: nothing was sent and no record was changed.
      </p>
      {steps.length === 0 ? (
        <p className="muted">No step ran: {run.outcome ?? "the workflow has no steps."}</p>
      ) : (
        <ol className="run-steps" aria-label="What each step would do">
          {steps.map((step) => (
            <li key={step.step_id}>
              <span className="run-step-name">
                Step {numbers.get(step.step_id) ?? "?"}: {step.name || kindLabel(step.kind)}
              </span>
              <StepRunBadge status={step.status} labels={TEST_RUN_LABELS} />
              {step.detail && <span className="run-step-detail">{step.detail}</span>}
            </li>
          ))}
        </ol>
      )}
      {run.outcome && steps.length > 0 && <p className="muted">{run.outcome}</p>}
    </section>
  );
}

/** Run the saved draft for one contact or lead, as a dry run, and show what each step would do. */
export function TestRunDialog({
  workflowId,
  dirty,
  numbers,
  onClose,
}: {
  workflowId: string;
  /** The draft has changes not saved: the test runs what is saved. */
  dirty: boolean;
  numbers: ReadonlyMap<string, number>;
  onClose: () => void;
}) {
  const api = useAutomationApi();
  const [subject, setSubject] = useState<Subject>("contact");
  const [picked, setPicked] = useState<Picked | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [run, setRun] = useState<Enrolment | null>(null);

  async function start() {
    setFailure(null);
    setMissing(!picked);
    if (!picked) return;
    setBusy(true);
    try {
      const body = subject === "contact" ? { contact_id: picked.id, use_draft: true } : { lead_id: picked.id, use_draft: true };
      setRun(await api.testWorkflow(workflowId, body));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      title="Test run"
      wide
      onSubmit={() => void start()}
      onClose={onClose}
      actions={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {run ? "Run again" : "Run test"}
          </Button>
        </>
      }
    >
      <p>
        See what the workflow would do for one contact or lead: every step says what it would do, and nothing is sent or
        changed. Waits are not waited.
      </p>
      {dirty && <Alert tone="warning">The test runs the saved draft: save your changes first to test them.</Alert>}
      <RadioGroup<Subject>
        legend="Test with"
        name="test-subject"
        value={subject}
        options={[
          { value: "contact", label: "A contact" },
          { value: "lead", label: "A lead" },
        ]}
        onChange={(next) => {
          setSubject(next);
          setPicked(null);
          setRun(null);
        }}
      />
      <SubjectPicker
        subject={subject}
        value={picked}
        onChange={(next) => {
          setPicked(next);
          setMissing(false);
          setRun(null);
        }}
      />
      {missing && <p className="field-error">Choose the {subject} to test with.</p>}
      {failure && <Alert title="The test could not run">{failure}</Alert>}
      {run && picked && <TestResult run={run} name={picked.name} numbers={numbers} />}
    </Modal>
  );
}
