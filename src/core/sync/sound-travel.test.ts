import { describe, expect, it } from 'vitest';
import { SOUND_TRAVEL_NOTE, SPEED_OF_SOUND_M_PER_S, soundTravelSeconds } from './sound-travel';

describe('sound travel', () => {
  it('takes about 2.9 ms a metre at 343 m/s', () => {
    expect(SPEED_OF_SOUND_M_PER_S).toBe(343);
    expect(soundTravelSeconds(343)).toBe(1);
    expect(soundTravelSeconds(1) * 1000).toBeCloseTo(2.915, 3);
    expect(soundTravelSeconds(30) * 1000).toBeCloseTo(87.46, 2);
  });

  it('says so in words, with the numbers it computes', () => {
    expect(SOUND_TRAVEL_NOTE).toMatch(
      /^Sound travels about 2\.9 ms per metre: a camera 30 m from the source hears it 87 ms later/,
    );
    expect(SOUND_TRAVEL_NOTE).toContain('343 m/s');
  });
});
