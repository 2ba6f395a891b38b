export function ManualActionsPage() {
  return <h1>Manual actions</h1>;
}
