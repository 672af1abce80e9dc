// How answers are compressed, in one place: the server's plugin uses it, and the benchmark's
// bare-server floor compresses the same way so the two are compared like for like.
import zlib from 'node:zlib';

/** Brotli and gzip at their fastest settings (~0.1-0.3 ms for 100 KB of JSON), for answers over 1 KB. */
export const COMPRESSION = {
  threshold: 1024,
  // Synchronously up to 256 KB: the streaming path costs more than the compression itself for
  // answers already in memory.
  syncThreshold: 256 * 1024,
  encodings: ['br', 'gzip'] as ('br' | 'gzip')[],
  brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } },
  zlibOptions: { level: 1 },
  // Brotli told the answer's size sizes its window and tables to it: a third faster on a 100 KB
  // answer when the CPU caches are cold, as they are between requests (0.33 -> 0.23 ms).
  zlib: { ...zlib, brotliCompressSync: (body: Buffer, options: zlib.BrotliOptions) => zlib.brotliCompressSync(body, withSizeHint(body, options)) },
};

function withSizeHint(body: Buffer, options: zlib.BrotliOptions): zlib.BrotliOptions {
  return { ...options, params: { ...options.params, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length } };
}

/** The body as the server sends it to a client that accepts `encoding` (the floor's use). */
export function compressBody(body: Buffer, acceptEncoding: string | undefined): { body: Buffer; encoding: 'br' | 'gzip' | null } {
  if (body.length < COMPRESSION.threshold || !acceptEncoding) return { body, encoding: null };
  if (/\bbr\b/.test(acceptEncoding)) return { body: zlib.brotliCompressSync(body, withSizeHint(body, COMPRESSION.brotliOptions)), encoding: 'br' };
  if (/\bgzip\b/.test(acceptEncoding)) return { body: zlib.gzipSync(body, COMPRESSION.zlibOptions), encoding: 'gzip' };
  return { body, encoding: null };
}
