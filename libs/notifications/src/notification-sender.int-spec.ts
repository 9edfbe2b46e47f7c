import { MailCatcher } from '#local-stack';
import { NotificationRepository } from '#persistence';
import { type TestEnvironment, createTestEnvironment, eventually, freePort, startLibrary } from '#testing';
import type { INestApplicationContext } from '@nestjs/common';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { DataSource } from 'typeorm';
import { NotificationSender } from './notification-sender.service.js';
import { NotificationsModule } from './notifications.module.js';

/**
 * A TCP relay in front of the real SMTP catcher that, once the client has sent the end-of-data dot, holds
 * the server's answer back (`hold`) or cuts the connection instead of passing it on (`cut`): the two ways a
 * crash or a network fault meets an e-mail the server already has.
 */
async function answerWithholdingRelay(smtpUrl: string, mode: 'hold' | 'cut' | 'drop-reused') {
  const target = new URL(smtpUrl);
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const sockets: Socket[] = [];
  const server: Server = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    sockets.push(client, upstream);
    let dotSent = false;
    let messages = 0;
    client.on('data', (chunk) => {
      const text = chunk.toString('latin1');
      // `drop-reused`: the server drops a connection as its second message begins, before a byte of it.
      if (/^MAIL FROM/im.test(text) && (messages += 1) === 2 && mode === 'drop-reused') {
        client.destroy();
        upstream.destroy();
        return;
      }
      if (text.endsWith('\r\n.\r\n')) dotSent = true;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (!dotSent) return void client.write(chunk);
      dotSent = false;
      if (mode === 'cut') return void client.destroy();
      if (mode === 'drop-reused') return void client.write(chunk);
      void released.then(() => client.write(chunk));
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close).on('error', close);
    upstream.on('close', close).on('error', close);
  });
  const port = await new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
  return {
    url: `smtp://127.0.0.1:${port}`,
    release,
    close: async () => {
      release();
      sockets.forEach((socket) => socket.destroy());
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

describe('sending a notification through the real SMTP catcher', () => {
  let environment: TestEnvironment;
  let module: INestApplicationContext;
  let sender: NotificationSender;
  const catcher = new MailCatcher();

  async function createNotification(storeId: string): Promise<string> {
    const [created] = await module.get(NotificationRepository).createMany(module.get(DataSource).manager, [
      {
        key: `unknown-store:${storeId}`,
        kind: 'unknown-store',
        recipientEmail: 'admin@example.com',
        recipientName: null,
        locale: 'en',
        subjectIds: { storeId },
      },
    ]);
    return created!.id;
  }

  async function status(id: string) {
    return module.get(NotificationRepository).find(module.get(DataSource).manager, id);
  }

  const compile = (env: TestEnvironment['config']) => startLibrary(env, NotificationsModule);

  beforeAll(async () => {
    environment = await createTestEnvironment('mail');
    module = await compile(environment.config);
    sender = module.get(NotificationSender);
  });

  afterAll(async () => {
    await module?.close();
    await environment?.cleanup();
  });

  it('sends an e-mail once, however often it is asked to', async () => {
    const id = await createNotification('kiosk-1');
    await expect(sender.send(id, false)).resolves.toMatchObject({ outcome: 'sent' });
    await expect(sender.send(id, false)).resolves.toEqual({ outcome: 'already-sent' });
    const caught = await eventually(async () => {
      const all = (await catcher.fromInstance(environment.config.queuePrefix)).filter((email) =>
        email.subject.includes('kiosk-1'),
      );
      expect(all).toHaveLength(1);
      return all[0]!;
    });
    expect(caught.to[0]!.address).toBe('admin@example.com');
    expect(caught.headers['message-id']).toBe(`<${id}@${environment.name}.test>`);
    expect((await status(id))?.status).toBe('sent');
  });

  it('sends once when two workers pick up the same notification at the same time', async () => {
    const id = await createNotification('kiosk-2');
    const results = await Promise.allSettled([sender.send(id, false), sender.send(id, false)]);
    expect(
      results.filter((result) => result.status === 'fulfilled' && result.value.outcome === 'sent'),
    ).toHaveLength(1);
    // The other one either saw it sent or found it leased by the first: it never sends a second copy.
    await eventually(async () => {
      const all = (await catcher.fromInstance(environment.config.queuePrefix)).filter((email) =>
        email.subject.includes('kiosk-2'),
      );
      expect(all).toHaveLength(1);
    });
  });

  it('marks the e-mail sent as soon as the server has it, before its answer arrives', async () => {
    const relay = await answerWithholdingRelay(environment.config.smtpUrl, 'hold');
    const slow = await compile({ ...environment.config, smtpUrl: relay.url });
    try {
      const id = await createNotification('kiosk-4');
      const sending = slow.get(NotificationSender).send(id, false);
      // The catcher has the message and its answer is held back: a worker dying now must not send it
      // again, so the row already says sent.
      await eventually(async () => {
        const caught = (await catcher.fromInstance(environment.config.queuePrefix)).filter((email) =>
          email.subject.includes('kiosk-4'),
        );
        expect(caught).toHaveLength(1);
        expect((await status(id))?.status).toBe('sent');
      });
      relay.release();
      await expect(sending).resolves.toMatchObject({ outcome: 'sent' });
      expect(await status(id)).toMatchObject({
        status: 'sent',
        messageId: `<${id}@${environment.name}.test>`,
      });
    } finally {
      await slow.close();
      await relay.close();
    }
  });

  it('takes the sent mark back when the answer to the message never comes, and keeps it for a retry', async () => {
    const relay = await answerWithholdingRelay(environment.config.smtpUrl, 'cut');
    const cut = await compile({ ...environment.config, smtpUrl: relay.url });
    try {
      const id = await createNotification('kiosk-5');
      await expect(cut.get(NotificationSender).send(id, false)).rejects.toThrow();
      expect(await status(id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        sentAt: null,
        messageId: null,
      });
    } finally {
      await cut.close();
      await relay.close();
    }
  });

  it('sends over a fresh connection when the server dropped the pooled one before the message began', async () => {
    const relay = await answerWithholdingRelay(environment.config.smtpUrl, 'drop-reused');
    // One connection in the pool, so the second e-mail goes over the connection the first one used.
    const pooled = await compile({ ...environment.config, smtpUrl: `${relay.url}?maxConnections=1` });
    try {
      const first = await createNotification('kiosk-6');
      const second = await createNotification('kiosk-7');
      await expect(pooled.get(NotificationSender).send(first, false)).resolves.toMatchObject({
        outcome: 'sent',
      });
      await expect(pooled.get(NotificationSender).send(second, false)).resolves.toMatchObject({
        outcome: 'sent',
      });
      expect(await status(second)).toMatchObject({ status: 'sent', attempts: 1 });
      await eventually(async () => {
        const caught = (await catcher.fromInstance(environment.config.queuePrefix)).filter((email) =>
          email.subject.includes('kiosk-7'),
        );
        expect(caught).toHaveLength(1);
      });
    } finally {
      await pooled.close();
      await relay.close();
    }
  });

  it('keeps the notification for a retry when the SMTP server is away, and marks it failed after the last attempt', async () => {
    const unreachable = { ...environment.config, smtpUrl: `smtp://127.0.0.1:${await freePort()}` };
    const offline = await compile(unreachable);
    try {
      const id = await createNotification('kiosk-3');
      const offlineSender = offline.get(NotificationSender);
      await expect(offlineSender.send(id, false)).rejects.toThrow();
      expect(await status(id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastError: expect.stringMatching(/ECONNREFUSED|connect/),
      });
      await expect(offlineSender.send(id, true)).rejects.toThrow();
      expect(await status(id)).toMatchObject({ status: 'failed', attempts: 2 });
      // A failed notification is final: it is not sent later by accident.
      await expect(sender.send(id, false)).rejects.toThrow(/failed for good/);
    } finally {
      await offline.close();
    }
  });
});
