/** An operator's change that is no aggregate's command (a dead-letter redrive, a projection rebuild):
 * recorded on a stream of its own so the audit timeline shows who did it, when and why. */
export type OperatorActionRecorded = {
  type: 'OperatorActionRecorded';
  data: { actionId: string; action: string; target: string; reason: string; outcome: Record<string, unknown> };
};

export const operatorActionStream = (actionId: string): string => `operatorAction-${actionId}`;
