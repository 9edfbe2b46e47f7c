import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * A command from one of Debian's packages (chromium, prometheus, kubectl), installed with apt when it is
 * missing: CI starts from a machine without them. Needs root, or sudo without a password; says what to run
 * otherwise. Answers the command's path.
 */
export function ensureDebianCommand(path: string, debianPackage: string): string {
  if (existsSync(path)) return path;
  const asRoot = process.getuid?.() === 0;
  const run = (args: string[]) =>
    execFileSync(asRoot ? args[0]! : 'sudo', asRoot ? args.slice(1) : ['-n', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      timeout: 600_000,
    });
  try {
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', debianPackage]);
  } catch (error) {
    throw new Error(
      `${path} is missing and could not be installed (${(error as Error).message.split('\n')[0]}). ` +
        `Install it with "apt-get install -y ${debianPackage}".`,
      { cause: error },
    );
  }
  if (!existsSync(path)) throw new Error(`apt-get installed ${debianPackage}, but ${path} is not there`);
  return path;
}
