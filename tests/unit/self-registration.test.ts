/** "Registered itself": from Authlete's clientSource, or its older dynamicallyRegistered flag. */
import { describe, expect, it } from 'vitest';
import { selfRegistration } from '@/lib/grants/dto';

describe('selfRegistration', () => {
  it.each([
    ['DYNAMIC_REGISTRATION', 'dynamic'],
    ['AUTOMATIC_REGISTRATION', 'federation'],
    ['EXPLICIT_REGISTRATION', 'federation'],
    ['METADATA_DOCUMENT', 'metadata_document'],
    ['STATIC_REGISTRATION', null],
  ] as const)('reads clientSource %s as %s', (clientSource, expected) => {
    expect(selfRegistration({ clientSource, dynamicallyRegistered: false })).toBe(expected);
  });

  it('trusts clientSource over the older flag, and the flag where there is no clientSource', () => {
    expect(
      selfRegistration({ clientSource: 'STATIC_REGISTRATION', dynamicallyRegistered: true }),
    ).toBeNull();
    expect(selfRegistration({ clientSource: null, dynamicallyRegistered: true })).toBe('dynamic');
    expect(selfRegistration({ clientSource: null, dynamicallyRegistered: false })).toBeNull();
  });

  it('claims nothing for a source it does not know, however it is spelled', () => {
    for (const clientSource of ['SOMETHING_NEW', 'constructor', '__proto__', 'toString', '']) {
      expect(selfRegistration({ clientSource, dynamicallyRegistered: false })).toBeNull();
    }
  });
});
