/** Why an input message was not accepted: a machine code and a sentence for a person (DESIGN.md §4.3). */
export const REJECTION_CODES = [
  'empty-message',
  'not-utf8',
  'malformed-json',
  'not-an-object',
  'invalid-event',
  'occurred-at-out-of-range',
  'processing-failed',
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface FieldProblem {
  path: string;
  message: string;
}

export interface Rejection {
  code: RejectionCode;
  message: string;
  fields?: FieldProblem[];
}
