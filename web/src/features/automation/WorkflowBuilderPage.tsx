export function WorkflowBuilderPage() {
  return <h1>Workflow</h1>;
}
