import type { z } from 'zod';
import type { InputTopic } from '../topics.js';
import { leadEventSchema, type LeadEvent } from './lead.event.js';
import { purchaseEventSchema, type PurchaseEvent } from './purchase.event.js';
import type { FieldProblem, Rejection } from './rejection.js';
import { surveyEventSchema, type SurveyEvent } from './survey.event.js';

export type InputEvent =
  | { topic: 'purchases'; event: PurchaseEvent }
  | { topic: 'surveys'; event: SurveyEvent }
  | { topic: 'leads'; event: LeadEvent };

export type DecodeResult = { ok: true; value: InputEvent } | { ok: false; rejection: Rejection };

const SCHEMAS: Record<InputTopic, z.ZodType> = {
  purchases: purchaseEventSchema,
  surveys: surveyEventSchema,
  leads: leadEventSchema,
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
const MAX_FIELD_PROBLEMS_IN_MESSAGE = 3;

/** Turns the bytes of an input message into a validated event, or says exactly why it cannot. */
export function decodeInputEvent(topic: InputTopic, bytes: Uint8Array | null): DecodeResult {
  if (bytes === null || bytes.length === 0) {
    return reject({ code: 'empty-message', message: 'the message has no value' });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return reject({ code: 'not-utf8', message: 'the message value is not valid UTF-8' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return reject({ code: 'malformed-json', message: `the message value is not valid JSON: ${detail}` });
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return reject({ code: 'not-an-object', message: 'the message value must be a JSON object' });
  }
  const parsed = SCHEMAS[topic].safeParse(json);
  if (!parsed.success) {
    const fields: FieldProblem[] = parsed.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.') || '(event)',
      message: issue.message,
    }));
    const shown = fields.slice(0, MAX_FIELD_PROBLEMS_IN_MESSAGE).map((field) => field.message);
    const more = fields.length > shown.length ? ` (and ${fields.length - shown.length} more)` : '';
    return reject({ code: 'invalid-event', message: `${shown.join('; ')}${more}`, fields });
  }
  return { ok: true, value: { topic, event: parsed.data } as InputEvent };
}

function reject(rejection: Rejection): DecodeResult {
  return { ok: false, rejection };
}
