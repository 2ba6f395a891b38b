// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { columnLabels, labelTableCells } from "./tableLabels";

function table(html: string): HTMLTableElement {
  document.body.innerHTML = html;
  return document.querySelector("table")!;
}

describe("labelTableCells", () => {
  it("names each body cell after its column's header", () => {
    table(`<table class="table"><thead><tr><th>Name</th><th>Stage</th><th class="numeric">Value</th></tr></thead>
      <tbody><tr><td>Dana</td><td>Qualified</td><td>$1,234.50</td></tr></tbody></table>`);
    labelTableCells();
    const cells = Array.from(document.querySelectorAll("td")).map((cell) => cell.dataset.label);
    expect(cells).toEqual(["Name", "Stage", "Value"]);
  });

  it("follows column spans, skips row headers, unnamed columns and lone action buttons", () => {
    const t = table(`<table class="table"><thead><tr><th colspan="2">Who</th><th></th><th>Actions</th></tr></thead>
      <tbody><tr><th scope="row">Dana</th><td>dana@x.test</td><td>note</td><td><button>Delete</button></td></tr></tbody></table>`);
    expect(columnLabels(t)).toEqual(["Who", "", "", "Actions"]);
    labelTableCells();
    const cells = Array.from(document.querySelectorAll("tbody td")).map((cell) => (cell as HTMLElement).dataset.label ?? null);
    expect(cells).toEqual([null, null, null]);
  });

  it("leaves tables outside the app's style alone and follows a renamed header", () => {
    const t = table(`<table><thead><tr><th>A</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>`);
    labelTableCells();
    expect(document.querySelector("td")!.dataset.label).toBeUndefined();
    t.className = "table";
    labelTableCells();
    expect(document.querySelector("td")!.dataset.label).toBe("A");
    t.tHead!.rows[0]!.cells[0]!.textContent = "B";
    labelTableCells();
    expect(document.querySelector("td")!.dataset.label).toBe("B");
  });
});
