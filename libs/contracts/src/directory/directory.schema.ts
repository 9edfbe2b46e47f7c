import { isKnownTimeZone, isLanguageTag, parseDuration } from '#domain';
import { z } from 'zod';
import { identifier } from '../events/common.js';

const personSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email: z.email({ error: 'must be an e-mail address' }),
});

const regionSchema = z.object({
  id: identifier('regions[].id', 64),
  name: z.string().trim().min(1).max(200),
  manager: personSchema,
});

/** A store's reward: a voucher worth `amountMinor` of `currency`, valid for `validFor` from when it is issued. */
const rewardSchema = z.object({
  amountMinor: z
    .number({ error: 'must be a whole amount in minor units' })
    .int({ error: 'must be a whole amount in minor units' })
    .positive({ error: 'must be more than 0' })
    .max(Number.MAX_SAFE_INTEGER),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, { error: 'must be an ISO 4217 currency code such as IRR or EUR' })
    .transform((code) => code.toUpperCase()),
  validFor: z
    .string()
    .refine((value) => parseDuration(value) !== null, { error: 'must be a duration such as 90d' }),
});

const minorAmount = z
  .number({ error: 'must be a whole amount in minor units' })
  .int({ error: 'must be a whole amount in minor units' })
  .positive({ error: 'must be more than 0' })
  .max(Number.MAX_SAFE_INTEGER);

/** How a store's members earn points and what a point is worth (docs/promoter-loop.md, Points). */
const pointsRuleSchema = z.object({
  /** Minor units spent per point earned. */
  amountPerPoint: minorAmount,
  /** Minor units of the store's currency a point is worth in a voucher. */
  pointValueMinor: minorAmount,
});

const storeSchema = z.object({
  id: identifier('stores[].id', 64),
  name: z.string().trim().min(1).max(200),
  regionId: identifier('stores[].regionId', 64),
  timezone: z.string().refine(isKnownTimeZone, { error: 'must be an IANA time zone such as Asia/Tehran' }),
  locale: z.string().refine(isLanguageTag, { error: 'must be a BCP-47 language tag such as fa-IR or en' }),
  manager: personSchema,
  followUpSla: z
    .string()
    .refine((value) => parseDuration(value) !== null, { error: 'must be a duration such as 24h or 2d' })
    .optional(),
  /** The loyalty club's rewards at this store; Ladder's defaults where they are left out. */
  rewards: z
    .object({
      welcome: rewardSchema.optional(),
      referral: rewardSchema.optional(),
      /** The free consultation voucher of a member who reaches a tier. */
      consultation: rewardSchema.optional(),
      /** The member discount of a cross-sell offer. */
      offer: rewardSchema.optional(),
    })
    .optional(),
  points: pointsRuleSchema.optional(),
});

const employeeSchema = z.object({
  id: identifier('employees[].id', 128),
  name: z.string().trim().min(1).max(200),
  storeId: identifier('employees[].storeId', 64),
});

/** The directory file (DESIGN.md §4.4): regions, stores and employees, in YAML or JSON. */
export const directorySchema = z
  .object({
    regions: z.array(regionSchema).default([]),
    stores: z.array(storeSchema).default([]),
    employees: z.array(employeeSchema).default([]),
  })
  .superRefine((directory, context) => {
    const duplicates = (ids: string[]) => ids.filter((id, index) => ids.indexOf(id) !== index);
    for (const [list, ids] of [
      ['regions', directory.regions.map((region) => region.id)],
      ['stores', directory.stores.map((store) => store.id)],
      ['employees', directory.employees.map((employee) => employee.id)],
    ] as const) {
      for (const id of new Set(duplicates(ids))) {
        context.addIssue({ code: 'custom', path: [list], message: `${list} lists "${id}" more than once` });
      }
    }
    const regionIds = new Set(directory.regions.map((region) => region.id));
    directory.stores.forEach((store, index) => {
      if (!regionIds.has(store.regionId)) {
        context.addIssue({
          code: 'custom',
          path: ['stores', index, 'regionId'],
          message: `store "${store.id}" names region "${store.regionId}", which the directory does not list`,
        });
      }
    });
    const storeIds = new Set(directory.stores.map((store) => store.id));
    directory.employees.forEach((employee, index) => {
      if (!storeIds.has(employee.storeId)) {
        context.addIssue({
          code: 'custom',
          path: ['employees', index, 'storeId'],
          message: `employee "${employee.id}" names store "${employee.storeId}", which the directory does not list`,
        });
      }
    });
  });

export type Directory = z.infer<typeof directorySchema>;
export type DirectoryStore = Directory['stores'][number];
export type DirectoryRegion = Directory['regions'][number];
export type DirectoryEmployee = Directory['employees'][number];
