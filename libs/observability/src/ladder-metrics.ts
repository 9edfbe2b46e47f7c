import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** Seconds from a few milliseconds to a day: from a batch's work to a detractor's alert under a backlog. */
const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900, 3600, 86_400];

/**
 * Every metric a Ladder process records, in one Prometheus registry (deploy/observability names and alerts on
 * them). Counters and histograms count what this process did; gauges of shared state (lag, outbox, queues,
 * cases) are read at scrape time by the process that serves the API (libs/runtime's SystemMetrics).
 * Labels carry ids of kinds, queues and topics only: never customers, never stores.
 */
@Injectable()
export class LadderMetrics {
  readonly registry = new Registry();

  readonly eventsConsumed = new Counter({
    name: 'ladder_events_consumed_total',
    help: 'Input events consumed, by topic and outcome (accepted, repeat, dead_lettered).',
    labelNames: ['topic', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly eventsDeadLettered = new Counter({
    name: 'ladder_events_dead_lettered_total',
    help: 'Input events sent to the dead-letter topic, by topic and rejection reason.',
    labelNames: ['topic', 'reason'] as const,
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'ladder_batch_size',
    help: 'Events in each Kafka batch scoring stored.',
    buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000],
    registers: [this.registry],
  });

  readonly batchDuration = new Histogram({
    name: 'ladder_batch_duration_seconds',
    help: 'Time to decode, store and decide one Kafka batch, its transaction included.',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly jobs = new Counter({
    name: 'ladder_jobs_total',
    help: 'BullMQ jobs run, by queue, job and outcome (completed, retried, failed for good).',
    labelNames: ['queue', 'job_name', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly reconciled = new Counter({
    name: 'ladder_reconciled_jobs_total',
    help: 'Jobs the reconciler found missing from Redis and queued again (added) or failed for good and retried.',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly emails = new Counter({
    name: 'ladder_emails_total',
    help: 'E-mail send attempts, by kind and status (sent, retried, failed for good, suppressed).',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });

  readonly slaBreaches = new Counter({
    name: 'ladder_sla_breaches_total',
    help: 'Follow-up cases that ran past their due time and escalated.',
    registers: [this.registry],
  });

  readonly detractorCaseLatency = new Histogram({
    name: 'ladder_detractor_case_latency_seconds',
    help: "From a detractor answer's arrival in Kafka to its follow-up case opened.",
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly detractorAlertLatency = new Histogram({
    name: 'ladder_detractor_alert_latency_seconds',
    help: "From a detractor answer's arrival in Kafka to its alert accepted by the SMTP server.",
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Seconds since `since`, for a latency histogram; none for an unknown start or a clock that went back. */
  static secondsSince(since: Date | null, now = new Date()): number | null {
    if (!since) return null;
    const seconds = (now.getTime() - since.getTime()) / 1000;
    return seconds >= 0 ? seconds : null;
  }
}
