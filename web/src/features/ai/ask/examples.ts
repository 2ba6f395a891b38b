// The questions an empty thread offers to start with, in the words the tools answer best.

/** A few questions to start with; the follow-up one names an open stage of the workspace's own pipeline. */
export function exampleQuestions(openStages: readonly string[]): string[] {
  const stage = openStages.find((name) => name.toLowerCase() === "qualified") ?? openStages[1] ?? openStages[0];
  return [
    "Which campaigns brought revenue last month?",
    "Which of my leads are stalling?",
    ...(stage ? [`How many leads in ${stage} have no follow-up?`] : []),
    "How many leads does each stage of the pipeline hold?",
  ];
}
