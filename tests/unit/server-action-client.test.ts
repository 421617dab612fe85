/**
 * The e2e helper that calls server actions over HTTP (tests/support/actions.ts):
 * what it sends must be what React's client sends, and what it reads back must
 * be what the action returned, or the security tests would prove nothing. The
 * Flight samples are answers captured from this app's production build.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeArgs, parseFlightRows, readActionResult } from '../support/actions';

const ROOT = '0:{"a":"$@1","q":"","i":false,"b":"TRilZF5C8jdTZSFs0hQ0r"}\n';

describe('reading an action answer', () => {
  it('returns the value row 0 points at', () => {
    const body = `${ROOT}1:{"ok":false,"error":{"code":"invalid_input","fieldErrors":{"clientId":["not a client ID"]}}}\n`;
    expect(readActionResult(body)).toEqual({
      returned: true,
      value: {
        ok: false,
        error: { code: 'invalid_input', fieldErrors: { clientId: ['not a client ID'] } },
      },
    });
  });

  it('reads an action that returned nothing as a returned undefined', () => {
    expect(readActionResult(`${ROOT}1:"$undefined"\n`)).toEqual({
      returned: true,
      value: undefined,
    });
  });

  it('reads long strings from text rows, whose length counts UTF-8 bytes', () => {
    const text = 'アé$x'.repeat(300) + '\nline 2';
    const length = Buffer.byteLength(text).toString(16);
    const body = `${ROOT}2:T${length},${text}1:{"ok":true,"data":{"description":"$2","name":"$$5 off"}}\n`;
    expect(readActionResult(body)).toEqual({
      returned: true,
      value: { ok: true, data: { description: text, name: '$5 off' } },
    });
  });

  it('reports a thrown action as thrown, with its digest, and not as a value', () => {
    expect(readActionResult(`${ROOT}1:E{"digest":"1573047727"}\n`)).toEqual({
      returned: false,
      value: undefined,
      thrown: { digest: '1573047727' },
    });
  });

  it('finds no value in an answer that only renders a page (after a redirect)', () => {
    const body =
      '1:"$Sreact.fragment"\n4:"/_next/static/chunks/3lesulcfgiavp.js"\n7:I[39756,["$4"],"default"]\n' +
      ':HL["/_next/static/chunks/3ytnifogx3u1k.css","style"]\nb:X\n0:{"q":"","i":false,"b":"x"}\n';
    expect([...parseFlightRows(body).keys()].sort()).toEqual(['0', '1', '4']);
    expect(readActionResult(body)).toEqual({ returned: false, value: undefined });
  });
});

describe('encoding arguments as React does', () => {
  it('escapes strings that start with $ and spells out what JSON cannot say', () => {
    expect(
      JSON.parse(
        encodeArgs([
          '$K1',
          undefined,
          2n ** 64n,
          NaN,
          -Infinity,
          -0,
          new Date('2026-01-02T03:04:05.000Z'),
          { nested: ['$@1', 1.5, null, true] },
        ]),
      ),
    ).toEqual([
      '$$K1',
      '$undefined',
      '$n18446744073709551616',
      '$NaN',
      '$-Infinity',
      '$-0',
      '$D2026-01-02T03:04:05.000Z',
      { nested: ['$$@1', 1.5, null, true] },
    ]);
  });

  it('keeps an own __proto__ key, as an attacker could send one', () => {
    const input = JSON.parse('{"__proto__":{"admin":true},"clientId":"1"}') as object;
    expect(encodeArgs([input])).toBe('[{"__proto__":{"admin":true},"clientId":"1"}]');
  });

  it('round-trips any JSON value through the encoding and the answer reader', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const [encoded] = JSON.parse(encodeArgs([value])) as unknown[];
        const read = readActionResult(`${ROOT}1:${JSON.stringify(encoded)}\n`);
        expect(read).toEqual({ returned: true, value });
      }),
    );
  });
});
