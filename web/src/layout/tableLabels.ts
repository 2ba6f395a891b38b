// On a phone a table's rows read as blocks, cell under cell (styles.css); each cell then names its
// column through `data-label`, copied here from the table's header row.

/** The header text of each column of `table`, by position ("" for a column without one). */
export function columnLabels(table: HTMLTableElement): string[] {
  const header = table.tHead?.rows[0];
  if (!header) return [];
  const labels: string[] = [];
  for (const cell of Array.from(header.cells)) {
    const text = (cell.textContent ?? "").replace(/\s+/g, " ").trim();
    for (let span = 0; span < Math.max(1, cell.colSpan); span += 1) labels.push(span === 0 ? text : "");
  }
  return labels;
}

/** Label every body cell of the app's tables under `root` with its column's header. */
export function labelTableCells(root: ParentNode = document): void {
  for (const table of Array.from(root.querySelectorAll<HTMLTableElement>("table.table"))) {
    const labels = columnLabels(table);
    if (labels.length === 0) continue;
    for (const body of Array.from(table.tBodies)) {
      for (const row of Array.from(body.rows)) {
        let column = 0;
        for (const cell of Array.from(row.cells)) {
          const label = labels[column] ?? "";
          // A row header (the record's name) and an action cell speak for themselves.
          const wanted = cell.tagName === "TD" && label && !cell.querySelector("button:only-child") ? label : null;
          if (wanted && cell.dataset.label !== wanted) cell.dataset.label = wanted;
          if (!wanted && cell.dataset.label !== undefined) delete cell.dataset.label;
          column += Math.max(1, cell.colSpan);
        }
      }
    }
  }
}
