import { describe, expect, it } from 'vitest';
import { CoreModuleCache } from './core-module';

const fakeModule = (name: string) => ({ name }) as unknown as WebAssembly.Module;

describe('CoreModuleCache', () => {
  it('compiles a URL once, however many loads ask for it at once or later', async () => {
    const compiled: string[] = [];
    const cache = new CoreModuleCache(async (url) => {
      compiled.push(url);
      return fakeModule(url);
    });
    const [a, b] = await Promise.all([cache.get('/core.wasm'), cache.get('/core.wasm')]);
    const c = await cache.get('/core.wasm');
    expect(compiled).toEqual(['/core.wasm']);
    expect(a).toBe(b);
    expect(c).toBe(a);
  });

  it('says null when the compile fails, and tries again on the next load', async () => {
    let attempts = 0;
    const cache = new CoreModuleCache(async (url) => {
      attempts++;
      if (attempts === 1) throw new Error('offline');
      return fakeModule(url);
    });
    expect(await cache.get('/core.wasm')).toBeNull();
    expect(await cache.get('/core.wasm')).toEqual(fakeModule('/core.wasm'));
    expect(attempts).toBe(2);
  });
});
