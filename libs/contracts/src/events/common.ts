import { isLanguageTag, toLatinDigits } from '#domain';
import { z } from 'zod';

// A control character in an id is never intended and breaks logs and URLs.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function identifier(what: string, maxLength = 128) {
  return z
    .string({ error: `${what} must be a string` })
    .min(1, { error: `${what} must not be empty` })
    .max(maxLength, { error: `${what} must be at most ${maxLength} characters` })
    .refine((value) => !CONTROL_CHARACTERS.test(value), {
      error: `${what} must not contain control characters`,
    });
}

export const eventIdSchema = identifier('eventId');

/** ISO-8601 date and time with an explicit offset (`Z` or `±hh:mm`). */
export const occurredAtSchema = z.iso.datetime({
  offset: true,
  error: 'occurredAt must be an ISO-8601 date and time with an offset, e.g. 2026-11-20T18:02:11+03:30',
});

const phoneSchema = z
  .string({ error: 'customer.phone must be a string' })
  .transform((value) => toLatinDigits(value).trim())
  .refine((value) => /^\+?[0-9][0-9 ().-]{2,31}$/.test(value), {
    error: 'customer.phone must be a phone number of 3 to 32 digits, spaces, dashes or brackets',
  });

const localeSchema = z
  .string({ error: 'customer.locale must be a string' })
  .refine(isLanguageTag, { error: 'customer.locale must be a BCP-47 language tag such as fa-IR or en' })
  .transform((value) => Intl.getCanonicalLocales(value)[0] ?? value);

export const customerSchema = z.object(
  {
    id: identifier('customer.id'),
    email: z.email({ error: 'customer.email must be an e-mail address' }).max(254).optional(),
    phone: phoneSchema.optional(),
    name: z
      .string({ error: 'customer.name must be a string' })
      .trim()
      .min(1, { error: 'customer.name must not be empty' })
      .max(200, { error: 'customer.name must be at most 200 characters' })
      .optional(),
    locale: localeSchema.optional(),
  },
  { error: 'customer must be an object with an id' },
);

export type CustomerOnEvent = z.infer<typeof customerSchema>;

export const storeIdSchema = identifier('storeId', 64);

/** Fields every input event carries (DESIGN.md §4.2). */
export const commonEventShape = {
  eventId: eventIdSchema,
  occurredAt: occurredAtSchema,
  customer: customerSchema,
  storeId: storeIdSchema,
};
