import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_SMTP_WEB_URL, LOCAL_STACK, type ServiceReport } from './endpoints.js';
import { projectRoot, stackHome } from './paths.js';
import { isAlive, isPortOpen, startDetached, stopProcess, waitFor } from './process-tools.js';
import type { StackState } from './stack-state.js';

const WHERE = `smtp://${LOCAL_STACK.smtp.host}:${LOCAL_STACK.smtp.port} (web ${LOCAL_SMTP_WEB_URL})`;

async function catcherReady(): Promise<boolean> {
  if (!(await isPortOpen(LOCAL_STACK.smtp.port))) return false;
  try {
    const response = await fetch(`${LOCAL_SMTP_WEB_URL}/api/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

function maildevScript(): string {
  const folder = join(projectRoot(), 'node_modules', 'maildev');
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
    bin: string | Record<string, string>;
  };
  const bin =
    typeof manifest.bin === 'string'
      ? manifest.bin
      : (manifest.bin.maildev ?? Object.values(manifest.bin)[0]);
  if (!bin) throw new Error('the maildev package names no command');
  return join(folder, bin);
}

/**
 * MailDev catches every e-mail Ladder sends: a person reads them in its web UI, a test through its REST API.
 * Messages are kept as .eml files under .ladder/mail, so they survive a restart of the catcher.
 */
export async function smtpCatcherUp(state: StackState): Promise<ServiceReport> {
  if (await catcherReady()) return { name: 'SMTP catcher', where: WHERE, status: 'running' };
  const started = Date.now();
  const pid = startDetached(
    process.execPath,
    [
      maildevScript(),
      '--smtp',
      String(LOCAL_STACK.smtp.port),
      '--ip',
      LOCAL_STACK.smtp.host,
      '--web',
      String(LOCAL_STACK.smtp.webPort),
      '--web-ip',
      LOCAL_STACK.smtp.host,
      '--mail-directory',
      join(stackHome(), 'mail'),
      '--max-emails',
      '20000',
    ],
    join(stackHome(), 'logs', 'smtp-catcher.log'),
  );
  await waitFor(
    'the SMTP catcher',
    async () => {
      if (!isAlive(pid))
        throw new Error(`MailDev exited; see ${join(stackHome(), 'logs', 'smtp-catcher.log')}`);
      return (await catcherReady()) && isAlive(pid);
    },
    60_000,
  );
  state.smtp = { pid };
  return { name: 'SMTP catcher', where: WHERE, status: 'started', readyInMs: Date.now() - started };
}

export async function smtpCatcherDown(state: StackState): Promise<void> {
  if (!state.smtp) return;
  await stopProcess(state.smtp.pid);
  delete state.smtp;
}

export async function smtpCatcherStatus(): Promise<ServiceReport> {
  return { name: 'SMTP catcher', where: WHERE, status: (await catcherReady()) ? 'running' : 'stopped' };
}
