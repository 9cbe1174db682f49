/**
 * Sound is slow: cameras at different distances from a bang hear it at different times, so an
 * offset found from sound (sound-offset.ts) differs from the one the pictures would give by
 * the difference of their distances over the speed of sound. The UI says so beside a sound
 * suggestion where cameras stand at different distances, with these numbers.
 */

/** Speed of sound in dry air at 20 °C (m/s); about 331 at 0 °C, 0.6 m/s more per °C. */
export const SPEED_OF_SOUND_M_PER_S = 343;

/** Seconds sound takes to travel `metres` (at 20 °C). */
export const soundTravelSeconds = (metres: number): number => metres / SPEED_OF_SOUND_M_PER_S;

const ms = (seconds: number, digits = 0) => (seconds * 1000).toFixed(digits);

/**
 * "Sound travels about 2.9 ms per metre: a camera 30 m from the source hears it 87 ms
 * later…", for cameras at different distances from the source.
 */
export const SOUND_TRAVEL_NOTE =
  `Sound travels about ${ms(soundTravelSeconds(1), 1)} ms per metre: a camera 30 m from ` +
  `the source hears it ${ms(soundTravelSeconds(30))} ms later than one beside it, more ` +
  `than two frames at 25 fps. An offset found from sound is therefore off by the ` +
  `difference of the cameras' distances from the source, divided by ` +
  `${SPEED_OF_SOUND_M_PER_S} m/s (the speed of sound at 20 °C); where the cameras stood ` +
  `at different distances, check the offset on the pictures.`;
