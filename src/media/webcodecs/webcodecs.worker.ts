/// <reference lib="webworker" />
import { demuxVideo, type DemuxedVideo } from './demux';
import { StreamDecoder } from './stream-decoder';
import { whyNotSupported } from './webcodecs-decoder';
import type { WebCodecsRequest, WebCodecsResponse } from './webcodecs-protocol';

/**
 * Demuxing (mediabunny) and decoding (WebCodecs) of one file, off the UI thread: the UI
 * thread gets each wanted frame as yuv420p bytes, the layout FFmpeg's rawvideo gives.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: WebCodecsResponse, transfer: Transferable[] = []) =>
  scope.postMessage(message, transfer);

let video: DemuxedVideo | null = null;
let decoder: StreamDecoder | null = null;
/** Decode requests run one after another, in the order they came. */
let queue: Promise<void> = Promise.resolve();
const cancelled = new Set<number>();

async function open(file: File): Promise<void> {
  decoder?.close();
  video?.dispose();
  decoder = null;
  video = null;
  const result = await demuxVideo(file);
  if (!result.ok) {
    post({ kind: 'opened', ok: false, reason: result.reason });
    return;
  }
  video = result.video;
  const unsupported = await whyNotSupported(video.config);
  if (!unsupported) decoder = new StreamDecoder(video);
  post({
    kind: 'opened',
    ok: true,
    container: video.container,
    codec: video.config.codec,
    rotation: video.rotation,
    packets: video.packets,
    unsupported,
  });
}

scope.onmessage = (event: MessageEvent<WebCodecsRequest>) => {
  const request = event.data;
  if (request.kind === 'open') {
    queue = queue.then(() =>
      open(request.file).catch((error: unknown) =>
        post({ kind: 'opened', ok: false, reason: (error as Error).message }),
      ),
    );
    return;
  }
  if (request.kind === 'cancel') {
    cancelled.add(request.id);
    decoder?.cancel(request.id);
    return;
  }
  const { id } = request;
  queue = queue.then(async () => {
    if (cancelled.delete(id) || !decoder) {
      post(
        decoder
          ? { kind: 'done', id, decoded: 0 }
          : { kind: 'failed', id, reason: 'no file is open for WebCodecs' },
      );
      return;
    }
    try {
      const decoded = await decoder.decode({
        id,
        wantedPts: request.wantedPts,
        fromKeyPts: request.fromKeyPts,
        lastOrder: request.lastOrder,
        deliver: (frame) =>
          post(
            { kind: 'frame', id, ...frame },
            // Shared memory is shared, not transferred (and cannot be).
            frame.data.buffer instanceof ArrayBuffer ? [frame.data.buffer] : [],
          ),
      });
      post({ kind: 'done', id, decoded });
    } catch (error) {
      post({ kind: 'failed', id, reason: (error as Error).message });
    } finally {
      cancelled.delete(id);
    }
  });
};
