#!/usr/bin/env node
// Runs a Ladder command on a fresh machine: installs the npm dependencies when they are missing or older
// than package-lock.json, builds, and runs the command on the project's own Node.js 24 (the `node`
// devDependency). Written for any Node.js from 18 on, because on a fresh clone it runs on the machine's.
//
//   node deploy/run.mjs test [jest arguments]    lint, type-check, build, every test (the faults last)
//   node deploy/run.mjs test:faults [jest args]  build, the fault-injection suite alone (docs/faults.md)
//   node deploy/run.mjs <ladder command> [args]  e.g. demo --exit, start, migrate, stack up
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const projectNode = join(root, 'node_modules', '.bin', 'node');

function step(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) {
    console.error(`${command} could not run: ${result.error.message}`);
    process.exit(1);
  }
  if (result.signal) process.kill(process.pid, result.signal);
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function installIsCurrent() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  if (!existsSync(marker) || !existsSync(projectNode)) return false;
  return statSync(marker).mtimeMs >= statSync(join(root, 'package-lock.json')).mtimeMs;
}

if (!installIsCurrent()) {
  console.log('Installing dependencies (npm install)…');
  step(npm, ['install', '--no-audit', '--no-fund']);
}

const [command = 'help', ...args] = process.argv.slice(2);
// npm scripts put node_modules/.bin first on PATH, so `node` below is the project's Node.js 24.
const env = { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH ?? ''}` };

if (command === 'test') {
  step(npm, ['run', '-s', 'check'], { env });
  step(npm, ['run', '-s', 'build'], { env });
  runTests(args);
} else if (command === 'test:faults') {
  step(npm, ['run', '-s', 'build'], { env });
  runTests([...args, '--selectProjects', 'faults']);
} else {
  step(npm, ['run', '-s', 'build'], { env });
  // The child gets Ctrl-C from the terminal itself; this process waits for it to finish its shutdown.
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
  // kafkajs schedules a negative timeout on Node >= 23 (a harmless, known warning): keep it out of the output.
  const nodeFlags = ['--disable-warning=TimeoutNegativeWarning'];
  step(projectNode, [...nodeFlags, join(root, 'dist', 'apps', 'cli', 'src', 'main.js'), command, ...args], {
    env,
  });
}

/**
 * Unit, integration and end-to-end tests side by side, then the fault suite alone and in band: it stops and
 * restarts the machine's PostgreSQL, Redis, Kafka and SMTP catcher, so nothing else may run meanwhile.
 * Jest arguments pass through: with `--selectProjects` they are run as given (the faults in band); with
 * paths or filters, each of the two runs that has a matching test runs with them.
 */
function runTests(args) {
  const jest = (jestArgs) => step(npm, ['run', '-s', 'jest', '--', ...jestArgs], { env });
  const selects = args.findIndex((arg) => arg === '--selectProjects' || arg.startsWith('--selectProjects='));
  if (selects >= 0) {
    const inBand = args.includes('faults') || args.includes('--selectProjects=faults');
    jest(inBand && !args.includes('--runInBand') && !args.includes('-i') ? [...args, '--runInBand'] : args);
    return;
  }
  const parts = [
    ['--selectProjects', 'unit', 'integration', 'e2e'],
    ['--selectProjects', 'faults', '--runInBand'],
  ];
  // The caller's arguments first: `--selectProjects` takes every word after it as a project name.
  const wanted = args.length === 0 ? parts : parts.filter((part) => listsTests([...args, ...part]));
  // Nothing matches anywhere: let Jest say so.
  if (wanted.length === 0) jest(args);
  for (const part of wanted) jest([...args, ...part]);
}

function listsTests(jestArgs) {
  const result = spawnSync(
    projectNode,
    [
      '--experimental-vm-modules',
      '--disable-warning=ExperimentalWarning',
      join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
      '--listTests',
      '--json',
      ...jestArgs,
    ],
    { cwd: root, env, encoding: 'utf8' },
  );
  try {
    return result.status === 0 && JSON.parse(result.stdout).length > 0;
  } catch {
    return true;
  }
}
