import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stackHome } from './paths.js';

/** What `npm run stack` started itself, so `npm run stack:down` stops exactly that and nothing else. */
export interface StackState {
  postgres?: { cluster: string };
  redis?: { port: number };
  kafka?: { pid: number };
  smtp?: { pid: number };
}

function stateFile(): string {
  return join(stackHome(), 'stack', 'state.json');
}

export function readState(): StackState {
  const file = stateFile();
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StackState) : {};
}

export function writeState(state: StackState): void {
  mkdirSync(join(stackHome(), 'stack'), { recursive: true });
  writeFileSync(stateFile(), `${JSON.stringify(state, null, 2)}\n`);
}
