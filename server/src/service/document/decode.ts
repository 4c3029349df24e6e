import chardet from 'chardet';
import { maxTextLength } from './parse';

/** A plan file's bytes as text, or why they are not text. */
export type DecodedFile =
  | { kind: 'text'; text: string }
  | { kind: 'notText'; reason: 'binary' }
  /** Not valid UTF-8; `encoding` is the legacy encoding it most likely is, when one stands out. */
  | { kind: 'notText'; reason: 'encoding'; encoding?: string }
  /** Over the size mktplan reads (`maxTextLength`): `size` bytes, of which only the start was read. */
  | { kind: 'notText'; reason: 'tooLarge'; size: number };

const utf8 = new TextDecoder('utf-8', { fatal: true });

const toneMark = /[\u0300\u0301\u0303\u0309\u0323]/g;
const vowel = /[aeiouyâêôăơưAEIOUYÂÊÔĂƠƯ]/;

/**
 * How much bytes read as Windows-1258 look like Vietnamese: its tone marks are separate
 * characters, and each follows a vowel. Cyrillic or Western text read this way has few marks,
 * after letters of every kind.
 */
function vietnameseShare(bytes: Uint8Array): number {
  const text = new TextDecoder('windows-1258').decode(bytes);
  const marks = [...text.matchAll(toneMark)];
  if (marks.length < 3) return 0;
  return marks.filter((mark) => vowel.test(text[mark.index - 1] ?? '')).length / marks.length;
}

/** The share of lower-case Cyrillic among the letters outside ASCII, read in an encoding: Russian text is mostly lower case. */
function lowerCyrillicShare(bytes: Uint8Array, encoding: string): number {
  const letters = new TextDecoder(encoding).decode(bytes).match(/[^\x00-\x7f]/g) ?? [];
  return letters.length === 0 ? 0 : letters.filter((letter) => /[а-яё]/.test(letter)).length / letters.length;
}

/**
 * The legacy encoding that bytes which are not UTF-8 most likely are. The detector reads the
 * structure of Chinese and Japanese encodings well, but a plan's keys are ASCII and outweigh
 * its few words in a single-byte encoding: for those, the languages of the product's users
 * (Russian, Vietnamese) are tried by what their text looks like.
 */
export function likelyEncoding(bytes: Uint8Array): string | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return 'UTF-16';
  const guess = chardet.analyse(bytes)[0];
  if (guess && guess.confidence >= 50 && /^(?:GB18030|Big5|Shift_JIS|EUC-JP|EUC-KR|ISO-2022-\w+)$/.test(guess.name)) return guess.name;
  if (vietnameseShare(bytes) >= 0.8) return 'windows-1258';
  const [windows, koi] = [lowerCyrillicShare(bytes, 'windows-1251'), lowerCyrillicShare(bytes, 'koi8-r')];
  if (Math.max(windows, koi) >= 0.6) return windows >= koi ? 'windows-1251' : 'KOI8-R';
  return guess && guess.confidence >= 10 ? guess.name : undefined;
}

/**
 * Decodes a plan file as UTF-8, without its byte order mark; anything else is not a plan's text.
 * The doors read at most one byte more than `maxTextLength`: more is a file too large to read,
 * of `size` bytes on the disk.
 */
export function decodePlanFile(bytes: Uint8Array, size = bytes.length): DecodedFile {
  if (bytes.length > maxTextLength) return { kind: 'notText', reason: 'tooLarge', size: Math.max(size, bytes.length) };
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && bytes.includes(0)) return { kind: 'notText', reason: 'binary' };
  try {
    // The decoder drops a leading byte order mark: columns on the first line count from after it.
    return { kind: 'text', text: utf8.decode(bytes) };
  } catch {
    return { kind: 'notText', reason: 'encoding', encoding: likelyEncoding(bytes) };
  }
}
