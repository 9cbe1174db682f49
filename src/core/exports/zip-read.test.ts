import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isZip, readZip, ZipReadError, type ZipReadOptions } from './zip-read';

const LIMITS: ZipReadOptions = { maxEntries: 100, maxTotalBytes: 2 ** 30, maxEntryBytes: 2 ** 30 };
const text = (s: string) => new TextEncoder().encode(s);

/** Finds the central directory record of the first entry. */
function centralRecord(zip: Uint8Array): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  return zip.findIndex((_, i) => i + 4 <= zip.length && view.getUint32(i, true) === 0x02014b50);
}

/** A zip whose directory says `gt/gt.txt` holds `stated` bytes while it inflates to `actual`. */
function lyingZip(actual: number, stated: number): Uint8Array {
  const zip = zipSync({ 'gt/gt.txt': new Uint8Array(actual) }, { level: 1 });
  new DataView(zip.buffer).setUint32(centralRecord(zip) + 24, stated, true);
  return zip;
}

describe('readZip', () => {
  it('reads every entry, or only the ones asked for', () => {
    const zip = zipSync({ 'a.txt': text('alpha'), 'b/c.txt': text('gamma'), 'b/': {} });
    expect([...readZip(zip, LIMITS).keys()].sort()).toEqual(['a.txt', 'b/c.txt']);
    const only = readZip(zip, { ...LIMITS, only: ['b/c.txt'] });
    expect([...only.keys()]).toEqual(['b/c.txt']);
    expect(new TextDecoder().decode(only.get('b/c.txt'))).toBe('gamma');
  });

  it('reads stored (uncompressed) entries', () => {
    const zip = zipSync({ 'a.txt': [text('stored'), { level: 0 }] });
    expect(new TextDecoder().decode(readZip(zip, LIMITS).get('a.txt'))).toBe('stored');
  });

  it('stops a bomb behind a lying header at once, naming the entry', () => {
    // 64 MiB of zeros stated as 100 bytes: each would be inflated before the check otherwise.
    const zip = lyingZip(64 * 1024 * 1024, 100);
    const started = performance.now();
    expect(() => readZip(zip, LIMITS)).toThrow(
      /gt\/gt\.txt inflates to more than the 100 bytes its header states/,
    );
    // Inflating it all takes seconds; stopping at the stated size takes milliseconds.
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a stated size over the limit before inflating anything', () => {
    const zip = zipSync({ 'gt/gt.txt': new Uint8Array(5000) });
    expect(() => readZip(zip, { ...LIMITS, maxEntryBytes: 4000 })).toThrow(
      /gt\/gt\.txt is over 4000 bytes/,
    );
    expect(() => readZip(zip, { ...LIMITS, maxTotalBytes: 4000 })).toThrow(/over 4000 bytes/);
  });

  it('refuses an entry that ends short of its stated size', () => {
    expect(() => readZip(lyingZip(50, 5000), LIMITS)).toThrow(/shorter than its stated size/);
  });

  it('leaves unwanted entries uninflated, bombs included', () => {
    const bomb = zipSync({
      'gt/gt.txt': text('1,1,0,0,1,1,1,1,1\n'),
      'other.bin': new Uint8Array(1024 * 1024),
    });
    const files = readZip(bomb, { ...LIMITS, maxEntryBytes: 1000, only: ['gt/gt.txt'] });
    expect([...files.keys()]).toEqual(['gt/gt.txt']);
  });

  it('refuses what is not a zip, a truncated zip, too many entries and duplicates', () => {
    expect(() => readZip(text('hello'), LIMITS)).toThrow(ZipReadError);
    expect(() => readZip(new Uint8Array(100), LIMITS)).toThrow(/not a zip file/);
    const zip = zipSync({ 'a.txt': new Uint8Array(10_000).fill(7) }, { level: 0 });
    const cut = zip.slice();
    new DataView(cut.buffer).setUint32(centralRecord(cut) + 42, 5, true);
    expect(() => readZip(cut, LIMITS)).toThrow(/damaged zip entry/);
    const many = zipSync(Object.fromEntries([1, 2, 3].map((n) => [`${n}.txt`, text('x')])));
    expect(() => readZip(many, { ...LIMITS, maxEntries: 2 })).toThrow(/over 2 entries/);
    const twice = zipSync({ 'a.txt': text('one'), 'b.txt': text('two') });
    // Rename b.txt to a.txt in both headers: same length, so offsets still hold.
    const renamed = twice.slice();
    for (let i = 0; i + 5 <= renamed.length; i++) {
      if (String.fromCharCode(...renamed.subarray(i, i + 5)) === 'b.txt') renamed[i] = 0x61;
    }
    expect(() => readZip(renamed, LIMITS)).toThrow(/duplicate entries/);
  });

  it('knows a zip by its first bytes', () => {
    expect(isZip(zipSync({ 'a.txt': text('a') }))).toBe(true);
    expect(isZip(text('{"a":1}'))).toBe(false);
  });
});
