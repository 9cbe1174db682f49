import { describe, expect, it } from 'vitest';
import { MeasurementError } from '../measure/compute-measurement';
import {
  ROAD_CALIBRATION,
  ROAD_TRUTH,
  roadKeyframe,
  roadTrack,
} from '../measure/measure-test-support';
import { TEST_EVIDENCE } from '../test-support';
import { buildMeasuredTrackCsv, MEASURED_TRACK_CSV_COLUMNS } from './measured-track-csv';

const EVIDENCE = { ...TEST_EVIDENCE, width: ROAD_TRUTH.width, height: ROAD_TRUTH.height };
const framePts = (frame: number) => frame * 512;

describe('CSV of a measured track', { timeout: 60_000 }, () => {
  it('lists each drawn position with pts, seconds, image and world position and speed', () => {
    // A computed keyframe on 15 and a hidden one on 45 are not positions a person set.
    const track = roadTrack(
      'vehicle',
      [0, 10, 20, 30],
      [
        roadKeyframe('vehicle', 15, { origin: 'computed' }),
        roadKeyframe('vehicle', 45, { outside: true }),
      ],
    );
    const csv = buildMeasuredTrackCsv({
      track,
      calibration: ROAD_CALIBRATION,
      evidence: EVIDENCE,
      framePts,
    });
    const lines = csv.split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(MEASURED_TRACK_CSV_COLUMNS.join(','));
    expect(lines[0]).toBe(
      'frame,pts,seconds,image_x_px,image_y_px,world_x_m,world_y_m,speed_kmh,source,confidence,confirmed_by',
    );
    const rows = lines.slice(1, -1).map((l) => l.split(','));
    expect(rows.map((r) => r[0])).toEqual(['0', '10', '20', '30']);
    expect(rows[1]!.slice(1, 3)).toEqual(['5120', '0.400000']);
    expect(rows[0]![7]).toBe('');
    expect(rows.map((r) => r.slice(8).join(','))).toEqual(Array(4).fill('drawn,,'));
    // The ground positions are the truth's to 10 cm; each 0.4 s interval's speed, from boxes
    // drawn to whole pixels, within 5 % (the average over the span is within 3 %: see
    // compute-measurement.test.ts).
    rows.forEach((r) => {
      const truth = ROAD_TRUTH.positions[Number(r[0])]!.vehicle.ground;
      expect(Math.abs(Number(r[5]) - truth[0]!)).toBeLessThan(0.1);
      expect(Math.abs(Number(r[6]) - truth[1]!)).toBeLessThan(0.1);
    });
    for (const r of rows.slice(1)) {
      expect(
        Math.abs(Number(r[7]) - ROAD_TRUTH.vehicle.speedKmh) / ROAD_TRUTH.vehicle.speedKmh,
      ).toBeLessThan(0.05);
    }
  });

  it('lists a tracked position only once confirmed, as tracked with confidence and confirmer', () => {
    const tracking = {
      runId: 'run_1',
      confidence: 0.8125,
      algorithm: 'NCC',
      confirmedBy: null,
      confirmedAt: null,
    };
    const track = roadTrack(
      'vehicle',
      [0, 30],
      [
        roadKeyframe('vehicle', 10, {
          origin: 'tracked',
          tracking: { ...tracking, confirmedBy: '=A, "Examiner"', confirmedAt: 'then' },
        }),
        roadKeyframe('vehicle', 20, { origin: 'tracked', tracking }),
      ],
    );
    const csv = buildMeasuredTrackCsv({
      track,
      calibration: ROAD_CALIBRATION,
      evidence: EVIDENCE,
      framePts,
    });
    const lines = csv.split('\r\n').slice(1, -1);
    expect(lines.map((l) => l.split(',')[0])).toEqual(['0', '10', '30']);
    // The name is defused (a leading "=") and quoted (its comma and quotes).
    expect(lines[1]).toMatch(/,tracked,0\.813,"'=A, ""Examiner"""$/);
    expect(lines[2]).toMatch(/,drawn,,$/);
  });

  it('keeps to a span when given one, and says so when it has nothing to list', () => {
    const track = roadTrack('vehicle', [0, 10, 20, 30]);
    const input = { track, calibration: ROAD_CALIBRATION, evidence: EVIDENCE, framePts };
    const span = buildMeasuredTrackCsv({ ...input, fromFrame: 10, toFrame: 20 });
    expect(
      span
        .split('\r\n')
        .slice(1, -1)
        .map((l) => l.split(',')[0]),
    ).toEqual(['10', '20']);
    expect(() => buildMeasuredTrackCsv({ ...input, fromFrame: 11, toFrame: 19 })).toThrow(
      MeasurementError,
    );
    const line = {
      ...ROAD_CALIBRATION,
      points: [0, 1, 2, 3].map((i) => ({ image: { x: i, y: i }, world: { x: i, y: i } })),
    };
    expect(() => buildMeasuredTrackCsv({ ...input, calibration: line })).toThrow(
      /The scene calibration cannot be used/,
    );
  });
});
