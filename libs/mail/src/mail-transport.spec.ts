import { withoutAddresses } from './mail-transport.service.js';

describe('SMTP error texts, as logged and stored', () => {
  it('keep no e-mail address, whatever quotes it', () => {
    const text =
      "Can't send mail - all recipients were rejected: 550 5.1.1 <bob.smith+promo@example.co.uk>: " +
      'Recipient address rejected; user "sara@shop.ir" unknown (maryam@mail.example)';
    const logged = withoutAddresses(text);
    expect(logged).not.toMatch(/bob|sara|maryam|@/);
    expect(logged).toBe(
      "Can't send mail - all recipients were rejected: 550 5.1.1 <<address>>: " +
        'Recipient address rejected; user "<address>" unknown (<address>)',
    );
  });

  it('keep what says what went wrong', () => {
    expect(withoutAddresses('connect ECONNREFUSED 127.0.0.1:1025')).toBe(
      'connect ECONNREFUSED 127.0.0.1:1025',
    );
  });
});
