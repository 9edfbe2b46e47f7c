import { ensureDebianCommand } from '#testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium, installed with apt when it is missing. */
export function ensureChromium(): string {
  return ensureDebianCommand(CHROMIUM, 'chromium');
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
