import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { LOCAL_STACK, type ServiceReport } from './endpoints.js';
import { projectRoot, stackHome } from './paths.js';
import { isAlive, isPortOpen, run, startDetached, stopProcess, waitFor } from './process-tools.js';
import type { StackState } from './stack-state.js';

const WHERE = `kafka://${LOCAL_STACK.kafka.host}:${LOCAL_STACK.kafka.port}`;
/** The broker's heap: enough for tests and the demo, modest on a 2-core machine. */
const HEAP = ['-Xms256m', '-Xmx512m'];
const READY_TIMEOUT_MS = 180_000;

function kafkaHome(): string {
  return join(stackHome(), 'kafka');
}

/** Is a Kafka broker answering metadata requests, with an elected controller? */
async function brokerReady(): Promise<boolean> {
  if (!(await isPortOpen(LOCAL_STACK.kafka.port))) return false;
  const kafka = new Kafka({
    clientId: 'ladder-stack-probe',
    brokers: [`${LOCAL_STACK.kafka.host}:${LOCAL_STACK.kafka.port}`],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2_000,
    requestTimeout: 5_000,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null && cluster.controller >= 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * The classpath of the official Kafka jars, resolved from Maven Central by Maven (deploy/kafka/pom.xml)
 * and cached until the pom changes.
 */
function kafkaClasspath(): string {
  const pom = join(projectRoot(), 'deploy', 'kafka', 'pom.xml');
  const pomHash = createHash('sha256').update(readFileSync(pom)).digest('hex').slice(0, 16);
  const cache = join(kafkaHome(), `classpath-${pomHash}.txt`);
  if (!existsSync(cache)) {
    mkdirSync(kafkaHome(), { recursive: true });
    process.stdout.write('Resolving the Apache Kafka jars from Maven Central (first run only)…\n');
    run('mvn', ['-q', '-B', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${cache}`]);
  }
  return readFileSync(cache, 'utf8').trim();
}

function javaCommand(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function writeServerProperties(dataDir: string): string {
  const template = readFileSync(join(projectRoot(), 'deploy', 'kafka', 'server.properties'), 'utf8');
  const properties = template
    .replaceAll('@DATA_DIR@', dataDir)
    .replaceAll('@BROKER_PORT@', String(LOCAL_STACK.kafka.port))
    .replaceAll('@CONTROLLER_PORT@', String(LOCAL_STACK.kafka.controllerPort));
  const file = join(kafkaHome(), 'server.properties');
  writeFileSync(file, properties);
  return file;
}

/** Formats the KRaft storage once; the cluster id is kept with the data. */
function formatStorage(classpath: string, propertiesFile: string, dataDir: string): void {
  if (existsSync(join(dataDir, 'meta.properties'))) return;
  mkdirSync(dataDir, { recursive: true });
  const clusterId = randomBytes(16).toString('base64url');
  run(javaCommand(), [
    '-cp',
    classpath,
    'kafka.tools.StorageTool',
    'format',
    '-t',
    clusterId,
    '-c',
    propertiesFile,
  ]);
}

/** A real Apache Kafka broker in KRaft mode, from the official jars, with the machine's Java. */
export async function kafkaUp(state: StackState): Promise<ServiceReport> {
  if (await brokerReady()) return { name: 'Kafka', where: WHERE, status: 'running' };
  if (await isPortOpen(LOCAL_STACK.kafka.port)) {
    throw new Error(`port ${LOCAL_STACK.kafka.port} is taken by something that is not a Kafka broker`);
  }
  const classpath = kafkaClasspath();
  const dataDir = join(kafkaHome(), 'data');
  const propertiesFile = writeServerProperties(dataDir);
  formatStorage(classpath, propertiesFile, dataDir);
  const started = Date.now();
  const pid = startDetached(
    javaCommand(),
    [
      ...HEAP,
      '-XX:+UseG1GC',
      '-XX:MaxGCPauseMillis=20',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${join(projectRoot(), 'deploy', 'kafka', 'log4j2.yaml')}`,
      `-Dkafka.logs.dir=${join(kafkaHome(), 'logs')}`,
      '-cp',
      classpath,
      'kafka.Kafka',
      propertiesFile,
    ],
    join(kafkaHome(), 'logs', 'server.log'),
  );
  await waitFor(
    'Kafka',
    async () => {
      if (!isAlive(pid)) throw new Error(`the broker exited; see ${join(kafkaHome(), 'logs', 'server.log')}`);
      return (await brokerReady()) && isAlive(pid);
    },
    READY_TIMEOUT_MS,
  ).catch(async (error: unknown) => {
    await stopProcess(pid);
    throw error;
  });
  state.kafka = { pid };
  return { name: 'Kafka', where: WHERE, status: 'started', readyInMs: Date.now() - started };
}

export async function kafkaDown(state: StackState): Promise<void> {
  if (!state.kafka) return;
  await stopProcess(state.kafka.pid, 30_000);
  delete state.kafka;
}

export async function kafkaStatus(): Promise<ServiceReport> {
  return { name: 'Kafka', where: WHERE, status: (await brokerReady()) ? 'running' : 'stopped' };
}
