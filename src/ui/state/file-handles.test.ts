import { describe, expect, it } from 'vitest';
import { sha256 } from '../../core/ids';
import { fileFromKeptHandle, type FileHandleLike } from './file-handles';

const SHA = sha256('b'.repeat(64));
const file = new File(['x'], 'cctv.mp4');

function handle(permission: PermissionState, afterAsking: PermissionState = permission) {
  const asked: string[] = [];
  const h: FileHandleLike = {
    kind: 'file',
    queryPermission: async () => permission,
    requestPermission: async () => {
      asked.push('request');
      return afterAsking;
    },
    getFile: async () => file,
  };
  return { h, asked };
}

const store = (value: unknown) => ({ fileHandle: async () => value });

describe('reopening a video through a kept handle', () => {
  it('reads the file when permission is already given, without asking', async () => {
    const { h, asked } = handle('granted');
    expect(await fileFromKeptHandle(store(h), SHA)).toBe(file);
    expect(asked).toEqual([]);
  });

  it('asks when the browser wants to, and reads the file if the person agrees', async () => {
    const { h, asked } = handle('prompt', 'granted');
    expect(await fileFromKeptHandle(store(h), SHA)).toBe(file);
    expect(asked).toEqual(['request']);
  });

  it('falls back (null) when refused, without a handle, or when the file is gone', async () => {
    expect(await fileFromKeptHandle(store(handle('prompt', 'denied').h), SHA)).toBeNull();
    expect(await fileFromKeptHandle(store(handle('denied').h), SHA)).toBeNull();
    expect(await fileFromKeptHandle(store(null), SHA)).toBeNull();
    expect(await fileFromKeptHandle(store({ kind: 'directory' }), SHA)).toBeNull();
    const gone: FileHandleLike = {
      kind: 'file',
      queryPermission: async () => 'granted',
      getFile: async () => {
        throw new DOMException('A requested file could not be found', 'NotFoundError');
      },
    };
    expect(await fileFromKeptHandle(store(gone), SHA)).toBeNull();
  });
});
