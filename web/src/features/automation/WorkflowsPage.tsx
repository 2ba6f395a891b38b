export function WorkflowsPage() {
  return <h1>Automation</h1>;
}
