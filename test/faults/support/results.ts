import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LADDER_ROOT, RUNS_OTHER_BUILD } from './ladder-process.js';

/** One row of the table in docs/faults.md: what one fault run sent, what Ladder ended with, how fast. */
export interface FaultResult {
  fault: string;
  eventsSent: number;
  eventsAccepted: number;
  eventsCounted: number;
  deadLetters: number;
  casesExpected: number;
  casesOpened: number;
  alertsExpected: number;
  alertsSent: number;
  /** E-mails caught with a Message-ID seen before, plus customer-store pairs with more than one case. */
  duplicates: number;
  /** From the end of the fault (service back, process restarted) to the end state holding. */
  recoverySeconds: number | null;
  totalSeconds: number;
  passed: boolean;
  problems: string[];
  notes: string[];
  logDir: string;
}

/** .ladder/fault-results (ignored by git and the linters, like the rest of the local stack's state), or FAULT_RESULTS_DIR. */
const RESULTS =
  process.env.FAULT_RESULTS_DIR ??
  join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '.ladder', 'fault-results');

/** Writes the row as JSON (one file per fault and build) and prints it as a Markdown table row. */
export function recordResult(result: FaultResult): void {
  const build = RUNS_OTHER_BUILD ? LADDER_ROOT.replace(/[^a-z0-9]+/gi, '-') : 'main';
  const row = { build, root: LADDER_ROOT, finishedAt: new Date().toISOString(), ...result };
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${build}--${result.fault.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`);
  writeFileSync(file, `${JSON.stringify(row, null, 2)}\n`);
  process.stdout.write(`\n${tableRow(result)}\n(${file})\n`);
}

export function tableRow(result: FaultResult): string {
  const recovery =
    result.recoverySeconds === null ? 'not recovered' : `${result.recoverySeconds.toFixed(1)} s`;
  return `| ${result.fault} | ${result.eventsSent} | ${result.eventsCounted} / ${result.eventsAccepted} | ${result.casesExpected} / ${result.casesOpened} | ${result.alertsExpected} / ${result.alertsSent} | ${result.duplicates} | ${recovery} | ${result.passed ? 'pass' : 'FAIL'} |`;
}
