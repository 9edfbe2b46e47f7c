import { loadConfig } from '#config';
import { formatStackReport, projectRoot, stackUp } from '#local-stack';
import { createKafka } from '#messaging';
import { ensureDatabase, runMigrations } from '#persistence';
import { removeNamespace } from '#testing';
import { produceMessages } from '#simulation';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ProgressBar } from '../progress-bar.js';
import { demoEnvironment } from './demo/demo-environment.js';
import { recomputeSegments, waitUntilProcessed } from './demo/ladder-progress.js';
import { startLadder, stopLadder, waitForReady } from './demo/ladder-process.js';
import { convertOneOffer, describeCrossSell, runCrossSell } from './demo/cross-sell.js';
import { planMemberShopping, spendAndReturn } from './demo/members.js';
import { describeReferrals, playPromoters } from './demo/promoters.js';
import { summary } from './demo/summary.js';
import { generateTraffic, SIMULATE_OPTIONS, simulateSettings } from './simulate.command.js';

/**
 * `ladder demo`: the whole loop on the local stack. Brings the stack up, starts a fresh Ladder (its own
 * database, topics and queues), plays a few thousand realistic purchases and answers, waits until every
 * case is opened and every e-mail is sent, then plays the promoters' part (they follow their invitation
 * links, and a few friends buy with their codes) and the members' (points, tiers, vouchers at the till, a
 * refund) and Ladder's cross-sell offers, prints what happened and where to look, and keeps Ladder running until Ctrl-C (or stops at once
 * with --exit).
 */
export async function demoCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      ...SIMULATE_OPTIONS,
      customers: { type: 'string', default: '1200' },
      exit: { type: 'boolean', default: false },
      port: { type: 'string', default: '3000' },
      // The demo's own topics, queues and database; the tests run the demo in a namespace of their own.
      namespace: { type: 'string', default: 'ladder-demo' },
    },
    allowPositionals: false,
    strict: true,
  });
  const settings = simulateSettings(values, join(projectRoot(), 'deploy', 'demo', 'directory.yaml'));
  const port = values.port;

  section('Starting the local stack');
  const stack = await stackUp();
  process.stdout.write(`${formatStackReport(stack.services)}\n`);

  if (!/^[a-z][a-z0-9-]{0,40}$/.test(values.namespace))
    throw new Error('--namespace must be lower-case letters, digits and dashes');
  const env = demoEnvironment(values.namespace, port, settings.directoryFile);
  const config = loadConfig(env, { serveApi: true, runWorker: true });

  const startedAt = new Date();
  section('Preparing a fresh demo (its own database, topics and queues)');
  // The demo owns its database, topics, consumer group and queues, and starts each run from nothing.
  await removeNamespace(config);
  await ensureDatabase(config.databaseUrl);
  await runMigrations(config.databaseUrl);
  process.stdout.write(
    `  database ${new URL(config.databaseUrl).pathname.slice(1)} migrated; directory ${settings.directoryFile}\n`,
  );

  section('Starting Ladder (api + worker)');
  const logFile = join(projectRoot(), '.ladder', 'logs', `${values.namespace}.log`);
  const ladder = startLadder(env, logFile);
  await waitForReady(config, ladder, logFile);
  process.stdout.write(`  ready: ${config.publicUrl}/health/ready (logs in ${logFile})\n`);

  section('Playing simulated traffic');
  const messages = await generateTraffic(settings);
  const kafka = createKafka(config, '-demo');
  const producing = new ProgressBar('Producing', messages.length);
  await produceMessages(kafka, config.kafka.topicPrefix, messages, (done) => producing.update(done));
  producing.finish();
  await waitUntilProcessed(config, messages.length);

  section('Promoters joining the club and bringing friends');
  const promoters = await playPromoters(config, settings, messages);
  const friends = promoters.referrals.map((referral) => referral.message);
  await produceMessages(kafka, config.kafka.topicPrefix, friends);
  process.stdout.write(`${describeReferrals(promoters.referrals)}\n`);
  const produced = [...messages, ...friends];
  await waitUntilProcessed(config, produced.length);

  section('Members shopping: points, tiers and vouchers at the till');
  for (const play of [planMemberShopping, spendAndReturn]) {
    const { messages: shopping, later = [], description } = await play(config, new Date());
    for (const batch of [shopping, later].filter((messages) => messages.length > 0)) {
      await produceMessages(kafka, config.kafka.topicPrefix, batch);
      produced.push(...batch);
      await waitUntilProcessed(config, produced.length);
    }
    process.stdout.write(`${description}\n`);
  }
  await recomputeSegments(config);

  section('Cross-sell: categories that go together, offered within the contact budget');
  const crossSell = await runCrossSell(config);
  await waitUntilProcessed(config, produced.length);
  const converting = await convertOneOffer(config, new Date());
  if (converting.length > 0) {
    await produceMessages(kafka, config.kafka.topicPrefix, converting);
    produced.push(...converting);
    await waitUntilProcessed(config, produced.length);
    process.stdout.write('  one offered customer came back and bought the category\n');
  }
  const crossSellLines = await describeCrossSell(config, crossSell);

  section('Summary');
  process.stdout.write(await summary(config, produced, { ...promoters, startedAt }, crossSellLines));

  if (values.exit) {
    await stopLadder(ladder);
    return;
  }
  process.stdout.write('\nLadder keeps running; press Ctrl-C to stop it.\n');
  await new Promise<void>((resolve) => {
    const stop = () => void stopLadder(ladder).then(resolve);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    ladder.once('exit', (code) => {
      process.stderr.write(`Ladder stopped on its own (status ${code}); see ${logFile}\n`);
      process.exitCode = 1;
      resolve();
    });
  });
}

function section(title: string): void {
  process.stdout.write(`\n== ${title}\n`);
}
