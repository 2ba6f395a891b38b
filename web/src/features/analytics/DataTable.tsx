import { Link } from "react-router";
import type { Column } from "./columns";
import { Term } from "./Term";

/** A report's figures as a table: a header per column (with its definition), the first cell of each
 * row its header, and an optional total row. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  total,
}: {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row, index: number) => string;
  total?: Row | undefined;
}) {
  return (
    <div className="table-wrap report-table">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? "numeric" : undefined}>
                <Term label={column.label} metric={column.metric} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <TableRow key={rowKey(row, index)} columns={columns} row={row} />
          ))}
        </tbody>
        {total && (
          <tfoot>
            <TableRow columns={columns} row={total} label="Total" />
          </tfoot>
        )}
      </table>
    </div>
  );
}

function TableRow<Row>({ columns, row, label }: { columns: readonly Column<Row>[]; row: Row; label?: string }) {
  return (
    <tr>
      {columns.map((column, index) => {
        const text = index === 0 && label ? label : column.text(row);
        const href = index === 0 && label ? undefined : column.href?.(row);
        const content = href ? <Link to={href}>{text}</Link> : text;
        return index === 0 ? (
          <th key={column.key} scope="row" className={column.numeric ? "numeric" : undefined}>
            {content}
          </th>
        ) : (
          <td key={column.key} className={column.numeric ? "numeric" : undefined}>
            {content}
          </td>
        );
      })}
    </tr>
  );
}
