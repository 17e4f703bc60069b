import { describe, expect, it } from 'vitest';
import { directoryContradicts, directoryMatch, nationalMobile } from '../../src/domain/identity/claims.js';
import { cleanName, cleanText } from '../../src/domain/normalise.js';

describe('text cleaning', () => {
  it('removes zero-width, bidi and control characters and keeps line breaks', () => {
    expect(cleanText('修\u200b路\u202e，\u0007铺桥\r\n第二行\t完')).toBe('修路，铺桥\n第二行\t完');
  });

  it('takes the NFKC form of letters and digits but keeps Chinese punctuation', () => {
    expect(cleanText('ＡＢＣ１２３：还有……（备注）')).toBe('ABC123：还有……（备注）');
  });

  it('names lose every space and invisible character', () => {
    expect(cleanName(' 张\u200b 卫\u2060东\ufeff ')).toBe('张卫东');
    expect(cleanName('张\u3000卫东')).toBe('张卫东');
  });

  // Each of these renders as nothing, so 「张?卫东」 would look exactly like 张卫东 (an outside probe's list).
  it.each([
    ['U+034F combining grapheme joiner', '\u034f'],
    ['U+FE00 variation selector 1', '\ufe00'],
    ['U+FE0F variation selector 16', '\ufe0f'],
    ['U+E0100 variation selector 17', '\u{e0100}'],
    ['U+E01EF variation selector 256', '\u{e01ef}'],
    ['U+180B Mongolian free variation selector 1', '\u180b'],
    ['U+180F Mongolian free variation selector 4', '\u180f'],
    ['U+115F Hangul choseong filler', '\u115f'],
    ['U+1160 Hangul jungseong filler', '\u1160'],
    ['U+3164 Hangul filler', '\u3164'],
    ['U+FFA0 halfwidth Hangul filler', '\uffa0'],
    ['U+2800 braille blank', '\u2800'],
  ])('a name loses %s', (_, ch) => {
    expect(cleanName(`张${ch}卫东`)).toBe('张卫东');
    expect(cleanName(`${ch}张卫东${ch}`)).toBe('张卫东');
  });

  it('free text loses the same characters, joiners and selectors inside emoji included, and keeps line breaks and tabs', () => {
    expect(cleanText('修\ufe0f路\u2800\u3164\u034f\n第二行\t完')).toBe('修路\n第二行\t完');
    // The family emoji falls apart into its people and ❤️ into its text-style heart: still readable.
    expect(cleanText('👨\u200d👩\u200d👧 ❤\ufe0f')).toBe('👨👩👧 ❤');
  });
});

describe('directory matching', () => {
  it('reads mobiles in the forms directories and rosters use', () => {
    expect(nationalMobile('+86 139-0877-2468')).toBe('13908772468');
    expect(nationalMobile('+8613908772468')).toBe('13908772468');
    expect(nationalMobile('008613908772468')).toBe('13908772468');
    expect(nationalMobile('')).toBeNull();
  });

  it('prefers the employee number, then the mobile; a different mobile contradicts', () => {
    expect(directoryMatch({ mobile: '+8613900000000', employeeNo: 'E7' }, { phone: '13908772468', employeeNo: 'E7' })).toBe('directory_employee_no');
    expect(directoryMatch({ mobile: '+8613908772468', employeeNo: null }, { phone: '13908772468', employeeNo: null })).toBe('directory_mobile');
    expect(directoryMatch({ mobile: null, employeeNo: 'E8' }, { phone: '13908772468', employeeNo: 'E7' })).toBeNull();
    expect(directoryContradicts({ mobile: '+8613900000000', employeeNo: null }, { phone: '13908772468', employeeNo: null })).toBe(true);
    expect(directoryContradicts(null, { phone: '13908772468', employeeNo: null })).toBe(false);
  });
});
