/// <reference lib="webworker" />
import { readZip, ZipReadError } from '../../core/exports/zip-read';
import type { ZipReadRequest, ZipReadResponse } from './zip-read-protocol';

/** Inflates a zip off the main thread, so a hostile one can never freeze the page. */
self.onmessage = (event: MessageEvent<ZipReadRequest>) => {
  const scope = self as DedicatedWorkerGlobalScope;
  let response: ZipReadResponse;
  try {
    const files = [...readZip(event.data.zip, event.data.options)];
    response = { ok: true, files };
    scope.postMessage(
      response,
      files.map(([, bytes]) => bytes.buffer as ArrayBuffer),
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    response = { ok: false, refused: error instanceof ZipReadError, message };
    scope.postMessage(response);
  }
};
