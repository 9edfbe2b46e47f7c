import type { RenderedEmail } from '#mail';
import type { NotificationRow } from '#persistence';
import { Injectable, type OnModuleInit } from '@nestjs/common';
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
 * data and renders it in the notification's language. A renderer throws UnrecoverableError when the
 * e-mail can never be written (its case is gone); anything else it throws is retried.
 */
export interface NotificationRenderer<Kind extends NotificationKind = NotificationKind> {
  readonly kind: Kind;
  render(notification: NotificationOf<Kind>, context: RenderContext): Promise<RenderedEmail>;
  /** For an e-mail to a customer whose row does not name them: who they are. */
  customerOf?(notification: NotificationOf<Kind>): Promise<string | null>;
}

/**
 * The renderers of every kind, each registered by its feature when its module starts. The sender looks
 * the kind up here, and refuses to start while a kind has no renderer (such e-mails would never go out).
 */
@Injectable()
export class NotificationRenderers {
  private readonly byKind = new Map<NotificationKind, NotificationRenderer>();

  register<Kind extends NotificationKind>(renderer: NotificationRenderer<Kind>): void {
    if (this.byKind.has(renderer.kind)) throw new Error(`two renderers for ${renderer.kind} e-mails`);
    this.byKind.set(renderer.kind, renderer as unknown as NotificationRenderer);
  }

  rendererOf(kind: NotificationKind): NotificationRenderer | undefined {
    return this.byKind.get(kind);
  }

  missing(kinds: readonly NotificationKind[]): NotificationKind[] {
    return kinds.filter((kind) => !this.byKind.has(kind));
  }
}

/** A renderer that registers itself for its kind when its feature's module starts. */
export abstract class RegisteredRenderer<Kind extends NotificationKind>
  implements NotificationRenderer<Kind>, OnModuleInit
{
  abstract readonly kind: Kind;

  protected constructor(private readonly registry: NotificationRenderers) {}

  onModuleInit(): void {
    this.registry.register(this);
  }

  abstract render(notification: NotificationOf<Kind>, context: RenderContext): Promise<RenderedEmail>;
}
