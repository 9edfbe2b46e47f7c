import { z } from 'zod';
import { commonEventShape } from './common.js';

export const LEAD_KINDS = ['seen-ad', 'showed-interest', 'signed-up'] as const;
export type LeadKind = (typeof LEAD_KINDS)[number];

export const leadEventSchema = z.object({
  ...commonEventShape,
  kind: z.enum(LEAD_KINDS, { error: `kind must be one of ${LEAD_KINDS.join(', ')}` }),
});

/** A message of `<prefix>.leads.v1`. */
export type LeadEvent = z.infer<typeof leadEventSchema>;
