interface Closable {
  close(): Promise<void>;
}

/**
 * Closes the given applications, in order, on SIGINT or SIGTERM, then exits. Used instead of Nest's own
 * shutdown hooks so that several applications in one process (api and worker) all finish their work
 * (the current Kafka batch, running jobs) before the process ends. A second signal exits at once.
 */
export function closeOnSignals(applications: Closable[], onClosed?: () => void): void {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) {
      process.exit(130);
    }
    closing = true;
    process.stderr.write(`Received ${signal}; shutting down…\n`);
    void (async () => {
      let status = 0;
      for (const application of applications) {
        try {
          await application.close();
        } catch (error) {
          status = 1;
          process.stderr.write(`Error while shutting down: ${(error as Error).message}\n`);
        }
      }
      onClosed?.();
      process.exit(status);
    })();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
