import type { MemberTier, PointsRule } from '#domain';

/** The one typed configuration object, read from the environment once at start-up (DESIGN.md §4.1). */
export const WORKER_ROLES = [
  'scoring',
  'follow-up',
  'loyalty',
  'notifications',
  'customer-model',
  'reports',
  'maintenance',
] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];

/** The roles that send customers e-mail with signed links in it. */
export const MAILING_ROLES: readonly WorkerRole[] = ['follow-up', 'loyalty', 'notifications'];

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** A reward: a voucher worth `amountMinor` of `currency`, valid for `validForMs` from when it is issued. */
export interface RewardSpec {
  amountMinor: number;
  currency: string;
  validForMs: number;
}

export interface LadderConfig {
  kafka: {
    brokers: string[];
    topicPrefix: string;
    clientId: string;
    consumerGroup: string;
    topicPartitions: number;
    replicationFactor: number;
  };
  databaseUrl: string;
  redisUrl: string;
  /** Namespaces every BullMQ key in Redis, so several Ladders (or test files) can share one Redis. */
  queuePrefix: string;
  smtpUrl: string;
  mailFrom: string;
  port: number;
  /** Where a process running only worker roles serves /metrics and its health. */
  workerPort: number;
  /** The base of every link Ladder puts in an e-mail, without a trailing slash. */
  publicUrl: string;
  directoryPath: string | null;
  adminToken: string | null;
  roles: WorkerRole[];
  /** Bounds on waiting and retrying, and the safety nets behind them (docs/operations.md). */
  resilience: {
    /** How many times a job is tried, and the first of its exponentially growing waits between tries. */
    jobAttempts: number;
    jobBackoffMs: number;
    /** Longest wait for one Redis command (or a batch of them) before the caller gives up. */
    redisTimeoutMs: number;
    /** Longest wait for Kafka to accept the messages of one publish. */
    kafkaTimeoutMs: number;
    /** Longest an HTTP request may take before it is answered 503 `timeout`. */
    requestTimeoutMs: number;
    /** How often the reconciler re-creates from PostgreSQL whatever Redis should hold. */
    reconcileEveryMs: number;
    /** How far ahead of now, and how far back, an event's occurredAt may be before it is dead-lettered. */
    eventMaxFutureMs: number;
    eventMaxAgeMs: number;
  };
  /** Calls allowed within a window (`LADDER_RATE_LIMIT_*`); past it the API answers 429 with Retry-After. */
  rateLimits: {
    api: { max: number; withinMs: number };
    signIn: { max: number; withinMs: number };
    pages: { max: number; withinMs: number };
  };
  followUp: {
    /** The follow-up SLA of a store without its own, in milliseconds. */
    defaultSlaMs: number;
    /** Who is told when a case runs past its due time, and how long after it. */
    escalationSteps: Array<{ to: 'store-manager' | 'regional-manager'; afterDueMs: number }>;
    /** How often overdue cases are checked (the safety net behind the escalation timers). */
    escalationSweepEveryMs: number;
    /** How often the priorities of open cases are refreshed (age, value and churn risk change). */
    priorityRefreshEveryMs: number;
    /** How long after a case is resolved the customer is asked again. */
    resurveyAfterMs: number;
  };
  reports: {
    /** The local time of each store's daily huddle digest. */
    huddleAt: { hour: number; minute: number; second: number };
    /** The local day and time of each region's weekly outer-loop report (day 0 is Sunday). */
    outerLoopAt: { dayOfWeek: number; hour: number; minute: number; second: number };
  };
  /**
   * Signs the links Ladder puts in customer e-mails (re-survey, unsubscribe, join): `current` signs and
   * verifies, `retired` only verify. Null only in a process that neither serves links nor sends e-mail.
   */
  signing: { current: string; retired: string[] } | null;
  nps: {
    minimumSample: number;
  };
  customerModel: {
    /** Two purchases at most this far apart make a Client. */
    clientRepeatWindowMs: number;
    /** A Client without a purchase for this long falls back to Customer. */
    clientLapseWindowMs: number;
    /** RFM looks at purchases within this window. */
    rfmWindowMs: number;
    /** Late means more than this many times the customer's usual interval since the last purchase. */
    churnLateFactor: number;
    /** How often the sweep looks for customers whom time alone moves (a lapse, a broken rhythm). */
    reviewEveryMs: number;
    /** How often RFM boundaries and every customer's segment are recomputed. */
    segmentsEveryMs: number;
  };
  loyalty: {
    /** How long the link of a loyalty-club invitation works. */
    invitationValidForMs: number;
    /** The reward of a new member and of a referrer, for stores whose directory entry sets none. */
    welcomeReward: RewardSpec;
    referralReward: RewardSpec;
    /** How long a converted referral waits before the referrer is paid (returns, fraud coming to light). */
    coolingOffMs: number;
    /** More than `max` new customers on one code within `withinMs` of each other is a burst. */
    burst: { max: number; withinMs: number };
    /** At most `max` referral rewards per referrer within `withinMs`; more go to review. */
    cap: { max: number; withinMs: number };
    /** How often conversions whose cooling-off timer was lost are looked for and settled. */
    settleSweepEveryMs: number;
    /** The points ledger's rules (docs/promoter-loop.md, Points); a store may set its own earning and worth. */
    points: PointsRule & { voucherValidForMs: number };
    /** Member tiers, lowest first, by points earned within `tierWindowMs`. */
    tiers: MemberTier[];
    tierWindowMs: number;
    /** The free consultation voucher of a member who reaches a tier, for stores without their own. */
    consultationReward: RewardSpec;
    /** How often points that ran out are expired and tiers that the window left behind fall. */
    tierReviewEveryMs: number;
  };
  /** Cross-sell offers (docs/promoter-loop.md, Cross-sell offers). */
  crossSell: {
    /** How often the rules are learned again and the offers they lead to are made. */
    everyMs: number;
    /** The purchases rules are learned from: those within this long before the learning. */
    learningWindowMs: number;
    /** What a rule must reach to be kept (support, confidence, lift, baskets holding both categories). */
    thresholds: { minSupport: number; minConfidence: number; minLift: number; minCount: number };
    /** The member discount an offer carries: a voucher of this worth and validity. */
    offerReward: RewardSpec;
    /** A category the customer bought within this long is never offered to them. */
    recentWindowMs: number;
    /** One offer per customer and category within each period of this length. */
    offerPeriodMs: number;
  };
  contactBudget: {
    marketing: { max: number; withinMs: number };
    total: { max: number; withinMs: number };
  };
  triage: {
    /** More than `max` answers from one customer within `withinMs` are a flood. */
    flood: { max: number; withinMs: number };
    /** A YAML or JSON file of keywords a manager adds to the built-in triage rules. */
    rulesPath: string | null;
  };
  /** Owns the cases of stores the directory does not know. */
  fallbackOwnerEmail: string;
  /** Is told about configuration problems found at run time, such as an unknown store. */
  adminEmail: string;
  /** The time zone of stores the directory does not know, for local days in the read model. */
  defaultTimeZone: string;
  log: {
    level: LogLevel;
    format: 'json' | 'text';
  };
}
