import { z } from 'zod';
import { count, instant, listOf } from './wire.js';

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'suppressed'] as const;

export const notificationQuerySchema = z.object({
  status: z
    .enum(NOTIFICATION_STATUSES, { error: `must be one of ${NOTIFICATION_STATUSES.join(', ')}` })
    .optional(),
  kind: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type NotificationQuery = z.infer<typeof notificationQuerySchema>;

export const notificationDtoSchema = z
  .object({
    id: z.string(),
    key: z.string(),
    kind: z.string(),
    recipient: z.string(),
    locale: z.string(),
    status: z.enum(NOTIFICATION_STATUSES),
    attempts: count,
    lastError: z.string().nullable(),
    createdAt: instant,
    sentAt: instant.nullable(),
  })
  .meta({
    id: 'Notification',
    description: 'Every e-mail Ladder decided to send, with its status: a final failure is visible here.',
  });
export type NotificationDto = z.infer<typeof notificationDtoSchema>;

export const notificationListDtoSchema = listOf(
  notificationDtoSchema,
  'NotificationList',
  'The e-mails that match the filters.',
);
export type NotificationListDto = z.infer<typeof notificationListDtoSchema>;
