import { squared } from "./preview";

/** A file's header and first rows: the browser's preview, or the server's sample. */
export function PreviewTable({ header, rows, caption }: { header: readonly string[]; rows: readonly (readonly string[])[]; caption: string }) {
  if (header.length === 0) return null;
  return (
    <div className="table-wrap import-preview" data-testid="import-preview">
      <table className="table">
        <caption className="import-preview-caption">{caption}</caption>
        <thead>
          <tr>
            {header.map((label, index) => (
              <th key={index} scope="col">
                {label || `Column ${index + 1}`}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {squared({ header: [...header], rows: rows.map((row) => [...row]) }).map((row, rowIndex) => (
            <tr key={rowIndex}>
              {row.map((cell, index) => (
                <td key={index}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
