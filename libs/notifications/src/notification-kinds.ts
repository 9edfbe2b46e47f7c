/**
 * Every kind of e-mail Ladder sends, who it goes to, and what its notification row names (the ids its
 * renderer reads the content from when it is sent). E-mails to customers carry an unsubscribe link, and none
 * goes out after the customer unsubscribed; e-mails to staff are not limited.
 */
export interface NotificationCatalogue {
  'case-alert': { audience: 'staff'; subject: { caseId: string } };
  'case-escalation': { audience: 'staff'; subject: { caseId: string; level: string; to: string } };
  /** Re-surveys scheduled before they named their customer have only the case. */
  resurvey: { audience: 'customer'; subject: { caseId: string; customerId?: string } };
  'loyalty-invitation': { audience: 'customer'; subject: { customerId: string } };
  'loyalty-welcome': { audience: 'customer'; subject: { customerId: string } };
  'referral-reward': {
    audience: 'customer';
    subject: { customerId: string; rewardId: string; referralId: string };
  };
  /** A promoter who gave no marketing consent is thanked for their answer, once per answer. */
  'promoter-thanks': { audience: 'customer'; subject: { surveyEventId: string; customerId: string } };
  /** A member reached a tier: its benefits and its free consultation voucher. */
  'tier-reached': { audience: 'customer'; subject: { customerId: string; rewardId: string; tier: string } };
  /** A Client or Advocate is offered the category a cross-sell rule says they are likely to want next. */
  'cross-sell-offer': { audience: 'customer'; subject: { customerId: string; offerId: string } };
  'huddle-digest': { audience: 'staff'; subject: { storeId: string; day: string } };
  'outer-loop-report': { audience: 'staff'; subject: { regionId: string; until: string } };
  'unknown-store': { audience: 'staff'; subject: { storeId: string } };
}

export type NotificationKind = keyof NotificationCatalogue;
export type NotificationSubject<Kind extends NotificationKind> = NotificationCatalogue[Kind]['subject'];

export const NOTIFICATION_AUDIENCES: { [Kind in NotificationKind]: NotificationCatalogue[Kind]['audience'] } =
  {
    'case-alert': 'staff',
    'case-escalation': 'staff',
    resurvey: 'customer',
    'loyalty-invitation': 'customer',
    'loyalty-welcome': 'customer',
    'referral-reward': 'customer',
    'promoter-thanks': 'customer',
    'tier-reached': 'customer',
    'cross-sell-offer': 'customer',
    'huddle-digest': 'staff',
    'outer-loop-report': 'staff',
    'unknown-store': 'staff',
  };

export const NOTIFICATION_KINDS = Object.keys(NOTIFICATION_AUDIENCES) as NotificationKind[];

/** E-mails to customers (not staff). */
export const CUSTOMER_NOTIFICATION_KINDS: readonly NotificationKind[] = NOTIFICATION_KINDS.filter(
  (kind) => NOTIFICATION_AUDIENCES[kind] === 'customer',
);

export function isNotificationKind(kind: string): kind is NotificationKind {
  return Object.hasOwn(NOTIFICATION_AUDIENCES, kind);
}

/** An e-mail decided inside a transaction: at most one per key, ever. */
export type NotificationDraft<Kind extends NotificationKind = NotificationKind> = {
  [K in Kind]: {
    /** Why this e-mail exists, e.g. `case-alert:<case id>`. */
    key: string;
    kind: K;
    recipientEmail: string;
    recipientName: string | null;
    locale: string;
    subjectIds: NotificationSubject<K>;
  };
}[Kind];
