import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/**
 * Debian's Chromium, installed with apt when it is missing (CI starts from a machine without it). Needs root,
 * or sudo without a password; says what to run otherwise.
 */
export function ensureChromium(): string {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  const asRoot = process.getuid?.() === 0;
  const run = (args: string[]) =>
    execFileSync(asRoot ? args[0]! : 'sudo', asRoot ? args.slice(1) : ['-n', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 600_000,
    });
  try {
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  } catch (error) {
    throw new Error(
      `Chromium is missing and could not be installed (${(error as Error).message.split('\n')[0]}). ` +
        'Install it with "apt-get install -y chromium".',
      { cause: error },
    );
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is not there`);
  return CHROMIUM;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    // The sandbox needs user namespaces, which containers and CI runners often lack.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** Where the browser tests leave their screenshots (git-ignored). */
export function screenshotDirectory(): string {
  const directory = join(new URL('../../', import.meta.url).pathname, '.ladder', 'screenshots');
  mkdirSync(directory, { recursive: true });
  return directory;
}
