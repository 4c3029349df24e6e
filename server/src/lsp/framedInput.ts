import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { Skipped } from './server';

/**
 * The largest body a header may announce: far above the largest message a plan of 10 MB makes
 * (its text, escaped as JSON), and under the longest string a process can hold.
 */
export const maxMessageBytes = 256 * 1024 * 1024;

/** A header longer than this is no header: real ones are a line or two. */
const maxHeaderBytes = 4096;

const headerEnd = Buffer.from('\r\n\r\n');

/** A `Content-Length:` line with a number: how a header begins. */
const lengthLine = /^content-length:[ \t]*(\d+)[ \t]*\r\n/i;
const lengthName = 'content-length:';


/** The index of the first `Content-Length:`, in any case, that starts in buffer[from, before), or -1. */
function indexOfLengthName(buffer: Buffer, from: number, before = buffer.length): number {
  const searched = buffer.subarray(0, Math.min(buffer.length, before + lengthName.length - 1));
  // Found natively by its end in the two usual cases, then checked whole: bodies are large.
  for (let index = from; ; ) {
    const lower = searched.indexOf('ength:', index + 9, 'latin1');
    const upper = searched.indexOf('ENGTH:', index + 9, 'latin1');
    const end = lower < 0 ? upper : upper < 0 ? lower : Math.min(lower, upper);
    if (end < 0) return -1;
    const start = end - 9;
    if (buffer.toString('latin1', start, end + 6).toLowerCase() === lengthName) return start;
    index = start + 1;
  }
}

/**
 * A `Content-Length:` line that starts in buffer[from, to), or where to search again when more
 * has arrived (a line cut by the chunk's end is looked at again).
 */
function headerWithin(buffer: Buffer, from: number, to: number): { header?: number; searchFrom: number } {
  for (let at = indexOfLengthName(buffer, from, to); at >= 0; at = indexOfLengthName(buffer, at + 1, to)) {
    const line = buffer.toString('latin1', at, Math.min(buffer.length, at + 64));
    if (lengthLine.test(line)) return { header: at, searchFrom: at };
    if (!line.includes('\r\n') && line.length < 64) return { searchFrom: at };
  }
  return { searchFrom: Math.max(from, to - (lengthName.length - 1)) };
}

/** Whether the bytes before a `Content-Length:` line are header lines (`Content-Type: ...`), not debris. */
function isHeaderPrefix(text: string): boolean {
  return /^(?:[!-9;-~]+:[^\r\n]*\r\n)*$/.test(text);
}

/**
 * The client's byte stream as well-formed messages only: each `Content-Length` header with a
 * usable length and its body, the rest skipped up to the next `Content-Length:` header. The
 * protocol library stops understanding a stream after one bad header (a length that is no
 * number, or none); this keeps the server answering the next well-formed message instead.
 *
 * No text of a JSON body holds a `Content-Length:` line (a string holds no raw line break, and
 * the name outside a string is not JSON): where a body does, the length announced was wrong,
 * and the next message starts there.
 */
export function framedInput(input: Readable, onSkipped: (skipped: Skipped) => void): Transform {
  // The bytes not yet passed on are storage[offset, used): appended to with room to grow, so that a large body arriving in many chunks is copied a few times, not once per chunk.
  let storage = Buffer.alloc(64 * 1024);
  let offset = 0;
  let used = 0;
  const pending = () => storage.subarray(offset, used);
  const append = (chunk: Buffer) => {
    if (used + chunk.length > storage.length) {
      const kept = used - offset;
      const grown = Buffer.alloc(Math.max(storage.length, 2 * (kept + chunk.length)));
      storage.copy(grown, 0, offset, used);
      [storage, offset, used] = [grown, 0, kept];
    }
    chunk.copy(storage, used);
    used += chunk.length;
  };

  /** The body's length once its header is read, where it starts, and how far it was searched for a header. */
  let body: { length: number; start: number; searched: number } | undefined;
  let skippedBytes = 0;
  let skippedStart = '';

  const skip = (count: number) => {
    if (skippedBytes === 0) skippedStart = storage.toString('utf8', offset, offset + Math.min(count, 120));
    skippedBytes += count;
    offset += count;
  };

  const frame = (transform: Transform) => {
    for (;;) {
      const buffer = pending();
      if (!body) {
        const at = indexOfLengthName(buffer, 0);
        if (at < 0) {
          // Keep what may be the start of a header cut by the chunk's end.
          skip(Math.max(0, buffer.length - (lengthName.length - 1)));
          return;
        }
        // Header lines before it (`Content-Type: ...`) belong to the message; anything else is debris.
        if (isHeaderPrefix(buffer.toString('latin1', 0, at))) offset += at;
        else skip(at);
        const header = pending();
        const end = header.indexOf(headerEnd);
        if (end < 0) {
          if (header.length <= maxHeaderBytes) return;
          skip(lengthName.length);
          continue;
        }
        const length = Number(lengthLine.exec(header.toString('latin1', 0, end + 2))?.[1] ?? Number.NaN);
        if (!(length <= maxMessageBytes)) {
          skip(end + headerEnd.length);
          continue;
        }
        body = { length, start: end + headerEnd.length, searched: end + headerEnd.length };
        continue;
      }
      const available = Math.min(buffer.length, body.start + body.length);
      const found = headerWithin(buffer, body.searched, available);
      if (found.header !== undefined) {
        body = undefined;
        skip(found.header);
        continue;
      }
      body.searched = found.searchFrom;
      if (buffer.length < body.start + body.length) return;
      if (skippedBytes > 0) {
        onSkipped({ bytes: skippedBytes, start: skippedStart });
        skippedBytes = 0;
      }
      transform.push(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), buffer.subarray(body.start, body.start + body.length)]));
      offset += body.start + body.length;
      body = undefined;
    }
  };

  const transform = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      append(chunk);
      frame(this);
      done();
    },
  });
  return input.pipe(transform);
}
