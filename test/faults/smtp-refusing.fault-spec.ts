import { runFault } from './support/fault-run.js';
import { expectStackHealthy, withSmtpStopped } from './support/services.js';

describe('fault: SMTP refusing for a while, then accepting', () => {
  afterAll(expectStackHealthy);

  it('sends every alert once after the SMTP server refused connections for 20 s', async () => {
    await runFault({
      fault: 'SMTP refusing 20 s',
      inject: async ({ untilCounted, recovered }) => {
        await untilCounted(0.3);
        await withSmtpStopped(20_000);
        recovered();
      },
    });
  }, 900_000);
});
