import { describe, expect, it } from 'vitest';
import type { LabelId, Pts } from '../ids';
import { eventsInput, testEvent } from '../test-support';
import { buildEventsWebVtt, formatVttTime, vttPayload } from './events-webvtt';

const OFFICER = 'label_officer' as LabelId;

describe('buildEventsWebVtt', () => {
  it('writes a header, a NOTE and one cue per event; the cue ends where the next frame starts', () => {
    const { text, skipped } = buildEventsWebVtt(
      eventsInput([testEvent('event_a', 25, 29, 'holds on', { labelId: OFFICER })]),
    );
    expect(skipped).toEqual([]);
    expect(text).toBe(
      'WEBVTT\n\nNOTE\n' +
        `Events of cctv.mp4 (SHA-256 ${'a'.repeat(64)}).\n` +
        'Times are relative to frame 0 (pts 0, time base 1/12800).\n\n' +
        'event_a\n00:00:01.000 --> 00:00:01.200\nofficer: holds on\n',
    );
  });

  it('measures times from frame 0 (a stream starting at pts 18000)', () => {
    const event = testEvent('event_a', 0, 0, 'first', { startPts: 18000 as Pts });
    const input = { ...eventsInput([event]), framePts: (f: number) => 18000 + f * 512 };
    const { text } = buildEventsWebVtt(input);
    expect(text).toContain('pts 18000');
    expect(text).toContain('00:00:00.000 --> 00:00:00.040\nfirst\n');
  });

  it('ends a cue on the last frame by the previous frame duration', () => {
    const { text } = buildEventsWebVtt(eventsInput([testEvent('event_a', 298, 299, 'end')]));
    expect(text).toContain('00:00:11.920 --> 00:00:12.000\nend\n');
  });

  it('leaves out events without timestamps and says so', () => {
    const input = {
      ...eventsInput([
        testEvent('event_raw', 3, 4, 'raw', { startPts: null, endPts: null }),
        testEvent('event_ok', 5, 6, 'ok'),
      ]),
      framePts: (f: number) => (f < 5 ? null : f * 512),
    };
    const { text, skipped } = buildEventsWebVtt(input);
    expect(skipped).toEqual(['event_raw']);
    expect(text).toContain('Left out, no timestamps: event_raw.');
    expect(text).not.toContain('\nraw\n');
    expect(text).toContain('event_ok\n00:00:00.200 --> 00:00:00.280\nok\n');
  });

  it('escapes the payload and keeps "-->" and blank lines out of it', () => {
    const hostile = 'a <b>&</b> --> x\n\n\r\nsecond\u0007 line';
    const { text } = buildEventsWebVtt(eventsInput([testEvent('event_a', 1, 1, hostile)]));
    const cue = text.split('\n\n').at(-1)!;
    expect(cue).toBe(
      'event_a\n00:00:00.040 --> 00:00:00.080\na &lt;b&gt;&amp;&lt;/b&gt; --&gt; x\nsecond line\n',
    );
    expect(vttPayload('\n\n')).toBe('');
    const empty = buildEventsWebVtt(eventsInput([testEvent('event_a', 1, 1, '  ')])).text;
    expect(empty).toContain('\n(event)\n');
  });

  it('formats WebVTT timestamps', () => {
    expect(formatVttTime(0)).toBe('00:00:00.000');
    expect(formatVttTime(3_723_004.4)).toBe('01:02:03.004');
    expect(formatVttTime(100 * 3_600_000)).toBe('100:00:00.000');
    expect(formatVttTime(-5)).toBe('00:00:00.000');
  });
});
