import { loadConfig } from '#config';
import { parseDirectory } from '#directory';
import { createKafka } from '#messaging';
import {
  produceMessages,
  simulatedStores,
  simulateTraffic,
  type SimulatedMessage,
  type SimulatedStore,
} from '#simulation';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '#local-stack';
import { ProgressBar } from '../progress-bar.js';

export interface SimulateSettings {
  customers: number;
  days: number;
  seed: number;
  directoryFile: string;
}

/** The options of `ladder simulate`, shared with `ladder demo`. */
export const SIMULATE_OPTIONS = {
  customers: { type: 'string', default: '1500' },
  days: { type: 'string', default: '60' },
  seed: { type: 'string', default: '42' },
  directory: { type: 'string' },
} as const;

export function simulateSettings(
  values: { customers: string; days: string; seed: string; directory?: string },
  defaultDirectory: string | null,
): SimulateSettings {
  const number = (name: string, text: string, min: number, max: number) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
    }
    return value;
  };
  return {
    customers: number('customers', values.customers, 1, 1_000_000),
    days: number('days', values.days, 1, 3650),
    seed: number('seed', values.seed, 0, 2 ** 31 - 1),
    directoryFile:
      values.directory ?? defaultDirectory ?? join(projectRoot(), 'deploy', 'demo', 'directory.yaml'),
  };
}

/** The directory's stores as the simulator sees them, for the traffic and the demo's referrals alike. */
export async function loadSimulatedStores(settings: SimulateSettings): Promise<SimulatedStore[]> {
  const directory = parseDirectory(await readFile(settings.directoryFile, 'utf8'), settings.directoryFile);
  return simulatedStores(directory, settings.seed);
}

export async function generateTraffic(settings: SimulateSettings): Promise<SimulatedMessage[]> {
  return simulateTraffic({
    seed: settings.seed,
    customers: settings.customers,
    days: settings.days,
    until: new Date(),
    stores: await loadSimulatedStores(settings),
    invalidShare: 0.01,
    duplicateShare: 0.01,
  });
}

/** `ladder simulate`: produces realistic purchases, answers and leads into Kafka, with a progress bar. */
export async function simulateCommand(args: string[]): Promise<void> {
  const config = loadConfig(process.env);
  const { values } = parseArgs({ args, options: SIMULATE_OPTIONS, strict: true, allowPositionals: false });
  const settings = simulateSettings(values, config.directoryPath);
  const messages = await generateTraffic(settings);
  const bar = new ProgressBar('Producing', messages.length);
  await produceMessages(createKafka(config, '-simulator'), config.kafka.topicPrefix, messages, (done) =>
    bar.update(done),
  );
  bar.finish();
  const count = (topic: string) => messages.filter((message) => message.topic === topic).length;
  process.stdout.write(
    `Produced ${messages.length} messages: ${count('purchases')} purchases, ${count('surveys')} answers, ${count('leads')} leads ` +
      `(${messages.filter((message) => message.kind === 'invalid').length} broken, ` +
      `${messages.filter((message) => message.kind === 'duplicate').length} repeated).\n`,
  );
}
