import { describe, expect, it } from 'vitest';
import type { LabelId, Pts } from '../ids';
import { eventsInput, testEvent } from '../test-support';
import { buildEventsCsv, csvField, defuseFormula, EVENTS_CSV_COLUMNS } from './events-csv';

const VEHICLE = 'label_vehicle' as LabelId;

describe('buildEventsCsv', () => {
  it('writes a header and one CRLF row per event, sorted by start frame', () => {
    const csv = buildEventsCsv(
      eventsInput([
        testEvent('event_b', 50, 60, 'second'),
        testEvent('event_a', 25, 30, 'Vehicle reverses', { labelId: VEHICLE }),
      ]),
    );
    expect(csv).toBe(
      'event_id,category,description,start_frame,start_pts,start_seconds,end_frame,end_pts,end_seconds\r\n' +
        'event_a,vehicle,Vehicle reverses,25,12800,1.000000,30,15360,1.200000\r\n' +
        'event_b,,second,50,25600,2.000000,60,30720,2.400000\r\n',
    );
    expect(csv.split('\r\n')[0]).toBe(EVENTS_CSV_COLUMNS.join(','));
  });

  it('quotes fields holding commas, quotes and line breaks, doubling quotes', () => {
    const csv = buildEventsCsv(
      eventsInput([testEvent('event_a', 1, 2, 'he said "stop",\nthen ran')]),
    );
    expect(csv).toContain('event_a,,"he said ""stop"",\nthen ran",1,');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('plain')).toBe('plain');
  });

  it('defuses formulas in user text (OWASP CSV injection)', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      expect(defuseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    }
    expect(defuseFormula('a=1')).toBe('a=1');
    const csv = buildEventsCsv(
      eventsInput([testEvent('event_a', 1, 2, '=HYPERLINK("http://x","click")')]),
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
  });

  it('keeps negative pts as plain numbers', () => {
    const csv = buildEventsCsv(
      eventsInput([
        testEvent('event_a', 0, 0, 'x', { startPts: -1024 as Pts, endPts: -1024 as Pts }),
      ]),
    );
    expect(csv).toContain('event_a,,x,0,-1024,-0.080000,0,-1024,-0.080000\r\n');
  });

  it('leaves pts and seconds empty where a frame has no timestamp', () => {
    const input = {
      ...eventsInput([testEvent('event_a', 3, 4, 'raw', { startPts: null, endPts: null })]),
      framePts: () => null,
    };
    expect(buildEventsCsv(input)).toContain('event_a,,raw,3,,,4,,\r\n');
  });

  it('falls back to the frame table where the event holds no pts', () => {
    const csv = buildEventsCsv(
      eventsInput([testEvent('event_a', 3, 4, 'x', { startPts: null, endPts: null })]),
    );
    expect(csv).toContain('event_a,,x,3,1536,0.120000,4,2048,0.160000\r\n');
  });

  it('adds a UTF-8 byte order mark only when asked (for Excel)', () => {
    const input = eventsInput([testEvent('event_a', 1, 2, 'café')]);
    expect(buildEventsCsv(input).startsWith('event_id')).toBe(true);
    expect(buildEventsCsv(input, { excelBom: true }).startsWith('\uFEFFevent_id')).toBe(true);
  });
});
