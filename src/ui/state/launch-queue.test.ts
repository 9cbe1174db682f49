import { describe, expect, it } from 'vitest';
import { consumeLaunchedFiles } from './launch-queue';
import type { FileHandleLike } from './file-handles';

const handleOf = (file: File): FileHandleLike => ({
  kind: 'file',
  getFile: () => Promise.resolve(file),
});

describe('consumeLaunchedFiles', () => {
  it('says so where there is no launch queue', () => {
    expect(consumeLaunchedFiles({}, () => Promise.resolve())).toBe(false);
  });

  it('opens the first file handed over, with its handle', async () => {
    let consumer: ((params: { files: FileHandleLike[] }) => void) | null = null;
    const target = { launchQueue: { setConsumer: (c: typeof consumer) => (consumer = c) } };
    const opened: { name: string; handle: FileHandleLike | null }[] = [];
    expect(
      consumeLaunchedFiles(target, async (file, handle) => {
        opened.push({ name: file.name, handle: await handle });
      }),
    ).toBe(true);
    const first = handleOf(new File(['a'], 'cam1.dav'));
    consumer!({ files: [first, handleOf(new File(['b'], 'cam2.dav'))] });
    consumer!({ files: [] });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(opened).toEqual([{ name: 'cam1.dav', handle: first }]);
  });
});
