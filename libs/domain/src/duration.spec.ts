import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['15m', 900_000],
    ['48h', 172_800_000],
    ['7d', 604_800_000],
    ['250ms', 250],
    ['1.5h', 5_400_000],
    [' 2h ', 7_200_000],
  ])('reads %p as %i ms', (text, milliseconds) => {
    expect(parseDuration(text)).toBe(milliseconds);
  });

  it.each(['', '48', 'h', '-5m', '0s', '2 days', '1w', 'abc'])('refuses %p', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('writes durations back the way people say them', () => {
    expect(formatDuration(172_800_000)).toBe('48h');
    expect(formatDuration(604_800_000)).toBe('7d');
    expect(formatDuration(90_000)).toBe('90s');
    expect(formatDuration(1_500)).toBe('1500ms');
  });
});
