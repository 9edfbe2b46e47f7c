import { LOCAL_DATABASE_URL } from '#local-stack';
import { ensureDatabase, MIGRATIONS } from '#persistence';
import { dropDatabase, removeNamespace } from '#testing';
import { createTestEnvironment, freePort, TEST_ADMIN_TOKEN } from '#testing';
import { loadConfig } from '#config';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ladder } from './support/cli.js';

describe('the ladder command', () => {
  it('refuses to start on invalid configuration, naming every bad key in one message', async () => {
    const run = await ladder(['start'], {
      PORT: 'eighty',
      KAFKA_BROKERS: 'nowhere',
      LADDER_ROLES: 'scoring,baking',
      LADDER_FOLLOW_UP_SLA: 'soon',
    });
    expect(run.status).toBe(2);
    for (const key of [
      'PORT',
      'KAFKA_BROKERS',
      'LADDER_ROLES',
      'LADDER_FOLLOW_UP_SLA',
      'LADDER_ADMIN_TOKEN',
      'LADDER_SIGNING_SECRET',
    ]) {
      expect(run.stderr).toContain(`${key}:`);
    }
    expect(run.stderr).toMatch(/^Invalid configuration \(6 problems\)/);
    expect(run.stderr).not.toContain('    at ');
  });

  it('will not run a worker that sends customer e-mail without the link-signing secret, nor on a published one', async () => {
    const missing = await ladder(['worker'], { LADDER_ROLES: 'notifications', LADDER_SIGNING_SECRET: '' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('LADDER_SIGNING_SECRET: is required');
    const published = await ladder(['worker'], {
      LADDER_ROLES: 'loyalty',
      LADDER_SIGNING_SECRET: 'change-me-to-a-long-random-signing-secret',
    });
    expect(published.status).toBe(2);
    expect(published.stderr).toContain('LADDER_SIGNING_SECRET: is a published example or placeholder');
  });

  it('migrates a new database, and then finds nothing to do', async () => {
    const databaseUrl = LOCAL_DATABASE_URL.replace(
      /\/ladder$/,
      `/t_migrate_${randomBytes(3).toString('hex')}`,
    );
    try {
      const first = await ladder(['migrate'], { DATABASE_URL: databaseUrl });
      expect(first.status).toBe(0);
      expect(first.stdout).toContain('Created the database.');
      expect(first.stdout).toContain(
        `Applied ${MIGRATIONS.length} migration(s): ${MIGRATIONS.map((migration) => migration.name).join(', ')}`,
      );
      const second = await ladder(['migrate'], { DATABASE_URL: databaseUrl });
      expect(second.stdout).toContain('The database schema is up to date.');
    } finally {
      await dropDatabase(databaseUrl);
    }
  });

  it('refuses to start on a database that is not migrated, and says what to do', async () => {
    const environment = await createTestEnvironment('unmigrated');
    const databaseUrl = LOCAL_DATABASE_URL.replace(/\/ladder$/, `/t_empty_${randomBytes(3).toString('hex')}`);
    await ensureDatabase(databaseUrl);
    try {
      const run = await ladder(['start'], { ...environment.env, DATABASE_URL: databaseUrl });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('run `npm run migrate` first');
    } finally {
      await dropDatabase(databaseUrl);
      await environment.cleanup();
    }
  });

  it('explains what is wrong with a directory file', async () => {
    const environment = await createTestEnvironment('directory');
    const file = join(tmpdir(), `directory-${environment.name}.yaml`);
    writeFileSync(
      file,
      'regions: [{ id: north, name: North, manager: { name: A, email: not-an-email } }]\n' +
        'stores: [{ id: s1, name: S1, regionId: south, timezone: Mars/Base, locale: fa-IR, manager: { name: B, email: b@example.com } }]\n',
    );
    try {
      const run = await ladder(['directory', 'import', file], environment.env);
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('regions.0.manager.email');
      expect(run.stderr).toContain('names region "south"');
      expect(run.stderr).toContain('stores.0.timezone');
    } finally {
      await environment.cleanup();
    }
  });

  it('runs the demo end to end and prints a summary with cases opened, e-mails caught and the promoter loop', async () => {
    const namespace = `t-demo-${randomBytes(3).toString('hex')}`;
    const port = await freePort();
    const config = loadConfig({
      DATABASE_URL: LOCAL_DATABASE_URL.replace(/\/ladder$/, `/${namespace.replaceAll('-', '_')}`),
      KAFKA_TOPIC_PREFIX: namespace,
      LADDER_QUEUE_PREFIX: namespace,
      LADDER_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    });
    try {
      const run = await ladder(
        ['demo', '--exit', '--customers', '150', '--port', String(port), '--namespace', namespace],
        {},
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const number = (label: string) => Number(new RegExp(`${label}\\s+(\\d+)`).exec(run.stdout)?.[1]);
      expect(number('Cases opened')).toBeGreaterThan(0);
      expect(number('E-mails caught')).toBeGreaterThan(number('Cases opened'));
      expect(number('Rejected to the DLQ')).toBeGreaterThan(0);
      expect(run.stdout).toMatch(/NPS per store/);
      expect(run.stdout).toMatch(/tehran-01\s+\d+\s+[+-]?\d+\.\d\s+± \d+\.\d/);
      expect(run.stdout).toContain(`http://localhost:${port}/health/ready`);
      expect(run.stdout).toContain(`http://localhost:${port}/ui/#/dashboard`);

      // The promoters' part: members joined through their links, friends converted, a fraud check held some.
      const members = number('Members');
      expect(members).toBeGreaterThan(0);
      expect(number('Invitations sent')).toBeGreaterThanOrEqual(members);
      expect(run.stdout).toMatch(new RegExp(`Members\\s+${members}\\s+\\(${members} joined in this run\\)`));
      const conversions = /Referral conversions\s+\d+\s+\(([^)]*)\)/.exec(run.stdout)?.[1] ?? '';
      const withStatus = (status: string) => Number(new RegExp(`${status} (\\d+)`).exec(conversions)?.[1]);
      expect(withStatus('rewarded')).toBeGreaterThanOrEqual(1);
      expect(withStatus('review')).toBeGreaterThanOrEqual(1);
      // A friend under the referrer's own e-mail address, and a customer who had bought before.
      expect(conversions).toMatch(/review \d+ \[[^\]]*\bexisting-customer 1\b/);
      expect(conversions).toMatch(/review \d+ \[[^\]]*\bself-referral 1\b/);
      // One welcome voucher per member, one referral reward per paid conversion, and the e-mails that tell them.
      expect(run.stdout).toMatch(
        new RegExp(
          `Rewards issued\\s+\\d+\\s+\\(welcome ${members} worth .+; referral ${withStatus('rewarded')} worth `,
        ),
      );
      const emailsOf = (kind: string) =>
        Number(new RegExp(`E-mails sent\\s+\\d+\\s+\\(.*\\b${kind} (\\d+)`).exec(run.stdout)?.[1]);
      expect(emailsOf('loyalty-welcome')).toBe(members);
      expect(emailsOf('referral-reward')).toBe(withStatus('rewarded'));
      // Members shopping: the first climbs to the top tier, spends points, pays with them and returns that.
      const tiers = /Member tiers\s+([^(]*)\(tier-reached e-mails (\d+)\)/.exec(run.stdout);
      expect(tiers?.[1]).toMatch(/\bgold 1\b/);
      expect(Number(tiers?.[2])).toBeGreaterThanOrEqual(2);
      const till = /Vouchers at the till\s+(\d+) redeemed; refused ([^;]*); (\d+) refunds/.exec(run.stdout);
      expect(Number(till?.[1])).toBeGreaterThanOrEqual(1);
      expect(Number(till?.[3])).toBe(1);
      if (members >= 4) expect(till?.[2]).toMatch(/^unknown 1, used 1$/);
      expect(run.stdout).toMatch(
        /Points\s+\d+ earned .*; 500 spent, \d+ taken back and 500 given back by refunds/,
      );
      // Cross-sell: the demo's baskets hold categories that go together; one offered customer converts.
      expect(number('Cross-sell rules')).toBeGreaterThanOrEqual(1);
      const offers = /Cross-sell offers\s+(\d+) made, (\d+) converted/.exec(run.stdout);
      expect(offers).not.toBeNull();
      if (Number(offers![1]) > 0) expect(Number(offers![2])).toBe(1);
      expect(run.stdout).toContain(`http://localhost:${port}/api/members`);
      expect(run.stdout).toContain(`'http://localhost:${port}/api/referrals?status=review'`);
    } finally {
      await removeNamespace(config);
    }
  }, 300_000);
});
