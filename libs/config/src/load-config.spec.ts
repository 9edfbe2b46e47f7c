import { ConfigError } from './config.error.js';
import { WORKER_ROLES } from './ladder-config.js';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('runs against the local stack with nothing configured', () => {
    const config = loadConfig({});
    expect(config.kafka.brokers).toEqual(['127.0.0.1:9092']);
    expect(config.kafka.topicPrefix).toBe('ladder');
    expect(config.kafka.consumerGroup).toBe('ladder.scoring');
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.followUp.defaultSlaMs).toBe(48 * 3_600_000);
    expect(config.roles).toEqual(WORKER_ROLES);
  });

  it('reads the documented settings', () => {
    const config = loadConfig({
      KAFKA_BROKERS: 'k1:9092, k2:9093',
      KAFKA_TOPIC_PREFIX: 'shop',
      PORT: '8080',
      LADDER_PUBLIC_URL: 'https://ladder.example.com/',
      LADDER_ROLES: 'scoring,notifications',
      LADDER_FOLLOW_UP_SLA: '30s',
      LADDER_ADMIN_TOKEN: 'a-long-enough-secret',
    });
    expect(config.kafka.brokers).toEqual(['k1:9092', 'k2:9093']);
    expect(config.kafka.consumerGroup).toBe('shop.scoring');
    expect(config.queuePrefix).toBe('shop');
    expect(config.publicUrl).toBe('https://ladder.example.com');
    expect(config.roles).toEqual(['scoring', 'notifications']);
    expect(config.followUp.defaultSlaMs).toBe(30_000);
  });

  it('reads counts per duration for the contact budget and the flood rule', () => {
    const config = loadConfig({ LADDER_MARKETING_BUDGET: '2/7d', LADDER_FLOOD: '5 / 1h' });
    expect(config.contactBudget.marketing).toEqual({ max: 2, withinMs: 7 * 86_400_000 });
    expect(config.contactBudget.total).toEqual({ max: 3, withinMs: 30 * 86_400_000 });
    expect(config.triage.flood).toEqual({ max: 5, withinMs: 3_600_000 });
    expect(() => loadConfig({ LADDER_FLOOD: 'often', LADDER_CHURN_LATE_FACTOR: '0' })).toThrow(
      /LADDER_CHURN_LATE_FACTOR.*\n.*LADDER_FLOOD|LADDER_FLOOD[\s\S]*LADDER_CHURN_LATE_FACTOR/,
    );
  });

  it('reads the loyalty club: rewards, cooling-off and the referral fraud limits', () => {
    const defaults = loadConfig({});
    expect(defaults.loyalty.welcomeReward).toEqual({
      amountMinor: 1000,
      currency: 'EUR',
      validForMs: 90 * 86_400_000,
    });
    expect(defaults.loyalty.coolingOffMs).toBe(14 * 86_400_000);
    const config = loadConfig({
      LADDER_WELCOME_REWARD: '5000000 irr 60d',
      LADDER_REFERRAL_COOLING_OFF: '2s',
      LADDER_REFERRAL_BURST: '2/1h',
      LADDER_REFERRAL_CAP: '1/7d',
    });
    expect(config.loyalty.welcomeReward).toEqual({
      amountMinor: 5_000_000,
      currency: 'IRR',
      validForMs: 60 * 86_400_000,
    });
    expect(config.loyalty.coolingOffMs).toBe(2_000);
    expect(config.loyalty.burst).toEqual({ max: 2, withinMs: 3_600_000 });
    expect(config.loyalty.cap).toEqual({ max: 1, withinMs: 7 * 86_400_000 });
    expect(() => loadConfig({ LADDER_REFERRAL_REWARD: 'ten euros' })).toThrow(
      'LADDER_REFERRAL_REWARD: must be an amount in minor units, a currency and a validity, such as 1000 EUR 90d',
    );
  });

  it('names every bad key in one error', () => {
    let error: unknown;
    try {
      loadConfig(
        {
          KAFKA_BROKERS: 'no-port',
          PORT: 'eighty',
          DATABASE_URL: 'mysql://x',
          LADDER_ROLES: 'scoring,cooking',
          LADDER_FOLLOW_UP_SLA: 'two days',
          LADDER_ADMIN_TOKEN: 'short',
          LADDER_DEFAULT_TIMEZONE: 'Mars/Base',
        },
        { serveApi: true },
      );
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const keys = (error as ConfigError).problems.map((problem) => problem.key);
    expect(keys.sort()).toEqual(
      [
        'DATABASE_URL',
        'KAFKA_BROKERS',
        'LADDER_ADMIN_TOKEN',
        'LADDER_SIGNING_SECRET',
        'LADDER_DEFAULT_TIMEZONE',
        'LADDER_FOLLOW_UP_SLA',
        'LADDER_ROLES',
        'PORT',
      ].sort(),
    );
    expect((error as ConfigError).message).toContain('PORT: must be a whole number from 1 to 65535');
  });

  it('needs the admin token only to serve the API', () => {
    expect(() => loadConfig({})).not.toThrow();
    expect(() => loadConfig({}, { serveApi: true })).toThrow(/LADDER_ADMIN_TOKEN: is required/);
  });

  const strong = {
    LADDER_ADMIN_TOKEN: 'q3V9x-admin-7Lp2RtY8wKz',
    LADDER_SIGNING_SECRET: 'Gk4nR8pW2xT6vY0bM5qZ9cJ3hL7sD1fA',
  };

  it('needs the signing secret to serve links or send customer e-mail, not to migrate or score', () => {
    expect(() => loadConfig({ LADDER_ROLES: 'scoring' }, { runWorker: true })).not.toThrow();
    expect(() => loadConfig({ LADDER_ROLES: 'notifications' })).not.toThrow();
    expect(() => loadConfig({ LADDER_ROLES: 'notifications' }, { runWorker: true })).toThrow(
      /LADDER_SIGNING_SECRET: is required to serve the API or send customer e-mail/,
    );
    expect(() => loadConfig({ LADDER_ADMIN_TOKEN: strong.LADDER_ADMIN_TOKEN }, { serveApi: true })).toThrow(
      /LADDER_SIGNING_SECRET: is required/,
    );
    const config = loadConfig(
      { ...strong, LADDER_SIGNING_SECRETS_RETIRED: ' Zr5tP0wQ8mV2kX6bN1cJ4hL9sD3fG7aY , ' },
      { serveApi: true, runWorker: true },
    );
    expect(config.signing).toEqual({
      current: strong.LADDER_SIGNING_SECRET,
      retired: ['Zr5tP0wQ8mV2kX6bN1cJ4hL9sD3fG7aY'],
    });
  });

  it.each([
    [
      "the compose file's old example",
      'LADDER_ADMIN_TOKEN',
      'change-me-to-a-long-random-secret',
      /published example/,
    ],
    ['a placeholder', 'LADDER_SIGNING_SECRET', 'REPLACE_ME-REPLACE_ME-REPLACE_ME-00', /published example/],
    ['a demo value', 'LADDER_ADMIN_TOKEN', 'demo-admin-token-not-for-production', /published example/],
    ['a short one', 'LADDER_SIGNING_SECRET', 'Gk4nR8pW2xT6vY0b', /at least 32 characters/],
    ['a repeated pattern', 'LADDER_SIGNING_SECRET', 'abababababababababababababababab', /repeated pattern/],
  ])('refuses %s as %s', (_label, key, value, message) => {
    let error: unknown;
    try {
      loadConfig({ ...strong, [key]: value }, { serveApi: true });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([{ key, message: expect.stringMatching(message) }]);
  });

  it('keeps no link derived from the admin token: the token can rotate on its own', () => {
    const config = loadConfig({ LADDER_ADMIN_TOKEN: strong.LADDER_ADMIN_TOKEN });
    expect(config.signing).toBeNull();
  });
});
