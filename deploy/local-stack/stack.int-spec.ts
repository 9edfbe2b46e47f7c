import { stackStatus, stackUp } from './stack.js';

describe('the local stack', () => {
  it('finds every service already up on a second run and starts nothing', async () => {
    const report = await stackUp();
    expect(report.services.map((service) => [service.name, service.status])).toEqual([
      ['PostgreSQL', 'running'],
      ['Redis', 'running'],
      ['Kafka', 'running'],
      ['SMTP catcher', 'running'],
    ]);
    expect((await stackStatus()).every((service) => service.status === 'running')).toBe(true);
  });
});
