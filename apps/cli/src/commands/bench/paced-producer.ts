import type { LadderConfig } from '#config';
import { createKafka } from '#messaging';
import { inputProducer, sendMessages, type SimulatedMessage } from '#simulation';
import { ProgressBar } from '../../progress-bar.js';

const TICK_MS = 10;

/**
 * Sends `items` at `rate` per second: every 10 ms, what is due by then goes in one send, so the load is as
 * steady as a shop's (not one burst a second). Resolves when the last is acknowledged.
 */
export async function paced<Item>(
  items: readonly Item[],
  rate: number,
  send: (due: Item[]) => Promise<void>,
  onProgress: (sent: number) => void = () => undefined,
): Promise<void> {
  const started = Date.now();
  let sent = 0;
  while (sent < items.length) {
    const due = Math.min(items.length, Math.floor(((Date.now() - started) * rate) / 1000) + 1);
    if (due > sent) {
      await send(items.slice(sent, due));
      sent = due;
      onProgress(sent);
    }
    const next = started + (sent * 1000) / rate;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(TICK_MS, next - Date.now()))));
  }
}

/** Produces simulated input messages at `rate` per second into `config`'s topics, with a progress bar. */
export async function producePaced(
  config: LadderConfig,
  messages: readonly SimulatedMessage[],
  rate: number,
  label: string,
): Promise<void> {
  const producer = await inputProducer(createKafka(config, '-bench-paced'));
  const bar = new ProgressBar(label, messages.length);
  try {
    await paced(
      messages,
      rate,
      (due) => sendMessages(producer, config.kafka.topicPrefix, due),
      (sent) => bar.update(sent),
    );
    bar.finish();
  } finally {
    await producer.disconnect();
  }
}
