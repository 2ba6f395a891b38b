import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useAuth } from "../../auth/AuthProvider";
import { Permission } from "../../auth/permissions";
import { Button, Card } from "../../components/ui";
import { formatDateTime } from "../../lib/format";
import { aiKeys, useAiApi } from "./api";
import {
  AUC_TEXT,
  BASELINE_TEXT,
  CALIBRATION_TEXT,
  calibrationRows,
  measureText,
  modelKindText,
  requestedText,
  TABLE_TEXT,
  trainingWaiting,
} from "./settingsModel";
import type { AiSettings, ModelQuality } from "./types";

/**
 * The score model: what it is, when it was trained, how well it did on the latest closed leads it did
 * not learn from (beside a source-only model), its calibration, and "Train now" for Admins.
 */
export function ModelCard({
  settings,
  requestedAt,
  onRequested,
}: {
  settings: AiSettings;
  requestedAt: string | null;
  onRequested: (at: string) => void;
}) {
  const api = useAiApi();
  const { grants } = useAuth();
  const queryClient = useQueryClient();
  const model = settings.model;
  const asked = requestedAt ?? model?.training_requested_at ?? null;
  const waiting = trainingWaiting(model, asked);
  const train = useMutation({
    mutationFn: api.train,
    onSuccess: async (accepted) => {
      onRequested(accepted.requested_at);
      await queryClient.invalidateQueries({ queryKey: aiKeys.settings });
    },
  });
  const mayTrain = grants.can(Permission.aiManage) && settings.enabled;
  return (
    <Card title="Score model">
      {model ? (
        <ModelQualityView model={model} />
      ) : (
        <p className="muted">
          No model has been trained yet: every score is a starting estimate. Training runs every night, or now with Train now; it
          learns from this workspace's won and lost leads.
        </p>
      )}
      <div className="settings-actions">
        {mayTrain && (
          <Button variant="primary" busy={train.isPending} onClick={() => train.mutate()}>
            Train now
          </Button>
        )}
        {asked && waiting && (
          <p className="muted" role="status">
            {requestedText(asked)}. This page shows the new model when the training is done.
          </p>
        )}
        {asked && !waiting && requestedAt && (
          <p className="muted" role="status">
            {requestedText(asked)}: done.
          </p>
        )}
      </div>
    </Card>
  );
}

function Measure({ title, value, text }: { title: string; value: string; text: string }) {
  return (
    <section className="ai-measure" aria-label={title}>
      <h3>{title}</h3>
      <p className="ai-measure-value">{value}</p>
      <p className="muted">{text}</p>
    </section>
  );
}

function ModelQualityView({ model }: { model: ModelQuality }) {
  const rows = calibrationRows(model.bins);
  const holdout = model.holdout ?? 0;
  return (
    <>
      <dl className="details ai-facts">
        <div className="detail-row">
          <dt>Kind</dt>
          <dd>{modelKindText(model)}</dd>
        </div>
        <div className="detail-row">
          <dt>Trained</dt>
          <dd>{model.trained_at ? <time dateTime={model.trained_at}>{formatDateTime(model.trained_at)}</time> : "Not yet"}</dd>
        </div>
        <div className="detail-row">
          <dt>Closed leads</dt>
          <dd>
            {model.won ?? 0} won, {model.lost ?? 0} lost
            {holdout > 0 ? `; measured on the latest ${holdout}, which it did not learn from` : ""}
          </dd>
        </div>
      </dl>
      {model.auc === null && holdout === 0 ? (
        <p className="muted">
          Its quality is measured once at least 20 leads have been won or lost: the latest of them are kept aside to test it.
        </p>
      ) : (
        <div className="ai-measures">
          <Measure title="Ranking (AUC)" value={measureText(model.auc)} text={AUC_TEXT} />
          <Measure title="Source-only model (AUC)" value={measureText(model.baseline_auc)} text={BASELINE_TEXT} />
          <Measure title="Calibration error" value={measureText(model.calibration_error)} text={CALIBRATION_TEXT} />
        </div>
      )}
      {rows.length > 0 && (
        <>
          <p className="muted">{TABLE_TEXT}</p>
          <div className="table-wrap ai-calibration">
            <table className="table">
              <caption className="visually-hidden">Calibration</caption>
              <thead>
                <tr>
                  <th scope="col">Predicted chance</th>
                  <th scope="col" className="numeric">
                    Leads
                  </th>
                  <th scope="col" className="numeric">
                    Predicted
                  </th>
                  <th scope="col" className="numeric">
                    Actually won
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.label}>
                    <td>{row.label}</td>
                    <td className="numeric">{row.leads}</td>
                    <td className="numeric">{row.predicted}</td>
                    <td className="numeric">{row.actual}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
