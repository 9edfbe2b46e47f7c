import { z } from 'zod';

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'suppressed'] as const;

export const notificationQuerySchema = z.object({
  status: z
    .enum(NOTIFICATION_STATUSES, { error: `must be one of ${NOTIFICATION_STATUSES.join(', ')}` })
    .optional(),
  kind: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type NotificationQuery = z.infer<typeof notificationQuerySchema>;

/** Every e-mail Ladder decided to send, with its status: a final failure is visible here. */
export interface NotificationDto {
  id: string;
  key: string;
  kind: string;
  recipient: string;
  locale: string;
  status: (typeof NOTIFICATION_STATUSES)[number];
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
