import type { RenderedEmail } from '#mail';
import type { NotificationRow } from '#persistence';
import { Injectable } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { NotificationKind, NotificationSubject } from './notification-kinds.js';

/** A notification row as its renderer sees it: its kind's own subject ids. */
export type NotificationOf<Kind extends NotificationKind> = Omit<NotificationRow, 'kind' | 'subjectIds'> & {
  kind: Kind;
  subjectIds: NotificationSubject<Kind>;
};

export interface RenderContext {
  /** The signed unsubscribe link every e-mail to a customer carries; null for e-mails to staff. */
  unsubscribeUrl: string | null;
}

/** The unsubscribe link a customer e-mail must carry; an e-mail to a customer without one is never sent. */
export function customerUnsubscribeUrl(notification: { kind: string }, context: RenderContext): string {
  if (context.unsubscribeUrl === null)
    throw new UnrecoverableError(`a ${notification.kind} e-mail needs a customer`);
  return context.unsubscribeUrl;
}

/**
 * How one kind of e-mail is written: the feature the kind belongs to reads what it needs from the current
 * data and renders it in the notification's language. It throws UnrecoverableError when the e-mail can
 * never be written (its case is gone); anything else it throws is retried.
 */
export type RenderEmail<Kind extends NotificationKind> = (
  notification: NotificationOf<Kind>,
  context: RenderContext,
) => Promise<RenderedEmail>;

/** For an e-mail to a customer whose row does not name them: who they are. */
export type FindCustomer<Kind extends NotificationKind> = (
  notification: NotificationOf<Kind>,
) => Promise<string | null>;

/** A feature's e-mails, the one interface it implements: a renderer for each of its kinds. */
export type EmailRenderers<Kinds extends NotificationKind> = { [Kind in Kinds]: RenderEmail<Kind> };

/** What a feature does once its e-mail was accepted by the SMTP server (it measures, say). */
export type AfterSent<Kind extends NotificationKind> = (notification: NotificationOf<Kind>) => Promise<void>;

/** The optional parts of a feature's e-mails, per kind. */
export interface EmailHooks<Kinds extends NotificationKind> {
  customerOf?: Partial<{ [Kind in Kinds]: FindCustomer<Kind> }>;
  afterSent?: Partial<{ [Kind in Kinds]: AfterSent<Kind> }>;
}

export interface KindRenderer {
  render: RenderEmail<NotificationKind>;
  customerOf?: FindCustomer<NotificationKind>;
  afterSent?: AfterSent<NotificationKind>;
}

/**
 * The renderers of every kind, registered by each feature when its module starts. The sender looks the
 * kind up here, and refuses to start while a kind has no renderer (such e-mails would never go out).
 */
@Injectable()
export class NotificationRenderers {
  private readonly byKind = new Map<NotificationKind, KindRenderer>();

  register<Kinds extends NotificationKind>(
    renderers: EmailRenderers<Kinds>,
    hooks: EmailHooks<Kinds> = {},
  ): void {
    for (const kind of Object.keys(renderers) as Kinds[]) {
      if (this.byKind.has(kind)) throw new Error(`two renderers for ${kind} e-mails`);
      this.byKind.set(kind, {
        render: renderers[kind] as unknown as RenderEmail<NotificationKind>,
        customerOf: hooks.customerOf?.[kind] as unknown as FindCustomer<NotificationKind> | undefined,
        afterSent: hooks.afterSent?.[kind] as unknown as AfterSent<NotificationKind> | undefined,
      });
    }
  }

  rendererOf(kind: NotificationKind): KindRenderer | undefined {
    return this.byKind.get(kind);
  }

  missing(kinds: readonly NotificationKind[]): NotificationKind[] {
    return kinds.filter((kind) => !this.byKind.has(kind));
  }
}
