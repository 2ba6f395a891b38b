import { EmptyState, Spinner } from "../../components/ui";
import { useCustomFields } from "../fields/queries";
import type { ObjectType } from "../fields/types";
import { customFieldRows, type CustomFieldRow } from "./customFieldValues";
import { Detail } from "./parts";
import "./activity.css";

function RowValue({ row }: { row: CustomFieldRow }) {
  if (row.href) {
    const external = row.href.startsWith("http");
    return (
      <a href={row.href} {...(external ? { target: "_blank", rel: "noreferrer noopener" } : {})}>
        {row.text}
      </a>
    );
  }
  return row.multiline ? <span className="custom-multiline">{row.text}</span> : <>{row.text}</>;
}

/**
 * A record's custom fields: each defined one by its label, in the order Settings > Custom fields gives
 * them and formatted by its type, then "Other fields" for values no definition names.
 */
export function CustomFieldsDetails({
  objectType,
  values,
  className = "",
}: {
  objectType: ObjectType;
  values: Readonly<Record<string, unknown>> | null | undefined;
  className?: string;
}) {
  const definitions = useCustomFields(objectType);
  if (definitions.isLoading) return <Spinner label="Loading the custom fields" />;
  // Without the definitions (not readable for this role, or failed) every value shows by its key.
  const rows = customFieldRows(definitions.data?.fields ?? [], values);
  if (rows.defined.length === 0 && rows.other.length === 0) {
    return (
      <div className={className}>
        <EmptyState title="No custom fields yet">
          <p>Settings &gt; Custom fields adds them.</p>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className={className}>
      {rows.defined.length > 0 && (
        <dl className="details" role="group" aria-label="Custom fields">
          {rows.defined.map((row) => (
            <Detail key={row.key} label={row.label}>
              {row.empty ? null : <RowValue row={row} />}
            </Detail>
          ))}
        </dl>
      )}
      {rows.other.length > 0 && (
        <>
          <h3 className="section-title">Other fields</h3>
          <dl className="details" role="group" aria-label="Other fields">
            {rows.other.map((row) => (
              <Detail key={row.key} label={row.label}>
                <RowValue row={row} />
              </Detail>
            ))}
          </dl>
        </>
      )}
    </div>
  );
}
