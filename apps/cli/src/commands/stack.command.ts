import { formatStackReport, stackDown, stackStatus, stackUp } from '#local-stack';

/** `ladder stack up|down|status`: the local services, without Docker. */
export async function stackCommand(args: string[]): Promise<void> {
  const action = args[0] ?? 'up';
  if (action === 'up') {
    const report = await stackUp();
    process.stdout.write(
      `Local stack ready in ${(report.tookMs / 1000).toFixed(1)} s:\n${formatStackReport(report.services)}\n`,
    );
  } else if (action === 'down') {
    const stopped = await stackDown();
    process.stdout.write(
      stopped.length
        ? `Stopped ${stopped.join(', ')}.\n`
        : 'Nothing to stop: this checkout started no service.\n',
    );
  } else if (action === 'status') {
    process.stdout.write(`${formatStackReport(await stackStatus())}\n`);
  } else {
    throw new Error('usage: ladder stack up|down|status');
  }
}
