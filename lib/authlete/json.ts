/**
 * Reads Authlete's JSON. Client IDs are Java longs: `JSON.parse` would round
 * any above 2^53 (9007199254740993 → …992) before a schema could object, so
 * the text is parsed with lossless-json instead: integers a JS number cannot
 * hold exactly become bigints, everything else stays a plain JS value.
 */
import { isInteger, isSafeNumber, parse } from 'lossless-json';

/** Parses JSON text; throws SyntaxError on malformed input. */
export function parseJson(text: string): unknown {
  return parse(text, null, parseNumber);
}

function parseNumber(digits: string): number | bigint {
  return isInteger(digits) && !isSafeNumber(digits) ? BigInt(digits) : Number(digits);
}
