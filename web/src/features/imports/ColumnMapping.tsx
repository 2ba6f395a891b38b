import { useId } from "react";
import { sampleValues, SKIP, targetGroups } from "./mapping";
import type { Import, Target } from "./types";

/** The mapping table: one row per column, its header, a few sample values and the field it goes to. */
export function ColumnMapping({
  item,
  targets,
  mapping,
  errors,
  onChange,
}: {
  item: Pick<Import, "header" | "sample">;
  targets: readonly Target[];
  mapping: readonly string[];
  /** By column index. */
  errors: Record<number, string>;
  onChange: (index: number, key: string) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table import-mapping" data-testid="import-mapping">
        <caption className="visually-hidden">Each column of the file and the field it is imported into</caption>
        <thead>
          <tr>
            <th scope="col">Column in the file</th>
            <th scope="col">First values</th>
            <th scope="col">Imported into</th>
          </tr>
        </thead>
        <tbody>
          {item.header.map((label, index) => (
            <ColumnRow
              key={index}
              index={index}
              label={label}
              samples={sampleValues(item.sample, index)}
              targets={targets}
              value={mapping[index] ?? SKIP}
              error={errors[index]}
              onChange={(key) => onChange(index, key)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ColumnRow({
  index,
  label,
  samples,
  targets,
  value,
  error,
  onChange,
}: {
  index: number;
  label: string;
  samples: string[];
  targets: readonly Target[];
  value: string;
  error: string | undefined;
  onChange: (key: string) => void;
}) {
  const name = label || `Column ${index + 1}`;
  return (
    <tr className={value === SKIP ? "import-column-skipped" : ""}>
      <th scope="row" className="import-column">
        <span className="import-column-name">{name}</span>
        <span className="muted import-column-number">Column {index + 1}</span>
      </th>
      <td>
        {samples.length ? (
          <ul className="import-samples">
            {samples.map((sample, position) => (
              <li key={position}>{sample}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">Empty in the first rows</span>
        )}
      </td>
      <td className="import-target-cell">
        <TargetSelect index={index} columnName={name} targets={targets} value={value} error={error} onChange={onChange} />
      </td>
    </tr>
  );
}

/** A native select with the targets in their groups, "Don't import" first. */
function TargetSelect({
  index,
  columnName,
  targets,
  value,
  error,
  onChange,
}: {
  index: number;
  columnName: string;
  targets: readonly Target[];
  value: string;
  error: string | undefined;
  onChange: (key: string) => void;
}) {
  const id = useId();
  return (
    <div className={`field ${error ? "field-invalid" : ""}`}>
      <label htmlFor={id} className="visually-hidden">
        Field for column {index + 1}, “{columnName}”
      </label>
      <select
        id={id}
        value={value}
        data-testid={`map-${index}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value={SKIP}>Don't import</option>
        {targetGroups(targets).map((group) => (
          <optgroup key={group.group} label={group.group}>
            {group.targets.map((target) => (
              <option key={target.key} value={target.key}>
                {target.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
