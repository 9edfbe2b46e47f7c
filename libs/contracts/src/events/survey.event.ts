import { MAX_SCORE, MIN_SCORE, toLatinDigits } from '#domain';
import { z } from 'zod';
import { commonEventShape, identifier } from './common.js';

export const MAX_COMMENT_LENGTH = 4000;

const SCORE_MESSAGE = `score must be a whole number from ${MIN_SCORE} to ${MAX_SCORE}`;

/**
 * The answer to "How likely are you to recommend us to a friend?": an integer 0–10, or a string of one
 * integer 0–10 with surrounding spaces in Latin, Persian or Arabic-Indic digits.
 */
export const scoreSchema = z.unknown().transform((value, context): number => {
  let score: number | null = null;
  if (typeof value === 'number' && Number.isInteger(value)) {
    score = value;
  } else if (typeof value === 'string') {
    const latin = toLatinDigits(value).trim();
    if (/^\d{1,2}$/.test(latin)) score = Number(latin);
  }
  if (score === null || score < MIN_SCORE || score > MAX_SCORE) {
    const got = value === undefined ? 'it is missing' : `got ${JSON.stringify(value)}`;
    context.addIssue({ code: 'custom', message: `${SCORE_MESSAGE}; ${got}` });
    return z.NEVER;
  }
  return score;
});

const commentSchema = z
  .string({ error: 'comment must be a string' })
  .transform((value) => value.trim())
  .refine((value) => [...value].length <= MAX_COMMENT_LENGTH, {
    error: `comment must be at most ${MAX_COMMENT_LENGTH} characters after trimming`,
  })
  .transform((value) => (value.length === 0 ? undefined : value));

export const surveyEventSchema = z.object({
  ...commonEventShape,
  employeeId: identifier('employeeId').optional(),
  orderId: identifier('orderId').optional(),
  score: scoreSchema,
  comment: commentSchema.optional(),
  channel: z
    .enum(['email', 'sms', 'kiosk', 'web', 'app'], { error: 'channel must be email, sms, kiosk, web or app' })
    .optional(),
  consent: z
    .object(
      { marketing: z.boolean({ error: 'consent.marketing must be true or false' }).optional() },
      { error: 'consent must be an object' },
    )
    .optional(),
});

/** A message of `<prefix>.surveys.v1`, after normalisation (score as a number, comment trimmed). */
export type SurveyEvent = z.infer<typeof surveyEventSchema>;
