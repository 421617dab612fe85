/**
 * fast-check generators for what a hostile or broken client may send to the
 * actions. "Invalid" generators are invalid by construction against the
 * documented input contract (lib/grants/inputs.ts as the design states it),
 * without asking the app's own schemas — so a schema that grew lax would let
 * an input through and the fuzz spec would see it.
 */
import fc from 'fast-check';

// The contract's numbers, restated on purpose: if the code drifts from them, the tests should not follow.
export const PAGE_SIZES = [5, 10, 20];
export const SORTS = ['service', 'oldest', 'newest', 'name', 'active'];
export const MAX_QUERY_LENGTH = 100;
export const MAX_DEVELOPER_LENGTH = 200;
export const MAX_SCOPES = 100;
export const MAX_SCOPE_LENGTH = 200;
export const BULK_REVOKE_LIMIT = 50;

const CLIENT_ID = /^[1-9][0-9]{0,18}$/;

/** Keys that have tripped up JavaScript code before, plus the names the actions use. */
const NOTABLE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'then',
  'subject',
  'sub',
  'clientId',
  'clientIds',
  'scopes',
  '$$typeof',
  '',
];

const NOTABLE_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uFEFF',
  '\u202E',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  'NaN',
  '١٢٣',
  '１２３',
  '𝟙𝟚𝟛',
  '<script>alert(1)</script>',
  "'; DROP TABLE access_tokens; --",
  '../../../etc/passwd',
  '%00',
  '\r\nSet-Cookie: pwned=1',
  '$K1',
  '$@0',
  '$F1',
  '$undefined',
  '__proto__',
];

/** Strings of every kind: short, long (up to 100k characters), unicode, lone surrogates, notable. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ maxLength: 40 }), weight: 4 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 2 },
  { arbitrary: fc.constantFrom(...NOTABLE_STRINGS), weight: 2 },
  {
    arbitrary: fc
      .tuple(
        fc.oneof(fc.integer({ min: 201, max: 5_000 }), fc.integer({ min: 5_001, max: 100_000 })),
        fc.constantFrom('x', 'é', '𝟙', '0'),
      )
      .map(([length, unit]) => unit.repeat(length)),
    weight: 1,
  },
);

/** Numbers a JSON client or a BigInt-aware one can send, including past 2^53 and not-numbers. */
export const anyNumber: fc.Arbitrary<number | bigint> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    0,
    -0,
    -1,
    2 ** 53,
    2 ** 53 + 2,
    2 ** 63,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    1e21,
    NaN,
    Infinity,
    -Infinity,
  ),
  fc.bigInt({ min: 0n, max: 2n ** 70n }),
  fc.bigInt({ min: -(2n ** 70n), max: -1n }),
);

export const anyKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NOTABLE_KEYS),
  fc.string({ maxLength: 12 }),
);

const anyLeaf: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: anyString, weight: 4 },
  { arbitrary: anyNumber, weight: 3 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.constant(undefined), weight: 1 },
  { arbitrary: fc.date({ noInvalidDate: true }), weight: 1 },
);

/** Any value the action protocol can carry: leaves, arrays, objects with notable keys, nested. */
export const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: anyLeaf, weight: 5 },
    { arbitrary: fc.array(tie('value'), { maxLength: 5 }), weight: 1 },
    { arbitrary: fc.dictionary(anyKey, tie('value'), { maxKeys: 5 }), weight: 1 },
  ),
})).value;

/** A value that survives the trip (React drops object keys whose value is undefined). */
const definedValue = anyValue.filter((value) => value !== undefined);

/** Anything that is not an object with fields: leaves, arrays (an object wrapped in one, too). */
export function notAnObject(valid: fc.Arbitrary<object>): fc.Arbitrary<unknown> {
  return fc.oneof(
    // Dates included: an object with no own keys, which a bare `{}` schema would accept.
    anyLeaf,
    fc.array(anyValue, { maxLength: 4 }),
    valid.map((object) => [object]),
  );
}

/** Strings and numbers that are not a client ID: zero, signs, padding, exponents, other digits, too long. */
export const notAClientId: fc.Arbitrary<unknown> = fc
  .oneof(
    {
      arbitrary: anyValue.filter((value) => typeof value !== 'string' || !CLIENT_ID.test(value)),
      weight: 3,
    },
    {
      arbitrary: fc
        .tuple(
          fc.constantFrom('0', '-', '+', ' ', '00', '0x', '\u0661', '１'),
          fc.stringMatching(/^[0-9]{1,18}$/),
          fc.constantFrom('', ' ', '.0', 'e3', 'n', '\n'),
        )
        .map(([prefix, digits, suffix]) => `${prefix}${digits}${suffix}`),
      weight: 2,
    },
    { arbitrary: fc.stringMatching(/^[1-9][0-9]{19,40}$/), weight: 1 },
    { arbitrary: fc.bigInt({ min: 1n, max: 2n ** 64n }), weight: 1 },
    { arbitrary: fc.integer({ min: 1 }), weight: 1 },
    // Numbers past 2^53, which JSON can carry but not exactly.
    { arbitrary: fc.bigInt({ min: 2n ** 53n + 1n, max: 2n ** 63n }).map(Number), weight: 1 },
  )
  .filter((value) => typeof value !== 'string' || !CLIENT_ID.test(value));

/** Any client ID the contract accepts: 1 to 19 digits, no leading zero (past int64 too). */
export const clientIdShaped: fc.Arbitrary<string> = fc.stringMatching(CLIENT_ID);

/** Scope lists the contract refuses: not an array, a bad name in it, or too many. */
export const notAScopeList: fc.Arbitrary<unknown> = fc.oneof(
  anyValue.filter((value) => !Array.isArray(value)),
  fc
    .tuple(
      fc.array(fc.string({ minLength: 1, maxLength: 20 }), { maxLength: 5 }),
      fc.oneof(
        anyValue.filter((value) => typeof value !== 'string'),
        fc.constant(''),
        fc.integer({ min: MAX_SCOPE_LENGTH + 1, max: 5000 }).map((n) => 's'.repeat(n)),
      ),
      fc.nat(),
    )
    .map(([names, bad, at]) => {
      const list: unknown[] = [...names];
      list.splice(at % (names.length + 1), 0, bad);
      return list;
    }),
  fc.array(fc.constantFrom('openid', 'profile'), {
    minLength: MAX_SCOPES + 1,
    maxLength: MAX_SCOPES + 20,
  }),
);

/**
 * An object that breaks `valid` in at least one way the contract forbids:
 * a field with a wrong value, a field missing, or a field it does not know.
 * No sequence of these changes can end valid (a wrong value is wrong, a
 * missing field stays missing or comes back wrong, an extra key stays), as
 * long as each `wrongValues` generator yields only wrong values — undefined
 * counts, since React drops it and the field reads as missing.
 */
export function brokenObject<T extends Record<string, unknown>>(
  valid: fc.Arbitrary<T>,
  wrongValues: { [K in keyof T]: fc.Arbitrary<unknown> },
): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.keys(wrongValues) as (keyof T & string)[];
  const knownKeys = new Set<string>(fields);
  const wrongField = fc
    .constantFrom(...fields)
    .chain((field) =>
      fc.record({ field: fc.constant(field), value: wrongValues[field] as fc.Arbitrary<unknown> }),
    );
  const extraField = fc.record({
    // React drops `__proto__` keys before the action sees them, so they cannot make an input invalid.
    key: anyKey.filter((key) => !knownKeys.has(key) && key !== '__proto__'),
    value: definedValue,
  });
  const change = fc.oneof(
    wrongField.map((wrong) => ({ kind: 'wrong' as const, ...wrong })),
    fc.constantFrom(...fields).map((field) => ({ kind: 'missing' as const, field })),
    extraField.map((extra) => ({ kind: 'extra' as const, ...extra })),
  );
  return fc
    .tuple(valid, fc.array(change, { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([base, changes, withProtoKey]) => {
      const out: Record<string, unknown> = { ...base };
      for (const c of changes) {
        if (c.kind === 'missing') delete out[c.field];
        else define(out, c.kind === 'wrong' ? c.field : c.key, c.value);
      }
      // A `__proto__` key rides along sometimes: it must neither help nor crash.
      if (withProtoKey) define(out, '__proto__', { clientId: '1', subject: 'someone-else' });
      return out;
    });
}

function define(target: Record<string, unknown>, key: string, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    configurable: true,
    writable: true,
  });
}

/**
 * Return paths a crafted link might carry: absolute URLs, protocol-relative
 * ones, and paths whose dot segments, backslashes, tabs or escapes may
 * collapse into another host.
 */
export const returnPath: fc.Arbitrary<unknown> = fc.oneof(
  anyValue,
  fc.webUrl(),
  anyString.map((rest) => `/${rest}`),
  anyString.map((rest) => `//${rest}`),
  anyString.map((rest) => `/\\${rest}`),
  fc
    .array(
      fc.constantFrom(
        '',
        '.',
        '..',
        '%2e',
        '%2E%2e',
        '%2F',
        '\\',
        '\t',
        '\n',
        '@evil.example',
        'evil.example',
        'apps',
        ':',
      ),
      { maxLength: 6 },
    )
    .map((parts) => `/${parts.join('/')}`),
);
